// Filtering any OGR-readable layer (toponym's outputs, a CSV with lon/lat, GeoJSON, a
// GeoPackage layer) into a new file, optionally adding the admin areas of every point.
#pragma once

#include <ogr_core.h>

#include <functional>
#include <string>
#include <string_view>
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
// A .csv input keeps its columns' types when every non-empty cell of a column is a clean value
// (clean_csv_text): integers, reals, ISO dates and date-times are written as such (a date as a
// DateTime at midnight, no time zone, in a GeoPackage: QGIS 3.22 shows a GeoPackage DATE a day
// early); any other column is text, as before, and a CSV or KML output gets every cell as read. A GeoPackage or SQLite input's QGIS styles (its layer_styles rows
// for the layers written) go with the layers into a GeoPackage output (io/qgis_styles.hpp).

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

// Open options for GDAL's CSV driver: lon/lat columns read as point geometry (and kept as
// fields), column types detected over the whole file (AUTODETECT_TYPE, AUTODETECT_SIZE_LIMIT=0;
// a quoted cell makes its column text, as GDAL quotes text that looks like a number), and
// each typed column followed by its text as read (KEEP_SOURCE_COLUMNS: `NAME_original`).
std::vector<std::string> csv_open_options();

// Whether a CSV cell is written as a clean value of the type GDAL detected for its column:
// OFTInteger/OFTInteger64 "-12" (no leading zero: "007" is a code; within int32/int64),
// OFTReal "3.5", "-0.25", "1e5" (no leading zero either, and not more than 15 digits alone:
// a long id would be rounded), OFTDate "YYYY-MM-DD" (a real day), OFTDateTime that date alone
// or with "THH:MM[:SS[.s]]" (or a space for T) and an optional "Z" or "+HH[:MM]"; never for
// OFTTime (GeoPackage has no such type: a time of day stays as written). GDAL also takes
// "2021/03/04", "007" or " 12": a column with one such non-empty cell is written as text
// (String), its cells as they were. OFTString: always.
bool clean_csv_text(OGRFieldType type, std::string_view text);

}  // namespace toponym::filter
