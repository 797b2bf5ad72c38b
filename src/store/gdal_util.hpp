// Small RAII helpers around GDAL's global state: driver registration, error capture, /vsimem/.
#pragma once

#include <gdal_priv.h>

#include <optional>
#include <string>
#include <string_view>

namespace toponym::io {

// A field of a layer we write: name, OGR type and subtype.
struct FieldDef {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subtype = OFSTNone;
};

// Registers GDAL's drivers once (thread-safe).
void ensure_gdal_registered();

// A new vector dataset (nullptr when GDAL cannot make it; its error is GDAL's last), made
// without two things that each open PROJ's database and that writing features never uses:
// GDAL's check of creation options against the driver's list (none are given; building the
// GeoPackage driver's list parses every tiling scheme, 39 M instructions) and SpatiaLite on
// the GeoPackage's connection (26 M): 7 % of resolving the 4 MB Airwars table.
GDALDatasetUniquePtr create_vector_dataset(GDALDriver& driver, const std::string& path);

// While alive, GDAL errors and warnings are captured here instead of printed on stderr (the
// library never prints): `last_message()` gives the last failure's text.
class QuietGdalErrors {
public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

    const std::string& last_message() const { return last_message_; }
    bool failed() const { return failed_; }
    void reset();

private:
    void handler(int error_class, int error_number, const char* message);
    std::string last_message_;
    bool failed_ = false;
    QuietGdalErrors* previous_ = nullptr;
};

// Bytes exposed to GDAL as a /vsimem/ file for the lifetime of this object (not copied).
class MemoryFile {
public:
    MemoryFile(std::string_view name, std::string_view bytes);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Where a quoted field opens and never closes: its 1-based line, and the byte offset where
// the next line starts (bytes.size() when there is none). Every quote toggles, as in GDAL's
// CSV splitter ("" inside a field toggles twice), so no quote follows the one found.
struct UnclosedQuote {
    int line = 0;
    std::size_t next_line_offset = 0;
    std::size_t row_offset = 0;  // where the row holding the quote starts (0: the header row)
    std::size_t header_end = 0;  // where the row after the header starts
};
std::optional<UnclosedQuote> find_unclosed_quote(std::string_view bytes);
// The same for a file GDAL can open (a path or /vsimem/); nullopt also when it cannot be opened.
std::optional<UnclosedQuote> find_unclosed_quote_in_file(const std::string& gdal_path);

// Throws DataError naming the line where a quoted field opens and never closes. GDAL's CSV
// reader would take the rest of the file as that one field and lose every row after it.
void check_csv_quotes(const std::string& path);

// True when `path` is named .csv/.tsv/.txt and its header line has no separator: a table of one
// column, which GDAL 3.6's CSV driver refuses (fixed in GDAL 3.7).
bool csv_with_one_column(const std::string& path);

// Such a file as an in-memory dataset with one layer (named after the file) of one text field,
// read with GDAL's CSV line parser: quoted cells (even over several lines) are unquoted, and an
// unquoted comma stays inside the cell, since the header says there is one column. A quote
// that never closes is a DataError naming its line (check_csv_quotes).
GDALDatasetUniquePtr open_one_column_csv(const std::string& path);

// GDAL's reason for failing to open `path`, or a plain one when GDAL gave none.
std::string open_failure_reason(const QuietGdalErrors& errors);

}  // namespace toponym::io
