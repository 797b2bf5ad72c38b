// GeoPackage spatial indexes (the gpkg_rtree_index extension) built in one pass.
//
// GDAL 3.6 (Debian 12) fills a layer's R-tree row by row with SQLite's R*-tree insertion, which
// splits and reinserts nodes as it goes: for the 38,000 mentions of a news corpus that was half
// of `toponym map`'s writing time, and for resolve's 8,000 rows as much as the rows themselves.
// When every box is known in advance the tree can be packed instead (Sort-Tile-Recursive:
// boxes sorted into vertical slices by x, each slice sorted by y and cut into full nodes, the
// same again on the nodes' boxes up to the root), and its nodes written straight into the
// tables SQLite's rtree module keeps them in. The result is an ordinary SQLite R-tree: queries,
// later inserts and deletes (the triggers of --append) and rtreecheck() work on it as on one
// SQLite built itself; tests/unit/gpkg_rtree_test.cpp checks that.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace toponym::io {

struct RtreeBox {
    std::int64_t id;
    double min_x, max_x, min_y, max_y;
};

// Fills the empty R-tree virtual table `rtree` (2-D: id, minx, maxx, miny, maxy), just
// created in `db`, with `boxes` (ids unique). Coordinates are stored as SQLite stores them
// (32-bit floats rounded outwards). Throws DataError naming `error_name` on an SQLite error.
void bulk_load_rtree(sqlite3* db, const std::string& rtree, std::vector<RtreeBox> boxes, const std::string& error_name);

// The spatial index GDAL would give `table`.`geometry_column` (primary key `fid_column`): the
// R-tree table "rtree_<table>_<column>" filled from the table's geometries (those not NULL
// and not empty), the triggers that keep it in step, and its gpkg_extensions row. The table
// must have no spatial index yet; geometries must be points or carry an envelope in their
// GeoPackage header (GDAL writes one for every other type). Runs in the caller's transaction.
void add_gpkg_spatial_index(sqlite3* db, const std::string& table, const std::string& geometry_column,
                            const std::string& fid_column, const std::string& error_name);

// The same from boxes the caller already has (the rows it has just inserted).
void add_gpkg_spatial_index(sqlite3* db, const std::string& table, const std::string& geometry_column,
                            const std::string& fid_column, std::vector<RtreeBox> boxes, const std::string& error_name);

}  // namespace toponym::io
