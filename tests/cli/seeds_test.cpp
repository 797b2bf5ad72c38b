// Tests on the real seed articles in ../shared/seeds with their gold annotation
// (../shared/gold/seeds.json): the places the foundation must get right resolve within 5 km.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "geo/geodesy.hpp"

namespace fs = std::filesystem;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;

namespace {

class SeedsMapped : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        gpkg_ = toponym::testing::fresh_dir("seeds") / "seeds.gpkg";
        result_ = toponym::testing::run_toponym(
            {"map", (toponym::testing::shared_dir() / "seeds").string(), "-o", gpkg_.string(), "-q"});
        gold_ = nlohmann::json::parse(read_file(toponym::testing::shared_dir() / "gold/seeds.json"));
    }

    // The mention whose span covers the gold span [start, end) of document `doc`.
    static const Row* mention_at(const std::vector<Row>& mentions, const std::string& doc, long start, long end) {
        for (const Row& r : mentions) {
            if (r.at("doc_id") == doc && std::stol(r.at("char_start")) <= start && std::stol(r.at("char_end")) >= end) return &r;
        }
        return nullptr;
    }

    static inline fs::path gpkg_;
    static inline toponym::testing::CommandResult result_;
    static inline nlohmann::json gold_;
};

TEST_F(SeedsMapped, RunSucceeds) { EXPECT_EQ(result_.exit_code, 0) << result_.err; }

// Maarat al-Numan, Ramouseh, Darat Izza and Khan Touman, wherever the articles name them.
TEST_F(SeedsMapped, KeyPlacesResolveWithin5km) {
    const std::vector<Row> mentions = read_layer(gpkg_, "mentions");
    const std::vector<std::string> wanted = {"Ma'arrat al-Nu'man", "al-Ramouseh", "Darat Izza", "Khan Touman"};
    std::map<std::string, int> seen;
    for (const auto& doc : gold_["documents"]) {
        for (const auto& t : doc["toponyms"]) {
            if (t["kind"] != "name" || t["role"] != "location") continue;
            const std::string name = t["name"];
            if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
            ++seen[name];
            const Row* m = mention_at(mentions, doc["id"], t["start"], t["end"]);
            ASSERT_NE(m, nullptr) << doc["id"] << ": \"" << t["text"] << "\" at " << t["start"] << " was not found";
            const double km = toponym::geo::geodesic_distance_m(*m->lat, *m->lon, t["lat"].get<double>(), t["lon"].get<double>()) / 1000.0;
            EXPECT_LE(km, 5.0) << doc["id"] << ": \"" << t["text"] << "\" resolved to " << m->at("name") << ", " << km << " km off";
            EXPECT_EQ(m->at("admin1_pcode"), t["admin1_pcode"]) << t["text"];
        }
    }
    for (const auto& name : wanted) EXPECT_GE(seen[name], 1) << name << " is in the gold";
}

// Every gold location mention in Syria that we find must be in the right governorate; how many
// we find and place within the gold radius is reported (issue 4 raises the bar).
TEST_F(SeedsMapped, FoundSyrianPlacesAreInTheGoldGovernorate) {
    const std::vector<Row> mentions = read_layer(gpkg_, "mentions");
    int gold = 0, found = 0, within_radius = 0, right_admin = 0, with_admin = 0;
    for (const auto& doc : gold_["documents"]) {
        for (const auto& t : doc["toponyms"]) {
            if (t["kind"] != "name" || t["role"] != "location" || t["in_syria"] != true || t["lat"].is_null()) continue;
            ++gold;
            const Row* m = mention_at(mentions, doc["id"], t["start"], t["end"]);
            if (!m) continue;
            ++found;
            const double km = toponym::geo::geodesic_distance_m(*m->lat, *m->lon, t["lat"].get<double>(), t["lon"].get<double>()) / 1000.0;
            within_radius += km <= std::max(5.0, t["radius_km"].get<double>());
            if (t["admin1_pcode"].is_string()) {
                ++with_admin;
                right_admin += m->at("admin1_pcode") == t["admin1_pcode"].get<std::string>();
            }
        }
    }
    std::printf("seeds: %d Syrian gold location names, %d found, %d within max(5 km, gold radius), governorate %d/%d\n",
                gold, found, within_radius, right_admin, with_admin);
    EXPECT_GT(gold, 50);
    EXPECT_GE(found, gold * 7 / 10);
    EXPECT_EQ(right_admin, with_admin);
}

}  // namespace
