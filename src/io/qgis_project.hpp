// Writing a QGIS project (.qgs) over toponym's output: its layers with their styles, the
// temporal controller on the events' date, the map extent fitted to the data.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/types.hpp"

namespace toponym::io {

struct ProjectLayer {
    std::string name;           // layer name in the data source ("events")
    bool has_geometry = true;   // tables without geometry are added as attribute tables
};

struct ProjectSpec {
    std::string data_path;               // the GeoPackage (or GeoJSON) the layers are in
    std::vector<ProjectLayer> layers;    // in drawing order, top first
    std::array<double, 4> extent{};      // min_lon, min_lat, max_lon, max_lat of the data
    std::optional<std::pair<Date, Date>> time_range;  // first and last event day
};

// Writes the project to `qgs_path` (paths to the data relative to it). Throws DataError naming
// `error_name` when it cannot be written.
void write_qgis_project(const std::string& qgs_path, const ProjectSpec& spec, const std::string& error_name);

}  // namespace toponym::io
