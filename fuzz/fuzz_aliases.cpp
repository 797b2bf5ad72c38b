// Fuzz target: the alias file reader (--aliases: `name<TAB>place id` or `name<TAB>lat,lon`,
// '#' comments) applied to a small stacked gazetteer. A bad line is a DataError naming the file
// and its line; after a good file every alias name resolves to exactly one place, every place
// has real coordinates and an id of its own, and the spatial index can be built.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"

namespace {

// A few places of the team's own making (not GeoNames rows): enough for ids, homonyms and a
// multi-word name to be aliased.
constexpr std::string_view kPlaces =
    "# toponym-gazetteer 1\n"
    "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\talternate_names\n"
    "t:1\tAleppo\t36.2\t37.16\tP\tPPLA\tSY\tSY02\t2000000\t8000\tHalab|Haleb\n"
    "t:2\tIdlib\t35.93\t36.63\tP\tPPLA\tSY\tSY07\t160000\t3000\t\n"
    "t:3\tDeir ez-Zor\t35.33\t40.14\tP\tPPLA\tSY\tSY09\t200000\t3000\tDeir al-Zour\n"
    "t:4\tTal Rifaat\t36.47\t37.1\tP\tPPL\tSY\tSY02\t20000\t2000\t\n"
    "t:5\tIdlib\t35.8\t36.6\tA\tADM1\tSY\tSY07\t\t40000\t\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::Gazetteer base = toponym::Gazetteer::from_tsv(kPlaces, "fuzz places");
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    toponym::Gazetteer g = toponym::Gazetteer::stack({&base});
    try {
        g.apply_aliases(bytes, "fuzz-aliases.tsv");
    } catch (const toponym::DataError& e) {
        if (e.where() != "fuzz-aliases.tsv" || e.line() < 1) std::abort();
        return 0;
    }
    std::set<std::string> ids;
    for (std::uint32_t i = 0; i < g.places().size(); ++i) {
        const toponym::Place& p = g.place(i);
        if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180)) std::abort();
        if (!ids.insert(p.id).second) std::abort();
        if (g.find_id(p.id) != i) std::abort();
    }
    for (std::string_view key : {"aleppo", "halab", "idlib", "tal rifaat", "deir ez zor"}) {
        for (std::uint32_t found : g.lookup(key)) {
            if (found >= g.places().size()) std::abort();
        }
    }
    for (std::uint32_t found : g.nearest(35.0, 38.0, 4)) {
        if (found >= g.places().size()) std::abort();
    }
    return 0;
}
