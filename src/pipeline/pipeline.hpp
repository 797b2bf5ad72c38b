// The pipeline from documents to located, dated events: find mentions, resolve, admin join,
// build events. Pure library code: no printing, no exits.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym {

namespace geoparse {
class FuzzyIndex;
}

struct PipelineContext {
    const Gazetteer& gazetteer;
    const admin::AdminBoundaries& admin;
    const geoparse::FuzzyIndex* fuzzy = nullptr;  // spelling-tolerant fallback for cue names
};

// Runs every stage on one document.
DocumentResult process_document(Document doc, const PipelineContext& ctx);

// Sets the document's doc_key and content_hash, and the event ids from them (document key,
// content hash, type, place, sentence): the same report gives the same ids in every run, and
// an edited one gets new event ids. run_files calls it once the doc_id is final.
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

}  // namespace toponym
