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

struct Decoded {
    char32_t cp;
    std::size_t byte;  // offset of the code point
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t begin_byte, int first_line, std::size_t first_cp) {
    // Decode once: the apostrophe rules look one code point ahead and behind.
    std::vector<Decoded> cps;
    cps.reserve(text.size() - std::min(begin_byte, text.size()));
    for (std::size_t pos = begin_byte; pos < text.size();) {
        const std::size_t at = pos;
        const auto byte = static_cast<unsigned char>(text[pos]);
        const char32_t cp = byte < 0x80 ? (++pos, char32_t{byte}) : next_code_point(text, pos);
        cps.push_back({cp, at});
    }
    auto byte_at = [&](std::size_t i) { return i < cps.size() ? cps[i].byte : text.size(); };

    std::vector<Token> tokens;
    tokens.reserve(cps.size() / 5);  // news text: a word every 5-6 characters; saves moving tokens
    int line = first_line;
    bool gap_clean = false;  // nothing but blanks/hyphens since the last token
    std::size_t i = 0;
    while (i < cps.size()) {
        const char32_t cp = cps[i].cp;
        const bool next_is_word = i + 1 < cps.size() && is_word_char(cps[i + 1].cp);
        const bool prev_is_word = i > 0 && is_word_char(cps[i - 1].cp);
        const bool starts_word = is_word_char(cp) || (is_apostrophe_like(cp) && next_is_word && !prev_is_word &&
                                                      cp != U'\'' && cp != 0x2019 && cp != 0x2018);
        if (!starts_word) {
            if (cp == U'\n') {
                ++line;
                gap_clean = false;
            } else if (!is_blank(cp) && !is_hyphen(cp) && !is_apostrophe_like(cp)) {  // 'Izza
                gap_clean = false;
            }
            ++i;
            continue;
        }
        const std::size_t start = i;
        ++i;
        while (i < cps.size()) {
            if (is_word_char(cps[i].cp)) {
                ++i;
            } else if (is_apostrophe_like(cps[i].cp) && i + 1 < cps.size() && is_word_char(cps[i + 1].cp) &&
                       is_word_char(cps[i - 1].cp)) {
                ++i;
            } else {
                break;
            }
        }
        std::size_t end = i;
        Token tok;
        // Possessive 's: "Aleppo's" is Aleppo. Short stems keep it (Ra's al-Ayn: "head of").
        if (end - start >= 5 && is_apostrophe_like(cps[end - 2].cp) &&
            (cps[end - 1].cp == U's' || cps[end - 1].cp == U'S')) {
            end -= 2;
            tok.possessive = true;
        }
        tok.begin_byte = cps[start].byte;
        tok.end_byte = byte_at(end);
        tok.begin_cp = first_cp + start;
        tok.end_cp = first_cp + end;
        tok.line = line;
        std::string_view surface = text.substr(tok.begin_byte, tok.end_byte - tok.begin_byte);
        FoldedWord folded = fold_word(surface);
        tok.key = std::move(folded.key);
        tok.is_article = folded.is_article;
        tok.capitalized = starts_upper_or_caseless(surface);
        tok.lower.assign(surface);
        for (char& c : tok.lower) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        tok.clean_gap_before = gap_clean && !tokens.empty();
        tok.hyphen_after = i < cps.size() && is_hyphen(cps[i].cp) && i + 1 < cps.size() && is_word_char(cps[i + 1].cp);
        gap_clean = !tok.possessive;  // "Aleppo's Ramouseh" is two names
        if (!tok.key.empty()) tokens.push_back(std::move(tok));
    }
    return tokens;
}

}  // namespace toponym::text
