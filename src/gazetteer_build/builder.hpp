// `toponym gazetteer build`: importers that turn GeoNames dumps, OGR layers and CSV/TSV tables
// (including incident tables whose repeated names are clustered) into places, and the merge of
// duplicates across sources.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"

namespace toponym::gazetteer_build {

struct BuildOptions {
    std::vector<std::string> countries;        // ISO 3166-1 alpha-2; empty = all. Places without a country pass.
    std::vector<std::string> feature_classes;  // GeoNames class letters (P, A, ...); empty = all
    double merge_km = 5.0;                     // same folded name within this distance, other source: one place
    std::vector<std::string> layers;           // OGR layers to read; empty = every layer with a name field
    std::vector<std::string> name_fields;      // OGR/table fields holding names (first = the name); empty = detect
    bool cluster = false;                      // tables: cluster repeated names (incident tables); implies syria_only
    double cluster_km = 10.0;                  // points of one name farther apart than this are separate places
    bool syria_only = false;                   // drop points outside Syria (embedded governorates, ~2 km tolerance)
    std::string source_name;                   // overrides the source label of every input
    std::int64_t min_population = 0;           // drop populated places (class P) with fewer people
    // Keep only alternate names written in these scripts ("latin", "arabic"); empty = all.
    // News in English and Arabic never needs the Chinese or Cyrillic names GeoNames lists.
    std::vector<std::string> name_scripts;
};

// What one input gave.
struct SourceStats {
    std::string path;
    std::string source;     // label written in Place::source
    std::string kind;       // geonames, alternate-names, ogr, table, toponym
    std::size_t rows = 0;   // rows / features read
    std::size_t places = 0; // places it contributed (before merging)
    std::size_t bad = 0;    // rows reported and skipped
    std::size_t no_coordinates = 0;
    std::size_t filtered = 0;  // dropped by --countries / --feature-classes or not a place (OSM without place=*)
    std::size_t outside_syria = 0;
    std::size_t ambiguous = 0;    // "A or B", "A and B": several places in one name (cluster mode)
    std::size_t clusters = 0;     // cluster mode: places made from the rows
    std::size_t names = 0;        // cluster mode: distinct folded names
    std::size_t alternate_names = 0;  // alternate-names files: names joined to places
};

struct BuildResult {
    std::vector<Place> places;  // merged, ids unique
    std::vector<SourceStats> sources;
    std::vector<Diagnostic> diagnostics;  // bad rows (file and line); the build went on
    std::size_t merged = 0;               // places folded into a place of another source
};

// Imports every source with the first importer that accepts it (importer.hpp: toponym
// gazetteers and "embedded" = the gazetteer compiled into the binary, GeoNames and its
// alternateNames, CSV/TSV tables, OGR layers), filters, clusters and merges. Throws DataError only
// when a whole input cannot be read; bad rows become diagnostics.
BuildResult build(const std::vector<std::string>& sources, const BuildOptions& options,
                  const std::function<void(const std::string&)>& status = {});

// The places in the toponym TSV format ("# toponym-gazetteer 1", read by Gazetteer::from_tsv),
// with a `confidence` column; tabs, newlines and '|' inside names become spaces.
std::string to_tsv(const std::vector<Place>& places, const std::string& comment);

}  // namespace toponym::gazetteer_build
