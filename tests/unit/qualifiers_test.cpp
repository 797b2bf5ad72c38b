// Qualifier places (geoparse/qualifiers): a place that says where another is chooses its homonym
// and gives its governorate, and is no event's place; lists and far places stay places.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pipeline_support.hpp"
#include "text/normalize.hpp"

namespace {

using toponym::DocumentResult;
using toponym::Gazetteer;
using toponym::Mention;
using toponym::testing::geoparse;
using toponym::testing::mention_named;

DocumentResult parse(const std::string& sentence) { return geoparse("---\npublished: 2020-03-10\n---\n" + sentence + "\n"); }

bool qualifies(const DocumentResult& r, const std::string& outer, const std::string& inner) {
    const Mention* o = mention_named(r, outer);
    const Mention* i = mention_named(r, inner);
    return o && i && o->qualifies && &r.mentions.at(*o->qualifies) == i;
}

bool event_at(const DocumentResult& r, const std::string& surface) {
    return std::any_of(r.events.begin(), r.events.end(),
                       [&](const toponym::Event& e) { return r.mentions.at(e.mention).surface == surface; });
}

// `surface` is another place of its name than every reading we know (contradicted): no event's
// place, and the report's events are all in governorate `pcode`.
void expect_elsewhere(const DocumentResult& r, const std::string& surface, const std::string& pcode, const std::string& what) {
    const Mention* m = mention_named(r, surface);
    ASSERT_NE(m, nullptr) << what;
    EXPECT_TRUE(m->contradicted) << what;
    EXPECT_FALSE(event_at(r, surface)) << what;
    ASSERT_FALSE(r.events.empty()) << what;
    for (const toponym::Event& e : r.events) EXPECT_EQ(e.admin.admin1_pcode, pcode) << what << ": " << r.mentions.at(e.mention).surface;
}

TEST(Qualifiers, EveryShapeOfQualifierIsNoEvent) {
    struct Case {
        std::string text, inner, outer;
    };
    const Case cases[] = {
        {"Jets struck Kafr Nabl in Idlib on Monday.", "Kafr Nabl", "Idlib"},
        {"Barrel bombs hit Khan Sheikhoun, Idlib, on Monday.", "Khan Sheikhoun", "Idlib"},
        {"A drone strike hit a car near Saraqib in the Idlib countryside on Monday.", "Saraqib", "Idlib"},
        {"Artillery shelled Kafr Zita in northern Hama on Monday.", "Kafr Zita", "Hama"},
        {"Air strikes hit Ariha of Idlib province on Monday.", "Ariha", "Idlib"},
        {"Clashes erupted in Tafas (Daraa) on Monday.", "Tafas", "Daraa"},
        {"A car bomb exploded in Azaz, north of Aleppo, on Monday.", "Azaz", "Aleppo"},
        {"Clashes broke out in Harasta, on the outskirts of Damascus, on Monday.", "Harasta", "Damascus"},
        {"Barrel bombs fell on the al-Shaar neighbourhood of Aleppo on Monday.", "al-Shaar", "Aleppo"},
        {"Warplanes struck Khan Shaykhun, 35 km south of Idlib city, on Monday.", "Khan Shaykhun", "Idlib"},
        {"Clashes broke out in Jisr al-Shughur, in the western Idlib countryside, on Monday.", "Jisr al-Shughur", "Idlib"},
    };
    for (const Case& c : cases) {
        const DocumentResult r = parse(c.text);
        EXPECT_TRUE(qualifies(r, c.outer, c.inner)) << c.text;
        EXPECT_TRUE(event_at(r, c.inner)) << c.text;
        EXPECT_FALSE(event_at(r, c.outer)) << c.text;
    }
}

TEST(Qualifiers, ATitlesLabelSaysWhereTheLinesPlacesAre) {
    struct Case {
        std::string text, inner, outer;
    };
    const Case cases[] = {
        {"Aleppo: air strikes hit the Sakhour district", "Sakhour", "Aleppo"},
        {"#Idlib | Shelling on the town of Kafranbel", "Kafranbel", "Idlib"},
        {"حلب: غارات جوية على حي الصاخور", "الصاخور", "حلب"},
        {"#إدلب | قصف مدفعي على بلدة كفرنبل", "كفرنبل", "إدلب"},
        {"حلب - غارات على حي الصاخور", "الصاخور", "حلب"},
    };
    for (const Case& c : cases) {
        const DocumentResult r = parse(c.text);
        EXPECT_TRUE(qualifies(r, c.outer, c.inner)) << c.text;
        EXPECT_TRUE(event_at(r, c.inner)) << c.text;
        EXPECT_FALSE(event_at(r, c.outer)) << c.text;
    }
    // a label alone on its line is the place; a name inside the line is no label; a label that
    // cannot hold the line's place (a town of another governorate) leaves both places
    EXPECT_TRUE(event_at(parse("Aleppo: air strikes on the eastern districts"), "Aleppo"));
    const DocumentResult inside = parse("Air strikes on Saraqib: Binnish was shelled too");
    EXPECT_TRUE(event_at(inside, "Saraqib") && event_at(inside, "Binnish"));
    const DocumentResult far = parse("Daraa: air strikes hit Saraqib");
    EXPECT_FALSE(qualifies(far, "Daraa", "Saraqib"));
    EXPECT_TRUE(event_at(far, "Saraqib"));
}

TEST(Qualifiers, AQuarterOfACityIsInsideIt) {
    // the village spelled like the quarter lies well outside the city: the event is in the city
    const DocumentResult r = parse("Rebels clashed with regime forces in the Al-Zahraa neighborhood of Aleppo city on Monday.");
    EXPECT_TRUE(qualifies(r, "Al-Zahraa", "Aleppo")) << "the quarter says where in the city";
    EXPECT_FALSE(event_at(r, "Al-Zahraa"));
    EXPECT_TRUE(event_at(r, "Aleppo"));
    // "in Aleppo" after a quarter is the city, not the governorate that holds the village
    const DocumentResult in_city = parse("Rebels clashed with regime forces in the Al-Zahraa neighborhood in Aleppo on Monday.");
    EXPECT_FALSE(event_at(in_city, "Al-Zahraa"));
    EXPECT_TRUE(event_at(in_city, "Aleppo"));
    // written as a village, the same name stays the village near the city
    const DocumentResult village = parse("Rebels clashed with regime forces in the village of Al-Zahraa near Aleppo on Monday.");
    EXPECT_TRUE(event_at(village, "Al-Zahraa"));
}

TEST(Qualifiers, ListsAndSecondPlacesStayEvents) {
    const DocumentResult list = parse("Artillery struck Binnish, Sarmin and Taftanaz on Monday.");
    EXPECT_TRUE(event_at(list, "Binnish") && event_at(list, "Sarmin") && event_at(list, "Taftanaz"));
    for (const Mention& m : list.mentions) EXPECT_FALSE(m.qualifies) << m.surface;

    const DocumentResult oxford = parse("Jets struck Saraqib, Sarmin, and Binnish on Monday.");
    EXPECT_TRUE(event_at(oxford, "Saraqib") && event_at(oxford, "Sarmin") && event_at(oxford, "Binnish"));

    const DocumentResult two = parse("Clashes broke out in Morek and al-Lataminah on Monday.");
    EXPECT_TRUE(event_at(two, "Morek") && event_at(two, "al-Lataminah"));

    // Kafr Nabl is in Idlib, not Hama: "in Hama" holds nothing, both stay places.
    const DocumentResult far = parse("Clashes were reported in Kafr Nabl in Hama on Monday.");
    EXPECT_FALSE(qualifies(far, "Hama", "Kafr Nabl"));
    EXPECT_TRUE(event_at(far, "Kafr Nabl"));
}

TEST(Qualifiers, TheQualifierChoosesTheHomonym) {
    // al-Hamidiyah: a village in Idlib and a town in Tartous.
    const DocumentResult idlib = parse("Shelling hit Hamidiyah in Idlib province on Monday.");
    const Mention* m = mention_named(idlib, "Hamidiyah");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(Gazetteer::embedded().place(m->place()).admin1_pcode, "SY07");
    const DocumentResult tartous = parse("Shelling hit Hamidiyah, Tartous, on Monday.");
    m = mention_named(tartous, "Hamidiyah");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(Gazetteer::embedded().place(m->place()).admin1_pcode, "SY10");
}

TEST(Qualifiers, AnotherNameInParenthesesIsNoSecondEvent) {
    const DocumentResult r = parse("Militants attacked a checkpoint east of Palmyra (Tadmur) on Monday.");
    EXPECT_TRUE(qualifies(r, "Tadmur", "Palmyra"));
    EXPECT_FALSE(event_at(r, "Tadmur"));
    EXPECT_TRUE(event_at(r, "Palmyra"));  // the relative location "east of Palmyra", by its anchor
}

TEST(Qualifiers, AQuarterNamedWithAnotherCityIsThatCitys) {
    // "Old City" is a name of Aleppo's old city in the gazetteer; here it is Damascus's.
    const DocumentResult r = parse("Mortar shells fell on the Old City of Damascus on Monday, wounding 7.");
    EXPECT_TRUE(event_at(r, "Damascus"));
    EXPECT_FALSE(event_at(r, "Old City"));
}

}  // namespace

TEST(Qualifiers, AVillageKnownOnlyOutsideTheNamedGovernorateIsNoPlaceThere) {
    // Mulla Marz is a village of al-Hasakeh, which also has a hamlet Al Hamah 3 km away: "in northern
    // Hama" still means Hama (the hamlet spelled like it neither wins by being near Mulla Marz nor
    // qualifies it), and the Mulla Marz meant is another that the gazetteer does not know.
    const DocumentResult r = parse("Troops entered Mulla Marz village in northern Hama on Monday.");
    const Mention* village = mention_named(r, "Mulla Marz");
    ASSERT_NE(village, nullptr);
    EXPECT_TRUE(village->contradicted);
    EXPECT_FALSE(event_at(r, "Mulla Marz"));
    ASSERT_FALSE(r.events.empty());
    for (const toponym::Event& e : r.events) EXPECT_EQ(e.admin.admin1_pcode, "SY05") << r.mentions.at(e.mention).surface;
}

TEST(Qualifiers, AVillageFarFromTheTownItIsSaidToBeNearIsNoPlaceThere) {
    // Every Mulla Marz we know is in al-Hasakeh, 300 km from Salamiyah: the one meant is another.
    const DocumentResult r = parse("Troops entered Mulla Marz near Salamiyah on Monday.");
    const Mention* village = mention_named(r, "Mulla Marz");
    ASSERT_NE(village, nullptr);
    EXPECT_TRUE(village->contradicted);
    EXPECT_FALSE(event_at(r, "Mulla Marz"));
    ASSERT_FALSE(r.events.empty());
    for (const toponym::Event& e : r.events) EXPECT_EQ(e.admin.admin1_pcode, "SY05");
}

TEST(Qualifiers, ARegionWrittenInLowerCaseQualifiesItsVillage) {
    // "eastern Ghouta" is the region (not an OCHA village "Ghouta" in Raqqa made eastern), and it
    // holds Siqba.
    const DocumentResult r = parse("Regime forces clashed with rebels in Siqba in eastern Ghouta on Monday.");
    const Mention* region = mention_named(r, "eastern Ghouta");
    ASSERT_NE(region, nullptr);
    EXPECT_EQ(Gazetteer::embedded().place(region->place()).feature_class, "L");
    EXPECT_TRUE(qualifies(r, "eastern Ghouta", "Siqba"));
    EXPECT_TRUE(event_at(r, "Siqba"));
    // a village named "Eastern X" is not read into "eastern X province"
    const DocumentResult gov = parse("Clashes broke out in eastern Deir ez-Zor on Monday.");
    for (const Mention& m : gov.mentions) EXPECT_NE(m.surface.substr(0, 7), "eastern") << m.surface;
}

TEST(Qualifiers, TheSideTheQualifierNamesChoosesAmongItsHomonyms) {
    // Aleppo governorate has two villages named Zammar: one 35 km south-west of the city, one 50 km
    // north-east of it.
    const DocumentResult south = parse("Regime forces shelled Zammar in southern Aleppo on Monday.");
    const DocumentResult north = parse("Regime forces shelled Zammar in northern Aleppo on Monday.");
    const Mention* s = mention_named(south, "Zammar");
    const Mention* n = mention_named(north, "Zammar");
    ASSERT_NE(s, nullptr);
    ASSERT_NE(n, nullptr);
    const auto& g = Gazetteer::embedded();
    const double city_lat = g.place(*g.find_id("gn:170063")).lat;
    EXPECT_LT(g.place(s->place()).lat, city_lat);
    EXPECT_GT(g.place(n->place()).lat, city_lat);
    EXPECT_EQ(g.place(s->place()).admin1_pcode, "SY02");
    EXPECT_EQ(g.place(n->place()).admin1_pcode, "SY02");
}

TEST(Qualifiers, ACitySaysCityNotItsGovernorate) {
    // The only Mulla Marz the gazetteer knows is a village of al-Hasakeh governorate 140 km from
    // its city: "of Hasakeh city" cannot hold it, though the governorate would.
    const DocumentResult r = parse("Shells fell on the Mulla Marz quarter of Hasakeh city on Monday.");
    const Mention* quarter = mention_named(r, "Mulla Marz");
    ASSERT_NE(quarter, nullptr);
    EXPECT_TRUE(quarter->contradicted);
    EXPECT_FALSE(event_at(r, "Mulla Marz"));
    EXPECT_TRUE(event_at(r, "Hasakeh"));
}

TEST(Qualifiers, AGovernorateNamedAsAQuartersStandsForItsSeat) {
    // quarters lie in a city: an unknown quarter "in Daraa province" is in the city of Daraa
    const DocumentResult r = parse("Clashes took place in the al-Nour neighbourhood in Daraa province.");
    ASSERT_EQ(r.events.size(), 1u);
    const Gazetteer& g = Gazetteer::embedded();
    const auto& places = g.lookup(toponym::text::fold_name("Daraa"));
    const auto seat = std::find_if(places.begin(), places.end(), [&](std::uint32_t p) { return g.place(p).feature_code == "PPLA"; });
    ASSERT_NE(seat, places.end());
    EXPECT_EQ(r.events[0].place_id, g.place(*seat).id);
    // a village of the governorate is no quarter: the governorate stays
    const DocumentResult village = parse("Clashes took place in the village of Umm Zaytuna Kabira in Daraa province.");
    ASSERT_EQ(village.events.size(), 1u);
    EXPECT_NE(village.events[0].place_id, g.place(*seat).id);
}

TEST(Qualifiers, ACitySaysWhoseRegionItIs) {
    // "Eastern Ghouta of Damascus": the region is the event's place, the city only says whose it is
    const DocumentResult r = parse("Fighting went on in Eastern Ghouta of Damascus on Monday.");
    EXPECT_TRUE(qualifies(r, "Damascus", "Eastern Ghouta"));
    EXPECT_TRUE(event_at(r, "Eastern Ghouta"));
    EXPECT_FALSE(event_at(r, "Damascus"));
}

TEST(Qualifiers, ASpellingReadFarFromEveryPlaceTheReportNamesIsNoPlaceThere) {
    // "Mulla Mars" is read by spelling as Mulla Marz of al-Hasakeh, 300 km from the two Hama towns
    // the report names exactly: the village meant is another that the gazetteer does not know, so
    // the report's events are in Hama.
    const DocumentResult r = parse("Fighters stormed army posts in Mulla Mars on Monday, and shelling hit Salamiyah and Sabburah.");
    const Mention* village = mention_named(r, "Mulla Mars");
    ASSERT_NE(village, nullptr);
    EXPECT_TRUE(village->fuzzy);
    expect_elsewhere(r, "Mulla Mars", "SY05", "a spelling 300 km from the report's towns");
    // Alone in its report, the spelling keeps its reading: nothing says it is elsewhere.
    const DocumentResult alone = parse("Fighters stormed army posts in Mulla Mars on Monday.");
    EXPECT_TRUE(event_at(alone, "Mulla Mars"));
}

TEST(Qualifiers, ASiteOrAFrontNamedAfterAPlaceIsQualifiedAsThePlaceIs) {
    // "the X gas field west of Y", "the X military airport in Y", "the X front in Y": the words
    // that make X a site or a front do not hide the qualifier. Every Mulla Marz we know is in
    // al-Hasakeh, far from each qualifier: the one meant is another, and the qualifier says where.
    struct Case {
        std::string text, pcode;
    };
    const Case cases[] = {
        {"Rebels shelled the Mulla Marz gas field west of Salamiyah on Monday.", "SY05"},
        {"Rebels attacked the Mulla Marz military airport in Hama province on Monday.", "SY05"},
        {"Regime forces repelled an attack on the Mulla Marz front in Eastern Ghouta on Monday.", "SY03"},
    };
    for (const Case& c : cases) expect_elsewhere(parse(c.text), "Mulla Marz", c.pcode, c.text);
    // A site in a town is inside the town: "the Saraqib checkpoint in Sarmin town" is no event at
    // Saraqib, 8 km away, but at Sarmin; in a governorate, the site keeps its own reading.
    const DocumentResult in_town = parse("Gunmen opened fire at the Saraqib checkpoint in Sarmin town on Monday.");
    EXPECT_TRUE(event_at(in_town, "Sarmin"));
    EXPECT_FALSE(event_at(in_town, "Saraqib"));
    const DocumentResult in_governorate = parse("Gunmen opened fire at the Saraqib checkpoint in Idlib on Monday.");
    EXPECT_TRUE(event_at(in_governorate, "Saraqib"));
}

TEST(Qualifiers, NearReachesLessFarThanADirection) {
    // Kafranbel lies 80 km from Salamiyah: not "near" it (the Kafranbel meant is another the
    // gazetteer lacks, and the event is near Salamiyah), but "80 km northwest of" it is.
    expect_elsewhere(parse("Troops entered Kafranbel near Salamiyah on Monday."), "Kafranbel", "SY05", "near, 80 km apart");
    const DocumentResult direction = parse("Troops entered Kafranbel, 80 km northwest of Salamiyah, on Monday.");
    EXPECT_TRUE(event_at(direction, "Kafranbel"));
    // 10 km from the town it is near: the village itself
    EXPECT_TRUE(event_at(parse("Troops entered Kafranbel near Maarat al-Numan on Monday."), "Kafranbel"));
    // a range named after a place reaches further than the village it is read as
    const DocumentResult range = parse("Troops entered Kafranbel near the Salamiyah mountains on Monday.");
    const Mention* ranged = mention_named(range, "Kafranbel");
    ASSERT_NE(ranged, nullptr);
    EXPECT_FALSE(ranged->contradicted);
}

TEST(Qualifiers, AVillageFarOutsideTheGovernorateItsSentenceNamesIsAnotherOne) {
    // every Mulla Marz we know lies in al-Hasakeh, 500 km from the Daraa countryside the sentence
    // puts it in: another village of that name, no event's place; the event is in eastern Daraa
    const DocumentResult far = parse("Government forces stormed Mulla Marz in the eastern Daraa countryside on Monday.");
    expect_elsewhere(far, "Mulla Marz", "SY12", "a village 500 km from its countryside");
    EXPECT_EQ(far.events.size(), 1u);
    // in its own governorate it stays the village
    const DocumentResult home = parse("Government forces stormed Mulla Marz in al-Hasakeh province on Monday.");
    EXPECT_TRUE(event_at(home, "Mulla Marz"));
}
