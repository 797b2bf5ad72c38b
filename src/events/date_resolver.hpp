// Resolves the date expressions of a sentence ("on Monday", "yesterday", "last week",
// "on 31 July", "earlier this month", "since 22 September", "in 2012") against the publication
// date, and finds a publication date line near the top of a text. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace toponym::events {

struct DateGuess {
    std::optional<Date> date;  // best single day (the middle of a week, month or range)
    std::string precision;     // "day", "week", "month", "year", "range" or "unknown"
    std::optional<Date> min;   // bounds of the possible days, inclusive
    std::optional<Date> max;
    std::string basis;  // how it was resolved: "'on Wednesday' before publication Thu 2020-01-09 = 2020-01-08"
    std::string words;  // the expression as written in the sentence; empty when there is none
};

// The date of the event a sentence reports.
// Conventions: a weekday is the most recent such day on or before publication ("on Monday" in a
// Monday paper is that day); "yesterday" = publication - 1; "last night"/"overnight" = the night
// before publication; "last week" = the seven days before publication; a day and month without
// a year is the most recent such day on or before publication. No result is ever after the
// publication date: looking-ahead expressions ("next week", "scheduled for Wednesday") and
// explicit dates after publication give precision "unknown".
// Several expressions: the most specific one that is not background (ending more than 45 days
// before publication, or a bare year) wins, and `basis` says so.
// No expression: precision "unknown", date = max = published (the caller decides).
// Without a publication date, relative expressions give "unknown"; explicit ones
// ("31 July 2016", "in 2012") still resolve.
DateGuess resolve_sentence_date(std::string_view sentence, std::optional<Date> published);

// A publication date line among the first `max_bytes` bytes of `text`: the first complete date
// with a year ("02 October, 2016", "Feb 17, 2020", "17 February 2020", "2016-07-31",
// "Updated 3:15 PM ET, Mon July 31, 2016", "31/07/2016" read day first). A date line without a
// year ("BEIRUT, July 31 (Reuters) -") gives nothing.
std::optional<Date> find_dateline(std::string_view text, std::size_t max_bytes = 600);

}  // namespace toponym::events
