// Error types: one hierarchy carrying where the problem is (input, line) and whose fault it is.
#pragma once

#include <stdexcept>
#include <string>

namespace toponym {

// Maps to the process exit code: Data = 1 (bad input data), Usage = 2 (bad command line).
enum class ErrorKind { Data = 1, Usage = 2 };

class Error : public std::runtime_error {
public:
    // `where` names the input (a path, an option); `line` is 1-based, 0 when not line-specific.
    Error(ErrorKind kind, std::string where, const std::string& what, int line = 0);

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& where() const noexcept { return where_; }
    int line() const noexcept { return line_; }
    // "where:line: what", "where: what" or "what", the form printed after "toponym: ".
    std::string message() const;

private:
    ErrorKind kind_;
    std::string where_;
    int line_;
};

class DataError : public Error {
public:
    DataError(std::string where, const std::string& what, int line = 0)
        : Error(ErrorKind::Data, std::move(where), what, line) {}
};

class UsageError : public Error {
public:
    UsageError(std::string where, const std::string& what)
        : Error(ErrorKind::Usage, std::move(where), what, 0) {}
};

// A problem found while processing one input that did not stop the batch.
struct Diagnostic {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Warning;
    std::string where;  // input path
    int line = 0;       // 1-based, 0 when not line-specific
    std::string message;

    std::string format() const;  // "where:line: message"
};

}  // namespace toponym
