// Data compiled into the binary: the default Syria gazetteer and governorate boundaries.
#pragma once

#include <string_view>

namespace toponym::embedded {

// gazetteer/syria.tsv as it was at build time.
std::string_view places_tsv();

// The same gazetteer in the compiled format (.tpg), written at build time by
// toponym-compile-gazetteer; 64-byte aligned. Empty in a binary built without it (that tool
// itself, which cannot hold its own output): see embedded_tpg.cpp.
std::string_view places_tpg();

// gazetteer/admin1.geojson (governorate polygons with OCHA pcodes) as it was at build time.
std::string_view admin1_geojson();

}  // namespace toponym::embedded
