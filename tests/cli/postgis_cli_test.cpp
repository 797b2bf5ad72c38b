// PostGIS output against a real PostgreSQL 15 + PostGIS 3 (scripts/pg-start; the connection
// string comes in TOPONYM_TEST_PG). Without it these tests FAIL: scripts/check always starts
// the server, and the tests are only registered when the build is configured with
// -DTOPONYM_PG_TESTS=ON (ctest label "pg").
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <unistd.h>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::shell_quote;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

std::string conninfo() {
    const char* value = std::getenv("TOPONYM_TEST_PG");
    return value ? value : "";
}

// A schema of its own for each test, dropped first so that a rerun starts clean.
std::string fresh_schema(const std::string& name) {
    const std::string schema = "t_" + name + "_" + std::to_string(getpid());
    run_shell("psql -X -q " + shell_quote(conninfo()) + " -c " + shell_quote("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    return schema;
}

std::string pg(const std::string& schema) { return "PG:" + conninfo() + " active_schema=" + schema; }

// One value from psql (unaligned, tuples only).
std::string psql(const std::string& sql) {
    auto r = run_shell("psql -X -tA -v ON_ERROR_STOP=1 " + shell_quote(conninfo()) + " -c " + shell_quote(sql));
    EXPECT_EQ(r.exit_code, 0) << sql << ": " << r.err;
    while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == ' ')) r.out.pop_back();
    return r.out;
}

class PostGIS : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_FALSE(conninfo().empty()) << "TOPONYM_TEST_PG is not set: start the server with scripts/pg-start "
                                            "(scripts/check does) and export its connection string";
        ASSERT_EQ(psql("SELECT 1"), "1") << "the PostgreSQL server of TOPONYM_TEST_PG does not answer";
    }
};

fs::path samples() { return source_dir() / "samples"; }

// A value as both outputs should agree on it: PostgreSQL timestamptz values carry "+00", jsonb
// normalises the JSON text.
std::string comparable(const std::string& field, const std::string& value) {
    if (field == "alternatives" || field == "candidates" || field == "messages") {
        return value.empty() ? value : nlohmann::json::parse(value).dump();
    }
    if (value.size() > 3 && value.ends_with("+00")) return value.substr(0, value.size() - 3);
    return value;
}

std::map<std::string, const Row*> by_key(const std::vector<Row>& rows, const std::vector<std::string>& key) {
    std::map<std::string, const Row*> out;
    for (const Row& r : rows) {
        std::string k;
        for (const std::string& f : key) k += r.at(f) + "|";
        out[k] = &r;
    }
    return out;
}

// The team-written reports in samples/ (English and Arabic).
std::size_t sample_count() {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(samples())) n += e.path().extension() == ".txt";
    return n;
}

}  // namespace

TEST_F(PostGIS, DemoOutputReadsBackFieldByFieldLikeTheGeoPackage) {
    const std::string schema = fresh_schema("roundtrip");
    const fs::path gpkg = fresh_dir("pg-roundtrip") / "samples.gpkg";
    ASSERT_EQ(run_toponym({"map", samples().string(), "-o", gpkg.string(), "-q"}).exit_code, 0);
    auto r = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", schema});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(std::to_string(sample_count()) + " new, 0 unchanged, 0 replaced"), std::string::npos) << r.out;

    const std::map<std::string, std::vector<std::string>> keys = {
        {"events", {"event_id"}},         {"mentions", {"mention_id"}}, {"places", {"place_id"}},
        {"governorates", {"admin1_pcode"}}, {"unresolved", {"doc_key", "char_start"}}, {"documents", {"doc_key"}}};
    std::size_t compared = 0;
    for (const auto& [layer, key] : keys) {
        const std::vector<Row> from_gpkg = read_layer(gpkg, layer);
        const std::vector<Row> from_pg = read_layer(pg(schema), layer);
        ASSERT_FALSE(from_gpkg.empty()) << layer;
        ASSERT_EQ(from_pg.size(), from_gpkg.size()) << layer;
        const auto g = by_key(from_gpkg, key);
        const auto p = by_key(from_pg, key);
        ASSERT_EQ(g.size(), from_gpkg.size()) << layer << ": key not unique";
        for (const auto& [k, grow] : g) {
            ASSERT_TRUE(p.contains(k)) << layer << " " << k << " missing in PostGIS";
            const Row& prow = *p.at(k);
            for (const auto& [field, value] : grow->fields) {
                if (field == "fid") continue;
                ASSERT_TRUE(prow.fields.contains(field)) << layer << "." << field << " missing in PostGIS";
                EXPECT_EQ(comparable(field, prow.at(field)), comparable(field, value)) << layer << "." << field << " of " << k;
                EXPECT_EQ(prow.is_null.at(field), grow->is_null.at(field)) << layer << "." << field << " of " << k;
                ++compared;
            }
            EXPECT_EQ(prow.lat, grow->lat) << layer << " " << k;
            EXPECT_EQ(prow.lon, grow->lon) << layer << " " << k;
        }
    }
    EXPECT_GT(compared, 1000u);
    std::cout << "PostGIS vs GeoPackage: " << compared << " field values compared over 6 layers\n";

    // The same through psql: counts, types, spatial indexes, unique ids, styles.
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".events"), std::to_string(read_layer(gpkg, "events").size()));
    auto type_of = [&](const std::string& table, const std::string& column) {
        return psql("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = '" +
                    table + "' AND column_name = '" + column + "'");
    };
    EXPECT_EQ(type_of("events", "event_date"), "timestamp with time zone");
    EXPECT_EQ(type_of("documents", "published"), "date");
    EXPECT_EQ(type_of("mentions", "alternatives"), "jsonb");
    EXPECT_EQ(type_of("documents", "messages"), "jsonb");
    EXPECT_EQ(type_of("events", "fatalities"), "integer");
    EXPECT_EQ(psql("SELECT ST_SRID(geom) FROM " + schema + ".events LIMIT 1"), "4326");
    for (const char* table : {"events", "mentions", "places", "governorates"}) {
        EXPECT_EQ(psql("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "' AND tablename = '" + table +
                       "' AND indexdef LIKE '%USING gist (geom)%'"),
                  "1")
            << table << " has no spatial index";
    }
    EXPECT_EQ(psql("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema +
                   "' AND tablename = 'events' AND indexdef LIKE 'CREATE UNIQUE INDEX%(event_id)'"),
              "1");
    EXPECT_EQ(psql("SELECT string_agg(f_table_name, ',' ORDER BY f_table_name) FROM public.layer_styles WHERE f_table_schema = '" +
                   schema + "' AND f_table_catalog = current_database() AND useasdefault AND styleqml LIKE '<!DOCTYPE qgis%'"),
              "events,governorates,mentions,places");
}

TEST_F(PostGIS, ExistingTablesNeedAppendOrOverwriteAndBadSchemasAreRefused) {
    const std::string schema = fresh_schema("guard");
    ASSERT_EQ(run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", schema, "-q"}).exit_code, 0);
    const std::string before = psql("SELECT count(*) FROM " + schema + ".events");
    auto again = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", schema, "-q"});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_NE(again.err.find("--append"), std::string::npos) << again.err;
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".events"), before);
    auto over = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", schema, "--overwrite", "-q"});
    EXPECT_EQ(over.exit_code, 0) << over.err;
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".events"), before);

    for (const std::string bad : {"x\"; DROP TABLE events; --", "Upper", "1abc", ""}) {
        auto r = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", bad, "-q"});
        EXPECT_EQ(r.exit_code, 2) << bad;
    }
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".events"), before);

    // A password never reaches the messages.
    auto secret = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo() + " password=s3cret", "--schema", schema, "-q"});
    EXPECT_EQ(secret.exit_code, 2);
    EXPECT_EQ(secret.err.find("s3cret"), std::string::npos) << secret.err;
}

TEST_F(PostGIS, AppendSkipsUnchangedReplacesChangedAndFilterAndStatsReadIt) {
    const std::string schema = fresh_schema("append");
    const fs::path in = fresh_dir("pg-append-in");
    for (const auto& e : fs::directory_iterator(samples())) {
        if (e.path().extension() == ".txt") fs::copy_file(e.path(), in / e.path().filename());
    }
    ASSERT_EQ(run_toponym({"map", in.string(), "-o", "PG:" + conninfo(), "--schema", schema, "--append", "-q"}).exit_code, 0);
    const std::string old_ids = psql("SELECT string_agg(event_id, ',') FROM " + schema + ".events WHERE doc_id = '01-maarat-airstrikes'");
    ASSERT_FALSE(old_ids.empty());

    std::string text = read_file(in / "01-maarat-airstrikes.txt");
    write_file(in / "01-maarat-airstrikes.txt", std::regex_replace(text, std::regex("Maarat"), "Saraqib"));
    write_file(in / "60-new.txt", "---\nsource: Test Wire\npublished: 2021-02-03\n---\nShelling hit Kafr Nabl on Tuesday.\n");
    auto r = run_toponym({"map", in.string(), "-o", "PG:" + conninfo(), "--schema", schema, "--append"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 new, " + std::to_string(sample_count() - 1) + " unchanged, 1 replaced"), std::string::npos) << r.out;
    for (std::size_t at = 0; at < old_ids.size(); at += 20) {
        const std::string id = old_ids.substr(at, 19);
        EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".events WHERE event_id = '" + id + "'"), "0") << id << " survived";
    }
    EXPECT_EQ(psql("SELECT count(*) = count(DISTINCT event_id) FROM " + schema + ".events"), "t");
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".documents"), std::to_string(sample_count() + 1));

    // filter and stats read the schema like any OGR source, and agree with a fresh GeoPackage.
    const fs::path dir = fresh_dir("pg-append-out");
    ASSERT_EQ(run_toponym({"map", in.string(), "-o", (dir / "fresh.gpkg").string(), "-q"}).exit_code, 0);
    auto stats_pg = run_toponym({"stats", pg(schema), "--csv"});
    auto stats_gpkg = run_toponym({"stats", (dir / "fresh.gpkg").string(), "--csv"});
    ASSERT_EQ(stats_pg.exit_code, 0) << stats_pg.err;
    EXPECT_EQ(stats_pg.out, stats_gpkg.out);
    auto filtered = run_toponym({"filter", pg(schema), "--layer", "events", "--governorate", "Idlib", "-o", (dir / "idlib.gpkg").string(), "-q"});
    ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
    const std::size_t idlib = read_layer(dir / "idlib.gpkg", "events").size();
    EXPECT_GT(idlib, 0u);
    EXPECT_EQ(std::to_string(idlib), psql("SELECT count(*) FROM " + schema + ".events WHERE admin1_pcode = 'SY07'"));
}

// Two writers append overlapping folders into one schema at the same time: every event of the
// union is stored exactly once, and nothing else.
TEST_F(PostGIS, TwoConcurrentAppendingWritersStoreEveryEventExactlyOnce) {
    const std::string schema = fresh_schema("concurrent");
    const fs::path a = fresh_dir("pg-concurrent-a");
    const fs::path b = fresh_dir("pg-concurrent-b");
    const fs::path all = fresh_dir("pg-concurrent-all");
    // 60 reports: copies of the samples under other outlets (distinct documents); A has the
    // first 40, B the last 40, so 20 are in both.
    std::vector<fs::path> sample_files;
    for (const auto& e : fs::directory_iterator(samples())) {
        if (e.path().extension() == ".txt") sample_files.push_back(e.path());
    }
    std::sort(sample_files.begin(), sample_files.end());
    for (int i = 0; i < 60; ++i) {
        std::string text = read_file(sample_files[i % sample_files.size()]);
        text = std::regex_replace(text, std::regex("\nsource: [^\n]*"), "\nsource: Outlet " + std::to_string(i));
        const std::string name = "r" + std::to_string(100 + i) + ".txt";
        write_file(all / name, text);
        if (i < 40) write_file(a / name, text);
        if (i >= 20) write_file(b / name, text);
    }
    const std::string target = shell_quote("PG:" + conninfo());
    const std::string map = shell_quote(TOPONYM_BINARY) + " map --append --schema " + schema + " -o " + target + " ";
    auto both = run_shell("( (" + map + shell_quote(a.string()) + "; echo a=$? >&2) & (" + map + shell_quote(b.string()) +
                          "; echo b=$? >&2) & wait )");
    EXPECT_NE(both.err.find("a=0"), std::string::npos) << both.err;
    EXPECT_NE(both.err.find("b=0"), std::string::npos) << both.err;
    // Between them the writers found each of the 60 reports new once; the 20 in both were
    // "unchanged" for whichever came second.
    std::size_t new_docs = 0, unchanged_docs = 0, summaries = 0;
    const std::regex summary(R"((\d+) new, (\d+) unchanged, (\d+) replaced)");
    for (auto it = std::sregex_iterator(both.out.begin(), both.out.end(), summary); it != std::sregex_iterator(); ++it) {
        new_docs += std::stoul((*it)[1]);
        unchanged_docs += std::stoul((*it)[2]);
        ++summaries;
    }
    EXPECT_EQ(summaries, 2u) << both.out;
    EXPECT_EQ(new_docs, 60u) << both.out;
    EXPECT_EQ(unchanged_docs, 20u) << both.out;
    std::cout << both.out;

    const fs::path expected = fresh_dir("pg-concurrent-out") / "all.gpkg";
    ASSERT_EQ(run_toponym({"map", all.string(), "-o", expected.string(), "-q"}).exit_code, 0);
    std::set<std::string> want;
    for (const Row& r : read_layer(expected, "events")) want.insert(r.at("event_id"));
    ASSERT_GT(want.size(), 100u);
    std::multiset<std::string> got;
    for (const Row& r : read_layer(pg(schema), "events")) got.insert(r.at("event_id"));
    EXPECT_EQ(got.size(), want.size()) << "events stored: " << got.size() << ", expected " << want.size();
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), want);
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".documents"), "60");
    EXPECT_EQ(psql("SELECT count(*) = count(DISTINCT mention_id) FROM " + schema + ".mentions"), "t");
    std::cout << "concurrent writers: " << got.size() << " events stored, " << want.size() << " distinct expected\n";
}

// A run that fails part-way leaves nothing behind: the tables written before the failure are
// rolled back with it.
TEST_F(PostGIS, AFailedRunLeavesNothingHalfWritten) {
    const std::string schema = fresh_schema("rollback");
    // Someone else's "documents" table (the last layer toponym writes) in the schema.
    psql("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".documents (id integer, note text)");
    auto r = run_toponym({"map", samples().string(), "-o", "PG:" + conninfo(), "--schema", schema, "--append", "-q"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("documents"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
    EXPECT_EQ(psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'"), "1")
        << "tables of the failed run were left behind";
    EXPECT_EQ(psql("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = '" + schema + "'"), "0");
}

// Hostile values in every place a user's text reaches the database: document ids, titles,
// sources, urls and text (JSONL), place ids and names (a gazetteer), --schema and filter
// values. Nothing runs as SQL: every table is still there, the values read back byte for byte
// as the GeoPackage of the same run has them, and an invalid schema is a usage error.
TEST_F(PostGIS, HostileValuesRoundTripAndInjectNothing) {
    const std::string schema = fresh_schema("hostile");
    const std::vector<std::string> hostile = {
        "'; DROP TABLE events; --",
        "x\"; drop schema public cascade; --",
        "O'Brien \\ back\\slash \\' \\\\ $$ dollar $tag$ \"quoted\" ''",
        "'); DELETE FROM documents WHERE ('1'='1",
    };
    const fs::path dir = fresh_dir("pg-hostile");
    // A place whose id and name are hostile; reports find it by its plain alternate name.
    write_file(dir / "hostile.tsv",
               "# toponym-gazetteer 1\n"
               "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\talternate_names\n"
               "h:'; DROP TABLE places; --\tKafr O'Drop\"; DROP TABLE mentions; -- $$\\\t35.70\t36.70\tP\tPPL\tSY\tSY07\t\t2000\tKafr Odrop\n");
    std::string jsonl;
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        nlohmann::json doc = {{"id", hostile[i] + " #" + std::to_string(i)},
                              {"title", hostile[(i + 1) % hostile.size()]},
                              {"source", hostile[(i + 2) % hostile.size()]},
                              {"url", "https://example.invalid/?q=" + hostile[(i + 3) % hostile.size()]},
                              {"published", "2016-02-0" + std::to_string(i + 1)},
                              {"text", "Air strikes hit Kafr Odrop on Monday, residents said: \"" + hostile[i] +
                                           "\". Shelling hit Saraqib."}};
        jsonl += doc.dump() + "\n";
    }
    write_file(dir / "hostile.jsonl", jsonl);
    const std::vector<std::string> gazetteers = {"--gazetteer", "embedded", "--gazetteer", (dir / "hostile.tsv").string()};
    auto map_to = [&](const std::string& target, std::vector<std::string> extra) {
        std::vector<std::string> args = {"map", (dir / "hostile.jsonl").string(), "-o", target, "-q"};
        args.insert(args.end(), gazetteers.begin(), gazetteers.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return run_toponym(args);
    };
    auto r = map_to((dir / "hostile.gpkg").string(), {});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = map_to("PG:" + conninfo(), {"--schema", schema});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    auto tables_intact = [&] {
        EXPECT_EQ(psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"), "1");
        EXPECT_EQ(psql("SELECT to_regclass('public.layer_styles') IS NOT NULL"), "t");
        EXPECT_EQ(psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = '" +
                       schema + "'"),
                  "documents,events,governorates,mentions,places,unresolved");
        EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".documents"), std::to_string(hostile.size()));
    };
    tables_intact();

    // Field by field as the GeoPackage has them, and the hostile values are really there.
    const std::map<std::string, std::vector<std::string>> keys = {
        {"documents", {"doc_key"}}, {"events", {"event_id"}}, {"mentions", {"mention_id"}}, {"places", {"place_id"}}};
    std::set<std::string> seen;
    for (const auto& [layer, key] : keys) {
        const std::vector<Row> from_gpkg = read_layer(dir / "hostile.gpkg", layer);
        const std::vector<Row> from_pg = read_layer(pg(schema), layer);
        ASSERT_FALSE(from_gpkg.empty()) << layer;
        ASSERT_EQ(from_pg.size(), from_gpkg.size()) << layer;
        const auto g = by_key(from_gpkg, key);
        const auto p = by_key(from_pg, key);
        for (const auto& [k, grow] : g) {
            ASSERT_TRUE(p.contains(k)) << layer << " " << k;
            for (const auto& [field, value] : grow->fields) {
                if (field == "fid") continue;
                EXPECT_EQ(comparable(field, p.at(k)->at(field)), comparable(field, value)) << layer << "." << field;
                for (const std::string& h : hostile) {
                    if (value.find(h) != std::string::npos) seen.insert(layer + "." + field);
                }
            }
        }
    }
    for (const char* field : {"documents.doc_id", "documents.title", "documents.source", "documents.url", "events.snippet"}) {
        EXPECT_TRUE(seen.contains(field)) << field << " never carried a hostile value: the test tests nothing there";
    }
    EXPECT_EQ(psql("SELECT name FROM " + schema + ".places WHERE place_id = 'h:''; DROP TABLE places; --'"),
              "Kafr O'Drop\"; DROP TABLE mentions; -- $$\\");
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".documents WHERE doc_id = $$'; DROP TABLE events; -- #0$$"), "1");

    // Appending changed reports replaces them by key (a DELETE built from the stored keys).
    std::string changed = jsonl;
    for (std::size_t at = changed.find("Saraqib"); at != std::string::npos; at = changed.find("Saraqib", at)) changed.replace(at, 7, "Ariha");
    write_file(dir / "hostile.jsonl", changed);
    r = map_to("PG:" + conninfo(), {"--schema", schema, "--append"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    tables_intact();
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".mentions WHERE surface = 'Saraqib'"), "0");
    EXPECT_EQ(psql("SELECT count(*) FROM " + schema + ".mentions WHERE surface = 'Ariha'"), std::to_string(hostile.size()));

    // Hostile schema names and filter values are refused as usage errors before any SQL.
    for (const std::string& bad : {std::string("x\"; drop schema public cascade; --"), hostile[0], std::string("public; drop")}) {
        r = map_to("PG:" + conninfo(), {"--schema", bad, "--append"});
        EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.err;
        EXPECT_NE(r.err.find("--schema"), std::string::npos) << r.err;
    }
    const fs::path filtered = dir / "filtered.gpkg";
    auto filter = [&](std::vector<std::string> options) {
        std::vector<std::string> args = {"filter", pg(schema), "--layer", "events", "-o", filtered.string(), "-q", "--overwrite"};
        args.insert(args.end(), options.begin(), options.end());
        return run_toponym(args);
    };
    // {the option the message names, the arguments}
    const std::vector<std::pair<std::string, std::vector<std::string>>> refused = {
        {"--governorate", {"--governorate", "Idlib') OR ('1'='1"}},
        {"--type", {"--type", "airstrike", "--type-field", "event_type\"; DROP TABLE events; --"}}};
    for (const auto& [named, options] : refused) {
        r = filter(options);
        EXPECT_EQ(r.exit_code, 2) << named << "\n" << r.err;
        EXPECT_NE(r.err.find(named + ": "), std::string::npos) << r.err;
    }
    // A type value is compared, not run: it matches no event.
    r = filter({"--type", hostile[0]});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_layer(filtered, "events").size(), 0u);
    // The governorate filter that does reach GDAL as SQL (a quoted literal) still works.
    r = filter({"--governorate", "Idlib"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(std::to_string(read_layer(filtered, "events").size()), psql("SELECT count(*) FROM " + schema + ".events WHERE admin1_pcode = 'SY07'"));
    tables_intact();
    auto stats = run_toponym({"stats", pg(schema), "--csv"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
}
