// UTF-8 validation and repair, and code point arithmetic on UTF-8 strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace toponym::text {

struct Utf8Repair {
    std::string text;             // valid UTF-8
    std::size_t invalid_sequences = 0;  // how many ill-formed sequences became U+FFFD
    int first_invalid_line = 0;   // 1-based line of the first one, 0 if none
};

// Replaces every ill-formed sequence by U+FFFD, drops a leading UTF-8 byte order mark and
// turns CRLF / lone CR line ends into LF.
Utf8Repair repair_utf8(std::string_view bytes);

// Decodes the code point at `pos` (valid UTF-8 assumed) and advances `pos` past it.
char32_t next_code_point(std::string_view s, std::size_t& pos);

// Number of code points in s[0, byte_end).
std::size_t count_code_points(std::string_view s, std::size_t byte_end);

// Appends the UTF-8 encoding of `cp`.
void append_utf8(std::string& out, char32_t cp);

// True if the bytes look like a binary file (NUL bytes), not text.
bool looks_binary(std::string_view bytes);

}  // namespace toponym::text
