// Sentence boundaries (ICU sentence break iterator with English abbreviation suppression).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace toponym::text {

struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Sentences of text[begin_byte, end), as byte ranges with surrounding blanks trimmed. Line
// ends inside a paragraph do not end a sentence only when ICU says so (it treats them as
// paragraph separators, which suits news text where every paragraph is a line).
std::vector<ByteRange> split_sentences(std::string_view text, std::size_t begin_byte = 0);

}  // namespace toponym::text
