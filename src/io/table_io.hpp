// Tables for `toponym resolve`: any OGR-readable table in, the same rows out with the resolved
// place of a column appended.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "io/csv_cells.hpp"
#include "io/layer_writer.hpp"
#include "resolve/cell_resolver.hpp"

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

private:
    SourceTable();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend class ResolvedTableWriter;
};

// A row's resolution with the text the writer needs, prepared where it was resolved (on a
// worker thread), so that the writer, which runs alone, only copies.
struct ResolvedRow {
    resolve::CellResolution resolution;
    std::string alternatives_json;  // up to 5 alternatives: place_id, name, lat, lon, feature_code, admin1_pcode, score
};
ResolvedRow prepare_resolved_row(resolve::CellResolution resolution, const Gazetteer& gazetteer);

// The names of the fields `toponym resolve` appends, in order, as they will be named next to
// the columns of `source` (a name the table already has gets the prefix "resolved_").
std::vector<std::string> resolved_field_names(const SourceTable& source);

// Writes every row of `source` (same order, every column with its type) followed by the
// resolved fields (status, place_id, place_name, feature_code, matched, method, geo_precision,
// uncertainty_m, confidence, admin1..admin3 with pcodes, lat, lon, alternatives as JSON,
// note), with the place as point geometry (none when unresolved), one row at a time as they
// are resolved. `path` must not exist. CSV cells that a spreadsheet would run as formulas are
// neutralised, the table's own too. Throws DataError naming `error_name`.
class ResolvedTableWriter {
public:
    // How rows reach a GeoPackage: Auto inserts them with SQLite directly (gpkg_rows.hpp) when
    // the source was read as text (a CSV), else through GDAL; Gdal always through GDAL (to
    // compare the two).
    enum class Engine { Auto, Gdal };
    ResolvedTableWriter(const std::string& path, const std::string& error_name, OutputFormat format,
                        const SourceTable& source, const Gazetteer& gazetteer, Engine engine = Engine::Auto);
    ~ResolvedTableWriter();
    ResolvedTableWriter(const ResolvedTableWriter&) = delete;
    ResolvedTableWriter& operator=(const ResolvedTableWriter&) = delete;
    // Row `row` of the source with its resolution; rows must come in order.
    void write(std::size_t row, const ResolvedRow& resolved);
    // Commits and closes the file.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace toponym::io
