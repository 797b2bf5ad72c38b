// Stable identifiers: the same input always gives the same id, on every machine and run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace toponym {

// 64-bit FNV-1a over the parts, separated so that ("ab","c") != ("a","bc").
std::uint64_t stable_hash(std::initializer_list<std::string_view> parts);

// `prefix` followed by 16 hex digits of stable_hash(parts), e.g. "ev-0f3a...".
std::string stable_id(std::string_view prefix, std::initializer_list<std::string_view> parts);

}  // namespace toponym
