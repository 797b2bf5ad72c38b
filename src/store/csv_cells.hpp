// A comma-separated table read with libcsv, for `toponym resolve`'s common case (a CSV with a
// header row): a few instructions a byte, where GDAL's CSV driver spends a feature object and
// a string copy per cell (as much as ogr2ogr's whole copy of the table to GeoPackage). The
// cells are exactly what GDAL's driver reads (AUTODETECT_TYPE=NO, EMPTY_STRING_AS_NULL=NO):
// nothing trimmed, quotes undone, blank lines skipped, cells past the header's count dropped,
// missing ones unset. Whatever GDAL might read otherwise (another separator, a .csvt with
// types, a header GDAL does not take as one, a quote inside an unquoted cell) is left to GDAL.
//
// read_delimited_cells reads any separator, every record as written, for readers that report
// bad rows themselves (`toponym gazetteer build`'s tables, CSV or TSV).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toponym::io {

class CsvCells {
public:
    std::size_t row_count() const { return column_count_ == 0 ? 0 : offsets_.size() / column_count_; }
    std::size_t column_count() const { return column_count_; }
    // False when the row is shorter than the header (GDAL leaves such a field unset).
    bool is_set(std::size_t row, std::size_t column) const { return offsets_[row * column_count_ + column] != kUnset; }
    // The cell, NUL-terminated ("" when unset).
    const char* c_str(std::size_t row, std::size_t column) const {
        const std::size_t at = offsets_[row * column_count_ + column];
        return at == kUnset ? "" : bytes_.data() + at;
    }
    // The file line (1-based) the row starts on, for messages; 0 when not known.
    int line(std::size_t row) const { return row < lines_.size() ? lines_[row] : 0; }
    // The cells the row had in the file, past the header's count or short of it (only
    // read_delimited_cells counts them; else the header's count).
    std::size_t width(std::size_t row) const { return row < widths_.size() ? widths_[row] : column_count_; }
    // Whether a quoted cell of the row never closes (it then holds the rest of the file; only
    // read_delimited_cells reads such a row).
    bool unclosed_quote(std::size_t row) const { return row < unclosed_.size() && unclosed_[row]; }

private:
    static constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
    friend std::optional<CsvCells> read_csv_cells(const std::string&, const std::vector<std::string>&);
    friend CsvCells read_delimited_cells(const std::string&, char, std::vector<std::string>&);
    friend struct CsvCellsBuilder;
    std::size_t column_count_ = 0;
    std::string bytes_;                 // every cell followed by a NUL
    std::vector<std::size_t> offsets_;  // row-major, kUnset for a missing cell
    std::vector<int> lines_;            // the line each row starts on (empty when not known)
    std::vector<std::size_t> widths_;   // read_delimited_cells: the cells each row had
    std::vector<bool> unclosed_;        // read_delimited_cells: the row's last quote never closes
};

// The data rows of `path` when it is a plain comma-separated file whose first record is
// exactly `header` (the field names GDAL's CSV driver gave it), else nothing: the caller then
// reads it with GDAL. Throws DataError naming the path when it cannot be read.
std::optional<CsvCells> read_csv_cells(const std::string& path, const std::vector<std::string>& header);

// Every record of the text at `path` (a file or a GDAL /vsimem/ path) cut at `separator`, as
// written (RFC 4180): a UTF-8 byte-order mark skipped, a quote opens a quoted cell only at the
// start of a cell, a doubled quote inside is one quote, quoted cells may span lines, CR is
// dropped outside quotes, nothing trimmed. The first record, blank or not, is `header` (left
// empty when the file is, or when its quote never closes); the
// others are rows (empty lines skipped), each with the line it starts on (lines counted at
// LF), its width (cells past the header's count are dropped, missing ones unset) and whether
// its quote never closes (then it is the last row). No row makes it fail: the caller reports
// bad rows. Throws DataError naming the path when the file cannot be read.
CsvCells read_delimited_cells(const std::string& path, char separator, std::vector<std::string>& header);

}  // namespace toponym::io
