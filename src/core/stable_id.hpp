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

namespace toponym {

// The text as compared between runs: line ends unified (CRLF, CR -> LF), spaces and tabs at
// line ends dropped, blank lines at the start and end dropped. Re-saving a report with another
// editor does not make it "changed"; editing a word, a date or the front matter does.
std::string normalised_content(std::string_view text);

// 16 hex digits of stable_hash over normalised_content(text).
std::string content_hash(std::string_view text);

// "dk-" + 16 hex digits naming a report independently of its content: its front-matter source
// and its name (the doc_id, i.e. the file name without .txt, or the path when two inputs of a
// run share a name).
std::string document_key(std::string_view source, std::string_view doc_id);

}  // namespace toponym
