// Counts of events by governorate, type and month, from any OGR layer with those fields.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace toponym::summary {

// Casualty figures summed over features (fatalities, injured).
struct Figures {
    long killed = 0;
    long injured = 0;
};

struct Stats {
    std::string layer;  // the layer read
    std::size_t total = 0;
    // The layer has toponym's casualty fields (fatalities, injured): the sums below mean something.
    bool has_figures = false;
    Figures figures;  // over every feature
    std::map<std::string, Figures> figures_by_governorate, figures_by_type, figures_by_month;
    std::map<std::string, std::size_t> by_governorate;  // "Idleb (SY07)"; "(none)" when empty
    std::map<std::string, std::size_t> by_type;
    std::map<std::string, std::size_t> by_month;        // "2019-12"; "(no date)"
    std::map<std::string, std::map<std::string, std::size_t>> governorate_by_type;
};

// Reads `layer` ("" = `events` if present, else the first layer) of `path`, the features that
// pass `where` (io/where_clause.hpp; UsageError when it is refused). Fields used when
// present: admin1 + admin1_pcode, event_type, event_date (or date / published), fatalities and
// injured (summed; a feature whose casualties_shared_with names another holds no figure of its
// own, so a figure one sentence gives several events is counted once). A layer with none of
// the grouping fields (admin1/admin1_pcode, event_type, a date) is a DataError: its counts
// would all be "(none)".
Stats compute_stats(const std::string& path, const std::string& layer, const std::string& where = "");

// Counts (and sums) by several fields at once: `stats --by governorate --by month`.
struct GroupRow {
    std::vector<std::string> keys;  // one value per dimension; "(none)" when the field is empty
    std::size_t count = 0;
    Figures figures;
};

struct Grouping {
    std::vector<std::string> by;  // the dimensions as asked
    std::vector<GroupRow> rows;   // time order when the first dimension is month or week, else largest first
};

struct GroupedStats {
    std::string layer;
    std::size_t total = 0;
    bool has_figures = false;
    Figures figures;
    std::vector<Grouping> groupings;
};

// One grouping by `by`, each one of: governorate (admin1 / admin1_pcode), district (admin2 /
// admin2_pcode), type (event_type), month (YYYY-MM of event_date, date or published), week
// (ISO week, YYYY-Www), or the name of any field of the layer. A dimension whose fields the
// layer lacks is a DataError (exit 1); a name that is none of these and no field, a UsageError
// listing the fields. Empty `by`: three groupings, by governorate, type and month, as the table.
GroupedStats compute_grouped(const std::string& path, const std::string& layer, const std::vector<std::string>& by,
                             const std::string& where = "");

// A grouping as a table: one column per dimension, count, share, and the sums when present.
std::string format_grouped_table(const GroupedStats& stats);
// CSV: the dimensions, count, then fatalities and injured when the layer has them; one grouping.
std::string format_grouped_csv(const GroupedStats& stats);
// JSON: {"layer", "features", "fatalities", "injured", "groupings": [{"by": [...], "groups":
// [{dimension: value, ..., "count", "fatalities", "injured"}]}]}; sums null without figures.
std::string format_grouped_json(const GroupedStats& stats);

// Tables for a terminal: one block per dimension, counts right-aligned, largest first.
std::string format_table(const Stats& stats);

// dimension,value,count,fatalities,injured rows (the sums empty when the layer has no figures) (RFC 4180 quoting; cells that would start a spreadsheet formula
// are neutralised with a leading apostrophe).
std::string format_csv(const Stats& stats);

// A CSV cell: quoted when needed; "=1+1", "+x", "-x", "@x" (and tab/CR starts) get a leading
// apostrophe so spreadsheets show text instead of running a formula.
std::string csv_cell(const std::string& value);

}  // namespace toponym::summary
