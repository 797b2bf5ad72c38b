// Rows straight into a GeoPackage table with SQLite (see gpkg_rows.hpp for why).
#include "io/gpkg_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/error.hpp"

namespace toponym::io {

namespace {

// "name" with its double quotes doubled: an identifier in SQL whatever a user named the column.
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out.push_back(c);
        if (c == '"') out.push_back('"');
    }
    return out + "\"";
}

// 'text' with its single quotes doubled: a string literal.
std::string literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out.push_back(c);
        if (c == '\'') out.push_back('\'');
    }
    return out + "'";
}

void put_le32(unsigned char* at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(v >> (8 * i));
}

void put_le_double(unsigned char* at, double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) at[i] = static_cast<unsigned char>(bits >> (8 * i));
}

// The triggers that keep the R-tree in step with the table, as GDAL 3.6 writes them (the
// GeoPackage 1.2 rtree extension; ST_IsEmpty and ST_MinX... are the functions GeoPackage
// readers such as GDAL and QGIS register).
std::vector<std::string> rtree_triggers(const std::string& t, const std::string& g, const std::string& f,
                                        const std::string& rtree) {
    const std::string T = quoted(t), G = quoted(g), F = quoted(f), I = quoted(rtree);
    const std::string values = fmt::format("VALUES (NEW.{0},ST_MinX(NEW.{1}), ST_MaxX(NEW.{1}),ST_MinY(NEW.{1}), ST_MaxY(NEW.{1}))", F, G);
    const auto name = [&](const char* suffix) { return quoted(rtree + suffix); };
    return {
        fmt::format("CREATE TRIGGER {} AFTER INSERT ON {} WHEN (new.{} NOT NULL AND NOT ST_IsEmpty(NEW.{})) BEGIN INSERT OR "
                    "REPLACE INTO {} {}; END",
                    name("_insert"), T, G, G, I, values),
        fmt::format("CREATE TRIGGER {} AFTER UPDATE OF {} ON {} WHEN OLD.{} = NEW.{} AND (NEW.{} NOTNULL AND NOT "
                    "ST_IsEmpty(NEW.{})) BEGIN INSERT OR REPLACE INTO {} {}; END",
                    name("_update1"), G, T, F, F, G, G, I, values),
        fmt::format("CREATE TRIGGER {} AFTER UPDATE OF {} ON {} WHEN OLD.{} = NEW.{} AND (NEW.{} ISNULL OR ST_IsEmpty(NEW.{})) "
                    "BEGIN DELETE FROM {} WHERE id = OLD.{}; END",
                    name("_update2"), G, T, F, F, G, G, I, F),
        fmt::format("CREATE TRIGGER {} AFTER UPDATE ON {} WHEN OLD.{} != NEW.{} AND (NEW.{} NOTNULL AND NOT ST_IsEmpty(NEW.{})) "
                    "BEGIN DELETE FROM {} WHERE id = OLD.{}; INSERT OR REPLACE INTO {} {}; END",
                    name("_update3"), T, F, F, G, G, I, F, I, values),
        fmt::format("CREATE TRIGGER {} AFTER UPDATE ON {} WHEN OLD.{} != NEW.{} AND (NEW.{} ISNULL OR ST_IsEmpty(NEW.{})) BEGIN "
                    "DELETE FROM {} WHERE id IN (OLD.{}, NEW.{}); END",
                    name("_update4"), T, F, F, G, G, I, F, F),
        fmt::format("CREATE TRIGGER {} AFTER DELETE ON {} WHEN old.{} NOT NULL BEGIN DELETE FROM {} WHERE id = OLD.{}; END",
                    name("_delete"), T, G, I, F),
    };
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
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail("cannot open the GeoPackage");
    // The R-tree's nodes are as big as the file's pages: built with the same page size.
    sqlite3_stmt* page = nullptr;
    int page_size = 4096;
    if (sqlite3_prepare_v2(db_, "PRAGMA page_size", -1, &page, nullptr) == SQLITE_OK && sqlite3_step(page) == SQLITE_ROW) {
        page_size = sqlite3_column_int(page, 0);
    }
    sqlite3_finalize(page);
    rtree_ = std::make_unique<RtreeBuilder>(page_size);
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
    for (const auto& [name, sql] : triggers_) exec("DROP TRIGGER " + quoted(name));

    std::string sql = "INSERT INTO " + quoted(table_) + " (\"fid\", " + quoted(geometry_column_);
    for (const std::string& c : columns) sql += ", " + quoted(c);
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
    rtree_->add({rows_ + 1, x, y});
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

GpkgRowInserter::RtreeBuilder::RtreeBuilder(int page_size) {
    if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db_);
        throw Error(ErrorKind::Data, "spatial index", "cannot open an in-memory database");
    }
    const std::string sql = fmt::format("PRAGMA page_size = {}; CREATE VIRTUAL TABLE my_rtree USING rtree(id, minx, maxx, miny, maxy)", page_size);
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string why = sqlite3_errmsg(db_);
        sqlite3_close(db_);
        throw Error(ErrorKind::Data, "spatial index", "cannot create the R-tree: " + why);
    }
    thread_ = std::thread([this] { run(); });
}

GpkgRowInserter::RtreeBuilder::~RtreeBuilder() {
    if (thread_.joinable()) {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        ready_.notify_one();
        thread_.join();
    }
    sqlite3_close(db_);
}

void GpkgRowInserter::RtreeBuilder::add(const Point& p) {
    constexpr std::size_t kBatch = 256;  // points handed over at a time
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        pending_.push_back(p);
        wake = pending_.size() == kBatch;
    }
    if (wake) ready_.notify_one();
}

void GpkgRowInserter::RtreeBuilder::run() {
    sqlite3_stmt* add = nullptr;
    try {
        if (sqlite3_prepare_v2(db_, "INSERT INTO my_rtree VALUES (?, ?, ?, ?, ?)", -1, &add, nullptr) != SQLITE_OK ||
            sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
            throw Error(ErrorKind::Data, "spatial index", sqlite3_errmsg(db_));
        }
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [&] { return done_ || pending_.size() >= 256; });
                batch_.swap(pending_);
                pending_.clear();
                if (batch_.empty() && done_) break;
            }
            // The values GDAL gives the R-tree (ST_MinX ... of a point: its coordinates).
            for (const Point& p : batch_) {
                sqlite3_bind_int64(add, 1, p.fid);
                sqlite3_bind_double(add, 2, p.x);
                sqlite3_bind_double(add, 3, p.x);
                sqlite3_bind_double(add, 4, p.y);
                sqlite3_bind_double(add, 5, p.y);
                if (sqlite3_step(add) != SQLITE_DONE) throw Error(ErrorKind::Data, "spatial index", sqlite3_errmsg(db_));
                sqlite3_reset(add);
            }
            batch_.clear();
        }
        if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
            throw Error(ErrorKind::Data, "spatial index", sqlite3_errmsg(db_));
        }
    } catch (...) {
        failure_ = std::current_exception();
    }
    sqlite3_finalize(add);
}

void GpkgRowInserter::RtreeBuilder::finish() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    ready_.notify_one();
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
}

// The index table GDAL would create, holding the nodes the builder made: the virtual table
// creates its node tables, which are then replaced by the builder's, row by row.
void GpkgRowInserter::copy_spatial_index() {
    rtree_->finish();
    const std::string rtree = "rtree_" + table_ + "_" + geometry_column_;
    exec("CREATE VIRTUAL TABLE " + quoted(rtree) + " USING rtree(id, minx, maxx, miny, maxy)");
    for (const char* part : {"_node", "_rowid", "_parent"}) {
        const std::string target = quoted(rtree + part);
        exec("DELETE FROM " + target);
        sqlite3_stmt* read = nullptr;
        sqlite3_stmt* write = nullptr;
        const std::string select = std::string("SELECT * FROM my_rtree") + part;
        const std::string insert = "INSERT INTO " + target + " VALUES (?, ?)";
        const bool prepared = sqlite3_prepare_v2(rtree_->db(), select.c_str(), -1, &read, nullptr) == SQLITE_OK &&
                              sqlite3_prepare_v2(db_, insert.c_str(), -1, &write, nullptr) == SQLITE_OK;
        bool copied = prepared;
        while (copied && sqlite3_step(read) == SQLITE_ROW) {
            sqlite3_bind_int64(write, 1, sqlite3_column_int64(read, 0));
            sqlite3_bind_value(write, 2, sqlite3_column_value(read, 1));
            copied = sqlite3_step(write) == SQLITE_DONE;
            sqlite3_reset(write);
        }
        sqlite3_finalize(read);
        sqlite3_finalize(write);
        if (!copied) fail("cannot copy the spatial index");
    }
    for (const std::string& trigger : rtree_triggers(table_, geometry_column_, "fid", rtree)) exec(trigger);
    exec("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (" + literal(table_) +
         ", " + literal(geometry_column_) + ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
}

void GpkgRowInserter::finish() {
    if (points_ > 0) {
        exec(fmt::format("UPDATE gpkg_contents SET min_x = {:.17g}, min_y = {:.17g}, max_x = {:.17g}, max_y = {:.17g} "
                         "WHERE lower(table_name) = lower({})",
                         min_x_, min_y_, max_x_, max_y_, literal(table_)));
    }
    exec("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(" +
         literal(table_) + ")");
    sqlite3_stmt* has = nullptr;
    const bool counts = sqlite3_prepare_v2(db_, "SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'", -1, &has, nullptr) ==
                            SQLITE_OK &&
                        sqlite3_step(has) == SQLITE_ROW;
    sqlite3_finalize(has);
    if (counts) {
        exec(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = {} WHERE lower(table_name) = lower({})", rows_,
                         literal(table_)));
    }
    for (const auto& [name, sql] : triggers_) exec(sql);
    copy_spatial_index();
    sqlite3_finalize(insert_);
    insert_ = nullptr;
    exec("COMMIT");
    finished_ = true;
    if (sqlite3_close(db_) != SQLITE_OK) fail("cannot close the GeoPackage");
    db_ = nullptr;
}

}  // namespace toponym::io
