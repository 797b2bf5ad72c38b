// QGIS styles for toponym's layers: the QML files of styles/, compiled into the binary, and
// their embedding in a GeoPackage's layer_styles table so that QGIS applies them on load.
#pragma once

#include <string>
#include <string_view>
#include <vector>

class GDALDataset;

namespace toponym::io {

// The QML document for a layer ("events", "mentions", "places", "governorates"); empty when
// toponym ships no style for it.
std::string_view layer_style_qml(std::string_view layer);

// Writes the styles of `layers` (those that have one) into `gpkg`'s layer_styles table as each
// layer's default: f_table_schema '' (not NULL), f_geometry_column the real geometry column,
// useAsDefault 1. `gpkg` is open for update. Throws DataError naming `error_name` on failure.
void embed_layer_styles(GDALDataset& gpkg, const std::vector<std::string>& layers, const std::string& error_name);

}  // namespace toponym::io
