// Options shared by the commands that filter (map, filter): admin boundaries, governorate,
// district, polygon, bounding box, dates, event type, confidence.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "filter/feature_filter.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::commands {

struct FilterOptions {
    std::vector<std::string> admin_specs;
    std::vector<std::string> governorates;
    std::vector<std::string> districts;
    std::vector<std::string> types;
    std::string within;
    std::string bbox;
    std::string from;
    std::string to;
    std::optional<double> min_confidence;

    void add_to(CLI::App& cmd);

    // The files these options read (--within, --admin with and without a :LAYER suffix), for
    // refusing an output that would replace one of them.
    std::vector<std::string> files() const;

    // The boundaries: --admin files, else the embedded governorates.
    admin::AdminBoundaries boundaries() const;

    // Resolves names to pcodes and parses values. Throws UsageError naming the option.
    filter::FilterSpec spec(const Gazetteer& gazetteer, const admin::AdminBoundaries& boundaries) const;
};

// True for the event types `toponym map` produces (air_strike, shelling, ...).
bool is_known_event_type(const std::string& type);

// The known event types, comma-separated, for messages.
std::string known_event_types();

}  // namespace toponym::commands
