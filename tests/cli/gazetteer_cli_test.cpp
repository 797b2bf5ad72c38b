// CLI tests of `toponym gazetteer search/info` and of --gazetteer with a team-written file.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// The score printed on the line of candidate `id`, or -1.
double score_of(const std::string& out, const std::string& id) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string rank, score, found;
        fields >> rank >> score >> found;
        if (found == id) return std::stod(score);
    }
    return -1;
}

TEST(GazetteerCli, SearchShowsCandidatesScoresAndWhy) {
    auto r = run_toponym({"gazetteer", "search", "Babilla"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("key \"babila\""), std::string::npos) << r.out;
    const double idlib_alone = score_of(r.out, "gn:11556247");
    const double damascus_alone = score_of(r.out, "gn:171998");
    ASSERT_GT(idlib_alone, 0) << r.out;
    ASSERT_GT(damascus_alone, 0) << r.out;
    EXPECT_NE(r.out.find("Babilla"), std::string::npos) << "the matching alternate name is shown";

    r = run_toponym({"gazetteer", "search", "Babilla", "--context", "villages east of Maarat al-Numan"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(score_of(r.out, "gn:11556247"), idlib_alone) << "the context raises the Idlib village";
    EXPECT_GT(score_of(r.out, "gn:11556247"), score_of(r.out, "gn:171998")) << r.out;
    EXPECT_LT(r.out.find("gn:11556247"), r.out.find("gn:171998")) << "best first";

    r = run_toponym({"gazetteer", "search", "Idleb province"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_LT(r.out.find("ne1:SY07"), r.out.find("gn:169389")) << "a province is the governorate:\n" << r.out;

    r = run_toponym({"gazetteer", "search", "Nowhereville"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("no place"), std::string::npos) << r.out;
}

TEST(GazetteerCli, InfoCountsThePlaces) {
    const auto r = run_toponym({"gazetteer", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t rows = 0;
    std::istringstream tsv(read_file(source_dir() / "gazetteer/syria.tsv"));
    bool header = true;
    for (std::string line; std::getline(tsv, line);) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        ++rows;
    }
    EXPECT_NE(r.out.find(std::to_string(rows) + " places"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("geonames-cities500"), std::string::npos);
    EXPECT_NE(r.out.find("curated"), std::string::npos);
}

TEST(GazetteerCli, AGazetteerFileReplacesTheEmbeddedOne) {
    const fs::path dir = fresh_dir("own-gazetteer");
    write_file(dir / "own.tsv",
               "# toponym-gazetteer 1\n"
               "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\talternate_names\tsource\tsource_id\n"
               "t:1\tTell Qarqur\t35.74\t36.32\tP\tPPL\tSY\tSY05\t\t1000\tTall Qarqur|Qarqour\tteam\t1\n");
    write_file(dir / "in/r.txt", "---\npublished: 2019-05-01\n---\nShelling hit Tall Qarqur and Aleppo.\n");
    const fs::path out = dir / "o.gpkg";
    auto r = run_toponym({"map", (dir / "in").string(), "-o", out.string(), "--gazetteer", (dir / "own.tsv").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto mentions = read_layer(out, "mentions");
    ASSERT_EQ(mentions.size(), 1u) << "Aleppo is not in this gazetteer";
    EXPECT_EQ(mentions[0].at("place_id"), "t:1");
    EXPECT_EQ(mentions[0].at("admin1_pcode"), "SY05");
    r = run_toponym({"gazetteer", "search", "Qarqour", "--gazetteer", (dir / "own.tsv").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("t:1"), std::string::npos);

    write_file(dir / "bad.tsv", "# toponym-gazetteer 1\nid\tname\tlat\tlon\nx\tX\t95\t10\n");
    r = run_toponym({"map", (dir / "in").string(), "-o", (dir / "b.gpkg").string(), "--gazetteer", (dir / "bad.tsv").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("bad.tsv:3:"), std::string::npos) << "the error names the file and line: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "b.gpkg"));
}

}  // namespace
