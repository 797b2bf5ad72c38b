// Calendar days as text: the ISO form every input and output of toponym uses (YYYY-MM-DD).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace toponym {

// Parses an ISO date (YYYY-MM-DD, optionally followed by a time) into a day; nullopt if it is
// not a real calendar date (2016-02-31 is not). Blanks and tabs around it are ignored. Never
// throws; thread-safe.
std::optional<Date> parse_iso_date(std::string_view value);

// "YYYY-MM-DD". Thread-safe.
std::string format_date(Date day);

}  // namespace toponym
