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

// Reads `layer` ("" = `events` if present, else the first layer) of `path`. Fields used when
// present: admin1 + admin1_pcode, event_type, event_date (or date / published), fatalities and
// injured (summed; a feature whose casualties_shared_with names another holds no figure of its
// own, so a figure one sentence gives several events is counted once).
Stats compute_stats(const std::string& path, const std::string& layer);

// Tables for a terminal: one block per dimension, counts right-aligned, largest first.
std::string format_table(const Stats& stats);

// dimension,value,count,fatalities,injured rows (the sums empty when the layer has no figures) (RFC 4180 quoting; cells that would start a spreadsheet formula
// are neutralised with a leading apostrophe).
std::string format_csv(const Stats& stats);

// A CSV cell: quoted when needed; "=1+1", "+x", "-x", "@x" (and tab/CR starts) get a leading
// apostrophe so spreadsheets show text instead of running a formula.
std::string csv_cell(const std::string& value);

}  // namespace toponym::summary
