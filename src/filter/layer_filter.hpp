// Filtering any OGR-readable layer (toponym's outputs, a CSV with lon/lat, GeoJSON, a
// GeoPackage layer) into a new file, optionally adding the admin areas of every point.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "filter/feature_filter.hpp"
#include "io/layer_writer.hpp"

namespace toponym::filter {

struct LayerFilterOptions {
    std::string input;                // any OGR source; .csv gets lon/lat (x/y, longitude/latitude) columns as points
    std::vector<std::string> layers;  // empty: every point layer (GeoJSON output: `events`, or the only one)
    std::string output_path;          // where to write (a temporary file; it must not exist)
    std::string output_name;          // the user's output path, for messages
    io::OutputFormat format = io::OutputFormat::GeoPackage;
    std::string date_field;           // default: event_date, date, published (the first present)
    std::string type_field;           // default: event_type
    bool add_admin = false;           // add admin1/2/3 names and pcodes of every point
    std::string where;                // --where: an attribute filter (io/where_clause.hpp), checked per layer
};

struct LayerFilterCount {
    std::string layer;
    std::size_t read = 0;  // features in the layer
    std::size_t kept = 0;
};

// Called every few thousand features with (features done, features in all, layer).
using FeatureProgress = std::function<void(std::size_t, std::size_t, const std::string&)>;

// Throws UsageError for a missing layer or a criterion the layer cannot answer (e.g. --type on
// a layer without a type field, a --where that names a field the layer lacks); DataError naming the input when GDAL fails.
std::vector<LayerFilterCount> filter_layers(const LayerFilterOptions& options, const FeatureFilter& filter,
                                            const admin::AdminBoundaries& boundaries,
                                            const FeatureProgress& progress = {});

// A value as an SQL string literal for an OGR attribute filter: quotes doubled, so a value
// can never end the literal ("Idlib' OR 1=1 --" stays one string).
std::string sql_literal(const std::string& value);

// Open options that make GDAL's CSV driver read lon/lat columns as point geometry.
std::vector<std::string> csv_open_options();

}  // namespace toponym::filter
