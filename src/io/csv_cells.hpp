// A comma-separated table read with libcsv, for `toponym resolve`'s common case (a CSV with a
// header row): a few instructions a byte, where GDAL's CSV driver spends a feature object and
// a string copy per cell (as much as ogr2ogr's whole copy of the table to GeoPackage). The
// cells are exactly what GDAL's driver reads (AUTODETECT_TYPE=NO, EMPTY_STRING_AS_NULL=NO):
// nothing trimmed, quotes undone, blank lines skipped, cells past the header's count dropped,
// missing ones unset. Whatever GDAL might read otherwise (another separator, a .csvt with
// types, a header GDAL does not take as one, a quote inside an unquoted cell) is left to GDAL.
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

private:
    static constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
    friend std::optional<CsvCells> read_csv_cells(const std::string&, const std::vector<std::string>&);
    friend struct CsvCellsBuilder;
    std::size_t column_count_ = 0;
    std::string bytes_;                 // every cell followed by a NUL
    std::vector<std::size_t> offsets_;  // row-major, kUnset for a missing cell
    std::vector<int> lines_;            // the line each row starts on (empty when not known)
};

// The data rows of `path` when it is a plain comma-separated file whose first record is
// exactly `header` (the field names GDAL's CSV driver gave it), else nothing: the caller then
// reads it with GDAL. Throws DataError naming the path when it cannot be read.
std::optional<CsvCells> read_csv_cells(const std::string& path, const std::vector<std::string>& header);

}  // namespace toponym::io
