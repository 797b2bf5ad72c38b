// Unit tests of mention finding and resolution, run through process_document with the
// embedded gazetteer and governorates on short team-written texts.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geo/geodesy.hpp"
#include "ingest/document_reader.hpp"
#include "geoparse/mention_finder.hpp"
#include "geoparse/resolver.hpp"
#include "pipeline/pipeline.hpp"
#include "text/normalize.hpp"
#include "text/tokenize.hpp"

using toponym::DocumentResult;
using toponym::Gazetteer;
using toponym::Mention;
using toponym::PipelineContext;
using toponym::Place;
using toponym::admin::AdminBoundaries;

namespace {

const Gazetteer& gaz() { return Gazetteer::embedded(); }

const AdminBoundaries& boundaries() {
    static const AdminBoundaries b = AdminBoundaries::embedded();
    return b;
}

DocumentResult run(const std::string& text) {
    const PipelineContext ctx{gaz(), boundaries()};
    return toponym::process_document(toponym::ingest::parse_text_document("x.txt", text), ctx);
}

// The first mention whose surface is exactly `surface`, or null.
const Mention* mention(const DocumentResult& r, std::string_view surface) {
    for (const Mention& m : r.mentions) {
        if (m.surface == surface) return &m;
    }
    return nullptr;
}

std::string surfaces(const DocumentResult& r) {
    std::string s;
    for (const Mention& m : r.mentions) s += " [" + m.surface + "]";
    return s;
}

const Place& chosen(const Mention& m) { return gaz().place(m.place()); }

double km_between(const Place& a, const Place& b) { return toponym::geo::great_circle_km(a.lat, a.lon, b.lat, b.lon); }

// Every mention: candidates best first, a confidence in (0, 1], a surface equal to its span.
void expect_well_formed(const DocumentResult& r) {
    for (const Mention& m : r.mentions) {
        ASSERT_FALSE(m.candidates.empty()) << m.surface;
        for (std::size_t i = 1; i < m.candidates.size(); ++i) {
            EXPECT_GE(m.candidates[i - 1].score, m.candidates[i].score) << m.surface << ": candidates not best first";
        }
        EXPECT_GT(m.confidence, 0.0) << m.surface;
        EXPECT_LE(m.confidence, 1.0) << m.surface;
        EXPECT_EQ(r.doc.text.substr(m.span.begin_byte, m.span.end_byte - m.span.begin_byte), m.surface);
        EXPECT_LT(m.span.begin_cp, m.span.end_cp);
    }
}

TEST(Resolver, BabillaNearMaaratIsTheIdlibVillage) {
    const DocumentResult r = run("Air strikes hit Babilla near Maarat al-Numan on Saturday.\n");
    expect_well_formed(r);
    const Mention* babilla = mention(r, "Babilla");
    const Mention* maarat = mention(r, "Maarat al-Numan");
    ASSERT_NE(babilla, nullptr) << surfaces(r);
    ASSERT_NE(maarat, nullptr) << surfaces(r);

    // The name is ambiguous: the gazetteer also has the Babila south of Damascus.
    ASSERT_GE(babilla->candidates.size(), 2u);
    bool damascus_babila_is_a_candidate = false;
    for (std::size_t i = 1; i < babilla->candidates.size(); ++i) {
        damascus_babila_is_a_candidate |= gaz().place(babilla->candidates[i].place).admin1_pcode == "SY03";
    }
    EXPECT_TRUE(damascus_babila_is_a_candidate) << "the other Babila is kept as a runner-up";

    EXPECT_EQ(chosen(*babilla).admin1_pcode, "SY07");
    EXPECT_EQ(babilla->admin.admin1_pcode, "SY07");
    EXPECT_LT(km_between(chosen(*babilla), chosen(*maarat)), 20.0) << "the village next to Maarat";
    EXPECT_EQ(chosen(*maarat).admin1_pcode, "SY07");
    EXPECT_GT(babilla->candidates[0].score, babilla->candidates[1].score) << "won on context, not by a tie";
}

TEST(Resolver, BabillaNearJaramanaIsTheDamascusSuburb) {
    // The same name beside a place south-east of Damascus: the context now points the other way.
    const DocumentResult r = run("Shelling hit Babilla and Jaramana overnight.\n");
    expect_well_formed(r);
    const Mention* babilla = mention(r, "Babilla");
    ASSERT_NE(babilla, nullptr) << surfaces(r);
    ASSERT_NE(mention(r, "Jaramana"), nullptr) << surfaces(r);
    EXPECT_EQ(chosen(*babilla).admin1_pcode, "SY03");
    EXPECT_LT(km_between(chosen(*babilla), chosen(*mention(r, "Jaramana"))), 10.0);
}

TEST(Resolver, TheVillageOfAQuarterNameIsTheVillage) {
    // Barzah is a Damascus municipality (a curated quarter, PPLX) and two villages: after
    // "village" the quarter is the weaker reading; after "neighbourhood" with its city, the quarter.
    const DocumentResult village = run("Government artillery shelled the village of Barzah on Monday.\n");
    expect_well_formed(village);
    const Mention* v = mention(village, "Barzah");
    ASSERT_NE(v, nullptr) << surfaces(village);
    ASSERT_GE(v->candidates.size(), 3u);
    EXPECT_EQ(chosen(*v).feature_code, "PPL");
    EXPECT_NE(chosen(*v).admin1_pcode, "SY01");

    const DocumentResult quarter = run("Mortar rounds fell on the Barzah neighbourhood of Damascus on Monday.\n");
    expect_well_formed(quarter);
    const Mention* q = mention(quarter, "Barzah");
    ASSERT_NE(q, nullptr) << surfaces(quarter);
    EXPECT_EQ(chosen(*q).feature_code, "PPLX");
    EXPECT_EQ(chosen(*q).admin1_pcode, "SY01");
}

TEST(Resolver, ProvinceWantsTheGovernorate) {
    const DocumentResult r = run("Thousands fled Idlib province last week.\n");
    expect_well_formed(r);
    const Mention* idlib = mention(r, "Idlib");
    ASSERT_NE(idlib, nullptr) << surfaces(r);
    EXPECT_EQ(idlib->head, "province");
    EXPECT_EQ(chosen(*idlib).feature_class, "A");
    EXPECT_FALSE(chosen(*idlib).is_country());
    EXPECT_EQ(chosen(*idlib).admin1_pcode, "SY07");
    EXPECT_EQ(idlib->admin.admin1_pcode, "SY07");
    ASSERT_GE(idlib->candidates.size(), 2u) << "the city of the same name stays a candidate";
}

TEST(Resolver, CityWantsThePopulatedPlace) {
    for (const char* text : {"Clashes erupted in the city of Idlib.\n", "Clashes erupted in Idleb city.\n"}) {
        const DocumentResult r = run(text);
        expect_well_formed(r);
        ASSERT_EQ(r.mentions.size(), 1u) << text << surfaces(r);
        const Mention& idlib = r.mentions[0];
        EXPECT_EQ(idlib.head, "city") << text;
        EXPECT_EQ(chosen(idlib).feature_class, "P") << text;
        EXPECT_EQ(chosen(idlib).admin1_pcode, "SY07") << text;
        EXPECT_NEAR(chosen(idlib).lat, 35.93, 0.05) << text;
        EXPECT_NEAR(chosen(idlib).lon, 36.63, 0.05) << text;
    }
}

TEST(Resolver, BareAleppoIsTheCityAndItsPossessiveIsFound) {
    const DocumentResult r = run("Rebels shelled Aleppo’s western districts.\n");
    expect_well_formed(r);
    ASSERT_EQ(r.mentions.size(), 1u) << surfaces(r);
    EXPECT_EQ(r.mentions[0].surface, "Aleppo") << "the possessive is not part of the name";
    EXPECT_EQ(chosen(r.mentions[0]).id, "gn:170063");
}

TEST(Resolver, ListWithArticlesAndAmbiguousNames) {
    const DocumentResult r = run("Air strikes hit the villages of Babila, al-Hamidiyah and Hish on Saturday.\n");
    expect_well_formed(r);
    const Mention* hamidiyah = mention(r, "al-Hamidiyah");
    ASSERT_NE(hamidiyah, nullptr) << "the attached article belongs to the name:" << surfaces(r);
    ASSERT_NE(mention(r, "Babila"), nullptr) << surfaces(r);
    ASSERT_NE(mention(r, "Hish"), nullptr) << surfaces(r);
    EXPECT_EQ(hamidiyah->head, "village");
    // Al Hamidiyah in Tartus is the better-known one, but this list is next to Hish in Idlib.
    ASSERT_GE(hamidiyah->candidates.size(), 2u);
    EXPECT_EQ(chosen(*hamidiyah).admin1_pcode, "SY07");
    EXPECT_EQ(chosen(*mention(r, "Babila")).admin1_pcode, "SY07");
    EXPECT_LT(km_between(chosen(*hamidiyah), chosen(*mention(r, "Hish"))), 20.0);
}

TEST(Resolver, SpellingVariantsResolveToOnePlaceAndSimilarNamesDoNot) {
    const DocumentResult r = run(
        "Maarat al-Numan was hit. Ma'arrat an-Nu'man was hit again. Maarrat Al-Numan burned.\n"
        "Maarrat Misrin was quiet.\n");
    expect_well_formed(r);
    const Mention* a = mention(r, "Maarat al-Numan");
    const Mention* b = mention(r, "Ma'arrat an-Nu'man");
    const Mention* c = mention(r, "Maarrat Al-Numan");
    const Mention* misrin = mention(r, "Maarrat Misrin");
    ASSERT_TRUE(a && b && c && misrin) << surfaces(r);
    EXPECT_EQ(a->place(), b->place());
    EXPECT_EQ(a->place(), c->place());
    EXPECT_NE(a->place(), misrin->place());
    EXPECT_GT(km_between(chosen(*a), chosen(*misrin)), 30.0);
}

TEST(Resolver, SpansCountCodePointsAndLinesOfTheWholeFile) {
    // Front matter of 3 lines, a title with 2 non-ASCII characters, then a body line.
    const std::string text = "---\ntitle: ‘Izza’\n---\nDrone strike — Dar’at ‘Izza hit.\n";
    const DocumentResult r = run(text);
    expect_well_formed(r);
    const Mention* m = mention(r, "Dar’at ‘Izza");
    ASSERT_NE(m, nullptr) << surfaces(r);
    // "---\n" 4 + "title: ‘Izza’\n" 14 + "---\n" 4 = 22 code points before the body;
    // "Drone strike — " is 15 more.
    EXPECT_EQ(m->span.begin_cp, 37u);
    EXPECT_EQ(m->span.end_cp, 37u + 12u);
    EXPECT_EQ(m->span.line, 4);
    EXPECT_EQ(text.substr(m->span.begin_byte, m->span.end_byte - m->span.begin_byte), "Dar’at ‘Izza");
    EXPECT_EQ(chosen(*m).admin1_pcode, "SY02");
}

TEST(Resolver, ForeignPlacesResolveAbroadWithNoGovernorate) {
    const DocumentResult r = run("Officials met in Ankara to discuss Idlib.\n");
    expect_well_formed(r);
    const Mention* ankara = mention(r, "Ankara");
    ASSERT_NE(ankara, nullptr) << surfaces(r);
    EXPECT_EQ(chosen(*ankara).country_code, "TR");
    EXPECT_TRUE(ankara->admin.admin1_pcode.empty());
    EXPECT_EQ(ankara->admin.method, toponym::AdminMethod::None);
}

TEST(Resolver, LowerCaseWordsAndCommonWordsAreNotPlaces) {
    const DocumentResult r = run("The town was hit. Some people said the mine and the tell were empty.\n");
    EXPECT_TRUE(r.mentions.empty()) << surfaces(r);
}

}  // namespace

namespace {

TEST(Resolver, CommonWordNamesNeedTheirArticle) {
    const DocumentResult with_article = run("Air strikes hit al-Bab and Al Bab again.\n");
    ASSERT_EQ(with_article.mentions.size(), 2u) << surfaces(with_article);
    for (const auto& m : with_article.mentions) EXPECT_EQ(chosen(m).id, "gn:174018") << m.surface;
    const DocumentResult gate = run("Trucks queued at the Bab crossing.\n");
    EXPECT_TRUE(gate.mentions.empty()) << "'Bab' alone is a gate, not al-Bab:" << surfaces(gate);
}

TEST(Resolver, AVillageAloneStaysWhenTheReportTellsOfWarAndGoesWhenItDoesNot) {
    // a one-word village with nothing else Syrian: the words of war keep it ("drone attacks",
    // "rockets"), a story of something else drops it
    const DocumentResult war = run("Drone attacks hit Ruwayha at dawn.\n");
    ASSERT_NE(mention(war, "Ruwayha"), nullptr) << surfaces(war);
    EXPECT_EQ(chosen(*mention(war, "Ruwayha")).country_code, "SY");
    EXPECT_NE(mention(run("Rockets fell near Ruwayha.\n"), "Ruwayha"), nullptr);
    EXPECT_EQ(mention(run("The choir of Ruwayha sang at the county fair.\n"), "Ruwayha"), nullptr);
}

TEST(Resolver, AVillageSpelledLikeAPersonOrATitleIsNoPlace) {
    // the subject of a verb of saying is a person, whatever village shares the spelling
    EXPECT_EQ(mention(run("Ruwayha said the shelling would resume after the holiday.\n"), "Ruwayha"), nullptr);
    EXPECT_NE(mention(run("Drone attacks hit Ruwayha, the monitor said.\n"), "Ruwayha"), nullptr);
    // an abbreviated title with its full stop
    const DocumentResult title = run("The bill was introduced by Sen. Harlan Brooks and two colleagues.\n");
    EXPECT_EQ(mention(title, "Sen"), nullptr) << surfaces(title);
}

TEST(Resolver, AStoryAboutAnotherCountryKeepsItsVillagesThere) {
    // Israel named again and again, Syria never: its Jenin is no Syrian village, and a
    // subdistrict seat spelled like "Nazi" gives no Syrian context.
    const DocumentResult r = run(
        "Israel closed the crossing on Monday. Police in Israel said visitors from Israel may not enter the area "
        "of the Jenin camp. The museum recalls the Nazi era.\n");
    for (const Mention& m : r.mentions) EXPECT_NE(chosen(m).country_code, "SY") << m.surface;
    // a note on Syria's war that names the US once keeps its village
    const DocumentResult war = run("Fighters backed by the US advanced into the village of Ruwayha.\n");
    ASSERT_NE(mention(war, "Ruwayha"), nullptr) << surfaces(war);
    EXPECT_EQ(chosen(*mention(war, "Ruwayha")).country_code, "SY");
}

TEST(Resolver, TheCapitalOfAReportAboutSyriaIsDamascus) {
    const DocumentResult r = run("Shelling hit Harasta and the eastern outskirts of the capital.\n");
    const Mention* capital = mention(r, "capital");
    ASSERT_NE(capital, nullptr) << surfaces(r);
    EXPECT_EQ(chosen(*capital).feature_code, "PPLC");
    const DocumentResult ar = run("قصف على حرستا وأطراف العاصمة.\n");
    ASSERT_NE(mention(ar, "العاصمة"), nullptr) << surfaces(ar);
    EXPECT_EQ(chosen(*mention(ar, "العاصمة")).feature_code, "PPLC");
    // another capital, a name after it, or no Syrian name: not Damascus
    EXPECT_EQ(mention(run("Shelling hit Harasta and the capital of Idlib province.\n"), "capital"), nullptr);
    EXPECT_EQ(mention(run("Shelling hit Harasta and the capital Damascus.\n"), "capital"), nullptr);
    EXPECT_EQ(mention(run("The senator flew back to the capital on Monday.\n"), "capital"), nullptr);
}

TEST(Resolver, ACitySharingItsNameWithItsGovernorateAnchorsTheDocument) {
    // Damascus is both a city and a governorate; the city still tells which Babila is meant.
    const DocumentResult r = run("Shelling hit Babila on the edge of Damascus.\n");
    const Mention* babila = mention(r, "Babila");
    ASSERT_NE(babila, nullptr) << surfaces(r);
    EXPECT_EQ(chosen(*babila).admin1_pcode, "SY03") << "the Babila next to Damascus";
}

}  // namespace

// A stacked gazetteer with a quarter named al-Asad (as OCHA's neighbourhood lists have): a
// report about President Bashar al-Assad must not map him, in any of his mentions, while a
// name never written after a title stays a place.
TEST(Resolver, NameWrittenAfterAPersonTitleIsThePersonInTheWholeReport) {
    const Gazetteer quarter = Gazetteer::from_tsv(
        "# toponym-gazetteer 1\nid\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\talternate_names\n"
        "t:asad\tal-Asad\t36.21\t37.13\tP\tPPLX\tSY\tAssad\n"
        "t:hamra\tal-Hamra\t36.22\t37.14\tP\tPPLX\tSY\t\n",
        "quarters.tsv");
    const Gazetteer stacked = Gazetteer::stack({&gaz(), &quarter});
    const PipelineContext ctx{stacked, boundaries()};
    const auto run_with = [&](const std::string& text) {
        return toponym::process_document(toponym::ingest::parse_text_document("x.txt", text), ctx);
    };
    const DocumentResult person = run_with(
        "Forces loyal to President Bashar al-Assad shelled Saraqib. Anti-Assad groups said Mr Assad's army "
        "also hit al-Hamra in Aleppo.\n");
    EXPECT_EQ(mention(person, "al-Assad"), nullptr) << surfaces(person);
    EXPECT_EQ(mention(person, "Assad"), nullptr) << surfaces(person);
    EXPECT_NE(mention(person, "Saraqib"), nullptr) << surfaces(person);
    EXPECT_NE(mention(person, "al-Hamra"), nullptr) << "a quarter never written after a title: " << surfaces(person);

    const DocumentResult place = run_with("Shells fell on the al-Asad quarter of Aleppo.\n");
    EXPECT_NE(mention(place, "al-Asad"), nullptr) << "no title: the quarter " << surfaces(place);

    const DocumentResult general = run_with("Shelling hit the general Aleppo area and al-Asad.\n");
    EXPECT_NE(mention(general, "Aleppo"), nullptr) << "lower-case 'general' is no title: " << surfaces(general);
}

TEST(Resolver, TheArticleBeforeABareNameSpeaksForTheRegion) {
    // "in the Ghouta": the oasis around Damascus, not the Raqqa village Ghota; without the
    // article the name is read as before
    const DocumentResult r = run("Fighters advanced in the Ghouta at dawn.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    const Place& p = Gazetteer::embedded().place(r.mentions[0].place());
    EXPECT_TRUE(p.is_region()) << p.name;
    EXPECT_EQ(p.admin1_pcode, "SY03");
}

TEST(Resolver, AMisspellingThatNamesOnlyPlacesAbroadKeepsItsReadings) {
    // A spelling is read as a Syrian name, its foreign readings dropped; a match whose every
    // reading lies abroad (a stacked world gazetteer under a rule that reads a slot by letters)
    // keeps them rather than leaving a mention with none (which crashed map on such a slot).
    const std::string text = "Moscow\n";
    const std::vector<toponym::text::Token> tokens = toponym::text::tokenize(text);
    ASSERT_FALSE(tokens.empty());
    toponym::geoparse::NameMatch m;
    m.key = toponym::text::fold_name("Moscow");
    m.places = Gazetteer::embedded().lookup(m.key);
    ASSERT_FALSE(m.places.empty());
    for (std::uint32_t idx : m.places) ASSERT_NE(Gazetteer::embedded().place(idx).country_code, "SY");
    m.fuzzy = true;
    const std::vector<Mention> mentions = toponym::geoparse::resolve_mentions(text, tokens, {m}, Gazetteer::embedded());
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_FALSE(mentions[0].candidates.empty());
}
