// Unit tests of governorate names, the feature filter, admin boundaries from files, and the
// quoting helpers that keep user values out of SQL and spreadsheet formulas.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "admin/admin_boundaries.hpp"
#include "admin/area_names.hpp"
#include "core/dates.hpp"
#include "filter/feature_filter.hpp"
#include "filter/layer_filter.hpp"
#include "gazetteer/gazetteer.hpp"
#include "summary/stats.hpp"

namespace fs = std::filesystem;
using toponym::admin::AdminBoundaries;
using toponym::admin::AreaNames;
using toponym::filter::FeatureFacts;
using toponym::filter::FeatureFilter;
using toponym::filter::FilterSpec;

namespace {

const AreaNames& governorates() {
    static const AreaNames names = AreaNames::governorates(toponym::Gazetteer::embedded());
    return names;
}

TEST(AreaNames, EveryGovernorateByNameTransliterationArabicAndPcode) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Damascus", "SY01"},       {"Dimashq", "SY01"},       {"دمشق", "SY01"},
        {"Aleppo", "SY02"},         {"Halab", "SY02"},         {"حلب", "SY02"},
        {"Rural Damascus", "SY03"}, {"Rif Dimashq", "SY03"},   {"Damascus Countryside", "SY03"},
        {"ريف دمشق", "SY03"},       {"Homs", "SY04"},          {"Hims", "SY04"},
        {"Hama", "SY05"},           {"Hamah", "SY05"},         {"Lattakia", "SY06"},
        {"Latakia", "SY06"},        {"Idleb", "SY07"},         {"Idlib", "SY07"},
        {"إدلب", "SY07"},           {"Al-Hasakah", "SY08"},    {"Hasakeh", "SY08"},
        {"Deir ez-Zor", "SY09"},    {"Deir Ezzor", "SY09"},    {"Dayr az Zawr", "SY09"},
        {"Tartous", "SY10"},        {"Tartus", "SY10"},        {"Ar-Raqqa", "SY11"},
        {"Raqqa", "SY11"},          {"Dar'a", "SY12"},         {"Daraa", "SY12"},
        {"As-Sweida", "SY13"},      {"Suwayda", "SY13"},       {"Quneitra", "SY14"},
        {"sy07", "SY07"},           {"SY14", "SY14"},          {"Idlib province", "SY07"},
        {"northern Aleppo", "SY02"}, {"western countryside of Aleppo", "SY02"}};
    for (const auto& [typed, pcode] : cases) EXPECT_EQ(governorates().resolve(typed, "--governorate"), pcode) << typed;
}

TEST(AreaNames, UnknownNamesThrowWithSuggestions) {
    try {
        governorates().resolve("Idlip", "--governorate");
        FAIL() << "no error";
    } catch (const toponym::UsageError& e) {
        EXPECT_EQ(e.where(), "--governorate");
        EXPECT_NE(std::string(e.what()).find("did you mean Idleb"), std::string::npos) << e.what();
    }
    EXPECT_THROW(governorates().resolve("Idlib' OR 1=1 --", "--governorate"), toponym::UsageError);
    EXPECT_THROW(governorates().resolve("Cairo", "--governorate"), toponym::UsageError);
    EXPECT_TRUE(governorates().suggestions("zzzzzzzz", 3).empty()) << "nothing close, nothing suggested";
}

TEST(AreaNames, ResolveAllSplitsCommasAndDeduplicates) {
    const auto pcodes = governorates().resolve_all({"Idlib, Aleppo", "SY07", "Hama"}, "--governorate");
    EXPECT_EQ(pcodes, (std::vector<std::string>{"SY07", "SY02", "SY05"}));
}

TEST(FeatureFilter, EachCriterionCanFail) {
    const AdminBoundaries boundaries = AdminBoundaries::embedded();
    FeatureFacts idlib;
    idlib.lat = 35.93;
    idlib.lon = 36.63;
    idlib.date = toponym::parse_iso_date("2020-02-10");
    idlib.type = "air_strike";
    idlib.confidence = 0.8;

    EXPECT_TRUE(FeatureFilter(FilterSpec{}, boundaries).matches(idlib));

    FilterSpec by_gov;
    by_gov.admin1_pcodes = {"SY07"};
    EXPECT_TRUE(FeatureFilter(by_gov, boundaries).matches(idlib)) << "computed by point-in-polygon";
    by_gov.admin1_pcodes = {"SY02"};
    EXPECT_FALSE(FeatureFilter(by_gov, boundaries).matches(idlib));
    FeatureFacts recorded = idlib;
    recorded.admin1_pcode = "SY02";  // the feature's own field wins over the point
    EXPECT_TRUE(FeatureFilter(by_gov, boundaries).matches(recorded));

    FilterSpec dates;
    dates.from = toponym::parse_iso_date("2020-02-10");
    dates.to = toponym::parse_iso_date("2020-02-10");
    EXPECT_TRUE(FeatureFilter(dates, boundaries).matches(idlib)) << "both ends inclusive";
    dates.from = toponym::parse_iso_date("2020-02-11");
    dates.to.reset();
    EXPECT_FALSE(FeatureFilter(dates, boundaries).matches(idlib));
    FeatureFacts undated = idlib;
    undated.date.reset();
    EXPECT_FALSE(FeatureFilter(dates, boundaries).matches(undated));

    FilterSpec types;
    types.types = {"shelling", "clashes"};
    EXPECT_FALSE(FeatureFilter(types, boundaries).matches(idlib));
    types.types.push_back("air_strike");
    EXPECT_TRUE(FeatureFilter(types, boundaries).matches(idlib));

    FilterSpec confidence;
    confidence.min_confidence = 0.9;
    EXPECT_FALSE(FeatureFilter(confidence, boundaries).matches(idlib));
    confidence.min_confidence = 0.8;
    EXPECT_TRUE(FeatureFilter(confidence, boundaries).matches(idlib));

    FilterSpec box;
    box.bbox = toponym::filter::parse_bbox("36.5,35.8,36.7,36.0", "--bbox");
    EXPECT_TRUE(FeatureFilter(box, boundaries).matches(idlib));
    box.bbox = toponym::filter::parse_bbox("37,36,38,37", "--bbox");
    EXPECT_FALSE(FeatureFilter(box, boundaries).matches(idlib));
    FeatureFacts nowhere = idlib;
    nowhere.lat.reset();
    nowhere.lon.reset();
    EXPECT_FALSE(FeatureFilter(box, boundaries).matches(nowhere)) << "no point, no spatial match";
}

TEST(FeatureFilter, WithinPolygonsInAnotherCrs) {
    const fs::path dir = fs::temp_directory_path() / "toponym-filter-within";
    fs::create_directories(dir);
    // A square around Idlib city in Web Mercator (EPSG:3857): reprojected before testing.
    std::ofstream(dir / "square.geojson")
        << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[{"type":"Feature","properties":{},)"
        << R"("geometry":{"type":"Polygon","coordinates":[[[4066000,4280000],[4090000,4280000],[4090000,4300000],[4066000,4300000],[4066000,4280000]]]}}]})";
    const AdminBoundaries boundaries = AdminBoundaries::embedded();
    FilterSpec spec;
    spec.within_path = (dir / "square.geojson").string();
    const FeatureFilter f(spec, boundaries);
    FeatureFacts idlib;
    idlib.lat = 35.93;
    idlib.lon = 36.63;
    FeatureFacts aleppo;
    aleppo.lat = 36.20;
    aleppo.lon = 37.16;
    EXPECT_TRUE(f.matches(idlib));
    EXPECT_FALSE(f.matches(aleppo));
    fs::remove_all(dir);
}

TEST(FeatureFilter, BadBboxIsAUsageError) {
    for (const char* bad : {"1,2,3", "a,b,c,d", "10,10,5,5", "0,-95,1,1", "1,2,3,4,5"}) {
        EXPECT_THROW(toponym::filter::parse_bbox(bad, "--bbox"), toponym::UsageError) << bad;
    }
    const auto b = toponym::filter::parse_bbox(" 35.5, 32.3 ,42.4,37.4", "--bbox");
    EXPECT_DOUBLE_EQ(b[0], 35.5);
    EXPECT_DOUBLE_EQ(b[3], 37.4);
}

// Found by fuzz_filter_values (fuzz/corpus/fuzz_filter_values/regression-nan-bbox): "nan" passed
// every range check (all comparisons with NaN are false) and gave a box that matched nothing.
TEST(FeatureFilter, BboxOfNanOrInfinityIsAUsageError) {
    for (const char* bad : {"nan,0,1,1", "0,0,nan,1", "-nan,0,1,1", "0,0,1,inf", "-inf,0,1,1", "0,0,1,infinity"}) {
        EXPECT_THROW(toponym::filter::parse_bbox(bad, "--bbox"), toponym::UsageError) << bad;
    }
}

TEST(AdminBoundaries, LevelsFromAFileOfDistricts) {
    const fs::path dir = fs::temp_directory_path() / "toponym-admin-levels";
    fs::create_directories(dir);
    // Two districts of a made-up governorate SY07, HDX-style field names.
    std::ofstream(dir / "districts.geojson") << R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"ADM2_PCODE":"SY0701","ADM2_EN":"West","ADM1_PCODE":"SY07"},
       "geometry":{"type":"Polygon","coordinates":[[[36.0,35.5],[36.6,35.5],[36.6,36.2],[36.0,36.2],[36.0,35.5]]]}},
      {"type":"Feature","properties":{"ADM2_PCODE":"SY0702","ADM2_EN":"East","ADM1_PCODE":"SY07"},
       "geometry":{"type":"Polygon","coordinates":[[[36.6,35.5],[37.0,35.5],[37.0,36.2],[36.6,36.2],[36.6,35.5]]]}}]})";
    const AdminBoundaries b = AdminBoundaries::from_specs({(dir / "districts.geojson").string()});
    ASSERT_NE(b.level(2), nullptr);
    EXPECT_EQ(b.level(3), nullptr);
    EXPECT_FALSE(b.fine_admin1()) << "admin1 stays the embedded governorates";
    const auto idlib = b.assign_point(35.93, 36.63);
    EXPECT_EQ(idlib.admin1_pcode, "SY07");
    EXPECT_EQ(idlib.admin2_pcode, "SY0702");
    EXPECT_EQ(idlib.admin2, "East");
    // A point whose governorate is not the districts' parent gets no district.
    const auto aleppo = b.assign_point(36.20, 37.16);
    EXPECT_EQ(aleppo.admin1_pcode, "SY02");
    EXPECT_TRUE(aleppo.admin2_pcode.empty());
    EXPECT_THROW(AdminBoundaries::from_specs({(dir / "nope.gpkg").string()}), toponym::UsageError);
    EXPECT_THROW(AdminBoundaries::from_specs({(dir / "districts.geojson").string() + ":nolayer"}), toponym::Error);
    fs::remove_all(dir);
}

TEST(Quoting, SqlLiteralsAndSpreadsheetCells) {
    EXPECT_EQ(toponym::filter::sql_literal("Idlib"), "'Idlib'");
    EXPECT_EQ(toponym::filter::sql_literal("Idlib' OR 1=1 --"), "'Idlib'' OR 1=1 --'");
    EXPECT_EQ(toponym::filter::sql_literal("Dar'a"), "'Dar''a'");
    using toponym::summary::csv_cell;
    EXPECT_EQ(csv_cell("Idleb"), "Idleb");
    EXPECT_EQ(csv_cell("=1+1"), "'=1+1");
    EXPECT_EQ(csv_cell("+SUM(A1)"), "'+SUM(A1)");
    EXPECT_EQ(csv_cell("-2"), "'-2");
    EXPECT_EQ(csv_cell("@x"), "'@x");
    EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

// What a CSV column must hold to keep the type GDAL's autodetection gave it (filter).
TEST(CsvTypes, CleanValuesKeepTheirTypeOthersMakeTheColumnText) {
    using toponym::filter::clean_csv_text;
    for (const char* v : {"0", "7", "-12", "+5", "3000000000"}) EXPECT_TRUE(clean_csv_text(OFTInteger64, v)) << v;
    EXPECT_FALSE(clean_csv_text(OFTInteger, "3000000000")) << "past int32";
    EXPECT_FALSE(clean_csv_text(OFTInteger64, "123456789012345678901")) << "GDAL clamps it to INT64_MAX";
    EXPECT_FALSE(clean_csv_text(OFTReal, "1234567890123456")) << "16 digits: a double would round the id";
    for (const char* v : {"007", "-01", "00", " 12", "12 ", "1,000", "", "-"}) EXPECT_FALSE(clean_csv_text(OFTInteger, v)) << v;
    for (const char* v : {"3.5", "-0.25", ".5", "2", "1e5", "2.5E-3", "0.0"}) EXPECT_TRUE(clean_csv_text(OFTReal, v)) << v;
    for (const char* v : {"007.5", "5.", ".", "1e", "nan", "inf", "1.5x", "1,5"}) EXPECT_FALSE(clean_csv_text(OFTReal, v)) << v;
    EXPECT_TRUE(clean_csv_text(OFTDate, "2020-02-29"));
    for (const char* v : {"2021-02-29", "2021/03/04", "04/03/2021", "2021-3-4", "2021-03-04T10:00"}) EXPECT_FALSE(clean_csv_text(OFTDate, v)) << v;
    for (const char* v : {"2021-03-04T10:20:30", "2021-03-04 10:20", "2021-03-04T10:20:30.5Z", "2021-03-04T10:20:30+02:00",
                          "2021-03-04T10:20+0200", "2021-03-04"}) {
        EXPECT_TRUE(clean_csv_text(OFTDateTime, v)) << v;
    }
    for (const char* v : {"2021/03/04 10:20:30", "2021-03-04T25:00", "2021-03-04T10:20:30 PM", "2021-03-04T10"}) {
        EXPECT_FALSE(clean_csv_text(OFTDateTime, v)) << v;
    }
    EXPECT_FALSE(clean_csv_text(OFTTime, "10:20")) << "a time of day stays text";
    EXPECT_TRUE(clean_csv_text(OFTString, "anything"));
}

}  // namespace
