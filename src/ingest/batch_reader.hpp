// Reading the inputs of a run: text files, JSONL (one document a line), CSV (one document a
// row) and standard input, as a list of items the pipeline processes in order.
#pragma once

#include <memory>
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
    // Only with IngestOptions::stream_jsonl: a whole JSONL file, for an InputStream to expand.
    std::optional<std::string> jsonl_file;
};

// Parses the pending JSONL line of `item`, if it has one, into its document or error.
void parse_pending(InputItem& item);

enum class InputFormat { Auto, Text, Jsonl, Csv };

// "txt", "jsonl", "csv" (case-insensitive); throws UsageError naming --input-format.
InputFormat parse_input_format(const std::string& name);

struct IngestOptions {
    InputFormat format = InputFormat::Auto;  // Auto: by extension; standard input: by content
    std::string text_column;                 // CSV: the column holding the text ("" = detect)
    // True: a JSONL file named as input is not read here but becomes one item with
    // `jsonl_file` set, which an InputStream reads a line at a time (a corpus of hundreds of
    // megabytes is then never held whole). False: its lines are items (pending).
    bool stream_jsonl = false;
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

// The items of a run handed out one at a time, in order: the items given, each JSONL file
// among them (`jsonl_file`) read a line at a time as it is reached, its lines becoming pending
// items exactly as read_jsonl_pending makes them (labels "path:line", blank lines skipped, a
// byte order mark and CRLF accepted). A JSONL file that cannot be opened or read becomes an
// error item. Memory: one line at a time, whatever the size of the files. Not thread-safe: one
// caller takes the items.
class InputStream {
public:
    explicit InputStream(std::vector<InputItem> items);
    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    // The number of items next() will hand out in all (JSONL files are counted by a scan of
    // their lines when the stream is made: no line is kept).
    std::size_t total() const { return total_; }

    // The next item, or nothing at the end.
    std::optional<InputItem> next();

private:
    struct OpenFile;
    std::vector<InputItem> items_;
    std::size_t next_item_ = 0;
    std::unique_ptr<OpenFile> open_;  // the JSONL file being read
    std::size_t total_ = 0;
};

}  // namespace toponym::ingest
