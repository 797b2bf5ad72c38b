// A self-contained HTML page showing the events on a map: no QGIS, no network at view time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::io {

// Writes one HTML file with everything inlined: Leaflet and Leaflet.markercluster (from their
// npm packages, bundled at build time); a base map of the `governorates` (simplified), their
// union as the country's outline, their names, and the main cities and neighbouring countries
// of the embedded gazetteer as labels; the events as markers coloured by type with popups
// (date, place, snippet, source), clustered past 300 events, with uncertainty circles from
// zoom 9; a legend, a date-range slider and a histogram of events over time under it.
// Coordinates carry 5 decimals. Every text goes into the page as text, never markup. Throws
// DataError naming `error_name` when it cannot be written.
// The same page built from documents handed one at a time: add() keeps each shown event's row
// in an anonymous temporary file (tmpfile: gone when closed) and a few bytes in memory (its date
// and place in the file), write() sorts those and writes the page. Memory grows by ~16 bytes an
// event, not with the documents. add() throws DataError when the temporary file cannot be
// written; write() as write_html_preview. One thread at a time; movable, not copyable.
class HtmlPreview {
public:
    HtmlPreview();
    ~HtmlPreview();
    HtmlPreview(HtmlPreview&&) noexcept;
    HtmlPreview& operator=(HtmlPreview&&) noexcept;

    void add(const DocumentResult& result);
    void write(const std::string& path, const admin::AdminIndex& governorates, const std::string& error_name);

private:
    struct Spool;
    std::unique_ptr<Spool> spool_;
    std::map<std::string, std::size_t> type_counts_;
    std::optional<Date> first_, last_;
};

void write_html_preview(const std::string& path, const std::vector<DocumentResult>& results,
                        const Gazetteer& gazetteer, const admin::AdminIndex& governorates,
                        const std::string& error_name);

}  // namespace toponym::io
