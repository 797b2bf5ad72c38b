// Unit tests of the JSONL and CSV document readers (bad lines, byte order mark, CRLF, ids,
// dates) and of the thread pool that keeps results in input order.
#include <gtest/gtest.h>

#include <chrono>

#include "test_dir.hpp"

#include <atomic>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "ingest/batch_reader.hpp"
#include "pipeline/parallel.hpp"

namespace fs = std::filesystem;
using toponym::Diagnostic;
using toponym::UsageError;
using toponym::ingest::InputItem;
using toponym::ingest::read_csv_documents;
using toponym::ingest::read_jsonl;
using toponym::testing::TestDir;

namespace {

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good()) << path;
}

}  // namespace

TEST(Jsonl, ReadsDocumentsWithTheirFields) {
    const std::vector<InputItem> items = read_jsonl(
        "{\"id\": \"a1\", \"text\": \"Shelling hit Idlib.\", \"title\": \"T\", \"source\": \"S\", \"url\": \"http://u\", "
        "\"published\": \"2019-05-06\"}\n{\"id\": 42, \"text\": \"Aleppo\"}\n",
        "in.jsonl");
    ASSERT_EQ(items.size(), 2u);
    ASSERT_TRUE(items[0].document);
    EXPECT_EQ(items[0].document->doc_id, "a1");
    EXPECT_EQ(items[0].document->text, "Shelling hit Idlib.");
    EXPECT_EQ(items[0].document->title, "T");
    EXPECT_EQ(items[0].document->source, "S");
    EXPECT_EQ(items[0].document->url, "http://u");
    ASSERT_TRUE(items[0].document->published);
    EXPECT_EQ(items[0].label, "in.jsonl:1");
    ASSERT_TRUE(items[1].document);
    EXPECT_EQ(items[1].document->doc_id, "42") << "numeric ids are written out";
    EXPECT_FALSE(items[1].document->published);
}

TEST(Jsonl, BadLinesAreReportedWithTheirLineAndTheRestGoOn) {
    const std::vector<InputItem> items = read_jsonl(
        "{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\", \"text\": \n[1, 2]\n{\"id\": \"c\"}\n\n{\"id\": \"d\", \"text\": \"four\"}\n",
        "docs.jsonl");
    ASSERT_EQ(items.size(), 5u) << "the blank line is skipped, every other line kept";
    EXPECT_TRUE(items[0].document);
    for (std::size_t i : {1, 2, 3}) {
        ASSERT_TRUE(items[i].error) << i;
        EXPECT_FALSE(items[i].document);
        EXPECT_EQ(items[i].error->where, "docs.jsonl");
        EXPECT_EQ(items[i].error->line, static_cast<int>(i + 1));
        EXPECT_EQ(items[i].error->severity, Diagnostic::Severity::Error);
    }
    EXPECT_NE(items[1].error->message.find("not a JSON document"), std::string::npos) << items[1].error->message;
    EXPECT_NE(items[2].error->message.find("not a JSON object"), std::string::npos);
    EXPECT_NE(items[3].error->message.find("\"text\""), std::string::npos);
    ASSERT_TRUE(items[4].document);
    EXPECT_EQ(items[4].document->doc_id, "d");
    EXPECT_EQ(items[4].label, "docs.jsonl:6");
}

// Found by fuzz_ingest (fuzz/corpus/fuzz_ingest/regression-number-overflow.bin): a number
// too big for a double is nlohmann's out_of_range, not a parse_error; it escaped the reader and
// `toponym map` stopped the whole batch with "internal error".
TEST(Jsonl, NumberTooBigIsABadLineNotTheEndOfTheBatch) {
    const std::vector<InputItem> items =
        read_jsonl("{\"id\": \"a\", \"text\": 5e5407}\n{\"id\": \"b\", \"text\": \"Shelling hit Homs.\", \"n\": 1e999}\n"
                   "{\"id\": \"c\", \"text\": \"Clashes in Tadif.\"}\n",
                   "big.jsonl");
    ASSERT_EQ(items.size(), 3u);
    for (int i : {0, 1}) {
        ASSERT_TRUE(items[i].error) << i;
        EXPECT_EQ(items[i].error->line, i + 1);
        EXPECT_NE(items[i].error->message.find("number overflow"), std::string::npos) << items[i].error->message;
    }
    ASSERT_TRUE(items[2].document);
    EXPECT_EQ(items[2].document->doc_id, "c");
}

TEST(Jsonl, AcceptsByteOrderMarkAndCrlfAndNamesMissingIds) {
    const std::vector<InputItem> items =
        read_jsonl("\xEF\xBB\xBF{\"text\": \"Homs\"}\r\n{\"text\": \"Hama\", \"published\": \"2019-02-31\"}\r\n", "dir/news.jsonl");
    ASSERT_EQ(items.size(), 2u);
    ASSERT_TRUE(items[0].document) << (items[0].error ? items[0].error->message : "");
    EXPECT_EQ(items[0].document->text, "Homs");
    EXPECT_EQ(items[0].document->doc_id, "news-1");
    ASSERT_TRUE(items[1].document);
    EXPECT_EQ(items[1].document->doc_id, "news-2");
    EXPECT_FALSE(items[1].document->published) << "31 February is not a date";
    ASSERT_EQ(items[1].document->diagnostics.size(), 1u);
    EXPECT_EQ(items[1].document->diagnostics[0].line, 2);
}

TEST(Jsonl, InvalidUtf8IsRepairedNotFatal) {
    const std::vector<InputItem> items = read_jsonl("{\"id\": \"x\", \"text\": \"Dar\xFF" "a\"}\n", "bad.jsonl");
    ASSERT_EQ(items.size(), 1u);
    ASSERT_TRUE(items[0].document);
    EXPECT_EQ(items[0].document->text, "Dar\xEF\xBF\xBD" "a");
    ASSERT_EQ(items[0].document->diagnostics.size(), 1u);
    EXPECT_NE(items[0].document->diagnostics[0].message.find("invalid UTF-8"), std::string::npos);
}

TEST(CsvDocuments, OneDocumentARowWithQuotedNewlinesBomAndCrlf) {
    TestDir dir;
    const fs::path csv = dir.path() / "reports.csv";
    write_file(csv, "\xEF\xBB\xBFid,title,body,published\r\n"
                    "r1,First,\"Air strikes hit Saraqib.\r\nTwo died.\",2020-03-01\r\n"
                    ",Second,Clashes near Tadif,not a date\r\n");
    const std::vector<InputItem> items = read_csv_documents(csv.string(), csv.string(), "");
    ASSERT_EQ(items.size(), 2u);
    ASSERT_TRUE(items[0].document);
    EXPECT_EQ(items[0].document->doc_id, "r1") << "the BOM does not hide the id column";
    EXPECT_EQ(items[0].document->title, "First");
    EXPECT_NE(items[0].document->text.find("Two died."), std::string::npos) << "a quoted newline stays in the text";
    EXPECT_TRUE(items[0].document->published);
    ASSERT_TRUE(items[1].document);
    EXPECT_EQ(items[1].document->doc_id, "reports-2") << "an empty id is made from the file and row";
    EXPECT_EQ(items[1].document->text, "Clashes near Tadif");
    EXPECT_FALSE(items[1].document->published);
    EXPECT_EQ(items[1].document->diagnostics.size(), 1u);
}

TEST(CsvDocuments, TextColumnChosenOrRefusedWithTheColumns) {
    TestDir dir;
    const fs::path csv = dir.path() / "t.csv";
    write_file(csv, "key,report,notes\n1,Shelling in Homs,x\n");
    const std::vector<InputItem> items = read_csv_documents(csv.string(), csv.string(), "report");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].document->text, "Shelling in Homs");
    try {
        read_csv_documents(csv.string(), csv.string(), "");
        FAIL() << "no text column: a usage error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("key, report, notes"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_csv_documents(csv.string(), csv.string(), "nope"), UsageError);
}

// GDAL's CSV reader takes everything after a quote that never closes as one field: the rows
// after it would vanish without a word. The row is reported with its line, the others read.
TEST(CsvDocuments, UnclosedQuoteIsReportedAndTheRowsAfterItAreRead) {
    TestDir dir;
    const fs::path csv = dir.path() / "quotes.csv";
    write_file(csv, "id,text\n"
                    "a,\"Saraqib, \"\"quoted\"\"\nover two lines\"\n"
                    "b,\"never closed, Ariha\n"
                    "c,Tadif\n"
                    "d,Homs\n");
    const std::vector<InputItem> items = read_csv_documents(csv.string(), csv.string(), "");
    ASSERT_EQ(items.size(), 4u) << "every row is there: three documents and one error";
    ASSERT_TRUE(items[0].document);
    EXPECT_EQ(items[0].document->text, "Saraqib, \"quoted\"\nover two lines");
    ASSERT_TRUE(items[1].error);
    EXPECT_EQ(items[1].error->where, csv.string());
    EXPECT_EQ(items[1].error->line, 4);
    EXPECT_NE(items[1].error->message.find("unbalanced quote"), std::string::npos) << items[1].error->message;
    ASSERT_TRUE(items[2].document);
    EXPECT_EQ(items[2].document->doc_id, "c");
    EXPECT_EQ(items[2].document->text, "Tadif");
    ASSERT_TRUE(items[3].document);
    EXPECT_EQ(items[3].document->doc_id, "d");

    write_file(csv, "id,\"text\n1,Homs\n");
    try {
        read_csv_documents(csv.string(), csv.string(), "");
        FAIL() << "a header with an unclosed quote: the file cannot be read";
    } catch (const toponym::DataError& e) {
        EXPECT_EQ(e.where(), csv.string());
        EXPECT_EQ(e.line(), 1);
    }
}

// Found by fuzz_ingest (regression-unclosed-quote-in-a-row-that-began-earlier.bin): the row
// with the unclosed quote began a line earlier with a quoted field that closes; cutting at the
// quote's line left half a quoted field before it, and the one-column reader threw for it.
TEST(CsvDocuments, UnclosedQuoteInARowThatBeganOnAnEarlierLine) {
    TestDir dir;
    const fs::path csv = dir.path() / "rows.csv";
    write_file(csv, "id,text\n"
                    "a,\"Saraqib\nwest\" and \"never closed\n"
                    "c,Tadif\n");
    std::vector<InputItem> items = read_csv_documents(csv.string(), csv.string(), "");
    ASSERT_EQ(items.size(), 2u);
    ASSERT_TRUE(items[0].error);
    EXPECT_EQ(items[0].error->line, 3) << "the line where the quote that never closes opens";
    ASSERT_TRUE(items[1].document);
    EXPECT_EQ(items[1].document->doc_id, "c");
    write_file(csv, "text\n\"Saraqib\nwest\" \"b\n");  // one column, as the fuzzer had it
    items = read_csv_documents(csv.string(), csv.string(), "");
    ASSERT_EQ(items.size(), 1u);
    ASSERT_TRUE(items[0].error);
    EXPECT_EQ(items[0].error->where, csv.string());
}

TEST(ParallelFor, EveryJobOnceOnSeveralThreads) {
    constexpr std::size_t n = 2000;
    std::vector<int> runs(n, 0);
    std::vector<std::thread::id> who(n);
    std::size_t last_done = 0;
    toponym::parallel_for(
        n, 4,
        [&](std::size_t i) {
            ++runs[i];
            who[i] = std::this_thread::get_id();
        },
        [&](std::size_t done, std::size_t total) {
            EXPECT_EQ(total, n);
            EXPECT_GE(done, last_done) << "progress never goes back";
            last_done = done;
        });
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(runs[i], 1) << i;
    EXPECT_EQ(last_done, n) << "progress ends at the total";
    EXPECT_EQ(std::set<std::thread::id>(who.begin(), who.end()).count(std::this_thread::get_id()), 0u)
        << "jobs run on worker threads";
}

TEST(ParallelFor, FirstExceptionIsRethrownAfterTheWorkersStop) {
    std::atomic<int> ran{0};
    EXPECT_THROW(toponym::parallel_for(100, 3,
                                       [&](std::size_t i) {
                                           ++ran;
                                           if (i == 10) throw std::runtime_error("job 10 failed");
                                           // Jobs that take time, as real ones do: without it the
                                           // other workers may finish all 100 before the failure
                                           // is seen, and the test would depend on the scheduler.
                                           std::this_thread::sleep_for(std::chrono::milliseconds(2));
                                       }),
                 std::runtime_error);
    EXPECT_LT(ran.load(), 100) << "no new jobs are taken after a failure";
}

TEST(ParallelFor, WorkerCount) {
    EXPECT_EQ(toponym::worker_count(4, 2), 2u) << "never more workers than jobs";
    EXPECT_EQ(toponym::worker_count(3, 100), 3u);
    EXPECT_GE(toponym::worker_count(0, 100), 1u);
    EXPECT_EQ(toponym::worker_count(8, 0), 1u);
}

TEST(ParallelForOrdered, ConsumesEveryResultInOrderOnTheCallingThread) {
    const std::size_t n = 2000;
    std::vector<std::size_t> results(n, 0);
    std::vector<std::size_t> consumed;
    toponym::parallel_for_ordered(
        n, 3,
        [&](std::size_t i) {
            if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));  // finish out of order
            results[i] = i * i;
        },
        [&](std::size_t i) {
            EXPECT_EQ(results[i], i * i) << "consumed only after its job returned";
            consumed.push_back(i);
        });
    ASSERT_EQ(consumed.size(), n);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(consumed[i], i);
}

TEST(ParallelForOrdered, AFailingJobOrConsumerStopsTheRest) {
    std::atomic<int> ran{0};
    std::size_t consumed = 0;
    EXPECT_THROW(toponym::parallel_for_ordered(
                     100, 2,
                     [&](std::size_t i) {
                         ++ran;
                         if (i == 10) throw std::runtime_error("job 10 failed");
                         std::this_thread::sleep_for(std::chrono::milliseconds(2));
                     },
                     [&](std::size_t) { ++consumed; }),
                 std::runtime_error);
    EXPECT_LT(ran.load(), 100) << "no new jobs after a failure";
    EXPECT_LE(consumed, 10u) << "nothing at or after the failed job is consumed";
    ran = 0;
    EXPECT_THROW(toponym::parallel_for_ordered(
                     100, 2, [&](std::size_t) { ++ran; std::this_thread::sleep_for(std::chrono::milliseconds(2)); },
                     [&](std::size_t i) {
                         if (i == 5) throw std::runtime_error("cannot write row 6");
                     }),
                 std::runtime_error);
    EXPECT_LT(ran.load(), 100) << "a failing consumer stops the workers too";
    std::size_t none = 0;
    toponym::parallel_for_ordered(0, 2, [&](std::size_t) { ++none; }, [&](std::size_t) { ++none; });
    EXPECT_EQ(none, 0u);
}

// ---- Streamed inputs ------------------------------------------------------------------------

TEST(InputStream, GivesTheLinesOfAJsonlFileAsReadingItWholeDoes) {
    const TestDir dir;
    const std::string bytes = "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"One.\"}\r\n\n   \n{\"text\": \"No id.\"}\nnot json\n"
                              "{\"id\": \"b\", \"text\": \"Last, no line end.\"}";
    write_file(dir.path() / "feed.jsonl", bytes);
    const std::string path = (dir.path() / "feed.jsonl").string();
    toponym::ingest::IngestOptions options;
    options.stream_jsonl = true;
    std::vector<Diagnostic> problems;
    std::vector<InputItem> collected = toponym::ingest::collect_inputs({path}, options, problems);
    ASSERT_EQ(collected.size(), 1u) << "the file, not its lines";
    ASSERT_TRUE(collected[0].jsonl_file.has_value());

    toponym::ingest::InputStream stream(std::move(collected));
    const std::vector<InputItem> whole = toponym::ingest::read_jsonl_pending(bytes, path);
    EXPECT_EQ(stream.total(), whole.size());
    std::vector<InputItem> streamed;
    while (auto item = stream.next()) streamed.push_back(std::move(*item));
    ASSERT_EQ(streamed.size(), whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        EXPECT_EQ(streamed[i].label, whole[i].label);
        ASSERT_TRUE(streamed[i].jsonl.has_value());
        EXPECT_EQ(streamed[i].jsonl->bytes, whole[i].jsonl->bytes) << whole[i].label;
        EXPECT_EQ(streamed[i].jsonl->line, whole[i].jsonl->line);
        EXPECT_EQ(streamed[i].jsonl->stem, whole[i].jsonl->stem);
    }
    EXPECT_FALSE(stream.next().has_value()) << "the end stays the end";
}

TEST(InputStream, KeepsOtherItemsInOrderAndReportsAMissingFile) {
    const TestDir dir;
    write_file(dir.path() / "a.jsonl", "{\"text\": \"A.\"}\n");
    std::vector<InputItem> items(3);
    items[0].label = "first";
    items[0].document = toponym::Document{};
    items[1].label = (dir.path() / "gone.jsonl").string();
    items[1].jsonl_file = items[1].label;
    items[2].label = (dir.path() / "a.jsonl").string();
    items[2].jsonl_file = items[2].label;
    toponym::ingest::InputStream stream(std::move(items));
    EXPECT_EQ(stream.total(), 3u);
    std::vector<std::string> labels;
    bool missing_reported = false;
    while (auto item = stream.next()) {
        labels.push_back(item->label);
        missing_reported |= item->error.has_value() && item->label.find("gone.jsonl") != std::string::npos;
    }
    ASSERT_EQ(labels.size(), 3u);
    EXPECT_EQ(labels[0], "first");
    EXPECT_TRUE(missing_reported);
    EXPECT_EQ(labels[2], (dir.path() / "a.jsonl").string() + ":1");
}
