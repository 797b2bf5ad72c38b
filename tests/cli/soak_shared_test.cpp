// Issue 17, the real-data soak: one `toponym map` run over the ACLED notes, Airwars' incidents
// as reports (location and strike fields as text), and the LGL and GeoWebNews corpora, to a
// GeoPackage (and to PostGIS when TOPONYM_TEST_PG names a server), then the same inputs
// appended again. Every input has its documents row, no layer repeats an id, the second run
// adds nothing, and `toponym stats` totals are the sums over the events. The inputs are read
// from ../shared at test time and turned into JSONL in a temporary folder; nothing of them is
// kept in the repository.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::shared_dir;
using toponym::testing::shell_quote;

namespace {

// Rows of a CSV table (read with GDAL) as JSONL documents: `id` and `published` from the
// named columns, the text from the others joined.
std::size_t table_as_jsonl(const fs::path& csv, const fs::path& out, const std::string& id_prefix, const std::string& id_field,
                           const std::string& date_field, const std::vector<std::string>& text_fields) {
    const std::vector<Row> rows = read_layer(csv);
    std::ofstream f(out);
    for (const Row& r : rows) {
        std::string text;
        for (const std::string& field : text_fields) {
            const std::string& value = r.at(field);
            if (!value.empty()) text += (text.empty() ? "" : ". ") + value;
        }
        const std::string date = r.at(date_field).substr(0, 10);
        nlohmann::json doc = {{"id", id_prefix + r.at(id_field)}, {"text", text}};
        if (!date.empty()) doc["published"] = date;
        f << doc.dump() << "\n";
    }
    return rows.size();
}

std::size_t lines_of(const fs::path& path) {
    std::ifstream in(path);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) n += !line.empty();
    return n;
}

// The unique key of each layer, as the writers index it.
const std::map<std::string, std::vector<std::string>>& unique_keys() {
    static const std::map<std::string, std::vector<std::string>> keys = {
        {"events", {"event_id"}},       {"mentions", {"mention_id"}},          {"places", {"place_id"}},
        {"governorates", {"admin1_pcode"}}, {"unresolved", {"doc_key", "char_start"}}, {"documents", {"doc_key"}}};
    return keys;
}

std::map<std::string, std::size_t> check_layers(const std::string& source, std::size_t documents) {
    std::map<std::string, std::size_t> counts;
    for (const auto& [layer, key] : unique_keys()) {
        const std::vector<Row> rows = read_layer(source, layer);
        std::set<std::string> seen;
        for (const Row& r : rows) {
            std::string k;
            for (const std::string& field : key) k += r.at(field) + "\x1f";
            EXPECT_TRUE(seen.insert(k).second) << source << ": layer " << layer << " repeats " << k;
        }
        counts[layer] = rows.size();
    }
    EXPECT_EQ(counts["documents"], documents) << source << ": every input document has its row";
    return counts;
}

// "total,,N,K,I" of `toponym stats --csv` against the events themselves.
void check_stats(const std::string& source) {
    const auto r = run_toponym({"stats", source, "--csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::size_t at = r.out.find("\ntotal,,");
    ASSERT_NE(at, std::string::npos) << r.out.substr(0, 200);
    std::istringstream line(r.out.substr(at + 8, r.out.find('\n', at + 1) - at - 8));
    std::string n, killed, injured;
    std::getline(line, n, ',');
    std::getline(line, killed, ',');
    std::getline(line, injured, ',');
    long sum_killed = 0, sum_injured = 0;
    const std::vector<Row> events = read_layer(source, "events");
    for (const Row& e : events) {
        if (!e.at("casualties_shared_with").empty()) {
            EXPECT_TRUE(e.at("fatalities").empty() && e.at("injured").empty()) << "a pointing event holds no figure";
            continue;
        }
        if (!e.at("fatalities").empty()) sum_killed += std::stol(e.at("fatalities"));
        if (!e.at("injured").empty()) sum_injured += std::stol(e.at("injured"));
    }
    EXPECT_EQ(n, std::to_string(events.size()));
    EXPECT_EQ(killed, std::to_string(sum_killed));
    EXPECT_EQ(injured, std::to_string(sum_injured));
}

}  // namespace

TEST(SoakShared, RealTablesMapWholeAppendAddsNothingStatsAddUp) {
    const fs::path dir = fresh_dir("soak");
    const fs::path acled = dir / "acled.jsonl", airwars = dir / "airwars.jsonl";
    std::size_t documents = table_as_jsonl(shared_dir() / "data/eval/acled-syria-2017-2018.csv", acled, "", "id", "date", {"text"});
    documents += table_as_jsonl(shared_dir() / "data/airwars-syria.csv", airwars, "aw-", "id", "date",
                                {"location_text", "governorate_text", "strike_type", "belligerent", "summary"});
    const fs::path lgl = shared_dir() / "data/geoparsing/LGL.jsonl", gwn = shared_dir() / "data/geoparsing/GeoWebNews.jsonl";
    documents += lines_of(lgl) + lines_of(gwn);
    ASSERT_GT(documents, 20000u);
    const std::vector<std::string> inputs = {acled.string(), airwars.string(), lgl.string(), gwn.string()};

    const fs::path gpkg = dir / "soak.gpkg";
    std::vector<std::string> args = {"map"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    std::vector<std::string> to_gpkg = args;
    for (const char* a : {"-o", gpkg.c_str(), "-q"}) to_gpkg.emplace_back(a);
    auto r = run_toponym(to_gpkg);
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    const std::map<std::string, std::size_t> first = check_layers(gpkg.string(), documents);
    EXPECT_GT(first.at("events"), 10000u);
    std::cout << "[ soak ] rows per layer:";  // for the log of scripts/check
    for (const auto& [layer, n] : first) std::cout << " " << layer << " " << n;
    std::cout << "\n";
    check_stats(gpkg.string());

    std::vector<std::string> again = args;
    for (const char* a : {"-o", gpkg.c_str(), "--append"}) again.emplace_back(a);
    r = run_toponym(again);
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    EXPECT_NE(r.out.find("0 new, " + std::to_string(documents) + " unchanged, 0 replaced"), std::string::npos) << r.out;
    EXPECT_EQ(check_layers(gpkg.string(), documents), first) << "the second run adds nothing";

    // PostGIS: the same run into a schema of its own, then again; the same counts as the GeoPackage.
    const char* pg = std::getenv("TOPONYM_TEST_PG");
    if (!pg || !*pg) {
        std::cout << "[ soak ] TOPONYM_TEST_PG not set: the PostGIS half is not run\n";
        return;
    }
    const std::string schema = "t_soak_" + std::to_string(getpid());
    run_shell("psql -X -q " + shell_quote(pg) + " -c " + shell_quote("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    const std::string target = std::string("PG:") + pg;
    for (int round = 0; round < 2; ++round) {
        std::vector<std::string> to_pg = args;
        for (const std::string& a : {std::string("-o"), target, std::string("--schema"), schema, std::string("-q")}) to_pg.push_back(a);
        if (round == 1) to_pg.emplace_back("--append");
        r = run_toponym(to_pg);
        ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
        EXPECT_EQ(check_layers(target + " active_schema=" + schema, documents), first) << "round " << round;
    }
    check_stats(target + " active_schema=" + schema);
    run_shell("psql -X -q " + shell_quote(pg) + " -c " + shell_quote("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
}
