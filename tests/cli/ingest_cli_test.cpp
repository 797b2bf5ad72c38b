// CLI tests of `toponym map` on JSONL, CSV and standard input, and of its thread pool: the same
// features in the same order with one thread or four.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::shell_quote;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// The team's sample reports as JSONL, each repeated `copies` times under distinct ids.
// The team-written reports in samples/ (English and Arabic).
std::size_t sample_count() {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(source_dir() / "samples")) n += e.path().extension() == ".txt";
    return n;
}

std::string samples_jsonl(int copies) {
    std::string out;
    for (int c = 0; c < copies; ++c) {
        for (const auto& e : fs::directory_iterator(source_dir() / "samples")) {
            if (e.path().extension() != ".txt") continue;
            nlohmann::json doc = {{"id", e.path().stem().string() + "-" + std::to_string(c)},
                                  {"text", read_file(e.path())},
                                  {"published", "2019-06-0" + std::to_string(1 + c % 9)}};
            out += doc.dump() + "\n";
        }
    }
    return out;
}

bool same_rows(const std::vector<Row>& a, const std::vector<Row>& b, std::string& why) {
    if (a.size() != b.size()) {
        why = std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " features";
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].fields != b[i].fields || a[i].lat != b[i].lat || a[i].lon != b[i].lon) {
            why = "feature " + std::to_string(i) + " differs";
            return false;
        }
    }
    return true;
}

}  // namespace

TEST(MapIngest, JsonlBadLineIsReportedWithFileAndLineAndTheRestGoOn) {
    const fs::path dir = fresh_dir("ingest-jsonl");
    write_file(dir / "news.jsonl",
               "{\"id\": \"n1\", \"text\": \"Air strikes hit Saraqib on Monday.\", \"published\": \"2020-02-03\"}\n"
               "{\"id\": \"n2\", \"text\": \"broken\n"
               "{\"id\": \"n3\", \"text\": \"Shelling of Kafr Nubl killed two.\", \"source\": \"S\"}\n");
    const auto r = run_toponym({"map", (dir / "news.jsonl").string(), "-o", (dir / "out.gpkg").string(), "-q"});
    EXPECT_EQ(r.exit_code, 1) << "a bad document: exit 1, the others written";
    EXPECT_NE(r.err.find("news.jsonl:2: not a JSON document"), std::string::npos) << r.err;
    const std::vector<Row> documents = read_layer(dir / "out.gpkg", "documents");
    ASSERT_EQ(documents.size(), 3u) << "the bad line is a document with status error, not lost";
    EXPECT_EQ(documents[0].at("doc_id"), "n1");
    EXPECT_EQ(documents[1].at("status"), "error");
    EXPECT_EQ(documents[2].at("doc_id"), "n3");
    EXPECT_EQ(documents[2].at("source"), "S");
    EXPECT_GT(std::stoi(documents[0].at("n_chars")), 0) << "the size is kept though the text is dropped";
    const std::vector<Row> mentions = read_layer(dir / "out.gpkg", "mentions");
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].at("doc_id"), "n1");
    EXPECT_EQ(mentions[1].at("doc_id"), "n3");
}

TEST(MapIngest, StandardInputJsonlAndCsvDocuments) {
    const fs::path dir = fresh_dir("ingest-stdin");
    write_file(dir / "news.jsonl", samples_jsonl(1));
    auto r = run_shell("{ " + shell_quote(TOPONYM_BINARY) + " map - -o " + shell_quote((dir / "stdin.gpkg").string()) + " -q < " +
                       shell_quote((dir / "news.jsonl").string()) + "; }");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> from_stdin = read_layer(dir / "stdin.gpkg", "documents");
    EXPECT_EQ(from_stdin.size(), sample_count());
    r = run_toponym({"map", (dir / "news.jsonl").string(), "-o", (dir / "file.gpkg").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(same_rows(read_layer(dir / "stdin.gpkg", "mentions"), read_layer(dir / "file.gpkg", "mentions"), why)) << why;

    write_file(dir / "reports.csv", "id,headline,report\nc1,x,\"Shelling hit Ariha.\"\nc2,y,Clashes in Tadif\n");
    r = run_toponym({"map", (dir / "reports.csv").string(), "--text-column", "report", "-o", (dir / "csv.gpkg").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> mentions = read_layer(dir / "csv.gpkg", "mentions");
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].at("doc_id"), "c1");
    EXPECT_EQ(mentions[1].at("doc_id"), "c2");
    r = run_toponym({"map", (dir / "reports.csv").string(), "-o", (dir / "csv2.gpkg").string(), "-q"});
    EXPECT_EQ(r.exit_code, 2) << "no text column found: a usage error";
    EXPECT_NE(r.err.find("id, headline, report"), std::string::npos) << r.err;
}

// A CSV of texts alone has no separator in its header, which GDAL 3.6's CSV driver refuses.
TEST(MapIngest, CsvWithOnlyATextColumn) {
    const fs::path dir = fresh_dir("ingest-one-column");
    write_file(dir / "texts.csv", "text\n\"Shelling hit Ariha, killing two.\"\n\"Clashes in Tadif, then in Binnish.\"\n");
    const auto r = run_toponym({"map", (dir / "texts.csv").string(), "-o", (dir / "out.gpkg").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> documents = read_layer(dir / "out.gpkg", "documents");
    ASSERT_EQ(documents.size(), 2u);
    EXPECT_EQ(documents[0].at("doc_id"), "texts-1");
    const std::vector<Row> mentions = read_layer(dir / "out.gpkg", "mentions");
    ASSERT_EQ(mentions.size(), 3u) << "Ariha; Tadif and Binnish (the comma stays inside the quoted text)";
    EXPECT_EQ(mentions[2].at("doc_id"), "texts-2");
}

TEST(MapThreads, SameFeaturesInTheSameOrderWithOneOrFourThreads) {
    const fs::path dir = fresh_dir("ingest-threads");
    // The samples (12 copies) and, for the unresolved layer, a team-written note naming a
    // fictional village after its cue (the samples' unknown villages are in the gazetteer now).
    std::string jsonl = samples_jsonl(12);
    for (int c = 0; c < 4; ++c) {
        jsonl += nlohmann::json{{"id", "unknown-village-" + std::to_string(c)},
                                {"text", "A drone struck a car in the village of Qabr Nuwaylat near Ariha, killing two men."}}
                     .dump() +
                 "\n";
    }
    write_file(dir / "many.jsonl", jsonl);
    for (const char* threads : {"1", "4"}) {
        const auto r = run_toponym({"map", (dir / "many.jsonl").string(), "-o", (dir / (std::string(threads) + ".gpkg")).string(),
                                    "--threads", threads, "-q"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    for (const char* layer : {"events", "mentions", "places", "unresolved", "documents"}) {
        const std::vector<Row> one = read_layer(dir / "1.gpkg", layer);
        const std::vector<Row> four = read_layer(dir / "4.gpkg", layer);
        EXPECT_FALSE(one.empty()) << layer;
        std::string why;
        EXPECT_TRUE(same_rows(one, four, why)) << layer << ": " << why;
    }
    EXPECT_EQ(read_layer(dir / "4.gpkg", "documents").size(), 12 * sample_count() + 4);
}
