// Shared filter options.
#include "commands/common_options.hpp"

#include <fmt/format.h>

#include "admin/area_names.hpp"
#include "core/dates.hpp"
#include "core/event_types.hpp"
#include "core/lists.hpp"

namespace toponym::commands {

namespace {

std::optional<Date> parse_date_option(const std::string& value, const std::string& option) {
    if (value.empty()) return std::nullopt;
    std::optional<Date> d = parse_iso_date(value);
    if (!d) throw UsageError(option, fmt::format("\"{}\" is not a date (YYYY-MM-DD)", value));
    return d;
}

}  // namespace

void FilterOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--admin", admin_specs,
                   "Admin boundaries FILE[:LAYER] (any OGR source; OCHA COD-AB admin1-3 layers are found by name); "
                   "repeatable. Default: the embedded governorates")
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
    cmd.add_option("--governorate", governorates,
                   "Keep features in these governorates: English, transliterated (Idleb, Deir Ezzor), Arabic or "
                   "pcode (SY07); comma-separated or repeated")
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
    cmd.add_option("--district", districts, "Keep features in these districts (admin2 names or pcodes; needs --admin)")
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
    cmd.add_option("--within", within, "Keep features inside the polygons of this file (any OGR source)")
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
    cmd.add_option("--bbox", bbox, "Keep features inside min_lon,min_lat,max_lon,max_lat")->group("Admin areas and filters");
    cmd.add_option("--from", from, "Keep features dated on or after this day (YYYY-MM-DD)")->group("Admin areas and filters");
    cmd.add_option("--to", to, "Keep features dated on or before this day (YYYY-MM-DD)")->group("Admin areas and filters");
    cmd.add_option("--type", types, "Keep these event types (comma-separated or repeated)")
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
    cmd.add_option("--min-confidence", min_confidence, "Keep features with confidence >= this (0-1)")
        ->check(CLI::Range(0.0, 1.0))
        ->allow_extra_args(false)
        ->group("Admin areas and filters");
}

std::vector<std::string> FilterOptions::files() const {
    std::vector<std::string> out;
    if (!within.empty()) out.push_back(within);
    for (const std::string& spec : admin_specs) {
        out.push_back(spec);
        if (const std::size_t colon = spec.rfind(':'); colon != std::string::npos && colon > 0) out.push_back(spec.substr(0, colon));
    }
    return out;
}

admin::AdminBoundaries FilterOptions::boundaries() const {
    return admin_specs.empty() ? admin::AdminBoundaries::embedded() : admin::AdminBoundaries::from_specs(admin_specs);
}

filter::FilterSpec FilterOptions::spec(const Gazetteer& gazetteer, const admin::AdminBoundaries& b) const {
    filter::FilterSpec s;
    if (!governorates.empty()) {
        const admin::AreaNames names = admin::AreaNames::governorates(gazetteer, b.fine_admin1() ? &b.admin1() : nullptr);
        std::vector<std::string> notes;
        s.admin1_pcodes = names.resolve_all(governorates, "--governorate", &notes);
        for (const std::string& note : notes) fmt::print(stderr, "toponym: {}\n", note);  // a typo taken for a name is said
    }
    if (!districts.empty()) {
        const admin::AdminIndex* admin2 = b.level(2);
        if (!admin2) throw UsageError("--district", "needs district (admin2) boundaries: --admin FILE with an admin2 layer");
        std::vector<std::string> notes;
        s.admin2_pcodes = admin::AreaNames::from_index(*admin2, "district").resolve_all(districts, "--district", &notes);
        for (const std::string& note : notes) fmt::print(stderr, "toponym: {}\n", note);
    }
    s.within_path = within;
    if (!bbox.empty()) s.bbox = filter::parse_bbox(bbox, "--bbox");
    s.from = parse_date_option(from, "--from");
    s.to = parse_date_option(to, "--to");
    if (s.from && s.to && *s.from > *s.to) throw UsageError("--from/--to", "--from is after --to");
    s.types = split_comma_lists(types);
    s.min_confidence = min_confidence;
    return s;
}

// Known event types, for `toponym map`, which only produces these: the public types of
// core/event_types.hpp.
bool is_known_event_type(const std::string& type) { return is_public_event_type(type); }

std::string known_event_types() {
    std::string out;
    for (const std::string& t : public_event_types()) out += (out.empty() ? "" : ", ") + t;
    return out;
}

}  // namespace toponym::commands
