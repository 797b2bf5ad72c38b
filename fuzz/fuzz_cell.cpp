// Fuzz target: `toponym resolve`'s location cells ("Al-Mohsenli, countryside of Manbij, Aleppo",
// "Bab al-Hawa or Sarmada") split into parts, options and qualifiers and resolved against the
// embedded gazetteer. The input is tab-separated: the location cell, then context values (a
// governorate column). A resolved cell names a real place with a precision of 1 to 3, a
// finite uncertainty and confidence in [0, 1]; its alternatives are other real places.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/fields.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/pipeline.hpp"
#include "resolve/cell_resolver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    static const toponym::geoparse::FuzzyIndex fuzzy(toponym::Gazetteer::embedded());  // as `toponym resolve` has it
    static const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), boundaries, &fuzzy};
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string_view> fields = toponym::split_fields(bytes, '\t');
    const std::vector<std::string> context(fields.begin() + 1, fields.end());
    const toponym::resolve::CellResolution r = toponym::resolve::resolve_cell(fields.front(), context, ctx);
    const std::size_t n = ctx.gazetteer.places().size();
    switch (r.status) {
        case toponym::resolve::CellStatus::Resolved:
            if (!r.place || *r.place >= n) std::abort();
            if (r.geo_precision < 1 || r.geo_precision > 3) std::abort();
            if (!(r.uncertainty_m >= 0 && std::isfinite(r.uncertainty_m))) std::abort();
            if (!(r.confidence >= 0 && r.confidence <= 1)) std::abort();
            if (r.method.empty()) std::abort();
            break;
        case toponym::resolve::CellStatus::Unresolved:
            if (r.place || r.note.empty()) std::abort();
            break;
        case toponym::resolve::CellStatus::Empty:
            if (r.place) std::abort();
            break;
    }
    for (const toponym::Candidate& c : r.alternatives) {
        if (c.place >= n || (r.place && c.place == *r.place)) std::abort();
    }
    return 0;
}
