// Writing the pipeline's results as GDAL layers: events, mentions, unresolved, documents.
#pragma once

#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::io {

enum class OutputFormat { GeoPackage, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf };

// The format for an output path: `format` (case-insensitive: GPKG, GeoJSON, GeoJSONSeq, CSV,
// KML, FlatGeobuf) when given, else the extension (.gpkg, .geojson/.json, .geojsonl/.geojsons,
// .csv, .kml, .fgb). Throws UsageError.
OutputFormat output_format_for(const std::string& path, const std::string& format);

const char* driver_name(OutputFormat format);

// GeoPackage and KML hold several layers; the other formats hold one.
bool holds_several_layers(OutputFormat format);

// Every layer toponym writes, in the order it writes them.
const std::vector<std::string>& all_layer_names();

// The layers to write: `requested` (names, comma-separated values allowed), checked against
// the known layers and the format, or by default every layer for GeoPackage and `events` for
// the others. Throws UsageError naming --layers.
std::vector<std::string> layers_for(OutputFormat format, const std::vector<std::string>& requested);

struct LayerCounts {
    std::size_t events = 0;
    std::size_t mentions = 0;
    std::size_t places = 0;
    std::size_t governorates = 0;
    std::size_t unresolved = 0;
    std::size_t documents = 0;
};

// Writes `layers` to `path`, which must not exist (callers write to a temporary file and
// rename it). The same field names and values in every format; CSV adds lon/lat columns and
// WKT, and neutralises text cells that a spreadsheet would run as a formula (= + - @); KML
// carries the event date as TimeStamp. The governorates layer needs `governorates`. Throws
// DataError naming `error_name` (the user's path) when GDAL fails, including on close.
LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<std::string>& layers, const std::vector<DocumentResult>& results,
                         const Gazetteer& gazetteer, const admin::AdminIndex* governorates);

// The same with the format's default layers.
LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates = nullptr);

// The event types, in the order of the governorates layer's count fields (n_<type>).
const std::vector<std::string>& event_types();

// A text cell safe for spreadsheets: a value starting with = + - @ (or tab, CR) gets a leading
// apostrophe so that it shows as text instead of running as a formula.
std::string neutralise_formula(const std::string& value);

// "]]>" becomes "]] >": libkml writes descriptions and snippets as CDATA without splitting
// that sequence, so a report quoting it could end the CDATA and inject KML elements (a
// NetworkLink that Google Earth fetches, say).
std::string break_cdata_end(std::string value);

}  // namespace toponym::io
