// toponym eval on the team's fixture gold (tests/fixtures/eval): the table, the JSON report,
// the misses it lists, a bad JSONL line reported and skipped, and usage errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;

namespace {

std::vector<std::string> eval_args(const std::filesystem::path& json) {
    const auto fixtures = source_dir() / "tests" / "fixtures" / "eval";
    return {"eval", "--gold", (fixtures / "gold.json").string(), "--seeds", fixtures.string(), "--corpus",
            (fixtures / "corpus.jsonl").string(), "--json", json.string(), "-q"};
}

}  // namespace

TEST(EvalCli, ScoresTheFixtureAndListsItsMisses) {
    const auto dir = fresh_dir("eval");
    const auto json_path = dir / "report.json";
    const auto r = run_toponym(eval_args(json_path));
    EXPECT_EQ(r.exit_code, 1) << "a bad corpus line is bad data: " << r.err;
    EXPECT_NE(r.err.find("corpus.jsonl:2"), std::string::npos) << "names the file and line: " << r.err;
    EXPECT_NE(r.out.find("names: P / R / F1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Kafr Batikh"), std::string::npos) << "lists the misses with their text: " << r.out;

    const nlohmann::json report = nlohmann::json::parse(read_file(json_path));
    ASSERT_EQ(report["corpora"].size(), 2u);
    const auto& seeds = report["corpora"][0];
    EXPECT_EQ(seeds["mentions"]["all"]["gold"], 7);
    EXPECT_EQ(seeds["events"]["gold"], 3);
    // Saraqib, Binnish and the governorate resolve within their radius; the village the
    // gazetteer lacks is a miss, listed without a system answer.
    EXPECT_GE(seeds["resolution"]["syria_location"]["within_radius"].get<int>(), 3);
    bool batikh_listed = false;
    for (const auto& miss : seeds["worst"]) {
        if (miss["gold_id"] == "F-T06") batikh_listed = miss["system"].is_null();
    }
    EXPECT_TRUE(batikh_listed);
    EXPECT_EQ(seeds["roles"]["n"], seeds["roles"]["right"]) << "Syrian and Russian are demonyms, the rest locations";
    // The corpus column: the broken line skipped, two documents scored.
    const auto& corpus = report["corpora"][1];
    EXPECT_EQ(corpus["documents"], 2);
    EXPECT_EQ(corpus["mentions"]["all"]["exact_gold"], 2) << "Aleppo and Hama; Springfield is not in the Syria gazetteer";
    EXPECT_EQ(report["overall"]["documents"], 3);

    // An existing report is not replaced without --overwrite.
    const auto again = run_toponym(eval_args(json_path));
    EXPECT_EQ(again.exit_code, 2) << again.err;
    auto args = eval_args(json_path);
    args.push_back("--overwrite");
    EXPECT_EQ(run_toponym(args).exit_code, 1);
}

TEST(EvalCli, NeedsSomethingToScore) {
    const auto r = run_toponym({"eval"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--gold"), std::string::npos) << r.err;
    const auto missing = run_toponym({"eval", "--gold", "/nonexistent/gold.json", "-q"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("/nonexistent/gold.json"), std::string::npos) << missing.err;
}
