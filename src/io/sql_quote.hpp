// Names and values spliced into SQL text (SQLite, PostgreSQL): quoted so that whatever a user
// named a column or wrote in a cell stays one identifier or one string.
#pragma once

#include <string>
#include <string_view>

namespace toponym::io {

// "name" with its double quotes doubled.
inline std::string sql_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out.push_back(c);
        if (c == '"') out.push_back('"');
    }
    return out + "\"";
}

// 'text' with its single quotes doubled (standard SQL; PostgreSQL's standard_conforming_strings).
inline std::string sql_literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out.push_back(c);
        if (c == '\'') out.push_back('\'');
    }
    return out + "'";
}

}  // namespace toponym::io
