// Unit tests of event detection: the cue classifier on tokenised sentences, and the events
// process_document builds (one per place, Syria only, dated by the publication date).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "events/event_builder.hpp"
#include "gazetteer/gazetteer.hpp"
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
using toponym::events::classify_sentence;

namespace {

// The cue of a whole sentence.
std::optional<toponym::events::Cue> cue_of(const std::string& sentence) {
    const std::vector<toponym::text::Token> tokens = toponym::text::tokenize(sentence);
    if (tokens.empty()) return std::nullopt;
    return classify_sentence(tokens, 0, tokens.size() - 1);
}

std::string type_of(const std::string& sentence) {
    const auto cue = cue_of(sentence);
    return cue ? cue->event_type : std::string("none");
}

TEST(ClassifySentence, AirStrikes) {
    EXPECT_EQ(type_of("Air strikes hit the town on Saturday."), "air_strike");
    EXPECT_EQ(type_of("An air strike killed five."), "air_strike");
    EXPECT_EQ(type_of("Russian airstrikes pounded the area."), "air_strike");
    EXPECT_EQ(type_of("Warplanes were heard overhead."), "air_strike");
    EXPECT_EQ(type_of("AIR RAIDS continued."), "air_strike") << "case does not matter";
    EXPECT_EQ(cue_of("Air strikes hit the town.")->words, "air strikes") << "the cue as written, lower case";
}

TEST(ClassifySentence, DroneStrikes) {
    EXPECT_EQ(type_of("A drone hit a motorcycle."), "drone_strike");
    EXPECT_EQ(type_of("Turkish drones struck a convoy."), "drone_strike");
    EXPECT_EQ(type_of("A drone strike followed the air strikes."), "drone_strike") << "the more specific type wins";
}

TEST(ClassifySentence, Shelling) {
    EXPECT_EQ(type_of("Artillery shelling continued overnight."), "shelling");
    EXPECT_EQ(type_of("Government forces shelled the town."), "shelling");
    EXPECT_EQ(type_of("Mortars landed near the market."), "shelling");
    // Barrel bombs: the cue is found (its type: see the report on the answer key).
    const auto barrel = cue_of("Helicopters dropped barrel bombs on the town.");
    ASSERT_TRUE(barrel.has_value());
    EXPECT_EQ(barrel->words, "barrel bombs");
}

TEST(ClassifySentence, Clashes) {
    EXPECT_EQ(type_of("Clashes erupted on the outskirts."), "clashes");
    EXPECT_EQ(type_of("Troops and insurgents clashed on Monday."), "clashes");
    EXPECT_EQ(type_of("Heavy fighting was reported."), "clashes");
}

TEST(ClassifySentence, CaptureOfTerritory) {
    EXPECT_EQ(type_of("Government forces captured the village."), "capture_of_territory");
    EXPECT_EQ(type_of("The army retook the town after clashes."), "capture_of_territory") << "capture beats clashes";
    EXPECT_EQ(type_of("Rebels took control of the hill."), "capture_of_territory");
    EXPECT_EQ(cue_of("Rebels took control of the hill.")->words, "took control");
    EXPECT_EQ(type_of("Rebels took full control of the hill."), "capture_of_territory");
    EXPECT_EQ(type_of("He took the bus home."), "none") << "\"took\" alone is no capture";
}

TEST(ClassifySentence, ChemicalAttacks) {
    EXPECT_EQ(type_of("Witnesses described a chlorine attack."), "chemical_attack");
    EXPECT_EQ(type_of("A chemical attack was reported after air strikes."), "chemical_attack");
    EXPECT_EQ(type_of("Sarin was used, investigators said."), "chemical_attack");
    EXPECT_EQ(type_of("The chemical plant reopened."), "none") << "\"chemical\" needs attack/weapons";
}

TEST(ClassifySentence, Displacement) {
    EXPECT_EQ(type_of("Thousands were displaced from the area."), "displacement");
    EXPECT_EQ(type_of("Families fled north."), "displacement");
    EXPECT_EQ(type_of("Families fled the shelling."), "shelling") << "the attack is more specific than the flight";
}

TEST(ClassifySentence, NoCue) {
    EXPECT_EQ(type_of("The market reopened on Monday."), "none");
    EXPECT_EQ(type_of("The air was cold and the strike of the clock was loud."), "none")
        << "words of a cue that are not adjacent";
    EXPECT_EQ(type_of("Teachers said most schools had closed in January."), "none");
}

TEST(ClassifySentence, OnlyTheGivenTokensCount) {
    const std::vector<toponym::text::Token> tokens = toponym::text::tokenize("The market reopened. Clashes erupted.");
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_FALSE(classify_sentence(tokens, 0, 2).has_value());
    ASSERT_TRUE(classify_sentence(tokens, 3, 4).has_value());
    EXPECT_EQ(classify_sentence(tokens, 3, 4)->event_type, "clashes");

    // A two-word cue cut by the end of the range is not a cue.
    const std::vector<toponym::text::Token> air = toponym::text::tokenize("hit by air strikes");
    ASSERT_EQ(air.size(), 4u);
    EXPECT_FALSE(classify_sentence(air, 0, 2).has_value());
    EXPECT_TRUE(classify_sentence(air, 0, 3).has_value());
}

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

TEST(BuildEvents, ListOfVillagesGivesOneEventEach) {
    const DocumentResult r = run("---\npublished: 2019-12-21\n---\n"
                                 "Air strikes hit the villages of Kafranbel, Hish and Saraqib on Saturday.\n"
                                 "The market in Binnish reopened.\n");
    ASSERT_EQ(r.events.size(), 3u) << mention_surfaces(r);
    std::set<std::string> surfaces;
    std::set<std::string> ids;
    for (const Event& e : r.events) {
        EXPECT_EQ(e.event_type, "air_strike");
        EXPECT_EQ(e.cue, "air strikes");
        surfaces.insert(r.mentions.at(e.mention).surface);
        EXPECT_EQ(place_of(r, e).country_code, "SY");
        EXPECT_EQ(place_of(r, e).admin1_pcode, "SY07");
        EXPECT_EQ(e.geo_precision, 1) << "a village is an exact place";
        EXPECT_GT(e.confidence, 0.0);
        EXPECT_LE(e.confidence, 1.0);
        EXPECT_EQ(e.sentence.line, 4);
        EXPECT_EQ(e.snippet, "Air strikes hit the villages of Kafranbel, Hish and Saraqib on Saturday.");
        EXPECT_TRUE(ids.insert(e.event_id).second) << "event ids are unique";
    }
    EXPECT_EQ(surfaces, (std::set<std::string>{"Kafranbel", "Hish", "Saraqib"})) << "Binnish has no cue";
}

TEST(BuildEvents, DatedByThePublishedDayOrUnknown) {
    const std::string body = "Government forces captured Saraqib.\n";
    const DocumentResult dated = run("---\npublished: 2020-02-06\n---\n" + body);
    ASSERT_EQ(dated.events.size(), 1u);
    EXPECT_EQ(dated.events[0].event_type, "capture_of_territory");
    ASSERT_TRUE(dated.events[0].event_date.has_value());
    EXPECT_EQ(*dated.events[0].event_date, sys_days(year{2020} / February / 6));
    EXPECT_EQ(dated.events[0].date_precision, "day");

    const DocumentResult undated = run(body);
    ASSERT_EQ(undated.events.size(), 1u);
    EXPECT_FALSE(undated.events[0].event_date.has_value());
    EXPECT_EQ(undated.events[0].date_precision, "unknown");

    const DocumentResult bad_date = run("---\npublished: 2016-02-31\n---\n" + body);
    ASSERT_EQ(bad_date.events.size(), 1u);
    EXPECT_EQ(bad_date.events[0].date_precision, "unknown") << "an impossible date is no date";
}

TEST(BuildEvents, NoEventsForPlacesOutsideSyria) {
    const DocumentResult abroad = run("Air strikes hit Ankara and Moscow, officials said.\n");
    ASSERT_GE(abroad.mentions.size(), 2u) << "the places are found" << mention_surfaces(abroad);
    EXPECT_TRUE(abroad.events.empty());

    const DocumentResult mixed = run("Warplanes bombed Moscow and Saraqib.\n");
    ASSERT_EQ(mixed.events.size(), 1u) << mention_surfaces(mixed);
    EXPECT_EQ(mixed.mentions.at(mixed.events[0].mention).surface, "Saraqib");
}

TEST(BuildEvents, NoCueNoEvent) {
    const DocumentResult r = run("Saraqib and Binnish are in Idlib province. Officials met in Aleppo.\n");
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

TEST(BuildEvents, KnownVillageAfterACueIsNotUnresolved) {
    const DocumentResult r = run("Shelling hit the villages of Hish and Kafranbel.\n");
    EXPECT_TRUE(r.unresolved.empty()) << r.unresolved.front().surface;
    EXPECT_EQ(r.events.size(), 2u);
}

}  // namespace
