// Date expressions of a sentence, resolved against the publication date.
#include "events/date_resolver.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <date/date.h>

#include "events/arabic.hpp"
#include "events/word_scan.hpp"

namespace toponym::events {

namespace {

using scan::Word;
using Words = std::vector<Word>;
using Days = std::chrono::days;

constexpr int kBackgroundDays = 45;  // an expression ending this long before publication is context

int month_of(std::string_view w, bool allow_abbreviation) {
    static constexpr std::array<std::string_view, 12> kFull = {"january", "february", "march", "april", "may", "june",
                                                               "july", "august", "september", "october", "november", "december"};
    static constexpr std::array<std::string_view, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t k = 0; k < 12; ++k)
        if (kFull[k] == w) return static_cast<int>(k) + 1;
    if (!allow_abbreviation) return 0;
    for (std::size_t k = 0; k < 12; ++k)
        if (kShort[k] == w) return static_cast<int>(k) + 1;
    if (w == "sept") return 9;
    return 0;
}

// 0 = Sunday .. 6 = Saturday (date::weekday's C encoding), -1 if not a weekday name.
int weekday_of(std::string_view w) {
    static constexpr std::array<std::string_view, 7> kNames = {"sunday", "monday", "tuesday", "wednesday",
                                                               "thursday", "friday", "saturday"};
    for (std::size_t k = 0; k < 7; ++k)
        if (kNames[k] == w) return static_cast<int>(k);
    return -1;
}

// Day of month written as digits, optionally ordinal ("31", "31st", "2nd"), else 0.
int day_of(const Word& w) {
    const std::string& s = w.lower;
    std::size_t n = 0;
    while (n < s.size() && n < 2 && s[n] >= '0' && s[n] <= '9') ++n;
    if (n == 0) return 0;
    const std::string_view rest = std::string_view(s).substr(n);
    if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
    const int d = n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    return d >= 1 && d <= 31 ? d : 0;
}

int year_of(const Word& w) {
    if (!w.is_number || w.grouped || w.lower.size() != 4) return 0;
    return w.value >= 1900 && w.value <= 2100 ? static_cast<int>(w.value) : 0;
}

// A count in "the last four days", "two weeks ago": digits, number words, a/an, few, several.
long count_of(const Word& w) {
    if (w.is_number) return w.value >= 0 && w.value <= 100000 ? w.value : -1;
    if (w.lower == "a" || w.lower == "an" || w.lower == "one") return 1;
    if (w.lower == "few") return 3;
    if (w.lower == "several") return 5;
    return scan::number_word_value(w.lower);
}

// The date library's day count is int-based; Date (std::chrono::sys_days) is long-based.
date::sys_days to_lib(Date d) { return date::sys_days{date::days{static_cast<int>(d.time_since_epoch().count())}}; }
Date from_lib(date::sys_days d) { return Date{std::chrono::days{d.time_since_epoch().count()}}; }
date::year_month_day ymd_of(Date d) { return date::year_month_day{to_lib(d)}; }
unsigned weekday_index(Date d) { return date::weekday{to_lib(d)}.c_encoding(); }

std::optional<Date> make_day(int y, int m, int d) {
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return from_lib(date::sys_days{ymd});
}

Date first_of_month(int y, int m) { return from_lib(date::sys_days{date::year{y} / m / 1}); }
Date last_of_month(int y, int m) {
    return from_lib(date::sys_days{date::year{y} / date::month{static_cast<unsigned>(m)} / date::last});
}
int year_of_day(Date d) { return static_cast<int>(ymd_of(d).year()); }
int month_of_day(Date d) { return static_cast<int>(static_cast<unsigned>(ymd_of(d).month())); }

// YYYY-MM-DD without iostreams (called for every expression found, on large corpora).
std::string iso(Date d) {
    const date::year_month_day ymd = ymd_of(d);
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
    std::string out = std::to_string(y);
    if (y >= 0 && y < 1000) out.insert(0, 4 - out.size(), '0');
    out += '-';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    out += '-';
    out += static_cast<char>('0' + day / 10);
    out += static_cast<char>('0' + day % 10);
    return out;
}
std::string with_weekday(Date d) {
    static constexpr std::array<std::string_view, 7> kShort = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return std::string(kShort[weekday_index(d)]) + " " + iso(d);
}
Date middle(Date a, Date b) { return a + (b - a) / 2; }

struct Candidate {
    DateGuess guess;
    std::size_t first = 0, last = 0;  // word indexes of the expression
    bool future = false;              // looks ahead of publication
    bool unresolved = false;          // needs a publication date (or a year) that is missing
    bool background = false;
};

class SentenceDates {
public:
    SentenceDates(std::string_view sentence, std::optional<Date> published)
        : s_(sentence), w_(scan::scan_words(sentence)), pub_(published) {}

    std::vector<Candidate> run() {
        std::size_t i = 0;
        while (i < w_.size()) {
            std::size_t used = match_at(i);
            i += used > 0 ? used : 1;
        }
        return std::move(out_);
    }

private:
    std::string_view s_;
    Words w_;
    std::optional<Date> pub_;
    std::vector<Candidate> out_;

    bool is(std::size_t i, std::string_view word) const { return i < w_.size() && w_[i].lower == word; }
    bool before_is(std::size_t i, std::string_view word) const { return i > 0 && w_[i - 1].lower == word; }
    // Words i and i+1 are in one phrase (no comma or stop between them).
    bool joined(std::size_t i) const { return i + 1 < w_.size() && !w_[i + 1].comma_before && !w_[i + 1].stop_before; }

    std::string text(std::size_t first, std::size_t last) const {
        return std::string(s_.substr(w_[first].begin, w_[last].end - w_[first].begin));
    }
    std::string quoted(std::size_t first, std::size_t last) const { return "'" + text(first, last) + "'"; }

    // Tries every expression form at word i; returns the words consumed from i (0 = none).
    std::size_t match_at(std::size_t i) {
        if (std::size_t n = iso_date(i)) return n;
        if (std::size_t n = day_range(i)) return n;
        if (std::size_t n = day_month(i)) return n;
        if (std::size_t n = month_first(i)) return n;
        if (std::size_t n = years(i)) return n;
        if (std::size_t n = weekday(i)) return n;
        return relative(i);
    }

    // Leading preposition kept in the words as written ("on Monday", "since 22 September").
    std::size_t with_preposition(std::size_t first) const {
        if (first == 0) return first;
        const std::string& p = w_[first - 1].lower;
        if (p == "on" || p == "in" || p == "since" || p == "during" || p == "from" || p == "until" || p == "by")
            return first - 1;
        return first;
    }

    bool since_before(std::size_t first) const { return before_is(first, "since") || before_is(first, "from"); }

    // Word indexes before `first` in the same clause: "scheduled for", "will ... on".
    bool looks_ahead(std::size_t first, std::size_t last) const {
        static constexpr std::array<std::string_view, 12> kAhead = {"will", "scheduled", "planned", "due", "expected", "upcoming",
                                                                    "next", "tomorrow", "shall", "plans", "coming", "later"};
        auto ahead = [&](std::size_t k) { return std::find(kAhead.begin(), kAhead.end(), w_[k].lower) != kAhead.end(); };
        for (std::size_t k = first, steps = 0; k > 0 && steps < 5; ++steps) {
            if (w_[k].comma_before || w_[k].stop_before) break;
            --k;
            const std::string& v = w_[k].lower;
            if (v == "said" || v == "says" || v == "told" || v == "announced" || v == "reported") break;
            if (ahead(k)) return true;
        }
        for (std::size_t k = last + 1; k < w_.size() && k <= last + 4; ++k) {
            if (w_[k].comma_before || w_[k].stop_before) break;
            if (w_[k].lower == "scheduled" || w_[k].lower == "planned") return true;
        }
        return false;
    }

    void add(std::size_t first, std::size_t last, std::string precision, Date min, Date max, Date best, std::string basis,
             bool relative_to_publication) {
        Candidate c;
        c.first = first;
        c.last = last;
        c.guess.words = text(first, last);
        if (relative_to_publication && looks_ahead(first, last)) {
            c.future = true;
            c.guess.basis = quoted(first, last) + " looks ahead (future wording), not a date of the event";
            out_.push_back(std::move(c));
            return;
        }
        if (pub_ && min > *pub_) {
            c.future = true;
            c.guess.basis = quoted(first, last) + " is after publication " + iso(*pub_) + "; ignored";
            out_.push_back(std::move(c));
            return;
        }
        if (pub_) {
            max = std::min(max, *pub_);
            best = std::min(best, *pub_);
        }
        c.guess.precision = std::move(precision);
        c.guess.min = min;
        c.guess.max = max;
        c.guess.date = best;
        c.guess.basis = std::move(basis);
        c.background = pub_ && max < *pub_ - Days{kBackgroundDays};
        out_.push_back(std::move(c));
    }

    void add_unresolved(std::size_t first, std::size_t last, std::string why) {
        Candidate c;
        c.first = first;
        c.last = last;
        c.unresolved = true;
        c.guess.words = text(first, last);
        c.guess.basis = quoted(first, last) + " " + why;
        out_.push_back(std::move(c));
    }

    // A range from `start` to publication ("since Sunday"), or the plain day/span.
    void add_day_or_since(std::size_t first, std::size_t last, Date min, Date max, std::string precision, const std::string& how) {
        if (since_before(first) && pub_ && min <= *pub_) {
            const std::size_t f = first - 1;
            add(f, last, "range", min, *pub_, middle(min, *pub_),
                quoted(f, last) + ": from " + iso(min) + " (" + how + ") to publication " + iso(*pub_), true);
            return;
        }
        const std::size_t f = with_preposition(first);
        add(f, last, std::move(precision), min, max, middle(min, max), quoted(f, last) + " = " + (min == max ? iso(min) : iso(min) + ".." + iso(max)) +
                                                                       (how.empty() ? "" : " (" + how + ")"),
            true);
    }

    // Year of a day/month written without one: the most recent on or before publication.
    std::optional<int> infer_year(int month, int day) const {
        if (!pub_) return std::nullopt;
        int y = year_of_day(*pub_);
        for (int tries = 0; tries < 8; ++tries, --y) {  // 29 February needs a leap year
            if (auto d = make_day(y, month, day); d && *d <= *pub_) return y;
        }
        return std::nullopt;
    }

    // 2016-07-31
    std::size_t iso_date(std::size_t i) {
        if (i + 2 >= w_.size()) return 0;
        const int y = year_of(w_[i]);
        if (y == 0 || !w_[i + 1].hyphen_before || !w_[i + 2].hyphen_before) return 0;
        if (!w_[i + 1].is_number || !w_[i + 2].is_number || w_[i + 1].lower.size() > 2 || w_[i + 2].lower.size() > 2) return 0;
        auto d = make_day(y, static_cast<int>(w_[i + 1].value), static_cast<int>(w_[i + 2].value));
        if (!d) return 0;
        add_day_or_since(i, i + 2, *d, *d, "day", "");
        return 3;
    }

    // Year written after a day/month: "31 July 2016", "July 31, 2016".
    int year_after(std::size_t k) const { return k < w_.size() && !w_[k].stop_before ? year_of(w_[k]) : 0; }

    // "31 July last year", "in March this year": the year those two words name, else 0.
    int relative_year_after(std::size_t k) const {
        if (!pub_ || k + 1 >= w_.size() || !joined(k - 1) || !is(k + 1, "year")) return 0;
        if (is(k, "last")) return year_of_day(*pub_) - 1;
        if (is(k, "this")) return year_of_day(*pub_);
        return 0;
    }

    void add_explicit_day(std::size_t first, std::size_t last, int y, int m, int d, bool year_written) {
        if (year_written) {
            auto day = make_day(y, m, d);
            if (!day) return;
            add_day_or_since(first, last, *day, *day, "day", "");
            return;
        }
        if (!pub_) {
            if (make_day(2000, m, d)) add_unresolved(with_preposition(first), last, "has no year and there is no publication date");
            return;
        }
        auto year = infer_year(m, d);
        if (!year) return;
        const Date day = *make_day(*year, m, d);
        const int pub_year = year_of_day(*pub_);
        const std::string how = *year == pub_year ? "no year: the publication year"
                                : *year == pub_year - 1
                                    ? "no year: the previous year, as the date would be after publication " + with_weekday(*pub_)
                                    : "no year: the most recent such date on or before publication " + with_weekday(*pub_);
        add_day_or_since(first, last, day, day, "day", how);
    }

    // 31 July [2016], 31st of July, the 2nd of May
    std::size_t day_month(std::size_t i) {
        const int d = day_of(w_[i]);
        if (d == 0 || !joined(i)) return 0;
        std::size_t k = i + 1;
        if (is(k, "of") && joined(k)) ++k;
        if (k >= w_.size()) return 0;
        const int m = month_of(w_[k].lower, true);
        if (m == 0) return 0;
        int y = year_after(k + 1);
        std::size_t last = y ? k + 1 : k;
        if (y == 0 && (y = relative_year_after(k + 1)) != 0) last = k + 2;
        std::size_t first = i;
        if (before_is(first, "the")) --first;
        add_explicit_day(first, last, y, m, d, y != 0);
        return last - i + 1;
    }

    // 12-13 March | 3 and 4 July | between 12 and 14 July 2016 | from 3 to 5 May
    std::size_t day_range(std::size_t i) {
        const int d1 = day_of(w_[i]);
        if (d1 == 0 || i + 2 >= w_.size() || !joined(i)) return 0;
        std::size_t k = i + 1;
        if (!w_[k].hyphen_before) {
            if (!(is(k, "and") || is(k, "to")) || !joined(k)) return 0;
            ++k;
        }
        const int d2 = day_of(w_[k]);
        if (d2 <= d1 || k + 1 >= w_.size() || !joined(k)) return 0;
        const int m = month_of(w_[k + 1].lower, true);
        if (m == 0) return 0;
        const int y = year_after(k + 2);
        const std::size_t last = y ? k + 2 : k + 1;
        std::size_t first = i;
        if (before_is(first, "between") || before_is(first, "from")) --first;
        const std::size_t f = with_preposition(first);
        int year = y;
        if (year == 0) {
            if (!pub_) {
                add_unresolved(f, last, "has no year and there is no publication date");
                return last - i + 1;
            }
            const auto inferred = infer_year(m, d1);
            if (!inferred) return 0;
            year = *inferred;
        }
        const auto a = make_day(year, m, d1), b = make_day(year, m, d2);
        if (!a || !b) return 0;
        add(f, last, "range", *a, *b, middle(*a, *b),
            quoted(f, last) + " = " + iso(*a) + ".." + iso(*b) + (y == 0 ? " (no year: the most recent on or before publication)" : ""),
            y == 0);
        return last - i + 1;
    }

    // Part of a month named before it: early/mid/late July, the end of July. Returns day range.
    std::optional<std::pair<int, int>> month_part(std::size_t month_index, std::size_t& first) const {
        if (month_index == 0) return std::nullopt;
        const std::string& p = w_[month_index - 1].lower;
        if (p == "early") { first = month_index - 1; return std::pair{1, 10}; }
        if (p == "mid") { first = month_index - 1; return std::pair{11, 20}; }
        if (p == "late") { first = month_index - 1; return std::pair{21, 31}; }
        if (p == "of" && month_index >= 3 && w_[month_index - 2].lower == "week") {
            // the first / second / third / fourth / last week of July
            static constexpr std::array<std::string_view, 5> kOrdinals = {"first", "second", "third", "fourth", "last"};
            const std::string& ordinal = w_[month_index - 3].lower;
            for (std::size_t k = 0; k < kOrdinals.size(); ++k) {
                if (ordinal != kOrdinals[k]) continue;
                std::size_t f = month_index - 3;
                if (f > 0 && w_[f - 1].lower == "the") --f;
                first = f;
                if (k == 4) return std::pair{25, 31};  // clipped to the month's end by the caller
                return std::pair{static_cast<int>(7 * k + 1), static_cast<int>(7 * k + 7)};
            }
        }
        if (p == "of" && month_index >= 2) {
            const std::string& q = w_[month_index - 2].lower;
            std::size_t f = month_index - 2;
            if (f > 0 && w_[f - 1].lower == "the") --f;
            if (q == "beginning" || q == "start") { first = f; return std::pair{1, 10}; }
            if (q == "middle") { first = f; return std::pair{11, 20}; }
            if (q == "end") { first = f; return std::pair{21, 31}; }
        }
        return std::nullopt;
    }

    // July 31[, 2016] | July 2016 | in July | early July | mid-July 2016
    std::size_t month_first(std::size_t i) {
        const int m_full = month_of(w_[i].lower, false);
        const int m_any = month_of(w_[i].lower, true);
        if (m_any == 0) return 0;
        // July 31 (, 2016)
        const bool abbreviated_with_dot = m_full == 0 && i + 1 < w_.size() && w_[i].end < s_.size() && s_[w_[i].end] == '.' &&
                                          w_[i + 1].begin == w_[i].end + 2 && !w_[i + 1].comma_before;  // "Sept. 22"
        if ((joined(i) || abbreviated_with_dot) && day_of(w_[i + 1])) {  // "July 2016" has no day: read below
            const int d = day_of(w_[i + 1]);
            const int y = year_after(i + 2);
            const std::size_t last = y ? i + 2 : i + 1;
            add_explicit_day(i, last, y, m_any, d, y != 0);
            return last - i + 1;
        }
        if (m_full == 0) return 0;
        std::size_t first = i;
        const auto part = month_part(i, first);
        int y = year_after(i + 1);
        std::size_t last = y ? i + 1 : i;
        if (y == 0 && (y = relative_year_after(i + 1)) != 0) last = i + 2;
        if (y == 0 && !part) {
            // A bare month name only after a preposition: "may" and "march" are also verbs.
            static constexpr std::array<std::string_view, 8> kPrep = {"in", "since", "during", "until", "by", "last", "this", "of"};
            if (i == 0 || std::find(kPrep.begin(), kPrep.end(), w_[i - 1].lower) == kPrep.end()) return 0;
        }
        int year = y;
        std::string how;
        if (y == 0) {
            if (!pub_) {
                add_unresolved(with_preposition(first), last, "has no year and there is no publication date");
                return 1;
            }
            year = year_of_day(*pub_);
            if (month_of_day(*pub_) < m_full || (before_is(first, "last") && month_of_day(*pub_) == m_full)) --year;
            if (before_is(first, "last")) --first;
            how = year < year_of_day(*pub_) ? "no year: the previous year" : "no year: the publication year";
        }
        Date min = first_of_month(year, m_full);
        Date max = last_of_month(year, m_full);
        std::string precision = "month";
        if (part) {
            min = min + Days{part->first - 1};
            max = std::min(max, first_of_month(year, m_full) + Days{part->second - 1});
            precision = "range";
        }
        add_day_or_since(first, last, min, max, precision, how);
        return last - i + 1;
    }

    // in 2012 | since 2011 | between 2012 and 2016 | from 2012 to 2016 | 2011-2013
    std::size_t years(std::size_t i) {
        const int y = year_of(w_[i]);
        if (y == 0) return 0;
        // "a 2018 agreement", "the 2012 uprising": a year naming a thing, not the event's date.
        if (i > 0 && (w_[i - 1].lower == "a" || w_[i - 1].lower == "the" || w_[i - 1].lower == "an")) return 0;
        int y2 = 0;
        std::size_t last = i;
        std::size_t first = i;
        if (i + 2 < w_.size() && (is(i + 1, "and") || is(i + 1, "to")) && (before_is(i, "between") || before_is(i, "from")))
            y2 = year_of(w_[i + 2]), last = i + 2, first = i - 1;
        else if (i + 1 < w_.size() && w_[i + 1].hyphen_before && year_of(w_[i + 1]))
            y2 = year_of(w_[i + 1]), last = i + 1;
        if (y2 != 0 && y2 >= y) {
            const Date min = first_of_month(y, 1), max = last_of_month(y2, 12);
            add(first, last, "range", min, max, middle(min, pub_ ? std::min(max, *pub_) : max),
                quoted(first, last) + " = " + std::to_string(y) + " to " + std::to_string(y2), false);
            return last - i + 1;
        }
        Date min = first_of_month(y, 1), max = last_of_month(y, 12);
        // early / mid / late 2015: thirds of the year
        if (i > 0 && (w_[i - 1].lower == "early" || w_[i - 1].lower == "mid" || w_[i - 1].lower == "late")) {
            const std::string& part = w_[i - 1].lower;
            if (part == "early") max = last_of_month(y, 4);
            if (part == "mid") min = first_of_month(y, 5), max = last_of_month(y, 8);
            if (part == "late") min = first_of_month(y, 9);
            const std::size_t f = with_preposition(i - 1);
            add(f, i, "range", min, max, middle(min, pub_ ? std::max(min, std::min(max, *pub_)) : max),
                quoted(f, i) + " = " + iso(min) + ".." + iso(max) + " (a third of the year)", false);
            return 1;
        }
        // "since the beginning of 2016" reads like "since 2016"
        std::size_t since_at = since_before(i) ? i - 1 : w_.size();
        if (i >= 3 && is(i - 1, "of") && (is(i - 2, "beginning") || is(i - 2, "start"))) {
            std::size_t k = i - 2;
            if (k > 0 && is(k - 1, "the")) --k;
            if (k > 0 && is(k - 1, "since")) since_at = k - 1;
        }
        if (since_at < w_.size()) {
            if (!pub_) {
                add_unresolved(since_at, i, "runs to publication and there is no publication date");
                return 1;
            }
            add(since_at, i, "range", min, *pub_, middle(min, std::max(min, *pub_)),
                quoted(since_at, i) + ": from " + iso(min) + " to publication " + iso(*pub_), false);
            return 1;
        }
        const std::size_t f = with_preposition(i);
        add(f, i, "year", min, max, middle(min, pub_ ? std::max(min, std::min(max, *pub_)) : max),
            quoted(f, i) + " = the year " + std::to_string(y), false);
        return 1;
    }

    // on Monday | Monday night | Sunday's attack | last Friday | since Sunday
    std::size_t weekday(std::size_t i) {
        const int wd = weekday_of(w_[i].lower);
        if (wd < 0) return 0;
        // "Monday, 31 July 2016": the explicit date that follows is read on its own.
        if (i + 1 < w_.size() && (day_of(w_[i + 1]) || month_of(w_[i + 1].lower, true))) return 0;
        std::size_t last = i;
        if (i + 1 < w_.size() && !w_[i].possessive && joined(i)) {
            const std::string& n = w_[i + 1].lower;
            if (n == "night" || n == "morning" || n == "evening" || n == "afternoon" || n == "overnight") last = i + 1;
        }
        std::size_t first = i;
        bool strictly_before = false;
        if (before_is(i, "next") || before_is(i, "coming")) {
            add_future(i - 1, last);
            return last - i + 1;
        }
        if (before_is(i, "last") || before_is(i, "past")) strictly_before = true, first = i - 1;
        else if (before_is(i, "this")) first = i - 1;
        if (!pub_) {
            add_unresolved(with_preposition(first), last, "is relative and there is no publication date");
            return last - i + 1;
        }
        const unsigned pub_wd = weekday_index(*pub_);
        int back = (static_cast<int>(pub_wd) - wd + 7) % 7;
        if (back == 0 && strictly_before) back = 7;
        const Date day = *pub_ - Days{back};
        const std::string how = back == 0 ? "the publication day " + with_weekday(*pub_)
                                          : "before publication " + with_weekday(*pub_);
        if (since_before(first) && first == i) {
            add(i - 1, last, "range", day, *pub_, middle(day, *pub_),
                quoted(i - 1, last) + ": from " + with_weekday(day) + " to publication " + iso(*pub_), true);
            return last - i + 1;
        }
        const std::size_t f = with_preposition(first);
        add(f, last, "day", day, day, day, quoted(f, last) + " " + how + " = " + iso(day), true);
        return last - i + 1;
    }

    void add_future(std::size_t first, std::size_t last) {
        Candidate c;
        c.first = first;
        c.last = last;
        c.future = true;
        c.guess.words = text(first, last);
        c.guess.basis = quoted(first, last) + " looks ahead (future wording), not a date of the event";
        out_.push_back(std::move(c));
    }

    // Days back from publication, with the expression's words.
    void add_relative_day(std::size_t first, std::size_t last, int days_back, const std::string& how) {
        if (!pub_) {
            add_unresolved(first, last, "is relative and there is no publication date");
            return;
        }
        const Date d = *pub_ - Days{days_back};
        add(first, last, "day", d, d, d, quoted(first, last) + " = publication " + with_weekday(*pub_) + how + " = " + iso(d), true);
    }

    void add_relative_span(std::size_t first, std::size_t last, std::string precision, int days_min, int days_max, const std::string& how) {
        if (!pub_) {
            add_unresolved(first, last, "is relative and there is no publication date");
            return;
        }
        const Date min = *pub_ - Days{days_min}, max = *pub_ - Days{days_max};
        add(first, last, std::move(precision), min, max, middle(min, max),
            quoted(first, last) + " = " + how + " before publication " + with_weekday(*pub_) + ": " + iso(min) + ".." + iso(max), true);
    }

    // "since last week": from the start of that period to publication.
    void add_since_calendar(std::size_t first, std::size_t last, std::string_view unit, bool previous) {
        if (!pub_) {
            add_unresolved(first, last, "runs to publication and there is no publication date");
            return;
        }
        const Date p = *pub_;
        const int y = year_of_day(p), m = month_of_day(p);
        Date min = p;
        if (unit == "week") min = previous ? p - Days{7} : p - Days{(weekday_index(p) + 6) % 7};
        else if (unit == "month") min = previous ? first_of_month(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1) : first_of_month(y, m);
        else min = first_of_month(previous ? y - 1 : y, 1);
        add(first, last, "range", min, p, middle(min, p), quoted(first, last) + ": from " + iso(min) + " to publication " + iso(p), true);
    }

    // The weekend on or before publication: Saturday and Sunday.
    std::size_t weekend(std::size_t i) {
        std::size_t first = i;
        if (before_is(first, "the")) --first;
        if (first > 0 && (is(first - 1, "over") || is(first - 1, "at") || is(first - 1, "during"))) --first;
        bool previous = false;
        if (before_is(i, "last")) first = i - 1, previous = true;
        if (before_is(i, "this")) first = i - 1;
        if (before_is(i, "next")) {
            add_future(i - 1, i);
            return 1;
        }
        if (!pub_) {
            add_unresolved(first, i, "is relative and there is no publication date");
            return 1;
        }
        const Date p = *pub_;
        const int back_to_saturday = static_cast<int>((weekday_index(p) + 1) % 7);  // Sat 0, Sun 1, Mon 2 ...
        Date saturday = p - Days{back_to_saturday};
        if (previous && back_to_saturday <= 1) saturday -= Days{7};
        const Date sunday = saturday + Days{1};
        add(first, i, "range", saturday, sunday, saturday,
            quoted(first, i) + " before publication " + with_weekday(p) + ": " + iso(saturday) + ".." + iso(std::min(sunday, p)), true);
        return 1;
    }

    // Calendar week/month/year containing publication, or the one before ("last month").
    void add_calendar(std::size_t first, std::size_t last, std::string_view unit, bool previous, bool earlier) {
        if (!pub_) {
            add_unresolved(first, last, "is relative and there is no publication date");
            return;
        }
        const Date p = *pub_;
        Date min = p, max = p;
        std::string precision(unit);
        if (unit == "week") {
            const int since_monday = static_cast<int>((weekday_index(p) + 6) % 7);
            if (previous) {
                min = p - Days{7}, max = p - Days{1};  // the seven days before publication
            } else {
                min = p - Days{since_monday};
                max = earlier && p > min ? p - Days{1} : p;
            }
        } else if (unit == "month") {
            const int y = year_of_day(p), m = month_of_day(p);
            if (previous) {
                const int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
                min = first_of_month(py, pm), max = last_of_month(py, pm);
            } else {
                min = first_of_month(y, m), max = earlier && p > min ? p - Days{1} : p;
            }
        } else {
            const int y = year_of_day(p) - (previous ? 1 : 0);
            min = first_of_month(y, 1), max = previous ? last_of_month(y, 12) : (earlier && p > min ? p - Days{1} : p);
        }
        add(first, last, precision, min, max, middle(min, max),
            quoted(first, last) + " relative to publication " + with_weekday(p) + ": " + iso(min) + ".." + iso(max), true);
    }

    // yesterday, today, last night, overnight, last week, this month, earlier this year,
    // in the last four days, two weeks ago, in recent days, since the start of the year.
    std::size_t relative(std::size_t i) {
        const std::string& v = w_[i].lower;
        if (v == "weekend") return weekend(i);
        if (v == "tomorrow") {
            add_future(i, i);
            return 1;
        }
        if (v == "yesterday") {
            if (i >= 3 && is(i - 1, "before") && is(i - 2, "day") && is(i - 3, "the")) {
                add_relative_day(i - 3, i, 2, " - 2 days");
                return 1;
            }
            add_relative_day(i, i, 1, " - 1 day");
            return 1;
        }
        if (v == "today" || v == "tonight") {
            std::size_t first = i;
            if (before_is(i, "later")) {
                add_future(i - 1, i);
                return 1;
            }
            if (before_is(i, "earlier")) first = i - 1;
            add_relative_day(first, i, 0, "");
            return 1;
        }
        if (v == "overnight") {
            add_relative_day(i, i, 1, " - 1 day (the night before)");
            return 1;
        }
        if ((v == "this") && i + 1 < w_.size() && joined(i)) {
            const std::string& n = w_[i + 1].lower;
            if (n == "morning" || n == "afternoon" || n == "evening") {
                add_relative_day(i, i + 1, 0, "");
                return 2;
            }
        }
        if (v == "night" && i >= 2 && is(i - 1, "the") && is(i - 2, "during")) {
            add_relative_day(i - 2, i, 1, " - 1 day (the night before)");
            return 1;
        }
        const bool last_like = v == "last" || v == "past";
        if ((last_like || v == "this" || v == "next" || v == "later") && i + 1 < w_.size() && joined(i)) {
            const std::string& n = w_[i + 1].lower;
            if (last_like && v == "last" && n == "night") {
                add_relative_day(i, i + 1, 1, " - 1 day (the night before)");
                return 2;
            }
            if (n == "week" || n == "month" || n == "year") {
                if (v == "next") {
                    add_future(i, i + 1);
                    return 2;
                }
                if (v == "later") {
                    add_future(i, i + 1);
                    return 2;
                }
                if (v == "past") {  // "the past week": up to publication
                    const int span = n == "week" ? 7 : n == "month" ? 30 : 365;
                    add_relative_span(i, i + 1, n == "week" ? "week" : n == "month" ? "month" : "year", span, 0,
                                      "the " + std::to_string(span) + " days");
                    return 2;
                }
                std::size_t first = i;
                const bool earlier = before_is(i, "earlier");
                if (earlier) first = i - 1;
                if (v == "this" && i >= 1 && before_is(i, "later")) {
                    add_future(i - 1, i + 1);
                    return 2;
                }
                if (before_is(first, "since")) {
                    add_since_calendar(first - 1, i + 1, n, v == "last");
                    return 2;
                }
                add_calendar(first, i + 1, n, v == "last", earlier);
                return 2;
            }
        }
        // in the last four days | over the past 24 hours | the past few weeks | last 3 days
        if (last_like && i + 2 < w_.size()) {
            std::size_t k = i + 1;
            if (is(k, "couple") && is(k + 1, "of")) k += 2;
            if (k < w_.size()) {
                long n = count_of(w_[k]);
                if (is(i + 1, "couple")) n = 2;
                if (n > 0 && k + 1 < w_.size()) {
                    const std::string& unit = w_[k + 1].lower;
                    long days = -1;
                    if (unit == "hours" || unit == "hour") days = (n + 23) / 24;
                    else if (unit == "days" || unit == "day") days = n;
                    else if (unit == "weeks" || unit == "week") days = 7 * n;
                    else if (unit == "months" || unit == "month") days = 30 * n;
                    else if (unit == "years" || unit == "year") days = 365 * n;
                    if (days >= 0 && days <= 36500) {
                        std::size_t first = i;
                        if (before_is(first, "the")) --first;
                        if (before_is(first, "over")) --first;
                        else first = with_preposition(first);
                        add_relative_span(first, k + 1, "range", static_cast<int>(days), 0, text(k, k + 1));
                        return k + 2 - i;
                    }
                }
            }
        }
        // in recent days / weeks / months
        if (v == "recent" && i + 1 < w_.size()) {
            const std::string& unit = w_[i + 1].lower;
            const int days = unit == "days" ? 7 : unit == "weeks" ? 28 : unit == "months" ? 90 : 0;
            if (days > 0) {
                const std::size_t first = before_is(i, "in") ? i - 1 : i;
                add_relative_span(first, i + 1, "range", days, 0, "about " + std::to_string(days) + " days");
                return 2;
            }
        }
        // two days ago | a week ago
        if (i + 2 < w_.size() && w_[i + 2].lower == "ago") {
            const long n = count_of(w_[i]);
            const std::string& unit = w_[i + 1].lower;
            if (n > 0 && n <= 1000) {
                const int k = static_cast<int>(n);
                if (unit == "days" || unit == "day") {
                    add_relative_day(i, i + 2, k, " - " + std::to_string(k) + " days");
                    return 3;
                }
                if (unit == "weeks" || unit == "week") {
                    add_relative_span(i, i + 2, "week", 7 * k + 3, std::max(0, 7 * k - 3), "about " + std::to_string(7 * k) + " days");
                    return 3;
                }
                if (unit == "months" || unit == "month") {
                    add_relative_span(i, i + 2, "month", 30 * k + 15, std::max(0, 30 * k - 15), "about " + std::to_string(k) + " months");
                    return 3;
                }
            }
        }
        // since the start / beginning of the year (month, week)
        if (v == "since" && i + 3 < w_.size()) {
            std::size_t k = i + 1;
            if (is(k, "the")) ++k;
            if ((is(k, "start") || is(k, "beginning")) && is(k + 1, "of")) {
                std::size_t u = k + 2;
                if (is(u, "the") || is(u, "this")) ++u;
                if (u < w_.size() && (w_[u].lower == "year" || w_[u].lower == "month" || w_[u].lower == "week")) {
                    if (!pub_) {
                        add_unresolved(i, u, "runs to publication and there is no publication date");
                        return u - i + 1;
                    }
                    const Date p = *pub_;
                    Date min = first_of_month(year_of_day(p), 1);
                    if (w_[u].lower == "month") min = first_of_month(year_of_day(p), month_of_day(p));
                    if (w_[u].lower == "week") min = p - Days{(weekday_index(p) + 6) % 7};
                    add(i, u, "range", min, p, middle(min, p), quoted(i, u) + ": from " + iso(min) + " to publication " + iso(p), true);
                    return u - i + 1;
                }
            }
        }
        return 0;
    }
};

// Smaller is better: resolved before unresolved, foreground before background, narrow first.
long rank_width(const Candidate& c) {
    if (c.future || c.unresolved || !c.guess.min || !c.guess.max) return 1L << 40;
    return (*c.guess.max - *c.guess.min).count();
}

DateGuess no_expression(std::optional<Date> published) {
    DateGuess g;
    g.precision = "unknown";
    if (published) {
        g.date = published;
        g.max = published;
        g.basis = "publication date (no date in the sentence)";
    } else {
        g.basis = "no date in the sentence and no publication date";
    }
    return g;
}

}  // namespace

namespace {
DateGuess resolve_latin(std::string_view sentence, std::optional<Date> published);
}  // namespace

// Arabic date expressions are read as their English gloss (arabic::date_gloss), and told as
// written: the Arabic words replace the gloss's in `words` and `basis`.
DateGuess resolve_sentence_date(std::string_view sentence, std::optional<Date> published) {
    DateGuess g = resolve_latin(sentence, published);
    if (!arabic::has_arabic(sentence)) return g;
    std::vector<std::pair<std::string, std::string>> sources;
    const std::string gloss = arabic::date_gloss(sentence, &sources);
    if (gloss.empty()) return g;
    DateGuess a = resolve_latin(gloss, published);
    if (a.precision == "unknown" && a.words.empty()) return g;
    // ASCII digits the Latin scan reads alone ("2016" of «13 آذار 2016»): the gloss is the
    // more specific reading when it is narrower
    const auto width = [](const DateGuess& d) {
        return d.precision == "unknown" || !d.min || !d.max ? 1L << 30 : static_cast<long>((*d.max - *d.min).count());
    };
    if (g.precision != "unknown" && width(g) <= width(a)) return g;
    for (const auto& [english, written] : sources) {
        if (english.find(a.words) == std::string::npos) continue;
        const std::string from = "'" + a.words + "'";
        if (const std::size_t at = a.basis.find(from); at != std::string::npos) a.basis.replace(at, from.size(), "'" + written + "'");
        a.words = written;
        break;
    }
    return a;
}

namespace {
DateGuess resolve_latin(std::string_view sentence, std::optional<Date> published) {
    std::vector<Candidate> found = SentenceDates(sentence, published).run();
    if (found.empty()) return no_expression(published);

    const auto better = [](const Candidate& a, const Candidate& b) {
        const bool a_usable = !a.future && !a.unresolved, b_usable = !b.future && !b.unresolved;
        if (a_usable != b_usable) return a_usable;
        if (a.background != b.background) return !a.background;
        const long wa = rank_width(a), wb = rank_width(b);
        if (wa != wb) return wa < wb;
        return a.first < b.first;
    };
    const Candidate* best = &found.front();
    for (const Candidate& c : found)
        if (better(c, *best)) best = &c;

    DateGuess g = best->guess;
    if (best->future || best->unresolved) {
        g.precision = "unknown";
        g.min.reset();
        g.date = published;
        g.max = published;
        if (published) g.basis += "; the event is on or before publication " + iso(*published);
    }
    if (best->background) g.basis += " (background: well before publication)";
    if (found.size() > 1) {
        g.basis += "; chosen as the most specific of " + std::to_string(found.size()) + " date expressions (";
        for (std::size_t k = 0; k < found.size(); ++k) {
            if (k > 0) g.basis += ", ";
            g.basis += "'" + found[k].guess.words + "'";
        }
        g.basis += ")";
    }
    return g;
}
}  // namespace

std::optional<Date> find_dateline(std::string_view text, std::size_t max_bytes) {
    const std::string_view head = text.substr(0, std::min(max_bytes, text.size()));
    const Words w = scan::scan_words(head);
    for (std::size_t i = 0; i < w.size(); ++i) {
        // 2016-07-31
        if (const int y = year_of(w[i]); y && i + 2 < w.size() && w[i + 1].hyphen_before && w[i + 2].hyphen_before &&
                                          w[i + 1].is_number && w[i + 2].is_number && w[i + 1].lower.size() <= 2 &&
                                          w[i + 2].lower.size() <= 2) {
            if (auto d = make_day(y, static_cast<int>(w[i + 1].value), static_cast<int>(w[i + 2].value))) return d;
        }
        // 31/07/2016 (day first, as in British and Arab usage)
        if (w[i].is_number && i + 2 < w.size() && w[i].lower.size() <= 2 && w[i + 1].is_number && w[i + 1].lower.size() <= 2 &&
            year_of(w[i + 2]) && w[i + 1].begin == w[i].end + 1 && head[w[i].end] == '/' && w[i + 2].begin == w[i + 1].end + 1 &&
            head[w[i + 1].end] == '/') {
            if (auto d = make_day(year_of(w[i + 2]), static_cast<int>(w[i + 1].value), static_cast<int>(w[i].value))) return d;
        }
        // 02 October, 2016 | 17 February 2020 | 2nd of May 2016
        if (const int day = day_of(w[i])) {
            std::size_t k = i + 1;
            if (k < w.size() && w[k].lower == "of") ++k;
            if (k + 1 < w.size()) {
                const int m = month_of(w[k].lower, true);
                if (m && !w[k + 1].stop_before)
                    if (const int y = year_of(w[k + 1]))
                        if (auto d = make_day(y, m, day)) return d;
            }
        }
        // Feb 17, 2020 | Mon July 31, 2016
        if (const int m = month_of(w[i].lower, true); m && i + 2 < w.size()) {
            const int day = day_of(w[i + 1]);
            const int y = year_of(w[i + 2]);
            if (day && y && !w[i + 2].stop_before)
                if (auto d = make_day(y, m, day)) return d;
        }
    }
    // An Arabic date line («١٣ حزيران ٢٠١٩», «١٣/٦/٢٠١٩»): read as its English gloss.
    if (arabic::has_arabic(head)) {
        const std::string gloss = arabic::date_gloss(head);
        if (!gloss.empty()) return find_dateline(gloss, gloss.size());
    }
    return std::nullopt;
}

}  // namespace toponym::events
