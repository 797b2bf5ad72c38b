// CLI tests of `toponym gazetteer build` on team-written fixtures (tests/fixtures/gazetteer) in
// every input format, of the compiled format's checks, of stacking and of alias overrides.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

std::string fixture(const std::string& name) { return (source_dir() / "tests/fixtures/gazetteer" / name).string(); }

// The lines of `text` that contain `needle`.
std::vector<std::string> lines_with(const std::string& text, const std::string& needle) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.find(needle) != std::string::npos) out.push_back(line);
    }
    return out;
}

// The data rows of a toponym TSV gazetteer, as tab-split fields keyed by the header.
std::vector<std::map<std::string, std::string>> tsv_rows(const fs::path& path) {
    std::vector<std::map<std::string, std::string>> rows;
    std::istringstream in(read_file(path));
    std::vector<std::string> header;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::istringstream f(line);
        for (std::string cell; std::getline(f, cell, '\t');) fields.push_back(cell);
        if (line.back() == '\t') fields.emplace_back();
        if (header.empty()) {
            header = fields;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
        rows.push_back(row);
    }
    return rows;
}

const std::map<std::string, std::string>* row_named(const std::vector<std::map<std::string, std::string>>& rows,
                                                    const std::string& name) {
    for (const auto& r : rows) {
        if (r.at("name") == name) return &r;
    }
    return nullptr;
}

}  // namespace

TEST(GazetteerBuild, GeoNamesWithAlternateNamesAndFilters) {
    const fs::path dir = fresh_dir("build-geonames");
    auto r = run_toponym({"gazetteer", "build", "--format", "tsv", "-o", (dir / "gn.tsv").string(), fixture("geonames-sy.txt"),
                          fixture("alternateNamesV2.txt"), "--countries", "SY", "--feature-classes", "P"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The bad row is reported with its file and line and counted; the build goes on.
    EXPECT_NE(r.err.find("geonames-sy.txt:5: bad coordinates"), std::string::npos) << r.err;
    const auto rows = tsv_rows(dir / "gn.tsv");
    ASSERT_EQ(rows.size(), 2u) << "Gaziantep (TR) and the ADM1 row are filtered out";
    const auto* kafr = row_named(rows, "Kafr Nabl");
    ASSERT_NE(kafr, nullptr);
    EXPECT_EQ(kafr->at("id"), "gn:9100001");
    EXPECT_EQ(kafr->at("source_id"), "9100001");
    EXPECT_NE(kafr->at("alternate_names").find("كفر نبل"), std::string::npos) << "joined from alternateNamesV2";
    EXPECT_EQ(kafr->at("alternate_names").find("wikipedia"), std::string::npos) << "links are not names";
    EXPECT_EQ(row_named(rows, "Saraqib")->at("alternate_names").find("SRQ"), std::string::npos) << "IATA codes skipped";
}

TEST(GazetteerBuild, SourcesMergeWithinTheDistanceAndKeepTheirIds) {
    const fs::path dir = fresh_dir("build-merge");
    const std::vector<std::string> sources = {fixture("geonames-sy.txt"), fixture("places.csv"), fixture("places.tsv"),
                                              fixture("admin.geojson")};
    std::vector<std::string> args = {"gazetteer", "build", "--format", "tsv", "-o", (dir / "merged.tsv").string()};
    args.insert(args.end(), sources.begin(), sources.end());
    auto r = run_toponym(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("places.csv:5: bad coordinates \"95.0\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("places.csv:6: bad coordinates"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("admin.geojson"), std::string::npos) << "the unnamed polygon is reported: " << r.err;
    const auto rows = tsv_rows(dir / "merged.tsv");
    // Kafr Nabl: GeoNames point, the CSV row 1.2 km away and the OCHA polygon become one place.
    const auto* kafr = row_named(rows, "Kafr Nabl");
    ASSERT_NE(kafr, nullptr);
    EXPECT_EQ(kafr->at("source"), "geonames-geonames-sy|places|admin") << kafr->at("source");
    EXPECT_EQ(kafr->at("source_id"), "9100001|2|SY070101");
    EXPECT_NE(kafr->at("alternate_names").find("Kfarnabel"), std::string::npos);
    EXPECT_EQ(lines_with(read_file(dir / "merged.tsv"), "\tKafr Nabl\t").size(), 1u);
    // Saraqib from the TSV table merges too; the OCHA sub-district loses its "مركز" prefix.
    EXPECT_EQ(row_named(rows, "Saraqib")->at("source"), "geonames-geonames-sy|places");
    const auto* maarrat = row_named(rows, "Maarrat An Nu'man");
    ASSERT_NE(maarrat, nullptr);
    EXPECT_NE(maarrat->at("alternate_names").find("معرة النعمان"), std::string::npos);
    EXPECT_EQ(maarrat->at("alternate_names").find("مركز"), std::string::npos);
    EXPECT_EQ(maarrat->at("id"), "admin:SY070100");
    EXPECT_EQ(maarrat->at("feature_class"), "A");

    // With merging off every source keeps its own record.
    args[5] = (dir / "apart.tsv").string();
    args.insert(args.end(), {"--merge-km", "0"});
    r = run_toponym(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines_with(read_file(dir / "apart.tsv"), "\tKafr Nabl\t").size(), 3u);

    // A tighter distance keeps the CSV point 1.2 km away apart.
    args[5] = (dir / "tight.tsv").string();
    args.back() = "1";
    r = run_toponym(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines_with(read_file(dir / "tight.tsv"), "\tKafr Nabl\t").size(), 2u);
}

TEST(GazetteerBuild, IncidentTablesAreClustered) {
    const fs::path dir = fresh_dir("build-cluster");
    auto r = run_toponym({"gazetteer", "build", "--cluster", "--format", "tsv", "-o", (dir / "inc.tsv").string(),
                          fixture("incidents.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Line numbers count the three-line cell of row 3.
    EXPECT_NE(r.err.find("incidents.csv:13: bad coordinates"), std::string::npos) << r.err;
    const auto rows = tsv_rows(dir / "inc.tsv");
    // Tell Rifaat: three rows agree (one spelled Tal Rifaat), one 55 km away is a second cluster.
    const auto* tell = row_named(rows, "Tell Rifaat");
    ASSERT_NE(tell, nullptr);
    EXPECT_EQ(tell->at("source_id"), "1,2,3");
    EXPECT_NEAR(std::stod(tell->at("lat")), 36.473, 0.001);
    const double main_confidence = std::stod(tell->at("confidence"));
    EXPECT_NEAR(main_confidence, 0.75 * 3 / 4, 0.001) << "3 of 4 rows agree (0.75), 3 rows (3/4)";
    std::size_t tell_rows = 0;
    double other_confidence = 1;
    for (const auto& row : rows) {
        if (row.at("id").rfind("incidents:tal-rifat", 0) == 0) {
            ++tell_rows;
            if (row.at("source_id") == "4") other_confidence = std::stod(row.at("confidence"));
        }
    }
    EXPECT_EQ(tell_rows, 2u);
    EXPECT_LT(other_confidence, main_confidence);
    EXPECT_NE(row_named(rows, "Al-Bab"), nullptr) << "the first part of the location is the place";
    EXPECT_EQ(row_named(rows, "Kilis"), nullptr) << "Kilis is in Turkey";
    EXPECT_EQ(row_named(rows, "Aleppo"), nullptr) << "a governorate-level point is no place";
    const auto summary = lines_with(r.out, "incidents");
    ASSERT_EQ(summary.size(), 1u) << r.out;
    std::istringstream counts(summary[0]);
    std::string source, kind1, kind2, rows_n, places, bad, no_xy, filtered, outside, ambiguous, clusters;
    counts >> source >> kind1 >> kind2 >> rows_n >> places >> bad >> no_xy >> filtered >> outside >> ambiguous >> clusters;
    EXPECT_EQ(rows_n, "10");
    EXPECT_EQ(bad, "1");
    EXPECT_EQ(no_xy, "1");
    EXPECT_EQ(filtered, "1");
    EXPECT_EQ(outside, "1");
    EXPECT_EQ(ambiguous, "1");
    EXPECT_EQ(clusters, "3/2") << "3 places from 2 distinct names";
}

TEST(GazetteerBuild, CompiledFileSearchesLikeTheTsvAndIsChecked) {
    const fs::path dir = fresh_dir("build-compiled");
    const std::string tpg = (dir / "fixtures.tpg").string();
    auto r = run_toponym({"gazetteer", "build", "-o", tpg, fixture("geonames-sy.txt"), fixture("alternateNamesV2.txt"),
                          fixture("places.csv"), fixture("admin.geojson")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_toponym({"gazetteer", "build", "-o", tpg, fixture("places.csv")});
    EXPECT_EQ(r.exit_code, 2) << "an existing output is not clobbered without --overwrite";

    r = run_toponym({"gazetteer", "search", "Kafranbel", "--gazetteer", tpg});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("gn:9100001"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Kafranbel"), std::string::npos) << "why: the matching name\n" << r.out;
    r = run_toponym({"gazetteer", "search", "كفر نبل", "--gazetteer", tpg});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("gn:9100001"), std::string::npos) << "the Arabic alternate indexes the same way\n" << r.out;

    r = run_toponym({"gazetteer", "info", tpg});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("compiled, memory-mapped"), std::string::npos) << r.out;
    EXPECT_EQ(lines_with(r.out, "geonames-geonames-sy").size(), 1u) << r.out;

    // Another format version: a clear error naming the file, exit 1.
    std::string bytes = read_file(tpg);
    std::string other = bytes;
    other[8] = 9;  // version field
    write_file(dir / "v9.tpg", other);
    r = run_toponym({"gazetteer", "info", (dir / "v9.tpg").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("v9.tpg"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("format version 9"), std::string::npos) << r.err;
    // Truncated: exit 1, names the file.
    write_file(dir / "cut.tpg", bytes.substr(0, bytes.size() / 2));
    r = run_toponym({"gazetteer", "search", "Saraqib", "--gazetteer", (dir / "cut.tpg").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cut.tpg"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
    // A header only.
    write_file(dir / "head.tpg", bytes.substr(0, 20));
    r = run_toponym({"gazetteer", "info", (dir / "head.tpg").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("head.tpg"), std::string::npos) << r.err;
}

TEST(GazetteerBuild, StackedGazetteersAndAliasesOverride) {
    const fs::path dir = fresh_dir("build-stack");
    const std::string tpg = (dir / "local.tpg").string();
    const std::string gn = (dir / "gn.tpg").string();
    auto r = run_toponym({"gazetteer", "build", "-o", tpg, fixture("places.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_toponym({"gazetteer", "build", "-o", gn, fixture("geonames-sy.txt")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Alone, the fixture does not know Aleppo; stacked on the embedded gazetteer it knows both.
    r = run_toponym({"gazetteer", "search", "Aleppo", "--gazetteer", tpg});
    EXPECT_EQ(r.exit_code, 1);
    const std::vector<std::string> stack = {"--gazetteer", "embedded", "--gazetteer", tpg, "--gazetteer", gn};
    auto search = [&](const std::string& name, bool aliases) {
        std::vector<std::string> args = {"gazetteer", "search", name};
        args.insert(args.end(), stack.begin(), stack.end());
        if (aliases) args.insert(args.end(), {"--aliases", fixture("aliases.tsv")});
        return run_toponym(args);
    };
    r = search("Aleppo", false);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("gn:170063"), std::string::npos) << r.out;
    r = search("Hazarin", false);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("places:3"), std::string::npos) << r.out;

    // The alias file overrides: Hazarin resolves to the user's point only; a new name
    // resolves to the place id it gives.
    r = search("Hazarin", true);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 candidate"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("alias:"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("places:3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("35.61000"), std::string::npos) << r.out;
    r = search("The Old Market of Saraqib", true);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("gn:9100002"), std::string::npos) << r.out;
    r = search("The Old Market of Saraqib", false);
    EXPECT_EQ(r.exit_code, 1) << r.out;

    // An alias naming an id no stacked gazetteer has: file and line, exit 1.
    r = run_toponym({"gazetteer", "search", "Hazarin", "--gazetteer", tpg, "--aliases", fixture("aliases.tsv")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("aliases.tsv:3"), std::string::npos) << r.err;
}

TEST(GazetteerBuild, MapTakesStackedCompiledGazetteers) {
    const fs::path dir = fresh_dir("build-map");
    const std::string tpg = (dir / "local.tpg").string();
    // A fictional village, so that only the local gazetteer can place it (the fixture's real
    // villages are in the embedded gazetteer too).
    write_file(dir / "local.csv", "name,lat,lon,type,admin1_pcode\nTell Zurqubat,35.6420,36.5030,PPL,SY07\n");
    auto r = run_toponym({"gazetteer", "search", "Tell Zurqubat"});
    ASSERT_EQ(r.exit_code, 1) << "the embedded gazetteer knows the name: pick another\n" << r.out;
    r = run_toponym({"gazetteer", "build", "-o", tpg, (dir / "local.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_file(dir / "in/r.txt", "---\npublished: 2019-05-01\n---\nAirstrikes hit Tell Zurqubat and Aleppo on Monday.\n");
    r = run_toponym({"map", (dir / "in").string(), "-o", (dir / "out.gpkg").string(), "--gazetteer", "embedded", "--gazetteer", tpg,
                     "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto places = toponym::testing::read_layer(dir / "out.gpkg", "places");
    bool deir = false, aleppo = false;
    for (const auto& p : places) {
        for (const auto& [field, value] : p.fields) {
            deir = deir || value == "local:2";
            aleppo = aleppo || value == "gn:170063";
        }
    }
    EXPECT_TRUE(deir) << "the fixture's village is mapped";
    EXPECT_TRUE(aleppo) << "the embedded gazetteer still resolves Aleppo";
}

TEST(GazetteerBuild, OsmPlacesWithTheirOtherNames) {
    const fs::path dir = fresh_dir("build-osm");
    auto r = run_toponym({"gazetteer", "build", "--format", "tsv", "-o", (dir / "osm.tsv").string(), fixture("villages.osm"),
                          fixture("places.tsv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = tsv_rows(dir / "osm.tsv");
    EXPECT_EQ(row_named(rows, "Central Bakery"), nullptr) << "no place tag: not a place";
    const auto* kansafra = row_named(rows, "Kansafra");
    ASSERT_NE(kansafra, nullptr);
    EXPECT_EQ(kansafra->at("alternate_names"), "كنصفرة|Kansafrah|Kinsafra") << "name:ar and alt_name from other_tags";
    EXPECT_EQ(kansafra->at("source"), "villages/points|places") << "merged with the TSV table's row";
    EXPECT_EQ(kansafra->at("source_id"), "1001|2");
    ASSERT_NE(row_named(rows, "Ein Larouz"), nullptr);
    EXPECT_EQ(row_named(rows, "Ein Larouz")->at("alternate_names"), "Ain Laruz");

    r = run_toponym({"gazetteer", "search", "Kinsafra", "--gazetteer", (dir / "osm.tsv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("[villages/points|places]"), std::string::npos) << "the sources are shown\n" << r.out;
}

TEST(GazetteerBuild, MinPopulationDropsSmallPopulatedPlacesOnly) {
    const fs::path dir = fresh_dir("build-min-population");
    auto r = run_toponym({"gazetteer", "build", "--format", "tsv", "-o", (dir / "gn.tsv").string(), fixture("geonames-sy.txt"),
                          "--min-population", "31000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = tsv_rows(dir / "gn.tsv");
    EXPECT_EQ(row_named(rows, "Kafr Nabl"), nullptr) << "30,000 people";
    EXPECT_NE(row_named(rows, "Saraqib"), nullptr) << "32,000 people";
    EXPECT_NE(row_named(rows, "Idlib Governorate"), nullptr) << "areas are kept whatever their population";
}

// A repeated id becomes "<id>#2"; a source that already has an id "a#2" made a duplicate, and
// the whole build failed with "duplicate id" naming the output (fuzz_gazetteer_sources,
// fuzz/corpus/fuzz_gazetteer_sources/regression-repeated-id-and-its-suffix.bin).
TEST(GazetteerBuild, RepeatedIdsStayUniqueWhenTheSuffixIsTaken) {
    const fs::path dir = fresh_dir("build-ids");
    write_file(dir / "ids.csv", "id,name,lat,lon\na,One,35.1,36.1\na,Two,35.2,36.2\na#2,Three,35.3,36.3\na,Four,35.4,36.4\n");
    auto r = run_toponym({"gazetteer", "build", "--format", "tsv", "-o", (dir / "ids.tsv").string(), (dir / "ids.csv").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = tsv_rows(dir / "ids.tsv");
    ASSERT_EQ(rows.size(), 4u);
    std::map<std::string, std::string> id_of;
    for (const auto& row : rows) id_of[row.at("name")] = row.at("id");
    EXPECT_EQ(id_of["One"], "ids:a");
    EXPECT_EQ(id_of["Two"], "ids:a#2");
    EXPECT_EQ(id_of["Three"], "ids:a#2#2") << "its own id was taken by the repeat before it";
    EXPECT_EQ(id_of["Four"], "ids:a#3");
}
