// Runs process_document on a team-written sentence with the embedded gazetteer, governorates
// and fuzzy index: the geoparsing tests' common fixture.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "admin/admin_boundaries.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "ingest/document_reader.hpp"
#include "pipeline/pipeline.hpp"

namespace toponym::testing {

inline const admin::AdminBoundaries& embedded_boundaries() {
    static const admin::AdminBoundaries b = admin::AdminBoundaries::embedded();
    return b;
}

inline const geoparse::FuzzyIndex& embedded_fuzzy() {
    static const geoparse::FuzzyIndex f(Gazetteer::embedded());
    return f;
}

inline DocumentResult geoparse(const std::string& text) {
    const PipelineContext ctx{Gazetteer::embedded(), embedded_boundaries(), &embedded_fuzzy()};
    return process_document(ingest::parse_text_document("report.txt", text), ctx);
}

// A JSON file read whole (the held-out incident notes in tests/fixtures/).
inline nlohmann::json read_json_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return nlohmann::json::parse(s.str());
}

// The mention whose surface is `surface` (the first), or nullptr.
inline const Mention* mention_named(const DocumentResult& r, const std::string& surface) {
    for (const Mention& m : r.mentions) {
        if (m.surface == surface) return &m;
    }
    return nullptr;
}

}  // namespace toponym::testing
