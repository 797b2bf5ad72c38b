// The streamed pipeline (stream_inputs) gives what run_inputs gives, in input order and with the
// same ids, whatever the thread count; the streamed writer (LayerSink) and the page builder
// (HtmlPreview) keep little in memory but write what the whole-corpus functions wrote.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "pipeline_support.hpp"

namespace {

using toponym::DocumentResult;
using toponym::ingest::InputItem;

// Team-written reports, with a repeated id (made unique by the run) and a line that fails.
std::vector<InputItem> items() {
    const std::vector<std::string> texts = {
        "Air strikes hit the villages of Babila and Hish south of Maarat al-Numan on Saturday.",
        "Clashes continued near Khan Tuman; families fled to Afrin.",
        "Markets reopened on Tuesday.",
        "Shelling hit the eastern countryside of Hama and the village of Zorzor.",
    };
    std::vector<InputItem> out;
    for (int copy = 0; copy < 40; ++copy) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
            InputItem item;
            item.label = "feed.jsonl:" + std::to_string(out.size() + 1);
            const std::string id = i == 2 ? "same" : "r" + std::to_string(copy) + "-" + std::to_string(i);
            item.jsonl = toponym::ingest::PendingJsonl{"{\"id\": \"" + id + "\", \"text\": \"" + texts[i] + "\"}", "feed.jsonl",
                                                       "feed", static_cast<int>(out.size() + 1)};
            out.push_back(std::move(item));
        }
    }
    InputItem bad;
    bad.label = "feed.jsonl:999";
    bad.jsonl = toponym::ingest::PendingJsonl{"not json", "feed.jsonl", "feed", 999};
    out.push_back(std::move(bad));
    return out;
}

std::string summary(const DocumentResult& r) {
    std::string s = r.doc.doc_id + "|" + r.doc.doc_key + "|" + std::to_string(r.failed) + "|";
    for (const toponym::Event& e : r.events) s += e.event_id + ",";
    s += "|" + std::to_string(r.mentions.size()) + "|" + std::to_string(r.doc.diagnostics.size());
    return s;
}

}  // namespace

TEST(StreamInputs, GivesWhatRunInputsGivesInInputOrderWhateverTheThreads) {
    const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), toponym::testing::embedded_boundaries(),
                                       &toponym::testing::embedded_fuzzy()};
    const toponym::RunResult whole = toponym::run_inputs(items(), ctx, toponym::RunOptions{2, false});
    std::vector<std::string> expected;
    for (const DocumentResult& r : whole.documents) expected.push_back(summary(r));
    for (unsigned threads : {1u, 3u}) {
        toponym::ingest::InputStream stream(items());
        std::vector<std::string> got;
        std::size_t progress_calls = 0;
        const toponym::StreamSummary run = toponym::stream_inputs(
            stream, ctx, toponym::RunOptions{threads, false}, [&](DocumentResult&& r) { got.push_back(summary(r)); },
            [&](std::size_t done, std::size_t total, const std::string&) {
                ++progress_calls;
                EXPECT_EQ(total, expected.size());
                EXPECT_EQ(done, progress_calls);
            });
        EXPECT_EQ(got, expected) << threads << " threads";
        EXPECT_EQ(run.documents, expected.size());
        EXPECT_EQ(run.failed_inputs, whole.failed_inputs);
        EXPECT_EQ(run.failed_inputs, 1u);
    }
}

TEST(StreamInputs, AnExceptionOfTheConsumerStopsTheRun) {
    const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), toponym::testing::embedded_boundaries(),
                                       &toponym::testing::embedded_fuzzy()};
    toponym::ingest::InputStream stream(items());
    std::size_t seen = 0;
    EXPECT_THROW(toponym::stream_inputs(stream, ctx, toponym::RunOptions{2, false},
                                        [&](DocumentResult&&) {
                                            if (++seen == 5) throw std::runtime_error("disk full");
                                        }),
                 std::runtime_error);
    EXPECT_EQ(seen, 5u);
}
