// CLI tests of `toponym map`: runs the binary on the team's samples and on bad input, reads the
// written files back with GDAL and checks them against tests/fixtures/samples-expected.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.hpp"
#include "geo/geodesy.hpp"
#include "text/utf8.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::run_shell;
using toponym::testing::run_toponym;
using toponym::testing::source_dir;
using toponym::testing::write_file;

namespace {

// The samples mapped once for the whole suite.
class SamplesMapped : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("samples");
        gpkg_ = dir_ / "samples.gpkg";
        result_ = run_toponym({"map", (source_dir() / "samples").string(), "-o", gpkg_.string(), "-q"});
        expected_ = nlohmann::json::parse(read_file(source_dir() / "tests/fixtures/samples-expected.json"));
    }

    static std::string doc_id(const nlohmann::json& doc) { return fs::path(doc["file"].get<std::string>()).stem().string(); }

    static inline fs::path dir_;
    static inline fs::path gpkg_;
    static inline toponym::testing::CommandResult result_;
    static inline nlohmann::json expected_;
};

TEST_F(SamplesMapped, RunSucceedsQuietly) {
    EXPECT_EQ(result_.exit_code, 0) << result_.err;
    EXPECT_EQ(result_.out, "") << "-q prints no summary";
    EXPECT_TRUE(fs::exists(gpkg_));
}

TEST_F(SamplesMapped, EverySamplePlaceWithin5kmAndInItsGovernorate) {
    const std::vector<Row> mentions = read_layer(gpkg_, "mentions");
    ASSERT_FALSE(mentions.empty());
    std::size_t checked = 0;
    for (const auto& doc : expected_["documents"]) {
        for (const auto& place : doc["places"]) {
            for (const auto& surface : place["surface"]) {
                const auto it = std::find_if(mentions.begin(), mentions.end(), [&](const Row& r) {
                    return r.at("doc_id") == doc_id(doc) && r.at("surface").find(surface.get<std::string>()) != std::string::npos;
                });
                ASSERT_NE(it, mentions.end()) << doc["file"] << ": no mention of \"" << surface << "\"";
                EXPECT_EQ(it->at("admin1_pcode"), place["admin1_pcode"]) << doc["file"] << ": " << surface;
                if (place["ftype"] != "governorate") {
                    ASSERT_TRUE(it->lat && it->lon);
                    const double km = toponym::geo::geodesic_distance_m(*it->lat, *it->lon, place["lat"].get<double>(),
                                                                        place["lon"].get<double>()) / 1000.0;
                    EXPECT_LE(km, 5.0) << doc["file"] << ": " << surface << " resolved to " << it->at("name") << " ("
                                       << it->at("place_id") << "), " << km << " km from the expected point";
                } else {
                    EXPECT_EQ(it->at("feature_class"), "A") << doc["file"] << ": " << surface << " should be the governorate";
                }
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 40u) << "the answer key lists the places of all samples";
}

TEST_F(SamplesMapped, ForeignPlacesAreNotPutInAGovernorate) {
    const std::vector<Row> mentions = read_layer(gpkg_, "mentions");
    for (const auto& doc : expected_["documents"]) {
        if (!doc.contains("foreign")) continue;
        for (const auto& name : doc["foreign"]) {
            for (const Row& r : mentions) {
                if (r.at("doc_id") == doc_id(doc) && r.at("surface") == name.get<std::string>()) {
                    EXPECT_TRUE(r.is_null.at("admin1_pcode")) << name << " got governorate " << r.at("admin1_pcode");
                }
            }
        }
    }
}

TEST_F(SamplesMapped, UnknownPlacesAreInUnresolved) {
    const std::vector<Row> unresolved = read_layer(gpkg_, "unresolved");
    std::size_t expected_count = 0;
    for (const auto& doc : expected_["documents"]) {
        for (const auto& name : doc["unresolved"]) {
            ++expected_count;
            const bool found = std::any_of(unresolved.begin(), unresolved.end(), [&](const Row& r) {
                return r.at("doc_id") == doc_id(doc) && r.at("surface") == name.get<std::string>();
            });
            EXPECT_TRUE(found) << doc["file"] << ": \"" << name << "\" is not in the unresolved layer";
        }
    }
    EXPECT_GE(expected_count, 1u);
    for (const Row& r : unresolved) {
        EXPECT_FALSE(r.at("reason").empty());
        EXPECT_NE(r.at("snippet").find(r.at("surface")), std::string::npos) << "the snippet shows the name in context";
    }
}

TEST_F(SamplesMapped, ExpectedEventsAreFoundWithTheirPlaceAndType) {
    const std::vector<Row> events = read_layer(gpkg_, "events");
    std::size_t expected_count = 0;
    std::size_t found = 0;
    std::string missed;
    for (const auto& doc : expected_["documents"]) {
        for (const auto& ev : doc["events"]) {
            ++expected_count;
            const auto place = std::find_if(doc["places"].begin(), doc["places"].end(),
                                            [&](const auto& p) { return p["name"] == ev["place"]; });
            ASSERT_NE(place, doc["places"].end()) << doc["file"] << ": event place " << ev["place"] << " not in places";
            const bool governorate = (*place)["ftype"] == "governorate";
            const bool hit = std::any_of(events.begin(), events.end(), [&](const Row& r) {
                if (r.at("doc_id") != doc_id(doc) || r.at("event_type") != ev["type"].get<std::string>()) return false;
                if (governorate) return r.at("admin1_pcode") == (*place)["admin1_pcode"].get<std::string>() && r.at("geo_precision") == "3";
                return toponym::geo::geodesic_distance_m(*r.lat, *r.lon, (*place)["lat"].get<double>(),
                                                         (*place)["lon"].get<double>()) <= 5000.0;
            });
            if (hit) ++found;
            else missed += "\n  " + doc["file"].get<std::string>() + ": " + ev["type"].get<std::string>() + " at " + ev["place"].get<std::string>();
        }
    }
    ASSERT_GT(expected_count, 0u);
    // Event typing is cue-based for now: most, not all, expected events must come out.
    EXPECT_GE(static_cast<double>(found) / static_cast<double>(expected_count), 0.75)
        << found << " of " << expected_count << " expected events found; missed:" << missed;
    std::printf("samples: %zu of %zu expected events found%s\n", found, expected_count, missed.c_str());
}

TEST_F(SamplesMapped, EventsCarryThePublicationDateAndAGovernorate) {
    const std::vector<Row> events = read_layer(gpkg_, "events");
    ASSERT_FALSE(events.empty());
    std::map<std::string, std::string> published;  // doc_id -> date
    for (const auto& doc : expected_["documents"]) published[doc_id(doc)] = doc["published"].is_null() ? "" : doc["published"].get<std::string>();
    std::set<std::string> ids;
    for (const Row& r : events) {
        ASSERT_TRUE(published.contains(r.at("doc_id"))) << r.at("doc_id");
        const std::string& day = published[r.at("doc_id")];
        if (day.empty()) {
            // No publication date: only a full date in the sentence dates the event.
            if (r.is_null.at("event_date")) {
                EXPECT_EQ(r.at("date_precision"), "unknown");
            }
        } else {
            // Dated by the sentence against publication: never after it.
            const std::string pub = day.substr(0, 4) + "/" + day.substr(5, 2) + "/" + day.substr(8, 2);
            ASSERT_FALSE(r.is_null.at("event_date"));
            EXPECT_LE(r.at("event_date").substr(0, 10), pub) << r.at("snippet");
            EXPECT_NE(r.at("date_precision"), "unknown") << r.at("snippet");
            if (!r.is_null.at("date_max")) {
                EXPECT_LE(r.at("date_max"), pub);
            }
            EXPECT_FALSE(r.at("date_basis").empty());
        }
        EXPECT_FALSE(r.at("admin1_pcode").empty()) << r.at("place_name");
        EXPECT_FALSE(r.at("snippet").empty());
        EXPECT_TRUE(ids.insert(r.at("event_id")).second) << "duplicate event_id " << r.at("event_id");
        EXPECT_GT(std::stod(r.at("uncertainty_m")), 0.0);
        // char_start/char_end are code points into the file (line ends as LF): they give the sentence.
        std::string text = read_file(source_dir() / "samples" / (r.at("doc_id") + ".txt"));
        std::erase(text, '\r');
        std::u32string cps;
        for (std::size_t pos = 0; pos < text.size();) cps.push_back(toponym::text::next_code_point(text, pos));
        const auto start = std::stoul(r.at("char_start"));
        const auto end = std::stoul(r.at("char_end"));
        ASSERT_LE(end, cps.size());
        std::string sentence;
        for (std::size_t i = start; i < end; ++i) toponym::text::append_utf8(sentence, cps[i] == U'\n' ? U' ' : cps[i]);
        EXPECT_EQ(sentence, r.at("snippet")) << r.at("doc_id") << " " << start;
    }
}

TEST_F(SamplesMapped, DocumentsLayerListsEveryInput) {
    const std::vector<Row> docs = read_layer(gpkg_, "documents");
    std::size_t txt_files = 0;
    for (const auto& e : fs::directory_iterator(source_dir() / "samples")) txt_files += e.path().extension() == ".txt";
    EXPECT_EQ(docs.size(), txt_files);
    for (const Row& r : docs) EXPECT_EQ(r.at("status"), "ok") << r.at("doc_id") << ": " << r.at("messages");
}

TEST_F(SamplesMapped, OgrinfoListsTheFourLayersWithTheirFields) {
    const auto r = run_shell("ogrinfo -so -al '" + gpkg_.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* layer : {"Layer name: events", "Layer name: mentions", "Layer name: unresolved", "Layer name: documents"}) {
        EXPECT_NE(r.out.find(layer), std::string::npos) << layer;
    }
    for (const char* field : {"event_date: DateTime", "event_type: String", "admin1_pcode: String", "geo_precision: Integer",
                              "alternatives: String", "reason: String", "published: Date"}) {
        EXPECT_NE(r.out.find(field), std::string::npos) << field;
    }
    EXPECT_NE(r.out.find("Geometry: Point"), std::string::npos);
}

TEST_F(SamplesMapped, GeoJsonHasTheSameEventsAsTheGeoPackage) {
    const fs::path geojson = dir_ / "events.geojson";
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", geojson.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("events"), std::string::npos) << "summary printed without -q";
    const std::vector<Row> from_json = read_layer(geojson);
    const std::vector<Row> from_gpkg = read_layer(gpkg_, "events");
    ASSERT_EQ(from_json.size(), from_gpkg.size());
    for (std::size_t i = 0; i < from_json.size(); ++i) {
        EXPECT_EQ(from_json[i].at("event_id"), from_gpkg[i].at("event_id"));
        EXPECT_NEAR(*from_json[i].lat, *from_gpkg[i].lat, 1e-6);
        EXPECT_NEAR(*from_json[i].lon, *from_gpkg[i].lon, 1e-6);
    }
    const std::string text = read_file(geojson);
    EXPECT_EQ(text.find("\"crs\""), std::string::npos) << "RFC 7946 output has no crs member";
}

TEST(MapCli, RefusesToOverwriteWithoutFlag) {
    const fs::path dir = fresh_dir("overwrite");
    const fs::path out = dir / "out.gpkg";
    write_file(out, "precious");
    const auto r = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(out), "precious");
    const auto again = run_toponym({"map", (source_dir() / "samples").string(), "-o", out.string(), "--overwrite", "-q"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_FALSE(read_layer(out, "events").empty());
    for (const auto& e : fs::directory_iterator(dir)) {
        EXPECT_EQ(e.path().filename(), "out.gpkg") << "no temporary file left behind";
    }
}

TEST(MapCli, UsageErrorsExitWith2) {
    const fs::path out = fresh_dir("usage") / "out.gpkg";
    const std::string samples = (source_dir() / "samples").string();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"map", samples, "-o", out.string(), "--no-such-option"},
             {"map", "-o", out.string()},
             {"map", samples},
             {"map", (source_dir() / "no-such-dir").string(), "-o", out.string()},
             {"map", samples, "-o", (fresh_dir("usage2") / "out.shp").string()},
             {"map", samples, "-o", "/nonexistent-dir/out.gpkg"},
             {"frobnicate"},
             {}}) {
        const auto r = run_toponym(args);
        std::string joined;
        for (const auto& a : args) joined += a + " ";
        EXPECT_EQ(r.exit_code, 2) << joined << "\n" << r.err;
        EXPECT_EQ(r.err.rfind("toponym: ", 0), 0u) << joined << ": " << r.err;
        EXPECT_FALSE(fs::exists(out)) << joined;
    }
    const auto missing = run_toponym({"map", (source_dir() / "no-such-dir").string(), "-o", out.string()});
    EXPECT_NE(missing.err.find("no-such-dir"), std::string::npos) << "the message names the missing input";
    EXPECT_EQ(run_toponym({"--help"}).exit_code, 0);
    EXPECT_EQ(run_toponym({"map", "--help"}).exit_code, 0);
    const auto version = run_toponym({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("toponym"), std::string::npos);
}

TEST(MapCli, BadFilesAreReportedSkippedAndCounted) {
    const fs::path dir = fresh_dir("bad-input");
    write_file(dir / "in/a-good.txt", "---\ntitle: good\npublished: 2020-02-01\n---\nAir strikes hit Saraqib on Monday.\n");
    write_file(dir / "in/b-binary.txt", std::string("\x7f" "ELF\0\0\0binary", 12));
    write_file(dir / "in/c-utf16.txt", std::string("\xFF\xFE" "A\0l\0e\0p\0p\0o\0", 14));
    write_file(dir / "in/d-bad-utf8.txt", "Shelling hit Idlib\xC3\x28 and \xFF Ariha.\nClashes near Hama.\n");
    const fs::path out = dir / "out.gpkg";
    const auto r = run_toponym({"map", (dir / "in").string(), "-o", out.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("toponym: " + (dir / "in/b-binary.txt").string() + ":1: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("toponym: " + (dir / "in/c-utf16.txt").string() + ":1: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find((dir / "in/d-bad-utf8.txt").string() + ":1: "), std::string::npos) << "invalid UTF-8 named with its line\n" << r.err;

    const std::vector<Row> docs = read_layer(out, "documents");
    ASSERT_EQ(docs.size(), 4u) << "every input is accounted for";
    std::map<std::string, std::string> status;
    for (const Row& d : docs) status[d.at("doc_id")] = d.at("status");
    EXPECT_EQ(status["a-good"], "ok");
    EXPECT_EQ(status["d-bad-utf8"], "warning");
    EXPECT_EQ(std::count_if(docs.begin(), docs.end(), [](const Row& d) { return d.at("status") == "error"; }), 2);

    const std::vector<Row> events = read_layer(out, "events");
    const auto places = [&] {
        std::set<std::string> s;
        for (const Row& e : events) s.insert(e.at("doc_id") + ":" + e.at("place_name"));
        return s;
    }();
    EXPECT_TRUE(places.contains("a-good:Sarāqib")) << "the good file is mapped despite the bad ones";
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const Row& e) { return e.at("doc_id") == "d-bad-utf8"; }))
        << "the repaired file is mapped";
}

TEST(MapCli, SingleFileInputAndCrLfOffsets) {
    const fs::path dir = fresh_dir("single");
    write_file(dir / "r.txt", "---\r\ntitle: t\r\n---\r\nThe village of Khan Touman was captured.\r\n");
    const fs::path out = dir / "r.gpkg";
    const auto r = run_toponym({"map", (dir / "r.txt").string(), "-o", out.string(), "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Row> mentions = read_layer(out, "mentions");
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].at("surface"), "Khan Touman");
    EXPECT_EQ(mentions[0].at("line"), "4");
    // Offsets count code points of the text with line ends normalised to LF.
    const std::string lf = "---\ntitle: t\n---\nThe village of Khan Touman was captured.\n";
    EXPECT_EQ(mentions[0].at("char_start"), std::to_string(lf.find("Khan Touman")));
    EXPECT_EQ(mentions[0].at("head"), "village");
    const std::vector<Row> events = read_layer(out, "events");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].at("event_type"), "capture_of_territory");
    EXPECT_TRUE(events[0].is_null.at("event_date")) << "no published date, no event date";
}

}  // namespace

// A filter that leaves out the event holding a sentence's casualty figure gives it to an event
// kept that pointed at it: the output states the figure once, not never.
TEST(MapCli, FilterKeepsASharedCasualtyFigure) {
    const fs::path dir = fresh_dir("map-shared-figure");
    write_file(dir / "a.txt", "---\npublished: 2021-02-01\n---\nAir strikes hit Saraqib and Kafr Zita on Monday, killing four civilians.\n");
    const fs::path all = dir / "all.geojson", hama = dir / "hama.geojson";
    ASSERT_EQ(run_toponym({"map", (dir / "a.txt").string(), "-o", all.string(), "-q"}).exit_code, 0);
    const std::vector<Row> events = read_layer(all);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].at("fatalities"), "4");
    EXPECT_EQ(events[1].at("fatalities"), "");
    EXPECT_EQ(events[1].at("casualties_shared_with"), events[0].at("event_id"));
    ASSERT_EQ(run_toponym({"map", (dir / "a.txt").string(), "-o", hama.string(), "-q", "--governorate", "Hama"}).exit_code, 0);
    const std::vector<Row> kept = read_layer(hama);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].at("fatalities"), "4");
    EXPECT_EQ(kept[0].at("casualties_shared_with"), "");
}
