// Gazetteers built from ../shared/data (OCHA admin names, Airwars incident locations), checked
// against the seed gold: the share of gold places each holds within 5 km of the gold point.
#include <gtest/gtest.h>

#include <regex>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::run_toponym;
using toponym::testing::shared_dir;

namespace {

struct Coverage {
    int places = 0, places_total = 0, mentions = 0, mentions_total = 0;
};

Coverage coverage(const std::vector<std::string>& gazetteer_args) {
    std::vector<std::string> args = {"gazetteer", "coverage", (shared_dir() / "gold/seeds.json").string(), "--km", "5"};
    args.insert(args.end(), gazetteer_args.begin(), gazetteer_args.end());
    const auto r = run_toponym(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::cout << r.out.substr(0, r.out.find("  not held")) << std::flush;
    Coverage c;
    std::smatch m;
    static const std::regex places("places held under any of their names: (\\d+)/(\\d+)");
    static const std::regex mentions("surface text finds the place: (\\d+)/(\\d+)");
    if (std::regex_search(r.out, m, places)) c.places = std::stoi(m[1]), c.places_total = std::stoi(m[2]);
    if (std::regex_search(r.out, m, mentions)) c.mentions = std::stoi(m[1]), c.mentions_total = std::stoi(m[2]);
    EXPECT_GT(c.places_total, 0) << r.out;
    return c;
}

class SharedGazetteers : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("shared-gazetteers");
        ocha_ = run_toponym({"gazetteer", "build", "-o", (dir_ / "ocha.tpg").string(),
                             (shared_dir() / "data/syria-admin.gpkg").string(), "--layer",
                             "admin1,admin2,admin3,neighbourhoods,admin_capitals"});
        airwars_ = run_toponym({"gazetteer", "build", "-o", (dir_ / "airwars.tpg").string(), "--cluster",
                                (shared_dir() / "data/airwars-syria.csv").string()});
    }
    static inline fs::path dir_;
    static inline toponym::testing::CommandResult ocha_, airwars_;
};

}  // namespace

TEST_F(SharedGazetteers, OchaLayersBuild) {
    ASSERT_EQ(ocha_.exit_code, 0) << ocha_.err;
    std::cout << ocha_.out;
    EXPECT_NE(ocha_.out.find("syria-admin/admin3"), std::string::npos);
    EXPECT_NE(ocha_.out.find("syria-admin/neighbourhoods"), std::string::npos);
}

TEST_F(SharedGazetteers, AirwarsRowsAreClusteredAndBadRowsReported) {
    ASSERT_EQ(airwars_.exit_code, 0) << airwars_.err;
    std::cout << airwars_.out;
    // The data README lists one row with longitude 4239.00416: reported with its line, skipped.
    EXPECT_NE(airwars_.err.find("4239.00416"), std::string::npos) << airwars_.err;
    EXPECT_NE(airwars_.err.find("airwars-syria.csv:"), std::string::npos);
    std::smatch m;
    const std::regex row("airwars-syria\\s+table \\(clustered\\)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");
    ASSERT_TRUE(std::regex_search(airwars_.out, m, row)) << airwars_.out;
    const int rows = std::stoi(m[1]), places = std::stoi(m[2]), no_xy = std::stoi(m[4]), outside = std::stoi(m[6]);
    EXPECT_EQ(rows, 8114) << "every incident row is read";
    EXPECT_EQ(no_xy, 8114 - 6682) << "the README's rows without coordinates";
    EXPECT_GT(outside, 0) << "Reyhanli, Kilis, Al Qaim ... are dropped";
    EXPECT_LT(places, 6682 / 2) << "repeated names are clustered";
}

TEST_F(SharedGazetteers, SeedGoldCoverage) {
    ASSERT_EQ(ocha_.exit_code, 0) << ocha_.err;
    ASSERT_EQ(airwars_.exit_code, 0) << airwars_.err;
    const std::string ocha = (dir_ / "ocha.tpg").string(), airwars = (dir_ / "airwars.tpg").string();
    const Coverage embedded = coverage({});
    const Coverage ocha_alone = coverage({"--gazetteer", ocha});
    const Coverage airwars_alone = coverage({"--gazetteer", airwars});
    const Coverage stacked = coverage({"--gazetteer", "embedded", "--gazetteer", ocha, "--gazetteer", airwars});
    // The Airwars locations come from other reports than the seeds: they must still hold some
    // of the seed places at the gold point.
    EXPECT_GT(airwars_alone.places, 0);
    EXPECT_GT(ocha_alone.places, 0);
    EXPECT_GE(stacked.places, embedded.places) << "stacking never loses a place";
    EXPECT_GE(stacked.mentions, embedded.mentions);
    EXPECT_GE(stacked.places, std::max(ocha_alone.places, airwars_alone.places));
}
