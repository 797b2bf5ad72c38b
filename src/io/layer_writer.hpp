// Writing the pipeline's results as GDAL layers: events, mentions, unresolved, documents.
#pragma once

#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::io {

enum class OutputFormat { GeoPackage, GeoJSON };

// The format for an output path: `format` (GDAL driver name, case-insensitive: GPKG,
// GeoJSON) when given, else the extension (.gpkg, .geojson, .json). Throws UsageError.
OutputFormat output_format_for(const std::string& path, const std::string& format);

const char* driver_name(OutputFormat format);

struct LayerCounts {
    std::size_t events = 0;
    std::size_t mentions = 0;
    std::size_t unresolved = 0;
    std::size_t documents = 0;
    std::size_t governorates = 0;
};

// Writes the layers to `path`, which must not exist (callers write to a temporary file and
// rename it). GeoPackage gets events, mentions, governorates (the polygons of `governorates`
// with event counts by type; skipped when null), unresolved and documents; GeoJSON, which
// holds one layer, gets `events`. Throws DataError naming `error_name` (the user's path) when
// GDAL fails, including on close.
LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates = nullptr);

// The event types, in the order of the governorates layer's count fields (n_<type>).
const std::vector<std::string>& event_types();

}  // namespace toponym::io
