// Owning wrappers for the SQLite C API: a connection, a prepared statement, a transaction.
// Errors are DataErrors naming what the caller writes ("<what>: <SQLite's message>"), so that a
// message says which file and which step failed. One thread uses a connection and its
// statements at a time (the GeoPackage writers open theirs with SQLITE_OPEN_NOMUTEX).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace toponym::io {

// Runs `sql` (no results) on `db`; on failure throws DataError naming `error_name`: "<what>: <SQLite's message>".
void exec_sql(sqlite3* db, const std::string& sql, const std::string& error_name,
              const char* what = "writing the GeoPackage failed");

namespace sqlite {

// A connection to a database file, closed when this object goes.
class Connection {
public:
    // Opens `path` with `flags` (SQLITE_OPEN_...). Throws DataError naming `error_name`
    // ("<what>: <SQLite's message>") when SQLite cannot.
    Connection(const std::string& path, int flags, std::string error_name, const char* what);
    ~Connection();  // closes; a transaction still open is rolled back by SQLite
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The handle, for the C API and the functions of this floor that take one; nullptr once closed.
    sqlite3* get() const { return db_; }
    const std::string& error_name() const { return error_name_; }
    // Runs `sql` (no results); throws as exec_sql does.
    void exec(const std::string& sql, const char* what = "writing the GeoPackage failed") const;
    // Throws DataError naming the connection's error_name: "<what>: <SQLite's last message>".
    [[noreturn]] void fail(const std::string& what) const;
    // Closes now (statements on it must be gone). Throws DataError ("<what>: ...") when SQLite
    // refuses; the connection then stays open (and is closed again by the destructor).
    void close(const char* what = "cannot close the GeoPackage");

private:
    sqlite3* db_ = nullptr;
    std::string error_name_;
};

// A prepared statement, finalised when this object goes (or is moved over). Empty when
// default-made or moved from.
class Statement {
public:
    Statement() = default;
    // Prepares `sql` on `db`. Throws DataError naming `error_name` ("<what>: <SQLite's
    // message>") when SQLite cannot; the same `what` is used by run() and fail().
    Statement(sqlite3* db, std::string_view sql, std::string error_name, std::string what);
    // Prepares `sql` on `db`, or gives an empty statement when SQLite cannot (no error).
    static Statement try_prepare(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    explicit operator bool() const { return stmt_ != nullptr; }
    // The handle, to bind values and read columns with the C API.
    sqlite3_stmt* get() const { return stmt_; }
    // sqlite3_step: SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(stmt_); }
    // Runs the bound statement to its end and makes it ready for the next values; throws as
    // fail() does unless it ends with SQLITE_DONE.
    void run();
    // Throws DataError naming error_name: "<what given when prepared>: <SQLite's last message>".
    [[noreturn]] void fail() const;
    // The same with another `what`.
    [[noreturn]] void fail(const std::string& what) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    std::string error_name_;
    std::string what_;
};

// BEGIN when made; ROLLBACK when it goes uncommitted (an exception on the way), its own errors
// ignored then. The connection must outlive it.
class Transaction {
public:
    // Throws DataError naming `error_name` ("<what>: ...") when BEGIN fails.
    Transaction(sqlite3* db, std::string error_name, const char* what = "writing the GeoPackage failed");
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // COMMIT. Throws as exec_sql does; the transaction is then rolled back by the destructor.
    void commit();
    bool committed() const { return committed_; }

private:
    sqlite3* db_;
    std::string error_name_;
    const char* what_;
    bool committed_ = false;
};

}  // namespace sqlite

}  // namespace toponym::io
