// Counts of events by governorate, type and month, from any OGR layer with those fields.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace toponym::summary {

struct Stats {
    std::size_t total = 0;
    std::map<std::string, std::size_t> by_governorate;  // "Idleb (SY07)"; "(none)" when empty
    std::map<std::string, std::size_t> by_type;
    std::map<std::string, std::size_t> by_month;        // "2019-12"; "(no date)"
    std::map<std::string, std::map<std::string, std::size_t>> governorate_by_type;
};

// Reads `layer` ("" = `events` if present, else the first layer) of `path`. Fields used when
// present: admin1 + admin1_pcode, event_type, event_date (or date / published).
Stats compute_stats(const std::string& path, const std::string& layer);

// Tables for a terminal: one block per dimension, counts right-aligned, largest first.
std::string format_table(const Stats& stats);

// dimension,value,count rows (RFC 4180 quoting; cells that would start a spreadsheet formula
// are neutralised with a leading apostrophe).
std::string format_csv(const Stats& stats);

// A CSV cell: quoted when needed; "=1+1", "+x", "-x", "@x" (and tab/CR starts) get a leading
// apostrophe so spreadsheets show text instead of running a formula.
std::string csv_cell(const std::string& value);

}  // namespace toponym::summary
