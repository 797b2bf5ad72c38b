# toponym_npm_bundle: a script and its style sheets from a pinned npm package, taken at
# configure time and never committed, for src/io/html_preview.cpp to compile into the binary
# with .incbin. cmake/leaflet.cmake and cmake/markercluster.cmake call it.
#
#   toponym_npm_bundle(<PREFIX>
#     PACKAGE <npm name> VERSION <version> SHA512 <hex> TITLE <name for messages>
#     JS <file in the package> CSS <file in the package>... LICENSE_FILE <file in the package>
#     [CSS_NAME <name of the joined style sheet>] [CSS_NO_URL] SOURCE <file that .incbins them>)
#
# What it does, once per build directory (a stamp with package, version and sha512 says it is
# done): `npm pack <package>@<version>` into ${CMAKE_BINARY_DIR}/_deps/<package>-<version>, or
# the tarball given as -D<PREFIX>_TGZ=FILE (offline builds); the tarball checked against the
# registry's sha512 integrity; the files unpacked and checked. The script's sourceMappingURL
# comment is dropped (it names a file beside the page: nothing to load); one style sheet is
# copied as it is, several are joined in the order given (a newline between). Neither may close its element early (</script, </style); with
# CSS_NO_URL the style sheets may load nothing (no url()).
#
# Sets <PREFIX>_JS, <PREFIX>_CSS and <PREFIX>_LICENSE_FILE (paths) in the caller's scope, and
# passes <PREFIX>_JS, <PREFIX>_CSS and <PREFIX>_VERSION to SOURCE as compile definitions, with
# the two files as its OBJECT_DEPENDS. Call from the top-level CMakeLists.txt (source
# properties are per directory).

function(toponym_npm_bundle prefix)
  cmake_parse_arguments(PARSE_ARGV 1 arg "CSS_NO_URL" "PACKAGE;VERSION;SHA512;TITLE;JS;LICENSE_FILE;CSS_NAME;SOURCE" "CSS")
  set(${prefix}_TGZ "" CACHE FILEPATH
      "${arg_PACKAGE}-${arg_VERSION}.tgz to use instead of running `npm pack` (offline builds)")
  set(tgz_given "${${prefix}_TGZ}")
  if(NOT arg_CSS_NAME)
    list(GET arg_CSS 0 first_css)
    get_filename_component(arg_CSS_NAME "${first_css}" NAME)
  endif()
  get_filename_component(js_name "${arg_JS}" NAME)

  set(dir "${CMAKE_BINARY_DIR}/_deps/${arg_PACKAGE}-${arg_VERSION}")
  set(js "${dir}/${js_name}")
  set(css "${dir}/${arg_CSS_NAME}")
  set(license "${dir}/LICENSE")
  set(stamp "${dir}/ok.stamp")
  set(stamp_text "${arg_PACKAGE} ${arg_VERSION} ${arg_SHA512}\n")
  set(package "${arg_PACKAGE}@${arg_VERSION}")

  set(have "")
  if(EXISTS "${stamp}" AND EXISTS "${js}" AND EXISTS "${css}" AND EXISTS "${license}")
    file(READ "${stamp}" have)
  endif()
  if(NOT have STREQUAL stamp_text)
    file(REMOVE_RECURSE "${dir}")
    file(MAKE_DIRECTORY "${dir}/download")

    if(tgz_given)
      set(tgz "${tgz_given}")
      if(NOT EXISTS "${tgz}")
        message(FATAL_ERROR "toponym: ${prefix}_TGZ=${tgz} does not exist")
      endif()
    else()
      find_program(TOPONYM_NPM npm)
      if(NOT TOPONYM_NPM)
        message(FATAL_ERROR
          "toponym: npm not found. The HTML preview inlines ${arg_TITLE} ${arg_VERSION}, which the build "
          "takes from the npm package (npm pack ${package}).\n"
          "Install npm (Debian: apt-get install npm; scripts/install-deps does it), or pass "
          "-D${prefix}_TGZ=/path/to/${arg_PACKAGE}-${arg_VERSION}.tgz, or -DTOPONYM_NPM=/path/to/npm.")
      endif()
      message(STATUS "toponym: fetching ${arg_TITLE} ${arg_VERSION} with npm pack")
      execute_process(
        COMMAND "${TOPONYM_NPM}" pack "${package}" --ignore-scripts --silent
        WORKING_DIRECTORY "${dir}/download"
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE out
        ERROR_VARIABLE err)
      set(tgz "${dir}/download/${arg_PACKAGE}-${arg_VERSION}.tgz")
      if(NOT rc EQUAL 0 OR NOT EXISTS "${tgz}")
        message(FATAL_ERROR
          "toponym: `npm pack ${package}` failed (exit ${rc}); the HTML preview needs it from the npm "
          "registry (or -D${prefix}_TGZ=FILE).\n${err}")
      endif()
    endif()

    file(SHA512 "${tgz}" sha512)
    if(NOT sha512 STREQUAL arg_SHA512)
      message(FATAL_ERROR
        "toponym: ${tgz} is not the published ${arg_PACKAGE}-${arg_VERSION}.tgz "
        "(sha512 ${sha512}, expected ${arg_SHA512})")
    endif()

    set(files ${arg_JS} ${arg_CSS} ${arg_LICENSE_FILE})
    set(patterns ${files})
    list(TRANSFORM patterns PREPEND "package/")
    file(ARCHIVE_EXTRACT INPUT "${tgz}" DESTINATION "${dir}/unpacked" PATTERNS ${patterns})
    foreach(f ${files})
      if(NOT EXISTS "${dir}/unpacked/package/${f}")
        message(FATAL_ERROR "toponym: ${arg_PACKAGE}-${arg_VERSION}.tgz has no package/${f}")
      endif()
    endforeach()

    file(READ "${dir}/unpacked/package/${arg_JS}" js_text)
    string(REGEX REPLACE "\n//# sourceMappingURL=[^\n]*" "" js_text "${js_text}")
    set(css_text "")
    foreach(f ${arg_CSS})
      file(READ "${dir}/unpacked/package/${f}" one)
      if(NOT css_text STREQUAL "")
        string(APPEND css_text "\n")
      endif()
      string(APPEND css_text "${one}")
    endforeach()
    string(TOLOWER "${js_text}" lower)
    string(FIND "${lower}" "</script" pos)
    if(NOT pos EQUAL -1)
      message(FATAL_ERROR "toponym: ${js_name} contains </script and cannot be inlined")
    endif()
    string(TOLOWER "${css_text}" lower)
    string(FIND "${lower}" "</style" pos)
    if(NOT pos EQUAL -1)
      message(FATAL_ERROR "toponym: the ${arg_TITLE} CSS contains </style and cannot be inlined")
    endif()
    string(FIND "${lower}" "url(" pos)
    if(arg_CSS_NO_URL AND NOT pos EQUAL -1)
      message(FATAL_ERROR "toponym: the ${arg_TITLE} CSS contains url( and cannot be inlined")
    endif()
    file(WRITE "${js}" "${js_text}")
    list(LENGTH arg_CSS css_count)
    if(css_count EQUAL 1)
      file(COPY_FILE "${dir}/unpacked/package/${arg_CSS}" "${css}")  # as it is, line ends included
    else()
      file(WRITE "${css}" "${css_text}")
    endif()
    file(COPY_FILE "${dir}/unpacked/package/${arg_LICENSE_FILE}" "${license}")
    file(WRITE "${stamp}" "${stamp_text}")
  endif()

  set_property(SOURCE "${arg_SOURCE}" APPEND PROPERTY COMPILE_DEFINITIONS
    "${prefix}_JS=\"${js}\"" "${prefix}_CSS=\"${css}\"" "${prefix}_VERSION=\"${arg_VERSION}\"")
  set_property(SOURCE "${arg_SOURCE}" APPEND PROPERTY OBJECT_DEPENDS "${js};${css}")
  set(${prefix}_JS "${js}" PARENT_SCOPE)
  set(${prefix}_CSS "${css}" PARENT_SCOPE)
  set(${prefix}_LICENSE_FILE "${license}" PARENT_SCOPE)
endfunction()
