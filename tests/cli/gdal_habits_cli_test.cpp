// CLI tests of the GDAL habits (issue 19): -f for --of, --where (valid, invalid, trying to
// write), --progress off a terminal, "did you mean" for a mistyped option, examples at the end
// of every --help, and stats --by with sums, CSV and JSON. The point file is team-written and
// fictional; outputs are read back with GDAL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::rows_by;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// Six fictional events: three governorates, three types, March and April 2024; the last has no
// fatalities figure. Fatalities sum to 10, injured to 11.
const char* kEvents = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.63, 35.93]}, "properties": {"event_id": "e1", "admin1": "Idleb", "admin1_pcode": "SY07", "event_type": "air_strike", "event_date": "2024-03-04", "fatalities": 3, "injured": 5}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.68, 35.64]}, "properties": {"event_id": "e2", "admin1": "Idleb", "admin1_pcode": "SY07", "event_type": "shelling", "event_date": "2024-03-20", "fatalities": 0, "injured": 2}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.60, 35.80]}, "properties": {"event_id": "e3", "admin1": "Idleb", "admin1_pcode": "SY07", "event_type": "air_strike", "event_date": "2024-04-02", "fatalities": 1, "injured": 0}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.16, 36.20]}, "properties": {"event_id": "e4", "admin1": "Aleppo", "admin1_pcode": "SY02", "event_type": "shelling", "event_date": "2024-03-11", "fatalities": 2, "injured": 1}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.05, 36.52]}, "properties": {"event_id": "e5", "admin1": "Aleppo", "admin1_pcode": "SY02", "event_type": "clashes", "event_date": "2024-04-15", "fatalities": 4, "injured": 0}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.75, 35.13]}, "properties": {"event_id": "e6", "admin1": "Hama", "admin1_pcode": "SY05", "event_type": "air_strike", "event_date": "2024-04-16", "fatalities": null, "injured": 3}}
]})";

// A layer with none of the fields stats groups by.
const char* kNoGrouping = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.6, 35.9]}, "properties": {"label": "a", "value": 1}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.1, 36.2]}, "properties": {"label": "b", "value": 2}}
]})";

class GdalHabits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("gdal-habits");
        events_ = dir_ / "events.geojson";
        write_file(events_, kEvents);
        no_grouping_ = dir_ / "plain.geojson";
        write_file(no_grouping_, kNoGrouping);
    }

    static std::set<std::string> ids(const std::vector<Row>& rows) {
        std::set<std::string> s;
        for (const Row& r : rows) s.insert(r.at("event_id"));
        return s;
    }

    static inline fs::path dir_;
    static inline fs::path events_;
    static inline fs::path no_grouping_;
};

// The CSV lines of a text, the header first.
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

// ---- -f ----------------------------------------------------------------------------------

TEST_F(GdalHabits, DashFIsTheOutputFormatAsInOgr2ogr) {
    // The extension says nothing (.dat): -f decides, for filter as for --of.
    const fs::path out = dir_ / "f-filter.dat";
    const auto r = run_toponym({"filter", events_.string(), "-f", "GeoJSON", "-o", out.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(read_file(out).find("\"type\": \"FeatureCollection\""), std::string::npos);
    EXPECT_EQ(read_layer(out).size(), 6u);

    // map and resolve: the same.
    const fs::path json = dir_ / "f-map.dat";
    const auto m = run_toponym({"map", (source_dir() / "samples").string(), "-f", "GeoJSON", "-o", json.string(), "-q"});
    ASSERT_EQ(m.exit_code, 0) << m.err;
    EXPECT_NE(read_file(json).find("\"type\": \"FeatureCollection\""), std::string::npos);
    EXPECT_FALSE(read_layer(json).empty());
    const fs::path table = dir_ / "places.csv";
    write_file(table, "id,location\n1,Saraqib\n2,Nowhere-at-all-xyz\n");
    const fs::path resolved = dir_ / "f-resolve.dat";
    const auto rs = run_toponym({"resolve", table.string(), "--column", "location", "-f", "GeoJSON", "-o", resolved.string(), "-q"});
    ASSERT_EQ(rs.exit_code, 0) << rs.err;
    EXPECT_EQ(read_layer(resolved).size(), 2u);

    // A format that does not exist is bad usage with -f as with --of.
    const auto bad = run_toponym({"filter", events_.string(), "-f", "NoSuchFormat", "-o", (dir_ / "f-bad.dat").string(), "-q"});
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_FALSE(fs::exists(dir_ / "f-bad.dat"));
}

// ---- --where -----------------------------------------------------------------------------

TEST_F(GdalHabits, WhereKeepsTheFeaturesThatPass) {
    const fs::path out = dir_ / "where.gpkg";
    const auto r = run_toponym({"filter", events_.string(), "-o", out.string(), "-q", "--where",
                                "fatalities >= 1 AND event_type IN ('air_strike', 'clashes')"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ids(read_layer(out)), (std::set<std::string>{"e1", "e3", "e5"}));

    // NOT, LIKE, IS NULL, a quoted field name, with the --governorate filter as well (AND).
    const fs::path out2 = dir_ / "where2.geojson";
    const auto r2 = run_toponym({"filter", events_.string(), "-o", out2.string(), "-q", "--governorate", "Idleb,Hama", "--where",
                                 "NOT \"event_type\" LIKE 'shell%' AND (fatalities IS NULL OR fatalities < 3)"});
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    EXPECT_EQ(ids(read_layer(out2)), (std::set<std::string>{"e3", "e6"}));
}

TEST_F(GdalHabits, WhereOnMapFiltersTheEventsWritten) {
    const fs::path all = dir_ / "map-all.gpkg";
    auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", all.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> events = read_layer(all, "events");
    std::set<std::string> expected;
    for (const Row& e : events) {
        if (!e.is_null.at("fatalities") && std::stol(e.at("fatalities")) >= 1) expected.insert(e.at("event_id"));
    }
    ASSERT_FALSE(expected.empty());               // the samples have events with deaths...
    ASSERT_LT(expected.size(), events.size());    // ...and events without

    for (const std::string ext : {".gpkg", ".geojson"}) {
        const fs::path out = dir_ / ("map-where" + ext);
        r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "-q", "--where", "fatalities >= 1"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(ids(read_layer(out, ext == ".gpkg" ? "events" : "")), expected) << ext;
    }
}

TEST_F(GdalHabits, AnInvalidWhereIsBadUsage) {
    struct Case {
        const char* expr;
        const char* reason;  // in the message
    };
    for (const Case& c : std::vector<Case>{{"killed > 1", "not a field"},
                                           {"fatalities >", "ends too early"},
                                           {"fatalities >= 'x", "not closed"},
                                           {"upper(event_type) = 'X'", "function calls are not allowed"},
                                           {"admin1 = 'x\\' OR 1 = 1", "backslash"},
                                           {"fatalities == 3", "== is not OGR SQL"},
                                           {"", "empty"}}) {
        const fs::path out = dir_ / "bad-where.gpkg";
        const auto r = run_toponym({"filter", events_.string(), "-o", out.string(), "-q", "--where", c.expr});
        EXPECT_EQ(r.exit_code, 2) << c.expr << ": " << r.err;
        EXPECT_NE(r.err.find("--where"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.reason), std::string::npos) << c.expr << ": " << r.err;
        EXPECT_FALSE(fs::exists(out)) << c.expr;
    }
    // GDAL's own refusal (a text field compared with a number in OGR SQL) is bad usage too.
    const auto r = run_toponym({"filter", events_.string(), "-o", (dir_ / "bad-type.gpkg").string(), "-q", "--where", "admin1 > 3"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    // map checks before reading any report: nothing written.
    const fs::path map_out = dir_ / "bad-where-map.gpkg";
    const auto m = run_toponym({"map", (source_dir() / "samples").string(), "-o", map_out.string(), "-q", "--where", "nosuchfield = 1"});
    EXPECT_EQ(m.exit_code, 2) << m.err;
    EXPECT_NE(m.err.find("nosuchfield"), std::string::npos) << m.err;
    EXPECT_FALSE(fs::exists(map_out));
}

// A GeoPackage compiles the filter with SQLite only when reading: an expression SQLite refuses
// (ILIKE is OGR SQL's) must not read as "no feature".
TEST_F(GdalHabits, AWhereTheDriverRefusesIsNotAnEmptyResult) {
    const fs::path input = dir_ / "ilike-input.gpkg";
    auto r = run_toponym({"filter", events_.string(), "-o", input.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path out = dir_ / "ilike.geojson";
    r = run_toponym({"filter", input.string(), "-o", out.string(), "-q", "--where", "event_type ILIKE 'AIR%'"});
    if (r.exit_code == 0) {
        EXPECT_EQ(ids(read_layer(out)), (std::set<std::string>{"e1", "e3", "e6"}));
    } else {
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find("refuses the expression"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out));
    }
    // map evaluates --where in a GeoPackage too: refused, and nothing written.
    const fs::path map_out = dir_ / "ilike-map.gpkg";
    r = run_toponym({"map", (source_dir() / "samples").string(), "-o", map_out.string(), "-q", "--where", "event_type ILIKE 'AIR%'"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(fs::exists(map_out));
    // The same on GeoJSON (OGR SQL): ILIKE is case-insensitive.
    r = run_toponym({"stats", events_.string(), "--by", "type", "--csv", "--where", "event_type ILIKE 'AIR%'"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines(r.out), (std::vector<std::string>{"type,count,fatalities,injured", "air_strike,3,4,8"}));
}

TEST_F(GdalHabits, AWhereThatTriesToWriteIsRefusedAndTouchesNothing) {
    // A GeoPackage input (GDAL hands the expression to SQLite there) and an existing output.
    const fs::path input = dir_ / "write-input.gpkg";
    auto r = run_toponym({"filter", events_.string(), "-o", input.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path out = dir_ / "write-out.gpkg";
    r = run_toponym({"filter", events_.string(), "-o", out.string(), "-q", "--where", "fatalities = 0"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string input_before = read_file(input);
    const std::string out_before = read_file(out);

    for (const std::string expr : {"1=1; DROP TABLE events", "1=1; DELETE FROM events",
                                   "fatalities IN (SELECT fatalities FROM events)",
                                   "event_id = (SELECT sql FROM sqlite_master)", "load_extension('x') IS NULL",
                                   "1=1 -- comment", "1=1 /* x */", "fatalities = 1 UNION SELECT 1"}) {
        for (const std::string command : {"filter", "stats"}) {
            std::vector<std::string> args = {command, input.string(), "--where", expr};
            if (command == "filter") args.insert(args.end(), {"-o", out.string(), "--overwrite", "-q"});
            const auto w = run_toponym(args);
            EXPECT_EQ(w.exit_code, 2) << command << " " << expr << ": " << w.err;
            EXPECT_NE(w.err.find("--where"), std::string::npos) << w.err;
        }
        const fs::path map_out = dir_ / "write-map.gpkg";
        const auto m = run_toponym({"map", (source_dir() / "samples").string(), "-o", map_out.string(), "-q", "--where", expr});
        EXPECT_EQ(m.exit_code, 2) << "map " << expr << ": " << m.err;
        EXPECT_FALSE(fs::exists(map_out));
    }
    EXPECT_EQ(read_file(input), input_before);
    EXPECT_EQ(read_file(out), out_before);
    EXPECT_EQ(read_layer(input, "events").size(), 6u);
    EXPECT_EQ(ids(read_layer(out)), (std::set<std::string>{"e2"}));
}

TEST_F(GdalHabits, StatsCountsWhatPassesWhere) {
    const auto r = run_toponym({"stats", events_.string(), "--by", "type", "--where", "admin1 = 'Idleb'", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["features"], 3);
    std::map<std::string, int> counts;
    for (const auto& g : j["groupings"][0]["groups"]) counts[g["type"].get<std::string>()] = g["count"].get<int>();
    EXPECT_EQ(counts, (std::map<std::string, int>{{"air_strike", 2}, {"shelling", 1}}));
}

// ---- --progress --------------------------------------------------------------------------

TEST_F(GdalHabits, ProgressIsShownOffATerminalWhenAsked) {
    // The tests' standard error is a file, not a terminal.
    const fs::path out = dir_ / "progress.gpkg";
    auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "--progress"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("100%"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("documents/s"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\033["), std::string::npos) << "no terminal codes in a log";

    // Without --progress: no progress off a terminal; with -q: none even when asked.
    r = run_toponym({"map", (source_dir() / "samples").string(), "-o", (dir_ / "progress2.gpkg").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("documents/s"), std::string::npos) << r.err;
    r = run_toponym({"map", (source_dir() / "samples").string(), "-o", (dir_ / "progress3.gpkg").string(), "--progress", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find('%'), std::string::npos) << r.err;

    // filter counts features.
    r = run_toponym({"filter", events_.string(), "-o", (dir_ / "progress4.gpkg").string(), "--progress"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("100% 6/6 features"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("features/s"), std::string::npos) << r.err;

    // resolve counts rows.
    const fs::path table = dir_ / "progress-places.csv";
    write_file(table, "id,location\n1,Saraqib\n2,Ariha\n3,Binnish\n");
    r = run_toponym({"resolve", table.string(), "--column", "location", "-o", (dir_ / "progress5.csv").string(), "--progress"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("100% 3/3 rows"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("rows/s"), std::string::npos) << r.err;
}

// ---- did you mean ------------------------------------------------------------------------

TEST_F(GdalHabits, AMistypedOptionGetsTheNearestName) {
    auto r = run_toponym({"filter", events_.string(), "-o", (dir_ / "typo.gpkg").string(), "--overwrit"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown option --overwrit; did you mean --overwrite?"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "typo.gpkg"));

    // A typo that makes a required option missing: the typo is what is said.
    r = run_toponym({"filter", events_.string(), "--ouptut", (dir_ / "typo.gpkg").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean --output?"), std::string::npos) << r.err;

    r = run_toponym({"stats", events_.string(), "--wher", "fatalities > 0"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean --where?"), std::string::npos) << r.err;

    r = run_toponym({"map", "x.txt", "-o", "y.gpkg", "--goverorate", "Idleb"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean --governorate?"), std::string::npos) << r.err;

    // A command.
    r = run_toponym({"stast", events_.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean \"stats\"?"), std::string::npos) << r.err;

    // Nothing near: no suggestion, still exit 2.
    r = run_toponym({"stats", events_.string(), "--zzzzzzzz"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--zzzzzzzz"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
}

// ---- --help examples ---------------------------------------------------------------------

TEST_F(GdalHabits, EveryHelpEndsWithExamples) {
    for (const std::vector<std::string> command : std::vector<std::vector<std::string>>{
             {"map"}, {"resolve"}, {"filter"}, {"stats"}, {"eval"}, {"gazetteer"}, {"gazetteer", "search"},
             {"gazetteer", "build"}, {"gazetteer", "info"}, {"gazetteer", "coverage"}, {"gazetteer", "names"}}) {
        std::vector<std::string> args = command;
        args.push_back("--help");
        const auto r = run_toponym(args);
        EXPECT_EQ(r.exit_code, 0) << command.back() << r.err;
        const std::vector<std::string> help = lines(r.out);
        const auto examples = std::find(help.begin(), help.end(), "Examples:");
        ASSERT_NE(examples, help.end()) << command.back() << ":\n" << r.out;
        const auto n = help.end() - examples - 1;  // every line after "Examples:" is one
        EXPECT_GE(n, 2) << command.back();
        EXPECT_LE(n, 3) << command.back();
        std::string prefix = "  toponym";
        for (const std::string& c : command) prefix += " " + c;
        for (auto it = examples + 1; it != help.end(); ++it) EXPECT_TRUE(*it == prefix || it->rfind(prefix + " ", 0) == 0) << *it;
    }
}

// ---- stats --by --------------------------------------------------------------------------

TEST_F(GdalHabits, StatsByTwoFieldsWithSumsAsCsv) {
    const auto r = run_toponym({"stats", events_.string(), "--by", "governorate", "--by", "month", "--csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::string> csv = lines(r.out);
    ASSERT_FALSE(csv.empty());
    EXPECT_EQ(csv.front(), "governorate,month,count,fatalities,injured");
    const std::set<std::string> rows(csv.begin() + 1, csv.end());
    EXPECT_EQ(rows, (std::set<std::string>{"Idleb (SY07),2024-03,2,3,7", "Idleb (SY07),2024-04,1,1,0", "Aleppo (SY02),2024-03,1,2,1",
                                           "Aleppo (SY02),2024-04,1,4,0", "Hama (SY05),2024-04,1,0,3"}));
    // Months in time order: March before April.
    EXPECT_NE(csv[1].find("2024-03"), std::string::npos) << csv[1];
}

TEST_F(GdalHabits, StatsByAsJsonWithWeeksAndAnyField) {
    const auto r = run_toponym({"stats", events_.string(), "--by", "type,week", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["features"], 6);
    EXPECT_EQ(j["fatalities"], 10);
    EXPECT_EQ(j["injured"], 11);
    ASSERT_EQ(j["groupings"].size(), 1u);
    EXPECT_EQ(j["groupings"][0]["by"], (nlohmann::json{"type", "week"}));
    long killed = 0;
    std::size_t count = 0;
    bool monday = false;
    for (const auto& g : j["groupings"][0]["groups"]) {
        killed += g["fatalities"].get<long>();
        count += g["count"].get<std::size_t>();
        // 2024-03-04 is the Monday of ISO week 10.
        if (g["type"] == "air_strike" && g["week"] == "2024-W10") monday = g["count"] == 1 && g["fatalities"] == 3;
    }
    EXPECT_EQ(killed, 10);
    EXPECT_EQ(count, 6u);
    EXPECT_TRUE(monday) << r.out;

    // Any field of the layer, largest first.
    const auto e = run_toponym({"stats", events_.string(), "--by", "admin1", "--json"});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    const nlohmann::json by_field = nlohmann::json::parse(e.out);
    EXPECT_EQ(by_field["groupings"][0]["groups"][0]["admin1"], "Idleb");
    EXPECT_EQ(by_field["groupings"][0]["groups"][0]["count"], 3);
}

TEST_F(GdalHabits, StatsOnALayerWithoutGroupingFieldsFails) {
    auto r = run_toponym({"stats", no_grouping_.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.err.find("none of the fields"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("(none)"), std::string::npos) << r.out;

    r = run_toponym({"stats", no_grouping_.string(), "--by", "governorate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no governorate field"), std::string::npos) << r.err;

    // Its own fields still count; a name that is no field is bad usage.
    r = run_toponym({"stats", no_grouping_.string(), "--by", "label", "--csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines(r.out), (std::vector<std::string>{"label,count", "a,1", "b,1"}));
    r = run_toponym({"stats", no_grouping_.string(), "--by", "colour"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("fields: label, value"), std::string::npos) << r.err;

    r = run_toponym({"stats", events_.string(), "--csv", "--json"});
    EXPECT_EQ(r.exit_code, 2);
}

TEST_F(GdalHabits, StatsDefaultOutputIsUnchanged) {
    const auto r = run_toponym({"stats", events_.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("6 features\n10 killed, 11 injured", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("Idleb (SY07)"), std::string::npos);
    EXPECT_NE(r.out.find("2024-04"), std::string::npos);

    // --json without --by: the table's three groupings.
    const auto j = run_toponym({"stats", events_.string(), "--json"});
    ASSERT_EQ(j.exit_code, 0) << j.err;
    const nlohmann::json parsed = nlohmann::json::parse(j.out);
    ASSERT_EQ(parsed["groupings"].size(), 3u);
    EXPECT_EQ(parsed["groupings"][0]["by"], (nlohmann::json{"governorate"}));
    EXPECT_EQ(parsed["groupings"][2]["by"], (nlohmann::json{"month"}));
    EXPECT_EQ(parsed["groupings"][2]["groups"][0]["month"], "2024-03");  // time order
    EXPECT_EQ(parsed["groupings"][2]["groups"][0]["count"], 3);
}

}  // namespace
