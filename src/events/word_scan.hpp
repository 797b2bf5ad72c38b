// A small word scanner shared by the date resolver and the event classifier: ASCII words in
// lower case with the punctuation that separates them, so that cue tables can be matched
// without regular expressions. Safe on any byte string.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace toponym::events::scan {

struct Word {
    std::size_t begin = 0;  // byte offsets into the scanned text
    std::size_t end = 0;
    std::string lower;  // ASCII letters lowered; digits kept; "1,000" becomes "1000"
    bool capitalized = false;    // first character an upper-case ASCII letter
    bool all_upper = false;      // every letter upper case (acronyms: IS, YPG)
    bool hyphen_before = false;  // joined to the previous word by a single '-' ("US-led")
    bool comma_before = false;   // a comma between this word and the previous one
    bool stop_before = false;    // . ; : ! ? ( ) [ ] or a quotation mark before this word
    bool possessive = false;     // followed by 's or ’s (not part of the word)
    bool is_number = false;      // digits only (after removing thousands separators)
    bool grouped = false;        // written with thousands separators ("1,000": a count, never a year)
    long value = -1;             // the number when is_number and it fits, else -1
};

// Words of `text`: runs of ASCII letters and digits. Non-ASCII bytes separate words, except
// that a curly apostrophe before "s" marks a possessive like the ASCII one.
std::vector<Word> scan_words(std::string_view text);

// Index of the first word at or after `from` equal to `lower`, or `words.size()`.
std::size_t find_word(const std::vector<Word>& words, std::string_view lower, std::size_t from = 0);

// The cardinal value of a number word ("one".."twenty", "thirty".."ninety", "a dozen" is not
// handled here), or -1.
long number_word_value(std::string_view lower);

}  // namespace toponym::events::scan
