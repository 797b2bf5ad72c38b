// UTF-8 repair on top of ICU's U8_NEXT, which reports ill-formed sequences as negative values.
#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>

namespace toponym::text {

Utf8Repair repair_utf8(std::string_view bytes) {
    Utf8Repair out;
    out.text.reserve(bytes.size());
    std::size_t i = 0;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    // ASCII without CR (most documents, and every JSONL line of most corpora) stays as it is:
    // one pass the compiler vectorises, instead of the byte loop below.
    unsigned char high_bits = 0;
    unsigned char cr = 0;
    for (std::size_t k = i; k < bytes.size(); ++k) {
        const auto c = static_cast<unsigned char>(bytes[k]);
        high_bits |= c;
        cr |= static_cast<unsigned char>(c == '\r');
    }
    if (high_bits < 0x80 && cr == 0) {
        out.text.assign(bytes.substr(i));
        return out;
    }
    int line = 1;
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto length = static_cast<std::int64_t>(bytes.size());
    auto pos = static_cast<std::int64_t>(i);
    while (pos < length) {
        // Runs of ASCII other than CR are copied as they are.
        auto run_end = pos;
        while (run_end < length && data[run_end] < 0x80) {
            if (data[run_end] == '\n') ++line;
            else if (data[run_end] == '\r') break;
            ++run_end;
        }
        out.text.append(bytes.data() + pos, static_cast<std::size_t>(run_end - pos));
        pos = run_end;
        if (pos >= length) break;
        const std::uint8_t byte = data[pos];
        if (byte < 0x80) {  // CR: normalise line ends
            ++pos;
            if (byte == '\r') {
                if (pos < length && data[pos] == '\n') ++pos;
                out.text.push_back('\n');
                ++line;
            } else {
                out.text.push_back(static_cast<char>(byte));
                if (byte == '\n') ++line;
            }
            continue;
        }
        UChar32 cp = 0;
        U8_NEXT(data, pos, length, cp);
        if (cp < 0) {
            ++out.invalid_sequences;
            if (out.first_invalid_line == 0) out.first_invalid_line = line;
            cp = 0xFFFD;
        }
        append_utf8(out.text, static_cast<char32_t>(cp));
    }
    return out;
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
    const auto* data = reinterpret_cast<const std::uint8_t*>(s.data());
    auto p = static_cast<std::int64_t>(pos);
    UChar32 cp = 0;
    U8_NEXT(data, p, static_cast<std::int64_t>(s.size()), cp);
    pos = static_cast<std::size_t>(p);
    return cp < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(cp);
}

std::size_t count_code_points(std::string_view s, std::size_t byte_end) {
    byte_end = std::min(byte_end, s.size());
    // Every byte that is not a continuation byte (10xxxxxx) starts a code point.
    return static_cast<std::size_t>(std::count_if(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(byte_end),
                                                  [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool looks_binary(std::string_view bytes) {
    // UTF-16/32 files have NULs too; they are reported as not UTF-8 text rather than guessed at.
    return bytes.find('\0') != std::string_view::npos;
}

}  // namespace toponym::text
