// The --where whitelist: a tokenizer and a recursive-descent parser that accept only read-only
// expressions over the layer's fields; GDAL then evaluates what passed.
#include "io/where_clause.hpp"

#include <fmt/format.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "store/gdal_util.hpp"
#include "store/sql_quote.hpp"

namespace toponym::io {

namespace {

constexpr std::size_t kMaxLength = 4096;
constexpr int kMaxDepth = 64;

enum class Tok { Number, String, Name, Keyword, Op, End };

struct Token {
    Tok kind;
    std::string text;  // keywords upper-cased; names as written (quotes removed)
    bool quoted = false;
};

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

const std::set<std::string>& grammar_keywords() {
    static const std::set<std::string> k = {"AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "BETWEEN", "IS", "NULL", "ESCAPE"};
    return k;
}

// SQL words that start or shape a statement or a subquery: named in the message rather than
// reported as an unknown field.
const std::set<std::string>& statement_keywords() {
    static const std::set<std::string> k = {
        "SELECT", "FROM",    "WHERE",   "UNION",  "INTERSECT", "EXCEPT", "INSERT", "UPDATE", "DELETE", "DROP",
        "CREATE", "ALTER",   "ATTACH",  "DETACH", "PRAGMA",    "VACUUM", "REPLACE", "EXISTS", "WITH",  "INTO",
        "VALUES", "BEGIN",   "COMMIT",  "ROLLBACK", "GRANT",   "REVOKE", "TRUNCATE", "EXEC",  "EXECUTE", "CALL",
        "COPY",   "REINDEX", "ANALYZE", "EXPLAIN", "SET",      "JOIN",   "ORDER",  "GROUP",  "HAVING", "LIMIT",
        "CASE",   "CAST"};
    return k;
}

[[noreturn]] void refuse(const std::string& why) { throw UsageError("--where", why); }

std::vector<Token> tokenize(const std::string& s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isspace(c)) {
            ++i;
        } else if (c == ';') {
            refuse("a statement separator (;) is not allowed: --where takes one expression");
        } else if (s.compare(i, 2, "--") == 0 || s.compare(i, 2, "/*") == 0) {
            refuse("comments (-- or /*) are not allowed");
        } else if (s.compare(i, 2, "==") == 0) {
            refuse("== is not OGR SQL: compare with =");
        } else if (c == '\'') {
            std::optional<std::string> text = sql_unquoted(s, i, '\'');
            if (!text) refuse("a string literal is not closed (')");
            out.push_back({Tok::String, std::move(*text)});
        } else if (c == '"') {
            std::optional<std::string> text = sql_unquoted(s, i, '"');
            if (!text) refuse("a quoted field name is not closed (\")");
            if (text->empty()) refuse("an empty quoted field name (\"\")");
            out.push_back({Tok::Name, std::move(*text), true});
        } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            const std::size_t start = i;
            while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
            if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
                std::size_t j = i + 1;
                if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
                if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
                    i = j;
                    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
                }
            }
            const std::string text = s.substr(start, i - start);
            if (std::count(text.begin(), text.end(), '.') > 1) refuse(fmt::format("\"{}\" is not a number", text));
            if (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_')) {
                refuse(fmt::format("\"{}{}\" is not a number", text, s[i]));
            }
            out.push_back({Tok::Number, text});
        } else if (std::isalpha(c) || c == '_') {
            const std::size_t start = i;
            while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
            const std::string word = s.substr(start, i - start);
            const std::string up = upper(word);
            if (grammar_keywords().count(up)) out.push_back({Tok::Keyword, up});
            else out.push_back({Tok::Name, word});
        } else {
            static const char* const ops[] = {"<>", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ","};
            bool matched = false;
            for (const char* op : ops) {
                const std::size_t n = std::char_traits<char>::length(op);
                if (s.compare(i, n, op) == 0) {
                    out.push_back({Tok::Op, op});
                    i += n;
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                if (c >= 0x80) refuse("a character outside ASCII appears outside a quoted string or field name");
                refuse(fmt::format("the character '{}' is not allowed", static_cast<char>(c)));
            }
        }
    }
    out.push_back({Tok::End, ""});
    return out;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, const std::vector<std::string>& fields, std::string layer_label, std::string hint)
        : t_(std::move(tokens)), layer_label_(std::move(layer_label)), hint_(std::move(hint)) {
        for (const std::string& f : fields) fields_.insert(upper(f));
        for (const std::string& f : fields) field_list_ += (field_list_.empty() ? "" : ", ") + f;
    }

    void parse() {
        expr(0);
        if (peek().kind != Tok::End) refuse(fmt::format("unexpected {} after the expression", describe(peek())));
    }

private:
    std::vector<Token> t_;
    std::size_t p_ = 0;
    std::set<std::string> fields_;
    std::string field_list_;
    std::string layer_label_;
    std::string hint_;

    const Token& peek(std::size_t ahead = 0) const { return t_[std::min(p_ + ahead, t_.size() - 1)]; }
    bool is_op(const char* op, std::size_t ahead = 0) const { return peek(ahead).kind == Tok::Op && peek(ahead).text == op; }
    bool is_kw(const char* kw, std::size_t ahead = 0) const { return peek(ahead).kind == Tok::Keyword && peek(ahead).text == kw; }

    static std::string describe(const Token& t) {
        switch (t.kind) {
            case Tok::End: return "the end";
            case Tok::String: return fmt::format("the string '{}'", t.text);
            default: return fmt::format("\"{}\"", t.text);
        }
    }

    void expect_op(const char* op) {
        if (!is_op(op)) refuse(fmt::format("expected \"{}\", found {}", op, describe(peek())));
        ++p_;
    }

    void expr(int depth) {
        if (depth > kMaxDepth) refuse("the expression nests too deeply");
        conjunction(depth);
        while (is_kw("OR")) {
            ++p_;
            conjunction(depth);
        }
    }
    void conjunction(int depth) {
        negation(depth);
        while (is_kw("AND")) {
            ++p_;
            negation(depth);
        }
    }
    void negation(int depth) {
        if (is_kw("NOT")) {
            ++p_;
            negation(depth + 1);
            return;
        }
        predicate(depth);
    }
    void predicate(int depth) {
        sum(depth);
        static const char* const comparisons[] = {"=", "<>", "!=", "<", ">", "<=", ">="};
        for (const char* op : comparisons) {
            if (is_op(op)) {
                ++p_;
                sum(depth);
                return;
            }
        }
        const bool negated = is_kw("NOT") && (is_kw("IN", 1) || is_kw("LIKE", 1) || is_kw("ILIKE", 1) || is_kw("BETWEEN", 1));
        if (negated) ++p_;
        if (is_kw("IN")) {
            ++p_;
            expect_op("(");
            value_list(depth);
            expect_op(")");
        } else if (is_kw("LIKE") || is_kw("ILIKE")) {
            ++p_;
            sum(depth);
            if (is_kw("ESCAPE")) {
                ++p_;
                if (peek().kind != Tok::String) refuse("ESCAPE takes a string ('\\')");
                ++p_;
            }
        } else if (is_kw("BETWEEN")) {
            ++p_;
            sum(depth);
            if (!is_kw("AND")) refuse(fmt::format("BETWEEN needs AND, found {}", describe(peek())));
            ++p_;
            sum(depth);
        } else if (is_kw("IS")) {
            ++p_;
            if (is_kw("NOT")) ++p_;
            if (!is_kw("NULL")) refuse(fmt::format("IS takes NULL or NOT NULL, found {}", describe(peek())));
            ++p_;
        } else if (negated) {
            refuse("NOT here needs IN, LIKE or BETWEEN");
        }
    }
    void value_list(int depth) {
        if (is_op(")")) refuse("IN () needs at least one value");
        sum(depth + 1);
        while (is_op(",")) {
            ++p_;
            sum(depth + 1);
        }
    }
    void sum(int depth) {
        product(depth);
        while (is_op("+") || is_op("-")) {
            ++p_;
            product(depth);
        }
    }
    void product(int depth) {
        unary(depth);
        while (is_op("*") || is_op("/") || is_op("%")) {
            ++p_;
            unary(depth);
        }
    }
    void unary(int depth) {
        if (depth > kMaxDepth) refuse("the expression nests too deeply");
        if (is_op("-") || is_op("+")) {
            ++p_;
            unary(depth + 1);
            return;
        }
        const Token& t = peek();
        switch (t.kind) {
            case Tok::Number:
            case Tok::String:
                ++p_;
                return;
            case Tok::Keyword:
                if (t.text == "NULL") {
                    ++p_;
                    return;
                }
                refuse(fmt::format("expected a field or a value, found {}", describe(t)));
            case Tok::Name:
                name(t);
                return;
            case Tok::Op:
                if (t.text == "(") {
                    ++p_;
                    if (peek().kind == Tok::Name && !peek().quoted && statement_keywords().count(upper(peek().text))) {
                        refuse(fmt::format("subqueries are not allowed ({})", upper(peek().text)));
                    }
                    expr(depth + 1);
                    expect_op(")");
                    return;
                }
                refuse(fmt::format("expected a field or a value, found {}", describe(t)));
            case Tok::End:
                refuse("the expression ends too early");
        }
    }
    void name(const Token& t) {
        const std::string up = upper(t.text);
        if (!t.quoted && statement_keywords().count(up)) {
            refuse(fmt::format("SQL statements and subqueries are not allowed ({}): --where takes an expression over fields", up));
        }
        if (!t.quoted && is_op("(", 1)) refuse(fmt::format("function calls are not allowed ({}(...)): compare fields with values", t.text));
        if (!t.quoted && (up == "TRUE" || up == "FALSE")) refuse(fmt::format("{} is not a field; compare fields with values (1 = 1)", t.text));
        if (!fields_.count(up) && up != "FID") {
            refuse(fmt::format("\"{}\" is not a field of {} (fields: {}){}", t.text,
                               layer_label_.empty() ? std::string("the layer") : "layer \"" + layer_label_ + "\"",
                               field_list_.empty() ? "none" : field_list_, hint_));
        }
        ++p_;
    }
};

}  // namespace

void check_where(const std::string& expr, const std::vector<std::string>& fields, const std::string& layer_label,
                 const std::string& hint) {
    if (expr.find_first_not_of(" \t\r\n") == std::string::npos) refuse("is empty");
    if (expr.size() > kMaxLength) refuse(fmt::format("is longer than {} characters", kMaxLength));
    if (expr.find('\0') != std::string::npos) refuse("contains a NUL character");
    // OGR SQL reads a backslash in a string as an escape, SQLite does not: the two would not
    // agree on where a string ends, nor with this parser.
    if (expr.find('\\') != std::string::npos) refuse("a backslash is not allowed (a quote inside a string is doubled: 'it''s')");
    Parser(tokenize(expr), fields, layer_label, hint).parse();
}

std::vector<std::string> layer_field_names(OGRLayer& layer) {
    std::vector<std::string> out;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    return out;
}

void set_attribute_filter(OGRLayer& layer, const std::string& filter, const std::string& layer_label) {
    QuietGdalErrors errors;
    const auto refused = [&] {
        std::string reason = errors.last_message();
        // GeoPackage: GDAL quotes the whole SELECT it built; what matters is who refused.
        if (reason.starts_with("failed to prepare SQL")) reason = "SQLite (GeoPackage) cannot evaluate it (ILIKE, for one, is OGR SQL only)";
        return UsageError("--where", fmt::format("layer \"{}\" refuses the expression{}", layer_label, reason.empty() ? "" : ": " + reason));
    };
    if (OGR_L_SetAttributeFilter(OGRLayer::ToHandle(&layer), filter.c_str()) != OGRERR_NONE) throw refused();
    // Some drivers (GeoPackage: SQLite) compile the filter only when reading; a refusal there
    // would read as no feature at all.
    errors.reset();
    OGRFeatureUniquePtr first(layer.GetNextFeature());
    layer.ResetReading();
    if (errors.failed()) throw refused();
}

void apply_where(OGRLayer& layer, const std::string& expr, const std::string& layer_label) {
    check_where(expr, layer_field_names(layer), layer_label);
    set_attribute_filter(layer, expr, layer_label);
}

}  // namespace toponym::io
