// Fuzz target: tokens and sentences of (repaired) report text, from a body offset as the
// pipeline passes it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/sentences.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text = toponym::text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)).text;
    // The first byte picks a body start; move it back to a code point boundary like the reader's.
    std::size_t begin = text.empty() ? 0 : data[0] % (text.size() + 1);
    while (begin > 0 && begin < text.size() && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
    const std::size_t begin_cp = toponym::text::count_code_points(text, begin);
    const auto tokens = toponym::text::tokenize(text, begin, 1, begin_cp);
    std::size_t last_end = begin;
    for (const auto& t : tokens) {
        if (t.begin_byte < last_end || t.end_byte <= t.begin_byte || t.end_byte > text.size()) std::abort();
        if (t.end_cp <= t.begin_cp) std::abort();
        last_end = t.end_byte;
    }
    std::size_t last = begin;
    for (const auto& s : toponym::text::split_sentences(text, begin)) {
        if (s.begin < last || s.end < s.begin || s.end > text.size()) std::abort();
        last = s.end;
    }
    return 0;
}
