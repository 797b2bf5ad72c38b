// Reading the inputs of a run: text files, JSONL (one document a line), CSV (one document a
// row) and standard input, as a list of items the pipeline processes in order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace toponym::ingest {

// A JSONL line not parsed yet: the worker that processes it parses it (parse_pending), so that
// a large JSONL file is parsed on every core instead of before any work starts.
struct PendingJsonl {
    std::string bytes;  // the line, without its line end
    std::string path;
    std::string stem;   // for the default id "<stem>-<line>"
    int line = 0;
};

// One input of a run. Exactly one of `file` (a text file, read by the worker that processes
// it), `jsonl` (a JSONL line, parsed by the worker), `document` (already read: a JSONL line, a
// CSV row, standard input) or `error` (a line or row that could not be read: reported, and kept
// as a failed document) is set.
struct InputItem {
    std::string label;  // for messages and progress: the path, or "path:line"
    std::optional<std::string> file;
    std::optional<PendingJsonl> jsonl;
    std::optional<Document> document;
    std::optional<Diagnostic> error;
};

// Parses the pending JSONL line of `item`, if it has one, into its document or error.
void parse_pending(InputItem& item);

enum class InputFormat { Auto, Text, Jsonl, Csv };

// "txt", "jsonl", "csv" (case-insensitive); throws UsageError naming --input-format.
InputFormat parse_input_format(const std::string& name);

struct IngestOptions {
    InputFormat format = InputFormat::Auto;  // Auto: by extension; standard input: by content
    std::string text_column;                 // CSV: the column holding the text ("" = detect)
};

// JSONL documents: one JSON object a line, {"id", "text", optional "title", "source", "url",
// "published"}. A line that is not such an object becomes an error item naming `path` and the
// line; blank lines are skipped; a byte order mark and CRLF line ends are accepted. A missing
// id becomes "<file stem>-<line>".
std::vector<InputItem> read_jsonl(std::string_view bytes, const std::string& path);

// The same lines, not parsed yet (each item's `jsonl` is set; parse_pending parses it).
std::vector<InputItem> read_jsonl_pending(std::string_view bytes, const std::string& path);

// CSV documents, one a row (read with GDAL's CSV driver: quoted fields, embedded newlines, BOM,
// CRLF). The text comes from `text_column`, or else the first column named text, body,
// content, article, full_text or description; id, title, source, url and published (or date)
// columns are used when present. A quoted field that never ends (GDAL would swallow every row
// after it) becomes an error item naming its line; the rows before and after it are read.
// Throws UsageError listing the columns when there is no text column, DataError when the file
// cannot be read or its header row has the unclosed quote.
std::vector<InputItem> read_csv_documents(const std::string& ogr_path, const std::string& path,
                                          const std::string& text_column);

// The items of `inputs` for `toponym map`: files (.txt, .jsonl, .csv by extension unless
// `options.format` says), directories (their .txt files, as expand_inputs) and "-" (standard
// input: JSONL when its first character is "{", else one text document, unless the format
// is given). JSONL lines are left pending (see parse_pending). Directory problems go to
// `problems`; a missing path is a UsageError.
std::vector<InputItem> collect_inputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                                      std::vector<Diagnostic>& problems);

}  // namespace toponym::ingest
