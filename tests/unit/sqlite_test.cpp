// Unit tests of the SQLite wrappers (store/sqlite.hpp): errors name the file and the step, a
// transaction left uncommitted is rolled back, statements are finalised when they go.
#include <gtest/gtest.h>

#include "test_dir.hpp"

#include <string>
#include <utility>

#include "core/error.hpp"
#include "store/sqlite.hpp"

namespace {

using toponym::DataError;
using toponym::testing::TestDir;
namespace sqlite = toponym::io::sqlite;

constexpr int kCreate = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

long count_rows(sqlite3* db, const char* table) {
    sqlite::Statement count(db, std::string("SELECT count(*) FROM ") + table, "test.db", "counting");
    EXPECT_EQ(count.step(), SQLITE_ROW);
    return static_cast<long>(sqlite3_column_int64(count.get(), 0));
}

TEST(Sqlite, OpeningAMissingFileNamesItAndTheStep) {
    const TestDir dir;
    const std::string path = (dir.path() / "missing" / "x.gpkg").string();
    try {
        sqlite::Connection db(path, SQLITE_OPEN_READWRITE, "out.gpkg", "cannot open the GeoPackage");
        FAIL() << "opened a file in a directory that does not exist";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where(), "out.gpkg");
        EXPECT_EQ(std::string(e.what()).rfind("cannot open the GeoPackage: ", 0), 0u) << e.what();
    }
}

TEST(Sqlite, AnUncommittedTransactionIsRolledBack) {
    const TestDir dir;
    sqlite::Connection db((dir.path() / "t.db").string(), kCreate, "t.db", "cannot open");
    db.exec("CREATE TABLE t (a INTEGER)");
    {
        sqlite::Transaction tx(db.get(), "t.db");
        db.exec("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(count_rows(db.get(), "t"), 0);
    {
        sqlite::Transaction tx(db.get(), "t.db");
        db.exec("INSERT INTO t VALUES (1)");
        tx.commit();
        EXPECT_TRUE(tx.committed());
    }
    EXPECT_EQ(count_rows(db.get(), "t"), 1);
}

TEST(Sqlite, StatementsRunMoveAndFailWithTheirStep) {
    const TestDir dir;
    sqlite::Connection db((dir.path() / "s.db").string(), kCreate, "s.db", "cannot open");
    db.exec("CREATE TABLE t (a INTEGER UNIQUE)");
    sqlite::Statement insert(db.get(), "INSERT INTO t VALUES (?1)", "s.db", "cannot insert");
    sqlite3_bind_int64(insert.get(), 1, 7);
    insert.run();
    sqlite::Statement moved = std::move(insert);
    EXPECT_FALSE(insert);  // NOLINT(bugprone-use-after-move): a moved-from statement is empty
    ASSERT_TRUE(moved);
    sqlite3_bind_int64(moved.get(), 1, 7);
    try {
        moved.run();
        FAIL() << "a duplicate of a UNIQUE column went in";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where(), "s.db");
        EXPECT_EQ(std::string(e.what()).rfind("cannot insert: ", 0), 0u) << e.what();
    }
    EXPECT_THROW(sqlite::Statement(db.get(), "SELECT * FROM nowhere", "s.db", "cannot read"), DataError);
    EXPECT_FALSE(sqlite::Statement::try_prepare(db.get(), "SELECT * FROM nowhere"));
    EXPECT_TRUE(sqlite::Statement::try_prepare(db.get(), "SELECT * FROM t"));
    moved = sqlite::Statement();
    db.close();  // every statement is finalised: SQLite closes
    EXPECT_EQ(db.get(), nullptr);
}

}  // namespace
