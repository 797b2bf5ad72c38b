// --append to a GeoPackage: reports already stored are skipped, changed ones replace their
// features, new ones are added; ids stay unique.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

fs::path copy_of_samples(const std::string& name) {
    const fs::path d = fresh_dir(name);
    for (const auto& e : fs::directory_iterator(source_dir() / "samples")) {
        if (e.path().extension() == ".txt") fs::copy_file(e.path(), d / e.path().filename());
    }
    return d;
}

std::set<std::string> column(const std::vector<Row>& rows, const std::string& field) {
    std::set<std::string> values;
    for (const Row& r : rows) values.insert(r.at(field));
    return values;
}

}  // namespace

TEST(AppendGeoPackage, SkipsStoredReportsReplacesChangedOnesAddsNewOnes) {
    const fs::path in = copy_of_samples("append-gpkg-in");
    const fs::path out = fresh_dir("append-gpkg-out") / "events.gpkg";
    ASSERT_EQ(run_toponym({"map", in.string(), "-o", out.string(), "-q"}).exit_code, 0);
    const std::vector<Row> first = read_layer(out, "events");
    ASSERT_FALSE(first.empty());

    // Without --append an existing file is refused.
    EXPECT_EQ(run_toponym({"map", in.string(), "-o", out.string(), "-q"}).exit_code, 2);

    // Same reports again: nothing new.
    std::size_t reports = 0;
    for (const auto& e : fs::directory_iterator(in)) reports += e.path().extension() == ".txt";
    auto again = run_toponym({"map", in.string(), "-o", out.string(), "--append"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 new, " + std::to_string(reports) + " unchanged, 0 replaced"), std::string::npos) << again.out;
    EXPECT_EQ(read_layer(out, "events").size(), first.size());

    // One report edited (its text names another place), one added.
    const fs::path edited = in / "01-maarat-airstrikes.txt";
    std::string text = read_file(edited);
    text = std::regex_replace(text, std::regex("Maarat"), "Saraqib");
    write_file(edited, text);
    write_file(in / "50-new.txt", "---\nsource: Test Wire\npublished: 2021-02-03\n---\nAir strikes hit Kafr Nabl on Tuesday.\n");
    auto third = run_toponym({"map", in.string(), "-o", out.string(), "--append"});
    ASSERT_EQ(third.exit_code, 0) << third.err;
    EXPECT_NE(third.out.find("1 new, " + std::to_string(reports - 1) + " unchanged, 1 replaced"), std::string::npos) << third.out;

    const std::vector<Row> events = read_layer(out, "events");
    EXPECT_EQ(column(events, "event_id").size(), events.size()) << "an event stored twice";
    const std::vector<Row> docs = read_layer(out, "documents");
    EXPECT_EQ(docs.size(), reports + 1);
    EXPECT_EQ(column(docs, "doc_key").size(), docs.size());

    // The edited report's old events are gone and its new ones are those of a fresh run.
    const fs::path fresh = fresh_dir("append-gpkg-fresh") / "fresh.gpkg";
    ASSERT_EQ(run_toponym({"map", in.string(), "-o", fresh.string(), "-q"}).exit_code, 0);
    EXPECT_EQ(column(events, "event_id"), column(read_layer(fresh, "events"), "event_id"));
    EXPECT_EQ(column(read_layer(out, "mentions"), "mention_id"), column(read_layer(fresh, "mentions"), "mention_id"));

    // Places count over everything stored: the same as the fresh run's.
    std::map<std::string, std::string> appended_counts, fresh_counts;
    for (const Row& r : read_layer(out, "places")) appended_counts[r.at("place_id")] = r.at("n_mentions") + "/" + r.at("n_events");
    for (const Row& r : read_layer(fresh, "places")) fresh_counts[r.at("place_id")] = r.at("n_mentions") + "/" + r.at("n_events");
    EXPECT_EQ(appended_counts, fresh_counts);
    std::map<std::string, std::string> appended_govs, fresh_govs;
    for (const Row& r : read_layer(out, "governorates")) appended_govs[r.at("admin1_pcode")] = r.at("n_events") + "/" + r.at("n_mentions") + "/" + r.at("n_shelling");
    for (const Row& r : read_layer(fresh, "governorates")) fresh_govs[r.at("admin1_pcode")] = r.at("n_events") + "/" + r.at("n_mentions") + "/" + r.at("n_shelling");
    EXPECT_EQ(appended_govs, fresh_govs);
    EXPECT_EQ(appended_govs.size(), 14u);
}

TEST(AppendGeoPackage, AppendAndOverwriteExcludeEachOtherAndNeedADatabaseOrGeoPackage) {
    const fs::path dir = fresh_dir("append-usage");
    const std::string samples = (source_dir() / "samples").string();
    EXPECT_EQ(run_toponym({"map", samples, "-o", (dir / "a.gpkg").string(), "--append", "--overwrite"}).exit_code, 2);
    const auto geojson = run_toponym({"map", samples, "-o", (dir / "a.geojson").string(), "--append"});
    EXPECT_EQ(geojson.exit_code, 2);
    EXPECT_NE(geojson.err.find("--append"), std::string::npos) << geojson.err;
    EXPECT_EQ(run_toponym({"map", samples, "-o", (dir / "b.gpkg").string(), "--schema", "x"}).exit_code, 2);
}

TEST(AppendGeoPackage, AppendingOneLayerKeepsTheDocumentsLayerToCompareAgainst) {
    const fs::path out = fresh_dir("append-one-layer") / "events.gpkg";
    const std::string samples = (source_dir() / "samples").string();
    ASSERT_EQ(run_toponym({"map", samples, "-o", out.string(), "--layers", "events", "-q"}).exit_code, 0);
    const std::size_t n_events = read_layer(out, "events").size();
    // The first file has no documents layer: its reports can only be recognised by the doc_key
    // of their events, so they are replaced once; from then on they are unchanged.
    // (every sample report has events)
    std::size_t reports = 0;
    for (const auto& e : fs::directory_iterator(samples)) reports += e.path().extension() == ".txt";
    const std::string n = std::to_string(reports);
    auto second = run_toponym({"map", samples, "-o", out.string(), "--layers", "events", "--append"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("0 new, 0 unchanged, " + n + " replaced"), std::string::npos) << second.out;
    auto third = run_toponym({"map", samples, "-o", out.string(), "--layers", "events", "--append"});
    ASSERT_EQ(third.exit_code, 0) << third.err;
    EXPECT_NE(third.out.find("0 new, " + n + " unchanged, 0 replaced"), std::string::npos) << third.out;
    const std::vector<Row> events = read_layer(out, "events");
    EXPECT_EQ(events.size(), n_events);
    EXPECT_EQ(column(events, "event_id").size(), events.size());
    EXPECT_EQ(read_layer(out, "documents").size(), reports);
}

// A GeoPackage written before the events layer had casualties_shared_with: appending adds the
// field instead of refusing the run.
TEST(AppendGeoPackage, AddsAFieldToponymHasGainedSince) {
    const fs::path dir = fresh_dir("append-gained-field");
    write_file(dir / "a.txt", "---\npublished: 2021-02-01\n---\nAir strikes hit Saraqib and Binnish on Monday, killing four civilians.\n");
    const fs::path out = dir / "events.gpkg";
    ASSERT_EQ(run_toponym({"map", (dir / "a.txt").string(), "-o", out.string(), "-q"}).exit_code, 0);
    // As an older toponym wrote it.
    ASSERT_EQ(std::system(("ogrinfo -q '" + out.string() + "' -sql 'ALTER TABLE events DROP COLUMN casualties_shared_with' >/dev/null").c_str()), 0);
    ASSERT_EQ(read_layer(out, "events").front().fields.count("casualties_shared_with"), 0u);
    write_file(dir / "b.txt", "---\npublished: 2021-02-03\n---\nShelling hit Ariha and Kafr Nabl on Wednesday, killing two people.\n");
    const auto r = run_toponym({"map", (dir / "b.txt").string(), "-o", out.string(), "--append", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> events = read_layer(out, "events");
    ASSERT_EQ(events.size(), 4u);
    long killed = 0;
    int pointing = 0;
    for (const Row& e : events) {
        if (!e.at("fatalities").empty()) killed += std::stol(e.at("fatalities"));
        pointing += !e.at("casualties_shared_with").empty();
    }
    EXPECT_EQ(killed, 6) << "four and two, each once";
    EXPECT_EQ(pointing, 1) << "the new report's second event (the old rows have the field empty)";
}
