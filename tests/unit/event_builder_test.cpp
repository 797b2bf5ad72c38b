// Unit tests of event detection: the cue classifier on tokenised sentences, and the events
// process_document builds (one per place, Syria only, dated by the publication date).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "events/event_builder.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "ingest/document_reader.hpp"
#include "pipeline/pipeline.hpp"
#include "text/normalize.hpp"
#include "text/tokenize.hpp"

using namespace std::chrono;
using toponym::DocumentResult;
using toponym::Event;
using toponym::Gazetteer;
using toponym::PipelineContext;
using toponym::Place;
using toponym::admin::AdminBoundaries;

namespace {

// process_document with the embedded gazetteer and governorates.

const AdminBoundaries& boundaries() {
    static const AdminBoundaries b = AdminBoundaries::embedded();
    return b;
}

DocumentResult run(const std::string& text, const std::string& path = "report.txt") {
    const PipelineContext ctx{Gazetteer::embedded(), boundaries()};
    return toponym::process_document(toponym::ingest::parse_text_document(path, text), ctx);
}

const Place& place_of(const DocumentResult& r, const Event& e) {
    return Gazetteer::embedded().place(r.mentions.at(e.mention).place());
}

std::string mention_surfaces(const DocumentResult& r) {
    std::string s;
    for (const auto& m : r.mentions) s += " [" + m.surface + "]";
    return s;
}

// The surface of the place of the document's one event; otherwise how many events there were
// and the mentions found, for the failure message.
std::string sole_event_place(const DocumentResult& r) {
    if (r.events.size() != 1) return std::to_string(r.events.size()) + " events;" + mention_surfaces(r);
    return r.mentions.at(r.events[0].mention).surface;
}

TEST(BuildEvents, ListOfVillagesGivesOneEventEach) {
    const DocumentResult r = run("---\npublished: 2019-12-21\n---\n"
                                 "Air strikes hit the villages of Kafranbel, Hish and Saraqib on Saturday.\n"
                                 "The market in Binnish was crowded.\n");
    ASSERT_EQ(r.events.size(), 3u) << mention_surfaces(r);
    std::set<std::string> surfaces;
    std::set<std::string> ids;
    for (const Event& e : r.events) {
        EXPECT_EQ(e.event_type, "air_strike");
        EXPECT_EQ(e.cue, "Air strikes") << "the cue as written";
        surfaces.insert(r.mentions.at(e.mention).surface);
        EXPECT_EQ(place_of(r, e).country_code, "SY");
        EXPECT_EQ(place_of(r, e).admin1_pcode, "SY07");
        EXPECT_EQ(e.geo_precision, 1) << "a village is an exact place";
        EXPECT_GT(e.confidence, 0.0);
        EXPECT_LE(e.confidence, 1.0);
        EXPECT_EQ(e.sentence.line, 4);
        EXPECT_EQ(e.snippet, "Air strikes hit the villages of Kafranbel, Hish and Saraqib on Saturday.");
        EXPECT_EQ(*e.event_date, sys_days(year{2019} / December / 21)) << "'on Saturday' in a Saturday paper";
        EXPECT_EQ(e.date_precision, "day");
        EXPECT_TRUE(ids.insert(e.event_id).second) << "event ids are unique";
    }
    EXPECT_EQ(surfaces, (std::set<std::string>{"Kafranbel", "Hish", "Saraqib"})) << "Binnish has no cue";
}

TEST(BuildEvents, TwoClausesTwoTypes) {
    const DocumentResult r = run("---\npublished: 2021-03-15\n---\n"
                                 "Government forces shelled Saraqib on Monday, and Russian jets struck Binnish.\n");
    ASSERT_EQ(r.events.size(), 2u) << mention_surfaces(r);
    for (const Event& e : r.events) {
        const std::string& place = r.mentions.at(e.mention).surface;
        EXPECT_EQ(e.event_type, place == "Saraqib" ? "shelling" : "air_strike") << place;
        EXPECT_FALSE(e.actors.empty()) << place;
    }
}

TEST(BuildEvents, DatesFromTheSentenceNeverAfterPublication) {
    const std::string front = "---\npublished: 2020-02-06\n---\n";  // a Thursday
    const DocumentResult on_monday = run(front + "Government forces captured Saraqib on Monday.\n");
    ASSERT_EQ(on_monday.events.size(), 1u);
    EXPECT_EQ(on_monday.events[0].event_type, "capture_of_territory");
    EXPECT_EQ(*on_monday.events[0].event_date, sys_days(year{2020} / February / 3));
    EXPECT_EQ(on_monday.events[0].date_precision, "day");
    EXPECT_NE(on_monday.events[0].date_basis.find("on Monday"), std::string::npos) << on_monday.events[0].date_basis;

    // No date in the sentence: the week up to publication.
    const DocumentResult dated = run(front + "Government forces captured Saraqib.\n");
    ASSERT_EQ(dated.events.size(), 1u);
    EXPECT_EQ(*dated.events[0].event_date, sys_days(year{2020} / February / 6));
    EXPECT_EQ(dated.events[0].date_precision, "week");
    EXPECT_EQ(*dated.events[0].date_min, sys_days(year{2020} / January / 31));
    EXPECT_EQ(*dated.events[0].date_max, sys_days(year{2020} / February / 6));

    // The next sentence of the paragraph keeps the day the one before stated.
    const DocumentResult carried = run(front + "Shelling hit Saraqib on Monday. Clashes followed in Binnish.\n");
    ASSERT_EQ(carried.events.size(), 2u);
    EXPECT_EQ(*carried.events[1].event_date, sys_days(year{2020} / February / 3));

    const DocumentResult undated = run("Government forces captured Saraqib.\n");
    ASSERT_EQ(undated.events.size(), 1u);
    EXPECT_FALSE(undated.events[0].event_date.has_value());
    EXPECT_EQ(undated.events[0].date_precision, "unknown");

    const DocumentResult bad_date = run("---\npublished: 2016-02-31\n---\nGovernment forces captured Saraqib.\n");
    ASSERT_EQ(bad_date.events.size(), 1u);
    EXPECT_EQ(bad_date.events[0].date_precision, "unknown") << "an impossible date is no date";

    const DocumentResult dateline = run("02 October, 2016\nGovernment forces captured Saraqib on Saturday.\n");
    ASSERT_EQ(dateline.events.size(), 1u);
    EXPECT_EQ(*dateline.events[0].event_date, sys_days(year{2016} / October / 1)) << "dated by the date line";
}

TEST(BuildEvents, CasualtiesActorsAndBackground) {
    const DocumentResult r = run("---\npublished: 2020-02-06\n---\n"
                                 "Russian warplanes struck Saraqib on Tuesday, killing at least 12 civilians.\n"
                                 "Saraqib was besieged in 2012.\n");
    ASSERT_GE(r.events.size(), 2u) << mention_surfaces(r);
    EXPECT_EQ(r.events[0].event_type, "air_strike");
    EXPECT_EQ(r.events[0].killed, 12);
    EXPECT_FALSE(r.events[0].casualty_text.empty());
    ASSERT_FALSE(r.events[0].actors.empty());
    EXPECT_NE(r.events[0].actors[0].find("warplanes"), std::string::npos);
    EXPECT_EQ(r.events[1].status, "background") << "ended long before publication";
    EXPECT_EQ(r.events[1].event_type, "other");
    EXPECT_EQ(r.events[1].subtype.rfind("siege", 0), 0u) << r.events[1].subtype;
}

TEST(BuildEvents, NoEventsForPlacesOutsideSyria) {
    const DocumentResult abroad = run("Air strikes hit Ankara and Moscow, officials said.\n");
    ASSERT_GE(abroad.mentions.size(), 2u) << "the places are found" << mention_surfaces(abroad);
    EXPECT_TRUE(abroad.events.empty());

    const DocumentResult mixed = run("Warplanes bombed Moscow and Saraqib.\n");
    EXPECT_EQ(sole_event_place(mixed), "Saraqib");
}

TEST(BuildEvents, NoCueNoEvent) {
    const DocumentResult r = run("Saraqib and Binnish are in Idlib province. The weather in Aleppo was mild.\n");
    EXPECT_GE(r.mentions.size(), 3u) << mention_surfaces(r);
    EXPECT_TRUE(r.events.empty());
}

TEST(BuildEvents, GovernorateOnlyWhenNoSettlementIsNamed) {
    const DocumentResult gov = run("Thousands were displaced from Idleb province.\n");
    ASSERT_EQ(gov.events.size(), 1u) << mention_surfaces(gov);
    EXPECT_EQ(gov.events[0].event_type, "displacement");
    EXPECT_EQ(place_of(gov, gov.events[0]).feature_class, "A");
    EXPECT_EQ(place_of(gov, gov.events[0]).admin1_pcode, "SY07");
    EXPECT_EQ(gov.events[0].geo_precision, 3);

    // A side of the governorate is a relative location: offset from its centre, precision 2.
    const DocumentResult side = run("Thousands were displaced from southern Idleb province.\n");
    ASSERT_EQ(side.events.size(), 1u) << mention_surfaces(side);
    ASSERT_TRUE(side.events[0].relative.has_value());
    EXPECT_EQ(side.events[0].geo_precision, 2);
    EXPECT_EQ(side.events[0].admin.admin1_pcode, "SY07");
    EXPECT_LT(side.events[0].lat, place_of(side, side.events[0]).lat) << "south of the governorate's centre";

    const DocumentResult both = run("Shelling hit Saraqib in Idlib province.\n");
    ASSERT_EQ(both.events.size(), 1u) << "the settlement, not also its governorate";
    EXPECT_EQ(both.mentions.at(both.events[0].mention).surface, "Saraqib");
}

TEST(BuildEvents, OneEventPerPlaceAndTypeInADocument) {
    const DocumentResult r = run("Shelling hit Saraqib. More shelling hit Saraqib later. Clashes followed in Saraqib.\n");
    ASSERT_EQ(r.events.size(), 2u);
    std::set<std::string> types;
    for (const Event& e : r.events) types.insert(e.event_type);
    EXPECT_EQ(types, (std::set<std::string>{"shelling", "clashes"}));
    EXPECT_NE(r.events[0].event_id, r.events[1].event_id);
}

TEST(BuildEvents, EventIdsAreStableAndDependOnTheDocument) {
    const std::string text = "Clashes erupted in Saraqib.\n";
    const DocumentResult a = run(text, "a.txt");
    const DocumentResult again = run(text, "a.txt");
    const DocumentResult b = run(text, "b.txt");
    ASSERT_EQ(a.events.size(), 1u);
    ASSERT_EQ(again.events.size(), 1u);
    ASSERT_EQ(b.events.size(), 1u);
    EXPECT_EQ(a.events[0].event_id, again.events[0].event_id);
    EXPECT_NE(a.events[0].event_id, b.events[0].event_id);
    EXPECT_EQ(a.events[0].event_id.rfind("ev-", 0), 0u);
}

TEST(BuildEvents, UnknownVillageLandsInUnresolved) {
    const std::string name = "Qarzuwita";
    ASSERT_TRUE(Gazetteer::embedded().lookup(toponym::text::fold_name(name)).empty()) << "must be unknown for this test";
    const DocumentResult r = run("Shelling hit Saraqib and the village of " + name + " on Monday.\n");
    ASSERT_EQ(r.unresolved.size(), 1u);
    EXPECT_EQ(r.unresolved[0].surface, name);
    EXPECT_NE(r.unresolved[0].reason.find("village"), std::string::npos) << r.unresolved[0].reason;
    EXPECT_EQ(r.unresolved[0].snippet, "Shelling hit Saraqib and the village of " + name + " on Monday.");
    EXPECT_EQ(r.unresolved[0].span.line, 1);
    for (const auto& m : r.mentions) EXPECT_NE(m.surface, name);
    ASSERT_EQ(r.events.size(), 1u) << "only the known place gets an event";
    EXPECT_EQ(r.mentions.at(r.events[0].mention).surface, "Saraqib");
}

TEST(BuildEvents, AKnownFirstWordOfAnUnknownLongerNameIsNotThatVillage) {
    // "Ruwayha" alone is a village (of Idlib and others); "Ruwayha al-Qibliya" is a name the
    // gazetteer lacks
    ASSERT_FALSE(Gazetteer::embedded().lookup(toponym::text::fold_name("Ruwayha")).empty()) << "the first word must be known";
    ASSERT_TRUE(Gazetteer::embedded().lookup(toponym::text::fold_name("Ruwayha al-Qibliya")).empty()) << "the whole must be unknown";
    const DocumentResult r = run("Regime forces clashed with rebels in the Ruwayha al-Qibliya area of Rural Damascus on Monday.\n");
    for (const auto& m : r.mentions) EXPECT_NE(m.surface, "Ruwayha") << "not a village of that first word";
    ASSERT_EQ(r.unresolved.size(), 1u);
    EXPECT_EQ(r.unresolved[0].surface, "Ruwayha al-Qibliya");
    ASSERT_EQ(r.events.size(), 1u) << mention_surfaces(r);
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY03") << "the governorate the text names";
    // a town's name keeps its reading before another name ("Saraqib al-Jadida")
    const DocumentResult town = run("Jets struck Saraqib al-Jadida on Monday.\n");
    EXPECT_TRUE(std::any_of(town.events.begin(), town.events.end(),
                            [&](const Event& e) { return town.mentions.at(e.mention).surface == "Saraqib"; }))
        << mention_surfaces(town);
}

TEST(BuildEvents, AnArticleNameAfterAnUnknownWordIsTheTailOfALongerName) {
    // "al-Bab" and "al-Sham" alone are places (a town, Damascus); after a capitalised word no
    // gazetteer name holds, they end a longer name: a group's, or a hamlet the gazetteer lacks.
    ASSERT_TRUE(Gazetteer::embedded().lookup(toponym::text::fold_name("Nusur al-Sham")).empty());
    ASSERT_TRUE(Gazetteer::embedded().lookup(toponym::text::fold_name("Qurnat al-Bab")).empty());
    const DocumentResult group = run("Fighters of Nusur al-Sham clashed with regime forces in the village of Kafranbel on Monday.\n");
    for (const auto& m : group.mentions) EXPECT_NE(m.surface, "al-Sham") << "a group's name, not Damascus";
    EXPECT_EQ(sole_event_place(group), "Kafranbel");
    const DocumentResult hamlet = run("Regime forces shelled Qurnat al-Bab in the countryside of Hama on Monday.\n");
    for (const auto& m : hamlet.mentions) EXPECT_NE(m.surface, "al-Bab") << "not the town of Aleppo";
    ASSERT_FALSE(hamlet.events.empty()) << mention_surfaces(hamlet);
    EXPECT_EQ(hamlet.events[0].admin.admin1_pcode, "SY05") << "the governorate the text names";
    // a group word is left to the roles ("Ahrar al-Sham" is an organisation's name)
    const DocumentResult ahrar = run("Ahrar al-Sham fighters shelled Saraqib on Monday.\n");
    EXPECT_EQ(sole_event_place(ahrar), "Saraqib");
}

TEST(BuildEvents, AGovernorateAfterAListWithAnUnknownNameQualifiesTheWholeList) {
    // "X and Y in Z": Z says where X is even when the gazetteer lacks Y; Kafranbel is a town of
    // Idlib, so a Kafranbel "in Daraa province" is another place, and the event is Daraa's
    const DocumentResult r = run("Jets struck Kafranbel and Qurnat Zayd in Daraa province on Monday.\n");
    ASSERT_EQ(r.events.size(), 1u) << mention_surfaces(r);
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY12") << mention_surfaces(r);
}

TEST(BuildEvents, TheHeadCityPrefersTheCityToAHamletOfItsNameNearAnotherPlace) {
    // the gazetteer knows a hamlet called Afrin near Aleppo city as well as the city of Afrin
    const DocumentResult r = run("Drones struck a market in Afrin city, north-west of Aleppo, on Monday, killing two civilians.\n");
    ASSERT_FALSE(r.events.empty()) << mention_surfaces(r);
    const Place& p = Gazetteer::embedded().place(r.mentions.at(r.events[0].mention).place());
    EXPECT_GT(p.population, 20000) << p.name << " " << p.feature_code;
}

TEST(BuildEvents, KnownVillageAfterACueIsNotUnresolved) {
    const DocumentResult r = run("Shelling hit the villages of Hish and Kafranbel.\n");
    EXPECT_TRUE(r.unresolved.empty()) << r.unresolved.front().surface;
    EXPECT_EQ(r.events.size(), 2u);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Events in context: relative clauses, dates from earlier events, places abroad, the besieged
// area, route origins, several types in a continued sentence, earlier events after "after".

namespace {

// "type@surface@YYYY-MM-DD/precision" for every event, the place as written (the anchor for a
// relative location).
std::multiset<std::string> summary(const DocumentResult& r) {
    std::multiset<std::string> out;
    for (const Event& e : r.events) {
        std::string day = "none";
        if (e.event_date) {
            const year_month_day ymd{*e.event_date};
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()));
            day = buf;
        }
        out.insert(e.event_type + "@" + r.mentions.at(e.mention).surface + "@" + day + "/" + e.date_precision);
    }
    return out;
}

std::string dump(const DocumentResult& r) {
    std::string s;
    for (const auto& e : summary(r)) s += " [" + e + "]";
    return s;
}

}  // namespace

TEST(EventsInContext, RelativeClauseTellsAnEarlierEventOfThePlace) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";  // a Friday
    // recaptured after the capture the relative clause dates
    const DocumentResult retaken = run(front + "Government forces recaptured Saraqib, which rebels had seized on 3 March.\n");
    EXPECT_EQ(summary(retaken), (std::multiset<std::string>{"capture_of_territory@Saraqib@2020-03-03/day",
                                                             "capture_of_territory@Saraqib@2020-03-04/range"}))
        << dump(retaken);
    // two types: the strike of the main clause, the siege of the relative clause
    const DocumentResult two_types = run(front + "Jets struck Binnish, which has been under siege since Sunday, on Thursday.\n");
    EXPECT_EQ(summary(two_types), (std::multiset<std::string>{"air_strike@Binnish@2020-03-05/day", "other@Binnish@2020-03-03/range"}))
        << dump(two_types);
    // no cue in the relative clause: one event, and the sentence's date
    const DocumentResult plain = run(front + "Jets struck Binnish, which lies north of the highway, on Monday.\n");
    EXPECT_EQ(summary(plain), (std::multiset<std::string>{"air_strike@Binnish@2020-03-02/day"})) << dump(plain);
}

TEST(EventsInContext, DatesFromTheEarlierEventASentenceRefersTo) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";  // a Friday
    const DocumentResult hours_after = run(front + "A ceasefire took effect in Saraqib on Monday.\n\n"
                                                   "Hours after the ceasefire took effect, shelling hit Binnish.\n");
    EXPECT_TRUE(summary(hours_after).contains("shelling@Binnish@2020-03-02/day")) << dump(hours_after);

    const DocumentResult day_after = run(front + "A ceasefire took effect in Saraqib on Monday.\n\n"
                                                 "A day after the ceasefire took effect, shelling hit Binnish.\n");
    EXPECT_TRUE(summary(day_after).contains("shelling@Binnish@2020-03-03/day")) << dump(day_after);

    const DocumentResult the_offensive = run(front + "Government forces launched an offensive on Kafranbel on Tuesday.\n\n"
                                                     "The offensive reached Hish.\n");
    EXPECT_TRUE(summary(the_offensive).contains("clashes@Hish@2020-03-03/day")) << dump(the_offensive);

    // no reference to an earlier event: the week up to publication, not Monday
    const DocumentResult unrelated = run(front + "Jets struck Saraqib on Monday.\n\nShelling hit Binnish.\n");
    EXPECT_TRUE(summary(unrelated).contains("shelling@Binnish@2020-03-06/week")) << dump(unrelated);
}

TEST(EventsInContext, PlacesAbroadDoNotContinueTheSyrianPlaceBefore) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const DocumentResult talks = run(front + "Jets struck Saraqib on Monday.\nOfficials held talks in Ankara on Tuesday about a truce.\n");
    EXPECT_EQ(summary(talks), (std::multiset<std::string>{"air_strike@Saraqib@2020-03-02/day"})) << dump(talks);
    // without a place abroad the truce still continues Saraqib
    const DocumentResult truce = run(front + "Jets struck Saraqib on Monday.\nA truce was announced on Tuesday.\n");
    EXPECT_TRUE(summary(truce).contains("other@Saraqib@2020-03-03/day")) << dump(truce);
    const DocumentResult only_abroad = run(front + "Talks in Moscow about a truce ended on Tuesday.\n");
    EXPECT_TRUE(only_abroad.events.empty()) << dump(only_abroad);
}

TEST(EventsInContext, TheBesiegedTownIsThePlaceOfTheLatestSiege) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const DocumentResult r = run(front + "Government troops besieged Binnish on Sunday.\nThe weather was cold.\n"
                                         "Food ran out in the besieged town on Tuesday.\n");
    EXPECT_EQ(summary(r), (std::multiset<std::string>{"other@Binnish@2020-03-01/day", "other@Binnish@2020-03-03/day"})) << dump(r);
    // no siege told before, and the sentence before has no event: no place, no event
    const DocumentResult none = run(front + "Jets struck Saraqib on Sunday.\nThe weather was cold.\n"
                                            "Food ran out in the besieged town on Tuesday.\n");
    EXPECT_EQ(summary(none), (std::multiset<std::string>{"air_strike@Saraqib@2020-03-01/day"})) << dump(none);
    // "the besieged town" is a reference, a siege in a place named is not
    const DocumentResult named = run(front + "Government troops besieged Binnish on Sunday.\nJets struck Saraqib on Tuesday.\n");
    EXPECT_EQ(summary(named), (std::multiset<std::string>{"other@Binnish@2020-03-01/day", "air_strike@Saraqib@2020-03-03/day"}))
        << dump(named);
}

TEST(EventsInContext, TheOriginOfARouteIsAPlaceOfTheEvent) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const DocumentResult road = run(front + "The army reopened the road from southern Idlib to Saraqib on Monday.\n");
    EXPECT_EQ(summary(road), (std::multiset<std::string>{"other@Saraqib@2020-03-02/day", "other@Idlib@2020-03-02/day"})) << dump(road);
    const DocumentResult fled = run(front + "Families fled from northern Hama to Binnish on Monday.\n");
    EXPECT_TRUE(summary(fled).contains("displacement@Hama@2020-03-02/day")) << dump(fled);
    // a relative location that is not the start of a route stays out when a village is named
    const DocumentResult south_of = run(front + "Jets struck Saraqib, south of Idlib, on Monday.\n");
    EXPECT_EQ(summary(south_of), (std::multiset<std::string>{"air_strike@Saraqib@2020-03-02/day"})) << dump(south_of);
}

TEST(EventsInContext, AContinuedSentenceTellsOneEventPerTypeOfItsClauses) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const DocumentResult r = run(front + "Fighting raged in Binnish on Monday. Rebels said they had captured a hill and shelled an army post.\n");
    EXPECT_EQ(summary(r), (std::multiset<std::string>{"clashes@Binnish@2020-03-02/day", "capture_of_territory@Binnish@2020-03-02/day",
                                                       "shelling@Binnish@2020-03-02/day"}))
        << dump(r);
    // killed and wounded: casualties are no type of their own (the fighters killed are the
    // toll of the fighting, a record of its own kind as in the gold)
    const DocumentResult toll = run(front + "Fighting raged in Binnish on Monday. Two fighters were killed and wounded many more.\n");
    EXPECT_EQ(summary(toll), (std::multiset<std::string>{"clashes@Binnish@2020-03-02/day", "clashes@Binnish@2020-03-02/day"})) << dump(toll);
    for (const Event& e : toll.events) EXPECT_NE(e.subtype, "casualties");
    // a denial in a "but" clause of the same type is one event
    const DocumentResult denied = run(front + "Fighting raged in Binnish on Monday. Rebels said they had captured a hill but the army denied they had captured it.\n");
    EXPECT_EQ(summary(denied), (std::multiset<std::string>{"clashes@Binnish@2020-03-02/day", "capture_of_territory@Binnish@2020-03-02/day"}))
        << dump(denied);
}

TEST(EventsInContext, APlaceAfterAfterIsAnEarlierEvent) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    // no amount: the week before the clause's event (here the week up to publication)
    const DocumentResult r = run(front + "Families fled Saraqib after the shelling of Binnish.\n");
    EXPECT_EQ(summary(r), (std::multiset<std::string>{"displacement@Saraqib@2020-03-06/week", "shelling@Binnish@2020-02-28/range"}))
        << dump(r);
    for (const Event& e : r.events) {
        if (e.event_type == "shelling") {
            EXPECT_EQ(*e.date_max, sys_days(year{2020} / March / 5)) << "before the flight";
        }
    }
    // an amount: the clause's day moved back by it
    const DocumentResult two_days = run(front + "Fighting reached Saraqib on Thursday, two days after troops seized Binnish.\n");
    EXPECT_EQ(summary(two_days), (std::multiset<std::string>{"clashes@Saraqib@2020-03-05/day", "capture_of_territory@Binnish@2020-03-03/day"}))
        << dump(two_days);
    const DocumentResult dated = run(front + "Families fled Saraqib after the shelling of Binnish on Monday.\n");
    EXPECT_TRUE(summary(dated).contains("shelling@Binnish@2020-03-02/day")) << dump(dated);
    const DocumentResult comma = run(front + "Hours after the meeting, shelling hit Binnish on Tuesday.\n");
    EXPECT_EQ(summary(comma), (std::multiset<std::string>{"shelling@Binnish@2020-03-03/day"})) << dump(comma);
}

TEST(EventsInContext, DistinctKindsAtOnePlaceAndDayAreDistinctEvents) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const DocumentResult two = run(front + "Government forces launched an offensive on Binnish on Monday.\n"
                                           "A commander was killed in the battle for Binnish on Monday.\n");
    EXPECT_EQ(two.events.size(), 2u) << dump(two);
    const DocumentResult one = run(front + "Jets struck Binnish on Monday.\nThe air strikes on Binnish on Monday killed five.\n");
    EXPECT_EQ(one.events.size(), 1u) << dump(one);
    const DocumentResult weapons = run(front + "Barrel bombs hit Binnish on Monday.\nArtillery shelled Binnish on Monday.\n");
    EXPECT_EQ(summary(weapons), (std::multiset<std::string>{"shelling@Binnish@2020-03-02/day", "shelling@Binnish@2020-03-02/day"}))
        << "barrel bombs and artillery are two kinds of shelling" << dump(weapons);
    const DocumentResult other_day = run(front + "Jets struck Binnish on Monday.\nJets struck Binnish on Tuesday.\n");
    EXPECT_EQ(other_day.events.size(), 2u) << dump(other_day);
}

// Short monitoring notes (issue 16): every note that reports an incident yields it, at its most
// specific place; notes without an incident (talks, a crime story) yield none.
TEST(IncidentNotes, CommonPhrasingsGiveTheirEvent) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    const auto one = [&](const std::string& note) { return summary(run(front + note + "\n")); };
    EXPECT_EQ(one("Opposition snipers targeted army positions in the town of Saraqib."),
              (std::multiset<std::string>{"other@Saraqib@2020-03-06/week"}));
    EXPECT_EQ(one("Jihadist fighters carried out a raid in Binnish on Wednesday."),
              (std::multiset<std::string>{"clashes@Binnish@2020-03-04/day"}));
    EXPECT_EQ(one("Government troops took the town of Saraqib from the rebels on Monday."),
              (std::multiset<std::string>{"capture_of_territory@Saraqib@2020-03-02/day"}));
    EXPECT_EQ(one("Regime forces attempted to advance on Kafr Nabl amid heavy shelling."),
              (std::multiset<std::string>{"clashes@Kafr Nabl@2020-03-06/week"}));
    EXPECT_EQ(one("Rebels and the army exchanged heavy machine gun fire in the town of Binnish."),
              (std::multiset<std::string>{"clashes@Binnish@2020-03-06/week"}));
    EXPECT_EQ(one("Gunmen tried to assassinate a local commander in Binnish."),
              (std::multiset<std::string>{"other@Binnish@2020-03-06/week"}));
    EXPECT_EQ(one("The body of a militia fighter was found in Saraqib on Thursday."),
              (std::multiset<std::string>{"other@Saraqib@2020-03-05/day"}));
    EXPECT_EQ(one("Opposition fighters regained control of Kafr Nabl."),
              (std::multiset<std::string>{"capture_of_territory@Kafr Nabl@2020-03-06/week"}));
    // a generic verb before the place does not override the weapons the sentence names
    EXPECT_EQ(one("Turkish drones targeted a car in Qamishli on Monday."),
              (std::multiset<std::string>{"drone_strike@Qamishli@2020-03-02/day"}));
    EXPECT_EQ(one("Regime forces fired rockets that targeted the town of Binnish."),
              (std::multiset<std::string>{"shelling@Binnish@2020-03-06/week"}));
}

TEST(IncidentNotes, AnIncidentWithItsPlaceInAnotherSentenceGivesOneEvent) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    // the verb in one sentence, the place in the next: one event there, dated by the incident
    const DocumentResult r = run(front + "Clashes took place between regime forces and rebel fighters on Monday. "
                                         "Fatalities were reported in Saraqib in Idlib province.\n");
    EXPECT_EQ(summary(r), (std::multiset<std::string>{"clashes@Saraqib@2020-03-02/day"})) << "the settlement, not its governorate";
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].snippet, "Clashes took place between regime forces and rebel fighters on Monday.") << "the incident's sentence";
    EXPECT_FALSE(r.events[0].actors.empty());
    EXPECT_GT(r.events[0].confidence, 0.0);
    EXPECT_EQ(r.events[0].sentence.line, 4);

    // only a governorate named: the event is there
    const DocumentResult gov = run(front + "Militants ambushed an army patrol at dawn. The area lies in Idleb province.\n");
    ASSERT_EQ(gov.events.size(), 1u) << dump(gov);
    EXPECT_EQ(gov.events[0].event_type, "clashes");
    EXPECT_EQ(gov.events[0].admin.admin1_pcode, "SY07");
}

TEST(IncidentNotes, NoEventWithoutAnIncidentOrFarFromIt) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    // talks are no incident
    EXPECT_TRUE(run(front + "Foreign ministers held talks on the war. Delegations from Damascus and Aleppo attended.\n").events.empty());
    // a crime story with no armed side
    EXPECT_TRUE(run(front + "A man was shot near the station on Tuesday. His brother lives in Aleppo.\n").events.empty());
    // another paragraph tells of something else
    EXPECT_TRUE(run(front + "Fighters clashed with the army on Monday.\n\nThe museum in Aleppo has a new director.\n").events.empty());
}

TEST(IncidentNotes, ARecordWithItsPlaceActorKindAndTollInSentencesOfTheirOwn) {
    const std::string front = "---\npublished: 2020-03-06\n---\n";
    // a structured record: where and when, who, what, the toll, each its own sentence
    const DocumentResult r = run(front + "Report of 2 March 2020 from Saraqib. Responsible: Russian forces. "
                                         "Kind: air strike. Civilians killed: 3; injured: 5.\n");
    EXPECT_EQ(summary(r), (std::multiset<std::string>{"air_strike@Saraqib@2020-03-02/day"})) << "dated by the place's sentence";
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].actors, std::vector<std::string>{"Russian forces"});
    EXPECT_EQ(r.events[0].killed, 3);
    EXPECT_EQ(r.events[0].injured, 5);

    // the same in Arabic: a force named by its nation, the toll as labels; the country that
    // leads a coalition is no place of it
    const DocumentResult ar = run(front + "وقعت الحادثة في سراقب بتاريخ 2020-03-02. المسؤول عنها: الجيش التركي. "
                                          "القتلى من المدنيين: 3؛ الجرحى: 5.\n");
    ASSERT_EQ(ar.events.size(), 1u) << mention_surfaces(ar);
    EXPECT_EQ(ar.events[0].event_type, "other");
    EXPECT_EQ(ar.events[0].actors, std::vector<std::string>{"الجيش التركي"});
    EXPECT_EQ(ar.events[0].killed, 3);
    EXPECT_EQ(ar.events[0].injured, 5);
    EXPECT_EQ(summary(ar), (std::multiset<std::string>{"other@سراقب@2020-03-02/day"}));
    const DocumentResult led = run(front + "حادثة في سراقب. الجهة المسؤولة: التحالف بقيادة الولايات المتحدة. المدنيون الجرحى: 2.\n");
    ASSERT_EQ(led.events.size(), 1u) << mention_surfaces(led);
    EXPECT_EQ(led.events[0].injured, 2);
    for (const auto& m : led.mentions) EXPECT_NE(m.surface, "الولايات المتحدة") << "the coalition's leader";

    // civilians killed with no armed side named anywhere near: no incident
    EXPECT_TRUE(run(front + "Incident logged in Saraqib. Civilians killed: 3.\n").events.empty());
    // the incident's own sentence says it was abroad: the Syrian town next to it is not its place
    EXPECT_TRUE(run(front + "Ahmad grew up in Saraqib. He was killed on Monday while fighting with government forces in "
                            "Helmand province of Afghanistan.\n").events.empty());
}

TEST(BuildEvents, ARegionLocatesAnEventWhenNoSettlementDoes) {
    // A region the gazetteer knows (a curated one) is the event's place, before the governorate;
    // a village of the sentence still comes first, and a region qualified by its governorate keeps
    // the governorate out of the events.
    const DocumentResult region = run("---\npublished: 2019-12-21\n---\n"
                                      "Rebels battled regime forces in Eastern Ghouta on Saturday.\n");
    ASSERT_EQ(region.events.size(), 1u) << mention_surfaces(region);
    EXPECT_EQ(place_of(region, region.events[0]).feature_class, "L");

    const DocumentResult qualified = run("---\npublished: 2019-12-21\n---\n"
                                         "Rebels battled regime forces in Eastern Ghouta in Rural Damascus on Saturday.\n");
    ASSERT_EQ(qualified.events.size(), 1u) << mention_surfaces(qualified);
    EXPECT_EQ(place_of(qualified, qualified.events[0]).feature_class, "L");

    const DocumentResult village = run("---\npublished: 2019-12-21\n---\n"
                                       "Rebels battled regime forces in Douma in Eastern Ghouta on Saturday.\n");
    ASSERT_FALSE(village.events.empty()) << mention_surfaces(village);
    for (const Event& e : village.events) EXPECT_EQ(place_of(village, e).feature_class, "P");
}

TEST(BuildEvents, ANamedMountainOrPlainIsTheEventsRegion) {
    // Syria's named regions (curated L/T rows: mountains, plains, valleys) locate an event as an
    // area (geo_precision 2, the region's radius), in any usual spelling; a village named like
    // a region keeps its reading where the text says "village".
    const std::string front = "---\npublished: 2019-12-21\n---\n";
    const struct {
        const char* text;
        const char* id;
    } cases[] = {
        {"Shelling hit villages in Jabal al-Zawiya on Saturday.\n", "cur:jabal-al-zawiya"},
        {"Government artillery shelled positions in Jebel Zawiya on Saturday.\n", "cur:jabal-al-zawiya"},
        {"Clashes broke out in the Ghab plain on Saturday.\n", "cur:ghab-plain"},
        {"Warplanes struck rebel positions in the Qalamoun mountains on Saturday.\n", "cur:qalamoun-mountains"},
        {"Fighting continued in Jabal al-Turkman on Saturday.\n", "cur:jabal-al-turkman"},
        {"Clashes took place in Wadi Barada on Saturday.\n", "cur:wadi-barada"},
    };
    for (const auto& c : cases) {
        const DocumentResult r = run(front + c.text);
        ASSERT_EQ(r.events.size(), 1u) << c.text << mention_surfaces(r);
        const Event& e = r.events[0];
        EXPECT_EQ(place_of(r, e).id, c.id) << c.text;
        EXPECT_GE(e.geo_precision, 2) << c.text;
        EXPECT_GE(e.uncertainty_m, 5000.0) << c.text;
    }

    // the village of al-Jazira near Aleppo, not the Jazira region of the north-east
    const DocumentResult village = run(front + "Regime forces shelled the village of al-Jazira on Saturday.\n");
    ASSERT_EQ(village.events.size(), 1u) << mention_surfaces(village);
    EXPECT_EQ(place_of(village, village.events[0]).feature_class, "P");
    EXPECT_EQ(village.events[0].geo_precision, 1);
}

TEST(BuildEvents, AnAirbaseNamedByItsPlaceIsTheBaseNotTheTown) {
    // Reporting names an airbase by its town and a word for the field ("the Tabqa airbase",
    // "the Deir ez-Zor military airport", "مطار ... العسكري"); the base lies km from the town,
    // so the event is at the base (a curated S/AIRB or S/AIRP row). The town named alone stays
    // the town.
    const std::string front = "---\npublished: 2019-12-21\n---\n";
    const auto at_airfield = [&](const std::string& sentence) {
        const DocumentResult r = run(front + sentence + "\n");
        ASSERT_EQ(r.events.size(), 1u) << sentence << mention_surfaces(r);
        const Place& p = place_of(r, r.events[0]);
        EXPECT_EQ(p.feature_class, "S") << sentence << " -> " << p.id;
        EXPECT_TRUE(p.feature_code == "AIRB" || p.feature_code == "AIRP") << sentence << " -> " << p.id;
    };
    at_airfield("Clashes broke out around the Deir ez-Zor military airport on Saturday.");
    at_airfield("Rockets fell on the Deir Ezzor airbase on Saturday, damaging a hangar.");
    at_airfield("Warplanes struck the Tabqa airbase at dawn on Saturday.");
    at_airfield("Militants attacked the Tabqa military airport on Saturday.");
    at_airfield("Government forces shelled the outskirts of the Kweires air base on Saturday.");
    at_airfield("اندلعت اشتباكات عنيفة في محيط مطار الطبقة العسكري يوم السبت.");

    const DocumentResult town = run(front + "Shelling hit the town of Tabqa on Saturday, wounding three civilians.\n");
    ASSERT_EQ(town.events.size(), 1u) << mention_surfaces(town);
    EXPECT_EQ(place_of(town, town.events[0]).feature_class, "P");
    const DocumentResult city = run(front + "Shelling hit Deir ez-Zor on Saturday, wounding three civilians.\n");
    ASSERT_EQ(city.events.size(), 1u) << mention_surfaces(city);
    EXPECT_EQ(place_of(city, city.events[0]).feature_class, "P");

    // every variant comes from one base name written once (gazetteer/build.py airfield_names)
    for (const char* name : {"Tabqa airfield", "Tabqa military air base", "Deir ez-Zor air base", "Kweires military airport"}) {
        const auto ids = Gazetteer::embedded().lookup(toponym::text::fold_name(name));
        ASSERT_EQ(ids.size(), 1u) << name;
        EXPECT_EQ(Gazetteer::embedded().place(ids[0]).feature_class, "S") << name;
    }
}

TEST(BuildEvents, AnOilFieldOrDamIsTheSiteNotAVillageOfItsName) {
    // Reporting names Syria's oil and gas fields and dams ("the al-Omar oil field", "the Omar
    // oilfield", "حقل العمر النفطي", "the Tabqa Dam"); the field lies km from any village of the
    // same name, so the event is at the site (a curated S/OILF, S/GASF or S/DAM row). A village
    // sharing a field's name, introduced as a village, stays the village.
    const std::string front = "---\npublished: 2019-12-21\n---\n";
    const struct {
        const char* text;
        const char* id;
    } cases[] = {
        {"Clashes broke out near the al-Omar oil field.\n", "cur:al-omar-oil-field"},
        {"Drones struck positions at the Omar oilfield on Saturday.\n", "cur:al-omar-oil-field"},
        {"اندلعت اشتباكات عنيفة في محيط حقل العمر النفطي يوم السبت.\n", "cur:al-omar-oil-field"},
        {"Rockets fell near the Conoco gas field on Saturday.\n", "cur:conoco-gas-field"},
        {"Fighters attacked a checkpoint at the Jafra oil field on Saturday.\n", "cur:jafra-oil-field"},
        {"Clashes erupted near the Tabqa Dam on Saturday.\n", "cur:tabqa-dam"},
        {"Warplanes struck targets near the Euphrates Dam on Saturday.\n", "cur:tabqa-dam"},
        {"قصفت طائرات حربية محيط سد الفرات يوم السبت.\n", "cur:tabqa-dam"},
        {"Fighters advanced towards the Baath Dam west of Raqqa on Saturday.\n", "cur:baath-dam"},
        {"Shelling hit positions near the Rastan Dam on Saturday.\n", "cur:rastan-dam"},
    };
    for (const auto& c : cases) {
        const DocumentResult r = run(front + c.text);
        ASSERT_EQ(r.events.size(), 1u) << c.text << mention_surfaces(r);
        const Place& p = place_of(r, r.events[0]);
        EXPECT_EQ(p.id, c.id) << c.text;
        EXPECT_EQ(p.feature_class, "S") << c.text;
    }

    // the village of Jafra by the Deir ez-Zor airport, not the Jafra oil field north of the river
    const DocumentResult village = run(front + "Shelling hit the village of Jafra on Saturday, wounding two civilians.\n");
    ASSERT_EQ(village.events.size(), 1u) << mention_surfaces(village);
    EXPECT_EQ(place_of(village, village.events[0]).feature_class, "P");

    // every variant comes from one field name written once (gazetteer/build.py field_names)
    for (const char* name : {"Omar field", "al-Omar oil fields", "Conoco oilfield", "Jafra field", "حقل العمر"}) {
        const auto ids = Gazetteer::embedded().lookup(toponym::text::fold_name(name));
        ASSERT_EQ(ids.size(), 1u) << name;
        EXPECT_EQ(Gazetteer::embedded().place(ids[0]).feature_class, "S") << name;
    }
}

TEST(EventBuilder, SameNamedVillagesGoToTheOneACommunityListHolds) {
    // two villages Suwaysah, one that OCHA's communities list holds and one that only Who's On
    // First records: nothing else in the report tells them apart, so the attested one
    const DocumentResult r = run("Regime artillery shelled the village of Suwaysah on Tuesday, killing a civilian.\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY14");
}

namespace {

// process_document as `map` runs it, with the fuzzy index over the Syrian names.
DocumentResult run_with_fuzzy(const std::string& text) {
    static const toponym::geoparse::FuzzyIndex fuzzy(Gazetteer::embedded());
    const PipelineContext ctx{Gazetteer::embedded(), boundaries(), &fuzzy};
    return toponym::process_document(toponym::ingest::parse_text_document("report.txt", text), ctx);
}

}  // namespace

TEST(BuildEvents, AVillageWrittenWithItsGenericWordJoinedOnOrSplitOff) {
    // Joined in the text, split in the gazetteer: "Telyamani" is Tall Yamani, the generic word
    // written onto the name with another vowel (three edits from "tall yamani", too far for
    // the edit distance alone; the same consonants once the spaces are out).
    const DocumentResult joined = run_with_fuzzy(
        "---\npublished: 2019-12-21\n---\n"
        "Regime artillery shelled the village of Telyamani in the Aleppo countryside on Friday.\n");
    ASSERT_EQ(joined.events.size(), 1u) << mention_surfaces(joined);
    EXPECT_EQ(place_of(joined, joined.events[0]).name, "Tall Yamani");

    // Split in the text, joined in the gazetteer: "Kefr Atta" is Kafrata.
    const DocumentResult split = run_with_fuzzy(
        "---\npublished: 2019-12-21\n---\n"
        "Opposition fighters clashed with regime forces in Kefr Atta in the Latakia countryside.\n");
    ASSERT_EQ(split.events.size(), 1u) << mention_surfaces(split);
    EXPECT_EQ(place_of(split, split.events[0]).name, "Kafrata");

    // A bare capitalised word with no place's slot stays a word.
    const DocumentResult bare = run_with_fuzzy("---\npublished: 2019-12-21\n---\n"
                                               "Telyamani said on Friday that talks would resume.\n");
    EXPECT_TRUE(bare.events.empty()) << mention_surfaces(bare);
}

TEST(BuildEvents, AMisspeltNameAfterTheVicinityOrTheAreasOfIsInAPlacesSlot) {
    // "the vicinity of X", "the areas of X" name a place as "the outskirts of X" do: a spelling
    // no gazetteer name has there is read among the names within a small edit distance
    const DocumentResult r = run_with_fuzzy("---\npublished: 2019-12-21\n---\n"
                                            "Clashes took place in the vicinity of Kafranbl on Friday.\n");
    ASSERT_EQ(r.events.size(), 1u) << mention_surfaces(r);
    EXPECT_EQ(place_of(r, r.events[0]).name, "Kafranbel");
}

TEST(BuildEvents, ALongRoadsEndsYieldToThePlaceOnIt) {
    const auto surfaces = [](const DocumentResult& r) {
        std::set<std::string> s;
        for (const Event& e : r.events) s.insert(r.mentions.at(e.mention).surface);
        return s;
    };
    // the highway runs 160 km: the event is near Harasta, not at Homs nor in Damascus
    const DocumentResult near = run("---\npublished: 2019-12-21\n---\n"
                                    "Rebels attacked an army convoy on the Damascus-Homs highway near Harasta on Saturday.\n");
    ASSERT_EQ(near.events.size(), 1u) << mention_surfaces(near);
    EXPECT_EQ(surfaces(near), (std::set<std::string>{"Harasta"}));
    EXPECT_TRUE(near.events[0].relative.has_value()) << "near Harasta";
    // named by its ends alone, the road keeps them
    const DocumentResult alone = run("---\npublished: 2019-12-21\n---\n"
                                     "Rebels attacked an army convoy on the road between Idlib and Hama on Saturday.\n");
    EXPECT_EQ(surfaces(alone), (std::set<std::string>{"Idlib", "Hama"}));
    // a track between two villages 8 km apart is precise enough: its ends stay
    const DocumentResult track = run("---\npublished: 2019-12-21\n---\n"
                                     "Rebels attacked an army convoy on the road between Saraqib and Sarmin near Taftanaz on Saturday.\n");
    EXPECT_EQ(surfaces(track), (std::set<std::string>{"Saraqib", "Sarmin"}));
}
