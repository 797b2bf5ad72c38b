// CLI tests of `toponym resolve` on a team-written incident table (tests/fixtures/incidents.csv):
// every row comes out in order with its columns, the places and how they were found, formulas
// neutralised in CSV, usage errors, and the same output whatever the thread count.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;

namespace {

fs::path fixture() { return source_dir() / "tests/fixtures/incidents.csv"; }

class ResolveIncidents : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("resolve");
        result_ = run_toponym({"resolve", fixture().string(), "--column", "location", "--context-column", "governorate", "-o",
                               (dir_ / "out.gpkg").string()});
        rows_ = read_layer(dir_ / "out.gpkg");
    }
    static const Row& row(int incident) { return rows_.at(static_cast<std::size_t>(incident - 1)); }

    static inline fs::path dir_;
    static inline toponym::testing::CommandResult result_;
    static inline std::vector<Row> rows_;
};

TEST_F(ResolveIncidents, EveryRowOutInInputOrderWithItsColumns) {
    ASSERT_EQ(result_.exit_code, 0) << result_.err;
    ASSERT_EQ(rows_.size(), 11u) << "one row in, one row out, empty and unknown names too";
    for (std::size_t i = 0; i < rows_.size(); ++i) EXPECT_EQ(rows_[i].at("incident"), std::to_string(i + 1));
    EXPECT_EQ(row(3).at("notes"), "quoted, with a comma");
    EXPECT_EQ(row(2).at("location"), "Qabr Nuwaylat,  countryside of Manbij, Aleppo") << "the cell as written";
    EXPECT_EQ(row(1).at("date"), "2016-02-01");
    EXPECT_TRUE(row(2).is_null.at("deaths") || row(2).at("deaths").empty());
    EXPECT_NE(result_.err.find("1 unresolved, 1 empty"), std::string::npos) << "summary on stderr: " << result_.err;
}

TEST_F(ResolveIncidents, PlacesAndHowTheyWereFound) {
    EXPECT_EQ(row(1).at("status"), "resolved");
    EXPECT_EQ(row(1).at("method"), "name");
    EXPECT_EQ(row(1).at("geo_precision"), "1");
    EXPECT_EQ(row(1).at("admin1_pcode"), "SY07");
    ASSERT_TRUE(row(1).lat);
    EXPECT_NEAR(*row(1).lat, 35.86, 0.05) << "Saraqib";
    EXPECT_NEAR(*row(1).lon, 36.80, 0.05);

    EXPECT_EQ(row(2).at("method"), "fallback") << "Qabr Nuwaylat (fictional) is not in the gazetteer: its town, Manbij";
    EXPECT_EQ(row(2).at("matched"), "Manbij");
    EXPECT_EQ(row(2).at("geo_precision"), "2");
    EXPECT_EQ(row(2).at("admin1_pcode"), "SY02");

    EXPECT_EQ(row(3).at("method"), "alternative") << "Bab Zurqubat (fictional) is unknown, Sarmin is the other option";
    EXPECT_EQ(row(3).at("matched"), "Sarmin");

    EXPECT_EQ(row(4).at("matched"), "A`zaz");
    EXPECT_EQ(row(4).at("admin1_pcode"), "SY02");

    EXPECT_EQ(row(5).at("status"), "empty");
    EXPECT_FALSE(row(5).lat) << "no place, no geometry";
    EXPECT_EQ(row(5).at("governorate"), "Hama") << "kept all the same";

    EXPECT_EQ(row(6).at("method"), "context") << "only the governorate column names a place";
    EXPECT_EQ(row(6).at("geo_precision"), "3");
    EXPECT_EQ(row(6).at("admin1_pcode"), "SY07");
    EXPECT_EQ(row(6).at("feature_code"), "ADM1") << "a governorate column means the governorate, not its capital";

    EXPECT_EQ(row(7).at("status"), "unresolved");
    EXPECT_FALSE(row(7).lat);
    EXPECT_FALSE(row(7).at("note").empty());

    EXPECT_EQ(row(9).at("matched"), "Maarat al-Numan");
    EXPECT_EQ(row(9).at("geo_precision"), "1");

    EXPECT_EQ(row(11).at("matched"), "Binnish") << "the first option that resolves";
    const auto alternatives = nlohmann::json::parse(row(11).at("alternatives"));
    ASSERT_FALSE(alternatives.empty());
    EXPECT_NE(alternatives[0]["name"].get<std::string>().find("Sarm"), std::string::npos) << alternatives.dump();
}

TEST(Resolve, CsvOutputNeutralisesFormulasInEveryColumn) {
    const fs::path dir = fresh_dir("resolve-csv");
    const auto r = run_toponym({"resolve", fixture().string(), "--column", "location", "-o", (dir / "out.csv").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "-q: no summary";
    const std::vector<Row> rows = read_layer(dir / "out.csv");
    ASSERT_EQ(rows.size(), 11u);
    EXPECT_EQ(rows[7].at("location").substr(0, 2), "'=") << rows[7].at("location");
    EXPECT_EQ(rows[7].at("notes").substr(0, 2), "'+") << "the table's own columns too";
    const std::string text = read_file(dir / "out.csv");
    EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos);
    EXPECT_EQ(text.find(",+cmd"), std::string::npos);
}

TEST(Resolve, UnknownColumnIsAUsageErrorListingTheColumns) {
    const fs::path dir = fresh_dir("resolve-usage");
    auto r = run_toponym({"resolve", fixture().string(), "--column", "place", "-o", (dir / "out.gpkg").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("incident, date, location, governorate, deaths, notes"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.gpkg"));
    r = run_toponym({"resolve", fixture().string(), "--column", "location", "--context-column", "province", "-o",
                     (dir / "out.gpkg").string()});
    EXPECT_EQ(r.exit_code, 2) << "unknown context column";
    toponym::testing::write_file(dir / "taken.gpkg", "keep me");
    r = run_toponym({"resolve", fixture().string(), "--column", "location", "-o", (dir / "taken.gpkg").string()});
    EXPECT_EQ(r.exit_code, 2) << "no clobbering without --overwrite";
    EXPECT_EQ(read_file(dir / "taken.gpkg"), "keep me");
}

TEST(Resolve, AltColumnRefinesCoarseRowsOnly) {
    // Team-written rows: an English cell the gazetteer cannot place (the Arabic one names
    // Manbij), one it places exactly (the Arabic cell must not override it), one the Arabic
    // cell cannot help with (a village unknown in both), and an empty English cell.
    const fs::path dir = fresh_dir("resolve-alt");
    toponym::testing::write_file(dir / "in.csv",
                                 "id,location,location_ar,governorate\n"
                                 "1,Qaryat Zzyzx,\u0645\u0646\u0628\u062c,Aleppo\n"
                                 "2,Saraqib,\u0645\u0646\u0628\u062c,Idlib\n"
                                 "3,Qaryat Zzyzx,\u0642\u0631\u064a\u0629 \u0632\u0632\u0632,Aleppo\n"
                                 "4,,\u0645\u0646\u0628\u062c,Aleppo\n");
    const auto r = run_toponym({"resolve", (dir / "in.csv").string(), "--column", "location", "--alt-column", "location_ar",
                                "--context-column", "governorate", "-o", (dir / "out.gpkg").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> rows = read_layer(dir / "out.gpkg");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].at("method"), "alt-column");
    EXPECT_EQ(rows[0].at("place_name"), "Manbij");
    EXPECT_EQ(rows[0].at("geo_precision"), "1");
    EXPECT_EQ(rows[1].at("method"), "name") << "Saraqib stays";
    EXPECT_EQ(rows[1].at("admin1_pcode"), "SY07");
    EXPECT_EQ(rows[2].at("method"), "context") << "the governorate, as without --alt-column";
    EXPECT_EQ(rows[3].at("method"), "alt-column") << "an empty main cell";
    EXPECT_NE(r.err.find("alt-column"), std::string::npos) << "counted in the summary: " << r.err;

    const auto bad = run_toponym({"resolve", (dir / "in.csv").string(), "--column", "location", "--alt-column", "arabic", "-o",
                                  (dir / "bad.gpkg").string()});
    EXPECT_EQ(bad.exit_code, 2) << "unknown alt column";
    EXPECT_NE(bad.err.find("id, location, location_ar, governorate"), std::string::npos) << bad.err;
}

TEST(Resolve, SameOutputWithOneOrFourThreads) {
    const fs::path dir = fresh_dir("resolve-threads");
    for (const char* threads : {"1", "4"}) {
        const auto r = run_toponym({"resolve", fixture().string(), "--column", "location", "--context-column", "governorate",
                                    "-o", (dir / (std::string(threads) + ".csv")).string(), "--threads", threads, "-q"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    EXPECT_EQ(read_file(dir / "1.csv"), read_file(dir / "4.csv"));
}

}  // namespace

TEST(Resolve, SpreadsheetInEveryRowOutAndNoFlatGeobuf) {
    const fs::path dir = fresh_dir("resolve-xlsx");
    const auto made = toponym::testing::run_shell("ogr2ogr -f XLSX " + toponym::testing::shell_quote((dir / "in.xlsx").string()) +
                                                  " " + toponym::testing::shell_quote(fixture().string()) + " -nln incidents");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const auto r = run_toponym({"resolve", (dir / "in.xlsx").string(), "--column", "location", "--context-column", "governorate",
                                "-o", (dir / "out.kml").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> rows = read_layer(dir / "out.kml");
    ASSERT_EQ(rows.size(), 11u) << "rows without a place are kept without geometry";
    EXPECT_EQ(rows[0].at("location"), "Saraqib") << "the sheet's first row is its header";
    EXPECT_EQ(rows[0].at("admin1_pcode"), "SY07");
    EXPECT_EQ(rows[4].at("status"), "empty");
    EXPECT_FALSE(rows[4].lat);
    const auto fgb = run_toponym({"resolve", (dir / "in.xlsx").string(), "--column", "location", "-o", (dir / "out.fgb").string()});
    EXPECT_EQ(fgb.exit_code, 2) << "GDAL's FlatGeobuf writer would drop the rows without a place";
    EXPECT_FALSE(fs::exists(dir / "out.fgb"));
}

// GDAL 3.6's CSV driver refuses a file whose header has no separator: a one-column list of
// place names, the simplest table a user has, is read with GDAL's CSV line parser instead.
TEST(Resolve, OneColumnCsvIsATableOfPlaceNames) {
    const fs::path dir = fresh_dir("resolve-one-column");
    {
        std::ofstream out(dir / "names.csv", std::ios::binary);
        out << "location\r\nSaraqib\r\n\"Kafr Nabl, Idlib\"\r\nIdleb, Syria\r\nNowhereville\r\n";
    }
    const auto r = run_toponym({"resolve", (dir / "names.csv").string(), "--column", "location", "-o", (dir / "out.gpkg").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = read_layer(dir / "out.gpkg");
    ASSERT_EQ(rows.size(), 4u) << "one row in, one row out";
    EXPECT_EQ(rows[0].at("location"), "Saraqib");
    EXPECT_EQ(rows[1].at("location"), "Kafr Nabl, Idlib") << "quotes removed, the comma kept";
    EXPECT_EQ(rows[2].at("location"), "Idleb, Syria") << "an unquoted comma stays in the one column";
    EXPECT_EQ(rows[1].at("admin1_pcode"), "SY07");
    EXPECT_EQ(rows[2].at("place_name"), "Idlib");
    EXPECT_EQ(rows[3].at("status"), "unresolved");
}

TEST(Resolve, FileThatIsNoTableNamesItself) {
    const fs::path dir = fresh_dir("resolve-no-table");
    {
        std::ofstream out(dir / "blob.bin", std::ios::binary);
        out << std::string("\x89PNG\r\n\x1a\n\0\0\0", 11);
    }
    const auto r = run_toponym({"resolve", (dir / "blob.bin").string(), "--column", "location", "-o", (dir / "out.gpkg").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("blob.bin"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("cannot open as a table: "), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("table: \n"), std::string::npos) << "a reason follows: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.gpkg"));
}
