// Sentence splitting with ICU; byte offsets into the UTF-8 text.
#include "text/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace toponym::text {

namespace {

icu::BreakIterator& sentence_iterator() {
    thread_local std::unique_ptr<icu::BreakIterator> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        // "ss=standard" suppresses breaks after abbreviations such as "Mr." and "Gen.".
        std::unique_ptr<icu::BreakIterator> bi(
            icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
        if (U_FAILURE(status) || !bi) throw std::runtime_error("ICU: cannot create a sentence break iterator");
        return bi;
    }();
    return *it;
}

bool is_trim_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

bool is_valid_utf8(std::string_view s) {
    const auto* data = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int64_t>(s.size());
    for (std::int64_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(data, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

}  // namespace

std::vector<ByteRange> split_sentences(std::string_view text, std::size_t begin_byte) {
    std::vector<ByteRange> out;
    if (begin_byte >= text.size()) return out;
    std::string_view body = text.substr(begin_byte);
    icu::BreakIterator& bi = sentence_iterator();
    UErrorCode status = U_ZERO_ERROR;
    // Valid UTF-8 (every document's text is repaired) goes to ICU as UTF-16: its iterator
    // reads UTF-16 in place, while over UTF-8 it converts chunk by chunk through UText
    // callbacks, which cost more than the breaking itself. The breaks are the same (the rules
    // see code points either way); their UTF-16 offsets are mapped back to bytes going forward
    // (ASCII text, most documents: the same offsets). Anything else keeps the UTF-8 UText,
    // whose handling of ill-formed bytes is ICU's own.
    unsigned char high_bits = 0;
    for (char c : body) high_bits |= static_cast<unsigned char>(c);
    const bool ascii = high_bits < 0x80;
    const bool valid = ascii || is_valid_utf8(body);
    icu::UnicodeString utf16;
    std::unique_ptr<UText, decltype(&utext_close)> guard(nullptr, &utext_close);
    if (ascii) {
        const auto length = static_cast<int32_t>(body.size());
        char16_t* units = utf16.getBuffer(length);
        if (units == nullptr) throw std::runtime_error("ICU: out of memory for sentence splitting");
        for (int32_t i = 0; i < length; ++i) units[i] = static_cast<char16_t>(body[static_cast<std::size_t>(i)]);
        utf16.releaseBuffer(length);
        bi.setText(utf16);
    } else if (valid) {
        utf16 = icu::UnicodeString::fromUTF8(icu::StringPiece(body.data(), static_cast<int32_t>(body.size())));
        bi.setText(utf16);
    } else {
        guard.reset(utext_openUTF8(nullptr, body.data(), static_cast<int64_t>(body.size()), &status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open text for sentence splitting");
        bi.setText(guard.get(), status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set text for sentence splitting");
    }
    std::size_t mapped_unit = 0;  // UTF-16 offset ...
    std::size_t mapped_byte = 0;  // ... and the byte offset of the same code point
    const auto byte_of = [&](int32_t boundary) {
        const auto target = static_cast<std::size_t>(boundary);
        if (ascii || !valid) return target;  // ASCII: one unit a byte; UText offsets are bytes
        while (mapped_unit < target) {
            const auto lead = static_cast<unsigned char>(body[mapped_byte]);
            const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            mapped_byte += length;
            mapped_unit += length == 4 ? 2 : 1;
        }
        return mapped_byte;
    };
    std::size_t start = byte_of(bi.first());
    for (int32_t next = bi.next(); next != icu::BreakIterator::DONE; next = bi.next()) {
        const std::size_t end = byte_of(next);
        std::size_t b = start;
        std::size_t e = end;
        while (b < e && is_trim_byte(body[b])) ++b;
        while (e > b && is_trim_byte(body[e - 1])) --e;
        if (b < e) out.push_back({begin_byte + b, begin_byte + e});
        start = end;
    }
    bi.setText(icu::UnicodeString());  // do not keep a pointer to `body` or `utf16`
    return out;
}

}  // namespace toponym::text
