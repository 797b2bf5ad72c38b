// Packed R-trees in SQLite's own storage format (see gpkg_rtree.hpp for why).
//
// SQLite's rtree module keeps an R-tree "rt" in three tables:
//   rt_node(nodeno INTEGER PRIMARY KEY, data BLOB)    one blob per node, the root is node 1
//   rt_rowid(rowid INTEGER PRIMARY KEY, nodeno)       the leaf holding each entry
//   rt_parent(nodeno INTEGER PRIMARY KEY, parentnode) the parent of each node but the root
// A node blob has a fixed size (that of node 1, set when the table is created: 4 + 51 cells of
// 24 bytes for a 2-D tree on 4 KiB pages). It starts with two big-endian 16-bit numbers, the
// tree's depth (read from the root only; 0 = the root is a leaf) and the node's cell count,
// then the cells: a 64-bit big-endian id (the entry's id in a leaf, the child node's number
// above) and the box as big-endian 32-bit floats minx, maxx, miny, maxy.
#include "store/gpkg_rtree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/error.hpp"
#include "store/sql_quote.hpp"

namespace toponym::io {

namespace {

constexpr std::size_t kCellBytes = 8 + 4 * 4;

// A box as the rtree module stores a double: the nearest float, moved one step outwards when
// rounding went inwards (SQLite's rtreeValueDown / rtreeValueUp do the same, so a box written
// here equals one SQLite would have written for the same row).
float float_down(double d) {
    auto f = static_cast<float>(d);
    if (f > d) f = static_cast<float>(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
    return f;
}
float float_up(double d) {
    auto f = static_cast<float>(d);
    if (f < d) f = static_cast<float>(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
    return f;
}

struct Cell {
    std::int64_t id;  // entry id (leaf) or child node number
    float min_x, max_x, min_y, max_y;
    float centre_x() const { return min_x / 2 + max_x / 2; }
    float centre_y() const { return min_y / 2 + max_y / 2; }
};

void put_be16(unsigned char* at, unsigned v) {
    at[0] = static_cast<unsigned char>(v >> 8);
    at[1] = static_cast<unsigned char>(v);
}
void put_be64(unsigned char* at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) at[i] = static_cast<unsigned char>(v >> (56 - 8 * i));
}
void put_be_float(unsigned char* at, float f) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(bits >> (24 - 8 * i));
}

// What an SQLite error while writing the index is reported as.
constexpr const char* kWhat = "writing the spatial index failed";

using sqlite::Statement;

// Rows of two integers into `table` (columns `a`, `b`), many to a statement: an INSERT of one
// small row costs SQLite ~4,000 instructions of statement work, as much as 40 rows' data.
class PairWriter {
public:
    static constexpr std::size_t kRows = 100;
    PairWriter(sqlite3* db, const std::string& table, const char* a, const char* b, const std::string& error_name)
        : db_(db), head_(fmt::format("INSERT INTO {} ({}, {}) VALUES ", sql_identifier(table), a, b)), error_name_(error_name) {}
    void add(std::int64_t x, std::int64_t y) {
        pending_.emplace_back(x, y);
        if (pending_.size() == kRows) flush();
    }
    void flush() {
        if (pending_.empty()) return;
        Statement& insert = pending_.size() == kRows ? full_ : rest_;
        if (!insert) insert = Statement(db_, sql_for(pending_.size()), error_name_, kWhat);
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            sqlite3_bind_int64(insert.get(), static_cast<int>(2 * i + 1), pending_[i].first);
            sqlite3_bind_int64(insert.get(), static_cast<int>(2 * i + 2), pending_[i].second);
        }
        insert.run();
        pending_.clear();
    }

private:
    std::string sql_for(std::size_t rows) const {
        std::string sql = head_;
        for (std::size_t i = 0; i < rows; ++i) sql += i ? ",(?,?)" : "(?,?)";
        return sql;
    }

    sqlite3* db_;
    std::string head_;
    const std::string& error_name_;
    std::vector<std::pair<std::int64_t, std::int64_t>> pending_;
    Statement full_, rest_;  // kRows rows; the last few (once)
};

void exec(sqlite3* db, const std::string& sql, const std::string& error_name) { exec_sql(db, sql, error_name, kWhat); }

// Cuts `cells` (reordered in place) into as few runs of at most `capacity` cells as can hold
// them, each run lying close together: Sort-Tile-Recursive. The cells are sorted by x and cut
// into about sqrt(runs) vertical slices of whole runs; each slice is sorted by y and cut into
// its runs. Runs are of equal size (not full ones and a remainder), which keeps every node
// well above SQLite's minimum fill of a third. Returns the runs' end positions.
std::vector<std::size_t> tile(std::vector<Cell>& cells, std::size_t capacity) {
    const std::size_t n = cells.size();
    const std::size_t runs = (n + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(runs))));
    const auto at = [&](std::size_t run) { return static_cast<std::ptrdiff_t>(n * run / runs); };  // run's first cell
    std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
        return a.centre_x() != b.centre_x() ? a.centre_x() < b.centre_x() : a.id < b.id;
    });
    for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t first_run = runs * s / slices, end_run = runs * (s + 1) / slices;
        std::sort(cells.begin() + at(first_run), cells.begin() + at(end_run), [](const Cell& a, const Cell& b) {
            return a.centre_y() != b.centre_y() ? a.centre_y() < b.centre_y() : a.id < b.id;
        });
    }
    std::vector<std::size_t> ends;
    ends.reserve(runs);
    for (std::size_t r = 1; r <= runs; ++r) ends.push_back(static_cast<std::size_t>(at(r)));
    return ends;
}

}  // namespace

void bulk_load_rtree(sqlite3* db, const std::string& rtree, std::vector<RtreeBox> boxes, const std::string& error_name) {
    if (boxes.empty()) return;  // the new table's empty root stays as it is
    // The node size SQLite chose when it created the table is the length of the root's blob.
    std::size_t node_bytes = 0;
    {
        Statement size(db, fmt::format("SELECT length(data) FROM {} WHERE nodeno = 1", sql_identifier(rtree + "_node")), error_name,
                       kWhat);
        if (sqlite3_step(size.get()) != SQLITE_ROW) size.fail();
        node_bytes = static_cast<std::size_t>(sqlite3_column_int64(size.get(), 0));
    }
    const std::size_t capacity = node_bytes < 4 + 2 * kCellBytes ? 0 : (node_bytes - 4) / kCellBytes;
    if (capacity < 2) throw DataError(error_name, fmt::format("the R-tree {} has nodes of {} bytes", rtree, node_bytes));

    const std::string node_table = sql_identifier(rtree + "_node");
    Statement add_node(db, fmt::format("INSERT INTO {} (nodeno, data) VALUES (?, ?)", node_table), error_name, kWhat);
    Statement set_root(db, fmt::format("UPDATE {} SET data = ? WHERE nodeno = 1", node_table), error_name, kWhat);
    PairWriter add_rowid(db, rtree + "_rowid", "rowid", "nodeno", error_name);
    PairWriter add_parent(db, rtree + "_parent", "nodeno", "parentnode", error_name);

    std::vector<Cell> cells;
    cells.reserve(boxes.size());
    for (const RtreeBox& b : boxes) {
        cells.push_back({b.id, float_down(b.min_x), float_up(b.max_x), float_down(b.min_y), float_up(b.max_y)});
    }
    boxes = {};

    std::vector<unsigned char> blob(node_bytes);
    // Writes the node `number` holding cells [begin, end) of `level` (0 = leaves) and records
    // where its cells went; returns its own cell for the level above.
    // The root (node 1) also holds the tree's depth: its own level.
    auto write_node = [&](std::int64_t number, const Cell* begin, const Cell* end, unsigned level) {
        std::fill(blob.begin(), blob.end(), 0);
        put_be16(&blob[0], number == 1 ? level : 0);
        put_be16(&blob[2], static_cast<unsigned>(end - begin));
        Cell bounds{number, begin->min_x, begin->max_x, begin->min_y, begin->max_y};
        unsigned char* at = &blob[4];
        for (const Cell* c = begin; c != end; ++c, at += kCellBytes) {
            put_be64(at, static_cast<std::uint64_t>(c->id));
            put_be_float(at + 8, c->min_x);
            put_be_float(at + 12, c->max_x);
            put_be_float(at + 16, c->min_y);
            put_be_float(at + 20, c->max_y);
            bounds.min_x = std::min(bounds.min_x, c->min_x);
            bounds.max_x = std::max(bounds.max_x, c->max_x);
            bounds.min_y = std::min(bounds.min_y, c->min_y);
            bounds.max_y = std::max(bounds.max_y, c->max_y);
            (level == 0 ? add_rowid : add_parent).add(c->id, number);
        }
        Statement& put = number == 1 ? set_root : add_node;
        int blob_at = 1;
        if (number != 1) sqlite3_bind_int64(put.get(), blob_at++, number);
        sqlite3_bind_blob(put.get(), blob_at, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
        put.run();
        return bounds;
    };

    // Levels are packed from the leaves up; the level that fits in one node is the root.
    std::int64_t next_node = 2;
    unsigned level = 0;
    for (; cells.size() > capacity; ++level) {
        const std::vector<std::size_t> ends = tile(cells, capacity);
        std::vector<Cell> parents;
        parents.reserve(ends.size());
        std::size_t begin = 0;
        for (std::size_t end : ends) {
            parents.push_back(write_node(next_node++, cells.data() + begin, cells.data() + end, level));
            begin = end;
        }
        cells = std::move(parents);
    }
    write_node(1, cells.data(), cells.data() + cells.size(), level);
    add_rowid.flush();
    add_parent.flush();
}

namespace {

// The triggers that keep the R-tree in step with the table, as GDAL 3.6 writes them (the
// GeoPackage 1.2 rtree extension; ST_IsEmpty and ST_MinX... are the functions GeoPackage
// readers such as GDAL and QGIS register).
std::vector<std::string> rtree_triggers(const std::string& t, const std::string& g, const std::string& f,
                                        const std::string& rtree) {
    const std::string T = sql_identifier(t), G = sql_identifier(g), F = sql_identifier(f), I = sql_identifier(rtree);
    const std::string values = fmt::format("VALUES (NEW.{0},ST_MinX(NEW.{1}), ST_MaxX(NEW.{1}),ST_MinY(NEW.{1}), ST_MaxY(NEW.{1}))", F, G);
    const auto name = [&](const char* suffix) { return sql_identifier(rtree + suffix); };
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

double get_double(const unsigned char* at, bool little_endian) {
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= std::uint64_t{at[little_endian ? i : 7 - i]} << (8 * i);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

std::uint32_t get_u32(const unsigned char* at, bool little_endian) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t{at[little_endian ? i : 3 - i]} << (8 * i);
    return v;
}

// The box of a GeoPackage geometry blob: the envelope in its header, or a point's coordinates.
// False for an empty geometry; throws for one this cannot read.
bool blob_box(const unsigned char* b, std::size_t size, RtreeBox& box, const std::string& error_name) {
    auto unreadable = [&] { return DataError(error_name, fmt::format("row {}: a geometry the spatial index cannot read", box.id)); };
    if (size < 8 || b[0] != 'G' || b[1] != 'P') throw unreadable();
    const unsigned flags = b[3];
    if ((flags & 0x10) != 0) return false;  // the empty-geometry flag
    const bool header_le = (flags & 0x01) != 0;
    static constexpr std::size_t kEnvelopeBytes[] = {0, 32, 48, 48, 64};
    const unsigned envelope = (flags >> 1) & 0x07;
    if (envelope > 4) throw unreadable();
    if (envelope != 0) {
        if (size < 8 + kEnvelopeBytes[envelope]) throw unreadable();
        box.min_x = get_double(b + 8, header_le);
        box.max_x = get_double(b + 16, header_le);
        box.min_y = get_double(b + 24, header_le);
        box.max_y = get_double(b + 32, header_le);
        return true;
    }
    // No envelope: GDAL writes points so. WKB: byte order, type, x, y.
    const unsigned char* wkb = b + 8;
    if (size < 8 + 21) throw unreadable();
    const bool le = wkb[0] == 1;
    if (get_u32(wkb + 1, le) % 1000 != 1) throw unreadable();
    const double x = get_double(wkb + 5, le), y = get_double(wkb + 13, le);
    if (std::isnan(x) || std::isnan(y)) return false;  // an empty point (NaN coordinates)
    box.min_x = box.max_x = x;
    box.min_y = box.max_y = y;
    return true;
}

}  // namespace

void add_gpkg_spatial_index(sqlite3* db, const std::string& table, const std::string& geometry_column,
                            const std::string& fid_column, std::vector<RtreeBox> boxes, const std::string& error_name) {
    const std::string rtree = "rtree_" + table + "_" + geometry_column;
    exec(db, "CREATE VIRTUAL TABLE " + sql_identifier(rtree) + " USING rtree(id, minx, maxx, miny, maxy)", error_name);
    bulk_load_rtree(db, rtree, std::move(boxes), error_name);
    for (const std::string& trigger : rtree_triggers(table, geometry_column, fid_column, rtree)) exec(db, trigger, error_name);
    // The extensions table as GDAL creates it when a file gets its first extension.
    exec(db,
         "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,definition TEXT NOT "
         "NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
         error_name);
    exec(db,
         "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (" + sql_literal(table) +
             ", " + sql_literal(geometry_column) + ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
         error_name);
}

void add_gpkg_spatial_index(sqlite3* db, const std::string& table, const std::string& geometry_column,
                            const std::string& fid_column, const std::string& error_name) {
    std::vector<RtreeBox> boxes;
    {
        Statement rows(db,
                       fmt::format("SELECT {}, {} FROM {} WHERE {} IS NOT NULL", sql_identifier(fid_column),
                                   sql_identifier(geometry_column), sql_identifier(table), sql_identifier(geometry_column)),
                       error_name, kWhat);
        int rc;
        while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW) {
            RtreeBox box{sqlite3_column_int64(rows.get(), 0), 0, 0, 0, 0};
            const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(rows.get(), 1));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(rows.get(), 1));
            if (blob_box(blob, size, box, error_name)) boxes.push_back(box);
        }
        if (rc != SQLITE_DONE) rows.fail();
    }
    add_gpkg_spatial_index(db, table, geometry_column, fid_column, std::move(boxes), error_name);
}

}  // namespace toponym::io
