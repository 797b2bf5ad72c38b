// Many rows into one GeoPackage table, through SQLite directly. GDAL creates the file and the
// empty table (schema, gpkg_contents, gpkg_geometry_columns, data columns); the rows are then
// inserted kRowsPerInsert to a prepared INSERT, and the spatial index GDAL would add (the
// gpkg_rtree_index extension, same tables and triggers) is packed from the rows' points at the
// end (store/gpkg_rtree.hpp). Writing the Airwars table through OGRFeature/CreateFeature cost
// three times the SQLite work itself. The result is checked against GDAL-written files in
// tests/unit/table_io_test.cpp and tests/unit/layer_writer_test.cpp.
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/gpkg_rtree.hpp"
#include "store/sqlite.hpp"

namespace toponym::io {

// A value of a row kept until it is written: NULL, a number, text (`size` bytes at `offset`
// in a buffer its holder keeps) or the row's point.
struct GpkgCell {
    enum class Kind : std::uint8_t { Null, Text, Integer, Real, Geometry } kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0;
    std::size_t offset = 0, size = 0;
};

class GpkgRowInserter {
public:
    // `path`: a GeoPackage GDAL has created and closed, with the empty table `table` (primary
    // key "fid", point column `geometry_column` ("" for an attribute table), then `columns` in
    // order) and no spatial index yet. The table is given the SRS `srs_id` (GDAL may have made
    // it without one, which saves opening PROJ's database); gpkg_spatial_ref_sys must hold it
    // (GDAL writes 4326 in every file). Throws DataError naming `error_name`.
    GpkgRowInserter(const std::string& path, const std::string& table, const std::string& geometry_column,
                    const std::vector<std::string>& columns, int srs_id, std::string error_name);
    ~GpkgRowInserter();  // rolls back unless finished (sqlite::Transaction)
    GpkgRowInserter(const GpkgRowInserter&) = delete;
    GpkgRowInserter& operator=(const GpkgRowInserter&) = delete;

    // The cells of the next row, by index into `columns`; a cell not set is NULL. Text is
    // copied.
    void text(std::size_t column, std::string_view value);
    void integer(std::size_t column, std::int64_t value);
    void real(std::size_t column, double value);
    void point(double x, double y);
    // Ends the row (fid = its number, from 1); the cells are then those of the next one. Rows
    // go into the table kRowsPerInsert at a time (and the rest at finish()).
    void insert();
    // Statements (CREATE INDEX ...) run once the rows are in, in the same transaction: an
    // index built from a full table costs less than one kept up row by row.
    void add_indexes(std::vector<std::string> statements) { index_sql_ = std::move(statements); }
    // The layer's extent and feature count, the table's own triggers, the spatial index and the
    // indexes given; then commits and closes.
    void finish();

    // One INSERT statement writes this many rows: SQLite's work per statement (starting it,
    // reading and writing the table's AUTOINCREMENT counter) is then shared by them.
    static constexpr std::size_t kRowsPerInsert = 32;

private:
    using Cell = GpkgCell;  // of a pending row: fid, geometry, then the columns; text in text_

    void open(const std::vector<std::string>& columns);
    void exec(const std::string& sql) { db_.exec(sql); }
    Cell& cell(std::size_t column) { return cells_[pending_ * width_ + 2 + column]; }
    sqlite::Statement& statement_for(std::size_t rows);
    void flush();  // writes the pending rows

    std::string error_name_;
    std::string table_, geometry_column_;
    int srs_id_;
    // Declared in this order so that they go in the reverse one: statements, transaction, connection.
    sqlite::Connection db_;
    std::optional<sqlite::Transaction> transaction_;
    std::string insert_head_;                     // INSERT INTO t (fid, geom, columns...) VALUES
    std::vector<sqlite::Statement> statements_;   // by the number of rows they insert (made when needed)
    std::vector<std::pair<std::string, std::string>> triggers_;  // the table's, dropped while inserting
    std::int64_t rows_ = 0;
    std::size_t width_ = 0;                    // cells per row
    std::size_t pending_ = 0;                  // rows not yet written
    std::vector<Cell> cells_;                  // kRowsPerInsert rows of width_ cells
    std::string text_;                         // the pending rows' text, back to back
    std::vector<std::array<unsigned char, 29>> geometries_;  // the pending rows' points (GeoPackage blobs)
    std::array<unsigned char, 29> blob_{};     // a point's blob: header and WKB, coordinates filled in
    double min_x_, min_y_, max_x_, max_y_;  // the extent of the points
    std::int64_t points_ = 0;
    std::vector<RtreeBox> boxes_;  // the points, for the spatial index built at the end
    std::vector<std::string> index_sql_;
};

}  // namespace toponym::io
