// The --where whitelist: what passes (read-only expressions over the layer's fields) and what
// is refused, with the reason, before GDAL ever sees it.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/sql_quote.hpp"
#include "io/where_clause.hpp"

namespace {

const std::vector<std::string> kFields = {"event_id", "event_type", "fatalities", "injured", "admin1", "event_date", "Place Name"};

// The reason check_where gives, "" when the expression passes.
std::string refusal(const std::string& expr) {
    try {
        toponym::io::check_where(expr, kFields, "events");
        return "";
    } catch (const toponym::UsageError& e) {
        EXPECT_EQ(e.where(), "--where");
        return e.what();
    }
}

TEST(WhereClause, ReadOnlyExpressionsPass) {
    for (const char* expr : {"fatalities > 0", "FATALITIES >= 1 and Event_Type = 'shelling'",
                             "event_type IN ('air_strike', 'drone_strike') OR NOT (injured < 2)",
                             "admin1 NOT IN ('Idleb')", "event_type LIKE 'air%'", "event_type NOT ILIKE 'AIR%'",
                             "fatalities BETWEEN 1 AND 3 AND injured NOT BETWEEN 0 AND 1", "fatalities IS NULL",
                             "injured IS NOT NULL", "fatalities + injured * 2 - 1 >= -3 % 2", "\"Place Name\" = 'Kafr ''Aya'''",
                             "event_date >= '2024-01-01' AND event_date < '2024-02-01'", "fatalities <> 1.5e2",
                             "fatalities != .5", "FID = 3", "((fatalities > 1))", "event_type LIKE 'a!_%' ESCAPE '!'",
                             "admin1 = 'SELECT ; DROP -- /*'"}) {
        EXPECT_EQ(refusal(expr), "") << expr;
    }
}

TEST(WhereClause, StatementsSubqueriesFunctionsAndUnknownNamesAreRefused) {
    struct Case {
        const char* expr;
        const char* reason;
    };
    for (const Case& c : std::vector<Case>{
             {"1=1; DROP TABLE events", "statement separator"},
             {"fatalities > 0;", "statement separator"},
             {"fatalities IN (SELECT fatalities FROM events)", "subqueries are not allowed (SELECT)"},
             {"(SELECT 1) = 1", "subqueries are not allowed (SELECT)"},
             {"EXISTS (SELECT 1)", "(EXISTS)"},
             {"fatalities = 1 UNION SELECT 1", "unexpected \"UNION\""},
             {"DELETE FROM events", "(DELETE)"},
             {"load_extension('x') IS NULL", "function calls are not allowed"},
             {"upper (admin1) = 'X'", "function calls are not allowed"},
             {"CAST(fatalities AS TEXT) = '1'", "(CAST)"},
             {"fatalities > 0 -- and the rest", "comments"},
             {"fatalities > 0 /* x */", "comments"},
             {"killed > 0", "\"killed\" is not a field of layer \"events\""},
             {"\"no such\" = 1", "\"no such\" is not a field"},
             {"fatalities >", "ends too early"},
             {"fatalities > 0 AND", "ends too early"},
             {"(fatalities > 0", "expected \")\""},
             {"fatalities IN ()", "at least one value"},
             {"fatalities BETWEEN 1 OR 2", "BETWEEN needs AND"},
             {"fatalities IS 3", "IS takes NULL"},
             {"admin1 = 'open", "not closed"},
             {"\"admin1 = 1", "not closed"},
             {"admin1 = 'a\\' OR 1=1", "backslash"},
             {"fatalities == 1", "== is not OGR SQL"},
             {"fatalities > 0 fatalities", "unexpected"},
             {"1.2.3 = 1", "not a number"},
             {"fatalities > 3x", "not a number"},
             {"admin1 = `x`", "not allowed"},
             {"admin1 = $1", "not allowed"},
             {"TRUE", "is not a field"},
             {"", "empty"},
             {"   ", "empty"}}) {
        const std::string why = refusal(c.expr);
        EXPECT_NE(why, "") << c.expr << " passed";
        EXPECT_NE(why.find(c.reason), std::string::npos) << c.expr << ": " << why;
    }
}

TEST(WhereClause, DeepNestingIsRefusedNotACrash) {
    const std::string deep = std::string(1000, '(') + "fatalities > 0" + std::string(1000, ')');
    EXPECT_NE(refusal(deep).find("nests too deeply"), std::string::npos);
    std::string negations;
    for (int i = 0; i < 1000; ++i) negations += "NOT ";
    EXPECT_NE(refusal(negations + "fatalities > 0"), "");
    EXPECT_NE(refusal(std::string(5000, ' ') + "fatalities > 0"), "") << "longer than the limit";
}

TEST(SqlQuote, UnquotedReadsBackWhatQuotedWrote) {
    for (const char* text : {"", "Kafr 'Aya", "''", "a\"b", "x"}) {
        for (char quote : {'\'', '"'}) {
            const std::string quoted = toponym::io::sql_quoted(text, quote) + " AND";
            std::size_t at = 0;
            EXPECT_EQ(toponym::io::sql_unquoted(quoted, at, quote), std::optional<std::string>(text)) << quoted;
            EXPECT_EQ(quoted.substr(at), " AND") << quoted;
        }
    }
    std::size_t at = 0;
    EXPECT_EQ(toponym::io::sql_unquoted("'not closed''", at, '\''), std::nullopt);
}

}  // namespace
