// Fuzz target: a text report with front matter, as read from disk (decoding, repair, front
// matter). Bad input may raise DataError; anything else escaping, or a sanitizer report, is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "ingest/document_reader.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const toponym::Document doc = toponym::ingest::parse_text_document("fuzz.txt", bytes);
        // What the rest of the pipeline relies on: valid UTF-8 text, a body inside it.
        if (doc.body_begin_byte > doc.text.size()) std::abort();
        if (toponym::text::repair_utf8(doc.text).invalid_sequences != 0) std::abort();
        for (const toponym::Diagnostic& d : doc.diagnostics) {
            if (d.where != "fuzz.txt" || d.line < 0) std::abort();
        }
        if (doc.published) (void)toponym::format_date(*doc.published);
    } catch (const toponym::DataError&) {
    }
    return 0;
}
