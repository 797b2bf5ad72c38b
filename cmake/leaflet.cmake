# Leaflet for the HTML preview (src/io/html_preview.cpp), taken from the npm package at
# configure time and never committed: `npm pack leaflet@1.9.4` into the build directory, the
# tarball checked against the registry's sha512 integrity (pinned below), dist/leaflet.js and
# dist/leaflet.css unpacked and checked, then compiled into the binary with .incbin (the paths
# are passed to html_preview.cpp as TOPONYM_LEAFLET_JS / TOPONYM_LEAFLET_CSS).
#
# Offline builds: -DTOPONYM_LEAFLET_TGZ=/path/to/leaflet-1.9.4.tgz (the same tarball, e.g. from
# `npm pack leaflet@1.9.4` elsewhere) skips npm. The download happens once per build directory.
#
# Include from the top-level CMakeLists.txt (the source properties set here are per directory).

set(TOPONYM_LEAFLET_VERSION 1.9.4)
# sha512 of leaflet-1.9.4.tgz as published on registry.npmjs.org (its `dist.integrity`,
# sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==).
set(TOPONYM_LEAFLET_SHA512
    9f14b5ca7cc93a63a51e9fa22f71725aa2bcf46b4d2fc53caef94c3ac41d4d3b2cc59c025e1f0dd8d07718340e2fe611dd79d6c99031c108b15116fe140ef83c)
set(TOPONYM_LEAFLET_TGZ "" CACHE FILEPATH
    "leaflet-${TOPONYM_LEAFLET_VERSION}.tgz to use instead of running `npm pack` (offline builds)")

set(_leaflet_dir "${CMAKE_BINARY_DIR}/_deps/leaflet-${TOPONYM_LEAFLET_VERSION}")
set(TOPONYM_LEAFLET_JS "${_leaflet_dir}/leaflet.js")
set(TOPONYM_LEAFLET_CSS "${_leaflet_dir}/leaflet.css")
set(_leaflet_stamp "${_leaflet_dir}/ok.stamp")
set(_leaflet_stamp_text "leaflet ${TOPONYM_LEAFLET_VERSION} ${TOPONYM_LEAFLET_SHA512}\n")

set(_leaflet_have "")
if(EXISTS "${_leaflet_stamp}" AND EXISTS "${TOPONYM_LEAFLET_JS}" AND EXISTS "${TOPONYM_LEAFLET_CSS}")
  file(READ "${_leaflet_stamp}" _leaflet_have)
endif()
if(NOT _leaflet_have STREQUAL _leaflet_stamp_text)
  file(REMOVE_RECURSE "${_leaflet_dir}")
  file(MAKE_DIRECTORY "${_leaflet_dir}/download")

  if(TOPONYM_LEAFLET_TGZ)
    set(_leaflet_tgz "${TOPONYM_LEAFLET_TGZ}")
    if(NOT EXISTS "${_leaflet_tgz}")
      message(FATAL_ERROR "toponym: TOPONYM_LEAFLET_TGZ=${_leaflet_tgz} does not exist")
    endif()
  else()
    find_program(TOPONYM_NPM npm)
    if(NOT TOPONYM_NPM)
      message(FATAL_ERROR
        "toponym: npm not found. The HTML preview inlines Leaflet ${TOPONYM_LEAFLET_VERSION}, which the "
        "build takes from the npm package (npm pack leaflet@${TOPONYM_LEAFLET_VERSION}).\n"
        "Install npm (Debian: apt-get install npm; scripts/install-deps does it), or pass "
        "-DTOPONYM_LEAFLET_TGZ=/path/to/leaflet-${TOPONYM_LEAFLET_VERSION}.tgz, or -DTOPONYM_NPM=/path/to/npm.")
    endif()
    message(STATUS "toponym: fetching Leaflet ${TOPONYM_LEAFLET_VERSION} with npm pack")
    execute_process(
      COMMAND "${TOPONYM_NPM}" pack "leaflet@${TOPONYM_LEAFLET_VERSION}" --ignore-scripts --silent
      WORKING_DIRECTORY "${_leaflet_dir}/download"
      RESULT_VARIABLE _leaflet_rc
      OUTPUT_VARIABLE _leaflet_out
      ERROR_VARIABLE _leaflet_err)
    set(_leaflet_tgz "${_leaflet_dir}/download/leaflet-${TOPONYM_LEAFLET_VERSION}.tgz")
    if(NOT _leaflet_rc EQUAL 0 OR NOT EXISTS "${_leaflet_tgz}")
      message(FATAL_ERROR
        "toponym: `npm pack leaflet@${TOPONYM_LEAFLET_VERSION}` failed (exit ${_leaflet_rc}); the HTML "
        "preview needs Leaflet from the npm registry (or -DTOPONYM_LEAFLET_TGZ=FILE).\n${_leaflet_err}")
    endif()
  endif()

  file(SHA512 "${_leaflet_tgz}" _leaflet_sha512)
  if(NOT _leaflet_sha512 STREQUAL TOPONYM_LEAFLET_SHA512)
    message(FATAL_ERROR
      "toponym: ${_leaflet_tgz} is not the published leaflet-${TOPONYM_LEAFLET_VERSION}.tgz "
      "(sha512 ${_leaflet_sha512}, expected ${TOPONYM_LEAFLET_SHA512})")
  endif()

  file(ARCHIVE_EXTRACT INPUT "${_leaflet_tgz}" DESTINATION "${_leaflet_dir}/unpacked"
       PATTERNS package/dist/leaflet.js package/dist/leaflet.css package/LICENSE)
  foreach(_f dist/leaflet.js dist/leaflet.css LICENSE)
    if(NOT EXISTS "${_leaflet_dir}/unpacked/package/${_f}")
      message(FATAL_ERROR "toponym: leaflet-${TOPONYM_LEAFLET_VERSION}.tgz has no package/${_f}")
    endif()
  endforeach()

  # The page inlines both files, so they must not close their element early. The JS's
  # sourceMappingURL comment is dropped (it names a file beside the page: nothing to load); the
  # CSS is copied as it is.
  file(READ "${_leaflet_dir}/unpacked/package/dist/leaflet.js" _leaflet_js_text)
  file(READ "${_leaflet_dir}/unpacked/package/dist/leaflet.css" _leaflet_css_text)
  string(REGEX REPLACE "\n//# sourceMappingURL=[^\n]*" "" _leaflet_js_text "${_leaflet_js_text}")
  string(TOLOWER "${_leaflet_js_text}" _leaflet_lower)
  string(FIND "${_leaflet_lower}" "</script" _leaflet_pos)
  if(NOT _leaflet_pos EQUAL -1)
    message(FATAL_ERROR "toponym: leaflet.js contains </script and cannot be inlined")
  endif()
  string(TOLOWER "${_leaflet_css_text}" _leaflet_lower)
  string(FIND "${_leaflet_lower}" "</style" _leaflet_pos)
  if(NOT _leaflet_pos EQUAL -1)
    message(FATAL_ERROR "toponym: leaflet.css contains </style and cannot be inlined")
  endif()
  file(WRITE "${TOPONYM_LEAFLET_JS}" "${_leaflet_js_text}")
  file(COPY_FILE "${_leaflet_dir}/unpacked/package/dist/leaflet.css" "${TOPONYM_LEAFLET_CSS}")
  file(COPY_FILE "${_leaflet_dir}/unpacked/package/LICENSE" "${_leaflet_dir}/LICENSE")
  file(WRITE "${_leaflet_stamp}" "${_leaflet_stamp_text}")
  unset(_leaflet_js_text)
  unset(_leaflet_css_text)
  unset(_leaflet_lower)
endif()

# html_preview.cpp pulls the two files in with .incbin: give it their paths and rebuild it when
# they change.
set_property(SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp" APPEND PROPERTY COMPILE_DEFINITIONS
  "TOPONYM_LEAFLET_JS=\"${TOPONYM_LEAFLET_JS}\"" "TOPONYM_LEAFLET_CSS=\"${TOPONYM_LEAFLET_CSS}\"")
set_property(SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp" APPEND PROPERTY OBJECT_DEPENDS
  "${TOPONYM_LEAFLET_JS};${TOPONYM_LEAFLET_CSS}")
