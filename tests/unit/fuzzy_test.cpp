// The fuzzy fallback: edit distance, the symmetric-delete index, and its guards.
#include <gtest/gtest.h>

#include <algorithm>

#include "geoparse/fuzzy.hpp"
#include "pipeline_support.hpp"
#include "text/normalize.hpp"

using toponym::geoparse::edit_distance;
using toponym::testing::embedded_fuzzy;
using toponym::testing::geoparse;

TEST(Fuzzy, EditDistance) {
    EXPECT_EQ(edit_distance("rashdin", "rashdin", 2), 0);
    EXPECT_EQ(edit_distance("rashdin", "rashidin", 2), 1);
    EXPECT_EQ(edit_distance("saraqib", "sarqaib", 2), 1) << "a transposition is one edit";
    EXPECT_EQ(edit_distance("abc", "xyzabc", 2), 3) << "capped at limit + 1";
    EXPECT_EQ(edit_distance("ḥama", "hama", 2), 1) << "code points, not bytes";
}

TEST(Fuzzy, FindsNearKeysWithoutCommonWords) {
    const auto& f = embedded_fuzzy();
    EXPECT_GT(f.key_count(), 1000u);
    const std::string misspelt = toponym::text::fold_name("Sraqib");
    ASSERT_NE(misspelt, toponym::text::fold_name("Saraqib")) << "not one of the spellings folding already joins";
    const auto hits = f.lookup(misspelt);
    const std::string saraqib = toponym::text::fold_name("Saraqib");
    const auto it = std::find_if(hits.begin(), hits.end(), [&](const auto& h) { return h.key == saraqib; });
    ASSERT_NE(it, hits.end());
    EXPECT_EQ(it->distance, 1);
    for (const auto& h : hits) EXPECT_LE(h.distance, 1) << h.key << ": seven letters allow one edit";
    EXPECT_TRUE(f.lookup("the").empty()) << "short keys never match fuzzily";
    EXPECT_TRUE(f.lookup(toponym::text::fold_name("Monday")).empty());
}

TEST(Fuzzy, CueNamesResolveBySpelling) {
    const toponym::DocumentResult r = geoparse("Jets struck the village of Kafr Nubbul and Hay al Rashdein on Friday.\n");
    const toponym::Mention* hay = toponym::testing::mention_named(r, "Hay al Rashdein");
    ASSERT_NE(hay, nullptr);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(hay->place()).admin1_pcode, "SY02");
    EXPECT_LT(hay->confidence, 0.9) << "a fuzzy match is less certain";
    // A capitalised word that is not introduced as a place is left alone.
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Commander Sraqib spoke.\n"), "Sraqib"), nullptr);
    EXPECT_NE(toponym::testing::mention_named(geoparse("Shells hit the town of Sraqib.\n"), "Sraqib"), nullptr);
}

TEST(Fuzzy, ConsonantSkeletonsJoinSpellingsThatDropTheVowels) {
    using toponym::geoparse::FuzzyIndex;
    using toponym::text::fold_name;
    EXPECT_EQ(FuzzyIndex::skeleton(fold_name("Mushayrifah")), FuzzyIndex::skeleton(fold_name("Mshrifah")));
    EXPECT_EQ(FuzzyIndex::skeleton(fold_name("Hazrama")), "hzrm");
    EXPECT_EQ(FuzzyIndex::skeleton(fold_name("Tal Hamid")), "tl hmd") << "words stay apart";
    EXPECT_EQ(FuzzyIndex::skeleton("كفرنبل"), "") << "Arabic script has no vowels to drop";
    const auto& f = embedded_fuzzy();
    // Too far apart for the edit distance, one skeleton for the index.
    const std::string written = fold_name("Mshrifah"), known = fold_name("Al-Mushayrifah");
    ASSERT_GT(edit_distance(written, known, 2), 2);
    const std::vector<std::string> keys = f.lookup_skeleton(written);
    EXPECT_NE(std::find(keys.begin(), keys.end(), known), keys.end());
    EXPECT_TRUE(f.lookup_skeleton(fold_name("Hama")).empty()) << "a skeleton of three consonants is not looked up";
    // In a report: a name in a place's slot, spelled without its vowels, in a governorate it names.
    const toponym::DocumentResult r = geoparse("Regime forces shelled rebel positions in Kfr Nbd in the northern countryside of Hama.\n");
    const toponym::Mention* m = toponym::testing::mention_named(r, "Kfr Nbd");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).name, "Kafr Nabudah");
    EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).admin1_pcode, "SY05");
    EXPECT_LT(m->confidence, 0.9) << "a fuzzy match is less certain";
}

TEST(Fuzzy, AMisspellingIsReadAsASyrianName) {
    // "Beljn" (a typed j for i) is one letter from "Belin", an alternate name of Berlin: a
    // misspelt village of a report about Syria is never the capital of Germany.
    const toponym::DocumentResult r = geoparse("Regime forces clashed with rebels in the village of Beljn on Monday.\n");
    const toponym::Mention* m = toponym::testing::mention_named(r, "Beljn");
    ASSERT_NE(m, nullptr);
    for (const toponym::Candidate& c : m->candidates)
        EXPECT_EQ(toponym::Gazetteer::embedded().place(c.place).country_code, "SY") << toponym::Gazetteer::embedded().place(c.place).name;
    EXPECT_FALSE(r.events.empty());
    // "Bellin" folds to "belin" itself: Berlin is a reading, but a capital is favoured by its own
    // name only, not by one of its names in other languages.
    const toponym::DocumentResult exact = geoparse("Regime forces clashed with rebels in the village of Bellin on Monday.\n");
    const toponym::Mention* b = toponym::testing::mention_named(exact, "Bellin");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(b->place()).country_code, "SY");
    EXPECT_FALSE(exact.events.empty());
}

TEST(Fuzzy, AmongEqualDistancesTheSameConsonantsComeFirst) {
    // Transliterations differ in the vowels an Arabic name leaves unwritten, rarely in its
    // consonants: of two keys one edit away, the one with the query's consonants is meant.
    using toponym::geoparse::FuzzyIndex;
    const auto consonants = [](const std::string& key) {
        std::string s = FuzzyIndex::skeleton(key);
        std::erase(s, ' ');
        return s;
    };
    const auto& f = embedded_fuzzy();
    std::size_t mixed = 0;
    for (const char* written : {"Binnesh", "Sarmeen", "Taftanas", "Khan Shaykhoon", "Maarshureen", "Kafr Nubul", "Hazano",
                                "Tal Rafat", "Jarjanaz", "Ehsem"}) {
        const std::string key = toponym::text::fold_name(written);
        const auto hits = f.lookup(key);
        for (std::size_t i = 1; i < hits.size(); ++i) {
            if (hits[i].distance != hits[i - 1].distance) continue;
            const bool before = consonants(hits[i - 1].key) == consonants(key), after = consonants(hits[i].key) == consonants(key);
            EXPECT_TRUE(before || !after) << written << ": " << hits[i].key << " has the consonants, " << hits[i - 1].key << " not";
            if (before != after) ++mixed;
        }
    }
    EXPECT_GT(mixed, 0u) << "the spellings above must include a tie that the consonants break";
}

TEST(Fuzzy, AThreeConsonantSkeletonNeedsTheAreaTheTextNames) {
    // "Tmna" for al-Tamanah: too short for the edit distance, three consonants for the
    // skeleton, which join many names; taken only in a governorate the report names.
    const toponym::DocumentResult in_idlib = geoparse("Families fled the village of Tmna in the southern countryside of Idlib.\n");
    const toponym::Mention* m = toponym::testing::mention_named(in_idlib, "Tmna");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).admin1_pcode, "SY07");
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Families fled the village of Tmna.\n"), "Tmna"), nullptr)
        << "no area named: left unresolved";
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Families fled the village of Mtna in the southern countryside of Idlib.\n"), "Mtna"),
              nullptr)
        << "the same consonants in another order are another name";
}

TEST(Fuzzy, APossessiveBeforeAHeadIsNoPlaceSlot) {
    // "Sraqib town" puts a misspelt town in a place's slot; "Sraqib's town hall" does not.
    EXPECT_NE(toponym::testing::mention_named(geoparse("Shells fell on Sraqib town on Monday.\n"), "Sraqib"), nullptr);
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Crowds filled Sraqib's town hall on Monday.\n"), "Sraqib's"), nullptr);
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Crowds filled Sraqib's town hall on Monday.\n"), "Sraqib"), nullptr);
}

TEST(Fuzzy, TheObjectOfAVerbOfTakingIsAPlaceSlot) {
    // "captured X", "control of X": a misspelt name there is read as the place it spells
    for (const char* text : {"Regime forces captured Sraqib after heavy clashes.\n", "Rebels regained control of Sraqib on Monday.\n"}) {
        const toponym::DocumentResult r = geoparse(text);
        const toponym::Mention* m = toponym::testing::mention_named(r, "Sraqib");
        ASSERT_NE(m, nullptr) << text;
        EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).name, "Sarāqib") << text;
    }
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Commander Sraqib praised the fighters.\n"), "Sraqib"), nullptr);
}

TEST(Fuzzy, AnEnglishWordSpelledLikeAnArticleEndsTheName) {
    // "as" is an article's spelling and an English word: "near Sraqib as FSA fighters advanced"
    // names Sraqib, not a place called "Sraqib as FSA"; "al"/"el" and articles written onto the
    // next word go on with the name.
    const toponym::DocumentResult r = geoparse("Warplanes struck positions near Sraqib as FSA fighters advanced.\n");
    const toponym::Mention* m = toponym::testing::mention_named(r, "Sraqib");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).name, "Sarāqib");
}

TEST(Fuzzy, ASlotWordBeforeTheNamesArticleMakesAPlaceSlot) {
    // "in al-Sraqib": the locative stands before the article; the name is read by its spelling,
    // and the mention covers the article too
    const toponym::DocumentResult r = geoparse("Clashes raged on between rebels and regime forces in al-Sraqib.\n");
    const toponym::Mention* m = toponym::testing::mention_named(r, "al-Sraqib");
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(m->fuzzy);
    EXPECT_EQ(toponym::Gazetteer::embedded().place(m->place()).name, "Sarāqib");
    // without a slot word the article does not make one: "Al-Sraqib said" is a person
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Al-Sraqib said the talks failed.\n"), "al-Sraqib"), nullptr);
}

TEST(Fuzzy, ANameBeforeFightersIsAGroups) {
    // "weapons captured from al-Sraqib fighters": a group named like a town, not the town
    const toponym::DocumentResult r = geoparse("Troops showed weapons captured from al-Sraqib fighters.\n");
    EXPECT_EQ(toponym::testing::mention_named(r, "al-Sraqib"), nullptr);
    EXPECT_EQ(toponym::testing::mention_named(r, "Sraqib"), nullptr);
}

TEST(Fuzzy, AnotherFirstLetterIsAnotherName) {
    // one edit, but at the first letter: "Baraqib" is not Saraqib; vowels and k/q/g/c start alike
    const auto& f = embedded_fuzzy();
    const std::string saraqib = toponym::text::fold_name("Saraqib");
    const auto has = [&](const std::string& spelling, const std::string& key) {
        const auto hits = f.lookup(toponym::text::fold_name(spelling));
        return std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.key == key; });
    };
    EXPECT_TRUE(has("Sraqib", saraqib)) << "a vowel dropped";
    EXPECT_FALSE(has("Baraqib", saraqib)) << "the first consonant changed";
    const std::string ariha = toponym::text::fold_name("Ariha");
    ASSERT_NE(toponym::text::fold_name("Oriha"), ariha) << "not a spelling folding already joins";
    EXPECT_TRUE(has("Oriha", ariha)) << "another vowel first";
    const std::string kafranbel = toponym::text::fold_name("Kafranbel");
    ASSERT_NE(toponym::text::fold_name("Gafranbel"), kafranbel);
    EXPECT_TRUE(has("Gafranbel", kafranbel)) << "gaf for kaf";
}

TEST(Fuzzy, ASpellingFarFromThePlaceTheSentenceIsNearYieldsToIt) {
    // "in al-Sraqib market on the outskirts of Maarat al-Numan": the spelling reads Saraqib,
    // 25 km from Maarat al-Numan, which the sentence names exactly; the event is on those
    // outskirts. Read near its anchor ("near Binnish"), the spelling keeps the event.
    const toponym::DocumentResult far =
        geoparse("Clashes took place in al-Sraqib market on the outskirts of Maarat al-Numan.\n");
    ASSERT_EQ(far.events.size(), 1u);
    ASSERT_TRUE(far.events[0].relative.has_value()) << far.events[0].place_name;
    EXPECT_EQ(far.relatives.at(*far.events[0].relative).relation, "outskirts");
    const toponym::DocumentResult near = geoparse("Clashes took place in al-Sraqib near Binnish.\n");
    ASSERT_EQ(near.events.size(), 1u);
    EXPECT_FALSE(near.events[0].relative.has_value()) << near.events[0].place_name;
    EXPECT_EQ(near.events[0].place_name, "Sarāqib");
}

TEST(Fuzzy, AShortNameOneVowelOffIsReadAfterAHead) {
    // "Dena village": four letters, too short for an edit anywhere, but one vowel off Dana with
    // its consonants in place. Without a head or an area the text names, it stays unknown.
    const auto& f = embedded_fuzzy();
    const auto hits = f.lookup_vowel(toponym::text::fold_name("Dena"));
    ASSERT_FALSE(hits.empty());
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](const auto& h) { return h.key.size() == 4 && h.distance == 1; }));
    EXPECT_TRUE(f.lookup_vowel(toponym::text::fold_name("Dono")).empty()) << "two vowels off";
    EXPECT_TRUE(f.lookup_vowel(toponym::text::fold_name("Saraqeb")).empty()) << "long keys go to lookup()";
    const toponym::DocumentResult r = geoparse("Shells hit Dena village on Monday.\n");
    const toponym::Mention* m = toponym::testing::mention_named(r, "Dena");
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(m->fuzzy);
    EXPECT_EQ(toponym::testing::mention_named(geoparse("Shells fell as Dena said on Monday.\n"), "Dena"), nullptr);
}
