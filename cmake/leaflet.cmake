# Leaflet for the HTML preview (src/io/html_preview.cpp), taken from the npm package at
# configure time and never committed (cmake/npm_bundle.cmake): `npm pack leaflet@1.9.4` into
# the build directory, the tarball checked against the registry's sha512 integrity (pinned
# below), dist/leaflet.js and dist/leaflet.css unpacked and checked, then compiled into the
# binary with .incbin (the paths are passed to html_preview.cpp as TOPONYM_LEAFLET_JS /
# TOPONYM_LEAFLET_CSS). The CSS is inlined as it is.
#
# Offline builds: -DTOPONYM_LEAFLET_TGZ=/path/to/leaflet-1.9.4.tgz (the same tarball, e.g. from
# `npm pack leaflet@1.9.4` elsewhere) skips npm. The download happens once per build directory.
#
# Include from the top-level CMakeLists.txt (the source properties set here are per directory).

include("${CMAKE_CURRENT_LIST_DIR}/npm_bundle.cmake")

set(TOPONYM_LEAFLET_VERSION 1.9.4)
# sha512 of leaflet-1.9.4.tgz as published on registry.npmjs.org (its `dist.integrity`,
# sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==).
set(TOPONYM_LEAFLET_SHA512
    9f14b5ca7cc93a63a51e9fa22f71725aa2bcf46b4d2fc53caef94c3ac41d4d3b2cc59c025e1f0dd8d07718340e2fe611dd79d6c99031c108b15116fe140ef83c)

toponym_npm_bundle(TOPONYM_LEAFLET
  PACKAGE leaflet VERSION ${TOPONYM_LEAFLET_VERSION} SHA512 ${TOPONYM_LEAFLET_SHA512} TITLE Leaflet
  JS dist/leaflet.js CSS dist/leaflet.css LICENSE_FILE LICENSE
  SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp")
