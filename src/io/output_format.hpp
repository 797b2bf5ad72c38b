// The output formats toponym writes, as data: one row of traits per format (GDAL driver, names,
// extensions, what it can hold, the layer creation options). A new format is one row in
// output_format.cpp (and one test); the writers ask the traits, never the format itself.
#pragma once

#include <cpl_string.h>
#include <ogr_core.h>

#include <string>
#include <utility>
#include <vector>

namespace toponym::io {

enum class OutputFormat { GeoPackage, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf, PostgreSQL };

struct OutputFormatTraits {
    OutputFormat format = OutputFormat::GeoPackage;
    const char* name = "";                // as messages and --of show it ("GPKG")
    const char* driver = "";              // GDAL's driver
    std::vector<const char*> of_names;    // --of values it answers to, lower-case
    std::vector<const char*> extensions;  // lower-case, with the dot; the first is shown in messages
    bool several_layers = false;          // holds every layer (else one)
    bool geometry_less_layers = true;     // can hold the unresolved and documents layers
    bool all_layers_by_default = false;   // --layers not given: every layer (else events)
    bool appendable = false;              // --append adds to what is there
    bool qgis_project = false;            // a QGIS project can point at it
    bool dates_as_text = false;           // dates as ISO 8601 text (no date type, or one readers drop)
    bool spreadsheet_cells = false;       // text cells neutralised (= + - @), lon/lat beside the WKT
    bool kml_fields = false;              // name, description, timestamp copies; CDATA ends broken
    bool utc_times = false;               // date-times marked UTC (timestamptz)
    std::vector<std::pair<const char*, const char*>> options;           // every layer
    std::vector<std::pair<const char*, const char*>> geometry_options;  // layers with a geometry
    // SPATIAL_INDEX's values (for a layer with a geometry) when it is asked for and when not;
    // nullptr: the format has no such option.
    const char* spatial_index_yes = nullptr;
    const char* spatial_index_no = nullptr;
};

// Every format, in the order messages list them.
const std::vector<OutputFormatTraits>& output_formats();

const OutputFormatTraits& traits(OutputFormat format);

// The format for an output path: `format` (case-insensitive: GPKG, GeoJSON, GeoJSONSeq, CSV,
// KML, FlatGeobuf, PostgreSQL) when given, else a "PG:" connection string, else the extension
// (.gpkg, .geojson/.json, .geojsonl/.geojsons, .csv, .kml, .fgb). Throws UsageError.
OutputFormat output_format_for(const std::string& path, const std::string& format);

const char* driver_name(OutputFormat format);

// GeoPackage, KML and PostgreSQL hold several layers; the other formats hold one.
bool holds_several_layers(OutputFormat format);

// True for a GDAL PostgreSQL connection string ("PG:dbname=... host=...").
bool is_postgres_target(const std::string& path);

// GDAL layer creation options for the format: fid and geom names, RFC 7946 GeoJSON, WKT in
// CSV, and a spatial index where the format has one and `spatial_index` asks for it.
CPLStringList layer_creation_options(OutputFormat format, OGRwkbGeometryType geometry, bool spatial_index);

}  // namespace toponym::io
