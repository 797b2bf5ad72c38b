// Names and values spliced into SQL text (SQLite, PostgreSQL): quoted so that whatever a user
// named a column or wrote in a cell stays one identifier or one string.
#pragma once

#include <cstddef>
#include <optional>
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

// The reverse of sql_quoted: the text of the quoted run that starts at `text[at]` (a `quote`),
// each doubled quote inside read as one; `at` moves past the closing quote. nullopt when the run
// is not closed (then `at` is left at the end).
inline std::optional<std::string> sql_unquoted(std::string_view text, std::size_t& at, char quote) {
    std::string out;
    for (++at; at < text.size(); ++at) {
        if (text[at] != quote) {
            out.push_back(text[at]);
        } else if (at + 1 < text.size() && text[at + 1] == quote) {
            out.push_back(quote);
            ++at;
        } else {
            ++at;
            return out;
        }
    }
    return std::nullopt;
}

// "name": an identifier.
inline std::string sql_identifier(std::string_view name) { return sql_quoted(name, '"'); }

// 'text': a string (standard SQL; PostgreSQL's standard_conforming_strings).
inline std::string sql_literal(std::string_view text) { return sql_quoted(text, '\''); }

}  // namespace toponym::io
