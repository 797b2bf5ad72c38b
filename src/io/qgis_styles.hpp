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

// A layer copied from one dataset into another (`toponym filter`): its name in each.
struct StyledLayerCopy {
    std::string source;  // the table name in the source, as its layer_styles rows name it
    std::string target;  // the layer's name in the target (it exists there)
};

// Copies every row of `source`'s layer_styles (as QGIS or embed_layer_styles wrote it) whose
// f_table_name is one of `layers`' sources into `target`'s layer_styles, created and
// registered as embed_layer_styles does: style name, QML, SLD, default flag, description,
// owner, ui and time kept; f_table_name becomes the target layer's name and
// f_geometry_column its real geometry column, so QGIS finds the copy as it found the
// original. `target` is a GeoPackage open for update whose layer_styles has no rows for those
// layers yet. Nothing is written (no table either) when `source` has no such table or no such
// row. Returns the rows copied. Throws DataError naming `error_name` on failure.
std::size_t copy_layer_styles(GDALDataset& source, GDALDataset& target, const std::vector<StyledLayerCopy>& layers,
                              const std::string& error_name);

}  // namespace toponym::io
