// Splits document text into word tokens carrying offsets, folded keys and the flags the
// mention finder needs (capitalisation, hyphen joins, what separates a token from the last).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace toponym::text {

struct Token {
    std::size_t begin_byte = 0;
    std::size_t end_byte = 0;
    std::size_t begin_cp = 0;
    std::size_t end_cp = 0;
    int line = 1;
    std::string key;         // fold_word() of the token
    std::string lower;       // the surface in lower case (ASCII letters only lowered), for cue words
    bool is_article = false;
    bool capitalized = false;  // first letter upper case, or a script without case (Arabic)
    bool possessive = false;   // followed by 's / ’s, which is not part of the token
    bool hyphen_after = false;  // followed directly by a hyphen and then the next token
    bool clean_gap_before = false;  // only blanks / hyphens since the previous token, same line
};

// Tokens of text[begin_byte, end): words are runs of letters, digits and marks; apostrophes
// between letters (Dar'at) belong to them, and so does an ayn mark (ʿ ` ʾ) starting a word
// (ʿIzza). ' ‘ ’ before a word are quotation marks and stay outside it; they do not break a
// name that spans them (Dar'at 'Izza).
// `first_line` and `first_cp` are the line and code point index at begin_byte.
std::vector<Token> tokenize(std::string_view text, std::size_t begin_byte = 0, int first_line = 1,
                            std::size_t first_cp = 0);

}  // namespace toponym::text
