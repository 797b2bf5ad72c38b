// ASCII word scanner for cue matching (dates, event types, actors, casualty figures).
#include "events/word_scan.hpp"

#include <array>

namespace toponym::events::scan {

namespace {

bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Length of an apostrophe at text[i] (' or U+2019), or 0.
std::size_t apostrophe_at(std::string_view text, std::size_t i) {
    if (i < text.size() && text[i] == '\'') return 1;
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x99)
        return 3;
    return 0;
}

bool is_stop_punct(unsigned char c) {
    switch (c) {
        case '.': case ';': case ':': case '!': case '?': case '(': case ')': case '[': case ']': case '"':
            return true;
        default:
            return false;
    }
}

// A thousands group ",ddd" at text[i] not followed by another digit ("1,000", "1,000,000").
bool thousands_group_at(std::string_view text, std::size_t i) {
    if (i + 3 >= text.size() || text[i] != ',') return false;
    for (std::size_t k = 1; k <= 3; ++k)
        if (!is_digit(static_cast<unsigned char>(text[i + k]))) return false;
    return i + 4 >= text.size() || !is_digit(static_cast<unsigned char>(text[i + 4]));
}

}  // namespace

std::vector<Word> scan_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t i = 0;
    bool hyphen = false, comma = false, stop = false;
    std::size_t gap_len = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!is_alnum(c)) {
            if (c == ',') comma = true;
            else if (is_stop_punct(c)) stop = true;
            else if (c >= 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
                     static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                     (static_cast<unsigned char>(text[i + 2]) == 0x9C || static_cast<unsigned char>(text[i + 2]) == 0x9D))
                stop = true;  // curly double quotes
            hyphen = (gap_len == 0 && c == '-');
            ++gap_len;
            ++i;
            continue;
        }
        Word w;
        w.begin = i;
        w.hyphen_before = hyphen && gap_len == 1 && !words.empty();
        w.comma_before = comma;
        w.stop_before = stop;
        w.capitalized = is_upper(c);
        bool all_digits = true, any_letter = false, all_upper = true;
        while (i < text.size()) {
            const auto d = static_cast<unsigned char>(text[i]);
            if (is_alnum(d)) {
                if (!is_digit(d)) {
                    all_digits = false;
                    any_letter = true;
                    if (!is_upper(d)) all_upper = false;
                }
                w.lower.push_back(static_cast<char>(is_upper(d) ? d - 'A' + 'a' : d));
                ++i;
            } else if (all_digits && thousands_group_at(text, i)) {
                w.grouped = true;
                ++i;  // drop the separator, keep the digits
            } else {
                break;
            }
        }
        w.end = i;
        w.all_upper = any_letter && all_upper;
        w.is_number = all_digits;
        if (all_digits && w.lower.size() <= 12) {
            long v = 0;
            for (char d : w.lower) v = v * 10 + (d - '0');
            w.value = v;
        }
        if (std::size_t a = apostrophe_at(text, i); a > 0 && i + a < text.size() &&
                                                    (text[i + a] == 's' || text[i + a] == 'S') &&
                                                    (i + a + 1 >= text.size() || !is_alnum(static_cast<unsigned char>(text[i + a + 1])))) {
            w.possessive = true;
            i += a + 1;
        }
        words.push_back(std::move(w));
        hyphen = comma = stop = false;
        gap_len = 0;
    }
    return words;
}

std::size_t find_word(const std::vector<Word>& words, std::string_view lower, std::size_t from) {
    for (std::size_t i = from; i < words.size(); ++i)
        if (words[i].lower == lower) return i;
    return words.size();
}

long number_word_value(std::string_view lower) {
    static constexpr std::array<std::string_view, 21> kUnits = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    static constexpr std::array<std::string_view, 7> kTens = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (std::size_t k = 0; k < kUnits.size(); ++k)
        if (kUnits[k] == lower) return static_cast<long>(k);
    for (std::size_t k = 0; k < kTens.size(); ++k)
        if (kTens[k] == lower) return static_cast<long>(30 + 10 * k);
    return -1;
}

}  // namespace toponym::events::scan
