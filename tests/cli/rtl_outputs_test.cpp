// Right-to-left text in every output: a team-written report that mixes Arabic and English
// (an Arabic sentence naming a place in Latin letters, an English one quoting an Arabic name)
// mapped to GeoPackage, CSV and KML and read back. Values stay plain UTF-8 everywhere (no
// direction marks that would break a join); the KML balloon states each snippet's direction;
// the CSV starts with a byte order mark so that spreadsheets read it as UTF-8.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::shell_quote;
using toponym::testing::write_file;

namespace {

// The report's three event sentences (fictional), each one event.
const std::string kArabic = "قصف جوي روسي على بلدة كفرنبل فجر اليوم أدى إلى مقتل ٣ مدنيين.";
const std::string kMixed = "غارة جوية على Saraqib أمس أدت إلى إصابة 4 أشخاص.";
const std::string kEnglish = "Shelling hit the town of Khan Shaykhun (خان شيخون) on Sunday, killing two civilians.";

// Bidi controls: LRM, RLM, ALM, the embeddings and overrides, the isolates, and a BOM.
bool has_bidi_control(const std::string& s) {
    for (const char* mark : {"\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066",
                             "\u2067", "\u2068", "\u2069", "\uFEFF"}) {
        if (s.find(mark) != std::string::npos) return true;
    }
    return false;
}

class RtlOutputs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("rtl-outputs");
        fs::create_directories(dir_ / "in");
        write_file(dir_ / "in" / "mixed-report.txt",
                   "---\ntitle: Idlib update / تحديث إدلب\nsource: Team sample (fictional)\npublished: 2019-06-02\n---\n" +
                       kArabic + "\n\n" + kMixed + "\n\n" + kEnglish + "\n");
        outputs_ = toponym::testing::map_to_formats(dir_ / "in", dir_, "out", {"gpkg", "csv", "kml"});
    }

    // The event of each sentence, by snippet (a test fails when one is missing).
    static std::map<std::string, Row> by_snippet(const std::vector<Row>& rows) { return toponym::testing::rows_by(rows, "snippet"); }

    static inline fs::path dir_;
    static inline std::map<std::string, fs::path> outputs_;
};

TEST_F(RtlOutputs, GeoPackageKeepsTheTextAsWrittenWithoutMarks) {
    const auto events = by_snippet(read_layer(outputs_["gpkg"], "events"));
    for (const std::string& s : {kArabic, kMixed, kEnglish}) EXPECT_TRUE(events.contains(s)) << "no event with snippet " << s;
    for (const char* layer : {"events", "mentions", "documents", "governorates"}) {
        for (const Row& r : read_layer(outputs_["gpkg"], layer)) {
            for (const auto& [field, value] : r.fields) EXPECT_FALSE(has_bidi_control(value)) << layer << "." << field << ": " << value;
        }
    }
    const auto documents = read_layer(outputs_["gpkg"], "documents");
    ASSERT_EQ(documents.size(), 1u);
    EXPECT_EQ(documents[0].at("title"), "Idlib update / تحديث إدلب");
    // The governorates carry their Arabic names for the bilingual label.
    const auto governorates = read_layer(outputs_["gpkg"], "governorates");
    EXPECT_TRUE(std::any_of(governorates.begin(), governorates.end(), [](const Row& g) { return g.at("admin1_ar") == "إدلب"; }));
}

TEST_F(RtlOutputs, CsvIsUtf8WithAByteOrderMarkAndCleanValues) {
    const std::string bytes = read_file(outputs_["csv"]);
    ASSERT_GE(bytes.size(), 3u);
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF") << "Excel reads a CSV without it in the ANSI code page";
    EXPECT_EQ(bytes.find("\xEF\xBB\xBF", 3), std::string::npos) << "one mark, at the start only";
    EXPECT_TRUE(bytes.substr(3).starts_with("WKT,event_id,")) << bytes.substr(0, 40);
    // GDAL skips the mark: the header and the values read back as in the GeoPackage.
    const auto rows = read_layer(outputs_["csv"]);
    const auto csv = by_snippet(rows);
    const auto gpkg = by_snippet(read_layer(outputs_["gpkg"], "events"));
    ASSERT_EQ(csv.size(), gpkg.size());
    for (const auto& [snippet, g] : gpkg) {
        ASSERT_TRUE(csv.contains(snippet)) << snippet;
        const Row& c = csv.at(snippet);
        for (const char* field : {"event_id", "place_name", "event_type", "admin1", "doc_id"}) EXPECT_EQ(c.at(field), g.at(field)) << field;
    }
    for (const Row& r : rows) {
        for (const auto& [field, value] : r.fields) EXPECT_FALSE(has_bidi_control(value)) << field << ": " << value;
    }
    // Python's csv module with utf-8-sig (what a script reading a spreadsheet export uses) sees
    // the same header and the Arabic snippet.
    const auto py = run_shell("python3 -c 'import csv, sys; r = list(csv.DictReader(open(sys.argv[1], encoding=\"utf-8-sig\"))); "
                              "print(list(r[0])[0] == \"WKT\", any(x[\"snippet\"] == sys.argv[2] for x in r))' " +
                              shell_quote(outputs_["csv"].string()) + " " + shell_quote(kMixed));
    EXPECT_EQ(py.exit_code, 0) << py.err;
    EXPECT_EQ(py.out, "True True\n");
}

TEST_F(RtlOutputs, KmlBalloonStatesTheDirectionOfEachSnippet) {
    const auto placemarks = by_snippet(read_layer(outputs_["kml"], "events"));
    const std::map<std::string, std::string> dir = {{kArabic, "rtl"}, {kMixed, "rtl"}, {kEnglish, "ltr"}};
    for (const auto& [snippet, want] : dir) {
        SCOPED_TRACE(snippet);
        ASSERT_TRUE(placemarks.contains(snippet)) << "the snippet field is the plain sentence";
        const Row& p = placemarks.at(snippet);
        EXPECT_EQ(p.at("description"), "<div dir=\"" + want + "\">" + snippet + "</div>");
        EXPECT_FALSE(has_bidi_control(p.at("Name"))) << p.at("Name");
        EXPECT_EQ(p.at("Name"), p.at("place_name")) << "the name (GDAL reads it as Name) is the plain place name";
    }
    // The raw KML: the balloon HTML sits in the description element (as CDATA), the snippet
    // element holds the plain sentence.
    const auto xml = run_shell(
        "python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
        "t = lambda e: \"\".join(c.data for c in e.childNodes if c.nodeType in (3, 4)); "
        "print(\"\\n\".join(t(e) for e in d.getElementsByTagName(\"description\")))' " +
        shell_quote(outputs_["kml"].string()));
    ASSERT_EQ(xml.exit_code, 0) << xml.err;
    EXPECT_NE(xml.out.find("<div dir=\"rtl\">" + kMixed + "</div>"), std::string::npos) << xml.out;
    EXPECT_NE(xml.out.find("<div dir=\"ltr\">" + kEnglish + "</div>"), std::string::npos) << xml.out;
}

}  // namespace
