// Unit tests of the governorate index: the embedded Syrian governorates, point-in-polygon with
// the tolerance at the coast, the gazetteer code taking precedence, and reading small GeoJSON.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "admin/admin_index.hpp"
#include "core/error.hpp"
#include "core/types.hpp"
#include "gazetteer/embedded.hpp"
#include "store/gdal_util.hpp"

using toponym::AdminAssignment;
using toponym::AdminMethod;
using toponym::DataError;
using toponym::Place;
using toponym::admin::AdminIndex;

namespace {

const AdminIndex& embedded() { return AdminIndex::embedded(); }

std::string pcode_at(const AdminIndex& index, double lat, double lon) {
    const auto i = index.locate(lat, lon);
    return i ? index.areas()[*i].pcode : std::string("none");
}

TEST(EmbeddedAdminIndex, FourteenGovernoratesWithTheirPcodes) {
    const AdminIndex& index = embedded();
    ASSERT_EQ(index.areas().size(), 14u);
    std::set<std::string> pcodes;
    for (const auto& area : index.areas()) {
        pcodes.insert(area.pcode);
        EXPECT_FALSE(area.name_en.empty()) << area.pcode;
        EXPECT_FALSE(area.wkb.empty()) << area.pcode;
    }
    for (int n = 1; n <= 14; ++n) {
        const std::string pcode = (n < 10 ? "SY0" : "SY") + std::to_string(n);
        EXPECT_TRUE(pcodes.contains(pcode)) << pcode;
        ASSERT_NE(index.find_pcode(pcode), nullptr) << pcode;
        EXPECT_EQ(index.find_pcode(pcode)->pcode, pcode);
    }
    EXPECT_EQ(index.find_pcode("SY15"), nullptr);
    EXPECT_EQ(index.find_pcode("sy07"), nullptr) << "pcodes are compared exactly";
}

TEST(EmbeddedAdminIndex, CitiesLieInTheirGovernorates) {
    const AdminIndex& index = embedded();
    EXPECT_EQ(pcode_at(index, 36.20, 37.16), "SY02") << "Aleppo";
    EXPECT_EQ(pcode_at(index, 35.93, 36.63), "SY07") << "Idlib";
    EXPECT_EQ(pcode_at(index, 33.51, 36.29), "SY01") << "Damascus";
    EXPECT_EQ(pcode_at(index, 35.95, 39.01), "SY11") << "Raqqa";
    EXPECT_EQ(pcode_at(index, 35.34, 40.14), "SY09") << "Deir ez-Zor";
    EXPECT_EQ(pcode_at(index, 32.62, 36.10), "SY12") << "Daraa";
    EXPECT_EQ(pcode_at(index, 34.73, 36.71), "SY04") << "Homs";
    EXPECT_EQ(pcode_at(index, 36.50, 40.75), "SY08") << "Hasakah";
    EXPECT_EQ(pcode_at(index, 32.71, 36.57), "SY13") << "Sweida";

    const AdminAssignment a = index.assign_point(35.93, 36.63);
    EXPECT_EQ(a.admin1_pcode, "SY07");
    EXPECT_EQ(a.admin1, index.find_pcode("SY07")->name_en);
    EXPECT_EQ(a.method, AdminMethod::Polygon);
}

TEST(EmbeddedAdminIndex, PointJustOffTheCoastGetsTheNearestGovernorate) {
    const AdminIndex& index = embedded();
    // About 3 km off the coast south-west of Latakia city, in the sea.
    const double lat = 35.50, lon = 35.74;
    ASSERT_FALSE(index.locate(lat, lon).has_value()) << "the point must be outside every polygon for this test";
    const AdminAssignment a = index.assign_point(lat, lon);
    EXPECT_EQ(a.admin1_pcode, "SY06");
    EXPECT_EQ(a.method, AdminMethod::NearestPolygon);
    EXPECT_STREQ(toponym::to_string(a.method), "nearest_polygon");

    // About 45 km out to sea: too far for the tolerance.
    const AdminAssignment far = index.assign_point(35.50, 35.20);
    EXPECT_TRUE(far.admin1_pcode.empty());
    EXPECT_EQ(far.method, AdminMethod::None);
}

TEST(EmbeddedAdminIndex, PointAbroadGetsNone) {
    const AdminIndex& index = embedded();
    const AdminAssignment ankara = index.assign_point(39.92, 32.85);
    EXPECT_TRUE(ankara.admin1_pcode.empty());
    EXPECT_TRUE(ankara.admin1.empty());
    EXPECT_EQ(ankara.method, AdminMethod::None);
    EXPECT_FALSE(index.nearest_within(39.92, 32.85, 0.1).has_value());
    // Beirut is within a few dozen km of the border, still well beyond the tolerance.
    EXPECT_TRUE(index.assign_point(33.89, 35.50).admin1_pcode.empty());
}

TEST(EmbeddedAdminIndex, AssignPlaceUsesTheGazetteerCodeFirst) {
    const AdminIndex& index = embedded();
    Place p;
    p.id = "t:1";
    p.name = "Somewhere";
    p.country_code = "SY";
    p.feature_class = "P";
    p.lat = 36.20;  // inside Aleppo governorate
    p.lon = 37.16;
    p.admin1_pcode = "SY05";
    const AdminAssignment by_code = index.assign(p);
    EXPECT_EQ(by_code.admin1_pcode, "SY05") << "the place's own code wins over the coarse polygon";
    EXPECT_EQ(by_code.admin1, index.find_pcode("SY05")->name_en);
    EXPECT_EQ(by_code.method, AdminMethod::Gazetteer);

    p.admin1_pcode.clear();
    const AdminAssignment by_polygon = index.assign(p);
    EXPECT_EQ(by_polygon.admin1_pcode, "SY02");
    EXPECT_EQ(by_polygon.method, AdminMethod::Polygon);

    p.admin1_pcode = "SY99";  // not a governorate: the point decides
    EXPECT_EQ(index.assign(p).admin1_pcode, "SY02");
}

TEST(EmbeddedAdminIndex, PlacesOutsideSyriaAndCountriesGetNone) {
    const AdminIndex& index = embedded();
    Place foreign;
    foreign.id = "t:tr";
    foreign.name = "Somewhere in Turkey";
    foreign.country_code = "TR";
    foreign.feature_class = "P";
    foreign.lat = 36.20;  // even with a point that falls inside a governorate polygon
    foreign.lon = 37.16;
    EXPECT_EQ(index.assign(foreign).method, AdminMethod::None);
    EXPECT_TRUE(index.assign(foreign).admin1_pcode.empty());

    Place syria;
    syria.id = "ne0:SYR";
    syria.country_code = "SY";
    syria.feature_class = "A";
    syria.feature_code = "PCLI";
    syria.lat = 35.0;
    syria.lon = 38.5;
    EXPECT_TRUE(index.assign(syria).admin1_pcode.empty()) << "the country is in no governorate";
}

// Small hand-made GeoJSON: two unit squares side by side.
const char* kSquares = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"pcode": "XX01", "name_en": "West", "name_ar": "غرب"},
     "geometry": {"type": "Polygon", "coordinates": [[[10,20],[11,20],[11,21],[10,21],[10,20]]]}},
    {"type": "Feature", "properties": {"pcode": "XX02", "name_en": "East"},
     "geometry": {"type": "Polygon", "coordinates": [[[11,20],[12,20],[12,21],[11,21],[11,20]]]}}
  ]
})";

TEST(AdminIndexFromGeojson, SmallSquares) {
    const AdminIndex index = AdminIndex::from_geojson_text(kSquares, "squares.geojson");
    ASSERT_EQ(index.areas().size(), 2u);
    EXPECT_EQ(index.areas()[0].pcode, "XX01");
    EXPECT_EQ(index.areas()[0].name_en, "West");
    EXPECT_EQ(index.areas()[0].name_ar, "غرب");
    EXPECT_EQ(index.areas()[1].pcode, "XX02");
    EXPECT_EQ(pcode_at(index, 20.5, 10.5), "XX01");  // lat, lon: x = lon
    EXPECT_EQ(pcode_at(index, 20.5, 11.5), "XX02");
    EXPECT_EQ(pcode_at(index, 20.5, 12.5), "none");
    EXPECT_EQ(pcode_at(index, 10.5, 20.5), "none") << "lat and lon are not swapped";
    EXPECT_NE(pcode_at(index, 21.0, 10.5), "none") << "the boundary counts as inside";

    EXPECT_EQ(index.nearest_within(20.5, 12.05, 0.1), std::optional<std::size_t>(1));
    EXPECT_FALSE(index.nearest_within(20.5, 12.5, 0.1).has_value());
    EXPECT_EQ(index.nearest_within(20.5, 9.97, 0.1), std::optional<std::size_t>(0));

    const AdminAssignment a = index.assign_point(20.5, 11.5);
    EXPECT_EQ(a.admin1, "East");
    EXPECT_EQ(a.admin1_pcode, "XX02");
}

TEST(AdminIndexFromGeojson, HdxFieldNames) {
    const char* hdx = R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"ADM1_PCODE": "SY07", "ADM1_EN": "Idleb", "ADM1_AR": "إدلب"},
       "geometry": {"type": "Polygon", "coordinates": [[[36,35],[37,35],[37,36],[36,36],[36,35]]]}}]})";
    const AdminIndex index = AdminIndex::from_geojson_text(hdx, "hdx.geojson");
    ASSERT_EQ(index.areas().size(), 1u);
    EXPECT_EQ(index.areas()[0].pcode, "SY07");
    EXPECT_EQ(index.areas()[0].name_en, "Idleb");
    EXPECT_EQ(index.areas()[0].name_ar, "إدلب");
}

TEST(AdminIndexFromGeojson, MissingPcodeFieldIsADataError) {
    const char* no_pcode = R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name_en": "West"},
       "geometry": {"type": "Polygon", "coordinates": [[[10,20],[11,20],[11,21],[10,21],[10,20]]]}}]})";
    try {
        AdminIndex::from_geojson_text(no_pcode, "no-pcode.geojson");
        FAIL() << "boundaries without a pcode field accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where(), "no-pcode.geojson");
        EXPECT_NE(std::string(e.what()).find("pcode"), std::string::npos) << e.what();
    }
}

TEST(AdminIndexFromGeojson, OtherBadInputsAreDataErrors) {
    EXPECT_THROW(AdminIndex::from_geojson_text("this is not GeoJSON", "junk.geojson"), DataError);
    EXPECT_THROW(AdminIndex::from_geojson_text(R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"pcode": "XX01", "name_en": "Nowhere"}, "geometry": null}]})",
                                               "empty.geojson"),
                 DataError)
        << "no polygons";
    const char* no_name = R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"pcode": "XX01"},
       "geometry": {"type": "Polygon", "coordinates": [[[10,20],[11,20],[11,21],[10,21],[10,20]]]}}]})";
    EXPECT_THROW(AdminIndex::from_geojson_text(no_name, "no-name.geojson"), DataError);
}

// GeoJSON text read without GDAL gives the areas GDAL's reader gives: fields found alike,
// polygons as the same WKB bytes.
void expect_read_as_gdal_reads(std::string_view geojson) {
    const AdminIndex ours = AdminIndex::from_geojson_text(geojson, "text.geojson");
    const toponym::io::MemoryFile file("admin.geojson", geojson);
    const AdminIndex gdal = AdminIndex::from_ogr(file.path(), "gdal.geojson");
    ASSERT_EQ(ours.areas().size(), gdal.areas().size());
    for (std::size_t i = 0; i < ours.areas().size(); ++i) {
        const auto& a = ours.areas()[i];
        const auto& b = gdal.areas()[i];
        EXPECT_EQ(a.pcode, b.pcode);
        EXPECT_EQ(a.name_en, b.name_en);
        EXPECT_EQ(a.name_ar, b.name_ar);
        EXPECT_EQ(a.adm1_pcode, b.adm1_pcode);
        EXPECT_EQ(a.adm2_pcode, b.adm2_pcode);
        EXPECT_EQ(a.wkb, b.wkb) << a.pcode;
    }
}

TEST(AdminIndexFromGeojson, ReadsAsGdalReads) {
    expect_read_as_gdal_reads(toponym::embedded::admin1_geojson());
    expect_read_as_gdal_reads(kSquares);
    expect_read_as_gdal_reads(R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"ADM2_PCODE": "SY0700", "ADM2_EN": "Idleb", "ADM1_PCODE": "SY07", "n": 3},
       "geometry": {"type": "Polygon", "coordinates": [[[36,35],[37,35],[37,36],[36,36],[36,35]],
                                                        [[36.2,35.2],[36.4,35.2],[36.4,35.4],[36.2,35.2]]]}},
      {"type": "Feature", "properties": {"ADM2_PCODE": "SY0701", "ADM2_EN": "Harim", "ADM2_AR": "حارم", "ADM1_PCODE": "SY07"},
       "geometry": {"type": "MultiPolygon", "coordinates": [[[[36.5,36],[36.7,36],[36.7,36.2],[36.5,36]]],
                                                             [[[36.8,36],[36.9,36],[36.9,36.1],[36.8,36]]]]}}]})");
}

}  // namespace
