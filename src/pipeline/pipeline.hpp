// The pipeline from documents to located, dated events: find mentions, resolve, admin join,
// build events. Pure library code: no printing, no exits.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/batch_reader.hpp"

namespace toponym {

namespace geoparse {
class FuzzyIndex;
}

struct PipelineContext {
    const Gazetteer& gazetteer;
    const admin::AdminBoundaries& admin;
    const geoparse::FuzzyIndex* fuzzy = nullptr;  // spelling-tolerant fallback for cue names
};

// What process_document computes: everything, or only the mentions (resolved, with their
// roles, qualifiers and admin areas) for a caller that reads nothing else (resolve's cells:
// no dateline, relative locations, sentences, unresolved names or events).
enum class Stages { All, Mentions };

// Runs the stages on one document.
DocumentResult process_document(Document doc, const PipelineContext& ctx, Stages stages = Stages::All);

// Events of one sentence with one casualty phrase ("barrel bombs on A and B, killing four
// civilians") hold the figures once: the most precise of them (the first when equal) keeps
// `killed` and `injured`, the others have none and name it in `casualties_shared_with`; every
// one keeps the phrase. Needs the event ids; assign_stable_ids calls it.
void share_casualties(std::vector<Event>& events);

// Sets the document's doc_key and content_hash, and the event ids from them (document key,
// content hash, type and subtype, place, sentence, and an ordinal among events that agree on
// all of these): unique within the document, the same in every run for the same report, new
// for an edited one. Then shares the casualty figures of a sentence (share_casualties).
// run_inputs calls it once the doc_id is final.
void assign_stable_ids(DocumentResult& result);

// Called after each input with (inputs done, inputs in all, path just done).
using ProgressCallback = std::function<void(std::size_t, std::size_t, const std::string&)>;

struct RunResult {
    std::vector<DocumentResult> documents;  // one per input file, in input order, failed ones too
    std::vector<Diagnostic> problems;       // every problem, in input order
    std::size_t failed_inputs = 0;          // inputs that could not be read
};

// Reads and processes the given files. A file that cannot be read is reported (problems,
// and a failed DocumentResult) and the rest go on. Document ids are unique within a run.
RunResult run_files(const std::vector<std::string>& files, const PipelineContext& ctx,
                    const ProgressCallback& progress = {});

struct RunOptions {
    unsigned threads = 0;    // worker threads; 0 = one per hardware thread
    bool keep_text = true;   // false: drop each document's text once processed (snippets stay)
};

// Processes the inputs on `options.threads` threads, one document per job; results are in
// input order whatever the timing, so the output does not depend on the thread count. Items
// that could not be read (and files that cannot be) become failed results, reported in
// `problems`; the rest go on. Document ids are made unique within the run (a repeated id gets
// its path, then "#2", "#3"...). `progress` is called on the calling thread.
RunResult run_inputs(std::vector<ingest::InputItem> inputs, const PipelineContext& ctx, const RunOptions& options,
                     const ProgressCallback& progress = {});

struct StreamSummary {
    std::size_t documents = 0;      // results handed to `consume`, failed ones too
    std::size_t failed_inputs = 0;  // inputs that could not be read
};

// The streamed run_inputs: takes the items from `inputs` a batch at a time (a few hundred
// documents a thread) and processes them on `options.threads` threads, handing each result to
// `consume` on the calling thread, in input order, as soon as it and those before it are done
// (the writing overlaps the geoparsing). Results, ids (made unique as run_inputs makes them)
// and problems (in `doc.diagnostics`) are the same as run_inputs gives, whatever the thread
// count. Memory: the documents of about two batches, plus the ids seen (for uniqueness).
// `progress` (done, inputs.total(), label) is called on the calling thread. An exception of
// `consume` or of a job stops the run and is rethrown once every worker has stopped.
StreamSummary stream_inputs(ingest::InputStream& inputs, const PipelineContext& ctx, const RunOptions& options,
                            const std::function<void(DocumentResult&&)>& consume, const ProgressCallback& progress = {});

}  // namespace toponym
