// Every output format read back with GDAL: the same events with the same field values in
// GeoPackage, GeoJSON, GeoJSONSeq, CSV, KML and FlatGeobuf; validators for GeoPackage and
// RFC 7946; spreadsheet formulas neutralised in CSV; KML TimeStamps; --layers.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// A report of our own with hostile metadata, beside the samples.
fs::path inputs_with_hostile_report() {
    static const fs::path dir = [] {
        const fs::path d = fresh_dir("formats-input");
        for (const auto& e : fs::directory_iterator(source_dir() / "samples")) {
            if (e.path().extension() == ".txt") fs::copy_file(e.path(), d / e.path().filename());
        }
        write_file(d / "99-hostile.txt",
                   "---\ntitle: =HYPERLINK(\"http://evil.example\",\"click\")\nsource: +cmd|' /C calc'!A0\n"
                   "url: @SUM(1+1)\npublished: 2020-03-01\n---\n"
                   "Air strikes hit Saraqib. -2+3 said a <b>witness</b>.\n");
        return d;
    }();
    return dir;
}

std::string day_of(const std::string& value) {  // "2019/12/21 00:00:00" or "2019-12-21T..." -> "2019-12-21"
    std::string d = value.substr(0, std::min<std::size_t>(10, value.size()));
    std::replace(d.begin(), d.end(), '/', '-');
    return d;
}

std::string strip_quote(const std::string& v) { return !v.empty() && v[0] == '\'' ? v.substr(1) : v; }

class Formats : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("formats");
        outputs_ = toponym::testing::map_to_formats(inputs_with_hostile_report(), dir_, "events",
                                                    {"gpkg", "geojson", "geojsonl", "csv", "kml", "fgb"});
    }

    static std::map<std::string, Row> by_id(const std::vector<Row>& rows) { return toponym::testing::rows_by(rows, "event_id"); }

    static inline fs::path dir_;
    static inline std::map<std::string, fs::path> outputs_;
};

TEST_F(Formats, SameEventsAndValuesInEveryFormat) {
    const auto reference = by_id(read_layer(outputs_["gpkg"], "events"));
    ASSERT_GT(reference.size(), 20u);
    for (const char* ext : {"geojson", "geojsonl", "csv", "kml", "fgb"}) {
        const auto rows = by_id(read_layer(outputs_[ext], ext == std::string("kml") ? "events" : ""));
        ASSERT_EQ(rows.size(), reference.size()) << ext;
        for (const auto& [id, ref] : reference) {
            ASSERT_TRUE(rows.contains(id)) << ext << " lacks " << id;
            const Row& r = rows.at(id);
            for (const char* field : {"event_type", "place_name", "place_id", "admin1", "admin1_pcode", "doc_id", "date_precision",
                                      "geo_precision", "char_start", "snippet"}) {
                EXPECT_EQ(r.at(field), ref.at(field)) << ext << " " << id << " " << field;
            }
            // Text that a spreadsheet would run is neutralised in CSV only.
            const std::string source = ext == std::string("csv") ? strip_quote(r.at("source")) : r.at("source");
            EXPECT_EQ(source, ref.at("source")) << ext << " " << id;
            EXPECT_EQ(day_of(r.at("event_date")), day_of(ref.at("event_date"))) << ext << " " << id;
            EXPECT_NEAR(std::stod(r.at("confidence")), std::stod(ref.at("confidence")), 1e-9) << ext;
            double lat = r.lat.value_or(0), lon = r.lon.value_or(0);
            if (ext == std::string("csv")) {
                lat = std::stod(r.at("lat"));
                lon = std::stod(r.at("lon"));
                EXPECT_NE(r.at("WKT").find("POINT"), std::string::npos);
            }
            EXPECT_NEAR(lat, *ref.lat, 1e-6) << ext << " " << id;
            EXPECT_NEAR(lon, *ref.lon, 1e-6) << ext << " " << id;
        }
    }
}

TEST_F(Formats, CsvNeutralisesFormulaCells) {
    const std::string csv = read_file(outputs_["csv"]);
    EXPECT_NE(csv.find("'+cmd|"), std::string::npos) << "the hostile source is neutralised";
    EXPECT_EQ(csv.find(",+cmd|"), std::string::npos);
    EXPECT_EQ(csv.find(",\"+cmd|"), std::string::npos);
    for (const Row& r : read_layer(outputs_["csv"])) {
        for (const auto& [field, value] : r.fields) {
            if (value.empty() || field == "lon" || field == "lat" || field == "confidence" || field == "uncertainty_m") continue;
            EXPECT_TRUE(value[0] != '=' && value[0] != '+' && value[0] != '@' && value[0] != '-')
                << field << " = " << value;
        }
    }
    // The GeoPackage keeps the value as it was written.
    const auto events = read_layer(outputs_["gpkg"], "events");
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const Row& r) { return r.at("source") == "+cmd|' /C calc'!A0"; }));
}

TEST_F(Formats, KmlCarriesTimeStamps) {
    const std::string kml = read_file(outputs_["kml"]);
    const auto events = read_layer(outputs_["gpkg"], "events");
    const auto dated = std::count_if(events.begin(), events.end(), [](const Row& r) { return !r.at("event_date").empty(); });
    std::size_t stamps = 0;
    for (std::size_t pos = 0; (pos = kml.find("<TimeStamp>", pos)) != std::string::npos; ++pos) ++stamps;
    EXPECT_EQ(static_cast<long>(stamps), dated);
    EXPECT_NE(kml.find("<when>2019-12-21T00:00:00</when>"), std::string::npos);
}

TEST_F(Formats, GeoPackagePassesGdalsValidator) {
    const fs::path full = dir_ / "full.gpkg";
    ASSERT_EQ(run_toponym({"map", inputs_with_hostile_report().string(), "-o", full.string(), "-q"}).exit_code, 0);
    const auto r = run_shell("/usr/bin/python3 /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py '" +
                             full.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << "validate_gpkg.py (Debian python3-gdal) reports:\n" << r.out << r.err;
    std::vector<std::string> names = toponym::testing::layer_names(full);
    for (const char* layer : {"events", "mentions", "places", "governorates", "unresolved", "documents"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), layer), names.end()) << layer;
    }
}

TEST_F(Formats, GeoJsonIsValidRfc7946) {
    const fs::path governorates = dir_ / "governorates.geojson";
    ASSERT_EQ(run_toponym({"map", inputs_with_hostile_report().string(), "-o", governorates.string(), "--layers", "governorates", "-q"})
                  .exit_code,
              0);
    const auto r = run_shell(std::string("'") + TOPONYM_NODE + "' '" + (source_dir() / "tests/tools/check-geojson.cjs").string() +
                             "' '" + TOPONYM_NPM_TOOLS + "/node_modules' '" + outputs_["geojson"].string() + "' '" +
                             governorates.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << "@placemarkio/check-geojson:\n" << r.out << r.err;
    const std::string text = read_file(outputs_["geojson"]);
    EXPECT_EQ(text.find("\"crs\""), std::string::npos);
    // The checker itself catches a bad file (so this test can fail).
    write_file(dir_ / "bad.geojson", R"({"type":"Point","coordinates":[36.6]})");
    const auto bad = run_shell(std::string("'") + TOPONYM_NODE + "' '" + (source_dir() / "tests/tools/check-geojson.cjs").string() +
                               "' '" + TOPONYM_NPM_TOOLS + "/node_modules' '" + (dir_ / "bad.geojson").string() + "'");
    EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
}

TEST_F(Formats, PlacesLayerCountsMentionsAndEvents) {
    const fs::path full = dir_ / "places.gpkg";
    ASSERT_EQ(run_toponym({"map", inputs_with_hostile_report().string(), "-o", full.string(), "-q"}).exit_code, 0);
    const auto places = read_layer(full, "places");
    const auto mentions = read_layer(full, "mentions");
    const auto events = read_layer(full, "events");
    std::size_t mention_total = 0, event_total = 0;
    std::set<std::string> ids;
    for (const Row& p : places) {
        EXPECT_TRUE(ids.insert(p.at("place_id")).second) << "one row per place";
        const auto m = std::count_if(mentions.begin(), mentions.end(), [&](const Row& r) { return r.at("place_id") == p.at("place_id"); });
        const auto e = std::count_if(events.begin(), events.end(), [&](const Row& r) { return r.at("place_id") == p.at("place_id"); });
        EXPECT_EQ(std::stol(p.at("n_mentions")), m) << p.at("name");
        EXPECT_EQ(std::stol(p.at("n_events")), e) << p.at("name");
        if (!p.at("first_date").empty()) {
            EXPECT_LE(p.at("first_date"), p.at("last_date"));
        }
        mention_total += static_cast<std::size_t>(m);
        event_total += static_cast<std::size_t>(e);
    }
    EXPECT_EQ(mention_total, mentions.size());
    EXPECT_EQ(event_total, events.size());
}

TEST(FormatsCli, LayersOptionAndFormatChoice) {
    const fs::path dir = fresh_dir("layers");
    const std::string samples = (source_dir() / "samples").string();
    auto r = run_toponym({"map", samples, "-o", (dir / "two.gpkg").string(), "--layers", "events,places", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(toponym::testing::layer_names(dir / "two.gpkg"), (std::vector<std::string>{"events", "places", "layer_styles"}))
        << "the two layers, and the QGIS styles of both";
    const auto styles = read_layer(dir / "two.gpkg", "layer_styles");
    EXPECT_EQ(styles.size(), 2u);
    r = run_toponym({"map", samples, "-o", (dir / "p.geojson").string(), "--layers", "places", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(read_layer(dir / "p.geojson").empty());
    EXPECT_TRUE(read_layer(dir / "p.geojson").front().fields.contains("n_mentions"));
    r = run_toponym({"map", samples, "-o", (dir / "x.gpkg").string(), "--layers", "events,nonsense"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("nonsense"), std::string::npos);
    r = run_toponym({"map", samples, "-o", (dir / "x.csv").string(), "--layers", "events,places"});
    EXPECT_EQ(r.exit_code, 2) << "CSV holds one layer";
    r = run_toponym({"map", samples, "-o", (dir / "x.fgb").string(), "--layers", "documents"});
    EXPECT_EQ(r.exit_code, 2) << "FlatGeobuf cannot hold a table without geometry";
    r = run_toponym({"map", samples, "-o", (dir / "data.out").string(), "--of", "FlatGeobuf", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(read_layer(dir / "data.out").empty());
    r = run_toponym({"map", samples, "-o", (dir / "x.dat").string(), "--of", "Shapefile"});
    EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
