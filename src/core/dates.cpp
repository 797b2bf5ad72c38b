// Calendar days as ISO text (see dates.hpp).
#include "core/dates.hpp"

#include <date/date.h>

#include <sstream>

namespace toponym {

std::optional<Date> parse_iso_date(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    // Exactly YYYY-MM-DD first: %F alone would take "2019-1-05x" for 5 January.
    if (value.size() < 10 || value[4] != '-' || value[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (value[i] < '0' || value[i] > '9') return std::nullopt;
    }
    std::istringstream in{std::string(value.substr(0, 10))};
    date::year_month_day ymd{};
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // inside date.h's parser, a false positive of GCC 12
    in >> date::parse("%F", ymd);
#pragma GCC diagnostic pop
    if (in.fail() || !ymd.ok()) return std::nullopt;
    if (value.size() > 10 && value[10] != 'T' && value[10] != ' ') return std::nullopt;
    return date::sys_days(ymd);
}

std::string format_date(Date day) { return date::format("%F", day); }

}  // namespace toponym
