// Many rows into one GeoPackage point table, through SQLite directly. GDAL creates the file and
// the empty table (schema, SRS, gpkg_contents, gpkg_geometry_columns, data columns); the rows
// are then bound straight from the caller's buffers into one prepared INSERT, and the R-tree
// spatial index is built as GDAL builds it (the gpkg_rtree_index extension, same tables and
// triggers). Writing the Airwars table through OGRFeature/CreateFeature cost three times the
// SQLite work itself. The R-tree, as costly as the rows, is filled on a thread of its own
// while the rows go in (in a private in-memory database), and its node tables are copied into
// the file at the end, as GDAL 3.7 does with a temporary file.
// The result is checked against a GDAL-written file in tests/unit/table_io_test.cpp.
#pragma once

#include <sqlite3.h>

#include <array>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace toponym::io {

class GpkgRowInserter {
public:
    // `path`: a GeoPackage GDAL has created and closed, with the empty table `table` (primary
    // key "fid", point column `geometry_column` in SRS `srs_id`, then `columns` in order) and
    // no spatial index yet. Throws DataError naming `error_name`.
    GpkgRowInserter(const std::string& path, const std::string& table, const std::string& geometry_column,
                    const std::vector<std::string>& columns, int srs_id, std::string error_name);
    ~GpkgRowInserter();  // rolls back unless finished
    GpkgRowInserter(const GpkgRowInserter&) = delete;
    GpkgRowInserter& operator=(const GpkgRowInserter&) = delete;

    // The cells of the next row, by index into `columns`; a cell not set is NULL. Text is not
    // copied: it must stay valid until insert() returns.
    void text(std::size_t column, std::string_view value);
    void integer(std::size_t column, std::int64_t value);
    void real(std::size_t column, double value);
    void point(double x, double y);
    // Inserts the row (fid = its number, from 1) and clears the cells for the next one.
    void insert();
    // The layer's extent and feature count, the table's own triggers, the spatial index; then
    // commits and closes.
    void finish();

private:
    struct Point {
        std::int64_t fid;
        double x, y;
    };
    // Fills an R-tree in a private in-memory database on its own thread, batch by batch.
    class RtreeBuilder {
    public:
        explicit RtreeBuilder(int page_size);
        ~RtreeBuilder();
        void add(const Point& p);
        // Waits for the last points; throws what went wrong on the thread.
        void finish();
        // The in-memory database with the filled table "my_rtree" (after finish).
        sqlite3* db() const { return db_; }

    private:
        void run();
        sqlite3* db_ = nullptr;
        std::mutex mutex_;
        std::condition_variable ready_;
        std::vector<Point> pending_, batch_;
        bool done_ = false;
        std::exception_ptr failure_;
        std::thread thread_;
    };

    void open(const std::string& path, const std::vector<std::string>& columns);
    void exec(const std::string& sql);
    [[noreturn]] void fail(const std::string& what);
    void copy_spatial_index();

    std::string error_name_;
    std::string table_, geometry_column_;
    int srs_id_;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    std::vector<std::pair<std::string, std::string>> triggers_;  // the table's, dropped while inserting
    std::int64_t rows_ = 0;
    std::array<unsigned char, 29> blob_{};  // the GeoPackage geometry of the current row
    bool has_point_ = false;
    double min_x_, min_y_, max_x_, max_y_;  // the extent of the points
    std::int64_t points_ = 0;
    std::unique_ptr<RtreeBuilder> rtree_;
    bool finished_ = false;
};

}  // namespace toponym::io
