// Tables read whole: any OGR-readable table (CSV, XLSX, GeoPackage, ...) as rows of cells, for
// `toponym resolve` (whose writer, resolve/resolved_table.hpp, copies them out again), the
// incident tables of `toponym eval`, the CSV documents of `toponym map` (ingest) and, read as
// written with any separator, the CSV/TSV tables of `toponym gazetteer build`. The one table
// reader of the project.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/csv_cells.hpp"

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
    // A CSV read as open() reads it, but by GDAL's CSV driver only (or as one column:
    // gdal_util.hpp), `path` a file or /vsimem/ (standard input) that messages call `shown`:
    // throws DataError "cannot read as CSV: REASON" naming `shown` when it cannot be opened;
    // when GDAL stops reading early the rows read are kept and read_stopped() says why.
    static SourceTable open_csv(const std::string& path, const std::string& shown);
    // A delimited text (a file or /vsimem/) cut at `separator`, every record as written, never
    // by GDAL (csv_cells.hpp, read_delimited_cells): columns() is the first record untrimmed
    // (empty when the file is, or its quote never closes), each row has its line, its width in
    // the file and whether its quote never closes, for the caller to report. field_defn() and
    // ogr_row() are not for such a table. Throws DataError naming the path when it cannot be read.
    static SourceTable open_delimited(const std::string& path, char separator);
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
    // Whether the rows were read with libcsv (CsvReader::Fast on a plain CSV) or by open_delimited.
    bool read_fast() const;
    // The cells row `row` had in the file (open_delimited; else the column count), and whether
    // its quote never closes (open_delimited only).
    std::size_t row_width(std::size_t row) const;
    bool row_unclosed_quote(std::size_t row) const;
    // open_csv: "reading stopped after row N: GDAL'S MESSAGE" when GDAL stopped early, else "".
    const std::string& read_stopped() const;

    // For a writer that copies the rows with their types (resolve/resolved_table.hpp): the
    // field of column `column` as OGR describes it (one per column, a copy kept after reading);
    // the cells as libcsv read them, or nullptr unless read_fast(); and row `row` as GDAL read
    // it (only when not read_fast(); throws std::out_of_range past the last row).
    const OGRFieldDefn& field_defn(int column) const;
    const CsvCells* csv_cells() const;
    const OGRFeature& ogr_row(std::size_t row) const;

private:
    SourceTable();
    static SourceTable read(const std::string& path, const std::string& shown, const std::string& layer, CsvReader csv,
                            bool csv_only);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace toponym::io
