// JSONL, CSV and standard-input documents.
#include "ingest/batch_reader.hpp"

#include <fmt/format.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/dates.hpp"
#include "ingest/document_reader.hpp"
#include "store/gdal_util.hpp"
#include "store/table_io.hpp"
#include "text/utf8.hpp"

namespace toponym::ingest {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

InputFormat format_from_extension(const std::string& path) {
    const std::string p = lower(path);
    if (p.ends_with(".jsonl") || p.ends_with(".ndjson")) return InputFormat::Jsonl;
    if (p.ends_with(".csv")) return InputFormat::Csv;
    return InputFormat::Text;
}

InputItem error_item(const std::string& path, int line, std::string message) {
    InputItem item;
    item.label = line > 0 ? fmt::format("{}:{}", path, line) : path;
    item.error = Diagnostic{Diagnostic::Severity::Error, path, line, std::move(message)};
    return item;
}

// A JSON member as text: strings as they are, numbers written out (ids are often numbers).
std::optional<std::string> member_text(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    return std::nullopt;
}

void set_published(Document& doc, const std::string& value, int line) {
    if (value.empty()) return;
    doc.published = parse_iso_date(value);
    if (!doc.published) {
        doc.diagnostics.push_back({Diagnostic::Severity::Warning, doc.path, line,
                                   fmt::format("published \"{}\" is not a date (YYYY-MM-DD); publication date unknown", value)});
    }
}

// Valid UTF-8 text for a document field; notes repairs in `doc`.
std::string repaired(Document& doc, std::string_view bytes, int line, const char* what) {
    text::Utf8Repair r = text::repair_utf8(bytes);
    if (r.invalid_sequences > 0) {
        doc.diagnostics.push_back({Diagnostic::Severity::Warning, doc.path, line,
                                   fmt::format("{}: {} invalid UTF-8 sequence{} replaced by U+FFFD", what,
                                               r.invalid_sequences, r.invalid_sequences == 1 ? "" : "s")});
    }
    return std::move(r.text);
}

InputItem jsonl_line(std::string_view line, const std::string& path, const std::string& stem, int line_no) {
    Document doc;
    doc.path = path;
    // Invalid bytes are repaired first so that one bad byte does not lose the whole document.
    const std::string valid = repaired(doc, line, line_no, "line");
    nlohmann::json object;
    try {
        object = nlohmann::json::parse(valid);
    } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number too big for a double (out_of_range)
        std::string what = e.what();
        if (const auto pos = what.find("] "); what.starts_with("[json.exception") && pos != std::string::npos) what = what.substr(pos + 2);
        return error_item(path, line_no, fmt::format("not a JSON document ({}); line skipped", what));
    }
    if (!object.is_object()) return error_item(path, line_no, "not a JSON object; line skipped");
    const auto text = object.find("text");
    if (text == object.end() || !text->is_string()) {
        return error_item(path, line_no, "no \"text\" string in this object; line skipped");
    }
    doc.text = text->get<std::string>();
    doc.doc_id = member_text(object, "id").value_or(fmt::format("{}-{}", stem, line_no));
    doc.title = member_text(object, "title").value_or("");
    doc.source = member_text(object, "source").value_or("");
    doc.url = member_text(object, "url").value_or("");
    set_published(doc, member_text(object, "published").value_or(""), line_no);
    InputItem item;
    item.label = fmt::format("{}:{}", path, line_no);
    item.document = std::move(doc);
    return item;
}

// Index of the first column named like one of `names` (case-insensitive), or -1.
int find_column(const std::vector<std::string>& columns, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (EQUAL(columns[c].c_str(), name)) return static_cast<int>(c);
        }
    }
    return -1;
}

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? ", " : "") + columns[c];
    return out;
}

// The rest of a stream, read a block at a time (an istreambuf_iterator copies a character at a
// time: ~20 ms for the 22 MB benchmark corpus, on the thread the workers wait for).
std::string read_all(std::istream& in) {
    std::string bytes;
    constexpr std::size_t kBlock = 1 << 20;
    for (;;) {
        const std::size_t size = bytes.size();
        bytes.resize(size + kBlock);
        in.read(bytes.data() + size, static_cast<std::streamsize>(kBlock));
        bytes.resize(size + static_cast<std::size_t>(in.gcount()));
        if (!in) break;
    }
    return bytes;
}

InputItem text_item(const std::string& label, std::string_view bytes) {
    InputItem item;
    item.label = label;
    try {
        item.document = parse_text_document(label, bytes);
    } catch (const DataError& e) {
        item.error = Diagnostic{Diagnostic::Severity::Error, e.where(), e.line(), e.what()};
    }
    return item;
}

void append(std::vector<InputItem>& to, std::vector<InputItem>&& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

std::vector<InputItem> read_stdin(const IngestOptions& options) {
    const std::string bytes = read_all(std::cin);
    InputFormat format = options.format;
    if (format == InputFormat::Auto) {
        std::string_view s(bytes);
        if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
        const auto first = s.find_first_not_of(" \t\r\n");
        format = first != std::string_view::npos && s[first] == '{' ? InputFormat::Jsonl : InputFormat::Text;
    }
    if (format == InputFormat::Jsonl) return read_jsonl_pending(bytes, "-");
    if (format == InputFormat::Csv) {
        io::MemoryFile file("stdin.csv", bytes);
        return read_csv_documents(file.path(), "-", options.text_column);
    }
    InputItem item = text_item("-", bytes);
    if (item.document) item.document->doc_id = "stdin";
    return {std::move(item)};
}

std::vector<InputItem> read_file_items(const std::string& path, InputFormat format, const IngestOptions& options) {
    if (format == InputFormat::Auto) format = format_from_extension(path);
    if (format == InputFormat::Csv) return read_csv_documents(path, path, options.text_column);
    if (format == InputFormat::Jsonl) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) return {error_item(path, 0, "is a directory")};
        if (options.stream_jsonl) {
            InputItem item;
            item.label = path;
            item.jsonl_file = path;
            return {std::move(item)};
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) return {error_item(path, 0, std::strerror(errno))};
        const std::string bytes = read_all(in);
        if (in.bad()) return {error_item(path, 0, fmt::format("read failed: {}", std::strerror(errno)))};
        return read_jsonl_pending(bytes, path);
    }
    InputItem item;
    item.label = path;
    item.file = path;
    return {std::move(item)};
}

// The whole content of a file GDAL can open (a path or /vsimem/).
std::string read_gdal_file(const std::string& gdal_path, const std::string& path) {
    VSILFILE* f = VSIFOpenL(gdal_path.c_str(), "rb");
    if (!f) throw DataError(path, "cannot open");
    std::string bytes;
    char buffer[1 << 16];
    for (std::size_t n; (n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0;) bytes.append(buffer, n);
    VSIFCloseL(f);
    return bytes;
}

// The rows of a CSV (store/table_io.hpp) as documents, numbered from `first_row`; `header_line`
// is the file line of the header (diagnostics give row lines as if each row were one line).
std::vector<InputItem> read_csv_rows(const std::string& ogr_path, const std::string& path, const std::string& text_column,
                                     int first_row, int header_line) {
    const io::SourceTable table = io::SourceTable::open_csv(ogr_path, path);
    const std::vector<std::string>& columns = table.columns();
    const int f_text = text_column.empty()
                           ? find_column(columns, {"text", "body", "content", "article", "full_text", "description"})
                           : find_column(columns, {text_column.c_str()});
    if (f_text < 0) {
        throw UsageError(path, text_column.empty()
                                   ? fmt::format("no text column found (text, body, content, ...); choose one with --text-column ({})", column_list(columns))
                                   : fmt::format("no column \"{}\" (columns: {})", text_column, column_list(columns)));
    }
    const int f_id = find_column(columns, {"id", "doc_id"});
    const int f_title = find_column(columns, {"title"});
    const int f_source = find_column(columns, {"source"});
    const int f_url = find_column(columns, {"url"});
    const int f_published = find_column(columns, {"published", "date"});
    const std::string stem = path == "-" ? std::string("stdin") : fs::path(path).stem().string();

    std::vector<InputItem> items;
    int row = first_row - 1;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        const auto field = [&](int i) { return i >= 0 ? table.cell(r, i) : std::string(); };
        ++row;
        const int line = header_line + (row - first_row) + 1;
        Document doc;
        doc.path = path;
        doc.text = repaired(doc, field(f_text), line, "text");
        const std::string id = field(f_id);
        doc.doc_id = id.empty() ? fmt::format("{}-{}", stem, row) : id;
        doc.title = field(f_title);
        doc.source = field(f_source);
        doc.url = field(f_url);
        set_published(doc, field(f_published), line);
        InputItem item;
        item.label = fmt::format("{}:row {}", path, row);
        item.document = std::move(doc);
        items.push_back(std::move(item));
    }
    if (!table.read_stopped().empty()) items.push_back(error_item(path, 0, table.read_stopped()));
    return items;
}

}  // namespace

InputFormat parse_input_format(const std::string& name) {
    const std::string n = lower(name);
    if (n == "txt" || n == "text") return InputFormat::Text;
    if (n == "jsonl" || n == "ndjson") return InputFormat::Jsonl;
    if (n == "csv") return InputFormat::Csv;
    throw UsageError("--input-format", fmt::format("unknown input format \"{}\" (txt, jsonl, csv)", name));
}

namespace {

std::string jsonl_stem(const std::string& path) { return path == "-" ? std::string("stdin") : fs::path(path).stem().string(); }

// A line of a JSONL file as an item, or nothing for a blank line (`line` without its line end).
std::optional<InputItem> pending_line(std::string_view line, const std::string& path, const std::string& stem, int line_no) {
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
    InputItem item;
    item.label = fmt::format("{}:{}", path, line_no);
    item.jsonl = PendingJsonl{std::string(line), path, stem, line_no};
    return item;
}

}  // namespace

std::vector<InputItem> read_jsonl_pending(std::string_view bytes, const std::string& path) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const std::string stem = jsonl_stem(path);
    std::vector<InputItem> items;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        ++line_no;
        std::size_t eol = bytes.find('\n', pos);
        if (eol == std::string_view::npos) eol = bytes.size();
        std::string_view line = bytes.substr(pos, eol - pos);
        pos = eol + 1;
        if (auto item = pending_line(line, path, stem, line_no)) items.push_back(std::move(*item));
    }
    return items;
}

struct InputStream::OpenFile {
    std::string path, stem;
    std::ifstream in;
    int line_no = 0;
    std::string line;
};

namespace {

// The items a JSONL file will give: its lines with something other than blanks (a line that
// cannot be opened: one error item). Read a block at a time; nothing kept.
std::size_t count_jsonl_items(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return 1;
    std::vector<char> block(1 << 20);
    std::size_t items = 0;
    bool content = false;  // the current line has something other than blanks
    bool first = true;
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        std::size_t n = static_cast<std::size_t>(in.gcount());
        std::size_t i = 0;
        if (first && n >= 3 && std::memcmp(block.data(), "\xEF\xBB\xBF", 3) == 0) i = 3;
        first = false;
        for (; i < n; ++i) {
            const char c = block[i];
            if (c == '\n') {
                items += content;
                content = false;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                content = true;
            }
        }
    }
    return items + content;
}

}  // namespace

InputStream::InputStream(std::vector<InputItem> items) : items_(std::move(items)) {
    for (const InputItem& item : items_) total_ += item.jsonl_file ? count_jsonl_items(*item.jsonl_file) : 1;
}

InputStream::~InputStream() = default;

std::optional<InputItem> InputStream::next() {
    for (;;) {
        if (open_) {
            OpenFile& f = *open_;
            while (std::getline(f.in, f.line)) {
                ++f.line_no;
                std::string_view line(f.line);
                if (f.line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
                if (auto item = pending_line(line, f.path, f.stem, f.line_no)) return item;
            }
            const bool failed = f.in.bad();
            const std::string path = f.path;
            open_.reset();
            if (failed) return error_item(path, 0, fmt::format("read failed: {}", std::strerror(errno)));
            continue;
        }
        if (next_item_ >= items_.size()) return std::nullopt;
        InputItem item = std::move(items_[next_item_++]);
        if (!item.jsonl_file) return item;
        auto file = std::make_unique<OpenFile>();
        file->path = *item.jsonl_file;
        file->stem = jsonl_stem(file->path);
        file->in.open(file->path, std::ios::binary);
        if (!file->in) return error_item(file->path, 0, std::strerror(errno));
        open_ = std::move(file);
    }
}

void parse_pending(InputItem& item) {
    if (!item.jsonl) return;
    const PendingJsonl line = std::move(*item.jsonl);
    item.jsonl.reset();
    InputItem parsed = jsonl_line(line.bytes, line.path, line.stem, line.line);
    item.document = std::move(parsed.document);
    item.error = std::move(parsed.error);
}

std::vector<InputItem> read_jsonl(std::string_view bytes, const std::string& path) {
    std::vector<InputItem> items = read_jsonl_pending(bytes, path);
    for (InputItem& item : items) parse_pending(item);
    return items;
}

std::vector<InputItem> read_csv_documents(const std::string& ogr_path, const std::string& path, const std::string& text_column) {
    io::ensure_gdal_registered();
    const std::optional<io::UnclosedQuote> unclosed = io::find_unclosed_quote_in_file(ogr_path);
    if (!unclosed) return read_csv_rows(ogr_path, path, text_column, 1, 1);
    // GDAL would take the rest of the file as that one field and lose every row after it. No
    // quote follows the one that never closes, so the lines after its line are plain rows:
    // the rows before it are read, its row is reported and skipped, the rows after it are read.
    if (unclosed->row_offset == 0) throw DataError(path, "unbalanced quote in the header row: the quoted field never ends", unclosed->line);
    const std::string bytes = read_gdal_file(ogr_path, path);
    const std::size_t header_end = unclosed->header_end;
    // Up to the start of the row the quote is in (that row may begin on an earlier line with a
    // quoted field that does close): every quote before it is balanced.
    const io::MemoryFile before("before.csv", std::string_view(bytes).substr(0, unclosed->row_offset));
    std::vector<InputItem> items = read_csv_rows(before.path(), path, text_column, 1, 1);
    items.push_back(error_item(path, unclosed->line,
                               "unbalanced quote: the quoted field that starts on this line never ends; row skipped, the rows after it are read"));
    const std::string rest = bytes.substr(0, header_end) + bytes.substr(unclosed->next_line_offset);
    const io::MemoryFile after("after.csv", rest);
    append(items, read_csv_rows(after.path(), path, text_column, static_cast<int>(items.size()) + 1, unclosed->line));
    return items;
}

std::vector<InputItem> collect_inputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                                      std::vector<Diagnostic>& problems) {
    std::vector<InputItem> items;
    for (const std::string& input : inputs) {
        if (input == "-") {
            append(items, read_stdin(options));
            continue;
        }
        const std::vector<std::string> files = expand_inputs({input}, problems);
        const bool from_directory = files.size() != 1 || files.front() != input;
        for (const std::string& file : files) {
            append(items, read_file_items(file, from_directory ? InputFormat::Text : options.format, options));
        }
    }
    return items;
}

}  // namespace toponym::ingest
