// Reports written in Arabic: event types, actors, casualty figures and dates of team-written
// sentences (none taken from any published text), and place names in Arabic grammar
// (proclitics, place words, common words, organisations, countryside phrases, qualifiers).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "events/arabic.hpp"
#include "events/classifier.hpp"
#include "events/date_resolver.hpp"
#include "geoparse/arabic.hpp"
#include "pipeline_support.hpp"
#include "text/normalize.hpp"

using toponym::Date;
using toponym::events::classify_event;
using toponym::events::find_actors;
using toponym::events::find_casualties;
using toponym::events::resolve_sentence_date;
using toponym::testing::geoparse;

namespace {

Date day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}; }

std::string type_of(const std::string& s) {
    const auto c = classify_event(s);
    return c ? c->type : std::string();
}

std::string subtype_of(const std::string& s) {
    const auto c = classify_event(s);
    return c ? c->subtype : std::string("-");
}

std::string iso(const std::optional<Date>& d) {
    if (!d) return "none";
    const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{d->time_since_epoch()}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Events


namespace {

// The governorate of a text's one event; how many events there were when not exactly one.
std::string sole_event_governorate(const std::string& text) {
    const toponym::DocumentResult r = geoparse(text);
    if (r.events.size() != 1) return std::to_string(r.events.size()) + " events";
    return r.events[0].admin.admin1_pcode;
}

}  // namespace

TEST(ArabicEvents, IncidentWordsMapToTheEnglishTypes) {
    EXPECT_EQ(type_of("قصف جوي روسي على بلدة كفرنبل"), "air_strike");
    EXPECT_EQ(type_of("غارات جوية على المدينة"), "air_strike");
    EXPECT_EQ(type_of("شن الطيران الحربي غارة على السوق"), "air_strike");
    EXPECT_EQ(type_of("قصف الطيران الحربي الأحياء السكنية"), "air_strike");  // aircraft make قصف an air strike
    EXPECT_EQ(type_of("استهدفت طائرة مسيرة سيارة مدنية"), "drone_strike");
    EXPECT_EQ(type_of("قصف بالطيران المسير على المدينة"), "drone_strike");
    EXPECT_EQ(type_of("ألقت المروحيات حاويات متفجرة على البلدة"), "shelling");
    EXPECT_EQ(subtype_of("اعتقلت قوات النظام عشرين شاباً"), "arrests");
    EXPECT_EQ(type_of("قوات النظام تسيطر على تل الصوان"), "capture_of_territory");  // a headline's present
    EXPECT_EQ(type_of("المناطق التي تسيطر عليها قوات النظام"), "");
    // other headlines in the present
    EXPECT_EQ(type_of("طيران التحالف يقصف قرية على الحدود"), "air_strike");
    EXPECT_EQ(type_of("قوات النظام تستعيد بلدة في الريف الشمالي"), "capture_of_territory");
    EXPECT_EQ(type_of("الفصائل تتقدم على أطراف المدينة"), "capture_of_territory");
    EXPECT_EQ(type_of("مروحيات النظام تلقي براميل متفجرة على البلدة"), "shelling");
    EXPECT_EQ(type_of("المقاتلون ينسحبون من الحي"), "");  // a plural present the table does not hold
    EXPECT_EQ(type_of("هجوم كيماوي على البلدة"), "chemical_attack");
    EXPECT_EQ(type_of("قصف مدفعي على القرية"), "shelling");
    EXPECT_EQ(subtype_of("قصف مدفعي على القرية"), "artillery");
    EXPECT_EQ(type_of("سقوط قذائف هاون على الحي"), "shelling");
    EXPECT_EQ(subtype_of("سقوط قذائف هاون على الحي"), "mortars");
    EXPECT_EQ(subtype_of("ألقى الطيران المروحي براميل متفجرة على القرية"), "barrel bombs");  // stays shelling
    EXPECT_EQ(type_of("ألقى الطيران المروحي براميل متفجرة على القرية"), "shelling");
    EXPECT_EQ(type_of("قصفاً مدفعياً على المدينة"), "shelling");  // the accusative's tanwin
    EXPECT_EQ(type_of("اشتباكات عنيفة بين الفصائل وقوات النظام"), "clashes");
    EXPECT_EQ(type_of("معارك على أطراف البلدة"), "clashes");
    EXPECT_EQ(subtype_of("كمين لعناصر التنظيم"), "ambush");
    EXPECT_EQ(type_of("سيطرت قوات النظام على القرية"), "capture_of_territory");
    EXPECT_EQ(type_of("تقدم قوات النظام في البلدة"), "capture_of_territory");
    EXPECT_EQ(type_of("انسحاب المقاتلين من البلدة"), "withdrawal");
    EXPECT_EQ(type_of("حصار الغوطة الشرقية"), "siege");
    EXPECT_EQ(type_of("نزوح آلاف العائلات نحو المخيمات"), "displacement");
    EXPECT_EQ(subtype_of("انفجار عبوة ناسفة في السوق"), "explosion");
    EXPECT_EQ(subtype_of("اغتيال قيادي سابق"), "assassination");
    EXPECT_EQ(subtype_of("استشهاد شاب برصاص قناص"), "shooting");
    EXPECT_EQ(type_of("مقتل ثلاثة مدنيين"), "other");  // a toll alone
    EXPECT_EQ(type_of("عقد اجتماع في المدينة لبحث أوضاع الأهالي"), "");
}

TEST(ArabicEvents, StrongerTypeWinsAndMassacreTakesItsWeapon) {
    EXPECT_EQ(type_of("مجزرة في المدينة إثر غارة جوية"), "air_strike");
    EXPECT_EQ(type_of("نزوح الأهالي بسبب القصف المدفعي"), "shelling");
    // «بغطاء جوي» supports the advance: no air strike of its own
    EXPECT_EQ(type_of("تقدم قوات النظام في البلدة بغطاء جوي روسي"), "capture_of_territory");
    EXPECT_EQ(type_of("بغطاء جوي روسي"), "air_strike");
    // «تحرير» inside «هيئة تحرير الشام» is no capture
    EXPECT_EQ(type_of("اشتباكات بين هيئة تحرير الشام وحركة أحرار الشام"), "clashes");
}

TEST(ArabicEvents, CueFromSkipsEarlierCues) {
    const std::string s = "اشتباكات عنيفة ثم قصف مدفعي";
    const std::size_t at = s.find("قصف");
    const auto c = classify_event(s, at);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->type, "shelling");
}

TEST(ArabicEvents, LatinTextIsUntouched) {
    EXPECT_FALSE(toponym::events::arabic::has_arabic("Russian jets struck Kafr Nabl."));
    EXPECT_TRUE(toponym::events::arabic::has_arabic("struck كفرنبل"));
    EXPECT_EQ(type_of("Russian jets struck Kafr Nabl."), "air_strike");
}

TEST(ArabicEvents, ActorsAsWrittenWithoutTheirProclitic) {
    const std::vector<std::string> a = find_actors("غارات للطيران الحربي الروسي على مواقع فصائل المعارضة وقسد");
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0], "الطيران الحربي الروسي");
    EXPECT_EQ(a[1], "فصائل المعارضة");
    EXPECT_EQ(a[2], "قسد");
    const std::vector<std::string> b = find_actors("معارك بين قوات النظام وتنظيم الدولة");
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0], "قوات النظام");
    EXPECT_EQ(b[1], "تنظيم الدولة");
    // a force named by its nation or side, with an adjective of relation
    const std::vector<std::string> c = find_actors("قصف للجيش التركي وقوات عشائرية على القرية");
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0], "الجيش التركي");
    EXPECT_EQ(c[1], "قوات عشائرية");
    EXPECT_TRUE(find_actors("وصلت قوات إلى المدينة").empty()) << "no adjective of relation after the force";
}

TEST(ArabicEvents, CasualtiesInWordsAndDigits) {
    auto c = find_casualties("أدى إلى مقتل خمسة مدنيين وإصابة ١٢ آخرين");
    EXPECT_EQ(c.killed, 5);
    EXPECT_EQ(c.injured, 12);
    c = find_casualties("خلف ٩ شهداء و٢٠ جريحاً");
    EXPECT_EQ(c.killed, 9);
    EXPECT_EQ(c.injured, 20);
    c = find_casualties("استشهاد ٥ أطفال");
    EXPECT_EQ(c.killed, 5);
    c = find_casualties("مقتل خمسة وعشرين شخصاً");
    EXPECT_EQ(c.killed, 25);
    c = find_casualties("مقتل ثلاثة عشر مدنياً");
    EXPECT_EQ(c.killed, 13);
    c = find_casualties("مقتل طفل وإصابة امرأة");
    EXPECT_EQ(c.killed, 1);
    EXPECT_EQ(c.injured, 1);
    c = find_casualties("استشهاد طفلين");
    EXPECT_EQ(c.killed, 2);
    c = find_casualties("أودى بحياة ٤٤ شخصاً");
    EXPECT_EQ(c.killed, 44);
    c = find_casualties("سقوط ٤ شهداء");
    EXPECT_EQ(c.killed, 4);
    c = find_casualties("ارتفاع حصيلة القتلى جراء الغارات على المدينة إلى 23 بينهم 5 أطفال");
    EXPECT_EQ(c.killed, 23);
    c = find_casualties("نزوح أكثر من 30 ألف مدني");
    EXPECT_EQ(c.displaced, 30000);
    c = find_casualties("نزوح ثلاثة آلاف عائلة");
    EXPECT_EQ(c.displaced, 3000);
    // vague amounts keep the text, no number
    c = find_casualties("إصابة العشرات بحالات اختناق");
    EXPECT_FALSE(c.injured);
    EXPECT_FALSE(c.text.empty());
    c = find_casualties("سقوط عشرات الجرحى");
    EXPECT_FALSE(c.injured);
    EXPECT_FALSE(c.text.empty());
    // «مقتل وإصابة ١٢»: killed and wounded together, no split
    c = find_casualties("مقتل وإصابة ١٢ مدنياً");
    EXPECT_FALSE(c.killed);
    EXPECT_FALSE(c.injured);
    // a number that is no toll
    c = find_casualties("على بعد ٥ كم من المدينة");
    EXPECT_FALSE(c.killed);
    EXPECT_TRUE(c.text.empty());
}

// ---------------------------------------------------------------------------------------------
// Dates

TEST(ArabicDates, MonthNamesBothSeriesDayNamesRelativeDays) {
    const Date pub = day(2016, 3, 20);  // a Sunday
    EXPECT_EQ(iso(resolve_sentence_date("قصف في ١٣ آذار ٢٠١٦", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف في 13 مارس 2016", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف في 3 كانون الثاني 2016", pub).date), "2016-01-03");
    EXPECT_EQ(iso(resolve_sentence_date("قصف في 5 تشرين الأول 2015", pub).date), "2015-10-05");
    EXPECT_EQ(iso(resolve_sentence_date("قصف في 16 شباط", pub).date), "2016-02-16");
    EXPECT_EQ(iso(resolve_sentence_date("قصف في 4 آب 2015", pub).date), "2015-08-04");
    EXPECT_EQ(iso(resolve_sentence_date("قصف يوم الثلاثاء", pub).date), "2016-03-15");
    EXPECT_EQ(iso(resolve_sentence_date("قصف مساء الاثنين", pub).date), "2016-03-14");
    EXPECT_EQ(iso(resolve_sentence_date("قصف يوم أمس", pub).date), "2016-03-19");
    EXPECT_EQ(iso(resolve_sentence_date("قصف أول أمس", pub).date), "2016-03-18");
    EXPECT_EQ(iso(resolve_sentence_date("قصف فجر اليوم", pub).date), "2016-03-20");
    EXPECT_EQ(resolve_sentence_date("قصف فجر اليوم", pub).precision, "day");
    EXPECT_EQ(iso(resolve_sentence_date("قصف مساء أمس", pub).date), "2016-03-19");
}

TEST(ArabicDates, NumericDatesAndArabicIndicDigits) {
    const Date pub = day(2016, 3, 20);
    EXPECT_EQ(iso(resolve_sentence_date("قصف بتاريخ 13/3/2016", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف بتاريخ ١٣/٣/٢٠١٦", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف بتاريخ 2016/3/13", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف بتاريخ 13-3-2016", pub).date), "2016-03-13");
    EXPECT_EQ(iso(resolve_sentence_date("قصف بتاريخ 13 3 2016", pub).date), "2016-03-13");
}

TEST(ArabicDates, WordsAreTheArabicAsWritten) {
    const auto g = resolve_sentence_date("غارات على المدينة يوم الثلاثاء", day(2016, 3, 20));
    EXPECT_EQ(g.words, "يوم الثلاثاء");
    EXPECT_NE(g.basis.find("يوم الثلاثاء"), std::string::npos) << g.basis;
    // «أحد» alone is "one of", not Sunday; «يوم» alone is no day
    EXPECT_EQ(resolve_sentence_date("مقتل أحد العناصر", day(2016, 3, 20)).precision, "unknown");
    EXPECT_EQ(resolve_sentence_date("قصف استمر طوال يوم كامل", day(2016, 3, 20)).precision, "unknown");
}

TEST(ArabicDates, DatelineOfAnArabicReport) {
    using toponym::events::find_dateline;
    EXPECT_EQ(iso(find_dateline("مراسل تنسيقية اللطامنة | ١٣ حزيران ٢٠١٩\nقصفت قوات النظام البلدة")), "2019-06-13");
    EXPECT_EQ(iso(find_dateline("حلب - ١٣/٦/٢٠١٩ - قصف على الأحياء الشرقية")), "2019-06-13");
    EXPECT_EQ(iso(find_dateline("قصف على الأحياء الشرقية يوم الثلاثاء")), "none");
}

// ---------------------------------------------------------------------------------------------
// Places

TEST(ArabicPlaces, ProcliticsComeOffANameAndNotOffAWord) {
    const auto keys = toponym::geoparse::arabic::peeled_keys(toponym::text::fold_word("بالرقة").key);
    EXPECT_NE(std::find(keys.begin(), keys.end(), toponym::text::fold_word("الرقة").key), keys.end());
    const auto r = geoparse("غارات جوية بكفرنبل والهبيط وبخان شيخون.\n");
    std::vector<std::string> names;
    for (const auto& m : r.mentions) names.push_back(m.surface);
    ASSERT_EQ(names.size(), 3u);
    EXPECT_EQ(names[0], "بكفرنبل");
    EXPECT_EQ(names[1], "والهبيط");
    EXPECT_EQ(names[2], "وبخان شيخون");
    for (const auto& m : r.mentions) EXPECT_EQ(m.admin.admin1_pcode, "SY07") << m.surface;
}

TEST(ArabicPlaces, WordsRunTogetherAfterATaMarbutaAreSplit) {
    // «ة» only ends a word: «معرةالنعمان» is «معرة النعمان»
    const auto r = geoparse("قصف مدفعي على معرةالنعمان.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].surface, "معرةالنعمان");
    EXPECT_EQ(r.mentions[0].admin.admin1_pcode, "SY07");
    // a word with ه before ال that is no such join stays one word and no place
    EXPECT_TRUE(geoparse("خرج الأهالي إلى الشوارع.\n").mentions.empty());
}

TEST(ArabicPlaces, ATownsHospitalIsInTheTown) {
    // a facility named by a town lies in it; a facility's own name is no village
    const auto r = geoparse("غارة جوية على مشفى سراقب.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].admin.admin1_pcode, "SY07");
    EXPECT_EQ(r.events.size(), 1u);
}

TEST(ArabicPlaces, CommonWordsAndOrganisationsAreNoPlaces) {
    // «على», «الحربي», «مدينة», «كبيرة», «الشام» (in «أحرار الشام») share villages' names
    const auto r = geoparse("شن الطيران الحربي غارات على مدينة سراقب وسط اشتباكات كبيرة بين أحرار الشام وجيش الإسلام.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].surface, "سراقب");
    EXPECT_EQ(r.mentions[0].head, "city");
}

TEST(ArabicPlaces, ARegionNamedWithASideIsNoVillage) {
    // «الغوطة» alone is a village of Raqqa in the gazetteer; «الغوطة الشرقية» is the region
    const auto r = geoparse("قصف مدفعي على الغوطة الشرقية.\n");
    for (const auto& m : r.mentions) EXPECT_NE(m.admin.admin1_pcode, "SY11") << m.surface;
}

TEST(ArabicPlaces, PlaceWordsGiveTheirHead) {
    const auto r = geoparse("قصف على قرية حاس وبلدة كفرنبل.\n");
    ASSERT_EQ(r.mentions.size(), 2u);
    EXPECT_EQ(r.mentions[0].head, "village");
    EXPECT_EQ(r.mentions[1].head, "town");
}

TEST(ArabicPlaces, CountrysidePhrasesAreRelativeLocationsAsInEnglish) {
    const auto ar = geoparse("قصف على ريف إدلب الجنوبي.\n");
    const auto en = geoparse("Shelling hit the southern Idlib countryside.\n");
    ASSERT_EQ(ar.relatives.size(), 1u);
    ASSERT_EQ(en.relatives.size(), 1u);
    EXPECT_EQ(ar.relatives[0].relation, "countryside");
    EXPECT_EQ(ar.relatives[0].direction, "S");
    EXPECT_EQ(ar.relatives[0].anchor_place, en.relatives[0].anchor_place);
    EXPECT_NEAR(ar.relatives[0].lat, en.relatives[0].lat, 1e-6);
    EXPECT_NEAR(ar.relatives[0].lon, en.relatives[0].lon, 1e-6);
    EXPECT_NEAR(ar.relatives[0].radius_m, en.relatives[0].radius_m, 1e-3);

    const auto west = geoparse("اشتباكات في الريف الغربي لحلب.\n");
    ASSERT_EQ(west.relatives.size(), 1u);
    EXPECT_EQ(west.relatives[0].relation, "countryside");
    EXPECT_EQ(west.relatives[0].direction, "W");

    const auto se = geoparse("قصف على ريف إدلب الجنوبي الشرقي.\n");
    ASSERT_EQ(se.relatives.size(), 1u);
    EXPECT_EQ(se.relatives[0].direction, "SE");

    const auto hashtag = geoparse("#ريف_إدلب قصف مدفعي.\n");
    ASSERT_EQ(hashtag.relatives.size(), 1u);
    EXPECT_EQ(hashtag.relatives[0].relation, "countryside");
}

TEST(ArabicPlaces, DirectionsAndDistances) {
    const auto north = geoparse("اشتباكات شمال حماة.\n");
    ASSERT_EQ(north.relatives.size(), 1u);
    EXPECT_EQ(north.relatives[0].direction, "N");
    const auto km = geoparse("اشتباكات على بعد ١٠ كم جنوب شرق مدينة إدلب.\n");
    ASSERT_EQ(km.relatives.size(), 1u);
    EXPECT_EQ(km.relatives[0].direction, "SE");
    EXPECT_EQ(km.relatives[0].relation, "offset");
    ASSERT_TRUE(km.relatives[0].distance_km);
    EXPECT_DOUBLE_EQ(*km.relatives[0].distance_km, 10.0);
}

TEST(ArabicPlaces, AContainerQualifiesThePlaceBeforeIt) {
    // «الطبقة غرب الرقة»: Raqqa says where Tabqa is
    const auto r = geoparse("غارات قرب مدينة الطبقة غرب الرقة.\n");
    const auto* raqqa = toponym::testing::mention_named(r, "الرقة");
    ASSERT_NE(raqqa, nullptr);
    EXPECT_TRUE(raqqa->qualifies.has_value());
}

TEST(ArabicPlaces, PresentationFormsFoldAsTheirLetters) {
    // the letters' shapes as old software wrote them
    EXPECT_EQ(toponym::text::fold_word("ﺣﻠﺐ").key, toponym::text::fold_word("حلب").key);
    EXPECT_EQ(toponym::text::fold_name("ﺍﻟﺴﺒﺎﻫﻴﺔ"), toponym::text::fold_name("السباهية"));
}

TEST(ArabicEvents, MixedDocumentGivesTheEventsOfBothLanguages) {
    const auto r = geoparse(
        "---\npublished: 2019-05-14\n---\nRussian jets struck Kafr Nabl on Monday, killing three civilians.\n\n"
        "قصف مدفعي على مدينة خان شيخون فجر اليوم أدى إلى إصابة أربعة مدنيين.\n");
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].event_type, "air_strike");
    EXPECT_EQ(r.events[0].killed, 3);
    EXPECT_EQ(r.events[1].event_type, "shelling");
    EXPECT_EQ(r.events[1].injured, 4);
    EXPECT_EQ(r.events[1].cue, "قصف مدفعي");
    EXPECT_EQ(iso(r.events[1].event_date), "2019-05-14");
    EXPECT_EQ(r.events[1].admin.admin1_pcode, "SY07");
}

TEST(ArabicPlaces, AConstructsFirstNounIsNoPlace) {
    // «باب» is the town «الباب» only with its article: «باب الكلاسة» is the gate of the
    // Kallasa quarter, and the quarter is the place
    const auto r = geoparse("سقطت قذائف هاون على حي باب الكلاسة.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].surface, "الكلاسة");
    // with the article it is the town
    const auto town = geoparse("غارة جوية على مدينة الباب.\n");
    ASSERT_EQ(town.mentions.size(), 1u);
    EXPECT_EQ(town.mentions[0].surface, "الباب");
}

TEST(ArabicPlaces, RunTogetherArticlesAndTheAlbuPrefixGiveTheSpacedName) {
    const auto has = [](const std::string& written, const std::string& spaced) {
        const auto keys = toponym::geoparse::arabic::peeled_keys(toponym::text::fold_word(written).key);
        return std::find(keys.begin(), keys.end(), toponym::text::fold_name(spaced)) != keys.end();
    };
    EXPECT_TRUE(has("خيرالدين", "خير الدين"));  // two words run together before the article
    EXPECT_TRUE(has("البوحسن", "أبو حسن"));     // «آل بو» run into the name
    EXPECT_TRUE(has("البوحسن", "بو حسن"));
    EXPECT_FALSE(has("الصالحية", "ص الحية"));   // an article needs two letters before it
}

TEST(ArabicPlaces, ANameInAPlacesSlotIsReadWithItsSpellingVariants) {
    // after a place word or «في» / «على» closed by a stop, a spelling whose consonants are a
    // Syrian name's in the same order is that name («سراقيب» for «سراقب»)
    const auto town = geoparse("غارة جوية على بلدة سراقيب.\n");
    ASSERT_EQ(town.mentions.size(), 1u);
    EXPECT_EQ(town.mentions[0].admin.admin1_pcode, "SY07");
    EXPECT_EQ(town.mentions[0].head, "town");
    EXPECT_EQ(town.events.size(), 1u);
    const auto in = geoparse("قتل مدنيان بقصف مدفعي في سراقيب.\n");
    ASSERT_EQ(in.mentions.size(), 1u);
    EXPECT_EQ(in.mentions[0].admin.admin1_pcode, "SY07");
    // the words of a compound name run together: «ابوظهور» is «أبو الظهور»
    const auto joined = geoparse("قتل طفل بغارة على قرية ابوظهور.\n");
    ASSERT_EQ(joined.mentions.size(), 1u);
    EXPECT_EQ(joined.mentions[0].admin.admin1_pcode, "SY07");
    // not when the words after «في» go on (the name is longer, or no name at all), nor a
    // quarter's name read as a village elsewhere
    EXPECT_TRUE(geoparse("قتل مدنيان بقصف مدفعي في سراقيب الجديد الكبير.\n").mentions.empty());
    EXPECT_TRUE(geoparse("قصف في محاولة لاقتحام البلدة.\n").mentions.empty());
    EXPECT_TRUE(geoparse("سقطت قذائف على حي سراقيب.\n").mentions.empty());
}

TEST(ArabicPlaces, ASpellingMatchingALatinOnlyNameGoesBeforeAConsonantNamesake) {
    // the gazetteer holds "Kobani" only in Latin letters: the whole Arabic spelling «كوباني»,
    // long vowels included, matches it, and wins over a village elsewhere whose Arabic name
    // merely has the same consonants (as the cell resolver does)
    const auto r = geoparse("قتل مدنيان بغارة جوية على مدينة كوباني.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].admin.admin1_pcode, "SY02");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY02");
}

TEST(ArabicPlaces, ANameWrittenWithoutItsInitialAlefIsReadWithIt) {
    // «عزاز» for «أعزاز», «ريحا» for «أريحا»: the alef a hurried spelling drops, put back when
    // that names one place (in the governorate the text names, when it names one)
    const auto town = geoparse("قتل مدنيان بقصف مدفعي في عزاز.\n");
    ASSERT_EQ(town.mentions.size(), 1u);
    EXPECT_EQ(town.mentions[0].admin.admin1_pcode, "SY02");
    EXPECT_EQ(town.events.size(), 1u);
    EXPECT_EQ(sole_event_governorate("غارة جوية على بلدة ريحا في ريف إدلب.\n"), "SY07");
    // not in another governorate than the one the text names
    for (const auto& m : geoparse("غارة جوية على بلدة ريحا في ريف حمص.\n").mentions) EXPECT_NE(m.admin.admin1_pcode, "SY07");
}

TEST(ArabicPlaces, TwoWordsTypedWithoutASpaceInAPlacesSlotAreSplit) {
    // «XY» for «X Y»: a name typed twice, a name and a place word run into it; the first name
    // from the left is the place
    EXPECT_EQ(sole_event_governorate("قتل مدنيان بقصف مدفعي في سراقبسراقب.\n"), "SY07");
    EXPECT_EQ(sole_event_governorate("قتل مدنيان بغارة جوية في جرجنازحي الشمالي.\n"), "SY07");
    // a word that splits into no name stays unknown
    EXPECT_TRUE(geoparse("قتل مدنيان بقصف مدفعي في المنسوبة.\n").mentions.empty());
}

TEST(ArabicEvents, TheVerbKilledGivesTheCasualtiesAsInEnglish) {
    // «قتل» / «قُتل» as "killed": people killed at a place are an event, as "Two civilians were
    // killed in X" is; a stronger cue with it still gives the type
    const auto r = geoparse("قتل مدنيان في مدينة سراقب.\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].event_type, "other");
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY07");
    EXPECT_EQ(type_of("قتل مدنيان بقصف مدفعي على البلدة"), "shelling");
}

TEST(ArabicEvents, AStrikeWithItsSideUnknownIsStillAnIncident) {
    // a structured Arabic record: place, side and strike type each in a sentence of its own; an
    // air strike or shelling needs no named side to be one
    const auto r = geoparse("وقعت الحادثة في مدينة سراقب. الجهة المسؤولة: جهة غير معروفة. نوع الهجوم: قصف مدفعي.\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].event_type, "shelling");
    EXPECT_EQ(r.events[0].admin.admin1_pcode, "SY07");
}

TEST(ArabicPlaces, TwinVillagesCompoundNamesAndFeaturesInAPlacesSlot) {
    // a twin village's name without its «فوقاني» / «تحتاني» is the pair (one of them)
    const auto twin = geoparse("قتل مدني بقصف مدفعي على قرية أوكير.\n");
    ASSERT_EQ(twin.mentions.size(), 1u);
    EXPECT_EQ(twin.events.size(), 1u);
    // a compound name's words written apart: «تل بيسة» is «تلبيسة»
    const auto spaced = geoparse("قتل مدني بقصف مدفعي في تل بيسة.\n");
    ASSERT_EQ(spaced.mentions.size(), 1u);
    EXPECT_EQ(spaced.mentions[0].admin.admin1_pcode, "SY04");
    // a junction named by a village, in a place's slot, is at the village; the first noun of
    // another village's compound name («جب X») is not
    const auto junction = geoparse("قتل مدنيان بغارة في مفرق حاس.\n");
    ASSERT_EQ(junction.mentions.size(), 1u);
    EXPECT_EQ(junction.events.size(), 1u);
    EXPECT_TRUE(geoparse("قتل مدنيان بغارة في جب حاس.\n").mentions.empty());
}

TEST(ArabicPlaces, AConstructsFirstNounBeforeAnyNounIsNoPlace) {
    // the first noun of an iḍāfa never takes the article: «باب توما» is a gate's name, not the
    // town «الباب»; the city named after it holds the event
    EXPECT_EQ(sole_event_governorate("سقوط قذائف هاون على حي باب توما في دمشق.\n"), "SY01");
    // a conjunct after the bare name is no construct: «قصف على سراقب وريفها» keeps the town
    EXPECT_EQ(geoparse("قصف مدفعي على سراقب وريفها.\n").mentions.size(), 1u);
}

TEST(ArabicPlaces, AFirstNounsTaMarbutaWrittenTaBeforeARunInWord) {
    // «معرتحرمة» is «معرة حرمة»: the ة of «معرة» written ت when the next word is run into it
    const auto r = geoparse("قصف روسي يطال معرتحرمة في ريف إدلب.\n");
    ASSERT_FALSE(r.mentions.empty());
    EXPECT_EQ(r.mentions[0].surface, "معرتحرمة");
    EXPECT_EQ(r.mentions[0].admin.admin1_pcode, "SY07");
}

TEST(ArabicPlaces, ALongerNameThroughAProcliticWinsOverItsLastWord) {
    // «وجسر الشغور» is the town, not the village «الشغور» inside its name
    const auto r = geoparse("غارة جوية على الطريق بين مدينتي أريحا وجسر الشغور.\n");
    ASSERT_EQ(r.mentions.size(), 2u);
    EXPECT_EQ(r.mentions[1].surface, "وجسر الشغور");
}

TEST(ArabicPlaces, KilometresAndTheCentreOfACity) {
    // «كم» is a unit, no village; the distance makes an offset from the city
    EXPECT_EQ(sole_event_governorate("سقوط صاروخ على بعد 5 كم شمال مدينة حماة.\n"), "SY05");
    // «حي X وسط دمشق»: a quarter in the city, not a village of that name elsewhere
    const auto quarter = geoparse("قصف بالهاون على حي الميدان وسط دمشق.\n");
    for (const auto& e : quarter.events) EXPECT_EQ(e.admin.admin1_pcode, "SY01");
}

TEST(ArabicPlaces, ANameJoinedByWawToAKnownNameGoesOnWithTheList) {
    // «الهبيط وعابدين ومدايا»: the last name, spelt with a long vowel the keys lack, is read as
    // the list's third place; «وريفها» (its countryside) is none
    const auto r = geoparse("الطيران الروسي يقصف بلدة الهبيط وعابدين ومدايا.\n");
    EXPECT_EQ(r.events.size(), 3u);
    for (const auto& e : r.events) EXPECT_EQ(e.admin.admin1_pcode, "SY07");
    EXPECT_EQ(geoparse("قصف مدفعي على سراقب وريفها.\n").mentions.size(), 1u);
}

TEST(ArabicPlaces, SameNamedReadingsInTextByAttestation) {
    const auto event_governorate = [](const char* text) {
        const auto r = geoparse(text);
        return r.events.size() == 1 ? r.events[0].admin.admin1_pcode : std::string("not one event");
    };
    // as in a location cell: of two villages «السويسة», the one a community list holds, not the
    // one only Who's On First records; «حي X» is the X inside a city
    EXPECT_EQ(event_governorate("قصف مدفعي على قرية السويسة أدى إلى مقتل مدني.\n"), "SY14");
    EXPECT_EQ(event_governorate("غارات جوية على حي النيرب أسفرت عن جرحى.\n"), "SY02");
}

TEST(ArabicPlaces, ANameWrittenWithoutTheNisbaYaaIsTheLongerName) {
    // «بصرى الحرير» for «بصرى الحريري»: the last word with or without its final yaa is one
    // name, not «بصرى» (Busra al-Sham) next to a village «الحرير»
    const toponym::DocumentResult r = geoparse("اشتباكات عنيفة في بصرى الحرير صباح اليوم.\n");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(r.mentions[0].place()).name, "Busra al Hariri");
    EXPECT_EQ(r.mentions[0].surface, "بصرى الحرير");
}
