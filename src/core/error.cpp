// Formatting of errors and diagnostics in the "where:line: what" form.
#include "core/error.hpp"

#include <fmt/format.h>

namespace toponym {

namespace {
std::string format_location(const std::string& where, int line, const std::string& what) {
    if (where.empty()) return what;
    if (line > 0) return fmt::format("{}:{}: {}", where, line, what);
    return fmt::format("{}: {}", where, what);
}
}  // namespace

Error::Error(ErrorKind kind, std::string where, const std::string& what, int line)
    : std::runtime_error(what), kind_(kind), where_(std::move(where)), line_(line) {}

std::string Error::message() const { return format_location(where_, line_, what()); }

std::string Diagnostic::format() const { return format_location(where, line, message); }

}  // namespace toponym
