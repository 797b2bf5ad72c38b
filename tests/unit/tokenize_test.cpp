// Unit tests of the word tokenizer: byte and code point offsets on non-ASCII text, lines,
// possessives, hyphens, capitalisation and the "clean gap" flag the name matcher relies on.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

using toponym::text::Token;
using toponym::text::tokenize;

namespace {

std::string_view surface(std::string_view text, const Token& t) { return text.substr(t.begin_byte, t.end_byte - t.begin_byte); }

TEST(Tokenize, TypographicApostrophesOffsetsInBytesAndCodePoints) {
    // D a r ’ a t = 6 code points, 8 bytes (’ is 3 bytes); then a space, ‘ (3 bytes), I z z a.
    const std::string text = "Dar’at ‘Izza";
    ASSERT_EQ(text.size(), 16u);
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 2u);

    EXPECT_EQ(tokens[0].begin_byte, 0u);
    EXPECT_EQ(tokens[0].end_byte, 8u);
    EXPECT_EQ(tokens[0].begin_cp, 0u);
    EXPECT_EQ(tokens[0].end_cp, 6u);
    EXPECT_EQ(surface(text, tokens[0]), "Dar’at") << "an apostrophe between letters is inside the word";

    // The opening ‘ doubles as a quotation mark: the word starts at the letter after it.
    EXPECT_EQ(tokens[1].begin_byte, 12u);
    EXPECT_EQ(tokens[1].end_byte, 16u);
    EXPECT_EQ(tokens[1].begin_cp, 8u);
    EXPECT_EQ(tokens[1].end_cp, 12u);
    EXPECT_EQ(surface(text, tokens[1]), "Izza");
    EXPECT_TRUE(tokens[1].clean_gap_before) << "a space and an ayn mark still join the two words of one name";

    EXPECT_EQ(tokens[0].key, toponym::text::fold_word("Darat").key);
    EXPECT_EQ(tokens[1].key, toponym::text::fold_word("Iza").key);
    EXPECT_TRUE(tokens[0].capitalized);
    EXPECT_TRUE(tokens[1].capitalized);
}

TEST(Tokenize, AynLetterAtTheStartOfAWordBelongsToIt) {
    // ʿ (U+02BF, 2 bytes) is never a quotation mark: "ʿIzza" is one word starting at the mark.
    const std::string text = "Darat ʿIzza";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].begin_byte, 6u);
    EXPECT_EQ(tokens[1].end_byte, 12u);
    EXPECT_EQ(tokens[1].begin_cp, 6u);
    EXPECT_EQ(tokens[1].end_cp, 11u);
    EXPECT_TRUE(tokens[1].capitalized) << "the mark is skipped when looking at the first letter";
}

TEST(Tokenize, NoBreakSpaceIsABlank) {
    // "Khan" U+00A0 (2 bytes) "Tuman" " shelled"
    const std::string text = "Khan\u00A0Tuman shelled";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(surface(text, tokens[0]), "Khan");
    EXPECT_EQ(tokens[1].begin_byte, 6u);
    EXPECT_EQ(tokens[1].end_byte, 11u);
    EXPECT_EQ(tokens[1].begin_cp, 5u);
    EXPECT_EQ(tokens[1].end_cp, 10u);
    EXPECT_TRUE(tokens[1].clean_gap_before);
    EXPECT_EQ(tokens[2].begin_byte, 12u);
    EXPECT_EQ(tokens[2].begin_cp, 11u);
    EXPECT_EQ(tokens[2].end_cp, 18u);
    EXPECT_FALSE(tokens[2].capitalized);
}

TEST(Tokenize, CodePointsCountFromTheStartOfTheFile) {
    // Ḩ (U+1E28) is 3 bytes and ā 2: "Ḩamāh\n" is 6 code points and 9 bytes.
    const std::string text = "Ḩamāh\nIdlib";
    ASSERT_EQ(text.size(), 14u);
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].end_byte, 8u);
    EXPECT_EQ(tokens[0].end_cp, 5u);
    EXPECT_EQ(tokens[1].begin_byte, 9u);
    EXPECT_EQ(tokens[1].begin_cp, 6u);
    EXPECT_EQ(tokens[1].line, 2);

    // Starting in the middle: the caller passes the line and code point at begin_byte.
    const std::vector<Token> tail = tokenize(text, 9, 2, 6);
    ASSERT_EQ(tail.size(), 1u);
    EXPECT_EQ(tail[0].begin_byte, 9u);
    EXPECT_EQ(tail[0].begin_cp, 6u);
    EXPECT_EQ(tail[0].end_cp, 11u);
    EXPECT_EQ(tail[0].line, 2);
    EXPECT_FALSE(tail[0].clean_gap_before) << "the first token has no previous token";
}

TEST(Tokenize, LineNumbers) {
    const std::string text = "Aleppo\nIdlib Hama\n\nHoms,\n  Raqqa";
    const std::vector<Token> tokens = tokenize(text, 0, 10);
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[0].line, 10);
    EXPECT_EQ(tokens[1].line, 11);
    EXPECT_EQ(tokens[2].line, 11);
    EXPECT_EQ(tokens[3].line, 13);
    EXPECT_EQ(tokens[4].line, 14);
}

TEST(Tokenize, PossessiveSplitButShortStemsKeepTheirApostrophe) {
    const std::string text = "Aleppo’s countryside and Homs's market";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_GE(tokens.size(), 5u);
    EXPECT_EQ(surface(text, tokens[0]), "Aleppo");
    EXPECT_EQ(tokens[0].end_byte, 6u) << "the token ends before the apostrophe";
    EXPECT_EQ(tokens[0].end_cp, 6u);
    EXPECT_TRUE(tokens[0].possessive);
    EXPECT_EQ(tokens[0].key, toponym::text::fold_word("Aleppo").key);
    EXPECT_EQ(surface(text, tokens[1]), "countryside");
    EXPECT_FALSE(tokens[1].clean_gap_before) << "a possessive ends the name";
    EXPECT_EQ(surface(text, tokens[3]), "Homs");
    EXPECT_TRUE(tokens[3].possessive);

    // Ra's (head of) is a word of the name, not a possessive.
    const std::string ras = "Ra's al-Ayn";
    const std::vector<Token> r = tokenize(ras);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(surface(ras, r[0]), "Ra's");
    EXPECT_FALSE(r[0].possessive);
    EXPECT_TRUE(r[1].is_article);
    EXPECT_TRUE(r[1].clean_gap_before);

    // An apostrophe inside a longer name is not a possessive either.
    const std::string marat = "Ma'arrat";
    const std::vector<Token> m = tokenize(marat);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_FALSE(m[0].possessive);
    EXPECT_EQ(m[0].end_byte, marat.size());
}

TEST(Tokenize, HyphenAfter) {
    const std::string text = "al-Hamidiyah and Maarat - Idlib";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_TRUE(tokens[0].is_article);
    EXPECT_TRUE(tokens[0].hyphen_after);
    EXPECT_FALSE(tokens[0].capitalized);
    EXPECT_TRUE(tokens[1].clean_gap_before);
    EXPECT_FALSE(tokens[1].hyphen_after);
    EXPECT_FALSE(tokens[3].hyphen_after) << "a hyphen between spaces is not a join";
    EXPECT_TRUE(tokens[4].clean_gap_before) << "blanks and hyphens keep the gap clean";

    const std::vector<Token> trailing = tokenize("Idlib- ");
    ASSERT_EQ(trailing.size(), 1u);
    EXPECT_FALSE(trailing[0].hyphen_after) << "no token follows the hyphen";
}

TEST(Tokenize, CapitalisedLowerAndArabic) {
    const std::string text = "AIR strikes on حلب in 2019";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_TRUE(tokens[0].capitalized);
    EXPECT_EQ(tokens[0].lower, "air");
    EXPECT_FALSE(tokens[1].capitalized);
    EXPECT_EQ(tokens[1].lower, "strikes");
    EXPECT_TRUE(tokens[3].capitalized) << "a caseless script counts as capitalised";
    EXPECT_EQ(tokens[3].end_byte - tokens[3].begin_byte, 6u);
    EXPECT_EQ(tokens[3].end_cp - tokens[3].begin_cp, 3u);
    EXPECT_FALSE(tokens[5].capitalized) << "digits are not capital letters";
    EXPECT_EQ(tokens[5].lower, "2019");
}

TEST(Tokenize, CleanGapBrokenByPunctuationAndLineEnds) {
    const std::string text = "Saraqib, Sarmin\nBinnish Taftanaz – Ariha (Idlib)";
    const std::vector<Token> tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_FALSE(tokens[0].clean_gap_before);
    EXPECT_FALSE(tokens[1].clean_gap_before) << "comma";
    EXPECT_FALSE(tokens[2].clean_gap_before) << "newline";
    EXPECT_TRUE(tokens[3].clean_gap_before) << "one space";
    EXPECT_FALSE(tokens[4].clean_gap_before) << "en dash";
    EXPECT_FALSE(tokens[5].clean_gap_before) << "parenthesis";
    EXPECT_EQ(surface(text, tokens[5]), "Idlib");
}

TEST(Tokenize, PunctuationOnlyGivesNoTokens) {
    EXPECT_TRUE(tokenize("").empty());
    EXPECT_TRUE(tokenize(" -- , ’ “ ” ...\n").empty());
    EXPECT_TRUE(tokenize("Idlib", 5).empty()) << "begin_byte at the end";
}

}  // namespace

TEST(Tokenize, UnderscoreJoinsHashtagWords) {
    // «#خان_شيخون», "#Khan_Sheikhoun": the words of a hashtag are one name
    for (const std::string text : {"#\u062E\u0627\u0646_\u0634\u064A\u062E\u0648\u0646 today", "#Khan_Sheikhoun today"}) {
        const std::vector<Token> tokens = tokenize(text);
        ASSERT_EQ(tokens.size(), 3u) << text;
        EXPECT_FALSE(tokens[0].clean_gap_before) << "after '#'";
        EXPECT_TRUE(tokens[1].clean_gap_before) << text;
    }
}
