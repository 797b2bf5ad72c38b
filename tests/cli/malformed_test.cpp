// Malformed inputs (tests/malformed/cases.json): every case runs the real binary and checks the
// exact exit code, that stderr names the input (and the line, where the input has lines),
// whether OUT was written, the document's status in the documents layer, and that no
// temporary file is left behind. Big or special inputs are made here, never committed.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

struct Case {
    std::string name;
    std::string input;     // under tests/malformed, or "" when generated or not needed
    std::string generate;  // how the test makes the input, or ""
    std::vector<std::string> args;
    int exit_code = 0;
    std::vector<std::string> stderr_has;
    std::string output;      // "present", "absent" or "" (not checked)
    std::string doc_status;  // in the documents layer of OUT, or "" (not checked)
    int documents = -1;      // rows of the documents layer of OUT (none lost), or -1 (not checked)
};

// Failures show the case by name, not as bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> load_cases() {
    const auto manifest = nlohmann::json::parse(read_file(source_dir() / "tests/malformed/cases.json"));
    std::vector<Case> cases;
    for (const auto& j : manifest["cases"]) {
        Case c;
        c.name = j["name"];
        c.input = j.value("input", "");
        c.generate = j.value("generate", "");
        c.args = j["args"].get<std::vector<std::string>>();
        c.exit_code = j["exit"];
        c.stderr_has = j["stderr"].get<std::vector<std::string>>();
        c.output = j.value("output", "");
        c.doc_status = j.value("doc_status", "");
        c.documents = j.value("documents", -1);
        cases.push_back(std::move(c));
    }
    return cases;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
}

// A GeoPackage written by toponym, cut after its first 8 KiB (the header and part of a page).
void make_truncated_gpkg(const fs::path& dir, const fs::path& in) {
    const fs::path whole = dir / "whole.gpkg";
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", whole.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string bytes = read_file(whole);
    ASSERT_GT(bytes.size(), 8192u);
    bytes.resize(8192);
    write_file(in, bytes);
    fs::remove(whole);
}

// A compiled gazetteer written by toponym from a small TSV of our own, as bytes.
std::string compiled_gazetteer_bytes(const fs::path& dir) {
    const fs::path tsv = dir / "small.tsv";
    const fs::path tpg = dir / "small.tpg";
    write_file(tsv,
               "# toponym-gazetteer 1\n"
               "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\talternate_names\n"
               "t:1\tSaraqib\t35.864\t36.806\tP\tPPL\tSY\tSY07\t32000\t2000\tSaraqeb\n"
               "t:2\tAriha\t35.81\t36.61\tP\tPPL\tSY\tSY07\t40000\t2000\t\n");
    const auto r = run_toponym({"gazetteer", "build", tsv.string(), "-o", tpg.string(), "-q"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string bytes = read_file(tpg);
    fs::remove(tsv);
    fs::remove(tpg);
    return bytes;
}

// Overwrites the 4 bytes at `offset` (little-endian, as the format is).
void put_u32(std::string& bytes, std::size_t offset, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes.at(offset + static_cast<std::size_t>(i)) = static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t get_u64(const std::string& bytes, std::size_t offset) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes.at(offset + static_cast<std::size_t>(i)));
    return value;
}

// Makes the input of a case that says "generate" and returns its path.
fs::path generate_input(const Case& c, const fs::path& dir) {
    if (c.generate == "line-100mb") {
        const fs::path in = dir / "line-100mb.txt";
        std::ofstream out(in, std::ios::binary);
        const std::string chunk = "Air strikes hit Saraqib and shelling hit the town of Ariha, residents said; ";
        for (std::size_t written = 0; written < 100u * 1024 * 1024; written += chunk.size()) out << chunk;
        return in;
    }
    if (c.generate == "random-binary-1mb") {
        const fs::path in = dir / "random.txt";
        std::mt19937 rng(8);
        std::string bytes(1 << 20, '\0');
        for (char& b : bytes) b = static_cast<char>(rng() & 0xFF);
        bytes[1000] = '\0';  // at least one NUL, whatever the generator gives
        write_file(in, bytes);
        return in;
    }
    if (c.generate == "dir-with-fifo") {
        const fs::path in = dir / "reports";
        write_file(in / "a.txt", "Air strikes hit Saraqib.\n");
        EXPECT_EQ(::mkfifo((in / "fifo.txt").c_str(), 0644), 0);
        return in;
    }
    if (c.generate == "dir-with-broken-link") {
        const fs::path in = dir / "reports";
        write_file(in / "a.txt", "Air strikes hit Saraqib.\n");
        fs::create_symlink(dir / "gone.txt", in / "broken.txt");
        return in;
    }
    if (c.generate == "dir-with-report") {
        const fs::path in = dir / "reports";
        write_file(in / "a.txt", "Air strikes hit Saraqib.\n");
        return in;
    }
    if (c.generate == "location-table") {
        write_file(dir / "table.csv", "id,location\n1,Saraqib\n2,Ariha\n");
        write_file(dir / "area.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                                         R"("geometry":{"type":"Polygon","coordinates":[[[36,35],[37,35],[37,36],[36,36],[36,35]]]}}]})");
        return dir / "table.csv";
    }
    if (c.generate == "empty-dir") {
        fs::create_directories(dir / "reports");
        return dir / "reports";
    }
    if (c.generate == "existing-output") {
        write_file(dir / "existing.gpkg", "an analyst's earlier work");
        return dir / "existing.gpkg";
    }
    if (c.generate == "truncated-gpkg") {
        make_truncated_gpkg(dir, dir / "cut.gpkg");
        return dir / "cut.gpkg";
    }
    if (c.generate.rfind("tpg-", 0) == 0) {
        // Header: magic (8), version (4), byte order (4), file size (8), place count (4), max
        // key words (4), then 12 sections of (offset, size); the 6th is the name-key hash slots.
        std::string bytes = compiled_gazetteer_bytes(dir);
        const fs::path in = dir / (c.generate + ".tpg");
        if (c.generate == "tpg-bad-version") {
            put_u32(bytes, 8, 9);
        } else if (c.generate == "tpg-truncated") {
            bytes.resize(bytes.size() * 2 / 3);
        } else if (c.generate == "tpg-corrupt-index") {
            const std::uint64_t slots = get_u64(bytes, 32 + 5 * 16);
            EXPECT_GE(get_u64(bytes, 32 + 5 * 16 + 8), 4u) << "the key hash table has slots";
            put_u32(bytes, slots, 0xFFFFFFF0u);  // an entry index far past the entries
        } else {
            ADD_FAILURE() << "unknown generator " << c.generate;
        }
        write_file(in, bytes);
        return in;
    }
    ADD_FAILURE() << "unknown generator " << c.generate;
    return {};
}

// Temporary files AtomicOutput would have left in `dir` (".<stem>.tmp-<pid>-<n><ext>").
std::vector<std::string> temp_files_in(const fs::path& dir) {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().filename().string().find(".tmp-") != std::string::npos) found.push_back(e.path().string());
    }
    return found;
}

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, ExitCodeMessageOutputAndNoTempFiles) {
    const Case& c = GetParam();
    const fs::path dir = fresh_dir(std::string("malformed-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::path in;
    if (!c.input.empty()) {
        in = dir / fs::path(c.input).filename();
        fs::copy_file(source_dir() / "tests/malformed" / c.input, in);
    } else if (!c.generate.empty()) {
        in = generate_input(c, dir);
    }
    const fs::path good = dir / "good.txt";
    write_file(good, "---\ntitle: good\npublished: 2016-02-01\n---\nAir strikes hit Saraqib on Monday.\n");
    const fs::path out = dir / "out.gpkg";
    auto expand = [&](std::string s) {
        s = replace_all(s, "{in}", in.string());
        s = replace_all(s, "{out}", out.string());
        s = replace_all(s, "{good}", good.string());
        return replace_all(s, "{dir}", dir.string());
    };
    std::vector<std::string> args;
    for (const std::string& a : c.args) args.push_back(expand(a));
    args.push_back("-q");

    const auto r = run_toponym(args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    for (const std::string& expected : c.stderr_has) {
        EXPECT_NE(r.err.find(expand(expected)), std::string::npos) << "stderr lacks: " << expand(expected) << "\n" << r.err;
    }
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    if (c.output == "present") {
        EXPECT_TRUE(fs::exists(out)) << "the batch goes on and writes OUT";
    } else if (c.output == "absent") {
        EXPECT_FALSE(fs::exists(out)) << "nothing is written under the final name";
    }
    if (!c.doc_status.empty() && fs::exists(out)) {
        const std::vector<Row> docs = read_layer(out, "documents");
        const auto it = std::find_if(docs.begin(), docs.end(), [&](const Row& d) { return d.at("path") == in.string(); });
        ASSERT_NE(it, docs.end()) << in << " is not in the documents layer";
        EXPECT_EQ(it->at("status"), c.doc_status) << it->at("messages");
    }
    if (c.documents >= 0 && fs::exists(out)) {
        EXPECT_EQ(read_layer(out, "documents").size(), static_cast<std::size_t>(c.documents)) << "every line or row is a document: none lost";
    }
    EXPECT_EQ(temp_files_in(dir), std::vector<std::string>{}) << "temporary files left behind";
    if (c.generate == "existing-output") {
        EXPECT_EQ(read_file(in), "an analyst's earlier work") << "never clobbered";
    }
    if (c.generate == "location-table") {
        EXPECT_EQ(read_file(in), "id,location\n1,Saraqib\n2,Ariha\n") << "the input is never replaced";
    }
    if (c.generate == "dir-with-report") {
        EXPECT_EQ(read_file(in / "a.txt"), "Air strikes hit Saraqib.\n") << "the input is never replaced";
    }
    if (!c.generate.empty() && fs::exists(in) && fs::is_regular_file(in)) fs::remove(in);  // 100 MB: free it now
}

std::string case_test_name(const ::testing::TestParamInfo<Case>& info) {
    std::string name;
    for (char ch : info.param.name) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return std::to_string(info.index) + "_" + name;
}

INSTANTIATE_TEST_SUITE_P(Cases, Malformed, ::testing::ValuesIn(load_cases()), case_test_name);

TEST(MalformedCorpus, HasAtLeastFiftyCases) { EXPECT_GE(load_cases().size(), 50u); }

}  // namespace
