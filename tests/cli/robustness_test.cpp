// Robustness of whole runs: every input accounted for, outputs never half-written or clobbered
// (SIGKILL during the write), inputs that vanish mid-run, hostile values that must not inject
// anything into SQLite, spreadsheets, KML or the QGIS project.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_toponym;
using toponym::testing::write_file;

namespace {

// toponym running in the background, its stdout and stderr going to files in `dir`.
class Background {
public:
    Background(const std::vector<std::string>& args, const fs::path& dir) : err_path_(dir / "stderr.txt") {
        pid_ = ::fork();
        if (pid_ == 0) {
            const int out = ::open((dir / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(out, 1);
            ::dup2(err, 2);
            std::vector<char*> argv{const_cast<char*>(TOPONYM_BINARY)};
            for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(TOPONYM_BINARY, argv.data());
            ::_exit(127);
        }
    }
    pid_t pid() const { return pid_; }
    // Waits for the end; the exit code, or 128 + signal.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::string err() const { return read_file(err_path_); }

private:
    pid_t pid_ = -1;
    fs::path err_path_;
};

// A report of the kind the analysts map: a few known places, an event cue, a date.
std::string report(std::size_t i) {
    static const char* places[] = {"Saraqib", "Ariha", "Kafr Nabl", "Maarat al-Numan", "Khan Shaykhun", "Jisr al-Shughur",
                                   "Darayya", "Douma", "Manbij", "al-Bab"};
    const char* a = places[i % 10];
    const char* b = places[(i / 10 + 3) % 10];
    return "---\ntitle: Report " + std::to_string(i) + "\npublished: 2016-0" + std::to_string(1 + i % 9) + "-1" +
           std::to_string(i % 10) + "\n---\nAir strikes hit " + a + " on Monday, killing civilians, residents said. Shelling hit " +
           b + " later that day. The village of Zzyzx Qaryat " + std::to_string(i) + " was also shelled.\n";
}

// Writes `n` reports r00000.txt ... into `dir`.
void write_reports(const fs::path& dir, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "r%05zu.txt", i);
        write_file(dir / name, report(i));
    }
}

std::vector<fs::path> files_named_like(const fs::path& dir, const std::string& part) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().filename().string().find(part) != std::string::npos) found.push_back(e.path());
    }
    return found;
}

// No lost rows: 1 % of the reports are corrupt; every report is in the documents layer, the
// failed ones with status "error" and named on stderr, the summary counts them all.
TEST(NoLostRows, OnePercentCorruptReportsAreAllAccountedFor) {
    const fs::path dir = fresh_dir("lost-rows");
    const std::size_t n = 400;
    write_reports(dir / "in", n);
    std::set<std::string> corrupt;
    for (std::size_t i = 0; i < n; i += 100) {  // 4 of 400: binary, UTF-16, NUL in the text, bad front matter
        char name[32];
        std::snprintf(name, sizeof name, "r%05zu.txt", i + 7);
        const fs::path p = dir / "in" / name;
        switch (i / 100) {
            case 0: write_file(p, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)); corrupt.insert(p.string()); break;
            case 1: write_file(p, std::string("\xFF\xFE" "A\0i\0r\0", 8)); corrupt.insert(p.string()); break;
            case 2: write_file(p, report(i) + std::string("\0tail", 5)); corrupt.insert(p.string()); break;
            default: write_file(p, "---\ntitle: never closed\npublished: 2016-02-31\n" + report(i).substr(4)); break;
        }
    }
    const fs::path out = dir / "out.gpkg";
    const auto r = run_toponym({"map", (dir / "in").string(), "-o", out.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("mapped 400 documents (3 failed)"), std::string::npos) << r.out;

    const std::vector<Row> docs = read_layer(out, "documents");
    ASSERT_EQ(docs.size(), n);
    std::set<std::string> paths, failed;
    std::map<std::string, std::string> status_of_id;
    for (const Row& d : docs) {
        paths.insert(d.at("path"));
        status_of_id[d.at("doc_id")] = d.at("status");
        if (d.at("status") == "error") failed.insert(d.at("path"));
    }
    EXPECT_EQ(paths.size(), n) << "every input once";
    EXPECT_EQ(failed, corrupt);
    for (const std::string& p : corrupt) EXPECT_NE(r.err.find(p + ":"), std::string::npos) << p << " not named\n" << r.err;
    EXPECT_EQ(status_of_id["r00307"], "warning") << "an unclosed front matter is mapped with a warning";

    // Every report that could be read is in the output: events from its places, the unknown
    // village in unresolved.
    std::map<std::string, int> events_of, unresolved_of;
    for (const Row& e : read_layer(out, "events")) ++events_of[e.at("doc_id")];
    for (const Row& u : read_layer(out, "unresolved")) ++unresolved_of[u.at("doc_id")];
    for (const auto& [id, status] : status_of_id) {
        if (status == "error") continue;
        EXPECT_GT(events_of[id] + unresolved_of[id], 0) << id << " (" << status << ") left no trace";
        EXPECT_GT(events_of[id], 0) << id;
    }
}

// SIGKILL while the GeoPackage is being written with --overwrite: the previous output is still
// there byte for byte, nothing half-written under the final name; the temporary file left
// behind is named after the target and removed by the next run to it.
TEST(KillDuringWrite, PreviousOutputIntactAndTempFileCleanedUpNextRun) {
    const fs::path dir = fresh_dir("kill");
    write_reports(dir / "small", 3);
    write_reports(dir / "big", 6000);
    const fs::path out = dir / "out" / "events.gpkg";
    fs::create_directories(out.parent_path());
    auto first = run_toponym({"map", (dir / "small").string(), "-o", out.string(), "-q"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string previous = read_file(out);

    Background run({"map", (dir / "big").string(), "-o", out.string(), "--overwrite", "-q"}, dir);
    // The temporary file appears when the writing starts, after all reports are geoparsed. At
    // start-up the run also makes and removes an empty one (the check that the directory takes
    // files): only a temporary file with content says the write has begun.
    std::vector<fs::path> temps;
    const auto writing = [&] {
        std::vector<fs::path> found;
        for (const fs::path& p : files_named_like(out.parent_path(), ".tmp-")) {
            std::error_code ec;
            const auto size = fs::file_size(p, ec);
            if (!ec && size > 0) found.push_back(p);
        }
        return found;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    while (temps.empty() && std::chrono::steady_clock::now() < deadline) {
        temps = writing();
        if (temps.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_FALSE(temps.empty()) << "the run never started writing";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // well into the write
    ASSERT_EQ(::kill(run.pid(), SIGKILL), 0);
    EXPECT_EQ(run.wait(), 128 + SIGKILL) << "killed, not finished: the corpus is too small to catch the write";

    EXPECT_EQ(read_file(out), previous) << "the previous output is untouched";
    EXPECT_EQ(read_layer(out, "documents").size(), 3u);
    const std::vector<fs::path> left = files_named_like(out.parent_path(), ".tmp-");
    ASSERT_FALSE(left.empty());
    for (const fs::path& p : left) {
        EXPECT_TRUE(p.filename().string().starts_with(".events.tmp-" + std::to_string(run.pid()) + "-")) << p;
    }

    // The next run to the same target removes what the killed one left.
    auto again = run_toponym({"map", (dir / "small").string(), "-o", out.string(), "--overwrite", "-q"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(files_named_like(out.parent_path(), ".tmp-"), std::vector<fs::path>{});
    EXPECT_EQ(read_layer(out, "documents").size(), 3u);
}

// A temporary file of a live process is never removed (two runs to one target at once).
TEST(KillDuringWrite, TempFileOfALiveProcessIsKept) {
    const fs::path dir = fresh_dir("live-temp");
    write_reports(dir / "in", 2);
    const fs::path live = dir / (".out.tmp-" + std::to_string(::getpid()) + "-0.gpkg");  // this test's own pid
    const fs::path dead = dir / ".out.tmp-999999999-0.gpkg";  // above pid_max: no such process
    write_file(live, "someone else's half-written output");
    write_file(dead, "left by a killed run");
    auto r = run_toponym({"map", (dir / "in").string(), "-o", (dir / "out.gpkg").string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(live));
    EXPECT_FALSE(fs::exists(dead));
}

// A report deleted after the directory was listed, while the run is reading the others: named,
// counted as failed, the others mapped.
TEST(VanishingInput, FileDeletedMidRunIsReportedAndCounted) {
    const fs::path dir = fresh_dir("vanish");
    write_reports(dir / "in", 300);
    const fs::path victim = dir / "in" / "r00299.txt";
    const int fd = ::inotify_init1(IN_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_GE(::inotify_add_watch(fd, (dir / "in").c_str(), IN_OPEN), 0);
    const fs::path out = dir / "out.gpkg";
    Background run({"map", (dir / "in").string(), "-o", out.string()}, dir);
    // The reports are read in name order: when the first is opened, the last is still to come.
    // (The listing opens the directory itself first: an event without a name.)
    bool first_opened = false;
    while (!first_opened) {
        alignas(inotify_event) char events[4096];
        const ssize_t n = ::read(fd, events, sizeof events);
        ASSERT_GT(n, 0);
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(events + at);
            if (e->len > 0 && std::string(e->name) == "r00000.txt") first_opened = true;
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        }
    }
    fs::remove(victim);
    ::close(fd);
    EXPECT_EQ(run.wait(), 1);
    const std::string err = run.err();
    EXPECT_NE(err.find(victim.string() + ": No such file or directory"), std::string::npos) << err;
    const std::vector<Row> docs = read_layer(out, "documents");
    EXPECT_EQ(docs.size(), 300u);
    EXPECT_EQ(std::count_if(docs.begin(), docs.end(), [](const Row& d) { return d.at("status") == "error"; }), 1);
}

// Hostile text in reports (title, source, file name, body) reaches every output as data: the
// GeoPackage keeps it verbatim with its tables intact, CSV cells cannot start a formula, KML
// and the QGIS project stay well-formed and give the text back.
TEST(Injection, HostileReportTextIsDataInEveryOutput) {
    const fs::path dir = fresh_dir("inject");
    const std::string title = "x'); DROP TABLE events; -- <script>alert(1)</script> & \"q\"";
    const std::string source = "=HYPERLINK(\"http://evil.invalid\",\"click\")";
    const std::string name = "@SUM(1+1)'; DELETE FROM documents; --";
    write_file(dir / "in" / (name + ".txt"),
               "---\ntitle: " + title + "\nsource: " + source + "\nurl: javascript:alert(1)\npublished: 2016-05-01\n---\n"
               "Air strikes hit Saraqib on Monday. -1+2 said \"]]></name><script>x</script>\"; the village of Robert'); DROP "
               "TABLE unresolved; was shelled.\n");
    write_reports(dir / "in", 2);
    const fs::path gpkg = dir / "o'; DROP TABLE x; --.gpkg";
    const fs::path qgs = dir / "p<&'\">.qgs";
    auto r = run_toponym({"map", (dir / "in").string(), "-o", gpkg.string(), "--qgis-project", qgs.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // GeoPackage: every table still there, the values verbatim.
    for (const char* layer : {"events", "mentions", "places", "governorates", "unresolved", "documents"}) {
        EXPECT_FALSE(read_layer(gpkg, layer).empty()) << layer;
    }
    const auto docs = read_layer(gpkg, "documents");
    ASSERT_EQ(docs.size(), 3u);
    const auto hostile = std::find_if(docs.begin(), docs.end(), [&](const Row& d) { return d.at("doc_id") == name; });
    ASSERT_NE(hostile, docs.end());
    EXPECT_EQ(hostile->at("title"), title);
    EXPECT_EQ(hostile->at("source"), source);
    const auto events = read_layer(gpkg, "events");
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const Row& e) { return e.at("doc_id") == name; }));

    // CSV: no cell starts a formula, whatever column it is in.
    const fs::path csv = dir / "events.csv";
    ASSERT_EQ(run_toponym({"map", (dir / "in").string(), "-o", csv.string(), "-q"}).exit_code, 0);
    const std::vector<Row> rows = read_layer(csv);
    ASSERT_FALSE(rows.empty());
    bool saw_hostile = false;
    for (const Row& row : rows) {
        for (const auto& [field, value] : row.fields) {
            if (value.empty() || field == "lon" || field == "lat" || field == "confidence" || field == "uncertainty_m") continue;
            EXPECT_TRUE(value[0] != '=' && value[0] != '+' && value[0] != '-' && value[0] != '@') << field << ": " << value;
            saw_hostile = saw_hostile || value == "'" + source;
        }
    }
    EXPECT_TRUE(saw_hostile) << "the source is kept, behind a quote";

    // KML is XML: GDAL reads it back with the same text.
    const fs::path kml = dir / "events.kml";
    ASSERT_EQ(run_toponym({"map", (dir / "in").string(), "-o", kml.string(), "-q"}).exit_code, 0);
    const auto placemarks = read_layer(kml);
    EXPECT_EQ(placemarks.size(), rows.size());
    EXPECT_TRUE(std::any_of(placemarks.begin(), placemarks.end(), [](const Row& p) {
        return p.at("snippet").find("\"]] ></name><script>x</script>\"") != std::string::npos;
    })) << "the quoted markup is text in the snippet, its CDATA end broken";
    EXPECT_TRUE(std::any_of(placemarks.begin(), placemarks.end(), [](const Row& p) {
        return p.at("description").find("&quot;]]&gt;&lt;/name&gt;&lt;script&gt;x&lt;/script&gt;&quot;") != std::string::npos;
    })) << "the description is HTML (the balloon): the quoted markup is escaped text there";
    const auto kml_elements = toponym::testing::run_shell(
        "python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
        "print(len(d.getElementsByTagName(\"script\")), len(d.getElementsByTagName(\"Placemark\")))' " +
        toponym::testing::shell_quote(kml.string()));
    EXPECT_EQ(kml_elements.exit_code, 0) << kml_elements.err;
    EXPECT_EQ(kml_elements.out, "0 " + std::to_string(rows.size()) + "\n") << "no element injected";

    // The QGIS project is well-formed XML naming the hostile data file.
    const auto xml = toponym::testing::run_shell("python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
                                                 "print(\"\\n\".join(e.getAttribute(\"source\") for e in d.getElementsByTagName(\"layer-tree-layer\")))' " +
                                                 toponym::testing::shell_quote(qgs.string()));
    EXPECT_EQ(xml.exit_code, 0) << xml.err;
    EXPECT_NE(xml.out.find(gpkg.filename().string()), std::string::npos) << xml.out;
}

// Hostile option values reach GDAL/SQLite only as data: an unknown layer or field is an error
// naming it, a filter value matches nothing, and the input is unchanged.
TEST(Injection, HostileFilterOptionValuesInjectNothing) {
    const fs::path dir = fresh_dir("inject-filter");
    write_reports(dir / "in", 20);
    const fs::path gpkg = dir / "in.gpkg";
    ASSERT_EQ(run_toponym({"map", (dir / "in").string(), "-o", gpkg.string(), "-q"}).exit_code, 0);
    const std::string before = read_file(gpkg);
    const std::size_t events = read_layer(gpkg, "events").size();
    ASSERT_GT(events, 0u);

    const std::string drop = "events\"; DROP TABLE events; --";
    auto r = run_toponym({"filter", gpkg.string(), "-o", (dir / "a.geojson").string(), "--layer", drop});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("has no layer \"" + drop + "\""), std::string::npos) << r.err;

    r = run_toponym({"filter", gpkg.string(), "-o", (dir / "b.geojson").string(), "--layer", "events", "--from", "2016-01-01",
                     "--date-field", "event_date\" OR 1=1 --"});
    EXPECT_NE(r.exit_code, 0) << "an unknown date field is refused";
    EXPECT_NE(r.err.find("event_date\" OR 1=1 --"), std::string::npos) << r.err;

    r = run_toponym({"filter", gpkg.string(), "-o", (dir / "c.geojson").string(), "--layer", "events", "--type",
                     "shelling' OR '1'='1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(read_layer(dir / "c.geojson").empty()) << "the payload is a type name that matches nothing";

    EXPECT_EQ(read_file(gpkg), before) << "the input is never written";
    EXPECT_EQ(read_layer(gpkg, "events").size(), events);
}

}  // namespace
