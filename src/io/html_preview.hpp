// A self-contained HTML page showing the events on a map: no QGIS, no network at view time.
#pragma once

#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::io {

// Writes one HTML file with everything inlined: Leaflet (from the npm package, bundled at build
// time), the governorate polygons as the base map, the events as markers coloured by type with
// popups (date, place, snippet, source), a legend and a date-range slider. Every text field is
// HTML-escaped. Throws DataError naming `error_name` when it cannot be written.
void write_html_preview(const std::string& path, const std::vector<DocumentResult>& results,
                        const Gazetteer& gazetteer, const admin::AdminIndex& governorates,
                        const std::string& error_name);

}  // namespace toponym::io
