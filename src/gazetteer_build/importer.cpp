// The build context and the name helpers every importer shares (see importer.hpp).
#include "gazetteer_build/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>

#include "admin/admin_index.hpp"
#include "text/utf8.hpp"

namespace toponym::gazetteer_build {

namespace {

// Scripts a name may be written in (--name-scripts): digits, spaces and punctuation go with any.
enum ScriptMask : unsigned { kLatin = 1, kArabic = 2 };
thread_local unsigned wanted_scripts = 0;  // set by set_name_scripts for the run; 0 = every script

bool in_wanted_scripts(std::string_view name) {
    if (wanted_scripts == 0) return true;
    std::size_t pos = 0;
    while (pos < name.size()) {
        const char32_t cp = text::next_code_point(name, pos);
        const bool latin = cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x02BB ||
                           cp == 0x02BC || cp == 0x02BF || cp == 0x02BE;
        const bool arabic = (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
                            (cp >= 0xFE70 && cp <= 0xFEFF);
        const bool neutral = cp < 0x41 || (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F);
        if (neutral) continue;
        if (latin && (wanted_scripts & kLatin)) continue;
        if (arabic && (wanted_scripts & kArabic)) continue;
        return false;
    }
    return true;
}

// GeoNames radius rule of gazetteer/build.py.
double default_radius_m(const Place& p) {
    if (p.feature_code == "PPLC" || p.population >= 1'000'000) return 8000;
    if (p.population >= 200'000) return 5000;
    if (p.population >= 50'000) return 3000;
    if (p.population >= 10'000 || p.feature_code == "PPLA" || p.feature_code == "PPLA2") return 2000;
    return 1000;
}

}  // namespace

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
    return s;
}

bool valid_coordinates(double lat, double lon) {
    return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

std::string extension(const std::string& path) { return lower(std::filesystem::path(path).extension().string()); }

std::string clean_name(std::string_view name) {
    name = trim(name);
    constexpr std::string_view kCentreOf = "مركز ";
    if (name.substr(0, kCentreOf.size()) == kCentreOf) name.remove_prefix(kCentreOf.size());
    return std::string(trim(name));
}

void add_alternate(Place& p, std::string_view raw) {
    std::string name = clean_name(raw);
    if (!in_wanted_scripts(name)) return;
    if (name.empty() || name == p.name) return;
    if (std::find(p.alternate_names.begin(), p.alternate_names.end(), name) != p.alternate_names.end()) return;
    p.alternate_names.push_back(std::move(name));
}

void set_name_scripts(const std::vector<std::string>& scripts) {
    wanted_scripts = 0;
    for (const auto& script : scripts) {
        if (lower(script) == "latin") wanted_scripts |= kLatin;
        else if (lower(script) == "arabic") wanted_scripts |= kArabic;
        else throw UsageError("--name-scripts", fmt::format("unknown script \"{}\" (latin, arabic)", script));
    }
}

NameFields detect_name_fields(const std::vector<std::string>& fields, const BuildOptions& options) {
    NameFields nf;
    auto index_of = [&](const std::string& wanted) -> int {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (lower(fields[i]) == lower(wanted)) return static_cast<int>(i);
        }
        return -1;
    };
    if (!options.name_fields.empty()) {
        for (const auto& f : options.name_fields) {
            const int i = index_of(f);
            if (i < 0) continue;
            if (nf.name < 0) nf.name = i;
            else nf.alternates.push_back(i);
        }
        return nf;
    }
    static const std::regex primary("^(name_en|name|location_text|toponym|place_name|adm[0-4]_en|name:en)$", std::regex::icase);
    static const std::regex alternate(
        "^(name_ar|name_ref|name_alt[0-9]*|alt_name.*|adm[0-4]_ar|adm[0-4]_ref|adm[0-4]alt[0-9]*_?(en|ar)|name:ar|"
        "name:[a-z]{2}|int_name|official_name|old_name|location_ar|asciiname|gn_name|name_long|formal_en)$",
        std::regex::icase);
    static const std::vector<std::string> kPreference = {"name_en", "name", "name:en", "location_text", "toponym", "place_name"};
    for (const auto& want : kPreference) {
        if (int i = index_of(want); i >= 0) {
            nf.name = i;
            break;
        }
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (nf.name < 0 && std::regex_match(fields[i], primary)) nf.name = static_cast<int>(i);
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (static_cast<int>(i) != nf.name && std::regex_match(fields[i], alternate)) nf.alternates.push_back(static_cast<int>(i));
    }
    return nf;
}

int find_field(const std::vector<std::string>& fields, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (lower(fields[i]) == n) return static_cast<int>(i);
        }
    }
    return -1;
}

SourceStats Context::start(const std::string& path, std::string kind, const std::string& label) const {
    SourceStats stats;
    stats.path = path;
    stats.kind = std::move(kind);
    stats.source = options.source_name.empty() ? label : options.source_name;
    return stats;
}

void Context::finish(SourceStats stats) {
    result.sources.push_back(std::move(stats));
    ++input;
}

bool Context::keep(const Place& p, SourceStats& stats) const {
    if (!countries.empty() && !p.country_code.empty() && !countries.contains(upper(p.country_code))) {
        ++stats.filtered;
        return false;
    }
    if (options.min_population > 0 && p.feature_class == "P" && p.population < options.min_population) {
        ++stats.filtered;
        return false;
    }
    if (!classes.empty() && !classes.contains(upper(p.feature_class))) {
        ++stats.filtered;
        return false;
    }
    return true;
}

void Context::bad_row(SourceStats& stats, const std::string& path, int line, const std::string& why) {
    ++stats.bad;
    if (stats.bad <= kMaxDiagnosticsPerSource) {
        result.diagnostics.push_back({Diagnostic::Severity::Warning, path, line, why + "; row skipped"});
    }
}

std::optional<std::string> Context::syrian_governorate(double lat, double lon) const {
    const admin::AdminIndex& g = admin::AdminIndex::embedded();
    std::optional<std::size_t> area = g.locate(lat, lon);
    if (!area) area = g.nearest_within(lat, lon, 0.02);
    if (!area) return std::nullopt;
    return g.areas()[*area].pcode;
}

void Context::add(Place p, SourceStats& stats) {
    if (!ids.insert(p.id).second) {
        std::size_t& copies = id_counts[p.id];
        std::string unique;
        do {
            unique = fmt::format("{}#{}", p.id, ++copies + 1);
        } while (!ids.insert(unique).second);
        p.id = std::move(unique);
    }
    if (p.radius_m <= 0) p.radius_m = default_radius_m(p);
    ++stats.places;
    result.places.push_back(std::move(p));
    input_of.push_back(input);
}

}  // namespace toponym::gazetteer_build
