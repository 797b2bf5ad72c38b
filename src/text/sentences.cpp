// Sentence splitting with ICU over UTF-8 (UText keeps byte offsets, no UTF-16 copy).
#include "text/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

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

}  // namespace

std::vector<ByteRange> split_sentences(std::string_view text, std::size_t begin_byte) {
    std::vector<ByteRange> out;
    if (begin_byte >= text.size()) return out;
    std::string_view body = text.substr(begin_byte);
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, body.data(), static_cast<int64_t>(body.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open text for sentence splitting");
    std::unique_ptr<UText, decltype(&utext_close)> guard(ut, &utext_close);
    icu::BreakIterator& bi = sentence_iterator();
    bi.setText(ut, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set text for sentence splitting");
    int32_t start = bi.first();
    for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
        auto b = static_cast<std::size_t>(start);
        auto e = static_cast<std::size_t>(end);
        while (b < e && is_trim_byte(body[b])) ++b;
        while (e > b && is_trim_byte(body[e - 1])) --e;
        if (b < e) out.push_back({begin_byte + b, begin_byte + e});
    }
    bi.setText(icu::UnicodeString());  // do not keep a pointer to `body`
    return out;
}

}  // namespace toponym::text
