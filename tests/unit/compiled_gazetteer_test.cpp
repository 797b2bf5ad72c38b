// Unit tests of the compiled gazetteer format: a compiled copy of the embedded gazetteer
// answers every lookup exactly as the parsed TSV does; the embedded gazetteer is that compiled
// form, opened in place in the binary; stacking and aliases.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "gazetteer/embedded.hpp"
#include "gazetteer/gazetteer.hpp"
#include "test_dir.hpp"
#include "text/normalize.hpp"

using toponym::DataError;
using toponym::Gazetteer;
using toponym::Place;
using toponym::text::fold_name;
using toponym::text::fold_name_words;

namespace {

std::vector<std::uint32_t> as_vector(const toponym::PlaceIds& s) { return {s.begin(), s.end()}; }

std::string compiled_copy_of_embedded(const std::filesystem::path& dir) {
    const auto path = (dir / "embedded.tpg").string();
    Gazetteer::embedded().save_compiled(path);
    return path;
}

// gazetteer/syria.tsv as compiled into the binary, parsed and indexed (what embedded() did
// before it had the compiled form).
const Gazetteer& parsed_tsv() {
    static const Gazetteer g = Gazetteer::from_tsv(toponym::embedded::places_tsv(), "embedded TSV");
    return g;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Every place field, id, name key (with its prefixes and article rule) and nearest answer of
// `tsv` is the same in `compiled`.
void expect_same_answers(const Gazetteer& compiled, const Gazetteer& tsv) {
    ASSERT_EQ(compiled.places().size(), tsv.places().size());
    EXPECT_EQ(compiled.key_count(), tsv.key_count());
    EXPECT_EQ(compiled.max_key_words(), tsv.max_key_words());
    std::size_t keys_checked = 0, prefixes_checked = 0;
    for (std::uint32_t i = 0; i < tsv.places().size(); ++i) {
        const Place& a = tsv.place(i);
        const Place& b = compiled.place(i);
        ASSERT_EQ(a.id, b.id);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.alternate_names, b.alternate_names);
        EXPECT_EQ(a.lat, b.lat);
        EXPECT_EQ(a.lon, b.lon);
        EXPECT_EQ(a.feature_class, b.feature_class);
        EXPECT_EQ(a.feature_code, b.feature_code);
        EXPECT_EQ(a.country_code, b.country_code);
        EXPECT_EQ(a.population, b.population);
        EXPECT_EQ(a.radius_m, b.radius_m);
        EXPECT_EQ(a.confidence, b.confidence);
        EXPECT_EQ(a.admin1_pcode, b.admin1_pcode);
        EXPECT_EQ(a.source, b.source);
        EXPECT_EQ(a.source_id, b.source_id);
        EXPECT_EQ(compiled.find_id(a.id), std::optional<std::uint32_t>(i));
        std::vector<std::string> names = a.alternate_names;
        names.push_back(a.name);
        for (const auto& name : names) {
            const std::string key = fold_name(name);
            EXPECT_EQ(as_vector(compiled.lookup(key)), as_vector(tsv.lookup(key))) << key;
            EXPECT_EQ(compiled.needs_article(key), tsv.needs_article(key)) << key;
            ++keys_checked;
            std::string prefix;
            for (const auto& w : fold_name_words(name)) {
                if (!prefix.empty()) {
                    EXPECT_EQ(compiled.has_longer_key(prefix), tsv.has_longer_key(prefix)) << prefix;
                    ++prefixes_checked;
                    prefix += ' ';
                }
                prefix += w;
            }
            EXPECT_FALSE(compiled.has_longer_key(key + " zzqx"));
        }
    }
    EXPECT_GT(keys_checked, 10000u);
    EXPECT_GT(prefixes_checked, 1000u);
    EXPECT_TRUE(compiled.lookup("no such place name").empty());
    EXPECT_FALSE(compiled.find_id("gn:0").has_value());
    EXPECT_EQ(compiled.nearest(36.2, 37.16, 5), tsv.nearest(36.2, 37.16, 5));
    EXPECT_EQ(compiled.nearest(33.5, 36.3, 3), tsv.nearest(33.5, 36.3, 3));
}

}  // namespace

TEST(CompiledGazetteer, AnswersEveryLookupLikeTheTsv) {
    const toponym::testing::TestDir dir;
    const auto path = (dir.path() / "syria.tpg").string();
    parsed_tsv().save_compiled(path);
    const Gazetteer compiled = Gazetteer::open_compiled(path);
    ASSERT_TRUE(compiled.is_compiled());
    expect_same_answers(compiled, parsed_tsv());
}

// The binaries that link the compiled bytes (toponym, these tests) open the embedded gazetteer
// from them, and those bytes are exactly what the TSV compiles to today: the same file both
// ways, so every key, prefix and article of both indexes is the same too.
TEST(EmbeddedGazetteer, IsTheCompiledTsvOpenedInPlace) {
    const std::string_view tpg = toponym::embedded::places_tpg();
    ASSERT_FALSE(tpg.empty()) << "this test binary links the compiled bytes (toponym_embedded_tpg)";
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(tpg.data()) % 64, 0u);
    const Gazetteer& embedded = Gazetteer::embedded();
    ASSERT_TRUE(embedded.is_compiled());
    expect_same_answers(embedded, parsed_tsv());

    const toponym::testing::TestDir dir;
    const auto from_tsv = (dir.path() / "from-tsv.tpg").string();
    const auto from_embedded = (dir.path() / "from-embedded.tpg").string();
    parsed_tsv().save_compiled(from_tsv);
    embedded.save_compiled(from_embedded);
    EXPECT_TRUE(file_bytes(from_tsv) == tpg) << "the embedded .tpg is stale or differs from syria.tsv";
    EXPECT_TRUE(file_bytes(from_embedded) == tpg) << "saving the embedded gazetteer changes it";
}

// Stacked under a file and with aliases on top, as --gazetteer embedded --gazetteer X
// --aliases does: the stack holds what the aliases add, the embedded one is untouched.
TEST(EmbeddedGazetteer, StacksAndTakesAliases) {
    const Gazetteer mine = Gazetteer::from_tsv("# toponym-gazetteer 1\nid\tname\tlat\tlon\nt:1\tAleppo\t10.0\t10.0\n", "own");
    const Gazetteer& embedded = Gazetteer::embedded();
    const std::size_t aleppos = embedded.lookup("alipu").size();
    ASSERT_GT(aleppos, 0u);
    Gazetteer stacked = Gazetteer::stack({&embedded, &mine});
    EXPECT_EQ(stacked.lookup("alipu").size(), aleppos + 1);
    stacked.apply_aliases("Aleppo\tt:1\nQarqur Hill\t35.7,36.3\n", "aliases.tsv");
    ASSERT_EQ(stacked.lookup("alipu").size(), 1u);
    EXPECT_EQ(stacked.place(stacked.lookup("alipu")[0]).id, "t:1");
    EXPECT_EQ(stacked.lookup(fold_name("Qarqur Hill")).size(), 1u);
    EXPECT_EQ(embedded.lookup("alipu").size(), aleppos);
    EXPECT_TRUE(embedded.lookup(fold_name("Qarqur Hill")).empty());
    Gazetteer alone = Gazetteer::stack({&embedded});
    alone.apply_aliases("Qarqur Hill\tgn:170063\n", "aliases.tsv");
    EXPECT_EQ(alone.place(alone.lookup(fold_name("Qarqur Hill"))[0]).name, "Aleppo");
}

// Bytes in memory are checked as a file is: a truncated copy, or one not 8-byte aligned (the
// loader reads 8-byte numbers in place), is a DataError naming the origin.
TEST(CompiledGazetteer, BytesInPlaceAreCheckedLikeAFile) {
    const std::string_view tpg = toponym::embedded::places_tpg();
    ASSERT_FALSE(tpg.empty());
    std::vector<std::uint64_t> buffer(tpg.size() / 8 + 2);
    char* aligned = reinterpret_cast<char*>(buffer.data());
    std::memcpy(aligned, tpg.data(), tpg.size());
    const Gazetteer copy = Gazetteer::open_compiled_in_place(std::string_view(aligned, tpg.size()), "copy");
    EXPECT_EQ(copy.places().size(), parsed_tsv().places().size());
    EXPECT_EQ(as_vector(copy.lookup("alipu")), as_vector(parsed_tsv().lookup("alipu")));
    auto refused = [](std::string_view bytes, const char* why) {
        try {
            Gazetteer::open_compiled_in_place(bytes, "in-memory");
            ADD_FAILURE() << why << " accepted";
        } catch (const DataError& e) {
            EXPECT_EQ(e.where(), "in-memory");
            EXPECT_NE(std::string(e.what()).find("corrupt"), std::string::npos) << e.what();
        }
    };
    refused(std::string_view(aligned, tpg.size() - 8), "a truncated copy");
    refused(std::string_view(aligned, 40), "a header cut short");
    std::memmove(aligned + 4, aligned, tpg.size());
    refused(std::string_view(aligned + 4, tpg.size()), "misaligned bytes");
}

TEST(CompiledGazetteer, LoadFileTellsTheFormatsApart) {
    const toponym::testing::TestDir dir;
    const std::string path = compiled_copy_of_embedded(dir.path());
    EXPECT_TRUE(Gazetteer::load_file(path).is_compiled());
    std::ofstream(dir.path() / "g.tsv") << "# toponym-gazetteer 1\nid\tname\tlat\tlon\nt:1\tQarqur\t35.7\t36.3\n";
    EXPECT_FALSE(Gazetteer::load_file((dir.path() / "g.tsv").string()).is_compiled());
    std::ofstream(dir.path() / "junk.tpg") << "TOPONYMG";
    EXPECT_THROW(Gazetteer::load_file((dir.path() / "junk.tpg").string()), DataError);
}

TEST(CompiledGazetteer, CorruptIndexesAreRefused) {
    const toponym::testing::TestDir dir;
    const std::string path = compiled_copy_of_embedded(dir.path());
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // Point every posting far past the last place: the open must refuse, not crash later.
    std::string bad = bytes;
    std::uint64_t postings_offset = 0, postings_size = 0;
    std::memcpy(&postings_offset, bad.data() + 32 + 16 * 3, 8);
    std::memcpy(&postings_size, bad.data() + 32 + 16 * 3 + 8, 8);
    ASSERT_GT(postings_size, 0u);
    for (std::uint64_t i = 0; i < postings_size; ++i) bad[postings_offset + i] = '\xff';
    std::ofstream(dir.path() / "bad.tpg", std::ios::binary) << bad;
    try {
        Gazetteer::open_compiled((dir.path() / "bad.tpg").string());
        FAIL() << "corrupt postings accepted";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("corrupt"), std::string::npos) << e.what();
        EXPECT_NE(e.where().find("bad.tpg"), std::string::npos);
    }
}

// A record whose point is not a point (NaN, or past the poles) is refused on opening, as
// the TSV reader refuses the row, instead of reaching distances and the spatial index.
TEST(CompiledGazetteer, PlaceWithAPointOutOfRangeIsRefused) {
    const toponym::testing::TestDir dir;
    const std::string path = compiled_copy_of_embedded(dir.path());
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::uint64_t places_offset = 0;
    std::memcpy(&places_offset, bytes.data() + 32 + 16 * 1, 8);
    const std::size_t third_record_lat = places_offset + 2 * 112 + 64;  // 8 string refs, then lat
    for (const double lat : {std::nan(""), 91.0, -1e300}) {
        std::string bad = bytes;
        std::memcpy(bad.data() + third_record_lat, &lat, sizeof lat);
        std::ofstream(dir.path() / "bad-point.tpg", std::ios::binary) << bad;
        try {
            Gazetteer::open_compiled((dir.path() / "bad-point.tpg").string());
            FAIL() << "latitude " << lat << " accepted";
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("place 3 has a point or radius out of range"), std::string::npos) << e.what();
        }
    }
}

TEST(CompiledGazetteer, StackKeepsBothAndAliasesOverride) {
    const toponym::testing::TestDir dir;
    const std::string own =
        "# toponym-gazetteer 1\nid\tname\tlat\tlon\talternate_names\n"
        "t:1\tTell Zurqubat\t35.74\t36.32\tZurqoubat\n"
        "t:2\tAleppo\t10.0\t10.0\t\n";
    const Gazetteer mine = Gazetteer::from_tsv(own, "own");
    const Gazetteer compiled = Gazetteer::open_compiled(compiled_copy_of_embedded(dir.path()));
    Gazetteer stacked = Gazetteer::stack({&compiled, &mine});
    EXPECT_EQ(stacked.places().size(), compiled.places().size() + 2);
    const auto aleppo = as_vector(stacked.lookup("alipu"));
    ASSERT_EQ(aleppo.size(), compiled.lookup("alipu").size() + 1) << "both gazetteers' Aleppos";
    EXPECT_EQ(stacked.place(aleppo.back()).id, "t:2");
    // A (fictional) name only the user's gazetteer has: found, and only there.
    EXPECT_TRUE(compiled.lookup(fold_name("Zurqoubat")).empty()) << "the embedded gazetteer has it: pick another name";
    EXPECT_EQ(stacked.lookup(fold_name("Zurqoubat")).size(), 1u);
    stacked.apply_aliases("# mine\nAleppo\tt:2\nBig Hill\t35.1,36.2\n", "aliases.tsv");
    ASSERT_EQ(stacked.lookup("alipu").size(), 1u);
    EXPECT_EQ(stacked.place(stacked.lookup("alipu")[0]).id, "t:2");
    ASSERT_EQ(stacked.lookup(fold_name("Big Hill")).size(), 1u);
    EXPECT_TRUE(stacked.has_longer_key(fold_name("Big")));
    EXPECT_DOUBLE_EQ(stacked.place(stacked.lookup(fold_name("Big Hill"))[0]).lat, 35.1);
    try {
        stacked.apply_aliases("Nowhere\tgn:1\n", "aliases.tsv");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.line(), 1);
    }
}

// A stack is a view: its places are the parts' own objects, its indexes run on from part to
// part, a shared key lists every part's places in part order, and its key count, saved file
// and ids equal those of the places gathered into one gazetteer.
TEST(CompiledGazetteer, StackIsAViewOverItsParts) {
    const toponym::testing::TestDir dir;
    const std::string a_tsv =
        "# toponym-gazetteer 1\nid\tname\tlat\tlon\talternate_names\n"
        "a:1\tAleppo\t36.2\t37.1\tHalab\na:2\tTell Rifaat\t36.47\t37.1\t\n";
    const std::string b_tsv =
        "# toponym-gazetteer 1\nid\tname\tlat\tlon\talternate_names\n"
        "b:1\tHalab\t10.0\t10.0\t\na:2\tSomewhere Else\t11.0\t11.0\t\nb:3\tTell Abyad\t36.7\t38.9\t\n";
    const Gazetteer a = Gazetteer::from_tsv(a_tsv, "a");
    const Gazetteer b = Gazetteer::from_tsv(b_tsv, "b");
    const Gazetteer stacked = Gazetteer::stack({&a, &b});
    ASSERT_EQ(stacked.places().size(), 5u);
    EXPECT_EQ(&stacked.place(1), &a.place(1)) << "not copied";
    EXPECT_EQ(&stacked.place(4), &b.place(2)) << "b's places follow a's";
    EXPECT_EQ(as_vector(stacked.lookup("halab")), (std::vector<std::uint32_t>{0, 2})) << "shared key: both, in part order";
    EXPECT_EQ(as_vector(stacked.lookup(fold_name("Tell Abyad"))), (std::vector<std::uint32_t>{4})) << "b's key, shifted";
    EXPECT_TRUE(stacked.has_longer_key(fold_name("Tell")));
    EXPECT_EQ(stacked.find_id("a:2"), 1u) << "the earlier part keeps a repeated id";
    EXPECT_EQ(stacked.find_id("b:3"), 4u);
    std::vector<toponym::Place> all;
    for (const toponym::Place& p : stacked.places()) all.push_back(p);
    all[3].id = "b:2";  // from_places wants unique ids
    const Gazetteer gathered = Gazetteer::from_places(all, "all");
    EXPECT_EQ(stacked.key_count(), gathered.key_count());
    EXPECT_EQ(stacked.max_key_words(), gathered.max_key_words());
    const auto path = (dir.path() / "stacked.tpg").string();
    stacked.save_compiled(path);
    const Gazetteer reopened = Gazetteer::open_compiled(path);
    EXPECT_EQ(reopened.key_count(), stacked.key_count());
    EXPECT_EQ(as_vector(reopened.lookup("halab")), as_vector(stacked.lookup("halab")));
    EXPECT_EQ(reopened.nearest(36.7, 38.9, 1).front(), 4u);
}
