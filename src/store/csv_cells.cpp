// Reading a CSV table with libcsv (see csv_cells.hpp for why and for what GDAL is left).
#include "store/csv_cells.hpp"

#include <cpl_vsi.h>
#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/error.hpp"

namespace toponym::io {

// Collects libcsv's callbacks: the first record is the header, the others rows.
struct CsvCellsBuilder {
    CsvCells cells;
    std::vector<std::string> header;
    bool in_header = true;
    std::size_t fields_in_row = 0;

    void field(const char* data, std::size_t length) {
        if (in_header) {
            header.emplace_back(data ? data : "", length);
            return;
        }
        if (fields_in_row++ >= cells.column_count_) return;  // past the header's count: GDAL drops it
        cells.offsets_.push_back(cells.bytes_.size());
        cells.bytes_.append(data ? data : "", length);
        cells.bytes_.push_back('\0');
    }

    void reserve(std::size_t bytes) { cells.bytes_.reserve(bytes); }

    void end_row() {
        if (in_header) {
            in_header = false;
            cells.column_count_ = header.size();
        } else {
            for (; fields_in_row < cells.column_count_; ++fields_in_row) cells.offsets_.push_back(CsvCells::kUnset);
        }
        fields_in_row = 0;
    }
};

namespace {

void on_field(void* data, std::size_t length, void* builder) {
    static_cast<CsvCellsBuilder*>(builder)->field(static_cast<const char*>(data), length);
}

void on_row_end(int, void* builder) { static_cast<CsvCellsBuilder*>(builder)->end_row(); }

int no_space(unsigned char) { return 0; }  // GDAL keeps spaces around cells

bool has_sidecar_types(const std::filesystem::path& path) {
    for (const char* ext : {".csvt", ".CSVT"}) {
        std::filesystem::path types = path;
        types.replace_extension(ext);
        if (std::filesystem::exists(types)) return true;
    }
    return false;
}

constexpr std::size_t kSplitFrom = 1u << 20;  // bytes: below, one thread parses it all

// Strict: a quote inside an unquoted cell, or text after a closing quote, is an error here
// (GDAL reads such cells its own way: it gets the file instead).
bool parse_strictly(std::string_view text, CsvCellsBuilder& builder) {
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return false;
    csv_set_space_func(&parser, no_space);
    builder.reserve(text.size() + text.size() / 8);
    const std::size_t parsed = csv_parse(&parser, text.data(), text.size(), on_field, on_row_end, &builder);
    const bool ok = parsed == text.size() && csv_fini(&parser, on_field, on_row_end, &builder) == 0;
    csv_free(&parser);
    return ok;
}

// Where a row starts near the middle: after the first line end there that lies outside
// quotes. In a file a strict parse accepts, quotes come in pairs (an opening and a closing
// one, or a doubled one inside), so an even count of quotes before a line end puts it outside.
// (If the file is not such a file, a strict parse of one half fails and GDAL reads it.)
std::size_t row_boundary_near_middle(std::string_view text) {
    const std::size_t middle = text.size() / 2;
    std::size_t quotes = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(middle), '"'));
    for (std::size_t i = middle; i < text.size(); ++i) {
        if (text[i] == '"') ++quotes;
        else if (text[i] == '\n' && quotes % 2 == 0) return i + 1;
    }
    return text.size();
}

// The line each data row starts on. For a file a strict parse accepted, a record is a run of
// bytes other than CR and LF outside quotes (libcsv skips empty lines; a quote opens or closes
// a quoted cell, a doubled one inside toggles twice), and the first record is the header.
std::vector<int> row_start_lines(std::string_view text) {
    std::vector<int> lines;
    int line = 1;
    bool in_quotes = false, in_record = false, header = true;
    for (const char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        const bool line_end = c == '\n' || c == '\r';
        if (!in_quotes && line_end) {
            if (in_record) header = false;
            in_record = false;
        } else if (!in_record) {
            in_record = true;
            if (!header) lines.push_back(line);
        }
        if (c == '\n') ++line;
    }
    return lines;
}

// The whole file (a path or /vsimem/). Throws DataError naming the path when it cannot be read.
std::string read_whole_file(const std::string& path) {
    errno = 0;
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) throw DataError(path, fmt::format("cannot read: {}", std::strerror(errno)));
    std::string bytes;
    if (VSIFSeekL(f, 0, SEEK_END) == 0) {
        bytes.resize(static_cast<std::size_t>(VSIFTellL(f)));
        VSIFSeekL(f, 0, SEEK_SET);
    }
    const std::size_t read = VSIFReadL(bytes.data(), 1, bytes.size(), f);
    VSIFCloseL(f);
    if (read != bytes.size()) throw DataError(path, fmt::format("cannot read: {}", std::strerror(errno)));
    return bytes;
}

}  // namespace

std::optional<CsvCells> read_csv_cells(const std::string& path, const std::vector<std::string>& header) {
    const std::filesystem::path p(path);
    std::string ext = p.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".csv" || header.empty() || has_sidecar_types(p)) return std::nullopt;
    const std::string bytes = read_whole_file(path);
    std::string_view text(bytes);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

    // Big files are cut in two at a line end outside quotes and parsed on two threads.
    const std::size_t cut = text.size() >= kSplitFrom ? row_boundary_near_middle(text) : text.size();
    CsvCellsBuilder first;
    std::optional<CsvCellsBuilder> second;
    bool second_ok = true;
    {
        std::jthread other;
        if (cut < text.size()) {
            second.emplace();
            second->in_header = false;
            second->cells.column_count_ = header.size();
            other = std::jthread([&] { second_ok = parse_strictly(text.substr(cut), *second); });
        }
        if (!parse_strictly(text.substr(0, cut), first) || first.header != header) return std::nullopt;
    }
    if (!second_ok) return std::nullopt;
    if (second) {
        const std::size_t shift = first.cells.bytes_.size();
        first.cells.bytes_.append(second->cells.bytes_);
        first.cells.offsets_.reserve(first.cells.offsets_.size() + second->cells.offsets_.size());
        for (std::size_t at : second->cells.offsets_) first.cells.offsets_.push_back(at == CsvCells::kUnset ? at : at + shift);
    }
    first.cells.lines_ = row_start_lines(text);
    if (first.cells.lines_.size() != first.cells.row_count()) first.cells.lines_.clear();  // not as libcsv counted: unknown
    return std::move(first.cells);
}

CsvCells read_delimited_cells(const std::string& path, char separator, std::vector<std::string>& header) {
    const std::string bytes = read_whole_file(path);
    std::string_view text(bytes);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
    CsvCells out;
    std::vector<std::string> cells;
    std::string cell;
    std::size_t pos = 0;
    int line = 1;
    header.clear();
    for (bool first = true; pos < text.size(); first = false) {
        const int start_line = line;
        cells.clear();
        cell.clear();
        bool quoted = false;
        while (pos < text.size()) {
            const char c = text[pos++];
            if (quoted) {
                if (c == '"' && pos < text.size() && text[pos] == '"') cell.push_back('"'), ++pos;
                else if (c == '"') quoted = false;
                else {
                    if (c == '\n') ++line;
                    cell.push_back(c);
                }
            } else if (c == '"' && cell.empty()) {
                quoted = true;
            } else if (c == separator) {
                cells.push_back(std::move(cell));
                cell.clear();
            } else if (c == '\n') {
                ++line;
                break;
            } else if (c != '\r') {
                cell.push_back(c);
            }
        }
        cells.push_back(std::move(cell));
        if (first) {
            if (!quoted) header = cells;  // else no header: the quote holds the whole file
            out.column_count_ = header.size();
            continue;
        }
        if (cells.size() == 1 && cells[0].empty() && !quoted) continue;  // an empty line
        out.lines_.push_back(start_line);
        out.widths_.push_back(cells.size());
        out.unclosed_.push_back(quoted);
        for (std::size_t i = 0; i < out.column_count_; ++i) {
            if (i >= cells.size()) {
                out.offsets_.push_back(CsvCells::kUnset);
                continue;
            }
            out.offsets_.push_back(out.bytes_.size());
            out.bytes_.append(cells[i]);
            out.bytes_.push_back('\0');
        }
    }
    return out;
}

}  // namespace toponym::io
