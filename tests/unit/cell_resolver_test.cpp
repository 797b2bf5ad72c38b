// Unit tests of location cells (resolve::resolve_cell / resolve_row) with the embedded gazetteer
// on team-written cells: the city over a governorate of the same name, misspellings through the
// fuzzy index (and names it must not take for one another), parts in parentheses and after an
// Arabic comma, unknown words before a known name, and the alternative (Arabic) column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/pipeline.hpp"
#include "resolve/cell_resolver.hpp"

using toponym::Gazetteer;
using toponym::PipelineContext;
using toponym::Place;
using toponym::resolve::CellResolution;
using toponym::resolve::CellStatus;

namespace {

const PipelineContext& ctx() {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    static const toponym::geoparse::FuzzyIndex fuzzy(Gazetteer::embedded());
    static const PipelineContext c{Gazetteer::embedded(), boundaries, &fuzzy};
    return c;
}

CellResolution cell(const std::string& location, const std::vector<std::string>& context = {}) {
    return toponym::resolve::resolve_cell(location, context, ctx());
}

// The governorate a cell resolves in; "(unresolved)" when it resolves to nothing.
std::string governorate_of(const std::string& location) {
    const CellResolution r = cell(location);
    return r.status == CellStatus::Resolved ? r.admin.admin1_pcode : "(unresolved)";
}

const Place& place_of(const CellResolution& r) {
    EXPECT_TRUE(r.place.has_value());
    return Gazetteer::embedded().place(r.place.value_or(0));
}

TEST(CellResolver, BareNameOfACityAndItsGovernorateIsTheCity) {
    for (const std::vector<std::string>& context : {std::vector<std::string>{}, std::vector<std::string>{"Raqqa"}}) {
        const CellResolution r = cell("Ar Raqqah", context);
        ASSERT_EQ(r.status, CellStatus::Resolved);
        EXPECT_EQ(place_of(r).feature_class, "P") << "context values: " << context.size();
        EXPECT_EQ(r.geo_precision, 1);
        EXPECT_EQ(r.admin.admin1_pcode, "SY11");
    }
    const CellResolution idlib = cell("Idlib", {"Idlib"});
    EXPECT_EQ(place_of(idlib).feature_class, "P");
}

TEST(CellResolver, CellThatSaysGovernorateKeepsTheGovernorate) {
    for (const char* text : {"Idlib governorate", "Idlib province", "Idlib countryside"}) {
        const CellResolution r = cell(text, {"Idlib"});
        ASSERT_EQ(r.status, CellStatus::Resolved) << text;
        EXPECT_TRUE(place_of(r).is_admin_area()) << text << " -> " << place_of(r).name;
    }
}

TEST(CellResolver, MisspeltNameFoundThroughTheFuzzyIndex) {
    const CellResolution r = cell("Jisir al-Shoghour", {"Idlib"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "fuzzy");
    EXPECT_EQ(place_of(r).id, "gn:169023") << "Jisr ash Shughur, not " << place_of(r).name;
    EXPECT_EQ(r.geo_precision, 1);
    EXPECT_LT(r.confidence, 0.7) << "less sure than an exact name";
}

TEST(CellResolver, MisspeltInTwoVowelsFoundByItsConsonants) {
    // Two vowels changed is beyond the edit distance: the consonant skeleton still finds Turmanin.
    const CellResolution r = cell("Turmenen", {"Idlib"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "fuzzy");
    EXPECT_EQ(place_of(r).id, "gn:163096") << "Turmanin, not " << place_of(r).name;
}

TEST(CellResolver, ALocationColumnsCellIsAPlaceWhateverItsCapital) {
    // "Ratlah" folds like the English "rattle": at the start of a report's line it would need
    // more evidence, but a location column says it is a place; and a village there needs no
    // other name of Syria beside it.
    for (const std::vector<std::string>& context : {std::vector<std::string>{"Raqqa"}, std::vector<std::string>{}}) {
        const CellResolution r = cell("Ratlah", context);
        ASSERT_EQ(r.status, CellStatus::Resolved) << context.size();
        EXPECT_EQ(place_of(r).id, "gn:165365");
        EXPECT_EQ(r.geo_precision, 1);
    }
}

TEST(CellResolver, AGovernoratesNameInTheContextIsTheGovernorateNotItsCity) {
    // "Aleppo" in a governorate column says the row is in Aleppo governorate; its city does not
    // pull "Afrin" to the hamlet `Afrin 15 km from Aleppo city instead of the town of Afrin.
    const CellResolution r = cell("Afrin", {"Aleppo"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(r).id, "gn:174186") << place_of(r).name;
    EXPECT_EQ(r.admin.admin1_pcode, "SY02");
}

TEST(CellResolver, FuzzyNeverSwapsAConsonant) {
    // "Talis" is one edit from Balis (an old name of Maskanah) but another name: the row falls
    // back to its governorate instead.
    const CellResolution r = cell("Talis", {"Aleppo"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "context");
    EXPECT_TRUE(place_of(r).is_admin_area());
}

TEST(CellResolver, FuzzyStaysInTheGovernorateTheRowNames) {
    const CellResolution r = cell("Jisir al-Shoghour", {"Hasakah"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_NE(r.method, "fuzzy") << "Jisr ash Shughur lies in Idlib, the row says Hasakah";
}

TEST(CellResolver, ParenthesisedCityIsTheFallbackForAnUnknownNeighbourhood) {
    const CellResolution r = cell("Hay al-Zzyzx (Aleppo)", {"Aleppo"});
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "fallback");
    EXPECT_EQ(place_of(r).feature_class, "P") << "Aleppo the city, not the governorate";
    EXPECT_EQ(r.geo_precision, 2);
    EXPECT_GE(r.uncertainty_m, 10000.0);
}

TEST(CellResolver, ArabicCommaSeparatesParts) {
    const CellResolution r = cell("قرية زززز، منبج");
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "fallback");
    EXPECT_EQ(place_of(r).name, "Manbij");
    EXPECT_EQ(r.geo_precision, 2);
}

TEST(CellResolver, UnknownWordsBeforeAKnownNameMeanNearIt) {
    const CellResolution r = cell("Zzyzx Afrin");
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(r).id, "gn:174186");
    EXPECT_EQ(r.geo_precision, 2) << "somewhere the gazetteer lacks, at or near Afrin";
    const CellResolution village = cell("Afrin village");
    EXPECT_EQ(village.geo_precision, 1) << "a qualifier is not an unknown word";
}

TEST(CellResolver, NameInsideAnotherPlacesNameIsNotThatPlace) {
    // "Tariq Manbij" is the Manbij road, here in Aleppo; "Kafr Afrin" a village named after Afrin.
    const CellResolution road = cell("Tariq Manbij (Aleppo)", {"Aleppo"});
    ASSERT_EQ(road.status, CellStatus::Resolved);
    EXPECT_EQ(road.method, "fallback");
    EXPECT_EQ(place_of(road).id, "gn:170063") << "Aleppo the city, not " << place_of(road).name;
    const CellResolution village = cell("Kafr Afrin", {"Aleppo"});
    EXPECT_EQ(village.method, "context") << "not Afrin: " << place_of(village).name;
}

TEST(CellResolver, QuarterNamedWithAnotherTownIsThatTownsQuarter) {
    const CellResolution aleppo = cell("Sukkari neighbourhood, Aleppo");
    EXPECT_EQ(place_of(aleppo).id, "cur:aleppo-sukkari");
    EXPECT_EQ(aleppo.method, "name");
    // Sukkari is a quarter of Aleppo, 50 km from Afrin: the row's Sukkari is Afrin's.
    const CellResolution afrin = cell("Sukkari neighbourhood, Afrin");
    EXPECT_EQ(place_of(afrin).id, "gn:174186") << place_of(afrin).name;
    EXPECT_EQ(afrin.method, "fallback");
}

TEST(CellResolver, AlternativeColumnRefinesACoarseResult) {
    // The English cell names only an unknown village: the governorate. The Arabic one names Manbij.
    const CellResolution r = toponym::resolve::resolve_row("Qaryat Zzyzx", {"منبج"}, {"Aleppo"}, ctx());
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(r.method, "alt-column");
    EXPECT_EQ(place_of(r).name, "Manbij");
    EXPECT_EQ(r.geo_precision, 1);

    const CellResolution kept = toponym::resolve::resolve_row("Saraqib", {"منبج"}, {"Idlib"}, ctx());
    EXPECT_EQ(kept.method, "name") << "an exact place is never replaced";
    EXPECT_EQ(place_of(kept).id, "gn:164816");
}

TEST(CellResolver, AlternativeColumnMustAgreeWithANearbyResult) {
    // "Zzyzx, near Manbij" places the row around Manbij; an Arabic cell naming al-Bab (40 km
    // away) contradicts it and is not taken.
    const CellResolution r = toponym::resolve::resolve_row("Zzyzx, near Manbij", {"الباب"}, {}, ctx());
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(r).name, "Manbij");
    EXPECT_EQ(r.method, "fallback");
}

}  // namespace

// Arabic cells: a name written without its space or misspelt is found by its Arabic consonant
// skeleton; a cell naming the surroundings is precision 2; a proclitic and a place word do not
// stand in the way.
TEST(CellResolver, ArabicCellsGluedMisspeltAndSurroundings) {
    const CellResolution glued = cell("كفرتعال");  // كفر تعال: the same name, its space left out
    ASSERT_EQ(glued.status, CellStatus::Resolved);
    EXPECT_EQ(glued.method, "name");
    EXPECT_EQ(glued.admin.admin1_pcode, "SY02");
    EXPECT_EQ(governorate_of("كفرزتيا"), "SY05");  // كفرزيتا
    const CellResolution countryside = cell("ريف حلب الغربي");
    ASSERT_EQ(countryside.status, CellStatus::Resolved);
    EXPECT_EQ(countryside.geo_precision, 2);
    const CellResolution town = cell("بلدة معرة حرمة");
    ASSERT_EQ(town.status, CellStatus::Resolved);
    EXPECT_EQ(town.geo_precision, 1);
    EXPECT_EQ(town.admin.admin1_pcode, "SY07");
}

// A bare noun before a name with the article is the first noun of a construct ("the gate of
// al-Kallasa"), not a place spelt «الباب»; a location cell's lone village needs no preposition
// before it, and «X الغربية» there is the village X; "Tal X" is not X, but a later name in the
// part still locates it.
TEST(CellResolver, ArabicConstructsAndCellNames) {
    const CellResolution gate = cell("باب الكلاسة");
    ASSERT_EQ(gate.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(gate).name, "Kallaseh");  // not the town al-Bab
    const CellResolution junction = cell("مفرق الكشمة");
    ASSERT_EQ(junction.status, CellStatus::Resolved);
    EXPECT_EQ(junction.matched, "الكشمة");
    EXPECT_EQ(governorate_of("الشعفة الغربية"), "SY09");
    const CellResolution hill = cell("تل حزارين شمال كفرنبل");
    ASSERT_EQ(hill.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(hill).name, "Kafranbel");
    EXPECT_EQ(hill.geo_precision, 2);
    const CellResolution station = cell("محطة وقود السيد قرب الميادين");  // السيد: "Mr", no village
    ASSERT_EQ(station.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(station).name, "Al Mayādīn");
}

// Same-named places nothing in the cell tells apart: the one a community list attests over one
// only Who's On First records; «حي X» is the X inside a city.
TEST(CellResolver, ArabicHomonymsByAttestation) {
    EXPECT_EQ(governorate_of("السويسة"), "SY14");
    EXPECT_EQ(governorate_of("كفر جنة"), "SY02");
    EXPECT_EQ(governorate_of("حي النيرب"), "SY02");
}

// A construct's first noun before a name without the article («صوامع سراقب»: the silos of
// Saraqib, not the village «الصوامع»); a common word alone after a place word in a cell is the
// place («قرية تشرين»; in running text «تشرين» is a month).
TEST(CellResolver, ArabicConstructBeforeABareNameAndCellWords) {
    const CellResolution silos = cell("صوامع سراقب");
    ASSERT_EQ(silos.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(silos).name, "Sarāqib");
    const CellResolution month = cell("قرية تشرين");
    ASSERT_EQ(month.status, CellStatus::Resolved);
    EXPECT_EQ(month.matched, "تشرين");
}

// A name the gazetteer holds only as a pair («خزيان فوقاني», «خزيان تحتاني»): the cell's bare
// name is one of the twins, which lie side by side.
TEST(CellResolver, ArabicNameOfTwinVillages) {
    const CellResolution twin = cell("قرية خزيان");
    ASSERT_EQ(twin.status, CellStatus::Resolved);
    EXPECT_NE(place_of(twin).name.find("Khazyan"), std::string::npos);
    EXPECT_EQ(twin.geo_precision, 1);
}

// The article is part of an Arabic name: «الصيدة» and «صيدة» are two villages.
TEST(CellResolver, ArabicArticleTellsSameNamedVillagesApart) {
    EXPECT_EQ(governorate_of("الصيدة"), "SY02");
    EXPECT_EQ(governorate_of("\u200Fصيدة"), "SY08");  // a directional mark before it changes nothing
}

// The generic first words of compound names alone («خربة» ruin, «رسم», «جب», «حاوي», «مقبرة»)
// are no place: «خربة سراقب» is by Saraqib, not a village some source calls «خربة».
TEST(CellResolver, ArabicGenericFirstWordsAreNoPlace) {
    const CellResolution ruin = cell("خربة سراقب");
    ASSERT_EQ(ruin.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(ruin).name, "Sarāqib");
    EXPECT_EQ(ruin.geo_precision, 2);
}

// An Arabic name written without the alef it starts with («ريحا» for «أريحا»), too short for the
// fuzzy index: the name with the alef, when that is one place.
TEST(CellResolver, ArabicNameWithoutItsInitialAlef) {
    const CellResolution ariha = cell("ريحا");
    ASSERT_EQ(ariha.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(ariha).name, "Arīḩā");
    EXPECT_EQ(ariha.admin.admin1_pcode, "SY07");
    EXPECT_EQ(ariha.method, "fuzzy");
    // the name as the gazetteer writes it is found as a name, not through this rule
    EXPECT_EQ(cell("أريحا").method, "name");
}

// A space left out between two Arabic words (the letters join either way): the word is split
// where both halves read as names, or as a name and a quarter word.
TEST(CellResolver, ArabicWordsTypedWithoutTheSpace) {
    const CellResolution twice = cell("الرستنالرستن");  // the same name twice
    ASSERT_EQ(twice.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(twice).name, "Ar Rastan");
    EXPECT_EQ(twice.admin.admin1_pcode, "SY04");
    EXPECT_EQ(twice.geo_precision, 1);
    const CellResolution two = cell("سراقبالنيرب");  // two neighbouring names
    ASSERT_EQ(two.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(two).name, "Sarāqib");
    EXPECT_EQ(two.geo_precision, 2);  // another name after it: somewhere near
    const CellResolution quarter = cell("أريحاحي الجامع");  // a town and «حي» glued
    ASSERT_EQ(quarter.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(quarter).name, "Arīḩā");
    EXPECT_EQ(quarter.geo_precision, 2);
    // a name the gazetteer holds whole is never split
    EXPECT_EQ(governorate_of("كفرتعال"), "SY02");
}

// «حي X في Y», «X بY»: the part places X inside Y. A reading of X in Y's governorate (a quarter
// within reach of Y) is taken; with none, X is a place the gazetteer lacks in Y, and the part is
// Y with precision 2, never the namesake elsewhere.
TEST(CellResolver, ArabicNamePlacedInsideAnotherInThePart) {
    for (const char* text : {"حي الفردوس في إدلب", "حي الفردوس بإدلب"}) {
        const CellResolution r = cell(text);
        ASSERT_EQ(r.status, CellStatus::Resolved) << text;
        EXPECT_EQ(place_of(r).name, "Idlib") << text;
        EXPECT_EQ(r.geo_precision, 2) << text;
    }
    const CellResolution quarter = cell("حي الميدان في حلب");  // the quarter of that city
    ASSERT_EQ(quarter.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(quarter).feature_code, "PPLX");
    EXPECT_EQ(quarter.admin.admin1_pcode, "SY02");
    EXPECT_EQ(quarter.geo_precision, 1);
    EXPECT_EQ(governorate_of("الطيبة في حلب"), "SY02");  // the namesake in that governorate
}

// An Arabic spelling of a name the gazetteer holds only in Latin letters («كوبانه», "Kobane"):
// its full spelling, long vowels included, matches the Latin name, and goes before a village
// whose Arabic name merely shares its consonants.
TEST(CellResolver, ArabicSpellingOfALatinOnlyName) {
    const CellResolution r = cell("كوبانه");
    ASSERT_EQ(r.status, CellStatus::Resolved);
    EXPECT_EQ(place_of(r).name, "‘Ayn al ‘Arab");
    EXPECT_EQ(r.admin.admin1_pcode, "SY02");
    EXPECT_EQ(r.method, "fuzzy");
}
