// A GeoPackage as text lines for tests that compare two files written different ways.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

namespace toponym::testing {

// Everything SQLite holds in a GeoPackage, as text lines: the schema, every table's rows
// (sorted), the pragmas GeoPackage readers check; gpkg_contents and layer_styles without their
// time stamps, gpkg_contents with the extent rounded (GDAL prints it with 18 digits, which
// shifts the last one).
inline std::vector<std::string> gpkg_contents_of(const std::string& path) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    std::vector<std::string> lines;
    auto query = [&](const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(db);
        std::vector<std::string> rows;
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
                const int bytes = sqlite3_column_bytes(s, c);
                row += (c ? "|" : "") + (text ? std::string(text, static_cast<std::size_t>(bytes)) : std::string("NULL"));
            }
            rows.push_back(row);
        }
        sqlite3_finalize(s);
        return rows;
    };
    std::vector<std::string> tables;
    for (const std::string& row : query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name")) {
        lines.push_back(row);
    }
    const auto literal = [](const std::string& text) {
        std::string l = "'";
        for (char c : text) l += c == '\'' ? std::string("''") : std::string(1, c);
        return l + "'";
    };
    const auto quoted = [](const std::string& name) {
        std::string q = "\"";
        for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    // R-trees by their entries (as SQLite stores them) and SQLite's own check of their
    // structure: how the entries are grouped into nodes is the writer's choice.
    const std::vector<std::string> rtrees = query("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%rtree(%' ORDER BY name");
    for (const std::string& rtree : rtrees) {
        for (const std::string& row : query("SELECT * FROM " + quoted(rtree) + " ORDER BY id")) lines.push_back(rtree + ": " + row);
        for (const std::string& row : query("SELECT rtreecheck(" + quoted(rtree) + ")")) lines.push_back(rtree + " check: " + row);
    }
    const auto is_rtree_node_table = [&](const std::string& name) {
        return std::any_of(rtrees.begin(), rtrees.end(), [&](const std::string& rtree) {
            return name == rtree + "_node" || name == rtree + "_rowid" || name == rtree + "_parent";
        });
    };
    for (const std::string& name : query("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                         "AND name NOT IN ('gpkg_contents', 'sqlite_sequence') ORDER BY name")) {
        if (is_rtree_node_table(name)) continue;
        // Every column but layer_styles' update_time, the clock at writing (gpkg_contents'
        // last_change is left out below for the same reason).
        std::string columns;
        for (const std::string& column : query("SELECT name FROM pragma_table_info(" + literal(name) + ") ORDER BY cid")) {
            if (name == "layer_styles" && column == "update_time") continue;
            columns += (columns.empty() ? "" : ", ") + quoted(column);
        }
        // Sorted whole: rows that tie on the first column (gpkg_extensions) come in the order
        // they were written, which is the writer's choice.
        std::vector<std::string> rows = query("SELECT " + columns + " FROM " + quoted(name));
        std::sort(rows.begin(), rows.end());
        for (const std::string& row : rows) lines.push_back(name + ": " + row);
    }
    for (const std::string& row :
         query("SELECT table_name, data_type, identifier, description, round(min_x, 9), round(min_y, 9), round(max_x, 9), "
               "round(max_y, 9), srs_id FROM gpkg_contents ORDER BY table_name")) {
        lines.push_back("gpkg_contents: " + row);
    }
    for (const char* pragma : {"application_id", "user_version", "page_size", "integrity_check"}) {
        for (const std::string& row : query(std::string("PRAGMA ") + pragma)) lines.push_back(std::string(pragma) + " " + row);
    }
    sqlite3_close(db);
    return lines;
}

}  // namespace toponym::testing
