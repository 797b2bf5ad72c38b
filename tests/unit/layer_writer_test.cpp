// The GeoPackage map writes: rows of the big layers inserted with SQLite after GDAL has made the
// file (WriteEngine::Auto) give the file GDAL writes alone (WriteEngine::Gdal), row for row.
#include "io/layer_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gpkg_dump.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline_support.hpp"
#include "test_dir.hpp"

namespace {

using toponym::DocumentResult;

std::vector<DocumentResult> reports() {
    // Names, relative places, an unknown village, quotes and a comma in text, a report with a
    // published date and one without, one naming no place at all.
    std::vector<DocumentResult> results = {
        toponym::testing::geoparse("---\ntitle: Strikes near \"Idlib\", again\npublished: 2019-12-21\n---\n"
                                   "Air strikes hit the villages of Babila and Hish, 10 km south of Maarat al-Numan, on "
                                   "Saturday. Shelling hit the eastern countryside of Hama and the village of Zorzor.\n"),
        toponym::testing::geoparse("Clashes continued near Khan Tuman as government forces advanced on Aleppo's "
                                   "al-Rashidin neighbourhood; families fled to Afrin.\n"),
        toponym::testing::geoparse("Markets reopened on Tuesday.\n"),
    };
    for (std::size_t i = 0; i < results.size(); ++i) {
        results[i].doc.doc_id = "report-" + std::to_string(i);
        toponym::assign_stable_ids(results[i]);
    }
    return results;
}

}  // namespace

TEST(LayerWriter, GeoPackageRowsThroughSqliteAreWhatGdalWrites) {
    const toponym::testing::TestDir dir;
    const std::vector<DocumentResult> results = reports();
    std::size_t mentions = 0;
    for (const DocumentResult& r : results) mentions += r.mentions.size() + r.relatives.size();
    ASSERT_GE(mentions, 6u);
    const auto write = [&](const std::string& name, toponym::io::WriteEngine engine) {
        const std::string path = (dir.path() / name).string();
        const toponym::io::LayerCounts counts = toponym::io::write_layers(
            path, path, toponym::io::OutputFormat::GeoPackage, toponym::io::layers_for(toponym::io::OutputFormat::GeoPackage, {}),
            results, toponym::Gazetteer::embedded(), &toponym::testing::embedded_boundaries().admin1(), engine);
        EXPECT_EQ(counts.mentions, mentions);
        EXPECT_EQ(counts.documents, results.size());
        return toponym::testing::gpkg_contents_of(path);
    };
    const std::vector<std::string> ours = write("sqlite.gpkg", toponym::io::WriteEngine::Auto);
    const std::vector<std::string> gdal = write("gdal.gpkg", toponym::io::WriteEngine::Gdal);
    const auto rows_of = [&](const std::string& table) {
        return std::count_if(ours.begin(), ours.end(), [&](const std::string& l) { return l.rfind(table + ": ", 0) == 0; });
    };
    EXPECT_EQ(rows_of("mentions"), static_cast<long>(mentions));
    EXPECT_EQ(rows_of("documents"), static_cast<long>(results.size()));
    EXPECT_NE(std::find_if(ours.begin(), ours.end(), [](const std::string& l) { return l.find("|2019-12-21|") != std::string::npos; }),
              ours.end())
        << "the published date, as GDAL stores a date";
    // The first line that differs, for a readable failure.
    std::string only;
    for (std::size_t i = 0; i < std::max(ours.size(), gdal.size()) && only.empty(); ++i) {
        const std::string a = i < ours.size() ? ours[i] : "(none)", b = i < gdal.size() ? gdal[i] : "(none)";
        if (a != b) only = "\n  line " + std::to_string(i) + "\n  sqlite: " + a + "\n  gdal:   " + b;
    }
    EXPECT_TRUE(ours == gdal) << "the same file, row for row, index for index" << only;
}

TEST(LayerSink, ManyDocumentsStreamedGiveWhatGdalWritesAlone) {
    // Enough rows that the SQLite rows go through the temporary file in several chunks (4 MB
    // each), handed one document at a time.
    const toponym::testing::TestDir dir;
    const std::vector<DocumentResult> base = reports();
    std::vector<DocumentResult> results;
    for (int copy = 0; copy < 700; ++copy) {
        for (std::size_t i = 0; i < base.size(); ++i) {
            DocumentResult r = base[i];
            r.doc.doc_id = "copy-" + std::to_string(copy) + "-" + std::to_string(i);
            r.doc.doc_key.clear();
            toponym::assign_stable_ids(r);
            results.push_back(std::move(r));
        }
    }
    const auto layers = toponym::io::layers_for(toponym::io::OutputFormat::GeoPackage, {});
    const std::string streamed = (dir.path() / "streamed.gpkg").string();
    {
        toponym::io::LayerSink sink(streamed, streamed, toponym::io::OutputFormat::GeoPackage, layers, toponym::Gazetteer::embedded(),
                                    &toponym::testing::embedded_boundaries().admin1());
        for (const DocumentResult& r : results) sink.add(r);
        const toponym::io::LayerCounts counts = sink.finish();
        EXPECT_EQ(counts.documents, results.size());
        EXPECT_TRUE(counts.problems.empty());
    }
    const std::string gdal = (dir.path() / "gdal.gpkg").string();
    toponym::io::write_layers(gdal, gdal, toponym::io::OutputFormat::GeoPackage, layers, results, toponym::Gazetteer::embedded(),
                              &toponym::testing::embedded_boundaries().admin1(), toponym::io::WriteEngine::Gdal);
    const std::vector<std::string> ours = toponym::testing::gpkg_contents_of(streamed);
    const std::vector<std::string> theirs = toponym::testing::gpkg_contents_of(gdal);
    EXPECT_GT(ours.size(), 7000u);
    EXPECT_TRUE(ours == theirs) << "the same file, row for row";
}

TEST(LayerSink, ASinkDroppedUnfinishedLeavesNoHandleOpen) {
    const toponym::testing::TestDir dir;
    const std::string path = (dir.path() / "dropped.gpkg").string();
    {
        toponym::io::LayerSink sink(path, path, toponym::io::OutputFormat::GeoPackage, {"events", "documents"},
                                    toponym::Gazetteer::embedded(), nullptr);
        for (const DocumentResult& r : reports()) sink.add(r);
    }
    EXPECT_TRUE(std::filesystem::exists(path)) << "incomplete, for the caller to remove";
    const std::string other = (dir.path() / "other.gpkg").string();
    EXPECT_THROW(toponym::io::LayerSink(other, other, toponym::io::OutputFormat::GeoPackage, {"governorates"},
                                        toponym::Gazetteer::embedded(), nullptr),
                 toponym::DataError)
        << "governorates need boundaries";
}

TEST(StoreSink, AppendsAsDocumentsArriveAndLeavesNothingWhenDropped) {
    const toponym::testing::TestDir dir;
    const std::vector<DocumentResult> results = reports();
    const auto layers = toponym::io::layers_for(toponym::io::OutputFormat::GeoPackage, {});
    const std::string path = (dir.path() / "store.gpkg").string();
    toponym::io::write_layers(path, path, toponym::io::OutputFormat::GeoPackage, layers, {results.front()}, toponym::Gazetteer::embedded(),
                              &toponym::testing::embedded_boundaries().admin1());
    const std::vector<std::string> before = toponym::testing::gpkg_contents_of(path);
    toponym::io::StoreOptions append;
    append.append = true;
    const auto sink = [&] {
        return std::make_unique<toponym::io::StoreSink>(path, path, toponym::io::OutputFormat::GeoPackage, layers,
                                                        toponym::Gazetteer::embedded(),
                                                        &toponym::testing::embedded_boundaries().admin1(), append);
    };
    {
        const auto dropped = sink();
        for (const DocumentResult& r : results) dropped->add(r);
    }
    EXPECT_TRUE(toponym::testing::gpkg_contents_of(path) == before) << "a sink dropped unfinished rolls back";
    const auto kept = sink();
    for (const DocumentResult& r : results) kept->add(r);
    const toponym::io::StoreSummary summary = kept->finish();
    EXPECT_EQ(summary.new_documents, results.size() - 1);
    EXPECT_EQ(summary.unchanged_documents, 1u);
    EXPECT_EQ(summary.written.documents, results.size() - 1);
    EXPECT_THROW(kept->add(results.front()), std::logic_error);
}

// ---- KML descriptions ---------------------------------------------------------------------

TEST(KmlDescription, StatesTheDirectionOfTheText) {
    using toponym::io::kml_description;
    EXPECT_EQ(kml_description("قصف جوي على Kafranbel."), "<div dir=\"rtl\">قصف جوي على Kafranbel.</div>");
    EXPECT_EQ(kml_description("4 غارات على Saraqib"), "<div dir=\"rtl\">4 غارات على Saraqib</div>")
        << "a number first: the first letter decides";
    EXPECT_EQ(kml_description("Shelling hit Khan Shaykhun (خان شيخون)."),
              "<div dir=\"ltr\">Shelling hit Khan Shaykhun (خان شيخون).</div>");
    EXPECT_EQ(kml_description(""), "<div dir=\"ltr\"></div>");
}

TEST(KmlDescription, TheTextIsEscapedNeverMarkup) {
    using toponym::io::kml_description;
    EXPECT_EQ(kml_description("a <b>\"x\"</b> & ]]> <script>"),
              "<div dir=\"ltr\">a &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; ]]&gt; &lt;script&gt;</div>");
    EXPECT_EQ(toponym::io::kml_description("\u202Eعكس"), "<div dir=\"rtl\">\u202Eعكس</div>")
        << "the text itself is kept as written";
}
