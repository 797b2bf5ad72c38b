// Scoring the events of incident reports against a table of reports with a gold point (ACLED's
// export and the like): `toponym eval --incidents`. Each row's text is one report published on
// the row's date; the measures, by the row's location precision, are those of issue 16.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "admin/admin_boundaries.hpp"
#include "core/error.hpp"
#include "core/types.hpp"

namespace toponym::eval {

// The columns of an incident table, ACLED's names by default. An empty name for id, date or
// precision means the table has none: ids become "<file stem>-<row>", the publication date is
// unknown, and every row counts as precision 1.
struct IncidentColumns {
    std::string id = "id";
    std::string text = "text";
    std::string date = "date";
    std::string lat = "lat";
    std::string lon = "lon";
    std::string precision = "precision";  // 1 the place itself, 2 near it, 3 its area (ACLED's scale)
};

struct Incident {
    std::string id;
    std::string text;                 // valid UTF-8 (repaired when it was not)
    std::optional<Date> published;
    double lat = 0.0;
    double lon = 0.0;
    int precision = 1;                // 1, 2 or 3
    std::size_t row = 0;              // 1-based data row
    int line = 0;                     // file line the row starts on; 0 when not known (not a CSV)
};

struct IncidentTable {
    std::string path;
    std::vector<std::string> columns;  // every column of the table
    std::size_t rows = 0;              // data rows read, bad ones included
    std::vector<Incident> incidents;   // the good rows, in table order
    std::size_t bad_rows = 0;          // rows skipped (each has an Error in `problems`)
    std::vector<Diagnostic> problems;  // bad rows (Error, "row skipped") and repaired text (Warning), with file and line
};

// Reads any table OGR reads (a CSV with a header row, XLSX, GeoPackage...; CSV cells as
// written). A row with no text, a missing or unreadable latitude or longitude (a number in
// [-90, 90] / [-180, 180]), a date that is not YYYY-MM-DD or a precision other than 1, 2 or 3
// is skipped and reported in `problems` naming the file, the line (CSV) and the row. Throws
// UsageError listing the table's columns when a column named in `columns` is missing,
// DataError naming the path when the file cannot be read.
IncidentTable load_incidents(const std::string& path, const IncidentColumns& columns);

// An event the run gave for one incident: where it is and its governorate.
struct IncidentEvent {
    double lat = 0.0;
    double lon = 0.0;
    std::string admin1_pcode;
    std::string place_name;
    std::string event_type;
};

std::vector<IncidentEvent> incident_events(const DocumentResult& result);

struct IncidentOptions {
    double within_km_precise = 5.0;  // precision 1: an event this close to the gold point is right
    double within_km_coarse = 25.0;  // precision 2 and 3
    std::size_t worst = 10;          // how many of the worst misses to list
};

// Scores the events of each incident (`events[i]` for `table.incidents[i]`). The gold
// governorate is the admin1 area of `boundaries` containing the gold point (or the nearest
// within about 10 km). The report has, per group "precision_1", "precision_2_3" and "all":
// rows; within (an event within the group's threshold of the gold point); governorate_n (rows
// whose gold point has a governorate) and governorate_right (some event in it); with_event;
// median_km, the median over every row of the distance from the gold point to the nearest
// event, a row without an event counting as infinitely far (null when more than half the rows
// give none); median_km_with_event (rows with an event only). Then "worst": the misses with an
// event, farthest first (rows without an event are counted, not listed), with their text; and
// the file's "rows", "bad_rows" and "problems".
nlohmann::json score_incidents(const IncidentTable& table, const std::vector<std::vector<IncidentEvent>>& events,
                               const admin::AdminBoundaries& boundaries, const IncidentOptions& options);

// The readable table of a score_incidents report, then its worst misses.
std::string format_incident_report(const nlohmann::json& report);

}  // namespace toponym::eval
