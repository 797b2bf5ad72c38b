// Fuzz target: the whole per-document pipeline on a report (reader, tokens, sentences, mention
// finding, resolution against the embedded gazetteer, governorate join, events).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "admin/admin_boundaries.hpp"
#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "pipeline/pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    static const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), boundaries};
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const toponym::DocumentResult r =
            toponym::process_document(toponym::ingest::parse_text_document("fuzz.txt", bytes), ctx);
        for (const toponym::Mention& m : r.mentions) {
            if (m.span.end_byte > r.doc.text.size() || m.span.begin_byte > m.span.end_byte) std::abort();
        }
        for (const toponym::Event& e : r.events) {
            if (e.mention >= r.mentions.size()) std::abort();
        }
    } catch (const toponym::DataError&) {
    }
    return 0;
}
