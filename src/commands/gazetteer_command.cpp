// The gazetteer command: search and info.
#include "commands/gazetteer_command.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include "geoparse/mention_finder.hpp"
#include "geoparse/resolver.hpp"
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

}  // namespace

CLI::App* GazetteerCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("gazetteer", "Look into a gazetteer: search a name, or count what it holds");
    cmd->require_subcommand(1);
    search_ = cmd->add_subcommand("search", "Show the places a name would resolve to, best first, with scores and why");
    search_->add_option("name", name_, "A place name as written in a report (any spelling, Latin or Arabic script)")->required();
    search_->add_option("--context", context_,
                        "Text around the name (\"near Maarat al-Numan\"): ranks the candidates as in a report");
    search_->add_option("--limit", limit_, "Show at most this many candidates")->check(CLI::PositiveNumber);
    search_->add_option("--gazetteer", gazetteer_path_, "Gazetteer file (toponym TSV) instead of the embedded one");
    info_ = cmd->add_subcommand("info", "Count the places of a gazetteer by source, country and feature class");
    info_->add_option("--gazetteer", gazetteer_path_, "Gazetteer file (toponym TSV) instead of the embedded one");
    return cmd;
}

int GazetteerCommand::run() { return search_->parsed() ? search() : info(); }

int GazetteerCommand::search() {
    std::optional<Gazetteer> custom;
    if (!gazetteer_path_.empty()) custom.emplace(Gazetteer::load_file(gazetteer_path_));
    const Gazetteer& g = custom ? *custom : Gazetteer::embedded();

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
               "adm1", "population", "lat", "lon", "matched names");
    for (std::size_t i = 0; i < m.candidates.size() && i < limit_; ++i) {
        const Place& p = g.place(m.candidates[i].place);
        fmt::print("{:>4}  {:>6.3f}  {:<20} {:<28} {:<6} {:<5} {:>10}  {:>9.5f} {:>9.5f}  {}\n", i + 1, m.candidates[i].score, p.id,
                   p.name, p.feature_code, p.admin1_pcode.empty() ? p.country_code : p.admin1_pcode,
                   p.population, p.lat, p.lon, matching_names(p, match.key));
    }
    return 0;
}

int GazetteerCommand::info() {
    std::optional<Gazetteer> custom;
    if (!gazetteer_path_.empty()) custom.emplace(Gazetteer::load_file(gazetteer_path_));
    const Gazetteer& g = custom ? *custom : Gazetteer::embedded();
    std::map<std::string, std::size_t> by_source, by_country, by_class;
    std::size_t names = 0;
    for (const Place& p : g.places()) {
        ++by_source[p.source.empty() ? "(none)" : p.source];
        ++by_country[p.country_code.empty() ? "(none)" : p.country_code];
        ++by_class[p.feature_class.empty() ? "(none)" : p.feature_class];
        names += 1 + p.alternate_names.size();
    }
    fmt::print("{}: {} places, {} names, {} distinct matching keys\n",
               gazetteer_path_.empty() ? std::string("embedded gazetteer") : gazetteer_path_, g.places().size(), names,
               g.key_count());
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

}  // namespace toponym::commands
