// Issue 17, trust on real tables: event ids unique by construction, a writing problem that
// leaves the rest of the run written, admin levels no finer than the place, casualty figures
// held once, and places abroad only with evidence. Team-written sentences and cells.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "admin/admin_boundaries.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/layer_writer.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline_support.hpp"
#include "resolve/cell_resolver.hpp"
#include "store/gdal_util.hpp"
#include "test_dir.hpp"

namespace {

namespace fs = std::filesystem;
using toponym::DocumentResult;
using toponym::Event;
using toponym::Gazetteer;

Event event_at(const std::string& type, const std::string& subtype, const std::string& place, std::size_t sentence_cp) {
    Event ev;
    ev.event_type = type;
    ev.subtype = subtype;
    ev.place_id = place;
    ev.place_name = place;
    ev.sentence.begin_cp = sentence_cp;
    return ev;
}

// An event's subtype can differ between two events that agree on type, place and sentence
// (one "shelling" with subtype "missiles", one with none): the ids were equal, and the
// GeoPackage's unique index on event_id failed the whole run.
TEST(EventIds, UniqueWhenOnlyTheSubtypeOrNothingTellsEventsApart) {
    DocumentResult r;
    r.doc.doc_id = "note-1";
    r.doc.text = "Shelling and missiles hit the town.";
    r.events = {event_at("shelling", "missiles", "gn:1", 0), event_at("shelling", "", "gn:1", 0), event_at("shelling", "", "gn:1", 0),
                event_at("shelling", "", "gn:1", 0), event_at("clashes", "", "gn:1", 0)};
    toponym::assign_stable_ids(r);
    std::set<std::string> ids;
    for (const Event& ev : r.events) EXPECT_TRUE(ids.insert(ev.event_id).second) << ev.event_id << " twice";
    // Stable: the same document gives the same ids again, in the same order.
    DocumentResult again = r;
    for (Event& ev : again.events) ev.event_id.clear();
    toponym::assign_stable_ids(again);
    for (std::size_t i = 0; i < r.events.size(); ++i) EXPECT_EQ(r.events[i].event_id, again.events[i].event_id);
}

// Rows left out, the rest written: a repeated event id no longer loses the run.
TEST(LayerWriterProblems, RepeatedIdIsLeftOutReportedAndTheRestWritten) {
    const toponym::testing::TestDir dir;
    std::vector<DocumentResult> results = {
        toponym::testing::geoparse("---\npublished: 2019-12-21\n---\nAir strikes hit Saraqib and Binnish on Saturday.\n"),
        toponym::testing::geoparse("Shelling hit Ariha on Sunday.\n")};
    results[0].doc.doc_id = "a";
    results[1].doc.doc_id = "b";
    for (DocumentResult& r : results) toponym::assign_stable_ids(r);
    ASSERT_EQ(results[0].events.size(), 2u);
    results[0].events[1].event_id = results[0].events[0].event_id;  // as two events with one id were made before
    const std::string path = (dir.path() / "out.gpkg").string();
    toponym::io::LayerCounts counts;
    ASSERT_NO_THROW(counts = toponym::io::write_layers(path, path, toponym::io::OutputFormat::GeoPackage,
                                                       toponym::io::layers_for(toponym::io::OutputFormat::GeoPackage, {}), results,
                                                       Gazetteer::embedded(), &toponym::testing::embedded_boundaries().admin1()));
    ASSERT_EQ(counts.problems.size(), 1u);
    EXPECT_NE(counts.problems[0].message.find("repeats"), std::string::npos) << counts.problems[0].message;
    EXPECT_NE(counts.problems[0].message.find("document a"), std::string::npos) << counts.problems[0].message;
    EXPECT_EQ(counts.events, 1u + results[1].events.size());
    EXPECT_EQ(counts.documents, 2u);

    toponym::io::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayerByName("events")->GetFeatureCount(), static_cast<GIntBig>(counts.events));
    OGRLayer* docs = ds->GetLayerByName("documents");
    ASSERT_TRUE(docs);
    int marked = 0;
    for (auto& f : *docs) {
        const std::string status = f->GetFieldAsString("status");
        if (std::string(f->GetFieldAsString("doc_id")) == "a") {
            EXPECT_EQ(status, "error");
            EXPECT_NE(std::string(f->GetFieldAsString("messages")).find("left out"), std::string::npos);
            ++marked;
        } else {
            EXPECT_NE(status, "error");
        }
    }
    EXPECT_EQ(marked, 1);
}

// "Helicopters dropped barrel bombs on A and B, killing four civilians" states four deaths
// once: one event holds them, the other points at it.
TEST(Casualties, OneFigureOfASentenceIsHeldByOneEvent) {
    DocumentResult r = toponym::testing::geoparse(
        "---\npublished: 2019-12-21\n---\nHelicopters dropped barrel bombs on Saraqib and Binnish on Monday, killing four civilians "
        "and wounding nine.\n");
    r.doc.doc_id = "note";
    toponym::assign_stable_ids(r);
    ASSERT_EQ(r.events.size(), 2u);
    long killed = 0, injured = 0;
    for (const Event& ev : r.events) {
        killed += ev.killed.value_or(0);
        injured += ev.injured.value_or(0);
    }
    EXPECT_EQ(killed, 4);
    EXPECT_EQ(injured, 9);
    EXPECT_EQ(r.events[0].killed, 4) << "the first place named holds the figure";
    EXPECT_TRUE(r.events[0].casualties_shared_with.empty());
    EXPECT_EQ(r.events[1].casualties_shared_with, r.events[0].event_id);
    EXPECT_EQ(r.events[1].casualty_text, r.events[0].casualty_text) << "the phrase stays on both";
    // A second call, once the run has made the document id unique, keeps the pointer right.
    r.doc.doc_id = "note#2";
    r.doc.doc_key.clear();
    toponym::assign_stable_ids(r);
    EXPECT_EQ(r.events[1].casualties_shared_with, r.events[0].event_id);
    EXPECT_EQ(r.events[0].killed, 4);
}

TEST(Casualties, FiguresOfTwoSentencesAreTheirsEach) {
    DocumentResult r = toponym::testing::geoparse(
        "---\npublished: 2019-12-21\n---\nAir strikes on Saraqib on Monday killed three people. Shelling on Binnish on Monday killed "
        "three people.\n");
    toponym::assign_stable_ids(r);
    ASSERT_EQ(r.events.size(), 2u);
    for (const Event& ev : r.events) {
        EXPECT_EQ(ev.killed, 3) << ev.place_name;
        EXPECT_TRUE(ev.casualties_shared_with.empty());
    }
}

// A governorate's centroid lies in some district, but naming the governorate says nothing
// about which: a place at governorate level gets admin1 only.
TEST(AdminLevels, NoDistrictForAGovernorateNoSubdistrictForADistrict) {
    const toponym::testing::TestDir dir;
    // One made-up district over the whole of the middle of Idlib governorate (SY07), and a
    // sub-district inside it, HDX-style fields.
    std::ofstream(dir.path() / "units.geojson") << R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"ADM3_PCODE":"SY070100","ADM3_EN":"Middle","ADM2_PCODE":"SY0701","ADM1_PCODE":"SY07"},
       "geometry":{"type":"Polygon","coordinates":[[[36.0,35.3],[37.2,35.3],[37.2,36.3],[36.0,36.3],[36.0,35.3]]]}}]})";
    std::ofstream(dir.path() / "districts.geojson") << R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"ADM2_PCODE":"SY0701","ADM2_EN":"Centre","ADM1_PCODE":"SY07"},
       "geometry":{"type":"Polygon","coordinates":[[[36.0,35.3],[37.2,35.3],[37.2,36.3],[36.0,36.3],[36.0,35.3]]]}}]})";
    const auto b = toponym::admin::AdminBoundaries::from_specs(
        {(dir.path() / "districts.geojson").string(), (dir.path() / "units.geojson").string()});
    ASSERT_NE(b.level(2), nullptr);
    ASSERT_NE(b.level(3), nullptr);
    const Gazetteer& g = Gazetteer::embedded();
    const toponym::Place& idlib = g.place(g.find_id("ne1:SY07").value());
    ASSERT_EQ(idlib.feature_code, "ADM1");
    const toponym::AdminAssignment gov = b.assign(idlib);
    EXPECT_EQ(gov.admin1_pcode, "SY07");
    EXPECT_TRUE(gov.admin2_pcode.empty() && gov.admin2.empty()) << gov.admin2;
    EXPECT_TRUE(gov.admin3_pcode.empty() && gov.admin3.empty()) << gov.admin3;
    // A town keeps every level.
    const toponym::DocumentResult town = [&] {
        const toponym::PipelineContext ctx{g, b, nullptr};
        return toponym::process_document(toponym::ingest::parse_text_document("r.txt", "Air strikes hit Saraqib on Monday.\n"), ctx);
    }();
    ASSERT_FALSE(town.events.empty());
    EXPECT_EQ(town.events[0].admin.admin2_pcode, "SY0701");
    EXPECT_EQ(town.events[0].admin.admin3_pcode, "SY070100");
    // An event placed at its governorate (geo_precision 3), and one in a governorate's
    // countryside (measured from it): admin1 only.
    const toponym::PipelineContext ctx{g, b, nullptr};
    for (const char* text : {"Air strikes hit Idlib province on Monday.\n", "Air strikes hit the southern countryside of Idlib province on Monday.\n"}) {
        const toponym::DocumentResult r = toponym::process_document(toponym::ingest::parse_text_document("r.txt", text), ctx);
        ASSERT_FALSE(r.events.empty()) << text;
        for (const Event& ev : r.events) {
            EXPECT_EQ(ev.admin.admin1_pcode, "SY07") << text;
            EXPECT_TRUE(ev.admin.admin2_pcode.empty()) << text << ev.admin.admin2_pcode;
            EXPECT_TRUE(ev.admin.admin3_pcode.empty()) << text << ev.admin.admin3_pcode;
        }
    }
}

const toponym::PipelineContext& cell_ctx() {
    static const toponym::PipelineContext c{Gazetteer::embedded(), toponym::testing::embedded_boundaries(), &toponym::testing::embedded_fuzzy()};
    return c;
}

std::string country_of(const toponym::resolve::CellResolution& r) {
    if (r.status != toponym::resolve::CellStatus::Resolved || !r.place) return "";
    return Gazetteer::embedded().place(*r.place).country_code;
}

// A table about Syria: a place abroad needs its country named in the row, or --countries.
TEST(CellsAbroad, NeedTheirCountryNamedOrListed) {
    using toponym::resolve::resolve_cell;
    using toponym::resolve::CellStatus;
    for (const char* cell : {"Vienna", "Sidon", "Vienna village", "Sidon, Idlib countryside"}) {
        const auto r = resolve_cell(cell, {}, cell_ctx());
        EXPECT_TRUE(r.status != CellStatus::Resolved || country_of(r) == "SY") << cell << " placed in " << country_of(r);
    }
    EXPECT_EQ(country_of(resolve_cell("Sidon, Lebanon", {}, cell_ctx())), "LB");
    EXPECT_EQ(country_of(resolve_cell("Vienna", {"Austria"}, cell_ctx())), "AT") << "a context column names the country";
    toponym::resolve::CellOptions options;
    options.countries = {"at"};
    EXPECT_EQ(country_of(resolve_cell("Vienna", {}, cell_ctx(), options)), "AT");
    options.countries = {"any"};
    EXPECT_EQ(country_of(resolve_cell("Sidon", {}, cell_ctx(), options)), "LB");
    // A demonym is no evidence: the place of "the Iranian consulate in Damascus" is Damascus.
    EXPECT_EQ(country_of(resolve_cell("Iranian consulate in Damascus", {}, cell_ctx())), "SY");
}

}  // namespace
