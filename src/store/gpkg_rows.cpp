// Rows straight into a GeoPackage table with SQLite (see gpkg_rows.hpp for why).
#include "store/gpkg_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "store/gpkg_rtree.hpp"
#include "store/sql_quote.hpp"

namespace toponym::io {

namespace {

void put_le32(unsigned char* at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(v >> (8 * i));
}

void put_le_double(unsigned char* at, double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) at[i] = static_cast<unsigned char>(bits >> (8 * i));
}

}  // namespace

GpkgRowInserter::GpkgRowInserter(const std::string& path, const std::string& table, const std::string& geometry_column,
                                 const std::vector<std::string>& columns, int srs_id, std::string error_name)
    : error_name_(std::move(error_name)),
      table_(table),
      geometry_column_(geometry_column),
      srs_id_(srs_id),
      // One thread writes through this connection: no locking of SQLite's own mutexes per call.
      db_(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, error_name_, "cannot open the GeoPackage") {
    open(columns);
}

void GpkgRowInserter::open(const std::vector<std::string>& columns) {
    transaction_.emplace(db_.get(), error_name_);
    for (const char* metadata : {"gpkg_geometry_columns", "gpkg_contents"}) {
        if (geometry_column_.empty()) break;  // an attribute table: no SRS
        exec(fmt::format("UPDATE {} SET srs_id = {} WHERE lower(table_name) = lower({})", metadata, srs_id_, sql_literal(table_)));
    }
    // The table's own triggers (GDAL's feature count) would run once per row: dropped while
    // the rows go in, put back as they were, and the count set once.
    {
        sqlite::Statement list(db_.get(), "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1",
                               error_name_, "cannot read the table's triggers");
        sqlite3_bind_text(list.get(), 1, table_.c_str(), -1, SQLITE_TRANSIENT);
        while (list.step() == SQLITE_ROW) {
            triggers_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list.get(), 0)),
                                   reinterpret_cast<const char*>(sqlite3_column_text(list.get(), 1)));
        }
    }
    for (const auto& [name, sql] : triggers_) exec("DROP TRIGGER " + sql_identifier(name));

    insert_head_ = "INSERT INTO " + sql_identifier(table_) + " (\"fid\"";
    if (!geometry_column_.empty()) insert_head_ += ", " + sql_identifier(geometry_column_);
    for (const std::string& c : columns) insert_head_ += ", " + sql_identifier(c);
    insert_head_ += ") VALUES ";
    width_ = columns.size() + 2;
    cells_.resize(kRowsPerInsert * width_);
    geometries_.resize(kRowsPerInsert);
    statements_.resize(kRowsPerInsert + 1);
    statement_for(kRowsPerInsert);  // fails here, before any row, if the table cannot take them
    // The GeoPackage geometry header of a point: magic, version 0, flags (little-endian, no
    // envelope), SRS id; then the point as little-endian WKB.
    blob_[0] = 'G';
    blob_[1] = 'P';
    blob_[2] = 0;
    blob_[3] = 0x01;
    put_le32(&blob_[4], static_cast<std::uint32_t>(srs_id_));
    blob_[8] = 0x01;
    put_le32(&blob_[9], 1);  // wkbPoint
}

GpkgRowInserter::~GpkgRowInserter() = default;

sqlite::Statement& GpkgRowInserter::statement_for(std::size_t rows) {
    sqlite::Statement& s = statements_[rows];
    if (!s) {
        std::string sql = insert_head_;
        const std::size_t parameters = geometry_column_.empty() ? width_ - 1 : width_;  // per row
        for (std::size_t r = 0; r < rows; ++r) {
            sql += r ? ", (?" : "(?";
            for (std::size_t c = 1; c < parameters; ++c) sql += ", ?";
            sql += ")";
        }
        s = sqlite::Statement(db_.get(), sql, error_name_, "cannot prepare the insert");
    }
    return s;
}

void GpkgRowInserter::text(std::size_t column, std::string_view value) {
    Cell& c = cell(column);
    c.kind = Cell::Kind::Text;
    c.offset = text_.size();
    c.size = value.size();
    text_.append(value);
}

void GpkgRowInserter::integer(std::size_t column, std::int64_t value) {
    Cell& c = cell(column);
    c.kind = Cell::Kind::Integer;
    c.integer = value;
}

void GpkgRowInserter::real(std::size_t column, double value) {
    Cell& c = cell(column);
    c.kind = Cell::Kind::Real;
    c.real = value;
}

void GpkgRowInserter::point(double x, double y) {
    put_le_double(&blob_[13], x);
    put_le_double(&blob_[21], y);
    geometries_[pending_] = blob_;
    cells_[pending_ * width_ + 1].kind = Cell::Kind::Geometry;
    if (points_++ == 0) {
        min_x_ = max_x_ = x;
        min_y_ = max_y_ = y;
    } else {
        min_x_ = std::min(min_x_, x);
        max_x_ = std::max(max_x_, x);
        min_y_ = std::min(min_y_, y);
        max_y_ = std::max(max_y_, y);
    }
    boxes_.push_back({rows_ + 1, x, x, y, y});
}

void GpkgRowInserter::insert() {
    Cell& fid = cells_[pending_ * width_];
    fid.kind = Cell::Kind::Integer;
    fid.integer = ++rows_;
    if (++pending_ == kRowsPerInsert) flush();
}

void GpkgRowInserter::flush() {
    if (pending_ == 0) return;
    sqlite::Statement& statement = statement_for(pending_);
    sqlite3_stmt* s = statement.get();
    int at = 0;  // the parameter
    for (std::size_t i = 0; i < pending_ * width_; ++i) {
        Cell& c = cells_[i];
        if (geometry_column_.empty() && i % width_ == 1) continue;  // no geometry parameter
        ++at;
        switch (c.kind) {
            case Cell::Kind::Null: sqlite3_bind_null(s, at); break;
            case Cell::Kind::Text:
                sqlite3_bind_text(s, at, text_.data() + c.offset, static_cast<int>(c.size), SQLITE_STATIC);
                break;
            case Cell::Kind::Integer: sqlite3_bind_int64(s, at, c.integer); break;
            case Cell::Kind::Real: sqlite3_bind_double(s, at, c.real); break;
            case Cell::Kind::Geometry:
                sqlite3_bind_blob(s, at, geometries_[i / width_].data(), static_cast<int>(blob_.size()), SQLITE_STATIC);
                break;
        }
        c.kind = Cell::Kind::Null;
    }
    const std::int64_t first = rows_ - static_cast<std::int64_t>(pending_) + 1;
    if (statement.step() != SQLITE_DONE) statement.fail(fmt::format("cannot write rows {} to {}", first, rows_));
    sqlite3_reset(s);
    pending_ = 0;
    text_.clear();
}

void GpkgRowInserter::finish() {
    flush();
    for (const std::string& sql : index_sql_) exec(sql);
    if (points_ > 0) {
        exec(fmt::format("UPDATE gpkg_contents SET min_x = {:.17g}, min_y = {:.17g}, max_x = {:.17g}, max_y = {:.17g} "
                         "WHERE lower(table_name) = lower({})",
                         min_x_, min_y_, max_x_, max_y_, sql_literal(table_)));
    }
    exec("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(" +
         sql_literal(table_) + ")");
    bool counts = false;
    {
        sqlite::Statement has =
            sqlite::Statement::try_prepare(db_.get(), "SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'");
        counts = has && has.step() == SQLITE_ROW;
    }
    if (counts) {
        exec(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = {} WHERE lower(table_name) = lower({})", rows_,
                         sql_literal(table_)));
    }
    for (const auto& [name, sql] : triggers_) exec(sql);
    if (!geometry_column_.empty()) add_gpkg_spatial_index(db_.get(), table_, geometry_column_, "fid", std::move(boxes_), error_name_);
    for (sqlite::Statement& st : statements_) st = sqlite::Statement();
    transaction_->commit();
    db_.close();
}

}  // namespace toponym::io
