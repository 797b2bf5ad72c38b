// CLI tests of `toponym filter`, `toponym stats` and the filter options of `toponym map`, on the
// samples' output and on small team-written point files, read back with GDAL.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "cli_support.hpp"
#include "io/qgis_styles.hpp"
#include "store/gdal_util.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

GDALDatasetUniquePtr open_read_only(const fs::path& path) {
    toponym::io::ensure_gdal_registered();
    return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

// The field types of a layer (the first when `layer` is empty), by field name.
std::map<std::string, OGRFieldType> field_types(const fs::path& path, const std::string& layer = "") {
    std::map<std::string, OGRFieldType> types;
    const GDALDatasetUniquePtr ds = open_read_only(path);
    if (!ds) {
        ADD_FAILURE() << "cannot open " << path;
        return types;
    }
    OGRLayer* l = layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer.c_str());
    if (!l) {
        ADD_FAILURE() << path << " has no layer " << layer;
        return types;
    }
    for (int i = 0; i < l->GetLayerDefn()->GetFieldCount(); ++i) {
        types[l->GetLayerDefn()->GetFieldDefn(i)->GetNameRef()] = l->GetLayerDefn()->GetFieldDefn(i)->GetType();
    }
    return types;
}

// The default style QGIS would load for `table` from a GeoPackage: the layer_styles rows it
// selects (f_table_schema '', the table's name and its real geometry column, useAsDefault).
std::vector<std::string> qgis_default_styles(const fs::path& gpkg, const std::string& table) {
    std::vector<std::string> qml;
    const GDALDatasetUniquePtr ds = open_read_only(gpkg);
    if (!ds) return qml;
    OGRLayer* layer = ds->GetLayerByName(table.c_str());
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    if (!layer || !styles) return qml;
    const std::string filter = "f_table_schema = '' AND f_table_name = '" + table + "' AND f_geometry_column = '" +
                               layer->GetGeometryColumn() + "' AND useAsDefault = 1";
    if (styles->SetAttributeFilter(filter.c_str()) != OGRERR_NONE) return qml;
    for (auto& f : *styles) qml.emplace_back(f->GetFieldAsString("styleQML"));
    return qml;
}

const std::vector<std::string> kPcodes = {"SY01", "SY02", "SY03", "SY04", "SY05", "SY06", "SY07",
                                          "SY08", "SY09", "SY10", "SY11", "SY12", "SY13", "SY14"};

class FilterOnSamples : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("filter-samples");
        gpkg_ = dir_ / "samples.gpkg";
        const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", gpkg_.string(), "-q"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        events_ = read_layer(gpkg_, "events");
    }

    // Runs filter on the samples' output to GeoJSON and returns the events kept.
    static std::vector<Row> filtered(const std::string& name, std::vector<std::string> options, int expected_exit = 0) {
        const fs::path out = dir_ / (name + ".geojson");
        std::vector<std::string> args = {"filter", gpkg_.string(), "-o", out.string(), "--overwrite", "-q"};
        args.insert(args.end(), options.begin(), options.end());
        const auto r = run_toponym(args);
        EXPECT_EQ(r.exit_code, expected_exit) << name << ": " << r.err;
        if (r.exit_code != 0) return {};
        return read_layer(out);
    }

    static std::set<std::string> ids(const std::vector<Row>& rows) {
        std::set<std::string> s;
        for (const Row& r : rows) s.insert(r.at("event_id"));
        return s;
    }

    static inline fs::path dir_;
    static inline fs::path gpkg_;
    static inline std::vector<Row> events_;
};

TEST_F(FilterOnSamples, The14GovernoratesPartitionTheEvents) {
    ASSERT_FALSE(events_.empty());
    std::set<std::string> seen;
    std::size_t total = 0;
    for (const std::string& pcode : kPcodes) {
        const std::vector<Row> kept = filtered("gov-" + pcode, {"--governorate", pcode});
        for (const Row& r : kept) {
            EXPECT_EQ(r.at("admin1_pcode"), pcode);
            EXPECT_TRUE(seen.insert(r.at("event_id")).second) << r.at("event_id") << " is in two governorates";
        }
        total += kept.size();
    }
    EXPECT_EQ(total, events_.size()) << "every event is in exactly one governorate";
}

TEST_F(FilterOnSamples, GovernorateNamesInEveryFormGiveTheSameResult) {
    const std::set<std::string> reference = ids(filtered("idlib-pcode", {"--governorate", "SY07"}));
    ASSERT_FALSE(reference.empty());
    for (const char* name : {"Idlib", "Idleb", "IDLEB", "idlib province", "Idlib Governorate", "إدلب", "sy07"}) {
        EXPECT_EQ(ids(filtered("idlib-name", {"--governorate", name})), reference) << name;
    }
    const std::set<std::string> aleppo = ids(filtered("aleppo", {"--governorate", "Halab"}));
    ASSERT_FALSE(aleppo.empty());
    const std::set<std::string> both = ids(filtered("both", {"--governorate", "Idleb,Aleppo"}));
    EXPECT_EQ(both.size(), reference.size() + aleppo.size());
    const std::set<std::string> repeated = ids(filtered("repeated", {"--governorate", "Idleb", "--governorate", "حلب"}));
    EXPECT_EQ(repeated, both);
}

TEST_F(FilterOnSamples, UnknownGovernorateExits2WithSuggestions) {
    const fs::path out = dir_ / "unknown.geojson";
    auto r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--governorate", "Idlip"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown governorate \"Idlip\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean Idleb"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--governorate", "Dayr az Zor"});
    EXPECT_EQ(r.exit_code, 0) << "a transliteration of Deir ez-Zor is known: " << r.err;
}

// A missing input is one message and exit 2 in every command (filter and resolve: the
// malformed corpus); stats said "not a format GDAL can read" and exited 1.
TEST(StatsCli, MissingInputExits2) {
    const fs::path missing = fresh_dir("stats-missing") / "missing.gpkg";
    const auto r = run_toponym({"stats", missing.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(missing.string() + ": no such file or directory"), std::string::npos) << r.err;
}

// A typo taken for a name is said; a name that matches nothing lists the names there are.
TEST_F(FilterOnSamples, GovernorateMatchedInexactlyIsSaidUnknownListsTheNames) {
    const fs::path out = dir_ / "inexact.geojson";
    auto r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--overwrite", "-q", "--governorate", "Idlibb"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("--governorate: \"Idlibb\" taken as "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(SY07)"), std::string::npos) << r.err;
    for (const char* exact : {"Idleb", "idlib", "SY07", "إدلب"}) {
        r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--overwrite", "-q", "--governorate", exact});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err.find("taken as"), std::string::npos) << exact << ": " << r.err;
    }
    r = run_toponym({"filter", gpkg_.string(), "-o", (dir_ / "none.geojson").string(), "--governorate", "Atlantis"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("known: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(SY02)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(SY14)"), std::string::npos) << r.err;
}

TEST_F(FilterOnSamples, HostileValuesMatchNothingAndInjectNothing) {
    const fs::path out = dir_ / "hostile.geojson";
    auto r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--governorate", "Idlib' OR 1=1 --"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_TRUE(filtered("hostile-type", {"--type", "air_strike' OR '1'='1"}).empty());
    EXPECT_TRUE(filtered("hostile-type2", {"--type", "x\") OR 1=1 --"}).empty());
    // The input is unchanged by all this.
    EXPECT_EQ(read_layer(gpkg_, "events").size(), events_.size());
}

TEST_F(FilterOnSamples, TypeDateBboxAndConfidence) {
    const auto air = filtered("type", {"--type", "air_strike"});
    const auto expected_air = std::count_if(events_.begin(), events_.end(), [](const Row& r) { return r.at("event_type") == "air_strike"; });
    ASSERT_GT(expected_air, 0);
    EXPECT_EQ(static_cast<long>(air.size()), expected_air);

    const auto y2020 = filtered("dates", {"--from", "2020-01-01", "--to", "2020-12-31"});
    const auto expected_2020 = std::count_if(events_.begin(), events_.end(), [](const Row& r) { return r.at("event_date").rfind("2020", 0) == 0; });
    ASSERT_GT(expected_2020, 0);
    EXPECT_EQ(static_cast<long>(y2020.size()), expected_2020);
    for (const Row& r : y2020) EXPECT_EQ(r.at("event_date").substr(0, 4), "2020");

    // A box around Maarat al-Numan and its villages only.
    const auto box = filtered("bbox", {"--bbox", "36.55,35.55,36.80,35.75"});
    ASSERT_FALSE(box.empty());
    for (const Row& r : box) {
        EXPECT_GE(*r.lon, 36.55);
        EXPECT_LE(*r.lon, 36.80);
        EXPECT_GE(*r.lat, 35.55);
        EXPECT_LE(*r.lat, 35.75);
    }
    EXPECT_LT(box.size(), events_.size());

    const auto confident = filtered("confidence", {"--min-confidence", "0.7"});
    for (const Row& r : confident) EXPECT_GE(std::stod(r.at("confidence")), 0.7);
    EXPECT_LE(confident.size(), events_.size());

    filtered("bad-bbox", {"--bbox", "36,35,x,36"}, 2);
    filtered("bad-date", {"--from", "2020-02-31"}, 2);
    filtered("district-without-admin", {"--district", "Ariha"}, 2);
}

TEST_F(FilterOnSamples, WithinPolygonFile) {
    const fs::path polygon = dir_ / "maarat-area.geojson";
    write_file(polygon, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"Polygon","coordinates":[[[36.55,35.55],[36.80,35.55],[36.80,35.75],[36.55,35.75],[36.55,35.55]]]}}]})");
    const auto within = filtered("within", {"--within", polygon.string()});
    const auto box = filtered("bbox-same", {"--bbox", "36.55,35.55,36.80,35.75"});
    EXPECT_EQ(ids(within), ids(box)) << "a rectangle polygon keeps what the same bbox keeps";
    EXPECT_FALSE(within.empty());
}

TEST_F(FilterOnSamples, MapTakesTheSameFilters) {
    const fs::path out = dir_ / "map-idlib.gpkg";
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "-q", "--governorate", "Idleb",
                                "--type", "air_strike"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto events = read_layer(out, "events");
    const auto expected = std::count_if(events_.begin(), events_.end(), [](const Row& e) {
        return e.at("admin1_pcode") == "SY07" && e.at("event_type") == "air_strike";
    });
    ASSERT_GT(expected, 0);
    EXPECT_EQ(static_cast<long>(events.size()), expected);
    for (const Row& m : read_layer(out, "mentions")) EXPECT_EQ(m.at("admin1_pcode"), "SY07");
    const auto bad = run_toponym({"map", (source_dir() / "samples").string(), "-o", (dir_ / "x.gpkg").string(), "--type", "picnic"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("air_strike"), std::string::npos) << "lists the known types: " << bad.err;
}

TEST_F(FilterOnSamples, GovernoratesLayerCountsEventsByType) {
    const auto governorates = read_layer(gpkg_, "governorates");
    ASSERT_EQ(governorates.size(), 14u);
    long total = 0;
    for (const Row& g : governorates) {
        const long n = std::stol(g.at("n_events"));
        const auto expected = std::count_if(events_.begin(), events_.end(), [&](const Row& e) { return e.at("admin1_pcode") == g.at("admin1_pcode"); });
        EXPECT_EQ(n, expected) << g.at("admin1");
        const auto air = std::count_if(events_.begin(), events_.end(), [&](const Row& e) {
            return e.at("admin1_pcode") == g.at("admin1_pcode") && e.at("event_type") == "air_strike";
        });
        EXPECT_EQ(std::stol(g.at("n_air_strike")), air) << g.at("admin1");
        total += n;
    }
    EXPECT_EQ(total, static_cast<long>(events_.size()));
}

TEST_F(FilterOnSamples, StatsCountsByGovernorateTypeAndMonth) {
    auto r = run_toponym({"stats", gpkg_.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(std::to_string(events_.size()) + " features"), std::string::npos) << r.out;
    const auto idlib = std::count_if(events_.begin(), events_.end(), [](const Row& e) { return e.at("admin1_pcode") == "SY07"; });
    r = run_toponym({"stats", gpkg_.string(), "--csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("dimension,value,count,fatalities,injured\n", 0), 0u);
    EXPECT_NE(r.out.find("\ngovernorate,Idleb (SY07)," + std::to_string(idlib) + ","), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("month,2019-12,"), std::string::npos) << r.out;
}

TEST(FilterCli, CsvWithLonLatAddAdminAndFormulaCells) {
    const fs::path dir = fresh_dir("filter-csv");
    write_file(dir / "points.csv",
               "id,name,lon,lat,date\n"
               "1,idlib city,36.6339,35.9306,2020-01-05\n"
               "2,aleppo city,37.1612,36.2012,2020-01-06\n"
               "3,ankara,32.8543,39.9199,2020-01-07\n"
               "4,\"=HYPERLINK(\"\"http://x\"\")\",36.6769,35.6483,2020-01-08\n"
               "5,no coordinates,,,2020-01-09\n");
    const fs::path out = dir / "idlib.gpkg";
    auto r = run_toponym({"filter", (dir / "points.csv").string(), "-o", out.string(), "--governorate", "Idlib", "--add-admin"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = read_layer(out);
    std::set<std::string> kept;
    for (const Row& row : rows) {
        kept.insert(row.at("id"));
        EXPECT_EQ(row.at("admin1_pcode"), "SY07");
        EXPECT_EQ(row.at("admin1"), "Idleb");
    }
    EXPECT_EQ(kept, (std::set<std::string>{"1", "4"}));
    const auto hostile = std::find_if(rows.begin(), rows.end(), [](const Row& row) { return row.at("id") == "4"; });
    ASSERT_NE(hostile, rows.end());
    EXPECT_EQ(hostile->at("name"), "=HYPERLINK(\"http://x\")") << "values are copied as they are, never evaluated";

    r = run_toponym({"filter", (dir / "points.csv").string(), "-o", (dir / "dated.geojson").string(), "--from", "2020-01-06",
                     "--to", "2020-01-07", "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> dated;
    for (const Row& row : read_layer(dir / "dated.geojson")) dated.insert(row.at("id"));
    EXPECT_EQ(dated, (std::set<std::string>{"2", "3"}));

    // Stats as CSV neutralise cells that a spreadsheet would run as formulas.
    write_file(dir / "evil.csv", "id,lon,lat,admin1,admin1_pcode,event_type\n1,36.6,35.9,=1+1,SY07,@SUM(A1)\n");
    r = run_toponym({"stats", (dir / "evil.csv").string(), "--csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("event_type,'@SUM(A1),1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("governorate,'=1+1 (SY07),1"), std::string::npos) << r.out;
}

// A filtered GeoPackage keeps its layers' QGIS styles: the input's layer_styles rows for the
// layers written, in a table registered as toponym's writer registers it.
TEST_F(FilterOnSamples, GeoPackageOutputKeepsTheStylesOfTheLayersWritten) {
    const fs::path out = dir_ / "idleb-styled.gpkg";
    const auto r = run_toponym({"filter", gpkg_.string(), "-o", out.string(), "--overwrite", "-q", "--governorate", "Idleb",
                                "--layer", "events", "--layer", "places"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_FALSE(read_layer(out, "events").empty());

    std::map<std::string, Row> input_styles, output_styles;
    for (const Row& row : read_layer(gpkg_, "layer_styles")) input_styles[row.at("f_table_name")] = row;
    ASSERT_TRUE(input_styles.count("mentions")) << "the input has a style for a layer not written";
    const std::vector<Row> rows = read_layer(out, "layer_styles");
    for (const Row& row : rows) output_styles[row.at("f_table_name")] = row;
    EXPECT_EQ(rows.size(), 2u) << "one row per layer written, none for the layers left out";
    for (const std::string table : {"events", "places"}) {
        SCOPED_TRACE(table);
        ASSERT_TRUE(output_styles.count(table));
        const Row& row = output_styles.at(table);
        EXPECT_EQ(row.at("styleQML"), input_styles.at(table).at("styleQML"));
        EXPECT_EQ(row.at("styleQML"), toponym::io::layer_style_qml(table));
        EXPECT_EQ(row.at("styleName"), input_styles.at(table).at("styleName"));
        EXPECT_EQ(row.at("useAsDefault"), "1");
        EXPECT_FALSE(row.is_null.at("f_table_schema"));
        EXPECT_EQ(qgis_default_styles(out, table), std::vector<std::string>{row.at("styleQML")}) << "QGIS finds it";
    }
    const GDALDatasetUniquePtr ds = open_read_only(out);
    ASSERT_TRUE(ds);
    OGRLayer* contents = ds->ExecuteSQL("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'", nullptr, nullptr);
    ASSERT_NE(contents, nullptr);
    OGRFeatureUniquePtr registered(contents->GetNextFeature());
    ASSERT_TRUE(registered) << "layer_styles is in gpkg_contents";
    EXPECT_STREQ(registered->GetFieldAsString(0), "attributes");
    ds->ReleaseResultSet(contents);
}

// Every style of a layer goes (the user's own too), and a copy whose geometry column is named
// otherwise than the input's names the new one, or QGIS would not find it.
TEST(FilterCli, StylesFollowTheGeometryColumnAndKeepTheUsersOwn) {
    const fs::path dir = fresh_dir("filter-styles");
    const fs::path input = dir / "points.gpkg";
    {
        toponym::io::ensure_gdal_registered();
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        GDALDatasetUniquePtr ds(gpkg->Create(input.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        const char* options[] = {"GEOMETRY_NAME=geometry", nullptr};
        OGRLayer* events = ds->CreateLayer("events", &wgs84, wkbPoint, const_cast<char**>(options));
        ASSERT_NE(events, nullptr);
        OGRFieldDefn pcode("admin1_pcode", OFTString);
        ASSERT_EQ(events->CreateField(&pcode), OGRERR_NONE);
        for (const auto& [code, lon, lat] : {std::tuple{"SY07", 36.63, 35.93}, std::tuple{"SY02", 37.16, 36.20}}) {
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(events->GetLayerDefn()));
            f->SetField("admin1_pcode", code);
            OGRPoint point(lon, lat);
            f->SetGeometry(&point);
            ASSERT_EQ(events->CreateFeature(f.get()), OGRERR_NONE);
        }
        OGRLayer* other = ds->CreateLayer("other", &wgs84, wkbPoint, nullptr);
        ASSERT_NE(other, nullptr);
        toponym::io::embed_layer_styles(*ds, {"events"}, input.string());
        OGRLayer* styles = ds->GetLayerByName("layer_styles");
        ASSERT_NE(styles, nullptr);
        for (const char* table : {"events", "other"}) {
            // A style the user saved in QGIS beside toponym's (not the default).
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
            f->SetField("f_table_catalog", "");
            f->SetField("f_table_schema", "");
            f->SetField("f_table_name", table);
            f->SetField("f_geometry_column", "geometry");
            f->SetField("styleName", "my own");
            f->SetField("styleQML", "<qgis version=\"3.22\"/>");
            f->SetField("useAsDefault", 0);
            ASSERT_EQ(styles->CreateFeature(f.get()), OGRERR_NONE);
        }
    }
    const fs::path out = dir / "idleb.gpkg";
    auto r = run_toponym({"filter", input.string(), "-o", out.string(), "-q", "--layer", "events", "--governorate", "SY07"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(read_layer(out, "events").size(), 1u);
    {
        const GDALDatasetUniquePtr ds = open_read_only(out);
        ASSERT_TRUE(ds);
        ASSERT_STREQ(ds->GetLayerByName("events")->GetGeometryColumn(), "geom") << "the output's own geometry column";
    }
    std::map<std::string, Row> by_name;
    const std::vector<Row> rows = read_layer(out, "layer_styles");
    for (const Row& row : rows) by_name[row.at("styleName")] = row;
    ASSERT_EQ(rows.size(), 2u) << "events' two styles, not the other layer's";
    ASSERT_TRUE(by_name.count("events") && by_name.count("my own"));
    for (const auto& [name, row] : by_name) {
        EXPECT_EQ(row.at("f_table_name"), "events") << name;
        EXPECT_EQ(row.at("f_geometry_column"), "geom") << name;
    }
    EXPECT_EQ(by_name.at("my own").at("styleQML"), "<qgis version=\"3.22\"/>");
    EXPECT_EQ(by_name.at("my own").at("useAsDefault"), "0");
    EXPECT_EQ(qgis_default_styles(out, "events"), std::vector<std::string>{std::string(toponym::io::layer_style_qml("events"))});

    // No style in the input, no table in the output; GeoJSON holds no style.
    const fs::path plain = dir / "plain.gpkg";
    r = run_toponym({"filter", out.string(), "-o", (dir / "again.geojson").string(), "-q"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = run_toponym({"filter", (dir / "again.geojson").string(), "-o", plain.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::string> names = toponym::testing::layer_names(plain);
    EXPECT_EQ(std::count(names.begin(), names.end(), "layer_styles"), 0);
}

// A CSV keeps its columns' types when every cell of a column is clean: QGIS's temporal
// controller wants a Date field, graduated styles a number. A code with leading zeros, a date
// with slashes, a quoted number or a column with one word in it stays text, as it was read.
TEST(FilterCli, CsvColumnsKeepTheirTypesWhenClean) {
    const fs::path dir = fresh_dir("filter-csv-types");
    write_file(dir / "incidents.csv",
               "id,lon,lat,fatalities,distance_km,day,reported_at,mixed,code,slashed,ref\n"
               "1,36.63,35.93,3,2.5,2020-01-05,2020-01-05T08:30:00,12,007,2020/01/05,\"5\"\n"
               "2,36.64,35.94,0,0.75,2020-01-06,2020-01-06 21:05:10,12b,010,2020/01/06,\"6\"\n"
               "3,36.65,35.95,,-1.25,,,7,123,,\"7\"\n"
               "4,36.66,35.96,12,3,2020-02-29,2020-02-29T23:59:59Z,,042,2020/02/29,\"8\"\n");
    const fs::path out = dir / "typed.gpkg";
    auto r = run_toponym({"filter", (dir / "incidents.csv").string(), "-o", out.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::map<std::string, OGRFieldType> types = field_types(out);
    EXPECT_TRUE(types.at("id") == OFTInteger || types.at("id") == OFTInteger64);
    EXPECT_TRUE(types.at("fatalities") == OFTInteger || types.at("fatalities") == OFTInteger64);
    EXPECT_EQ(types.at("distance_km"), OFTReal);
    EXPECT_EQ(types.at("lon"), OFTReal);
    // A date column in a GeoPackage is a DateTime at midnight, as toponym's event_date: QGIS
    // 3.22's temporal controller shows a GeoPackage DATE one day early.
    EXPECT_EQ(types.at("day"), OFTDateTime);
    EXPECT_EQ(types.at("reported_at"), OFTDateTime);
    for (const char* text : {"mixed", "code", "slashed", "ref"}) EXPECT_EQ(types.at(text), OFTString) << text;
    EXPECT_EQ(types.size(), 11u) << "GDAL's NAME_original columns are not written";

    const auto rows = toponym::testing::rows_by(read_layer(out), "id");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows.at("1").at("code"), "007") << "the code as written, not the number 7";
    EXPECT_EQ(rows.at("4").at("code"), "042");
    EXPECT_EQ(rows.at("2").at("mixed"), "12b");
    EXPECT_EQ(rows.at("1").at("slashed"), "2020/01/05");
    EXPECT_TRUE(rows.at("3").is_null.at("fatalities")) << "an empty cell of a number column is NULL";
    EXPECT_EQ(rows.at("3").at("distance_km"), "-1.25");
    EXPECT_EQ(rows.at("4").at("fatalities"), "12");
    EXPECT_EQ(rows.at("4").at("day"), "2020/02/29 00:00:00");
    EXPECT_TRUE(rows.at("3").is_null.at("day"));

    // The types serve the filters: --where compares numbers (as text, "12" would sort before
    // "3"), --from reads the Date field.
    r = run_toponym({"filter", (dir / "incidents.csv").string(), "-o", (dir / "deadly.geojson").string(), "-q", "--where",
                     "fatalities >= 3", "--from", "2020-01-02", "--date-field", "day"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> deadly;
    for (const Row& row : read_layer(dir / "deadly.geojson")) deadly.insert(row.at("id"));
    EXPECT_EQ(deadly, (std::set<std::string>{"1", "4"}));
    const std::map<std::string, OGRFieldType> geojson = field_types(dir / "deadly.geojson");
    EXPECT_EQ(geojson.at("day"), OFTDate) << "GeoJSON: the date as a date";
    EXPECT_EQ(geojson.at("distance_km"), OFTReal);
    EXPECT_EQ(geojson.at("code"), OFTString);

    // A CSV output has no types: the cells are written as they were read.
    r = run_toponym({"filter", (dir / "incidents.csv").string(), "-o", (dir / "copy.csv").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string copy = read_file(dir / "copy.csv");
    for (const char* cell : {",2020-01-05,", ",2020-01-05T08:30:00,", "007", ",2020/01/05,", "2020-02-29T23:59:59Z"}) {
        EXPECT_NE(copy.find(cell), std::string::npos) << cell << " in\n" << copy;
    }
}

TEST(FilterCli, ErrorsNameTheInput) {
    const fs::path dir = fresh_dir("filter-errors");
    write_file(dir / "not-geo.gpkg", "this is not a GeoPackage");
    auto r = run_toponym({"filter", (dir / "not-geo.gpkg").string(), "-o", (dir / "o.gpkg").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("not-geo.gpkg"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "o.gpkg"));
    r = run_toponym({"filter", (dir / "missing.gpkg").string(), "-o", (dir / "o.gpkg").string()});
    EXPECT_NE(r.exit_code, 0);
    r = run_toponym({"stats", (dir / "not-geo.gpkg").string()});
    EXPECT_EQ(r.exit_code, 1);
}

}  // namespace

namespace {

TEST(FilterCli, ListOptionsTakeOneValueEachAndLeaveTheInputsAlone) {
    const fs::path out = fresh_dir("option-order") / "o.gpkg";
    // --governorate and --type before the input: the input must stay an input.
    const auto r = run_toponym({"map", "--governorate", "Idlib", "--type", "air_strike", (source_dir() / "samples").string(),
                                "-o", out.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto events = read_layer(out, "events");
    ASSERT_FALSE(events.empty());
    for (const Row& e : events) {
        EXPECT_EQ(e.at("admin1_pcode"), "SY07");
        EXPECT_EQ(e.at("event_type"), "air_strike");
    }
}

}  // namespace
