// Rows straight into a GeoPackage table with SQLite (see gpkg_rows.hpp for why).
#include "io/gpkg_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "io/gpkg_rtree.hpp"
#include "io/sql_quote.hpp"

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
    : error_name_(std::move(error_name)), table_(table), geometry_column_(geometry_column), srs_id_(srs_id) {
    try {
        open(path, columns);
    } catch (...) {
        if (insert_) sqlite3_finalize(insert_);
        sqlite3_close(db_);  // a constructor that throws runs no destructor
        throw;
    }
}

void GpkgRowInserter::open(const std::string& path, const std::vector<std::string>& columns) {
    // One thread writes through this connection: no locking of SQLite's own mutexes per call.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        fail("cannot open the GeoPackage");
    }
    exec("BEGIN");
    // The table's own triggers (GDAL's feature count) would run once per row: dropped while
    // the rows go in, put back as they were, and the count set once.
    sqlite3_stmt* list = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1", -1, &list,
                           nullptr) != SQLITE_OK) {
        fail("cannot read the table's triggers");
    }
    sqlite3_bind_text(list, 1, table_.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(list) == SQLITE_ROW) {
        triggers_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)),
                               reinterpret_cast<const char*>(sqlite3_column_text(list, 1)));
    }
    sqlite3_finalize(list);
    for (const auto& [name, sql] : triggers_) exec("DROP TRIGGER " + sql_identifier(name));

    std::string sql = "INSERT INTO " + sql_identifier(table_) + " (\"fid\", " + sql_identifier(geometry_column_);
    for (const std::string& c : columns) sql += ", " + sql_identifier(c);
    sql += ") VALUES (?";
    for (std::size_t i = 0; i < columns.size() + 1; ++i) sql += ", ?";
    sql += ")";
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &insert_, nullptr) != SQLITE_OK) {
        fail("cannot prepare the insert");
    }
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

GpkgRowInserter::~GpkgRowInserter() {
    if (insert_) sqlite3_finalize(insert_);
    if (db_) {
        if (!finished_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db_);
    }
}

void GpkgRowInserter::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string why = message ? message : "unknown error";
        sqlite3_free(message);
        throw DataError(error_name_, fmt::format("writing the GeoPackage failed: {}", why));
    }
}

void GpkgRowInserter::fail(const std::string& what) {
    throw DataError(error_name_, fmt::format("{}: {}", what, db_ ? sqlite3_errmsg(db_) : "out of memory"));
}

// Parameters: 1 fid, 2 geometry, 3... the columns.
void GpkgRowInserter::text(std::size_t column, std::string_view value) {
    sqlite3_bind_text(insert_, static_cast<int>(column) + 3, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

void GpkgRowInserter::integer(std::size_t column, std::int64_t value) {
    sqlite3_bind_int64(insert_, static_cast<int>(column) + 3, value);
}

void GpkgRowInserter::real(std::size_t column, double value) { sqlite3_bind_double(insert_, static_cast<int>(column) + 3, value); }

void GpkgRowInserter::point(double x, double y) {
    put_le_double(&blob_[13], x);
    put_le_double(&blob_[21], y);
    has_point_ = true;
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
    const std::int64_t fid = ++rows_;
    sqlite3_bind_int64(insert_, 1, fid);
    if (has_point_) sqlite3_bind_blob(insert_, 2, blob_.data(), static_cast<int>(blob_.size()), SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) fail(fmt::format("cannot write row {}", fid));
    sqlite3_reset(insert_);
    sqlite3_clear_bindings(insert_);
    has_point_ = false;
}

void GpkgRowInserter::finish() {
    if (points_ > 0) {
        exec(fmt::format("UPDATE gpkg_contents SET min_x = {:.17g}, min_y = {:.17g}, max_x = {:.17g}, max_y = {:.17g} "
                         "WHERE lower(table_name) = lower({})",
                         min_x_, min_y_, max_x_, max_y_, sql_literal(table_)));
    }
    exec("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(" +
         sql_literal(table_) + ")");
    sqlite3_stmt* has = nullptr;
    const bool counts = sqlite3_prepare_v2(db_, "SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'", -1, &has, nullptr) ==
                            SQLITE_OK &&
                        sqlite3_step(has) == SQLITE_ROW;
    sqlite3_finalize(has);
    if (counts) {
        exec(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = {} WHERE lower(table_name) = lower({})", rows_,
                         sql_literal(table_)));
    }
    for (const auto& [name, sql] : triggers_) exec(sql);
    add_gpkg_spatial_index(db_, table_, geometry_column_, "fid", std::move(boxes_), error_name_);
    sqlite3_finalize(insert_);
    insert_ = nullptr;
    exec("COMMIT");
    finished_ = true;
    if (sqlite3_close(db_) != SQLITE_OK) fail("cannot close the GeoPackage");
    db_ = nullptr;
}

}  // namespace toponym::io
