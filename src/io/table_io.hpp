// Tables read whole: any OGR-readable table (CSV, XLSX, GeoPackage, ...) as rows of cells, for
// `toponym resolve` (whose writer, resolve/resolved_table.hpp, copies them out again) and the
// incident tables of `toponym eval`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/csv_cells.hpp"

class OGRFeature;
class OGRFieldDefn;

namespace toponym::io {

// The rows of one layer of a table (CSV with a header row, XLSX, GeoPackage, ... anything OGR
// reads), kept with their field types. CSV cells are read as text, as written.
class SourceTable {
public:
    // How a CSV is read: libcsv when it reads the file as GDAL would (csv_cells.hpp), else GDAL;
    // or always GDAL (to compare the two).
    enum class CsvReader { Fast, Gdal };
    // Opens `path` (layer `layer`, or the first). Throws DataError naming the path.
    static SourceTable open(const std::string& path, const std::string& layer = "", CsvReader csv = CsvReader::Fast);
    SourceTable(SourceTable&&) noexcept;
    ~SourceTable();

    const std::string& layer_name() const;
    const std::vector<std::string>& columns() const;
    // Index of the column named `name` (exact, else case-insensitive), or -1.
    int column_index(const std::string& name) const;
    std::size_t row_count() const;
    // The cell as text; "" when null or unset.
    std::string cell(std::size_t row, int column) const;
    // Whether the cell has a value ("" included); false when null or unset.
    bool has_value(std::size_t row, int column) const;
    // The file line (1-based) row `row` starts on, for messages: known for a CSV read with
    // libcsv (read_fast), else 0.
    int row_line(std::size_t row) const;
    // Whether the rows were read with libcsv (CsvReader::Fast on a plain CSV).
    bool read_fast() const;

    // For a writer that copies the rows with their types (resolve/resolved_table.hpp): the
    // field of column `column` as OGR describes it (one per column, a copy kept after reading);
    // the cells as libcsv read them, or nullptr unless read_fast(); and row `row` as GDAL read
    // it (only when not read_fast(); throws std::out_of_range past the last row).
    const OGRFieldDefn& field_defn(int column) const;
    const CsvCells* csv_cells() const;
    const OGRFeature& ogr_row(std::size_t row) const;

private:
    SourceTable();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace toponym::io
