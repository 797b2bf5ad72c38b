// GeoNames dumps (allCountries.txt, SY.txt, cities15000.txt ...) and their alternateNames files.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "core/fields.hpp"
#include "gazetteer_build/importer.hpp"

namespace toponym::gazetteer_build {

namespace {

// 19 tab-separated fields, a numeric geonameid and latitude.
bool accepts_geonames(const std::string& path, const std::string& first_line, const BuildOptions&) {
    const std::string ext = extension(path);
    if (ext != ".txt" && ext != ".tsv") return false;
    const auto fields = split_fields(first_line, '\t');
    long id = 0;
    double lat = 0;
    return fields.size() == 19 && parse_number(fields[0], id) && parse_number(fields[4], lat);
}

// Named alternateNames*, two numeric ids first.
bool accepts_alternate_names(const std::string& path, const std::string& first_line, const BuildOptions&) {
    const auto fields = split_fields(first_line, '\t');
    long a = 0, b = 0;
    return std::filesystem::path(path).filename().string().rfind("alternateNames", 0) == 0 && fields.size() >= 4 &&
           parse_number(fields[0], a) && parse_number(fields[1], b);
}

// Calls row(line_no, fields) for each data row of a GeoNames-style tab-separated file (blank
// lines and # comments skipped, CR removed), counting the rows in `stats`.
template <typename Row>
void for_each_tab_row(const std::string& path, SourceStats& stats, Row&& row) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line.front() == '#') continue;
        ++stats.rows;
        if (line.back() == '\r') line.pop_back();
        row(line_no, split_fields(line, '\t'));
    }
}

void import_geonames(Context& ctx, const std::string& path) {
    SourceStats stats = ctx.start(path, "geonames", "geonames-" + file_stem(path));
    for_each_tab_row(path, stats, [&](int line_no, const auto& f) {
        if (f.size() != 19) {
            ctx.bad_row(stats, path, line_no, fmt::format("{} fields, GeoNames rows have 19", f.size()));
            return;
        }
        Place p;
        p.id = fmt::format("gn:{}", f[0]);
        p.name = clean_name(f[1]);
        p.source = stats.source;
        p.source_id = std::string(f[0]);
        long gid = 0;
        if (!parse_number(f[0], gid) || p.name.empty()) {
            ctx.bad_row(stats, path, line_no, "bad geonameid or empty name");
            return;
        }
        if (!parse_number(f[4], p.lat) || !parse_number(f[5], p.lon) || !valid_coordinates(p.lat, p.lon)) {
            ctx.bad_row(stats, path, line_no, fmt::format("bad coordinates \"{}\", \"{}\"", f[4], f[5]));
            return;
        }
        p.feature_class = std::string(f[6]);
        p.feature_code = std::string(f[7]);
        p.country_code = std::string(f[8]);
        if (!f[14].empty() && !parse_number(f[14], p.population)) {
            ctx.bad_row(stats, path, line_no, fmt::format("bad population \"{}\"", f[14]));
            return;
        }
        if (!ctx.keep(p, stats)) return;
        add_alternate(p, f[2]);
        for (std::string_view alt : split_fields(f[3], ',')) {
            if (alt.find("://") == std::string_view::npos) add_alternate(p, alt);
        }
        p.radius_m = 0;
        ctx.add(std::move(p), stats);
    });
    ctx.finish(std::move(stats));
}

// alternateNames.txt / alternateNamesV2.txt: alternateNameId, geonameid, isolanguage, name,
// isPreferred, isShort, isColloquial, isHistoric[, from, to]. Joined to the GeoNames places
// already imported; codes and links (isolanguage iata, icao, link, post, ...) are skipped.
// Labelled with the file stem even under --source-name (it adds no places).
void import_alternate_names(Context& ctx, const std::string& path) {
    SourceStats stats;
    stats.path = path;
    stats.kind = "alternate-names";
    stats.source = file_stem(path);
    std::unordered_map<std::string, std::size_t> by_geonameid;
    for (std::size_t i = 0; i < ctx.result.places.size(); ++i) {
        const Place& p = ctx.result.places[i];
        if (p.id.rfind("gn:", 0) == 0) by_geonameid.emplace(p.source_id, i);
    }
    static const std::set<std::string, std::less<>> kNotNames = {"link", "post", "iata", "icao", "faac", "tcid",
                                                                  "unlc", "abbr", "wkdt", "fr_1793", "phon", "piny"};
    for_each_tab_row(path, stats, [&](int line_no, const auto& f) {
        if (f.size() < 4) {
            ctx.bad_row(stats, path, line_no, fmt::format("{} fields, alternate-name rows have at least 4", f.size()));
            return;
        }
        if (kNotNames.contains(f[2])) {
            ++stats.filtered;
            return;
        }
        auto it = by_geonameid.find(std::string(f[1]));
        if (it == by_geonameid.end()) return;  // a place not in this build (other country, class)
        Place& p = ctx.result.places[it->second];
        const std::size_t before = p.alternate_names.size();
        add_alternate(p, f[3]);
        stats.alternate_names += p.alternate_names.size() - before;
    });
    ctx.finish(std::move(stats));
}

}  // namespace

extern const Importer geonames_importer{"geonames", accepts_geonames, import_geonames};
extern const Importer alternate_names_importer{"alternate-names", accepts_alternate_names, import_alternate_names, true};

}  // namespace toponym::gazetteer_build
