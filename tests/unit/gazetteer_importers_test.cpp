// The registry of gazetteer sources (src/gazetteer_build/importers.cpp): which importer takes
// which file, from its name and first line alone, in the order they are tried.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "gazetteer_build/importer.hpp"

namespace {

using toponym::gazetteer_build::BuildOptions;
using toponym::gazetteer_build::importers;

// The name of the first importer that accepts the file.
std::string importer_of(const std::string& path, const std::string& first_line) {
    const BuildOptions options;
    for (const auto* importer : importers()) {
        if (importer->accepts(path, first_line, options)) return std::string(importer->name);
    }
    return "none";
}

const std::string kGeoNamesRow =
    "9100001\tKafr Nabl\tKafr Nabl\tKfarnabel\t35.61\t36.56\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t420\tAsia/Damascus\t2020-01-01";

}  // namespace

TEST(GazetteerImporters, EachFileGoesToTheFirstImporterThatAcceptsIt) {
    EXPECT_EQ(importer_of("embedded", ""), "toponym");
    EXPECT_EQ(importer_of("local.tsv", "# toponym-gazetteer 1"), "toponym");
    EXPECT_EQ(importer_of("SY.txt", kGeoNamesRow), "geonames");
    EXPECT_EQ(importer_of("SY.csv", kGeoNamesRow), "table") << "GeoNames dumps are .txt or .tsv";
    EXPECT_EQ(importer_of("alternateNamesV2.txt", "1\t9100001\tar\tكفر نبل\t\t\t\t\t\t"), "alternate-names");
    EXPECT_EQ(importer_of("names.txt", "1\t9100001\tar\tكفر نبل"), "table") << "alternate names by their file name only";
    EXPECT_EQ(importer_of("places.csv", "name,lat,lon"), "table");
    EXPECT_EQ(importer_of("places.tsv", "name\tlat\tlon"), "table");
    EXPECT_EQ(importer_of("admin.geojson", "{"), "ogr");
    EXPECT_EQ(importer_of("villages.osm", "<?xml version=\"1.0\"?>"), "ogr");
    EXPECT_EQ(importer_of("boundaries.gdb", ""), "ogr") << "a directory";
}

TEST(GazetteerImporters, NamesAreUniqueAndOgrComesLast) {
    std::set<std::string> names;
    for (const auto* importer : importers()) EXPECT_TRUE(names.insert(std::string(importer->name)).second) << importer->name;
    ASSERT_FALSE(importers().empty());
    EXPECT_EQ(importers().back()->name, "ogr") << "it accepts anything: importers after it would never be tried";
    std::size_t after_others = 0;
    for (const auto* importer : importers()) after_others += importer->after_others;
    EXPECT_EQ(after_others, 1u) << "alternateNames only";
}
