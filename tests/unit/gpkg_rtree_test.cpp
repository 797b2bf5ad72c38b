// Packed R-trees (store/gpkg_rtree.hpp) against trees SQLite builds itself from the same boxes:
// same entries, same answers to window queries, SQLite's rtreecheck() content, and still
// correct after SQLite inserts and deletes on top of them.
#include "store/gpkg_rtree.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "test_dir.hpp"

namespace {

using toponym::io::RtreeBox;

class Db {
public:
    Db() { EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK); }
    explicit Db(const std::string& path) { EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK); }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    sqlite3* get() const { return db_; }

    void exec(const std::string& sql) const {
        char* message = nullptr;
        ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << sql << ": " << (message ? message : "");
    }
    // Every row of `sql`, cells joined by '|'.
    std::vector<std::string> rows(const std::string& sql) const {
        sqlite3_stmt* s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(db_);
        std::vector<std::string> out;
        while (s && sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
                row += (c ? "|" : "") + std::string(text ? text : "NULL");
            }
            out.push_back(row);
        }
        sqlite3_finalize(s);
        return out;
    }
    std::string value(const std::string& sql) const {
        const std::vector<std::string> r = rows(sql);
        return r.empty() ? "" : r.front();
    }

private:
    sqlite3* db_ = nullptr;
};

// Boxes spread over the world: points, small boxes and a few wide ones, negative coordinates,
// values no float holds exactly.
std::vector<RtreeBox> random_boxes(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-90, 90), size(0, 2);
    std::vector<RtreeBox> boxes;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = lon(rng), y = lat(rng);
        const double w = i % 3 == 0 ? 0 : size(rng) * (i % 50 == 0 ? 40 : 1);
        const double h = i % 3 == 0 ? 0 : size(rng);
        boxes.push_back({static_cast<std::int64_t>(i * 7 + 3), x, x + w, y, y + h});
    }
    return boxes;
}

void create_rtree(const Db& db, const std::string& name) {
    db.exec("CREATE VIRTUAL TABLE " + name + " USING rtree(id, minx, maxx, miny, maxy)");
}

void insert_by_sqlite(const Db& db, const std::string& name, const std::vector<RtreeBox>& boxes) {
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db.get(), ("INSERT INTO " + name + " VALUES (?, ?, ?, ?, ?)").c_str(), -1, &s, nullptr), SQLITE_OK);
    for (const RtreeBox& b : boxes) {
        sqlite3_bind_int64(s, 1, b.id);
        sqlite3_bind_double(s, 2, b.min_x);
        sqlite3_bind_double(s, 3, b.max_x);
        sqlite3_bind_double(s, 4, b.min_y);
        sqlite3_bind_double(s, 5, b.max_y);
        ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
}

// Ids of the entries overlapping windows spread over the world, one line per window.
std::vector<std::string> window_answers(const Db& db, const std::string& name) {
    std::vector<std::string> answers;
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> lon(-190, 170), lat(-95, 80), size(0.5, 30);
    for (int q = 0; q < 60; ++q) {
        const double x = lon(rng), y = lat(rng), w = size(rng), h = size(rng);
        const std::string where = "maxx >= " + std::to_string(x) + " AND minx <= " + std::to_string(x + w) + " AND maxy >= " +
                                  std::to_string(y) + " AND miny <= " + std::to_string(y + h);
        std::string ids;
        for (const std::string& id : db.rows("SELECT id FROM " + name + " WHERE " + where + " ORDER BY id")) ids += id + ",";
        answers.push_back(ids);
    }
    return answers;
}

// The depth a tree's root records (its first two bytes, big-endian).
int root_depth(const Db& db, const std::string& name) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db.get(), ("SELECT data FROM " + name + "_node WHERE nodeno = 1").c_str(), -1, &s, nullptr), SQLITE_OK);
    int depth = -1;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) >= 2) {
        const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(s, 0));
        depth = data[0] * 256 + data[1];
    }
    sqlite3_finalize(s);
    return depth;
}

// The packed tree and SQLite's own hold the same entries and answer windows alike.
void expect_same_tree(const Db& db, std::size_t n) {
    EXPECT_EQ(db.value("SELECT rtreecheck('packed')"), "ok");
    EXPECT_EQ(db.value("SELECT rtreecheck('reference')"), "ok");
    EXPECT_EQ(db.value("SELECT count(*) FROM packed"), std::to_string(n));
    EXPECT_EQ(db.rows("SELECT * FROM packed ORDER BY id"), db.rows("SELECT * FROM reference ORDER BY id"));
    const std::vector<std::string> packed = window_answers(db, "packed");
    EXPECT_EQ(packed, window_answers(db, "reference"));
    if (n > 1000) {
        EXPECT_GT(std::count_if(packed.begin(), packed.end(), [](const std::string& ids) { return !ids.empty(); }), 20)
            << "the windows find something";
    }
}

}  // namespace

TEST(GpkgRtree, PackedTreeHoldsWhatSqliteWouldAndAnswersTheSame) {
    // Sizes around one node (51 cells on 4 KiB pages), a root over leaves, and three levels.
    for (std::size_t n : {1u, 2u, 50u, 51u, 52u, 103u, 2601u, 2602u, 20000u}) {
        SCOPED_TRACE(n);
        const Db db;
        create_rtree(db, "packed");
        create_rtree(db, "reference");
        const std::vector<RtreeBox> boxes = random_boxes(n, static_cast<std::uint32_t>(n));
        toponym::io::bulk_load_rtree(db.get(), "packed", boxes, "test");
        insert_by_sqlite(db, "reference", boxes);
        expect_same_tree(db, n);
        const int depth = root_depth(db, "packed");
        EXPECT_EQ(depth, n <= 51 ? 0 : n <= 2601 ? 1 : 2) << "every level as full as it can be";
    }
}

TEST(GpkgRtree, SqliteKeepsAPackedTreeCorrectThroughInsertsAndDeletes) {
    const Db db;
    create_rtree(db, "packed");
    create_rtree(db, "reference");
    const std::vector<RtreeBox> boxes = random_boxes(5000, 7);
    toponym::io::bulk_load_rtree(db.get(), "packed", boxes, "test");
    insert_by_sqlite(db, "reference", boxes);
    // What --append does through GDAL's triggers: rows replaced, removed and added.
    for (const char* table : {"packed", "reference"}) {
        db.exec(std::string("DELETE FROM ") + table + " WHERE id % 3 = 0");
        db.exec(std::string("UPDATE ") + table + " SET minx = minx - 1, maxx = maxx + 1 WHERE id % 5 = 1");
    }
    std::vector<RtreeBox> more = random_boxes(1500, 8);
    for (RtreeBox& b : more) b.id += 1'000'000;
    insert_by_sqlite(db, "packed", more);
    insert_by_sqlite(db, "reference", more);
    const std::size_t kept = 5000 - static_cast<std::size_t>(std::count_if(boxes.begin(), boxes.end(), [](const RtreeBox& b) { return b.id % 3 == 0; }));
    expect_same_tree(db, kept + more.size());
}

TEST(GpkgRtree, NoBoxesLeaveTheEmptyTree) {
    const Db db;
    create_rtree(db, "packed");
    toponym::io::bulk_load_rtree(db.get(), "packed", {}, "test");
    EXPECT_EQ(db.value("SELECT rtreecheck('packed')"), "ok");
    EXPECT_EQ(db.value("SELECT count(*) FROM packed"), "0");
    db.exec("INSERT INTO packed VALUES (1, 0, 1, 0, 1)");
    EXPECT_EQ(db.value("SELECT count(*) FROM packed WHERE maxx >= 0.5"), "1");
}

TEST(GpkgRtree, GeoPackageIndexFromTheRowsIsTheOneGdalBuilds) {
    const toponym::testing::TestDir dir;
    GDALAllRegister();
    // The same features in two files: GDAL's index in one, none in the other (packed after).
    const auto write = [&](const std::string& name, const char* spatial_index) {
        const std::string path = (dir.path() / name).string();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", spatial_index);
        options = CSLSetNameValue(options, "GEOMETRY_NAME", "the \"geom\"");
        OGRLayer* layer = ds->CreateLayer("o'brien \"sites\"", &wgs84, wkbUnknown, options);
        CSLDestroy(options);
        EXPECT_NE(layer, nullptr);
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> lon(35, 42), lat(32, 37);
        for (int i = 0; i < 700; ++i) {
            OGRFeature f(layer->GetLayerDefn());
            if (i % 97 == 5) {
                // no geometry
            } else if (i % 89 == 4) {
                f.SetGeometryDirectly(new OGRPoint());  // empty
            } else if (i % 4 == 1) {
                OGRLineString line;
                line.addPoint(lon(rng), lat(rng));
                line.addPoint(lon(rng), lat(rng));
                f.SetGeometry(&line);
            } else {
                OGRPoint p(lon(rng), lat(rng));
                f.SetGeometry(&p);
            }
            EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
        return path;
    };
    const std::string gdal = write("gdal.gpkg", "YES");
    const std::string ours = write("packed.gpkg", "NO");
    {
        const Db db(ours);
        db.exec("BEGIN");
        toponym::io::add_gpkg_spatial_index(db.get(), "o'brien \"sites\"", "the \"geom\"", "fid", "test");
        db.exec("COMMIT");
    }
    const Db a(gdal), b(ours);
    const std::string rtree = "\"rtree_o'brien \"\"sites\"\"_the \"\"geom\"\"\"";
    EXPECT_EQ(b.value("SELECT rtreecheck(" + std::string("'rtree_o''brien \"sites\"_the \"geom\"'") + ")"), "ok");
    const std::vector<std::string> entries = b.rows("SELECT * FROM " + rtree + " ORDER BY id");
    EXPECT_GT(entries.size(), 600u);
    EXPECT_LT(entries.size(), 700u) << "no entry for rows without a geometry or with an empty one";
    EXPECT_EQ(entries, a.rows("SELECT * FROM " + rtree + " ORDER BY id"));
    const std::string schema =
        "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'rtree%' OR name LIKE 'gpkg_ext%' ORDER BY name";
    EXPECT_EQ(b.rows(schema), a.rows(schema)) << "the same tables and triggers";
    const std::string extension = "SELECT * FROM gpkg_extensions ORDER BY 1, 2, 3";
    EXPECT_EQ(b.rows(extension), a.rows(extension));

    // GDAL sees the index and uses it: a spatial filter finds the same features in both files.
    const auto filtered = [](const std::string& path) {
        std::set<GIntBig> fids;
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
        EXPECT_TRUE(ds);
        if (!ds) return fids;
        OGRLayer* layer = ds->GetLayer(0);
        EXPECT_TRUE(layer->TestCapability(OLCFastSpatialFilter)) << path;
        layer->SetSpatialFilterRect(37, 33, 39, 35);
        for (auto& f : *layer) fids.insert(f->GetFID());
        return fids;
    };
    const std::set<GIntBig> found = filtered(ours);
    EXPECT_GT(found.size(), 20u);
    EXPECT_EQ(found, filtered(gdal));
}

TEST(GpkgRtree, AGeometryItCannotReadIsAnError) {
    const Db db;
    db.exec("CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT, definition TEXT, scope TEXT)");
    db.exec("CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB)");
    db.exec("INSERT INTO t VALUES (1, x'47500001E6100000')");  // a header and no WKB
    EXPECT_THROW(toponym::io::add_gpkg_spatial_index(db.get(), "t", "geom", "fid", "bad.gpkg"), toponym::DataError);
}
