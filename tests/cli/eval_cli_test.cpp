// toponym eval on the team's fixture gold (tests/fixtures/eval): the table, the JSON report,
// the misses it lists, a bad JSONL line reported and skipped, and usage errors; --incidents on
// the team's fictional incident tables (real town points from gazetteer/syria.tsv).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "geo/geodesy.hpp"
#include "store/gdal_util.hpp"

using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;

namespace {

std::vector<std::string> eval_args(const std::filesystem::path& json) {
    const auto fixtures = source_dir() / "tests" / "fixtures" / "eval";
    return {"eval", "--gold", (fixtures / "gold.json").string(), "--seeds", fixtures.string(), "--corpus",
            (fixtures / "corpus.jsonl").string(), "--json", json.string(), "-q"};
}

}  // namespace

TEST(EvalCli, ScoresTheFixtureAndListsItsMisses) {
    const auto dir = fresh_dir("eval");
    const auto json_path = dir / "report.json";
    const auto r = run_toponym(eval_args(json_path));
    EXPECT_EQ(r.exit_code, 1) << "a bad corpus line is bad data: " << r.err;
    EXPECT_NE(r.err.find("corpus.jsonl:2"), std::string::npos) << "names the file and line: " << r.err;
    EXPECT_NE(r.out.find("names: P / R / F1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Kafr Zubayq"), std::string::npos) << "lists the misses with their text: " << r.out;

    const nlohmann::json report = nlohmann::json::parse(read_file(json_path));
    ASSERT_EQ(report["corpora"].size(), 2u);
    const auto& seeds = report["corpora"][0];
    EXPECT_EQ(seeds["mentions"]["all"]["gold"], 7);
    EXPECT_EQ(seeds["events"]["gold"], 3);
    // Saraqib, Binnish and the governorate resolve within their radius; the village the
    // gazetteer lacks is a miss, listed without a system answer.
    EXPECT_GE(seeds["resolution"]["syria_location"]["within_radius"].get<int>(), 3);
    bool zubayq_listed = false;
    for (const auto& miss : seeds["worst"]) {
        if (miss["gold_id"] == "F-T06") zubayq_listed = miss["system"].is_null();
    }
    EXPECT_TRUE(zubayq_listed) << "F-T06 (fictional) is unknown to the gazetteer";
    EXPECT_EQ(seeds["roles"]["n"], seeds["roles"]["right"]) << "Syrian and Russian are demonyms, the rest locations";
    // The corpus column: the broken line skipped, two documents scored.
    const auto& corpus = report["corpora"][1];
    EXPECT_EQ(corpus["documents"], 2);
    EXPECT_EQ(corpus["mentions"]["all"]["exact_gold"], 2) << "Aleppo and Hama; Springfield is not in the Syria gazetteer";
    EXPECT_EQ(report["overall"]["documents"], 3);

    // An existing report is not replaced without --overwrite.
    const auto again = run_toponym(eval_args(json_path));
    EXPECT_EQ(again.exit_code, 2) << again.err;
    auto args = eval_args(json_path);
    args.push_back("--overwrite");
    EXPECT_EQ(run_toponym(args).exit_code, 1);
}

TEST(EvalCli, NeedsSomethingToScore) {
    const auto r = run_toponym({"eval"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--gold"), std::string::npos) << r.err;
    const auto missing = run_toponym({"eval", "--gold", "/nonexistent/gold.json", "-q"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("/nonexistent/gold.json"), std::string::npos) << missing.err;
}

namespace {

std::filesystem::path incident_fixture(const char* name) { return source_dir() / "tests" / "fixtures" / "eval" / name; }

}  // namespace

// incidents.csv: F-I1 names Saraqib at Saraqib's point (right); F-I2 names Kafr Nabl with the
// point of Manbij, in another governorate (wrong by construction); F-I3 (precision 2, its text
// on two lines) names Douma at Douma's point; F-I4 names no place; F-I5 has no latitude, F-I6
// the date 2024-02-30, F-I7 the longitude "east": three bad rows.
TEST(EvalCli, IncidentTableScoredByPrecision) {
    const auto dir = fresh_dir("eval-incidents");
    const auto json_path = dir / "incidents.json";
    const auto r = run_toponym({"eval", "--incidents", incident_fixture("incidents.csv").string(), "--json", json_path.string(),
                                "--worst", "3", "--threads", "2", "-q"});
    EXPECT_EQ(r.exit_code, 1) << "bad rows are bad data: " << r.err;
    // Each bad row named with its file line: F-I3 takes lines 4 and 5, so F-I5 is on line 7.
    EXPECT_NE(r.err.find("incidents.csv:7: row 5: no latitude"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("incidents.csv:8: row 6: date \"2024-02-30\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("incidents.csv:9: row 7: longitude \"east\""), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("event within 5 km / 25 km"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Kafr Nabl"), std::string::npos) << "the worst miss with its text: " << r.out;

    const nlohmann::json report = nlohmann::json::parse(read_file(json_path));
    ASSERT_TRUE(report.contains("incidents")) << report.dump(2);
    EXPECT_FALSE(report.contains("corpora"));
    const auto& inc = report["incidents"];
    EXPECT_EQ(inc["rows"], 7);
    EXPECT_EQ(inc["bad_rows"], 3);
    EXPECT_EQ(inc["scored"], 4);
    EXPECT_EQ(inc["problems"].size(), 3u);
    const auto& p1 = inc["precision_1"];
    EXPECT_EQ(p1["rows"], 3);
    EXPECT_EQ(p1["within"], 1) << "Saraqib only";
    EXPECT_EQ(p1["with_event"], 2) << "the note naming no place gives none";
    EXPECT_EQ(p1["governorate_n"], 3);
    EXPECT_EQ(p1["governorate_right"], 1) << "Kafr Nabl is in Idleb, the point in Aleppo";
    // Nearest events 0, ~161 km and none (infinite): the median is the middle one.
    const double kafr_nabl_to_manbij = toponym::geo::great_circle_km(35.61376, 36.56449, 36.52815, 37.95495);
    ASSERT_TRUE(p1["median_km"].is_number()) << p1.dump();
    EXPECT_NEAR(p1["median_km"].get<double>(), kafr_nabl_to_manbij, 1.0);
    EXPECT_NEAR(p1["median_km_with_event"].get<double>(), kafr_nabl_to_manbij / 2, 1.0);
    const auto& p23 = inc["precision_2_3"];
    EXPECT_EQ(p23["rows"], 1);
    EXPECT_EQ(p23["within"], 1);
    EXPECT_EQ(p23["governorate_right"], 1);
    EXPECT_EQ(p23["within_km"], 25.0);
    EXPECT_EQ(inc["all"]["rows"], 4);
    ASSERT_EQ(inc["worst"].size(), 1u) << "one miss with an event; the row with none is only counted";
    const auto& miss = inc["worst"][0];
    EXPECT_EQ(miss["id"], "F-I2");
    EXPECT_EQ(miss["line"], 3);
    EXPECT_NEAR(miss["error_km"].get<double>(), kafr_nabl_to_manbij, 1.0);
    EXPECT_EQ(miss["gold"]["admin1_pcode"], "SY02");
    EXPECT_FALSE(miss["governorate_right"].get<bool>());
    EXPECT_NE(miss["text"].get<std::string>().find("Kafr Nabl"), std::string::npos);
}

// Other column names, chosen by option; no precision column (every row precision 1); the
// threshold by option: C-1 names Saraqib with the point of Sarmin, 8.5 km away.
TEST(EvalCli, IncidentColumnsAndThresholdByOption) {
    const auto dir = fresh_dir("eval-incidents-custom");
    const auto json_path = dir / "custom.json";
    const std::vector<std::string> columns = {"--id-column", "ref", "--text-column", "report", "--date-column", "day",
                                              "--lat-column", "latitude", "--lon-column", "longitude", "--precision-column", ""};
    auto args = std::vector<std::string>{"eval", "--incidents", incident_fixture("incidents-custom.csv").string(), "-q", "--json",
                                         json_path.string()};
    args.insert(args.end(), columns.begin(), columns.end());
    const auto strict = run_toponym(args);
    EXPECT_EQ(strict.exit_code, 0) << strict.err;
    const nlohmann::json at5 = nlohmann::json::parse(read_file(json_path))["incidents"];
    EXPECT_EQ(at5["precision_1"]["rows"], 2);
    EXPECT_EQ(at5["precision_1"]["with_event"], 2);
    EXPECT_EQ(at5["precision_1"]["within"], 1) << "Jisr al-Shughour at its point; Saraqib is 8.5 km from Sarmin";
    EXPECT_EQ(at5["precision_1"]["governorate_right"], 2);
    ASSERT_EQ(at5["worst"].size(), 1u);
    EXPECT_EQ(at5["worst"][0]["id"], "C-1");

    args.insert(args.end(), {"--within-p1", "10", "--overwrite"});
    const auto loose = run_toponym(args);
    EXPECT_EQ(loose.exit_code, 0) << loose.err;
    const nlohmann::json at10 = nlohmann::json::parse(read_file(json_path))["incidents"];
    EXPECT_EQ(at10["precision_1"]["within"], 2);
    EXPECT_EQ(at10["precision_1"]["within_km"], 10.0);
    EXPECT_TRUE(at10["worst"].empty());
}

TEST(EvalCli, IncidentColumnMissingIsAUsageError) {
    const auto r = run_toponym({"eval", "--incidents", incident_fixture("incidents-custom.csv").string(), "-q"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no column \"id\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ref, day, report, latitude, longitude"), std::string::npos) << "lists the columns: " << r.err;
    const auto named = run_toponym({"eval", "--incidents", incident_fixture("incidents.csv").string(), "-q", "--text-column", "notes"});
    EXPECT_EQ(named.exit_code, 2) << named.err;
    EXPECT_NE(named.err.find("--text-column"), std::string::npos) << named.err;
}

// Any table OGR reads: a GeoPackage with typed fields (GDAL gives a Date field as YYYY/MM/DD).
TEST(EvalCli, IncidentTableFromAGeoPackage) {
    const auto dir = fresh_dir("eval-incidents-gpkg");
    const auto gpkg = dir / "incidents.gpkg";
    {
        toponym::io::ensure_gdal_registered();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        ASSERT_NE(driver, nullptr);
        GDALDatasetUniquePtr ds(driver->Create(gpkg.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRLayer* layer = ds->CreateLayer("reports", nullptr, wkbNone, nullptr);
        ASSERT_NE(layer, nullptr);
        for (const auto& [name, type] : std::vector<std::pair<const char*, OGRFieldType>>{
                 {"id", OFTString}, {"date", OFTDate}, {"text", OFTString}, {"lat", OFTReal}, {"lon", OFTReal}, {"precision", OFTInteger}}) {
            OGRFieldDefn field(name, type);
            ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
        }
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        f->SetField("id", "G-1");
        f->SetField("date", 2024, 5, 1);
        f->SetField("text", "Government forces shelled the town of Kafr Nabl in the southern countryside of Idlib.");
        f->SetField("lat", 35.61376);
        f->SetField("lon", 36.56449);
        f->SetField("precision", 1);
        ASSERT_EQ(layer->CreateFeature(f.get()), OGRERR_NONE);
    }
    const auto json_path = dir / "gpkg.json";
    const auto r = run_toponym({"eval", "--incidents", gpkg.string(), "-q", "--json", json_path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json inc = nlohmann::json::parse(read_file(json_path))["incidents"];
    EXPECT_EQ(inc["scored"], 1);
    EXPECT_EQ(inc["precision_1"]["within"], 1);
}
