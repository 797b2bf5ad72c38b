# Leaflet.markercluster for the HTML preview (src/io/html_preview.cpp clusters the markers of a
# page with many events), taken from its npm package at configure time exactly as Leaflet is
# (cmake/npm_bundle.cmake): `npm pack leaflet.markercluster@1.5.3` into the build directory,
# the tarball checked against the registry's sha512 integrity (pinned below),
# dist/leaflet.markercluster.js and the two CSS files unpacked and checked, then compiled into
# the binary with .incbin (paths passed as TOPONYM_MARKERCLUSTER_JS / TOPONYM_MARKERCLUSTER_CSS).
# The two style sheets (layout, then the default cluster colours) become one, and they must load
# nothing (no url()). MIT licence (MIT-LICENCE.txt in the package, copied beside the files as
# LICENSE for the Debian copyright).
#
# Offline builds: -DTOPONYM_MARKERCLUSTER_TGZ=/path/to/leaflet.markercluster-1.5.3.tgz skips npm.
#
# Include from the top-level CMakeLists.txt after cmake/leaflet.cmake.

include("${CMAKE_CURRENT_LIST_DIR}/npm_bundle.cmake")

set(TOPONYM_MARKERCLUSTER_VERSION 1.5.3)
# sha512 of leaflet.markercluster-1.5.3.tgz as published on registry.npmjs.org (its
# `dist.integrity`,
# sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==).
set(TOPONYM_MARKERCLUSTER_SHA512
    bcf4f0fc19ddabb7901e32c15655a99c678b6b7b7edf31a2b8cedf2700a488c16afa7991b86dd12377fb7f83784c35fb4f83696c05e9476f8d4d148419f09278)

toponym_npm_bundle(TOPONYM_MARKERCLUSTER
  PACKAGE leaflet.markercluster VERSION ${TOPONYM_MARKERCLUSTER_VERSION} SHA512 ${TOPONYM_MARKERCLUSTER_SHA512}
  TITLE Leaflet.markercluster
  JS dist/leaflet.markercluster.js CSS dist/MarkerCluster.css dist/MarkerCluster.Default.css CSS_NAME markercluster.css
  CSS_NO_URL LICENSE_FILE MIT-LICENCE.txt
  SOURCE "${CMAKE_SOURCE_DIR}/src/io/html_preview.cpp")
