// Unit tests of AtomicOutput: an output is written to a temporary file beside the target and
// renamed over it only when complete; existing files are never touched without --overwrite.
#include <gtest/gtest.h>

#include "test_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "core/error.hpp"
#include "io/layer_writer.hpp"
#include "store/safe_output.hpp"

namespace fs = std::filesystem;
using toponym::ErrorKind;
using toponym::UsageError;
using toponym::io::AtomicOutput;

namespace {

using toponym::testing::TestDir;

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(AtomicOutput, RefusesAnExistingFileWithoutOverwrite) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "events.gpkg";
    write_file(target, "previous run");
    try {
        AtomicOutput out(target.string(), false);
        FAIL() << "an existing output was accepted without overwrite";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_EQ(e.where(), target.string());
    }
    EXPECT_EQ(read_file(target), "previous run");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "nothing else was created";
}

TEST(AtomicOutput, OverwriteReplacesTheFileOnCommit) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "events.gpkg";
    write_file(target, "previous run");
    {
        AtomicOutput out(target.string(), true);
        EXPECT_EQ(out.final_path(), target.string());
        write_file(out.temp_path(), "new run");
        EXPECT_EQ(read_file(target), "previous run") << "the target is untouched until commit";
        out.commit();
    }
    EXPECT_EQ(read_file(target), "new run");
}

TEST(AtomicOutput, TempFileIsInTheSameDirectoryUnderAnotherName) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "out.geojson";
    AtomicOutput out(target.string(), false);
    const fs::path temp(out.temp_path());
    EXPECT_EQ(temp.parent_path(), target.parent_path()) << "rename is atomic only within one file system";
    EXPECT_NE(temp.filename(), target.filename());
    EXPECT_FALSE(fs::exists(temp)) << "the writer creates it";
    EXPECT_FALSE(fs::exists(target));

    // A bare file name: the temp file is in the current directory.
    struct CwdGuard {
        fs::path saved = fs::current_path();
        ~CwdGuard() { fs::current_path(saved); }
    } guard;
    fs::current_path(dir);
    AtomicOutput bare("bare.gpkg", false);
    EXPECT_EQ(fs::absolute(fs::path(bare.temp_path())).lexically_normal().parent_path(),
              fs::absolute(dir).lexically_normal());
}

TEST(AtomicOutput, DestructorWithoutCommitRemovesTheTempAndKeepsTheTarget) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "events.gpkg";
    write_file(target, "previous run");
    std::string temp;
    {
        AtomicOutput out(target.string(), true);
        temp = out.temp_path();
        write_file(temp, "half written");
        write_file(temp + "-journal", "sqlite side file");
        write_file(temp + "-wal", "sqlite side file");
        ASSERT_TRUE(fs::exists(temp));
    }  // an error was thrown while writing, say: no commit
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_FALSE(fs::exists(temp + "-journal"));
    EXPECT_FALSE(fs::exists(temp + "-wal"));
    EXPECT_EQ(read_file(target), "previous run");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicOutput, CommitRenamesTheTempToTheTarget) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "new.gpkg";
    std::string temp;
    {
        AtomicOutput out(target.string(), false);
        temp = out.temp_path();
        write_file(temp, "complete");
        out.commit();
        EXPECT_FALSE(fs::exists(temp));
        EXPECT_EQ(read_file(target), "complete");
    }
    EXPECT_EQ(read_file(target), "complete") << "the destructor leaves a committed output alone";
    EXPECT_FALSE(fs::exists(temp));
}

TEST(AtomicOutput, CommitWithoutATempFileIsADataError) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    AtomicOutput out((dir / "never-written.gpkg").string(), false);
    EXPECT_THROW(out.commit(), toponym::DataError);
    EXPECT_FALSE(fs::exists(dir / "never-written.gpkg"));
}

TEST(AtomicOutput, MissingOutputDirectoryIsAUsageError) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    const fs::path target = dir / "no-such-dir" / "events.gpkg";
    try {
        AtomicOutput out(target.string(), true);
        FAIL() << "an output in a missing directory was accepted";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.where(), target.string());
    }
    EXPECT_FALSE(fs::exists(dir / "no-such-dir")) << "the directory is not created behind the user's back";
}

TEST(AtomicOutput, TargetThatIsADirectoryIsAUsageError) {
    const TestDir tmp;
    const fs::path& dir = tmp.path();
    fs::create_directories(dir / "events.gpkg");
    EXPECT_THROW(AtomicOutput((dir / "events.gpkg").string(), true), UsageError);
    EXPECT_TRUE(fs::is_directory(dir / "events.gpkg"));
}

}  // namespace

// Output text that must stay data: spreadsheet formulas and the end of KML's CDATA sections.
TEST(OutputText, FormulaCellsAndCdataEndsAreNeutralised) {
    using toponym::io::break_cdata_end;
    using toponym::io::neutralise_formula;
    EXPECT_EQ(neutralise_formula("=1+2"), "'=1+2");
    EXPECT_EQ(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(neutralise_formula("-2"), "'-2");
    EXPECT_EQ(neutralise_formula("Idlib = city"), "Idlib = city");
    EXPECT_EQ(break_cdata_end("a]]>b"), "a]] >b");
    EXPECT_EQ(break_cdata_end("]]>]]>"), "]] >]] >");
    EXPECT_EQ(break_cdata_end("]]]>>"), "]]] >>");
    EXPECT_EQ(break_cdata_end("no markup ]] > here"), "no markup ]] > here");
}
