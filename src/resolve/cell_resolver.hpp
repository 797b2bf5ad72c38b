// Geocoding one free-text location cell of a table ("Al-Mohsenli, countryside of Manbij,
// Aleppo", "Bal el Hawa or Sarmada") with the geoparsing pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "pipeline/pipeline.hpp"

namespace toponym::resolve {

enum class CellStatus { Resolved, Unresolved, Empty };
const char* to_string(CellStatus status);

struct CellResolution {
    CellStatus status = CellStatus::Empty;
    std::optional<std::uint32_t> place;  // gazetteer index of the chosen place
    std::string matched;                 // the words of the cell (or context) that named it
    // How: "name" (the first part), "alternative" (a later "X or Y" option), "fallback" (a
    // coarser later part: "X, countryside of Y" when X is unknown), "context" (only the context
    // columns named a place), "fuzzy" (the first part is a misspelling of a gazetteer name),
    // "alt-column" (found in an alternative column, see resolve_row).
    std::string method;
    int geo_precision = 0;  // 1 exact place, 2 near / part of, 3 admin-area centroid
    double uncertainty_m = 0.0;
    double confidence = 0.0;
    AdminAssignment admin;
    std::vector<Candidate> alternatives;  // other readings, best first (other options, runner-ups)
    std::string note;                     // why unresolved
};

// What a row needs to be placed abroad. The tables resolve reads are about Syria: a place in
// another country needs evidence, else the Syrian reading of the name (or none) is taken
// ("Sayda" is not Sidon, "Binah" not Vienna, "Kuwait Al Rahma camp" not Kuwait City). Evidence
// is that country named elsewhere in the row as a place (a later part, a context column:
// "Beirut, Lebanon"; a demonym is not), or the country listed here. A country's name alone
// ("Binin", a spelling of Benin) is no evidence for itself.
struct CellOptions {
    std::vector<std::string> countries;  // ISO 3166-1 alpha-2 codes placed without other evidence; "any": all
};

// Resolves `location`: comma-separated parts from most to least specific; the first part that
// names a gazetteer place gives the row's place (later parts and `context` values, such as a
// governorate column, help choose among homonyms); "X or Y" takes the first option that
// resolves and keeps the others as alternatives; "countryside of X", "outskirts of X", "near X"
// give precision 2. When only a context value names a place, that place (an admin area if the
// name is one) with precision 3. Thread-safe for a shared `ctx` (read-only).
CellResolution resolve_cell(std::string_view location, const std::vector<std::string>& context, const PipelineContext& ctx,
                            const CellOptions& options = {});

// One row: `location` resolved as above; when it gives no place, or only a coarser one
// (precision 2 or 3), each of `alternatives` (the same location in another column, e.g. its
// Arabic form) is tried in turn and taken when it names a finer place in the same governorate
// (method "alt-column").
CellResolution resolve_row(std::string_view location, const std::vector<std::string>& alternatives,
                           const std::vector<std::string>& context, const PipelineContext& ctx, const CellOptions& options = {});

}  // namespace toponym::resolve
