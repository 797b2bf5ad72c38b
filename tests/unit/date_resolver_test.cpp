// Unit tests of the date resolver: every expression form against a publication date, the
// "never after publication" rule, sentences without a publication date, and date lines.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

#include "events/date_resolver.hpp"

using toponym::Date;
using toponym::events::DateGuess;
using toponym::events::find_dateline;
using toponym::events::resolve_sentence_date;

namespace {

// "2020-01-09" -> Date; "" -> nullopt.
std::optional<Date> day(const std::string& iso) {
    if (iso.empty()) return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d) != 3) throw std::runtime_error("bad test date " + iso);
    return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

struct DateCase {
    const char* name;
    const char* sentence;
    const char* published;  // "" = none
    const char* precision;
    const char* date;  // "" = no date
    const char* min;
    const char* max;
};

std::ostream& operator<<(std::ostream& out, const DateCase& c) { return out << c.name; }

// Publication days used below: Mon 2016-08-01, Sun 2016-10-02, Mon 2020-01-06, Thu 2020-01-09,
// Mon 2020-02-17, Tue 2020-03-03 (the week before it contains 29 February).
const DateCase kCases[] = {
    // weekdays: the most recent such day on or before publication
    {"weekday_before_publication", "Warplanes hit a bakery in the town on Wednesday.", "2020-01-09", "day", "2020-01-08", "2020-01-08", "2020-01-08"},
    {"weekday_is_publication_day", "Shells landed on the market on Monday morning, residents said.", "2016-08-01", "day", "2016-08-01", "2016-08-01", "2016-08-01"},
    {"weekday_possessive_curly", "Sunday\u2019s raid on the clinic killed four people.", "2016-08-01", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"weekday_possessive_ascii", "Thursday's assault on the hill failed.", "2020-01-06", "day", "2020-01-02", "2020-01-02", "2020-01-02"},
    {"last_weekday_on_that_weekday", "Rebels shot down a helicopter last Monday.", "2016-08-01", "day", "2016-07-25", "2016-07-25", "2016-07-25"},
    {"weekday_night", "Fighting went on through Tuesday night near the dam.", "2020-01-09", "day", "2020-01-07", "2020-01-07", "2020-01-07"},
    {"weekday_across_year_end", "Jets bombed the bridge on Friday.", "2020-01-01", "day", "2019-12-27", "2019-12-27", "2019-12-27"},
    {"uppercase_weekday", "ON SUNDAY THE ARMY RETOOK THE VILLAGE.", "2020-01-06", "day", "2020-01-05", "2020-01-05", "2020-01-05"},
    // days relative to publication
    {"yesterday", "Regime helicopters dropped barrel bombs on the town yesterday.", "2020-01-09", "day", "2020-01-08", "2020-01-08", "2020-01-08"},
    {"yesterday_across_year", "Yesterday a car bomb went off at the crossing.", "2020-01-01", "day", "2019-12-31", "2019-12-31", "2019-12-31"},
    {"yesterday_leap_day", "Two mortar rounds fell on the camp yesterday.", "2020-03-01", "day", "2020-02-29", "2020-02-29", "2020-02-29"},
    {"day_before_yesterday", "The convoy was hit the day before yesterday.", "2020-01-09", "day", "2020-01-07", "2020-01-07", "2020-01-07"},
    {"today", "Clashes broke out today at the checkpoint.", "2020-01-09", "day", "2020-01-09", "2020-01-09", "2020-01-09"},
    {"last_night", "An explosion shook the old city last night.", "2020-01-09", "day", "2020-01-08", "2020-01-08", "2020-01-08"},
    {"overnight", "Three people died overnight when a rocket hit the school.", "2016-08-01", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"during_the_night", "Militants infiltrated the lines during the night.", "2016-10-02", "day", "2016-10-01", "2016-10-01", "2016-10-01"},
    {"days_ago", "Warplanes carried out raids on the village two days ago.", "2020-01-06", "day", "2020-01-04", "2020-01-04", "2020-01-04"},
    // weeks and months
    {"last_week_across_month_and_leap_day", "Turkish troops set up a new post last week.", "2020-03-03", "week", "2020-02-28", "2020-02-25", "2020-03-02"},
    {"this_week_from_monday", "The airport reopened this week.", "2020-01-09", "week", "2020-01-07", "2020-01-06", "2020-01-09"},
    {"earlier_this_week", "Earlier this week rebels ambushed a patrol.", "2020-01-09", "week", "2020-01-07", "2020-01-06", "2020-01-08"},
    {"earlier_this_month", "Thousands fled the area earlier this month.", "2020-01-09", "month", "2020-01-04", "2020-01-01", "2020-01-08"},
    {"this_month", "Reinforcements arrived in the province this month.", "2016-08-01", "month", "2016-08-01", "2016-08-01", "2016-08-01"},
    {"last_month_across_year", "The ceasefire collapsed last month.", "2020-01-09", "month", "2019-12-16", "2019-12-01", "2019-12-31"},
    {"a_week_ago", "A week ago the militia withdrew from the hill.", "2020-01-09", "week", "2020-01-02", "2019-12-30", "2020-01-05"},
    // day and month
    {"day_month_without_year", "Government forces shelled the town on 31 July.", "2016-08-01", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"month_day_without_year", "The town fell on July 31, activists said.", "2016-08-01", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"day_month_in_january_paper_is_previous_year", "Shelling resumed on 31 December after a lull.", "2020-01-06", "day", "2019-12-31", "2019-12-31", "2019-12-31"},
    {"day_month_after_publication_is_previous_year", "Rebels took the base on the 3rd of October.", "2016-10-02", "day", "2015-10-03", "2015-10-03", "2015-10-03"},
    {"leap_day_without_year", "The attack happened on 29 February.", "2021-03-01", "day", "2020-02-29", "2020-02-29", "2020-02-29"},
    {"explicit_date_without_publication", "The army entered the town on 31 July 2016.", "", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"iso_date", "Report of 2016-07-31: the road was cut.", "", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"weekday_and_full_date", "The strike came on Monday, 31 July 2016.", "", "day", "2016-07-31", "2016-07-31", "2016-07-31"},
    {"explicit_date_after_publication_is_unknown", "The offensive on 17 February 2020 was announced.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    // ranges
    {"night_of_two_days", "Jets struck the town on the night of 12-13 March.", "2019-03-14", "range", "2019-03-12", "2019-03-12", "2019-03-13"},
    {"two_days_and", "Fighting on 3 and 4 July left dozens dead.", "2016-08-03", "range", "2016-07-03", "2016-07-03", "2016-07-04"},
    {"between_days_with_year", "Between 12 and 14 July 2016 the road was closed.", "", "range", "2016-07-13", "2016-07-12", "2016-07-14"},
    {"since_weekday", "Shelling has continued since Sunday.", "2020-01-09", "range", "2020-01-07", "2020-01-05", "2020-01-09"},
    {"since_day_month", "Rebels have held the area since 22 September.", "2016-10-02", "range", "2016-09-27", "2016-09-22", "2016-10-02"},
    {"early_month", "The siege tightened in early July.", "2016-08-01", "range", "2016-07-05", "2016-07-01", "2016-07-10"},
    {"mid_month_hyphen", "Fighting flared in mid-July along the front.", "2016-08-01", "range", "2016-07-15", "2016-07-11", "2016-07-20"},
    {"late_month", "The militia withdrew in late July.", "2016-08-01", "range", "2016-07-26", "2016-07-21", "2016-07-31"},
    {"end_of_month", "By the end of July the road was open.", "2016-08-01", "range", "2016-07-26", "2016-07-21", "2016-07-31"},
    {"last_n_days", "Activists said 27 civilians were killed in the last four days.", "2020-01-09", "range", "2020-01-07", "2020-01-05", "2020-01-09"},
    {"past_24_hours", "Over the past 24 hours jets struck 40 targets.", "2020-01-09", "range", "2020-01-08", "2020-01-08", "2020-01-09"},
    {"since_start_of_year", "More than 800 raids have been recorded since the start of the year.", "2020-02-17", "range", "2020-01-24", "2020-01-01", "2020-02-17"},
    {"since_year", "The group has controlled the crossing since 2014.", "2016-08-01", "range", "2015-04-17", "2014-01-01", "2016-08-01"},
    {"month_with_year", "The town was besieged in July 2016.", "", "month", "2016-07-16", "2016-07-01", "2016-07-31"},
    {"month_without_year_after_publication", "The dam was captured in November.", "2016-10-02", "month", "2015-11-15", "2015-11-01", "2015-11-30"},
    {"first_week_of_month", "In the first week of July the militia withdrew.", "2016-08-03", "range", "2016-07-04", "2016-07-01", "2016-07-07"},
    {"last_week_of_month_clipped", "The last week of February saw heavy raids.", "2021-03-10", "range", "2021-02-26", "2021-02-25", "2021-02-28"},
    {"weekend", "Over the weekend, regime forces shelled the village.", "2016-08-03", "range", "2016-07-30", "2016-07-30", "2016-07-31"},
    {"last_weekend_in_a_sunday_paper", "Last weekend jets struck the dam.", "2016-07-31", "range", "2016-07-23", "2016-07-23", "2016-07-24"},
    {"since_last_week", "The town has been under siege since last week.", "2016-08-03", "range", "2016-07-30", "2016-07-27", "2016-08-03"},
    {"abbreviated_month_with_dot", "On Sept. 22, jets struck the clinic.", "2016-10-02", "day", "2016-09-22", "2016-09-22", "2016-09-22"},
    {"month_last_year", "The town was captured in July last year.", "2016-08-03", "month", "2015-07-16", "2015-07-01", "2015-07-31"},
    {"day_month_last_year", "Rebels shelled the base on 31 July last year.", "2016-08-03", "day", "2015-07-31", "2015-07-31", "2015-07-31"},
    // years
    {"since_beginning_of_year_number", "Since the beginning of 2016, the group has lost ground.", "2016-08-03", "range", "2016-04-17", "2016-01-01", "2016-08-03"},
    {"in_year", "The army lost the town in 2012.", "2020-01-09", "year", "2012-07-01", "2012-01-01", "2012-12-31"},
    {"between_years", "The area changed hands several times between 2012 and 2016.", "2020-01-09", "range", "2014-07-02", "2012-01-01", "2016-12-31"},
    {"late_year", "The city was captured in late 2015.", "2020-01-09", "range", "2015-10-31", "2015-09-01", "2015-12-31"},
    // nothing to resolve
    {"no_expression", "Rebels shelled the checkpoint.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"no_expression_no_publication", "Rebels shelled the checkpoint.", "", "unknown", "", "", ""},
    {"relative_without_publication", "Rebels shelled the checkpoint yesterday.", "", "unknown", "", "", ""},
    {"weekday_without_publication", "Jets bombed the market on Friday.", "", "unknown", "", "", ""},
    {"day_month_without_publication", "Jets bombed the market on 3 May.", "", "unknown", "", "", ""},
    {"may_as_verb", "Rebels may withdraw from the town, a commander said.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"march_as_verb", "Troops march on the city as residents flee.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"invalid_day_month", "The report is dated 31 February.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"count_with_separator_is_not_a_year", "Over 2,000 people fled the camp.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    // looking ahead: never a date after publication
    {"next_week", "The regime will launch an offensive next week.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"scheduled_for_weekday", "Talks are scheduled for Wednesday in the capital.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"will_on_weekday", "The two sides will meet on Saturday.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"weekday_then_scheduled", "On Wednesday a vote is scheduled in the council.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"tomorrow", "Evacuations are to resume tomorrow.", "2020-01-09", "unknown", "2020-01-09", "", "2020-01-09"},
    {"said_on_weekday_it_will", "The army said on Wednesday it will send more troops.", "2020-01-09", "day", "2020-01-08", "2020-01-08", "2020-01-08"},
};

class DateCases : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateCases, Resolves) {
    const DateCase& c = GetParam();
    const DateGuess g = resolve_sentence_date(c.sentence, day(c.published));
    EXPECT_EQ(g.precision, c.precision) << g.basis;
    EXPECT_EQ(g.date, day(c.date)) << g.basis;
    EXPECT_EQ(g.min, day(c.min)) << g.basis;
    EXPECT_EQ(g.max, day(c.max)) << g.basis;
    EXPECT_FALSE(g.basis.empty());
    if (auto pub = day(c.published)) {
        if (g.date) {
            EXPECT_LE(*g.date, *pub);
        }
        if (g.max) {
            EXPECT_LE(*g.max, *pub);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Sentences, DateCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<DateCase>& param_info) { return std::string(param_info.param.name); });

TEST(DateResolver, BasisNamesTheRuleAndTheWords) {
    const DateGuess g = resolve_sentence_date("Warplanes hit a bakery on Wednesday.", day("2020-01-09"));
    EXPECT_EQ(g.words, "on Wednesday");
    EXPECT_EQ(g.basis, "'on Wednesday' before publication Thu 2020-01-09 = 2020-01-08");
}

TEST(DateResolver, SeveralExpressionsPreferTheMostSpecificForegroundOne) {
    const DateGuess g = resolve_sentence_date(
        "Rebels, who have held the town since 2013, repelled an attack on Tuesday and lost two men last week.",
        day("2020-01-09"));
    EXPECT_EQ(g.precision, "day");
    EXPECT_EQ(g.date, day("2020-01-07"));
    EXPECT_EQ(g.words, "on Tuesday");
    EXPECT_NE(g.basis.find("most specific of 3"), std::string::npos) << g.basis;
}

TEST(DateResolver, OnlyBackgroundExpressionsAreUsedAndSaidSo) {
    const DateGuess g = resolve_sentence_date("The town was first captured by rebels in 2013.", day("2020-01-09"));
    EXPECT_EQ(g.precision, "year");
    EXPECT_EQ(g.date, day("2013-07-02"));
    EXPECT_NE(g.basis.find("background"), std::string::npos) << g.basis;
}

TEST(DateResolver, FutureWordingSaysWhyInBasis) {
    const DateGuess g = resolve_sentence_date("Talks are scheduled for Wednesday.", day("2020-01-09"));
    EXPECT_NE(g.basis.find("looks ahead"), std::string::npos) << g.basis;
    EXPECT_EQ(g.words, "Wednesday");
}

TEST(DateResolver, RelativeExpressionWithoutPublicationKeepsItsWords) {
    const DateGuess g = resolve_sentence_date("Jets bombed the market yesterday.", std::nullopt);
    EXPECT_EQ(g.words, "yesterday");
    EXPECT_NE(g.basis.find("no publication date"), std::string::npos) << g.basis;
}

TEST(DateResolver, ExplicitDateBeatsRelativeOneWithoutPublication) {
    const DateGuess g = resolve_sentence_date("Yesterday officials said the town fell on 31 July 2016.", std::nullopt);
    EXPECT_EQ(g.precision, "day");
    EXPECT_EQ(g.date, day("2016-07-31"));
}

TEST(DateResolver, NeverAfterPublicationOnRandomBytesAndWords) {
    // Fuzz-style: random bytes and random mixes of date words must not throw or give a date
    // after publication.
    const char* vocabulary[] = {"on", "Monday", "since", "31", "July", "2016", "last", "week", "next", "in", "early",
                                "mid-", "2,000", "yesterday", "the", "of", "end", "between", "and", "2012", "ago",
                                "two", "days", "past", "\xE2\x80\x99s", ",", ".", "29", "February", "-", "scheduled"};
    std::mt19937 rng(20200109);
    const Date pub = *day("2016-03-01");
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const int n = static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) {
            if (round % 3 == 0) {
                s.push_back(static_cast<char>(rng() % 256));
            } else {
                s += vocabulary[rng() % (sizeof vocabulary / sizeof *vocabulary)];
                s += (rng() % 4 == 0) ? "" : " ";
            }
        }
        DateGuess g;
        ASSERT_NO_THROW(g = resolve_sentence_date(s, pub)) << s;
        if (g.date) {
            EXPECT_LE(*g.date, pub) << s;
        }
        if (g.max) {
            EXPECT_LE(*g.max, pub) << s;
        }
        if (g.min && g.max) {
            EXPECT_LE(*g.min, *g.max) << s;
        }
        ASSERT_NO_THROW((void)find_dateline(s)) << s;
    }
}

TEST(Dateline, FindsTheFirstCompleteDateNearTheTop) {
    EXPECT_EQ(find_dateline("The New Arab\n02 October, 2016\nAleppo was hit on 31 July."), day("2016-10-02"));
    EXPECT_EQ(find_dateline("By staff writers\nFeb 17, 2020\nText."), day("2020-02-17"));
    EXPECT_EQ(find_dateline("17 February 2020 | World news\nRebels..."), day("2020-02-17"));
    EXPECT_EQ(find_dateline("published: 2016-07-31\n\nBody"), day("2016-07-31"));
    EXPECT_EQ(find_dateline("Updated 3:15 PM ET, Mon July 31, 2016\nBEIRUT (Reuters) -"), day("2016-07-31"));
    EXPECT_EQ(find_dateline("Posted 31/07/2016 by the desk"), day("2016-07-31"));
    EXPECT_EQ(find_dateline("Thursday 9th of January 2020\n"), day("2020-01-09"));
}

TEST(Dateline, DateWithoutYearOrTooFarDownGivesNothing) {
    EXPECT_EQ(find_dateline("BEIRUT, July 31 (Reuters) - Syrian rebels said on Sunday..."), std::nullopt);
    EXPECT_EQ(find_dateline(std::string(700, 'x') + " 17 February 2020"), std::nullopt);
    EXPECT_EQ(find_dateline(std::string(700, 'x') + " 17 February 2020", 800), day("2020-02-17"));
    EXPECT_EQ(find_dateline("Report 31 February 2020 and 2020-13-01"), std::nullopt);
    EXPECT_EQ(find_dateline(""), std::nullopt);
}

TEST(Dateline, CutsTheTextAtMaxBytesEvenInsideADate) {
    const std::string text = "Header 17 February 2020";
    EXPECT_EQ(find_dateline(text, text.size() - 2), std::nullopt);  // "20" of the year cut off
    EXPECT_EQ(find_dateline(text, text.size()), day("2020-02-17"));
}

}  // namespace
