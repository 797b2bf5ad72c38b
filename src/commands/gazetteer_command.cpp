// The gazetteer command: search and info.
#include "commands/gazetteer_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <optional>
#include <cstdio>

#include "commands/progress.hpp"
#include "geo/geodesy.hpp"
#include "geoparse/mention_finder.hpp"
#include "geoparse/resolver.hpp"
#include "store/safe_output.hpp"
#include "text/normalize.hpp"
#include "text/tokenize.hpp"

namespace toponym::commands {

namespace {

// The names of `place` that fold to `key`: why it is a candidate.
std::string matching_names(const Place& place, const std::string& key) {
    std::string out;
    auto consider = [&](const std::string& name) {
        if (text::fold_name(name) == key && out.find(name) == std::string::npos) out += (out.empty() ? "" : ", ") + name;
    };
    consider(place.name);
    for (const auto& alt : place.alternate_names) consider(alt);
    return out;
}

// "[geonames-SY|syria-admin/admin3]", with the confidence of a clustered place.
std::string provenance(const Place& place) {
    std::string out = "[" + (place.source.empty() ? std::string("no source") : place.source);
    if (place.confidence < 1.0) out += fmt::format("; confidence {:.2f}", place.confidence);
    return out + "]";
}

}  // namespace

CLI::App* GazetteerCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("gazetteer", "Build a gazetteer, look into one: search a name, count what it holds");
    cmd->require_subcommand(1);
    cmd->footer("\nExamples:\n"
                "  toponym gazetteer search \"Maarat al-Numan\"\n"
                "  toponym gazetteer build SY.txt alternateNamesV2.txt --countries SY -o syria.gaz\n"
                "  toponym gazetteer info --gazetteer syria.gaz");
    search_ = cmd->add_subcommand("search", "Show the places a name would resolve to, best first, with scores and why");
    search_->add_option("name", name_, "A place name as written in a report (any spelling, Latin or Arabic script)")->required();
    search_->add_option("--context", context_,
                        "Text around the name (\"near Maarat al-Numan\"): ranks the candidates as in a report");
    search_->add_option("--limit", limit_, "Show at most this many candidates")->check(CLI::PositiveNumber);
    gazetteers_.add_to(*search_);
    search_->footer("\nExamples:\n"
                    "  toponym gazetteer search Saraqib\n"
                    "  toponym gazetteer search \"al-Bab\" --context \"north-east of Aleppo\" --limit 5\n"
                    "  toponym gazetteer search Douma --gazetteer syria.gaz --gazetteer embedded");

    info_ = cmd->add_subcommand("info", "Count the places of a gazetteer by source, country and feature class");
    info_->add_option("files", info_files_, "Gazetteer files (compiled or TSV; stacked when several); default: --gazetteer or the embedded one");
    gazetteers_.add_to(*info_);
    info_->footer("\nExamples:\n"
                  "  toponym gazetteer info\n"
                  "  toponym gazetteer info syria.gaz extra.tsv");

    build_ = cmd->add_subcommand("build", "Compile a gazetteer file from GeoNames dumps, OGR layers and CSV/TSV tables");
    build_->add_option("sources", sources_,
                       "GeoNames dump files (allCountries/XX/citiesNNN .txt; alternateNames*.txt joined by geonameid), any OGR "
                       "source (GeoPackage, shapefile, GeoJSON, OSM), CSV/TSV tables with name/lat/lon columns, toponym "
                       "gazetteers, or \"embedded\"")
        ->required();
    build_->add_option("-o,--output", output_, "Compiled gazetteer file to write (use with --gazetteer)")->required();
    build_->add_flag("--overwrite", overwrite_, "Replace the output if it exists");
    build_->add_option("--format", build_format_, "compiled (default; opens without parsing) or tsv (the toponym TSV format, for review)")
        ->check(CLI::IsMember({"compiled", "tsv"}));
    build_->add_option("--countries", build_options_.countries, "Keep places of these countries (ISO alpha-2, comma-separated); places without a country pass")
        ->delimiter(',')
        ->allow_extra_args(false);
    build_->add_option("--feature-classes", build_options_.feature_classes, "Keep these GeoNames feature classes (P,A,S,...)")
        ->delimiter(',')
        ->allow_extra_args(false);
    build_->add_option("--min-population", build_options_.min_population,
                       "Drop populated places (class P) with fewer people (GeoNames: 0 = unknown)")
        ->check(CLI::NonNegativeNumber);
    build_->add_option("--merge-km", build_options_.merge_km,
                       "Places of different sources with a common name within this distance become one (default 5; 0 = off)")
        ->check(CLI::Range(0.0, 1000.0));
    build_->add_option("--layer", build_options_.layers, "OGR layers to read (default: every layer with a name field)")->delimiter(',')->allow_extra_args(false);
    build_->add_option("--name-field", build_options_.name_fields,
                       "Fields holding names, the first being the name (default: detect name_en/name/NAME/ADMn_EN, then "
                       "name_ar, alt names)")
        ->delimiter(',')
        ->allow_extra_args(false);
    build_->add_flag("--cluster", build_options_.cluster,
                     "Tables of incidents (e.g. Airwars location_text, lat, lon): one place per cluster of a repeated name, "
                     "with a confidence; points outside Syria dropped");
    build_->add_option("--cluster-km", build_options_.cluster_km, "Points of one name farther apart than this are separate places (default 10)")
        ->check(CLI::PositiveNumber);
    build_->add_option("--name-scripts", build_options_.name_scripts,
                       "Keep only alternate names in these scripts: latin, arabic (default: all)")
        ->delimiter(',')
        ->allow_extra_args(false);
    build_->add_flag("--syria-only", build_options_.syria_only, "Drop points outside Syria (the embedded governorates, ~2 km tolerance)");
    build_->add_option("--source-name", build_options_.source_name, "Source label recorded on every place (default: the file name)");
    build_->add_flag("--progress", progress_, "Show the stages even when stderr is not a terminal");
    build_->add_flag("-q,--quiet", quiet_, "No progress and no summary; bad rows are still reported");
    build_->footer("\nExamples:\n"
                   "  toponym gazetteer build SY.txt alternateNamesV2.txt --countries SY -o syria.gaz\n"
                   "  toponym gazetteer build syr_admin3.shp --name-field ADM3_EN,ADM3_AR -o admin3.gaz\n"
                   "  toponym gazetteer build embedded incidents.csv --cluster --format tsv -o review.tsv");

    coverage_ = cmd->add_subcommand("coverage",
                                    "Share of gold places (role location, in Syria, with coordinates) the gazetteer holds near the gold point");
    coverage_->add_option("gold", gold_path_,
                          "Gold: the seed annotation JSON (../shared/gold/seeds.json), or an LGL / GeoWebNews JSONL corpus")->required()->check(CLI::ExistingFile);
    coverage_->add_option("--km", within_km_, "Distance from the gold point (default 5)")->check(CLI::PositiveNumber);
    gazetteers_.add_to(*coverage_);
    coverage_->footer("\nExamples:\n"
                      "  toponym gazetteer coverage ../shared/gold/seeds.json\n"
                      "  toponym gazetteer coverage lgl.jsonl --km 10 --gazetteer world.gaz");
    names_ = cmd->add_subcommand("names", "List every distinct name and alternate name, one a line (e.g. for grep -F -f)");
    gazetteers_.add_to(*names_);
    names_->footer("\nExamples:\n"
                   "  toponym gazetteer names > names.txt\n"
                   "  toponym gazetteer names --gazetteer syria.gaz | grep -i saraqib");
    return cmd;
}

int GazetteerCommand::run() {
    if (search_->parsed()) return search();
    if (names_->parsed()) return names();
    if (info_->parsed()) return info();
    if (build_->parsed()) return build();
    return coverage();
}

int GazetteerCommand::names() {
    const Gazetteer& g = gazetteers_.gazetteer();
    std::set<std::string> names;
    for (const Place& p : g.places()) {
        names.insert(p.name);
        names.insert(p.alternate_names.begin(), p.alternate_names.end());
    }
    names.erase("");
    std::string out;
    for (const std::string& name : names) out += name + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

int GazetteerCommand::search() {
    const Gazetteer& g = gazetteers_.gazetteer();

    // The name is scanned and resolved exactly as in a report, with the context as the rest of it.
    const std::string text = name_ + "\n" + context_ + "\n";
    const std::vector<text::Token> tokens = text::tokenize(text);
    const geoparse::MentionScan scan = geoparse::find_mentions(text, tokens, g);
    const std::vector<Mention> mentions = geoparse::resolve_mentions(text, tokens, scan.matches, g);
    const std::string key = text::fold_name(name_);
    // The name must start with a gazetteer name; a generic word after it ("Idleb province") is
    // a qualifier the resolver uses.
    if (mentions.empty() || scan.matches.front().first_token != 0) {
        fmt::print("\"{}\" (key \"{}\"): no place of the gazetteer has this name", name_, key);
        if (!mentions.empty() && mentions.front().span.begin_byte < name_.size()) {
            fmt::print("; it contains the name \"{}\"", mentions.front().surface);
        }
        fmt::print("\n");
        return 1;
    }
    const Mention& m = mentions.front();
    const geoparse::NameMatch& match = scan.matches.front();
    fmt::print("\"{}\" (key \"{}\"): {} candidate{}, confidence {:.2f}{}\n", m.surface, match.key, m.candidates.size(),
               m.candidates.size() == 1 ? "" : "s", m.confidence,
               mentions.size() > 1 ? fmt::format(" (context: {} other place name{})", mentions.size() - 1,
                                                 mentions.size() == 2 ? "" : "s")
                                   : "");
    fmt::print("{:>4}  {:>6}  {:<20} {:<28} {:<6} {:<5} {:>10}  {:>9} {:>9}  {}\n", "rank", "score", "id", "name", "code",
               "adm1", "population", "lat", "lon", "matched names [source]");
    for (std::size_t i = 0; i < m.candidates.size() && i < limit_; ++i) {
        const Place& p = g.place(m.candidates[i].place);
        fmt::print("{:>4}  {:>6.3f}  {:<20} {:<28} {:<6} {:<5} {:>10}  {:>9.5f} {:>9.5f}  {}  {}\n", i + 1, m.candidates[i].score, p.id,
                   p.name, p.feature_code, p.admin1_pcode.empty() ? p.country_code : p.admin1_pcode,
                   p.population, p.lat, p.lon, matching_names(p, match.key), provenance(p));
    }
    return 0;
}

int GazetteerCommand::info() {
    gazetteers_.paths.insert(gazetteers_.paths.end(), info_files_.begin(), info_files_.end());
    const auto started = std::chrono::steady_clock::now();
    const Gazetteer& g = gazetteers_.gazetteer();
    const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::map<std::string, std::size_t> by_source, by_country, by_class;
    std::size_t names = 0, merged = 0;
    for (const Place& p : g.places()) {
        // A merged place counts under each of its sources ("geonames-cities500|syria-admin/admin3").
        std::string_view sources = p.source.empty() ? std::string_view("(none)") : std::string_view(p.source);
        for (std::size_t start = 0; start <= sources.size();) {
            const std::size_t bar = std::min(sources.find('|', start), sources.size());
            ++by_source[std::string(sources.substr(start, bar - start))];
            start = bar + 1;
        }
        if (p.source.find('|') != std::string::npos) ++merged;
        ++by_country[p.country_code.empty() ? "(none)" : p.country_code];
        ++by_class[p.feature_class.empty() ? "(none)" : p.feature_class];
        names += 1 + p.alternate_names.size();
    }
    fmt::print("{}: {} places, {} names, {} distinct matching keys\n", gazetteers_.describe(), g.places().size(), names,
               g.key_count());
    fmt::print("{} places merged from several sources; loaded in {:.1f} ms ({})\n", merged, load_ms,
               g.is_compiled() ? "compiled, memory-mapped" : "parsed and indexed");
    auto block = [](const char* title, const std::map<std::string, std::size_t>& counts, std::size_t top) {
        std::vector<std::pair<std::string, std::size_t>> rows(counts.begin(), counts.end());
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        fmt::print("\n{}\n", title);
        for (std::size_t i = 0; i < rows.size() && i < top; ++i) fmt::print("  {:<24} {:>7}\n", rows[i].first, rows[i].second);
        if (rows.size() > top) fmt::print("  ({} more)\n", rows.size() - top);
    };
    block("by source", by_source, 50);
    block("by country", by_country, 15);
    block("by feature class", by_class, 20);
    return 0;
}

int GazetteerCommand::build() {
    const auto started = std::chrono::steady_clock::now();
    io::AtomicOutput output(output_, overwrite_);  // refuses to clobber before any work
    Progress progress(quiet_, progress_, "sources");
    gazetteer_build::BuildResult result =
        gazetteer_build::build(sources_, build_options_, [&progress](const std::string& s) { progress.status(s); });
    progress.status("indexing names");
    const std::size_t place_count = result.places.size();
    const Gazetteer g = Gazetteer::from_places(std::move(result.places), output_);
    progress.status(fmt::format("writing {}", output_));
    if (build_format_ == "tsv") {
        std::string sources;
        for (const auto& s : sources_) sources += (sources.empty() ? "" : ", ") + s;
        io::write_whole_file(output.temp_path(), gazetteer_build::to_tsv(std::vector<Place>(g.places().begin(), g.places().end()), "built by toponym gazetteer build from: " + sources),
                             output_, "gazetteer");
    } else {
        g.save_compiled(output.temp_path());
    }
    output.commit();
    progress.finish();
    for (const Diagnostic& d : result.diagnostics) fmt::print(stderr, "toponym: {}\n", d.format());
    std::size_t bad = 0;
    for (const auto& s : result.sources) bad += s.bad;
    if (quiet_) return 0;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print("{}: {} places, {} name keys ({} merged across sources) in {:.2f} s\n", output_, place_count, g.key_count(),
               result.merged, seconds);
    fmt::print("{:<44} {:<18} {:>8} {:>8} {:>6} {:>7} {:>8} {:>7} {:>8} {:>9}\n", "source", "kind", "rows", "places", "bad",
               "no-xy", "filtered", "outside", "ambig.", "clusters");
    for (const auto& s : result.sources) {
        fmt::print("{:<44} {:<18} {:>8} {:>8} {:>6} {:>7} {:>8} {:>7} {:>8} {:>9}\n", s.source, s.kind, s.rows,
                   s.kind == "alternate-names" ? s.alternate_names : s.places, s.bad, s.no_coordinates, s.filtered,
                   s.outside_syria, s.ambiguous, s.kind == "table (clustered)" ? fmt::format("{}/{}", s.clusters, s.names) : "");
    }
    if (bad > result.diagnostics.size()) fmt::print("({} bad rows in all; the first 20 of each source are listed above)\n", bad);
    return 0;
}

// For every gold place name (kind name, not a relative expression) with role location, in Syria and with a point: does the gazetteer
// hold a place under one of its names (surface text, gold name, alternates) within the
// distance? Counted per mention and per distinct place (place_key).
int GazetteerCommand::coverage() {
    if (gold_path_.size() > 6 && gold_path_.substr(gold_path_.size() - 6) == ".jsonl") return corpus_coverage();
    std::ifstream in(gold_path_);
    nlohmann::json gold;
    try {
        gold = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(gold_path_, fmt::format("not JSON: {}", e.what()));
    }
    const Gazetteer& g = gazetteers_.gazetteer();
    auto str = [](const nlohmann::json& t, const char* key) {
        return t.contains(key) && t[key].is_string() ? t[key].get<std::string>() : std::string();
    };
    auto held = [&](const std::vector<std::string>& names, double lat, double lon) {
        for (const auto& name : names) {
            for (std::uint32_t i : g.lookup(text::fold_name(name))) {
                if (geo::great_circle_km(lat, lon, g.place(i).lat, g.place(i).lon) <= within_km_) return true;
            }
        }
        return false;
    };
    std::size_t mentions = 0, mentions_by_text = 0;
    std::map<std::string, bool> places;
    for (const auto& doc : gold.value("documents", nlohmann::json::array())) {
        for (const auto& t : doc.value("toponyms", nlohmann::json::array())) {
            if (str(t, "kind") != "name" || str(t, "role") != "location" || !(t.contains("in_syria") && t["in_syria"].is_boolean() && t["in_syria"].get<bool>()) || !t.contains("lat") || t["lat"].is_null() ||
                !t.contains("lon") || t["lon"].is_null()) {
                continue;
            }
            const double lat = t["lat"].get<double>(), lon = t["lon"].get<double>();
            std::vector<std::string> names{str(t, "text"), str(t, "name")};
            if (t.contains("alt") && t["alt"].is_array()) {
                for (const auto& a : t["alt"]) {
                    if (a.is_string()) names.push_back(a.get<std::string>());
                }
            }
            ++mentions;
            mentions_by_text += held({names[0]}, lat, lon);
            const std::string key = str(t, "place_key").empty() ? names[1] : str(t, "place_key");
            places[key] = places[key] || held(names, lat, lon);
        }
    }
    std::size_t places_held = 0;
    for (const auto& [key, found] : places) places_held += found;
    auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
    fmt::print("{} ({} places) on {} within {:g} km:\n", gazetteers_.describe(), g.places().size(), gold_path_, within_km_);
    fmt::print("  distinct gold places held under any of their names: {}/{} ({:.1f} %)\n", places_held, places.size(),
               pct(places_held, places.size()));
    fmt::print("  location mentions whose surface text finds the place: {}/{} ({:.1f} %)\n", mentions_by_text, mentions,
               pct(mentions_by_text, mentions));
    if (!quiet_) {
        std::string missing;
        for (const auto& [key, found] : places) {
            if (!found) missing += (missing.empty() ? "" : ", ") + key;
        }
        if (!missing.empty()) fmt::print("  not held: {}\n", missing);
    }
    return 0;
}

// LGL / GeoWebNews JSONL (../shared/data/geoparsing): every gold toponym with a point; its
// names are the surface form plus `gaz_name` (LGL) or `normalised_name` (GeoWebNews).
int GazetteerCommand::corpus_coverage() {
    std::ifstream in(gold_path_);
    const Gazetteer& g = gazetteers_.gazetteer();
    std::size_t toponyms = 0, held_by_surface = 0, held_by_any = 0;
    std::set<std::string> places, places_held;
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty()) continue;
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            fmt::print(stderr, "toponym: {}:{}: not JSON; line skipped\n", gold_path_, line_no);
            continue;
        }
        for (const auto& t : doc.value("toponyms", nlohmann::json::array())) {
            if (!t.contains("lat") || !t["lat"].is_number() || !t.contains("lon") || !t["lon"].is_number()) continue;
            const double lat = t["lat"].get<double>(), lon = t["lon"].get<double>();
            std::vector<std::string> names;
            for (const char* field : {"name", "gaz_name", "normalised_name"}) {
                if (t.contains(field) && t[field].is_string()) names.push_back(t[field].get<std::string>());
            }
            if (names.empty()) continue;
            auto held = [&](const std::string& name) {
                for (std::uint32_t i : g.lookup(text::fold_name(name))) {
                    if (geo::great_circle_km(lat, lon, g.place(i).lat, g.place(i).lon) <= within_km_) return true;
                }
                return false;
            };
            ++toponyms;
            const bool by_surface = held(names[0]);
            const bool by_any = by_surface || std::any_of(names.begin() + 1, names.end(), held);
            held_by_surface += by_surface;
            held_by_any += by_any;
            const std::string place = fmt::format("{}@{:.2f},{:.2f}", text::fold_name(names[0]), lat, lon);
            places.insert(place);
            if (by_any) places_held.insert(place);
        }
    }
    auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
    fmt::print("{} ({} places) on {} within {:g} km:\n", gazetteers_.describe(), g.places().size(), gold_path_, within_km_);
    fmt::print("  gold toponyms with a point whose surface text finds the place: {}/{} ({:.1f} %)\n", held_by_surface, toponyms,
               pct(held_by_surface, toponyms));
    fmt::print("  ... under the surface text or the gold's gazetteer name: {}/{} ({:.1f} %)\n", held_by_any, toponyms,
               pct(held_by_any, toponyms));
    fmt::print("  distinct (name, point) places held: {}/{} ({:.1f} %)\n", places_held.size(), places.size(),
               pct(places_held.size(), places.size()));
    return 0;
}

}  // namespace toponym::commands
