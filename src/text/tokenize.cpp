// Word tokenizer over UTF-8 text with byte and code point offsets.
#include "text/tokenize.hpp"

#include <unicode/uchar.h>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::text {

namespace {

bool is_blank(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == 0x00A0 || cp == 0x202F || cp == 0x2009 || cp == 0x200A;
}

bool is_hyphen(char32_t cp) {
    return cp == U'-' || cp == 0x2010 || cp == 0x2011;
}

bool starts_upper_or_caseless(std::string_view word) {
    // ASCII first letter (nearly every token): what ICU would say, without asking it.
    for (char c : word) {
        if (c == '\'' || c == '`') continue;
        if (static_cast<unsigned char>(c) >= 0x80) break;
        return c >= 'A' && c <= 'Z';
    }
    std::size_t pos = 0;
    while (pos < word.size()) {
        char32_t cp = next_code_point(word, pos);
        if (is_apostrophe_like(cp)) continue;
        const auto c = static_cast<UChar32>(cp);
        if (u_isupper(c) || u_istitle(c)) return true;
        if (u_islower(c)) return false;
        return u_isalpha(c) != 0;  // caseless scripts (Arabic) count as capitalised
    }
    return false;
}

// The code point at `pos` and the offset after it; ASCII (nearly every byte of news text)
// without the decoder. Past the end: 0, which is no word character, hyphen or apostrophe.
struct CodePoint {
    char32_t cp = 0;
    std::size_t next = 0;
};
CodePoint code_point_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return {0, pos};
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) return {char32_t{byte}, pos + 1};
    const char32_t cp = next_code_point(text, pos);
    return {cp, pos};
}

bool is_ascii_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t begin_byte, int first_line, std::size_t first_cp) {
    // One pass over the bytes, decoding as it goes: the apostrophe rules look one code point
    // ahead (decoded again when reached) and one behind (kept).
    std::vector<Token> tokens;
    if (begin_byte >= text.size()) return tokens;
    tokens.reserve((text.size() - begin_byte) / 6);  // news text: a word every 5-6 bytes; saves moving tokens
    int line = first_line;
    bool gap_clean = false;  // nothing but blanks/hyphens since the last token
    std::size_t pos = begin_byte;
    std::size_t cp_index = first_cp;
    char32_t prev = 0;  // the code point before `pos` (0 at the start: not a word character)
    while (pos < text.size()) {
        const CodePoint here = code_point_at(text, pos);
        const char32_t cp = here.cp;
        const bool starts_word = is_word_char(cp) || (is_apostrophe_like(cp) && cp != U'\'' && cp != 0x2019 &&
                                                      cp != 0x2018 && !is_word_char(prev) &&
                                                      is_word_char(code_point_at(text, here.next).cp));
        if (!starts_word) {
            if (cp == U'\n') {
                ++line;
                gap_clean = false;
            } else if (!is_blank(cp) && !is_hyphen(cp) && !is_apostrophe_like(cp) && cp != U'_') {  // 'Izza; #خان_شيخون
                gap_clean = false;
            }
            prev = cp;
            pos = here.next;
            ++cp_index;
            continue;
        }
        const std::size_t begin = pos;
        // The last two code points of the word and where they start: a possessive 's is cut
        // off them.
        char32_t last = cp;
        std::size_t last_byte = pos;
        char32_t second_last = 0;
        std::size_t second_last_byte = 0;
        std::size_t length_cp = 1;
        pos = here.next;
        for (;;) {
            // ASCII letters and digits, the bulk of every word, without decoding.
            const std::size_t run_begin = pos;
            while (pos < text.size() && is_ascii_word_byte(text[pos])) ++pos;
            if (const std::size_t run = pos - run_begin; run > 0) {
                if (run >= 2) {
                    second_last = static_cast<unsigned char>(text[pos - 2]);
                    second_last_byte = pos - 2;
                } else {
                    second_last = last;
                    second_last_byte = last_byte;
                }
                last = static_cast<unsigned char>(text[pos - 1]);
                last_byte = pos - 1;
                length_cp += run;
            }
            if (pos >= text.size()) break;
            const CodePoint next = code_point_at(text, pos);
            const bool inside = is_word_char(next.cp) || (is_apostrophe_like(next.cp) && is_word_char(last) &&
                                                          is_word_char(code_point_at(text, next.next).cp));
            if (!inside) break;
            second_last = last;
            second_last_byte = last_byte;
            last = next.cp;
            last_byte = pos;
            ++length_cp;
            pos = next.next;
        }
        prev = last;
        const bool clean_gap_before = gap_clean && !tokens.empty();
        Token& tok = tokens.emplace_back();
        tok.begin_byte = begin;
        tok.end_byte = pos;
        tok.begin_cp = cp_index;
        cp_index += length_cp;
        tok.end_cp = cp_index;
        // Possessive 's: "Aleppo's" is Aleppo. Short stems keep it (Ra's al-Ayn: "head of").
        if (length_cp >= 5 && is_apostrophe_like(second_last) && (last == U's' || last == U'S')) {
            tok.end_byte = second_last_byte;
            tok.end_cp -= 2;
            tok.possessive = true;
        }
        tok.line = line;
        const std::string_view surface = text.substr(tok.begin_byte, tok.end_byte - tok.begin_byte);
        tok.is_article = fold_word_into(surface, tok.key);
        if (tok.key.empty()) {  // nothing to match (a lone mark): no token, but it ends the gap
            gap_clean = !tok.possessive;
            tokens.pop_back();
            continue;
        }
        tok.capitalized = starts_upper_or_caseless(surface);
        tok.lower.assign(surface);
        for (char& c : tok.lower) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        tok.clean_gap_before = clean_gap_before;
        const CodePoint after = code_point_at(text, pos);
        tok.hyphen_after = is_hyphen(after.cp) && is_word_char(code_point_at(text, after.next).cp);
        gap_clean = !tok.possessive;  // "Aleppo's Ramouseh" is two names
    }
    return tokens;
}

}  // namespace toponym::text
