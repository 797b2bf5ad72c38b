# Leaflet.markercluster for the HTML preview (src/io/html_preview.cpp clusters the markers of a
# page with many events), taken from its npm package at configure time exactly as Leaflet is
# (cmake/leaflet.cmake): `npm pack leaflet.markercluster@1.5.3` into the build directory, the
# tarball checked against the registry's sha512 integrity (pinned below),
# dist/leaflet.markercluster.js and the two CSS files unpacked and checked, then compiled into
# the binary with .incbin (paths passed as TOPONYM_MARKERCLUSTER_JS / TOPONYM_MARKERCLUSTER_CSS).
# MIT licence (MIT-LICENCE.txt in the package, copied beside the files for the Debian copyright).
#
# Offline builds: -DTOPONYM_MARKERCLUSTER_TGZ=/path/to/leaflet.markercluster-1.5.3.tgz skips npm.
#
# Include from the top-level CMakeLists.txt after cmake/leaflet.cmake.

set(TOPONYM_MARKERCLUSTER_VERSION 1.5.3)
# sha512 of leaflet.markercluster-1.5.3.tgz as published on registry.npmjs.org (its
# `dist.integrity`,
# sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==).
set(TOPONYM_MARKERCLUSTER_SHA512
    bcf4f0fc19ddabb7901e32c15655a99c678b6b7b7edf31a2b8cedf2700a488c16afa7991b86dd12377fb7f83784c35fb4f83696c05e9476f8d4d148419f09278)
set(TOPONYM_MARKERCLUSTER_TGZ "" CACHE FILEPATH
    "leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}.tgz to use instead of running `npm pack` (offline builds)")

set(_mc_dir "${CMAKE_BINARY_DIR}/_deps/leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}")
set(TOPONYM_MARKERCLUSTER_JS "${_mc_dir}/leaflet.markercluster.js")
set(TOPONYM_MARKERCLUSTER_CSS "${_mc_dir}/markercluster.css")
set(TOPONYM_MARKERCLUSTER_LICENSE "${_mc_dir}/LICENSE")
set(_mc_stamp "${_mc_dir}/ok.stamp")
set(_mc_stamp_text "leaflet.markercluster ${TOPONYM_MARKERCLUSTER_VERSION} ${TOPONYM_MARKERCLUSTER_SHA512}\n")

set(_mc_have "")
if(EXISTS "${_mc_stamp}" AND EXISTS "${TOPONYM_MARKERCLUSTER_JS}" AND EXISTS "${TOPONYM_MARKERCLUSTER_CSS}"
   AND EXISTS "${TOPONYM_MARKERCLUSTER_LICENSE}")
  file(READ "${_mc_stamp}" _mc_have)
endif()
if(NOT _mc_have STREQUAL _mc_stamp_text)
  file(REMOVE_RECURSE "${_mc_dir}")
  file(MAKE_DIRECTORY "${_mc_dir}/download")

  if(TOPONYM_MARKERCLUSTER_TGZ)
    set(_mc_tgz "${TOPONYM_MARKERCLUSTER_TGZ}")
    if(NOT EXISTS "${_mc_tgz}")
      message(FATAL_ERROR "toponym: TOPONYM_MARKERCLUSTER_TGZ=${_mc_tgz} does not exist")
    endif()
  else()
    find_program(TOPONYM_NPM npm)
    if(NOT TOPONYM_NPM)
      message(FATAL_ERROR
        "toponym: npm not found. The HTML preview inlines Leaflet.markercluster "
        "${TOPONYM_MARKERCLUSTER_VERSION}, which the build takes from the npm package.\n"
        "Install npm (Debian: apt-get install npm), or pass "
        "-DTOPONYM_MARKERCLUSTER_TGZ=/path/to/leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}.tgz.")
    endif()
    message(STATUS "toponym: fetching Leaflet.markercluster ${TOPONYM_MARKERCLUSTER_VERSION} with npm pack")
    execute_process(
      COMMAND "${TOPONYM_NPM}" pack "leaflet.markercluster@${TOPONYM_MARKERCLUSTER_VERSION}" --ignore-scripts --silent
      WORKING_DIRECTORY "${_mc_dir}/download"
      RESULT_VARIABLE _mc_rc
      OUTPUT_VARIABLE _mc_out
      ERROR_VARIABLE _mc_err)
    set(_mc_tgz "${_mc_dir}/download/leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}.tgz")
    if(NOT _mc_rc EQUAL 0 OR NOT EXISTS "${_mc_tgz}")
      message(FATAL_ERROR
        "toponym: `npm pack leaflet.markercluster@${TOPONYM_MARKERCLUSTER_VERSION}` failed (exit ${_mc_rc}); "
        "the HTML preview needs it from the npm registry (or -DTOPONYM_MARKERCLUSTER_TGZ=FILE).\n${_mc_err}")
    endif()
  endif()

  file(SHA512 "${_mc_tgz}" _mc_sha512)
  if(NOT _mc_sha512 STREQUAL TOPONYM_MARKERCLUSTER_SHA512)
    message(FATAL_ERROR
      "toponym: ${_mc_tgz} is not the published leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}.tgz "
      "(sha512 ${_mc_sha512}, expected ${TOPONYM_MARKERCLUSTER_SHA512})")
  endif()

  set(_mc_files dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt)
  set(_mc_patterns ${_mc_files})
  list(TRANSFORM _mc_patterns PREPEND "package/")
  file(ARCHIVE_EXTRACT INPUT "${_mc_tgz}" DESTINATION "${_mc_dir}/unpacked" PATTERNS ${_mc_patterns})
  foreach(_f ${_mc_files})
    if(NOT EXISTS "${_mc_dir}/unpacked/package/${_f}")
      message(FATAL_ERROR "toponym: leaflet.markercluster-${TOPONYM_MARKERCLUSTER_VERSION}.tgz has no package/${_f}")
    endif()
  endforeach()

  # Inlined like Leaflet: no element may close early; the sourceMappingURL comment is dropped;
  # the two style sheets (layout, then the default cluster colours) become one, and they must
  # load nothing (no url()).
  file(READ "${_mc_dir}/unpacked/package/dist/leaflet.markercluster.js" _mc_js_text)
  file(READ "${_mc_dir}/unpacked/package/dist/MarkerCluster.css" _mc_css_text)
  file(READ "${_mc_dir}/unpacked/package/dist/MarkerCluster.Default.css" _mc_css2_text)
  string(APPEND _mc_css_text "\n${_mc_css2_text}")
  string(REGEX REPLACE "\n//# sourceMappingURL=[^\n]*" "" _mc_js_text "${_mc_js_text}")
  string(TOLOWER "${_mc_js_text}" _mc_lower)
  string(FIND "${_mc_lower}" "</script" _mc_pos)
  if(NOT _mc_pos EQUAL -1)
    message(FATAL_ERROR "toponym: leaflet.markercluster.js contains </script and cannot be inlined")
  endif()
  string(TOLOWER "${_mc_css_text}" _mc_lower)
  string(FIND "${_mc_lower}" "</style" _mc_pos)
  string(FIND "${_mc_lower}" "url(" _mc_url)
  if(NOT _mc_pos EQUAL -1 OR NOT _mc_url EQUAL -1)
    message(FATAL_ERROR "toponym: the markercluster CSS contains </style or url( and cannot be inlined")
  endif()
  file(WRITE "${TOPONYM_MARKERCLUSTER_JS}" "${_mc_js_text}")
  file(WRITE "${TOPONYM_MARKERCLUSTER_CSS}" "${_mc_css_text}")
  file(COPY_FILE "${_mc_dir}/unpacked/package/MIT-LICENCE.txt" "${TOPONYM_MARKERCLUSTER_LICENSE}")
  file(WRITE "${_mc_stamp}" "${_mc_stamp_text}")
  unset(_mc_js_text)
  unset(_mc_css_text)
  unset(_mc_css2_text)
  unset(_mc_lower)
endif()

set_property(SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp" APPEND PROPERTY COMPILE_DEFINITIONS
  "TOPONYM_MARKERCLUSTER_JS=\"${TOPONYM_MARKERCLUSTER_JS}\"" "TOPONYM_MARKERCLUSTER_CSS=\"${TOPONYM_MARKERCLUSTER_CSS}\""
  "TOPONYM_MARKERCLUSTER_VERSION=\"${TOPONYM_MARKERCLUSTER_VERSION}\"")
set_property(SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp" APPEND PROPERTY OBJECT_DEPENDS
  "${TOPONYM_MARKERCLUSTER_JS};${TOPONYM_MARKERCLUSTER_CSS}")
