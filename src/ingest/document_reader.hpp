// Reading report files: expanding directories, decoding text, parsing the front matter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace toponym::ingest {

// Files to read for the given inputs: a file is taken as it is; a directory gives every
// `.txt` file below it (hidden ones excepted), sorted by path. A path that does not exist is
// a UsageError (the user mistyped it); an unreadable directory is reported in `problems`.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs, std::vector<Diagnostic>& problems);

// The largest report file read. A news report is kilobytes; a 100 MB file is a concatenation
// or garbage, and one line of 100 MB took over 5 minutes and 5 GB to geoparse.
inline constexpr std::uintmax_t kMaxReportBytes = 8u << 20;

// Reads a text report. Throws DataError naming the path when the file cannot be read or is not
// text (binary, UTF-16/32). Invalid UTF-8 is repaired (U+FFFD) and noted in doc.diagnostics.
Document read_text_document(const std::string& path);

// Builds a Document from bytes already in memory; `path` is used in messages and as the id.
Document parse_text_document(const std::string& path, std::string_view bytes);

}  // namespace toponym::ingest
