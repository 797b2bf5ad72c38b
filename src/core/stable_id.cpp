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
