// Owning wrappers for the SQLite C API (see sqlite.hpp).
#include "store/sqlite.hpp"

#include <fmt/format.h>

#include <utility>

#include "core/error.hpp"

namespace toponym::io {

namespace {

[[noreturn]] void throw_sqlite_error(sqlite3* db, const std::string& error_name, std::string_view what) {
    throw DataError(error_name, fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

void exec_sql(sqlite3* db, const std::string& sql, const std::string& error_name, const char* what) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string why = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw DataError(error_name, fmt::format("{}: {}", what, why));
    }
}

namespace sqlite {

Connection::Connection(const std::string& path, int flags, std::string error_name, const char* what)
    : error_name_(std::move(error_name)) {
    // SQLite gives a handle even when it cannot open the file (to read the message from).
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        try {
            fail(what);
        } catch (...) {
            sqlite3_close(db_);  // a constructor that throws runs no destructor
            throw;
        }
    }
}

Connection::~Connection() {
    if (db_) sqlite3_close(db_);
}

void Connection::exec(const std::string& sql, const char* what) const { exec_sql(db_, sql, error_name_, what); }

void Connection::fail(const std::string& what) const { throw_sqlite_error(db_, error_name_, what); }

void Connection::close(const char* what) {
    if (sqlite3_close(db_) != SQLITE_OK) fail(what);
    db_ = nullptr;
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string error_name, std::string what)
    : db_(db), error_name_(std::move(error_name)), what_(std::move(what)) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) fail();
}

Statement Statement::try_prepare(sqlite3* db, std::string_view sql) {
    Statement s;
    s.db_ = db;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s.stmt_, nullptr) != SQLITE_OK) {
        sqlite3_finalize(s.stmt_);
        s.stmt_ = nullptr;
    }
    return s;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      error_name_(std::move(other.error_name_)),
      what_(std::move(other.what_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
        error_name_ = std::move(other.error_name_);
        what_ = std::move(other.what_);
    }
    return *this;
}

void Statement::run() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) fail();
    sqlite3_reset(stmt_);
}

void Statement::fail() const { throw_sqlite_error(db_, error_name_, what_); }

void Statement::fail(const std::string& what) const { throw_sqlite_error(db_, error_name_, what); }

Transaction::Transaction(sqlite3* db, std::string error_name, const char* what)
    : db_(db), error_name_(std::move(error_name)), what_(what) {
    exec_sql(db_, "BEGIN", error_name_, what_);
}

Transaction::~Transaction() {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    exec_sql(db_, "COMMIT", error_name_, what_);
    committed_ = true;
}

}  // namespace sqlite

}  // namespace toponym::io
