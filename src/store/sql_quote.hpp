// Names and values spliced into SQL text (SQLite, PostgreSQL): quoted so that whatever a user
// named a column or wrote in a cell stays one identifier or one string.
#pragma once

#include <string>
#include <string_view>

namespace toponym::io {

// `text` between two `quote` characters, each one inside doubled.
inline std::string sql_quoted(std::string_view text, char quote) {
    std::string out(1, quote);
    for (char c : text) {
        out.push_back(c);
        if (c == quote) out.push_back(quote);
    }
    out.push_back(quote);
    return out;
}

// "name": an identifier.
inline std::string sql_identifier(std::string_view name) { return sql_quoted(name, '"'); }

// 'text': a string (standard SQL; PostgreSQL's standard_conforming_strings).
inline std::string sql_literal(std::string_view text) { return sql_quoted(text, '\''); }

}  // namespace toponym::io
