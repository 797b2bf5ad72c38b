// Relative locations: the parser's patterns and the geodesic offsets they become.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "geo/geodesy.hpp"
#include "geoparse/relative.hpp"
#include "pipeline_support.hpp"

using toponym::RelativeLocation;
using toponym::testing::geoparse;

namespace {

const toponym::Place& aleppo() {
    const auto& g = toponym::Gazetteer::embedded();
    return g.place(*g.find_id("gn:170063"));
}

// The only relative location of a sentence.
RelativeLocation only_relative(const std::string& text) {
    const toponym::DocumentResult r = geoparse(text);
    EXPECT_EQ(r.relatives.size(), 1u) << text;
    return r.relatives.empty() ? RelativeLocation{} : r.relatives.front();
}

double bearing_from(const toponym::Place& p, const RelativeLocation& rel) {
    // Compass quadrant is enough here: the sign of the offsets.
    return std::atan2(rel.lon - p.lon, rel.lat - p.lat) * 180.0 / std::numbers::pi;
}

}  // namespace

TEST(Relative, DirectionWords) {
    EXPECT_EQ(toponym::geoparse::direction_of("northern"), "N");
    EXPECT_EQ(toponym::geoparse::direction_of("southwestern"), "SW");
    EXPECT_EQ(toponym::geoparse::direction_of("southeast"), "SE");
    EXPECT_EQ(toponym::geoparse::direction_of("aleppo"), "");
    EXPECT_EQ(toponym::geoparse::direction_of("nw"), "NW") << "the two-letter abbreviation";
    EXPECT_EQ(toponym::geoparse::direction_of("n"), "") << "one letter is too often something else";
    // "Kafranbel (NW of Maarat al-Numan)": Maarat is the anchor, no place of the event
    const toponym::DocumentResult r = geoparse("Rebels captured the town of Kafranbel (NW of Maarat al-Numan).\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.mentions.at(r.events[0].mention).surface, "Kafranbel");
    ASSERT_EQ(r.relatives.size(), 1u);
    EXPECT_EQ(r.relatives[0].direction, "NW");
    EXPECT_EQ(*toponym::geoparse::bearing_of("W"), 270.0);
    EXPECT_FALSE(toponym::geoparse::bearing_of("").has_value());
}

TEST(Relative, StatedDistanceIsMeasuredOnTheEllipsoid) {
    const RelativeLocation rel = only_relative("Shelling hit a school some 25 km west of Aleppo on Monday.\n");
    EXPECT_EQ(rel.surface, "some 25 km west of Aleppo");
    EXPECT_EQ(rel.relation, "offset");
    EXPECT_EQ(rel.direction, "W");
    ASSERT_TRUE(rel.distance_km.has_value());
    EXPECT_DOUBLE_EQ(*rel.distance_km, 25.0);
    const double km = toponym::geo::geodesic_distance_m(aleppo().lat, aleppo().lon, rel.lat, rel.lon) / 1000.0;
    EXPECT_NEAR(km, 25.0, 0.01);
    EXPECT_LT(rel.lon, aleppo().lon);
    EXPECT_NEAR(rel.lat, aleppo().lat, 0.01);
    EXPECT_EQ(rel.admin.admin1_pcode, "SY02");

    const RelativeLocation glued = only_relative("A car bomb exploded 12km north-east of Aleppo.\n");
    EXPECT_EQ(glued.direction, "NE");
    EXPECT_DOUBLE_EQ(*glued.distance_km, 12.0);
    const RelativeLocation miles = only_relative("The convoy stopped about 10 miles south of Aleppo.\n");
    EXPECT_NEAR(*miles.distance_km, 16.09, 0.01);
}

TEST(Relative, CountrysideAndPartsOfACity) {
    const RelativeLocation c = only_relative("Barrel bombs fell on the northern countryside of Aleppo.\n");
    EXPECT_EQ(c.relation, "countryside");
    EXPECT_EQ(c.direction, "N");
    EXPECT_GT(c.lat, aleppo().lat + 0.1) << "a city's countryside starts beyond its built-up area";
    EXPECT_GE(c.radius_m, 10000.0);

    const RelativeLocation possessive = only_relative("Fighting raged in Aleppo's western countryside.\n");
    EXPECT_EQ(possessive.relation, "countryside");
    EXPECT_EQ(possessive.direction, "W");

    const RelativeLocation part = only_relative("Snipers were active in eastern Aleppo.\n");
    EXPECT_EQ(part.relation, "part");
    const double km = toponym::geo::geodesic_distance_m(aleppo().lat, aleppo().lon, part.lat, part.lon) / 1000.0;
    EXPECT_LT(km, 8.0) << "a part of the city stays within it";
    EXPECT_GT(bearing_from(aleppo(), part), 45.0);

    const RelativeLocation outskirts = only_relative("Rockets landed on the southern outskirts of Aleppo.\n");
    EXPECT_EQ(outskirts.relation, "outskirts");
    EXPECT_LT(outskirts.lat, aleppo().lat);
}

TEST(Relative, GovernoratesAndCountries) {
    const RelativeLocation gov = only_relative("Air strikes hit villages in the southern areas of Hama province.\n");
    EXPECT_EQ(gov.relation, "part");
    EXPECT_EQ(gov.admin.admin1_pcode, "SY05");
    const RelativeLocation country = only_relative("Drones flew over eastern Syria.\n");
    EXPECT_EQ(country.direction, "E");
    EXPECT_GT(country.radius_m, 50000.0) << "a side of a country is vague";
    // A small city named like its governorate: a side of it is a side of the governorate.
    const RelativeLocation small = only_relative("Clashes continued in Hama's northern countryside.\n");
    const auto& g = toponym::Gazetteer::embedded();
    EXPECT_TRUE(g.place(small.anchor_place).is_admin_area());
    // ... and lies where the governorate's villages are in that direction from the city: the
    // northern countryside of Homs is north of Homs city, not in the desert at the middle of the
    // governorate's polygon 140 km to the east.
    const RelativeLocation homs = only_relative("Clashes continued in the northern countryside of Homs.\n");
    const toponym::Place& city = g.place(*g.find_id("gn:169577"));
    const double km = toponym::geo::geodesic_distance_m(city.lat, city.lon, homs.lat, homs.lon) / 1000.0;
    EXPECT_GT(homs.lat, city.lat + 0.05);
    EXPECT_LT(km, 40.0);
    EXPECT_EQ(homs.admin.admin1_pcode, "SY04");
}

TEST(Relative, ImplicitAndNearAnchors) {
    const toponym::DocumentResult r =
        geoparse("Government forces entered Aleppo on Monday. Fighting continued north of the city.\n");
    ASSERT_EQ(r.relatives.size(), 1u);
    EXPECT_TRUE(r.relatives[0].anchor_implicit);
    EXPECT_EQ(r.relatives[0].relation, "part");
    EXPECT_EQ(r.mentions.at(r.relatives[0].anchor).surface, "Aleppo");
    const RelativeLocation near = only_relative("Clashes were reported near Saraqib.\n");
    EXPECT_EQ(near.relation, "near");
    EXPECT_GE(near.radius_m, 5000.0);
}

TEST(Relative, NotEveryDirectionWordIsRelative) {
    EXPECT_TRUE(geoparse("The army moved north on Monday.\n").relatives.empty());
    EXPECT_TRUE(geoparse("Rebels shelled Aleppo.\n").relatives.empty());
}

// The writers read a mention's point and place from the result: process_document copies them
// from the gazetteer for the chosen reading and for the place a relative location is measured from.
TEST(Relative, MentionsAndAnchorsCarryTheirPlace) {
    const auto& g = toponym::Gazetteer::embedded();
    const toponym::DocumentResult r =
        geoparse("Shelling hit Saraqib on Sunday. Clashes continued in the southern countryside of Aleppo.\n");
    ASSERT_FALSE(r.mentions.empty());
    ASSERT_EQ(r.relatives.size(), 1u);
    for (const toponym::Mention& m : r.mentions) {
        const toponym::Place& p = g.place(m.place());
        EXPECT_EQ(m.chosen.id, p.id);
        EXPECT_EQ(m.chosen.name, p.name);
        EXPECT_EQ(m.chosen.feature_code, p.feature_code);
        EXPECT_EQ(m.chosen.lat, p.lat);
        EXPECT_EQ(m.chosen.lon, p.lon);
        EXPECT_EQ(m.chosen.radius_m, p.radius_m);
        EXPECT_EQ(m.chosen.admin_area, p.is_admin_area());
    }
    const toponym::Place& anchor = g.place(r.relatives[0].anchor_place);
    EXPECT_EQ(r.relatives[0].anchor_facts.id, anchor.id);
    EXPECT_EQ(r.relatives[0].anchor_facts.feature_class, anchor.feature_class);
}
