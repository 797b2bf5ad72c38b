// Splitting a line into fields and reading numbers from them: shared by the gazetteer readers
// (the TSV format, GeoNames dumps, CSV tables, alias files).
#pragma once

#include <charconv>
#include <string_view>
#include <system_error>
#include <vector>

namespace toponym {

// The parts of `s` between separators, empty ones included ("a\t\tb" gives three).
inline std::vector<std::string_view> split_fields(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

// Reads the whole of `s` (blanks around it allowed) as a number; false if anything else is there.
template <typename T>
bool parse_number(std::string_view s, T& out) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (s.empty()) return false;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace toponym
