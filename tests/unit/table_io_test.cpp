// Reading tables for `toponym resolve`: the libcsv fast path reads every CSV it takes exactly as
// GDAL's CSV driver does, and leaves to GDAL what it would read otherwise.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include <fstream>
#include <string>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "store/table_io.hpp"
#include "resolve/resolved_table.hpp"
#include "gpkg_dump.hpp"
#include "test_dir.hpp"

using toponym::io::SourceTable;
using toponym::testing::gpkg_contents_of;

namespace {

std::string write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

// Every cell and whether it is set, as read by the fast path and by GDAL.
void expect_same_as_gdal(const std::string& path) {
    const SourceTable fast = SourceTable::open(path, "", SourceTable::CsvReader::Fast);
    const SourceTable gdal = SourceTable::open(path, "", SourceTable::CsvReader::Gdal);
    EXPECT_TRUE(fast.read_fast()) << path;
    EXPECT_FALSE(gdal.read_fast());
    ASSERT_EQ(fast.columns(), gdal.columns());
    ASSERT_EQ(fast.row_count(), gdal.row_count());
    for (std::size_t row = 0; row < gdal.row_count(); ++row) {
        for (int c = 0; c < static_cast<int>(gdal.columns().size()); ++c) {
            EXPECT_EQ(fast.cell(row, c), gdal.cell(row, c)) << "row " << row << " column " << c;
            EXPECT_EQ(fast.has_value(row, c), gdal.has_value(row, c)) << "row " << row << " column " << c;
        }
    }
}

}  // namespace

TEST(TableIo, FastCsvReadsWhatGdalReads) {
    const toponym::testing::TestDir dir;
    // A byte-order mark, CRLF and LF, spaces kept, doubled quotes, a quoted line break, a blank
    // line (skipped), a short row (the rest unset), a long row (the extra cells dropped), empty
    // cells, a line of spaces, Arabic text and no line end at the end.
    expect_same_as_gdal(write_file(dir.path() / "tricky.csv",
                                   "\xEF\xBB\xBFname,value,other\r\n"
                                   " a b ,\"x \"\"q\"\" y\", z \r\n"
                                   "\r\n"
                                   "only\n"
                                   "\"multi\nline\",2,3,4,5\n"
                                   ",,\n"
                                   "\"\",x,\n"
                                   "  \n"
                                   "\"Kafr Nabl, Idlib\",\xD9\x83\xD9\x81\xD8\xB1 \xD9\x86\xD8\xA8\xD9\x84,=1+1\n"
                                   "last,row,\"end\""));
    expect_same_as_gdal(write_file(dir.path() / "plain.csv", "location,governorate\nSaraqib,Idlib\nDouma,Rif Dimashq\n"));
    expect_same_as_gdal(write_file(dir.path() / "header-only.csv", "location,governorate\n"));
    expect_same_as_gdal(write_file(dir.path() / "same-names.csv", "name,name\nSaraqib,Idlib\n"));
    // Over a megabyte: parsed in two halves, cut at a line end outside quotes. Quoted line
    // breaks and doubled quotes everywhere, so that the middle falls inside one of them.
    std::string big = "id,note,place\n";
    for (int i = 0; big.size() < (3u << 19); ++i) {
        big += std::to_string(i) + ",\"line one\nline \"\"two\"\"\n" + std::string(static_cast<std::size_t>(i % 37), 'x') +
               "\",Kafr Nabl\n";
    }
    const std::string big_path = write_file(dir.path() / "big.csv", big);
    expect_same_as_gdal(big_path);
    EXPECT_GT(SourceTable::open(big_path).row_count(), 10000u);
}

// The line each row starts on, for messages about a row: quoted line breaks and blank lines
// counted, CRLF as one line end; a file big enough to be parsed in two halves too.
TEST(TableIo, FastCsvKnowsTheLineOfEachRow) {
    const toponym::testing::TestDir dir;
    const std::string path = write_file(dir.path() / "lines.csv",
                                        "\xEF\xBB\xBFname,value\r\n"
                                        "a,1\r\n"
                                        "\r\n"
                                        "\"multi\nline\",2\n"
                                        "\"\"\"q\"\"\",3\n"
                                        "\n"
                                        "  \n"
                                        "last,4");
    const SourceTable fast = SourceTable::open(path);
    ASSERT_TRUE(fast.read_fast());
    ASSERT_EQ(fast.row_count(), 5u);
    EXPECT_EQ(fast.row_line(0), 2);
    EXPECT_EQ(fast.row_line(1), 4);
    EXPECT_EQ(fast.row_line(2), 6);
    EXPECT_EQ(fast.row_line(3), 8) << "a line of spaces is a row";
    EXPECT_EQ(fast.row_line(4), 9);
    EXPECT_EQ(SourceTable::open(path, "", SourceTable::CsvReader::Gdal).row_line(0), 0) << "GDAL gives no lines";

    std::string big = "id,text\n";
    for (int i = 0; i < 60000; ++i) big += std::to_string(i) + ",\"two\nlines of text\"\n";
    const SourceTable halves = SourceTable::open(write_file(dir.path() / "big.csv", big));
    ASSERT_TRUE(halves.read_fast());
    ASSERT_EQ(halves.row_count(), 60000u);
    EXPECT_EQ(halves.row_line(0), 2);
    EXPECT_EQ(halves.row_line(59999), 2 + 2 * 59999);
    EXPECT_EQ(halves.cell(59999, 0), "59999");
}

TEST(TableIo, LeavesToGdalWhatItReadsOtherwise) {
    const toponym::testing::TestDir dir;
    const auto gdal_reads = [](const std::string& path) {
        SourceTable t = SourceTable::open(path);
        EXPECT_FALSE(t.read_fast()) << path;
        return t;
    };
    // Semicolons: GDAL takes them as the separator.
    const SourceTable semi = gdal_reads(write_file(dir.path() / "semi.csv", "location;governorate\nSaraqib;Idlib\n"));
    EXPECT_EQ(semi.columns().size(), 2u);
    // A quote inside an unquoted cell: GDAL's reading, not a strict parser's.
    const SourceTable quote = gdal_reads(write_file(dir.path() / "quote.csv", "location,n\nab\"c,d\"e,1\n"));
    EXPECT_EQ(quote.row_count(), 1u);
    // Types from a .csvt beside the file.
    write_file(dir.path() / "typed.csvt", "String,Integer\n");
    const SourceTable typed = gdal_reads(write_file(dir.path() / "typed.csv", "location,n\nSaraqib,3\n"));
    EXPECT_EQ(typed.cell(0, 1), "3");
    // A first line GDAL does not take as a header (all numbers).
    const SourceTable numbers = gdal_reads(write_file(dir.path() / "numbers.csv", "1,2\n3,4\n"));
    EXPECT_EQ(numbers.row_count(), 2u);
}

namespace {


}  // namespace

TEST(TableIo, GeoPackageRowsThroughSqliteAreWhatGdalWrites) {
    const toponym::testing::TestDir dir;
    // A layer and columns whose names need quoting in SQL, a short row, an empty cell, a
    // row without a place, and places spread out (the index gets several nodes).
    std::string csv = "location,\"say hi, twice\",note's\n";
    const toponym::Gazetteer& g = toponym::Gazetteer::embedded();
    std::vector<toponym::resolve::ResolvedRow> rows;
    std::size_t placed = 0;  // rows with a point, each an R-tree entry
    std::size_t n = 0;
    for (std::uint32_t i = 0; i < g.places().size() && n < 600; i += 7, ++n) {
        std::string name;
        for (char c : g.place(i).name) name += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += "\"" + name + "\"," + (n % 5 == 0 ? "" : "x,") + "y\n";
        toponym::resolve::ResolvedRow row;
        row.resolution.status = n % 9 == 0 ? toponym::resolve::CellStatus::Unresolved : toponym::resolve::CellStatus::Resolved;
        if (n % 9 != 0) {
            ++placed;
            row.resolution.place = i;
            row.resolution.matched = g.place(i).name;
            row.resolution.method = "name";
            row.resolution.geo_precision = 1;
            row.resolution.uncertainty_m = 1500.5;
            row.resolution.confidence = 0.8125;
            row.resolution.admin.admin1 = "Idlib";
            row.resolution.admin.admin1_pcode = "SY07";
            row.resolution.alternatives = {{i + 1, 0.5}};
        } else {
            row.resolution.note = "no place named so";
        }
        rows.push_back(toponym::resolve::prepare_resolved_row(row.resolution, g));
    }
    const std::string input = write_file(dir.path() / "o'hara \"table\".csv", csv);
    const SourceTable table = SourceTable::open(input);
    ASSERT_TRUE(table.read_fast());
    ASSERT_EQ(table.row_count(), rows.size());
    const auto write = [&](const std::string& name, toponym::resolve::ResolvedTableWriter::Engine engine) {
        const std::string out = (dir.path() / name).string();
        toponym::resolve::ResolvedTableWriter writer(out, out, toponym::io::OutputFormat::GeoPackage, table, g, engine);
        for (std::size_t r = 0; r < rows.size(); ++r) writer.write(r, rows[r]);
        writer.finish();
        return out;
    };
    const std::vector<std::string> ours = gpkg_contents_of(write("sqlite.gpkg", toponym::resolve::ResolvedTableWriter::Engine::Auto));
    const std::vector<std::string> gdal = gpkg_contents_of(write("gdal.gpkg", toponym::resolve::ResolvedTableWriter::Engine::Gdal));
    // A line per row, one per R-tree entry (a placed row), and the schema above them.
    ASSERT_GT(ours.size(), rows.size() + placed) << "rows, R-tree entries and schema are all there";
    EXPECT_EQ(std::count_if(ours.begin(), ours.end(), [](const std::string& l) { return l.find("rtree_") == 0 && l.find(" check: ok") != std::string::npos; }),
              1);
    EXPECT_EQ(ours, gdal) << "the same file, row for row, R-tree entry for entry";
    EXPECT_NE(std::find(ours.begin(), ours.end(), "integrity_check ok"), ours.end());
}

// `toponym gazetteer build`'s tables: every record as written with any separator, each row with
// its line, its width in the file and whether its quote never closes; no row makes it fail.
TEST(TableIo, DelimitedTablesKeepEveryRecordAsWritten) {
    const toponym::testing::TestDir dir;
    const SourceTable tsv = SourceTable::open_delimited(write_file(dir.path() / "t.tsv",
                                                                   "\xEF\xBB\xBF" "name\tlat\tlon\r\n"
                                                                   "\"Tell\nRifaat\"\t36.47\t37.09\n"
                                                                   "\n"
                                                                   "a \"b\"\t1\n"
                                                                   "x\t1\t2\t3\n"
                                                                   "\"open\t1\t2\nrest\n"),
                                                        '\t');
    EXPECT_EQ(tsv.columns(), (std::vector<std::string>{"name", "lat", "lon"}));
    ASSERT_EQ(tsv.row_count(), 4u) << "the empty line is skipped";
    EXPECT_EQ(tsv.cell(0, 0), "Tell\nRifaat");
    EXPECT_EQ(tsv.row_line(0), 2);
    EXPECT_EQ(tsv.row_width(0), 3u);
    EXPECT_EQ(tsv.cell(1, 0), "a \"b\"") << "a quote inside an unquoted cell is text";
    EXPECT_EQ(tsv.row_line(1), 5) << "lines count the quoted line break and the empty line";
    EXPECT_EQ(tsv.row_width(1), 2u);
    EXPECT_FALSE(tsv.has_value(1, 2));
    EXPECT_EQ(tsv.row_width(2), 4u);
    EXPECT_EQ(tsv.cell(2, 2), "2");
    EXPECT_TRUE(tsv.row_unclosed_quote(3));
    EXPECT_FALSE(tsv.row_unclosed_quote(2));
    EXPECT_EQ(tsv.row_line(3), 7);

    EXPECT_TRUE(SourceTable::open_delimited(write_file(dir.path() / "e.csv", ""), ',').columns().empty());
    EXPECT_TRUE(SourceTable::open_delimited(write_file(dir.path() / "q.csv", "\"name,lat\n1,2\n"), ',').columns().empty())
        << "a header whose quote never closes is none";
    EXPECT_THROW(SourceTable::open_delimited((dir.path() / "missing.csv").string(), ','), toponym::DataError);
}
