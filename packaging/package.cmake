# The Debian package (scripts/package; CPack's DEB generator on the Release build): the binary,
# man pages of toponym and of each subcommand (help2man, from --help, at build time), the bash
# completion (from --help too), the QGIS styles, the QGIS plugin (qgis/toponym, when the tree
# has it), and /usr/share/doc/toponym/{copyright,changelog.Debian.gz}. Dependencies come from
# the shared libraries the binary links (dpkg-shlibdeps, dpkg-dev).
#
# Include from the top-level CMakeLists.txt after the toponym target. Not in the sanitizer or
# fuzz builds (their binary is not one to ship).

set(TOPONYM_DEB_RELEASE 1)
set(TOPONYM_DEB_VERSION "${PROJECT_VERSION}-${TOPONYM_DEB_RELEASE}")
set(_pkg "${CMAKE_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${_pkg}")

# Installed directories 0755 whatever the umask (lintian: non-standard-dir-perm).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Full RELRO for the shipped binary (lintian: hardening-no-bindnow); a link option, so the
# objects are not rebuilt. (_FORTIFY_SOURCE would recompile everything: not set.)
target_link_options(toponym PRIVATE -Wl,-z,relro,-z,now)

# A stripped install (cpack with CPACK_STRIP_FILES, cmake --install --strip) also drops the
# compilers' .comment section, as dh_strip does (lintian: binary-has-unneeded-section).
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment
                            \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/toponym\" RESULT_VARIABLE _strip)
    if(NOT _strip EQUAL 0)
      message(FATAL_ERROR \"strip --remove-section=.comment failed on bin/toponym\")
    endif()
  endif()")

# Man pages: gzipped pages in packaging/man/, one per (sub)command; needs help2man
# (scripts/install-deps --package or --test). Without it the build goes on, without pages.
find_program(TOPONYM_HELP2MAN help2man)
if(TOPONYM_HELP2MAN)
  add_custom_command(OUTPUT "${_pkg}/man/toponym.1.gz"
    COMMAND "${CMAKE_SOURCE_DIR}/packaging/gen-man" $<TARGET_FILE:toponym> "${_pkg}/man" "${PROJECT_VERSION}"
    DEPENDS toponym "${CMAKE_SOURCE_DIR}/packaging/gen-man"
    COMMENT "Man pages from toponym --help (help2man)"
    VERBATIM)
  add_custom_target(toponym_man ALL DEPENDS "${_pkg}/man/toponym.1.gz")
  install(DIRECTORY "${_pkg}/man/" DESTINATION share/man/man1 FILES_MATCHING PATTERN "*.1.gz")
else()
  message(STATUS "toponym: help2man not found: no man pages, and scripts/package cannot build the .deb (scripts/install-deps --package)")
endif()

# Bash completion.
add_custom_command(OUTPUT "${_pkg}/completion/toponym"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_pkg}/completion"
  COMMAND "${CMAKE_SOURCE_DIR}/packaging/gen-completion" $<TARGET_FILE:toponym> "${_pkg}/completion/toponym"
  DEPENDS toponym "${CMAKE_SOURCE_DIR}/packaging/gen-completion"
  COMMENT "Bash completion from toponym --help"
  VERBATIM)
add_custom_target(toponym_completion ALL DEPENDS "${_pkg}/completion/toponym")
install(FILES "${_pkg}/completion/toponym" DESTINATION share/bash-completion/completions)

# The QGIS styles (also compiled into the binary, which never reads these: they are for QGIS
# users who style their own layers).
install(FILES ${TOPONYM_STYLE_FILES} DESTINATION share/toponym/styles)

# The QGIS plugin, where QGIS looks for system-wide plugins (<pkgDataPath>/python/plugins).
install(DIRECTORY "${CMAKE_SOURCE_DIR}/qgis/toponym" DESTINATION share/qgis/python/plugins OPTIONAL
        PATTERN "__pycache__" EXCLUDE PATTERN "*.pyc" EXCLUDE PATTERN "tests" EXCLUDE)

# /usr/share/doc/toponym: the copyright file in Debian's machine-readable format, with
# gazetteer/ATTRIBUTION.md and Leaflet's licence (both compiled into the binary) folded in
# (Leaflet.markercluster's MIT licence is the Expat paragraph; its copyright line is read),
# and the Debian changelog. Re-run at configure time when they change.
function(_toponym_fold path out)  # a text file as a DEP-5 continuation block
  file(STRINGS "${path}" _lines ENCODING UTF-8)
  set(_text "")
  foreach(_line IN LISTS _lines)
    if(_line MATCHES "^[ \t]*$")
      string(APPEND _text " .\n")
    else()
      string(APPEND _text " ${_line}\n")
    endif()
  endforeach()
  string(REGEX REPLACE "\n$" "" _text "${_text}")
  set(${out} "${_text}" PARENT_SCOPE)
endfunction()
set(_leaflet_license "${TOPONYM_LEAFLET_LICENSE_FILE}")
_toponym_fold("${CMAKE_SOURCE_DIR}/gazetteer/ATTRIBUTION.md" TOPONYM_ATTRIBUTION)
_toponym_fold("${_leaflet_license}" TOPONYM_LEAFLET_LICENSE)
file(STRINGS "${_leaflet_license}" _leaflet_copyright REGEX "^Copyright \\(c\\) ")
list(TRANSFORM _leaflet_copyright REPLACE "^Copyright \\(c\\) " "")
list(JOIN _leaflet_copyright "\n " TOPONYM_LEAFLET_COPYRIGHT)
file(STRINGS "${TOPONYM_MARKERCLUSTER_LICENSE_FILE}" _mc_copyright REGEX "^Copyright ")
list(TRANSFORM _mc_copyright REPLACE "^Copyright (\\(c\\) )?" "")
list(JOIN _mc_copyright "\n " TOPONYM_MARKERCLUSTER_COPYRIGHT)
configure_file("${CMAKE_SOURCE_DIR}/packaging/copyright.in" "${_pkg}/copyright" @ONLY)
configure_file("${CMAKE_SOURCE_DIR}/packaging/changelog.in" "${_pkg}/changelog.Debian" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/gazetteer/ATTRIBUTION.md" "${_leaflet_license}" "${TOPONYM_MARKERCLUSTER_LICENSE_FILE}")
execute_process(COMMAND gzip -9nf "${_pkg}/changelog.Debian" RESULT_VARIABLE _gzip)
if(NOT _gzip EQUAL 0)
  message(FATAL_ERROR "toponym: gzip of the Debian changelog failed")
endif()
install(FILES "${_pkg}/copyright" "${_pkg}/changelog.Debian.gz" DESTINATION share/doc/toponym)

# CPack: `cpack --config build/CPackConfig.cmake` (scripts/package) packs what is built.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME toponym)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "toponym team <team@toponym.invalid>")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # toponym_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE ${TOPONYM_DEB_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qgis, python3-qgis")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "geoparse conflict reporting into GIS layers
toponym reads reports about armed conflict (text, JSON lines, CSV) and writes
the events, places and mentions they name as map layers: GeoPackage styled for
QGIS, GeoJSON, CSV, FlatGeobuf, KML or PostGIS, with a QGIS project and a
self-contained HTML map. A Syria gazetteer and the governorate boundaries are
built in; subcommands filter layers by area and date, count events, geocode a
column of place names and search the gazetteer.
.
The package also holds the QGIS styles, man pages, bash completion and the
toponym QGIS plugin (a Processing provider that calls this binary).")
include(CPack)
