// Data compiled into the binary: the default Syria gazetteer and governorate boundaries.
#pragma once

#include <string_view>

namespace toponym::embedded {

// gazetteer/syria.tsv as it was at build time.
std::string_view places_tsv();

// gazetteer/admin1.geojson (governorate polygons with OCHA pcodes) as it was at build time.
std::string_view admin1_geojson();

}  // namespace toponym::embedded
