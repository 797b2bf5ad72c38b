// Admin areas against the OCHA boundaries and the Airwars incident rows in ../shared/data:
// the embedded governorates agree with OCHA for the gazetteer's places, `filter --governorate`
// agrees with the rows' own governorate text, and their spellings resolve.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <set>

#include "admin/admin_boundaries.hpp"
#include "admin/area_names.hpp"
#include "cli_support.hpp"
#include "gazetteer/gazetteer.hpp"
#include "store/gdal_util.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::shared_dir;

namespace {

fs::path ocha() { return shared_dir() / "data/syria-admin.gpkg"; }
fs::path airwars() { return shared_dir() / "data/airwars-syria.csv"; }

TEST(AdminShared, GazetteerPlacesGetTheOchaGovernorate) {
    const auto& g = toponym::Gazetteer::embedded();
    const auto embedded = toponym::admin::AdminBoundaries::embedded();
    const auto fine = toponym::admin::AdminBoundaries::from_specs({ocha().string() + ":admin1"});
    int places = 0, agree = 0, outside_ocha = 0;
    std::string exceptions;
    for (const toponym::Place& p : g.places()) {
        if (p.country_code != "SY" || p.is_admin_area()) continue;
        ++places;
        const std::string ours = embedded.assign(p).admin1_pcode;
        const toponym::AdminAssignment theirs = fine.admin1().assign_point(p.lat, p.lon);
        if (theirs.method != toponym::AdminMethod::Polygon) ++outside_ocha;
        if (ours == theirs.admin1_pcode) {
            ++agree;
        } else {
            exceptions += "\n  " + p.id + " " + p.name + " (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) +
                          "): embedded " + ours + ", OCHA " + theirs.admin1_pcode + " (" + toponym::to_string(theirs.method) + ")";
        }
    }
    std::printf("gazetteer places in Syria: %d; same governorate as the OCHA polygons: %d (%.1f %%); %d outside every "
                "OCHA polygon (taken from the nearest)%s\n",
                places, agree, 100.0 * agree / places, outside_ocha, exceptions.c_str());
    ASSERT_GT(places, 300);
    EXPECT_GE(agree, places * 99 / 100) << exceptions;
}

TEST(AdminShared, AdminLevelsFromOchaForSamplePlaces) {
    const fs::path out = fresh_dir("ocha-map") / "samples.gpkg";
    const auto r = run_toponym({"map", (toponym::testing::source_dir() / "samples").string(), "-o", out.string(), "-q",
                                "--admin", ocha().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto events = read_layer(out, "events");
    ASSERT_FALSE(events.empty());
    for (const Row& e : events) {
        // A place gives its sub-district; a governorate (precision 3), or a part of one
        // ("Idlib's southern countryside"), gives none: its point lies in some district, but
        // the text does not say which (issue 17).
        if (e.at("geo_precision") == "1") {
            EXPECT_FALSE(e.at("admin3_pcode").empty()) << e.at("place_name") << " has no sub-district";
        }
        if (e.at("geo_precision") == "3") {
            EXPECT_TRUE(e.at("admin2_pcode").empty()) << e.at("place_name") << " is a governorate";
        }
        if (!e.at("admin3_pcode").empty()) {
            EXPECT_EQ(e.at("admin3_pcode").substr(0, 6), e.at("admin2_pcode")) << e.at("place_name");
        }
        if (!e.at("admin2_pcode").empty()) {
            EXPECT_EQ(e.at("admin2_pcode").substr(0, 4), e.at("admin1_pcode")) << e.at("place_name");
        }
    }
    const auto maarat = std::find_if(events.begin(), events.end(), [](const Row& e) { return e.at("place_id") == "gn:167611"; });
    ASSERT_NE(maarat, events.end());
    EXPECT_EQ(maarat->at("admin2_pcode"), "SY0702") << "Maarat al-Numan is in the Al Ma'ra district";
}

// Airwars rows carry their own governorate text (text_adm1_pcode is the OCHA pcode it names).
struct AirwarsRow {
    std::string id;
    std::string text_pcode;
    std::string flag;
    std::string location;
};

std::map<std::string, AirwarsRow> read_airwars() {
    std::map<std::string, AirwarsRow> rows;
    for (const Row& r : read_layer(airwars())) {
        rows[r.at("id")] = {r.at("id"), r.at("text_adm1_pcode"), r.at("coord_flag"), r.at("location_text")};
    }
    return rows;
}

void check_airwars_agreement(const std::string& label, const std::vector<std::string>& extra) {
    const std::map<std::string, AirwarsRow> rows = read_airwars();
    ASSERT_GT(rows.size(), 8000u);
    const fs::path dir = fresh_dir("airwars-" + label);
    std::map<std::string, std::string> ours;  // id -> pcode our filter put it in
    const std::vector<std::string> pcodes = {"SY01", "SY02", "SY03", "SY04", "SY05", "SY06", "SY07",
                                             "SY08", "SY09", "SY10", "SY11", "SY12", "SY13", "SY14"};
    for (const std::string& pcode : pcodes) {
        std::vector<std::string> args = {"filter", airwars().string(), "-o", (dir / (pcode + ".gpkg")).string(), "-q", "--governorate", pcode};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_toponym(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        for (const Row& row : read_layer(dir / (pcode + ".gpkg"))) {
            EXPECT_TRUE(ours.emplace(row.at("id"), pcode).second) << "row " << row.at("id") << " in two governorates";
        }
    }
    int compared = 0, agree = 0;
    std::string examples;
    for (const auto& [id, row] : rows) {
        // Rows whose point lies inside Syria and whose text names a governorate.
        if (row.text_pcode.empty() || (row.flag != "ok" && row.flag != "governorate_conflict")) continue;
        ++compared;
        const auto it = ours.find(id);
        const std::string got = it == ours.end() ? "(none)" : it->second;
        if (row.text_pcode.find(got) != std::string::npos) {
            ++agree;
        } else if (examples.size() < 900) {
            examples += "\n  " + id + " \"" + row.location + "\": text " + row.text_pcode + ", filter " + got;
        }
    }
    std::printf("airwars (%s): %d rows inside Syria with a governorate text; filter --governorate agrees for %d (%.1f %%); "
                "examples of disagreement:%s\n",
                label.c_str(), compared, agree, 100.0 * agree / compared, examples.c_str());
    ASSERT_GT(compared, 6000);
    // 186 rows are flagged governorate_conflict by the data's own checks (point and text disagree).
    EXPECT_GE(agree, compared * 95 / 100);
}

TEST(AdminShared, AirwarsFilterAgreesWithRowGovernorateEmbedded) { check_airwars_agreement("embedded", {}); }

TEST(AdminShared, AirwarsFilterAgreesWithRowGovernorateOcha) {
    check_airwars_agreement("ocha", {"--admin", ocha().string() + ":admin1"});
}

TEST(AdminShared, AirwarsGovernorateSpellingsResolve) {
    const auto names = toponym::admin::AreaNames::governorates(toponym::Gazetteer::embedded());
    std::map<std::string, std::string> spellings;  // governorate_text -> text pcode
    for (const Row& r : read_layer(airwars())) {
        const std::string& text = r.at("governorate_text");
        const std::string& pcode = r.at("text_adm1_pcode");
        if (!text.empty() && !pcode.empty() && pcode.find('|') == std::string::npos) spellings.emplace(text, pcode);
    }
    int right = 0;
    std::string misses;
    for (const auto& [text, pcode] : spellings) {
        try {
            if (names.resolve(text, "test") == pcode) ++right;
            else misses += "\n  \"" + text + "\" -> wrong governorate";
        } catch (const toponym::Error& e) {
            misses += "\n  \"" + text + "\": " + e.what();
        }
    }
    std::printf("airwars governorate spellings: %d distinct, %d resolve to the row's governorate%s\n",
                static_cast<int>(spellings.size()), right, misses.c_str());
    ASSERT_GT(spellings.size(), 10u);
    // What stays unresolved are typos ("Idlin"), district names (Afrin, Kobane), coordinates
    // and "Syria": those get an error with suggestions, not a guess.
    EXPECT_GE(right * 10, static_cast<int>(spellings.size()) * 8) << misses;
}

// The Airwars table filtered keeps its column types (GDAL's detection over all 8,114 rows,
// vetted): QGIS's temporal controller takes the Date field, graduated styles the counts.
TEST(AdminShared, AirwarsFilteredKeepsItsColumnTypes) {
    std::map<std::string, std::string> dates;  // id -> date as written in the CSV
    std::size_t in_2017 = 0;
    const std::vector<Row> input = read_layer(airwars());  // plain GDAL: every cell text
    for (const Row& r : input) {
        dates[r.at("id")] = r.at("date");
        if (r.at("date").rfind("2017-", 0) == 0) ++in_2017;
    }
    ASSERT_EQ(input.size(), 8114u);
    ASSERT_GT(in_2017, 1000u);

    const fs::path dir = fresh_dir("airwars-types");
    const fs::path all = dir / "all.gpkg";
    auto r = run_toponym({"filter", airwars().string(), "-o", all.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    toponym::io::ensure_gdal_registered();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(all.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        OGRLayer* layer = ds->GetLayer(0);
        ASSERT_NE(layer, nullptr);
        EXPECT_EQ(layer->GetFeatureCount(), 8114) << "no criterion: every row, with or without coordinates";
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        auto type = [defn](const char* name) {
            const int i = defn->GetFieldIndex(name);
            return i < 0 ? OFTMaxType : defn->GetFieldDefn(i)->GetType();
        };
        // A DateTime at midnight in a GeoPackage (QGIS 3.22 shows a GeoPackage DATE one day
        // early in its temporal controller); a Date in GeoJSON, below.
        EXPECT_EQ(type("date"), OFTDateTime);
        EXPECT_EQ(type("date_end"), OFTDateTime);
        EXPECT_EQ(type("civilian_deaths_min"), OFTInteger);
        EXPECT_EQ(type("lat"), OFTReal);
        EXPECT_EQ(type("lon"), OFTReal);
        EXPECT_EQ(type("code"), OFTString) << "digits and letters (DEBSYR260302a)";
        EXPECT_EQ(type("summary"), OFTString);
        EXPECT_LT(defn->GetFieldIndex("date_original"), 0);
    }

    const fs::path year = dir / "2017.geojson";
    r = run_toponym({"filter", airwars().string(), "-o", year.string(), "-q", "--from", "2017-01-01", "--to", "2017-12-31"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> kept = read_layer(year);
    EXPECT_EQ(kept.size(), in_2017);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(year.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
        ASSERT_GE(defn->GetFieldIndex("date"), 0);
        EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("date"))->GetType(), OFTDate);
    }
    for (const Row& row : kept) {
        std::string day = row.at("date");  // GDAL prints a Date 2017/03/04
        std::replace(day.begin(), day.end(), '/', '-');
        ASSERT_EQ(day, dates.at(row.at("id"))) << "row " << row.at("id");
    }
}

}  // namespace
