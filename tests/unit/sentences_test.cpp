// Unit tests of sentence splitting: the byte ranges must be the sentences ICU finds reading the
// UTF-8 text itself, whether the text reaches ICU as UTF-8 or as UTF-16.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "text/sentences.hpp"

using toponym::text::ByteRange;
using toponym::text::split_sentences;

namespace {

// The sentences of text[begin, end) as ICU's sentence iterator gives them over a UTF-8 UText
// (byte offsets), trimmed of blanks as split_sentences documents.
std::vector<ByteRange> by_utf8_utext(std::string_view text, std::size_t begin) {
    std::vector<ByteRange> out;
    const std::string_view body = text.substr(begin);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    UText* ut = utext_openUTF8(nullptr, body.data(), static_cast<int64_t>(body.size()), &status);
    bi->setText(ut, status);
    EXPECT_TRUE(U_SUCCESS(status));
    const auto trim = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    for (int32_t start = bi->first(), end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
        auto b = static_cast<std::size_t>(start);
        auto e = static_cast<std::size_t>(end);
        while (b < e && trim(body[b])) ++b;
        while (e > b && trim(body[e - 1])) --e;
        if (b < e) out.push_back({begin + b, begin + e});
    }
    bi.reset();
    utext_close(ut);
    return out;
}

void expect_as_utf8_utext(const std::string& text, std::size_t begin) {
    const std::vector<ByteRange> want = by_utf8_utext(text, begin);
    const std::vector<ByteRange> got = split_sentences(text, begin);
    ASSERT_EQ(got.size(), want.size()) << text;
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].begin, want[i].begin) << text;
        EXPECT_EQ(got[i].end, want[i].end) << text;
    }
}

}  // namespace

TEST(Sentences, ByteRangesOfAsciiAndMultibyteText) {
    // "Mr." does not end a sentence (ss=standard); é is 2 bytes, حلب 6, 😀 4 (two UTF-16 units).
    const std::string text = "Mr. Assad spoke.  Shelling hit Aleppo (حلب) today! Was it 😀 planned? Café owners fled.\nNew line";
    const std::vector<ByteRange> sentences = split_sentences(text);
    ASSERT_EQ(sentences.size(), 5u);
    const auto sentence = [&](std::size_t i) { return text.substr(sentences[i].begin, sentences[i].end - sentences[i].begin); };
    EXPECT_EQ(sentence(0), "Mr. Assad spoke.");
    EXPECT_EQ(sentence(1), "Shelling hit Aleppo (حلب) today!");
    EXPECT_EQ(sentence(2), "Was it 😀 planned?");
    EXPECT_EQ(sentence(3), "Café owners fled.");
    EXPECT_EQ(sentence(4), "New line");
    expect_as_utf8_utext(text, 0);
    expect_as_utf8_utext(text, 18);
}

TEST(Sentences, SameAsIcuOverUtf8WhateverTheText) {
    // Random texts of ASCII, multi-byte and ill-formed pieces (which keep the UTF-8 path),
    // from the start and from a byte inside.
    const std::vector<std::string> pieces = {"Mr. ", "Gen. ", "U.S. ", "Aleppo", ". ", "! ", "? ", "\n", "\n\n", " ",
                                             "حلب", "😀", "é", "\u2029", "\u0085", "\"", "”", "1.5", "St. ", "(",
                                             ")", "\xff", "\xe2\x80", "\r\n", "\t", std::string(1, '\0')};
    std::mt19937 rng(11);
    for (int n = 0; n < 3000; ++n) {
        std::string text;
        for (int k = static_cast<int>(rng() % 16); k > 0; --k) text += pieces[rng() % pieces.size()];
        expect_as_utf8_utext(text, 0);
        if (!text.empty()) expect_as_utf8_utext(text, rng() % text.size());
        if (HasFatalFailure()) return;
    }
}
