// What every importer of `toponym gazetteer build` shares: the importer interface, the registry
// (importers.cpp, tried in order), the build context that collects places and bad rows, and
// the name helpers. Internal to src/gazetteer_build; the public entry is builder.hpp.
//
// A new gazetteer source is one file here defining its Importer, one row in importers.cpp and
// one test in tests/cli/gazetteer_build_test.cpp (CMake takes every .cpp of this folder).
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gazetteer_build/builder.hpp"

namespace toponym::gazetteer_build {

struct Context;

// One kind of source. `accepts` says whether the importer takes the file at `path`, whose
// first line (without its line end) is `first_line` ("" for a directory or "embedded"); it
// reads nothing else and never throws. `import` reads it: adds its places with
// Context::add, reports bad rows with Context::bad_row and pushes one SourceStats per input
// it read (Context::finish). Throws DataError only when the whole input cannot be read.
struct Importer {
    std::string_view name;
    bool (*accepts)(const std::string& path, const std::string& first_line, const BuildOptions& options);
    void (*import)(Context& ctx, const std::string& path);
    // Joins names to places the other sources gave (alternateNames): run, with the status
    // "joining PATH", once every other source is in.
    bool after_others = false;
};

// The importers, tried in order; the first that accepts a file reads it (the last, OGR,
// accepts anything GDAL may open).
const std::vector<const Importer*>& importers();

// Bad rows printed per input; the rest are counted only.
inline constexpr std::size_t kMaxDiagnosticsPerSource = 20;

struct Context {
    const BuildOptions& options;
    BuildResult& result;
    std::set<std::string> countries;  // upper case
    std::set<std::string> classes;    // upper case
    std::unordered_map<std::string, std::size_t> id_counts;  // "#n" suffixes given to each repeated id
    std::unordered_set<std::string> ids;                     // every id given so far
    std::size_t input = 0;                  // the input being read (each OGR layer counts as one)
    std::vector<std::size_t> input_of;      // parallel to result.places: merges join different inputs only

    // Stats for an input at `path`: its label is `label`, or --source-name when given.
    SourceStats start(const std::string& path, std::string kind, const std::string& label) const;
    // Records an input's stats (in the order inputs were read) and moves on to the next input.
    void finish(SourceStats stats);

    // Whether a place passes --countries, --min-population and --feature-classes (counted in
    // stats.filtered when not).
    bool keep(const Place& p, SourceStats& stats) const;
    // Counts a bad row and reports the first kMaxDiagnosticsPerSource as "PATH:LINE: WHY; row skipped".
    void bad_row(SourceStats& stats, const std::string& path, int line, const std::string& why);
    // Syria test for points of incident tables: the pcode of the embedded governorate the point
    // is in, or within ~2 km of (the coarse coast and borders cut off border towns).
    std::optional<std::string> syrian_governorate(double lat, double lon) const;
    // Adds a place with an id unique within the build: a repeated id becomes "<id>#2", "<id>#3"
    // ..., skipping any such id a source already has ("a", "a", "a#2"). A radius of 0 becomes
    // the GeoNames rule of gazetteer/build.py (metres, by feature code and population).
    void add(Place p, SourceStats& stats);
};

// ---- Helpers of the importers (importer.cpp) ----------------------------------------------

std::string lower(std::string s);
std::string upper(std::string s);
// Without surrounding spaces, tabs and quotes (and a trailing CR).
std::string_view trim(std::string_view s);
bool valid_coordinates(double lat, double lon);
// The file stem: the default label of a source.
std::string file_stem(const std::string& path);
// The extension in lower case, with its dot (".csv"), or "".
std::string extension(const std::string& path);
// A name trimmed, without OCHA's Arabic "مركز" ("centre of") prefix of sub-district names.
std::string clean_name(std::string_view name);
// Adds `raw` (cleaned) to the alternate names of `p` unless empty, the name itself, already
// there or outside --name-scripts.
void add_alternate(Place& p, std::string_view raw);
// Sets the scripts add_alternate keeps for this build ("latin", "arabic"; none = all) on this
// thread. Throws UsageError naming --name-scripts for another name.
void set_name_scripts(const std::vector<std::string>& scripts);

// The name column and the alternate-name columns among `fields` (--name-field, else detected:
// `name_en`, `name`, `NAME`, HDX `ADMn_EN` ... first; Arabic, reference and alternate names after).
struct NameFields {
    int name = -1;
    std::vector<int> alternates;
};
NameFields detect_name_fields(const std::vector<std::string>& fields, const BuildOptions& options);
// Index of the first of `names` among `fields` (case-insensitive), or -1.
int find_field(const std::vector<std::string>& fields, std::initializer_list<const char*> names);

}  // namespace toponym::gazetteer_build
