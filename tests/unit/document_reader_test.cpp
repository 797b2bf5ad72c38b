// Unit tests of report reading: front matter, line ends, UTF-8 repair, refusing non-text input,
// and expanding directories into the list of files to read.
#include <gtest/gtest.h>

#include "test_dir.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "ingest/document_reader.hpp"
#include "text/utf8.hpp"

namespace fs = std::filesystem;
using namespace std::chrono;
using toponym::DataError;
using toponym::Diagnostic;
using toponym::Document;
using toponym::UsageError;
using toponym::ingest::expand_inputs;
using toponym::parse_iso_date;
using toponym::ingest::parse_text_document;
using toponym::ingest::read_text_document;

namespace {

using toponym::testing::TestDir;

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good()) << path;
}

std::string body(const Document& doc) { return doc.text.substr(doc.body_begin_byte); }

TEST(DocumentReader, FrontMatterFields) {
    const std::string text =
        "---\n"
        "title: \"Air strikes hit Saraqib\"\n"
        "source: Example News\n"
        "url: https://example.org/a?b=c:d\n"
        "author: somebody\n"
        "# a comment\n"
        "published: 2019-12-21\n"
        "---\n"
        "Air strikes hit Saraqib.\n";
    const Document doc = parse_text_document("reports/r1.txt", text);
    EXPECT_EQ(doc.title, "Air strikes hit Saraqib") << "quotes are taken off";
    EXPECT_EQ(doc.source, "Example News");
    EXPECT_EQ(doc.url, "https://example.org/a?b=c:d") << "only the first colon separates key and value";
    ASSERT_TRUE(doc.published.has_value());
    EXPECT_EQ(*doc.published, sys_days(year{2019} / December / 21));
    EXPECT_EQ(body(doc), "Air strikes hit Saraqib.\n");
    EXPECT_EQ(doc.path, "reports/r1.txt");
    EXPECT_EQ(doc.doc_id, "r1");
    EXPECT_TRUE(doc.diagnostics.empty()) << doc.diagnostics.front().format();
}

TEST(DocumentReader, PublishedWithATimeAndDateKey) {
    const Document a = parse_text_document("a.txt", "---\npublished: 2020-02-06T08:30:00Z\n---\nx\n");
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(*a.published, sys_days(year{2020} / February / 6));
    const Document b = parse_text_document("b.txt", "---\ndate: 2016-08-12\n---\nx\n");
    ASSERT_TRUE(b.published.has_value());
    EXPECT_EQ(*b.published, sys_days(year{2016} / August / 12));
}

TEST(DocumentReader, NoFrontMatter) {
    const std::string text = "Shelling hit Ariha.\n---\ntitle: not front matter\n---\n";
    const Document doc = parse_text_document("plain.txt", text);
    EXPECT_EQ(doc.body_begin_byte, 0u);
    EXPECT_EQ(doc.text, text);
    EXPECT_TRUE(doc.title.empty());
    EXPECT_FALSE(doc.published.has_value());
    EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(DocumentReader, UnclosedFrontMatterWarnsOnLine1AndKeepsTheWholeText) {
    const std::string text = "---\ntitle: Clashes near Ariha\npublished: 2020-01-02\nClashes near Ariha.\n";
    const Document doc = parse_text_document("open.txt", text);
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::Warning);
    EXPECT_EQ(doc.diagnostics[0].line, 1);
    EXPECT_EQ(doc.diagnostics[0].where, "open.txt");
    EXPECT_EQ(doc.body_begin_byte, 0u) << "the whole file is read as text";
    EXPECT_TRUE(doc.title.empty());
    EXPECT_FALSE(doc.published.has_value());
}

TEST(DocumentReader, ImpossibleDateWarnsNamingTheLine) {
    const std::string text = "---\ntitle: t\n\npublished: 2016-02-31\n---\nbody\n";
    const Document doc = parse_text_document("bad-date.txt", text);
    EXPECT_FALSE(doc.published.has_value());
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::Warning);
    EXPECT_EQ(doc.diagnostics[0].line, 4);
    EXPECT_NE(doc.diagnostics[0].message.find("2016-02-31"), std::string::npos) << doc.diagnostics[0].message;
    EXPECT_NE(doc.diagnostics[0].format().find("bad-date.txt:4"), std::string::npos) << doc.diagnostics[0].format();
    EXPECT_EQ(doc.title, "t") << "the other fields are still read";
    EXPECT_EQ(body(doc), "body\n");
}

TEST(DocumentReader, FrontMatterLineWithoutColonWarnsNamingTheLine) {
    const Document doc = parse_text_document("odd.txt", "---\ntitle: t\njust words\nsource: 'S'\n---\nbody\n");
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].line, 3);
    EXPECT_EQ(doc.title, "t");
    EXPECT_EQ(doc.source, "S") << "single quotes are taken off too";
    EXPECT_EQ(body(doc), "body\n");
}

TEST(DocumentReader, ParseIsoDate) {
    EXPECT_TRUE(parse_iso_date("2016-02-29").has_value()) << "leap day";
    EXPECT_FALSE(parse_iso_date("2015-02-29").has_value());
    EXPECT_FALSE(parse_iso_date("2016-02-31").has_value());
    EXPECT_FALSE(parse_iso_date("2016-13-01").has_value());
    EXPECT_FALSE(parse_iso_date("2019-12-2x").has_value()) << "every digit must be a digit";
    EXPECT_FALSE(parse_iso_date("2019-1-05x").has_value()) << "two-digit months and days";
    EXPECT_FALSE(parse_iso_date("2019/12/21").has_value());
    EXPECT_FALSE(parse_iso_date("21/12/2019").has_value());
    EXPECT_FALSE(parse_iso_date("2019-12-21x").has_value());
    EXPECT_FALSE(parse_iso_date("").has_value());
    ASSERT_TRUE(parse_iso_date(" 2019-12-21 ").has_value());
    EXPECT_EQ(*parse_iso_date("2019-12-21 10:00"), sys_days(year{2019} / December / 21));
    EXPECT_EQ(toponym::format_date(sys_days(year{2016} / August / 2)), "2016-08-02");
}

TEST(DocumentReader, CrlfIsNormalised) {
    const std::string text = "---\r\ntitle: Saraqib\r\npublished: 2020-02-06\r\n---\r\nLine one.\r\nLine two.\rLine three.\r\n";
    const Document doc = parse_text_document("crlf.txt", text);
    EXPECT_EQ(doc.text.find('\r'), std::string::npos);
    EXPECT_EQ(doc.title, "Saraqib") << "no trailing CR in values";
    ASSERT_TRUE(doc.published.has_value());
    EXPECT_EQ(*doc.published, sys_days(year{2020} / February / 6));
    EXPECT_EQ(body(doc), "Line one.\nLine two.\nLine three.\n");
    EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(DocumentReader, Utf8ByteOrderMarkIsDropped) {
    const Document doc = parse_text_document("bom.txt", "\xEF\xBB\xBF---\ntitle: t\n---\nIdlib\n");
    EXPECT_EQ(doc.title, "t") << "front matter after a BOM is still front matter";
    EXPECT_EQ(body(doc), "Idlib\n");
}

TEST(DocumentReader, InvalidUtf8IsRepairedWithAWarningNamingTheLine) {
    // Line 3 has a stray 0xFF and a truncated 3-byte sequence; the CRLF lines count once each.
    const std::string bytes = "first line\r\nsecond line\r\nthird \xFF line \xE2\x80 end\nfourth\n";
    const Document doc = parse_text_document("broken.txt", bytes);
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::Warning);
    EXPECT_EQ(doc.diagnostics[0].line, 3);
    EXPECT_NE(doc.text.find("third \uFFFD line \uFFFD end\n"), std::string::npos) << doc.text;
    EXPECT_NE(doc.text.find("fourth"), std::string::npos);
    EXPECT_EQ(toponym::text::repair_utf8(doc.text).invalid_sequences, 0u) << "the repaired text is valid UTF-8";
}

TEST(DocumentReader, RepairLeavesPlainAsciiAsItIsButStillEndsLinesWithLf) {
    // ASCII without CR takes a shortcut; with a CR, or one byte beyond ASCII, the full repair.
    const toponym::text::Utf8Repair plain = toponym::text::repair_utf8("\xEF\xBB\xBFShelling in Idlib.\nTwo died.\n");
    EXPECT_EQ(plain.text, "Shelling in Idlib.\nTwo died.\n") << "the BOM dropped, the rest kept";
    EXPECT_EQ(plain.invalid_sequences, 0u);
    EXPECT_EQ(plain.first_invalid_line, 0);
    EXPECT_EQ(toponym::text::repair_utf8("a\rb\r\nc").text, "a\nb\nc");
    const toponym::text::Utf8Repair bad = toponym::text::repair_utf8("a\r\nb\n\xFF");
    EXPECT_EQ(bad.text, "a\nb\n\uFFFD");
    EXPECT_EQ(bad.first_invalid_line, 3);
}

TEST(DocumentReader, Utf16IsADataError) {
    const std::string le("\xFF\xFEI\0d\0l\0i\0b\0", 12);
    try {
        parse_text_document("utf16.txt", le);
        FAIL() << "UTF-16 (LE BOM) accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where(), "utf16.txt");
        EXPECT_EQ(e.kind(), toponym::ErrorKind::Data);
    }
    const std::string be("\xFE\xFF\0I\0d", 6);
    EXPECT_THROW(parse_text_document("utf16be.txt", be), DataError);
}

TEST(DocumentReader, NulBytesAreADataError) {
    const std::string bytes("Aleppo\0\0\x01\x02", 10);
    try {
        parse_text_document("image.txt", bytes);
        FAIL() << "binary input accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where(), "image.txt");
    }
}

TEST(DocumentReader, ReadTextDocumentFromAFile) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    write_file(dir / "report.txt", "---\ntitle: From disk\n---\nKhan Tuman\r\n");
    const Document doc = read_text_document((dir / "report.txt").string());
    EXPECT_EQ(doc.title, "From disk");
    EXPECT_EQ(body(doc), "Khan Tuman\n");
    EXPECT_EQ(doc.doc_id, "report");
    EXPECT_THROW(read_text_document((dir / "missing.txt").string()), DataError);
    EXPECT_THROW(read_text_document(dir.string()), DataError) << "a directory is not a report";
    write_file(dir / "nul.txt", std::string("a\0b", 3));
    EXPECT_THROW(read_text_document((dir / "nul.txt").string()), DataError);
}

TEST(DocumentReader, ExpandInputsWalksDirectoriesSortedSkippingHiddenAndNonText) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    write_file(dir / "b.txt", "b");
    write_file(dir / "a.txt", "a");
    write_file(dir / "sub" / "c.txt", "c");
    write_file(dir / "sub" / "deeper" / "d.txt", "d");
    write_file(dir / ".hidden.txt", "hidden");
    write_file(dir / ".git" / "e.txt", "in a hidden directory");
    write_file(dir / "notes.md", "not a report");
    write_file(dir / "data.txt.bak", "not a report");

    std::vector<Diagnostic> problems;
    const std::vector<std::string> files = expand_inputs({dir.string()}, problems);
    const std::vector<std::string> expected = {(dir / "a.txt").string(), (dir / "b.txt").string(),
                                               (dir / "sub" / "c.txt").string(),
                                               (dir / "sub" / "deeper" / "d.txt").string()};
    EXPECT_EQ(files, expected);
    EXPECT_TRUE(problems.empty());
}

TEST(DocumentReader, ExpandInputsKeepsFilesAsGivenAndInOrder) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    write_file(dir / "z.md", "given explicitly");
    write_file(dir / "folder" / "y.txt", "y");
    std::vector<Diagnostic> problems;
    const std::vector<std::string> files = expand_inputs({(dir / "z.md").string(), (dir / "folder").string()}, problems);
    const std::vector<std::string> expected = {(dir / "z.md").string(), (dir / "folder" / "y.txt").string()};
    EXPECT_EQ(files, expected) << "a file named on the command line is read whatever its extension";
}

TEST(DocumentReader, ExpandInputsEmptyDirectoryIsAWarning) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    fs::create_directories(dir / "empty");
    std::vector<Diagnostic> problems;
    EXPECT_TRUE(expand_inputs({(dir / "empty").string()}, problems).empty());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].severity, Diagnostic::Severity::Warning);
}

TEST(DocumentReader, ExpandInputsNonexistentPathIsAUsageError) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    std::vector<Diagnostic> problems;
    const std::string missing = (dir / "no-such-report.txt").string();
    try {
        expand_inputs({missing}, problems);
        FAIL() << "a mistyped path was accepted";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.kind(), toponym::ErrorKind::Usage);
        EXPECT_EQ(e.where(), missing);
    }
}

}  // namespace
