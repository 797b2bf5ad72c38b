// text::base_direction: the direction an output must state for a text.
#include "text/bidi.hpp"

#include <gtest/gtest.h>

using toponym::text::base_direction;
using toponym::text::Direction;
using toponym::text::html_dir;

TEST(Bidi, TheFirstStrongLetterGivesTheDirection) {
    EXPECT_EQ(base_direction("Shelling hit Kafranbel"), Direction::LeftToRight);
    EXPECT_EQ(base_direction("قصف جوي على بلدة كفرنبل"), Direction::RightToLeft);
    // Mixed: an Arabic sentence naming a place in Latin letters stays right to left, an English
    // one quoting an Arabic name left to right.
    EXPECT_EQ(base_direction("قصف جوي على Kafranbel"), Direction::RightToLeft);
    EXPECT_EQ(base_direction("Shelling hit Khan Shaykhun (خان شيخون)"), Direction::LeftToRight);
    // Digits, Arabic-Indic digits and punctuation are weak or neutral: the letter after them counts.
    EXPECT_EQ(base_direction("12 غارة على Saraqib"), Direction::RightToLeft);
    EXPECT_EQ(base_direction("١٢/٣/٢٠١٦ - قصف"), Direction::RightToLeft);
    EXPECT_EQ(base_direction("«2019» Douma"), Direction::LeftToRight);
    EXPECT_EQ(base_direction("\"(5) كم"), Direction::RightToLeft);
    // Hebrew (R) as well as Arabic (AL).
    EXPECT_EQ(base_direction("שלום"), Direction::RightToLeft);
    // Accented Latin beyond ASCII is L.
    EXPECT_EQ(base_direction("Ḥamāh"), Direction::LeftToRight);
}

TEST(Bidi, NoStrongLetterIsNeutral) {
    EXPECT_EQ(base_direction(""), Direction::Neutral);
    EXPECT_EQ(base_direction("2019-05-14"), Direction::Neutral);
    EXPECT_EQ(base_direction("١٢ - (3) ..."), Direction::Neutral);
}

TEST(Bidi, TextInsideAnIsolateIsSkipped) {
    // U+2068 FSI ... U+2069 PDI: the isolated Latin name does not decide (UBA P2).
    EXPECT_EQ(base_direction("\u2068Kafranbel\u2069 كفرنبل"), Direction::RightToLeft);
    EXPECT_EQ(base_direction("\u2067كفرنبل\u2069 Kafranbel"), Direction::LeftToRight);
    EXPECT_EQ(base_direction("\u2068كفرنبل\u2069"), Direction::Neutral);
    // Nested isolates close one at a time.
    EXPECT_EQ(base_direction("\u2068a\u2066b\u2069c\u2069 د"), Direction::RightToLeft);
    // Direction marks are strong: an RLM makes a Latin-first text right to left.
    EXPECT_EQ(base_direction("\u200FKafranbel"), Direction::RightToLeft);
}

TEST(Bidi, HtmlDirAttribute) {
    EXPECT_STREQ(html_dir(Direction::RightToLeft), "rtl");
    EXPECT_STREQ(html_dir(Direction::LeftToRight), "ltr");
    EXPECT_STREQ(html_dir(Direction::Neutral), "ltr");
}
