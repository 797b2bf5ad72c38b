// Unit tests of the gazetteer: parsing the TSV format, the name index (which names are indexed
// and which are not), the spatial index, and the embedded Syria gazetteer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/normalize.hpp"

using toponym::DataError;
using toponym::Gazetteer;
using toponym::Place;
using toponym::text::fold_name;

namespace {

const std::string kHeader =
    "# toponym-gazetteer 1\n"
    "# built by hand for a unit test\n"
    "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\t"
    "alternate_names\tsource\tsource_id\n";

std::string row(const std::string& id, const std::string& name, const std::string& lat, const std::string& lon,
                const std::string& alternates = "", const std::string& population = "", const std::string& pcode = "SY07") {
    return id + "\t" + name + "\t" + lat + "\t" + lon + "\tP\tPPL\tSY\t" + pcode + "\t" + population + "\t\t" + alternates +
           "\ttest\t" + id + "\n";
}

// Ids of the places a name folds to.
std::vector<std::string> ids_for(const Gazetteer& g, const std::string& name) {
    std::vector<std::string> ids;
    for (std::uint32_t i : g.lookup(fold_name(name))) ids.push_back(g.place(i).id);
    return ids;
}

// The error thrown by from_tsv, which must be a DataError.
DataError parse_error(const std::string& tsv) {
    try {
        Gazetteer::from_tsv(tsv, "test.tsv");
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << "no DataError for:\n" << tsv;
    return DataError("", "");
}

TEST(Gazetteer, ParsesRowsAndColumns) {
    const std::string tsv = kHeader + row("t:1", "Maarat al-Numan", "35.6483", "36.67693", "Ma'arrat an-Nu'man|معرة النعمان",
                                          "58008", "SY07") +
                            row("t:2", "Saraqib", "35.86447", "36.80591", "", "", "SY07");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    ASSERT_EQ(g.places().size(), 2u);
    const Place& p = g.place(0);
    EXPECT_EQ(p.id, "t:1");
    EXPECT_EQ(p.name, "Maarat al-Numan");
    EXPECT_DOUBLE_EQ(p.lat, 35.6483);
    EXPECT_DOUBLE_EQ(p.lon, 36.67693);
    EXPECT_EQ(p.feature_class, "P");
    EXPECT_EQ(p.country_code, "SY");
    EXPECT_EQ(p.admin1_pcode, "SY07");
    EXPECT_EQ(p.population, 58008);
    EXPECT_DOUBLE_EQ(p.radius_m, 1000.0) << "an empty radius keeps the default";
    EXPECT_EQ(p.alternate_names, (std::vector<std::string>{"Ma'arrat an-Nu'man", "معرة النعمان"}));
    EXPECT_EQ(g.place(1).population, 0) << "empty population";
    EXPECT_EQ(g.find_id("t:2"), std::optional<std::uint32_t>(1));
    EXPECT_FALSE(g.find_id("t:3").has_value());
}

TEST(Gazetteer, LookupByFoldedNameAndAlternateNames) {
    const std::string tsv = kHeader + row("t:1", "Maarat al-Numan", "35.6483", "36.67693", "Ma'arrat an-Nu'man|معرة النعمان") +
                            row("t:2", "Ramouseh", "36.159", "37.120", "al-Ramousah") +
                            row("t:3", "Maarrat Misrin", "36.01152", "36.67183");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    EXPECT_EQ(ids_for(g, "Maarat al-Numan"), std::vector<std::string>{"t:1"});
    EXPECT_EQ(ids_for(g, "Maarrat Al-Nu’man"), std::vector<std::string>{"t:1"}) << "a spelling in neither column";
    EXPECT_EQ(ids_for(g, "معره نعمان"), std::vector<std::string>{"t:1"}) << "through the Arabic alternate name";
    EXPECT_EQ(ids_for(g, "Ramousa"), std::vector<std::string>{"t:2"});
    EXPECT_EQ(ids_for(g, "Maarrat Misrin"), std::vector<std::string>{"t:3"});
    EXPECT_TRUE(ids_for(g, "Maarat").empty()) << "a first word alone is not a name";
    EXPECT_TRUE(g.has_longer_key(fold_name("Maarat"))) << "but a longer name may start with it";
    EXPECT_FALSE(g.has_longer_key(fold_name("Saraqib")));
    EXPECT_EQ(g.max_key_words(), 2u);
}

TEST(Gazetteer, SameNameForSeveralPlacesListsThemAllInOrder) {
    const std::string tsv = kHeader + row("t:a", "Babila", "35.704", "36.696", "Babilla", "", "SY07") +
                            row("t:b", "Babīlā", "33.47101", "36.33076", "Babila", "", "SY03");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    EXPECT_EQ(ids_for(g, "Babila"), (std::vector<std::string>{"t:a", "t:b"}));
    EXPECT_EQ(ids_for(g, "Babilla"), (std::vector<std::string>{"t:a", "t:b"})) << "Babilla folds like Babila";
}

TEST(Gazetteer, ShortAndCommonWordNamesAreNotIndexed) {
    const std::string tsv = kHeader + row("t:1", "Tall al-Mina", "35.0", "36.0", "Mine|Tal|Tell|Ab|12|Town|Hish") +
                            row("t:2", "Bab al-Hawa", "36.2", "36.6", "Bab");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    for (const char* name : {"Mine", "Tal", "Tell", "Ab", "12", "Town", "Bab"}) {
        EXPECT_TRUE(ids_for(g, name).empty()) << "\"" << name << "\" must not be taken for a place on its own";
    }
    EXPECT_EQ(ids_for(g, "Hish"), std::vector<std::string>{"t:1"}) << "a short but real name is indexed";
    EXPECT_EQ(ids_for(g, "Tell al-Mina"), std::vector<std::string>{"t:1"}) << "common words inside longer names are fine";
    EXPECT_EQ(ids_for(g, "Bab al-Hawa"), std::vector<std::string>{"t:2"});
    EXPECT_TRUE(toponym::is_common_word_key(fold_name("Mine")));
    EXPECT_FALSE(toponym::is_common_word_key(fold_name("Saraqib")));
}

TEST(Gazetteer, PhrasesNamingSeveralPlacesAreNotIndexed) {
    const std::string tsv = kHeader + row("t:1", "Nubl", "36.37867", "36.99294", "Nubl and Zahraa|Nubl & Zahraa|Nubl or Zahraa");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    EXPECT_EQ(ids_for(g, "Nubl"), std::vector<std::string>{"t:1"});
    EXPECT_TRUE(ids_for(g, "Nubl and Zahraa").empty());
    EXPECT_TRUE(ids_for(g, "Nubl Zahraa").empty()) << "'&' does not sneak the phrase in either";
    EXPECT_TRUE(ids_for(g, "Nubl or Zahraa").empty());
}

TEST(Gazetteer, CodeLikeAlternatesAreNotIndexed) {
    const std::string tsv = kHeader + row("t:1", "Aleppo International Airport", "36.18", "37.22", "ALP|OSAP|Nayrab airport");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    EXPECT_TRUE(ids_for(g, "ALP").empty());
    EXPECT_TRUE(ids_for(g, "OSAP").empty());
    EXPECT_EQ(ids_for(g, "Nayrab airport"), std::vector<std::string>{"t:1"});
}

TEST(Gazetteer, DuplicateIdIsADataErrorNamingTheLine) {
    // Lines: 1 format, 2 comment, 3 header, 4 t:1, 5 t:2, 6 t:1 again.
    const std::string tsv = kHeader + row("t:1", "Saraqib", "35.8", "36.8") + row("t:2", "Sarmin", "35.9", "36.7") +
                            row("t:1", "Binnish", "35.9", "36.7");
    const DataError e = parse_error(tsv);
    EXPECT_EQ(e.line(), 6);
    EXPECT_EQ(e.where(), "test.tsv");
    EXPECT_NE(std::string(e.what()).find("t:1"), std::string::npos) << e.what();
}

TEST(Gazetteer, WrongFirstLineIsADataError) {
    EXPECT_EQ(parse_error("id\tname\tlat\tlon\nt:1\tSaraqib\t35.8\t36.8\n").line(), 1);
    EXPECT_EQ(parse_error("# toponym-gazetteer 2\n" + kHeader.substr(kHeader.find('\n') + 1)).line(), 1);
    EXPECT_THROW(Gazetteer::from_tsv("", "empty.tsv"), DataError);
}

TEST(Gazetteer, BadCoordinatesAreADataErrorNamingTheLine) {
    const std::string good = row("t:1", "Saraqib", "35.8", "36.8");
    EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", "35,9", "36.7")).line(), 5) << "decimal comma";
    EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", "", "36.7")).line(), 5) << "empty";
    EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", "95.0", "36.7")).line(), 5) << "latitude > 90";
    EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", "35.9", "-181")).line(), 5) << "longitude < -180";
    EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", "35.9N", "36.7")).line(), 5) << "trailing garbage";
}

// "nan" parses as a number and failed none of the range comparisons: a place without a position.
TEST(Gazetteer, NanOrInfiniteCoordinatesAreADataError) {
    const std::string good = row("t:1", "Saraqib", "35.8", "36.8");
    for (const auto& [lat, lon] : {std::pair{"nan", "36.7"}, {"35.9", "-nan"}, {"inf", "36.7"}, {"35.9", "-inf"}}) {
        EXPECT_EQ(parse_error(kHeader + good + row("t:2", "Sarmin", lat, lon)).line(), 5) << lat << " " << lon;
    }
}

TEST(Gazetteer, NanOrNegativeRadiusIsADataError) {
    const std::string radius_row = "t:2\tSarmin\t35.9\t36.7\tP\tPPL\tSY\tSY07\t\t{}\t\ttest\tt:2\n";
    for (const char* radius : {"nan", "inf", "-5"}) {
        std::string r = radius_row;
        r.replace(r.find("{}"), 2, radius);
        EXPECT_EQ(parse_error(kHeader + r).line(), 4) << radius;
    }
}

TEST(Gazetteer, OtherMalformedRowsAreDataErrors) {
    EXPECT_EQ(parse_error(kHeader + "t:1\tSaraqib\t35.8\n").line(), 4) << "too few fields";
    EXPECT_EQ(parse_error(kHeader + row("t:1", "", "35.8", "36.8")).line(), 4) << "empty name";
    EXPECT_EQ(parse_error(kHeader + row("t:1", "Saraqib", "35.8", "36.8", "", "many")).line(), 4) << "bad population";
    EXPECT_EQ(parse_error("# toponym-gazetteer 1\nid\tname\tlat\n").line(), 2) << "header without lon";
}

TEST(Gazetteer, NearestIsOrderedByDistance) {
    const std::string tsv = kHeader + row("t:far", "Far", "36.5", "36.0") + row("t:near", "Near", "35.05", "36.0") +
                            row("t:mid", "Mid", "35.3", "36.0") + row("t:east", "East", "35.0", "36.2");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "test.tsv");
    auto ids = [&g](const std::vector<std::uint32_t>& found) {
        std::vector<std::string> out;
        for (std::uint32_t i : found) out.push_back(g.place(i).id);
        return out;
    };
    // From (35.0, 36.0): Near 5.6 km, East 18 km, Mid 33 km, Far 167 km.
    EXPECT_EQ(ids(g.nearest(35.0, 36.0, 4)), (std::vector<std::string>{"t:near", "t:east", "t:mid", "t:far"}));
    EXPECT_EQ(ids(g.nearest(35.0, 36.0, 2)), (std::vector<std::string>{"t:near", "t:east"}));
    EXPECT_EQ(ids(g.nearest(36.4, 36.0, 1)), std::vector<std::string>{"t:far"});
    EXPECT_EQ(g.nearest(35.0, 36.0, 10).size(), 4u) << "never more than there are";
}

TEST(Gazetteer, LoadFileMissingIsADataError) {
    EXPECT_THROW(Gazetteer::load_file("/nonexistent/toponym/gazetteer.tsv"), DataError);
}

// Found by fuzz_aliases (fuzz/corpus/fuzz_aliases/regression-same-name-two-points.tsv): a
// name given a point twice made two places with the id "alias:<name>", and find_id of the
// first gave the second.
TEST(Gazetteer, AliasNameGivenTwoPointsIsOnePlaceAtTheLaterPoint) {
    const Gazetteer base = Gazetteer::from_tsv(kHeader + row("t:1", "Idlib", "35.93", "36.63"), "test.tsv");
    Gazetteer g = Gazetteer::stack({&base});
    g.apply_aliases("Kafr Test\t35.5,36.5\nKafr Test\t35.6,36.6\n", "aliases.tsv");
    ASSERT_EQ(g.places().size(), 2u);
    for (std::uint32_t i = 0; i < g.places().size(); ++i) EXPECT_EQ(g.find_id(g.place(i).id), i) << g.place(i).id;
    const std::string id = "alias:" + fold_name("Kafr Test");
    EXPECT_EQ(ids_for(g, "Kafr Test"), std::vector<std::string>{id});
    ASSERT_TRUE(g.find_id(id));
    const Place& p = g.place(*g.find_id(id));
    EXPECT_DOUBLE_EQ(p.lat, 35.6);
    EXPECT_DOUBLE_EQ(p.lon, 36.6);
    EXPECT_EQ(p.source_id, "aliases.tsv:2");
    // A later alias file may move it again.
    g.apply_aliases("kafr  test\t35.7,36.7\n", "more.tsv");
    EXPECT_EQ(g.places().size(), 2u);
    EXPECT_DOUBLE_EQ(g.place(*g.find_id(id)).lat, 35.7);
}

// The embedded Syria gazetteer.

TEST(EmbeddedGazetteer, LoadsWithAleppoAndTheFourteenGovernorates) {
    const Gazetteer& g = Gazetteer::embedded();
    EXPECT_GT(g.places().size(), 100u);
    const auto aleppo = g.find_id("gn:170063");
    ASSERT_TRUE(aleppo.has_value());
    EXPECT_EQ(g.place(*aleppo).name, "Aleppo");
    EXPECT_EQ(g.place(*aleppo).admin1_pcode, "SY02");
    EXPECT_NEAR(g.place(*aleppo).lat, 36.2, 0.05);
    EXPECT_NEAR(g.place(*aleppo).lon, 37.16, 0.05);
    for (int n = 1; n <= 14; ++n) {
        const std::string pcode = (n < 10 ? "SY0" : "SY") + std::to_string(n);
        const auto gov = g.find_id("ne1:" + pcode);
        ASSERT_TRUE(gov.has_value()) << pcode;
        const Place& p = g.place(*gov);
        EXPECT_EQ(p.admin1_pcode, pcode);
        EXPECT_EQ(p.feature_class, "A") << pcode;
        EXPECT_TRUE(p.is_admin_area());
        EXPECT_FALSE(p.is_country());
        EXPECT_EQ(p.country_code, "SY");
    }
    EXPECT_FALSE(g.find_id("ne1:SY15").has_value());
    // Aleppo is found by name, Arabic included.
    for (const char* name : {"Aleppo", "Halab", "حلب"}) {
        const auto found = g.lookup(fold_name(name));
        EXPECT_NE(std::find(found.begin(), found.end(), *aleppo), found.end()) << name;
    }
}

TEST(EmbeddedGazetteer, CuratedVillagesFoundInTheirSpellings) {
    const Gazetteer& g = Gazetteer::embedded();
    auto finds = [&g](const std::string& name, double lat, double lon) {
        for (std::uint32_t i : g.lookup(fold_name(name))) {
            const Place& p = g.place(i);
            if (std::abs(p.lat - lat) < 0.05 && std::abs(p.lon - lon) < 0.05 && p.admin1_pcode == "SY02") return true;
        }
        return false;
    };
    // Khan Tuman, about 15 km south-west of Aleppo; Ramouseh, a southern district of Aleppo.
    for (const char* name : {"Khan Tuman", "Khan Touman", "khan tuman"}) EXPECT_TRUE(finds(name, 36.11, 37.05)) << name;
    for (const char* name : {"Ramouseh", "Ramousah", "al-Ramousah", "Ramousa"}) EXPECT_TRUE(finds(name, 36.16, 37.12)) << name;
}

TEST(EmbeddedGazetteer, NamedRegionsFoundInTheirUsualSpellings) {
    // Syria's mountains, plains, valleys and deserts (curated L/T rows with a wide radius) answer
    // to the usual English forms (Jabal/Jebel/Mount X, X mountains) and the Arabic name.
    const Gazetteer& g = Gazetteer::embedded();
    auto finds = [&g](const std::string& name, const std::string& id) {
        for (std::uint32_t i : g.lookup(fold_name(name))) {
            const Place& p = g.place(i);
            if (p.id == id) return (p.feature_class == "L" || p.feature_class == "T") && p.radius_m >= 5000.0;
        }
        return false;
    };
    const struct {
        const char* id;
        std::vector<const char*> names;
    } regions[] = {
        {"cur:jabal-al-zawiya", {"Jabal al-Zawiya", "Jebel Zawiya", "Mount Zawiya", "جبل الزاوية"}},
        {"cur:jabal-al-arab", {"Jabal al-Arab", "Jabal al-Druze", "Jebel Druze", "جبل العرب"}},
        {"cur:mount-hermon", {"Mount Hermon", "Jabal al-Sheikh", "جبل الشيخ"}},
        {"cur:ghab-plain", {"al-Ghab plain", "Sahl al-Ghab", "سهل الغاب"}},
        {"cur:syrian-desert", {"Syrian Desert", "the Badia", "البادية"}},
        {"cur:coastal-mountains", {"Jabal al-Ansariyah", "coastal mountains"}},
        {"cur:lajat", {"al-Lajat", "Leja", "اللجاة"}},
    };
    for (const auto& r : regions)
        for (const char* name : r.names) EXPECT_TRUE(finds(name, r.id)) << name << " -> " << r.id;
}

}  // namespace

TEST(Gazetteer, SettlementsTowardADirectionFromTheCapital) {
    // A capital at (35.0, 36.0), five villages 20-30 km north of it, one far to the north-east,
    // three to the south; and a village of another governorate further north.
    std::string tsv = kHeader;
    tsv += "t:cap\tCapital\t35.0\t36.0\tP\tPPLA\tSY\tSY05\t100000\t3000\t\ttest\tt:cap\n";
    tsv += row("t:n1", "Nordia", "35.20", "36.00", "", "", "SY05");
    tsv += row("t:n2", "Nordib", "35.22", "36.05", "", "", "SY05");
    tsv += row("t:n3", "Nordic", "35.25", "35.96", "", "", "SY05");
    tsv += row("t:n4", "Nordid", "35.27", "36.02", "", "", "SY05");
    tsv += row("t:n5", "Nordie", "35.18", "36.03", "", "", "SY05");
    tsv += row("t:n6", "Farne", "35.9", "36.9", "", "", "SY05");
    tsv += row("t:s1", "Sudia", "34.8", "36.0", "", "", "SY05");
    tsv += row("t:s2", "Sudib", "34.7", "36.1", "", "", "SY05");
    tsv += row("t:s3", "Sudic", "34.75", "35.95", "", "", "SY05");
    tsv += row("t:o1", "Otherland", "35.4", "36.0", "", "", "SY07");
    const Gazetteer g = Gazetteer::from_tsv(tsv, "sectors");

    const std::optional<Gazetteer::Spread> north = g.settlements_toward("SY05", 0.0);
    ASSERT_TRUE(north.has_value());
    // one of the five northern villages near their middle, not the far one, nor the other
    // governorate's
    EXPECT_GE(north->lat, 35.18);
    EXPECT_LE(north->lat, 35.27);
    EXPECT_GE(north->lon, 35.96);
    EXPECT_LE(north->lon, 36.05);
    EXPECT_GT(north->radius_m, 1000.0);
    EXPECT_LT(north->radius_m, 20000.0);
    // three villages to the south are too few to say where "the south" is
    EXPECT_FALSE(g.settlements_toward("SY05", 180.0).has_value());
    EXPECT_FALSE(g.settlements_toward("SY99", 0.0).has_value());
}
