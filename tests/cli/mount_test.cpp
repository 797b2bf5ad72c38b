// Outputs on a read-only file system and on a full one, each a small tmpfs mounted by the test
// (needs root; registered only when the build is configured as root, ctest label "mount").
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// A tmpfs at `dir` for the test's lifetime.
class Tmpfs {
public:
    Tmpfs(const fs::path& dir, const std::string& options) : dir_(dir) {
        fs::create_directories(dir_);
        mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~Tmpfs() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    void remount_read_only() {
        ASSERT_EQ(::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr), 0) << std::strerror(errno);
    }

private:
    fs::path dir_;
    bool mounted_ = false;
};

std::vector<std::string> temp_files_in(const fs::path& dir) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().filename().string().find(".tmp-") != std::string::npos) found.push_back(e.path().string());
    }
    return found;
}

TEST(ReadOnlyOutput, RefusedBeforeAnyWorkNamingTheOutput) {
    const fs::path dir = fresh_dir("ro");
    Tmpfs fs_(dir / "ro", "size=1m");
    ASSERT_TRUE(fs_.mounted()) << "mount tmpfs: " << std::strerror(errno);
    write_file(dir / "ro" / "earlier.gpkg", "earlier work");
    fs_.remount_read_only();
    const fs::path out = dir / "ro" / "out.gpkg";
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "-q"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(out.string() + ": cannot write in the output directory: Read-only file system"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    const auto o = run_toponym({"map", (source_dir() / "samples").string(), "-o", (dir / "ro" / "earlier.gpkg").string(),
                                "--overwrite", "-q"});
    EXPECT_EQ(o.exit_code, 2) << o.err;
    EXPECT_EQ(read_file(dir / "ro" / "earlier.gpkg"), "earlier work");
}

TEST(FullDisk, WriteFailsNamingTheOutputAndLeavesTheEarlierOne) {
    const fs::path dir = fresh_dir("full");
    Tmpfs fs_(dir / "small", "size=160k");
    ASSERT_TRUE(fs_.mounted()) << "mount tmpfs: " << std::strerror(errno);
    const fs::path out = dir / "small" / "out.gpkg";
    write_file(out, "earlier work");
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "--overwrite", "-q"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("toponym: " + out.string() + ": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("is full"), std::string::npos) << "says why\n" << r.err;
    EXPECT_EQ(read_file(out), "earlier work") << "the earlier output is untouched";
    EXPECT_EQ(temp_files_in(dir / "small"), std::vector<std::string>{}) << "the partial temporary file is removed";
    // With room again (the earlier file gone), the same run succeeds.
    fs::remove(out);
    const auto ok = run_toponym({"map", (source_dir() / "samples" / "01-maarat-airstrikes.txt").string(), "-o",
                                 out.string(), "--layers", "events", "-q"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
