// Roles of place names: demonyms, organisation names, modifiers, metonyms, locations. The
// sentences are the team's, written in the style of conflict reporting.
#include <gtest/gtest.h>

#include <string>

#include "geoparse/roles.hpp"
#include "pipeline_support.hpp"

using toponym::testing::geoparse;
using toponym::testing::mention_named;

namespace {

std::string role_of(const std::string& text, const std::string& surface) {
    const toponym::DocumentResult r = geoparse(text);
    const toponym::Mention* m = mention_named(r, surface);
    return m ? m->role : "(not found)";
}

}  // namespace

TEST(Roles, DemonymsNameTheirCountry) {
    EXPECT_EQ(toponym::geoparse::demonym_country("syrians"), "Syria");
    EXPECT_EQ(toponym::geoparse::demonym_country("turkish"), "Turkey");
    EXPECT_FALSE(toponym::geoparse::demonym_country("aleppo").has_value());
    const toponym::DocumentResult r = geoparse("Iraqi militias and Turkish troops moved north.\n");
    const toponym::Mention* iraqi = mention_named(r, "Iraqi");
    ASSERT_NE(iraqi, nullptr);
    EXPECT_EQ(iraqi->role, "demonym");
    EXPECT_EQ(toponym::Gazetteer::embedded().place(iraqi->place()).country_code, "IQ");
    EXPECT_EQ(role_of("Iraqi militias and Turkish troops moved north.\n", "Turkish"), "demonym");
}

TEST(Roles, OrganisationNames) {
    EXPECT_EQ(role_of("Fighters of the Free Syrian Army entered the town.\n", "Syrian"), "organisation-name");
    EXPECT_EQ(role_of("The Syrian Observatory for Human Rights counted 12 dead.\n", "Syrian"), "organisation-name");
    EXPECT_EQ(role_of("Members of Ahrar al-Sham withdrew.\n", "al-Sham"), "organisation-name");
    EXPECT_EQ(role_of("The Liwa al-Quds militia took part.\n", "al-Quds"), "organisation-name");
    EXPECT_EQ(role_of("The Jerusalem brigade was deployed near Hama.\n", "Jerusalem"), "organisation-name");
    // the nouns groups name themselves by: falcons, lions, knights, martyrs
    EXPECT_EQ(role_of("Fighters of Suqour al-Sham withdrew from the town.\n", "al-Sham"), "organisation-name");
    EXPECT_EQ(role_of("The Usud al-Sharqiya group attacked a checkpoint.\n", "al-Sharqiya"), "organisation-name");
    EXPECT_EQ(role_of("The Syrian army shelled the town.\n", "Syrian"), "demonym") << "lower-case army: the national army";
    // the group word itself spelled like a village: "Ahrar", "Jund"
    EXPECT_EQ(role_of("Rebels took the town from Ahrar al-Sham after clashes.\n", "Ahrar"), "organisation-name");
    EXPECT_NE(role_of("Jund al-Aqsa fought rebels north of Hama.\n", "Jund"), "location");
    // an organisation of the region named by one word that a village's spelling shares
    EXPECT_EQ(role_of("Hamas fighters joined the battle for the Yarmouk camp in Damascus.\n", "Hamas"), "organisation-name");
    // groups and operations named after a place: a legion, a division, a shield
    EXPECT_EQ(role_of("The Sham Legion repelled an attack near Saraqib.\n", "Sham"), "organisation-name");
    EXPECT_EQ(role_of("Fighters of the Al-Jazeera Storm operation entered Raqqa.\n", "Al-Jazeera"), "organisation-name");
    EXPECT_EQ(role_of("The Binnish Division took the hill.\n", "Binnish"), "organisation-name");
}

TEST(Roles, Modifiers) {
    EXPECT_EQ(role_of("Rebels fired US-made missiles at the base.\n", "US"), "modifier");
    EXPECT_EQ(role_of("Iran's Revolutionary Guard sent advisers.\n", "Iran"), "modifier");
    EXPECT_EQ(role_of("UK officials said the talks failed.\n", "UK"), "modifier");
    EXPECT_EQ(role_of("Troops from Russia and Iran arrived in Latakia.\n", "Iran"), "modifier");
    // any place's representatives are people, not an event there
    EXPECT_EQ(role_of("The envoy met Duma deputies in Moscow.\n", "Duma"), "modifier");
    EXPECT_EQ(role_of("Shelling hit Duma in the morning.\n", "Duma"), "location");
    // a village's name before armed men names a group or a person ("Assad forces"), not a place
    EXPECT_EQ(role_of("Hish fighters attacked the checkpoint at dawn.\n", "Hish"), "modifier");
    EXPECT_EQ(role_of("Clashes between Assad forces and rebels went on.\n", "Assad"), "modifier");
    EXPECT_EQ(role_of("Clashes between Assad's forces and rebels went on.\n", "Assad"), "modifier");
    EXPECT_EQ(role_of("Shells hit Hish village as fighters withdrew.\n", "Hish"), "location");
}

TEST(Roles, Metonyms) {
    EXPECT_EQ(role_of("Moscow said the raids would continue.\n", "Moscow"), "metonym");
    EXPECT_EQ(role_of("Talks between Ankara and Tehran stalled over Idlib.\n", "Tehran"), "metonym");
    EXPECT_EQ(role_of("A pro-Damascus militia claimed the attack.\n", "Damascus"), "metonym");
    EXPECT_EQ(role_of("Turkey and Iran agreed on a ceasefire.\n", "Turkey"), "metonym");
    // a source, whatever place shares its name: a channel named like a town
    EXPECT_EQ(role_of("Al Mayadeen reported that jets struck Saraqib.\n", "Al Mayadeen"), "metonym");
    EXPECT_EQ(role_of("Jets struck Saraqib, according to Al Mayadeen.\n", "Al Mayadeen"), "metonym");
    EXPECT_EQ(role_of("Jets struck the centre of Al Mayadeen on Monday.\n", "Al Mayadeen"), "location");
}

TEST(Roles, PlacesStayLocations) {
    EXPECT_EQ(role_of("Aid convoys crossed from Turkey into Idlib.\n", "Turkey"), "location");
    EXPECT_EQ(role_of("Talks were held in Moscow on Friday.\n", "Moscow"), "location");
    EXPECT_EQ(role_of("Clashes spread across Syria, the monitor said.\n", "Syria"), "location");
    EXPECT_EQ(role_of("Civilians fled to the border with Turkey.\n", "Turkey"), "location");
    EXPECT_EQ(role_of("Reporters across Syria said the strikes stopped.\n", "Syria"), "location")
        << "the object of a preposition is not the subject";
}

TEST(Roles, OnlyLocationsBecomeEventPlaces) {
    const toponym::DocumentResult r = geoparse("Russian warplanes bombed Saraqib, Moscow said.\n");
    ASSERT_FALSE(r.events.empty());
    for (const toponym::Event& e : r.events) EXPECT_EQ(e.place_name.find("Moscow"), std::string::npos);
}
