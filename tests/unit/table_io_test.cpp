// Reading tables for `toponym resolve`: the libcsv fast path reads every CSV it takes exactly as
// GDAL's CSV driver does, and leaves to GDAL what it would read otherwise.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "io/table_io.hpp"
#include "test_dir.hpp"

using toponym::io::SourceTable;

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
