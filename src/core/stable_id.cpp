// FNV-1a based stable ids (std::hash is not stable across implementations).
#include "core/stable_id.hpp"

#include <fmt/format.h>

namespace toponym {

std::uint64_t stable_hash(std::initializer_list<std::string_view> parts) {
    std::uint64_t h = 14695981039346656037ULL;
    auto mix = [&h](unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
    };
    for (std::string_view part : parts) {
        for (char c : part) mix(static_cast<unsigned char>(c));
        mix(0x1f);  // unit separator between parts
    }
    return h;
}

std::string stable_id(std::string_view prefix, std::initializer_list<std::string_view> parts) {
    return fmt::format("{}{:016x}", prefix, stable_hash(parts));
}

}  // namespace toponym

namespace toponym {

std::string normalised_content(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pending_newlines = 0;  // blank lines are kept only when text follows them
    // Without a CR anywhere (nearly every text: readers turn line ends into LF), lines end
    // where memchr finds an LF; else a plain loop finds either (find_first_of tests every
    // byte against a set).
    const bool has_cr = text.find('\r') != std::string_view::npos;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        if (!has_cr) {
            end = text.find('\n', i);
            if (end == std::string_view::npos) end = text.size();
        } else {
            while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        }
        std::string_view line = text.substr(i, end - i);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (!line.empty()) {
            if (!out.empty()) out.append(pending_newlines, '\n');
            pending_newlines = 0;
            out.append(line);
        }
        ++pending_newlines;
        if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
        i = end + 1;
    }
    return out;
}

std::string content_hash(std::string_view text) {
    const std::string normalised = normalised_content(text);
    return fmt::format("{:016x}", stable_hash({normalised}));
}

std::string document_key(std::string_view source, std::string_view doc_id) { return stable_id("dk-", {source, doc_id}); }

}  // namespace toponym
