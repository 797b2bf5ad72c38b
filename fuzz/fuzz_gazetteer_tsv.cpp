// Fuzz target: the gazetteer TSV reader (--gazetteer files) and the indexes built from it.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const toponym::Gazetteer g = toponym::Gazetteer::from_tsv(bytes, "fuzz.tsv");
        for (std::uint32_t i = 0; i < g.places().size(); ++i) {
            const toponym::Place& p = g.place(i);
            if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180)) std::abort();
            if (!(p.radius_m >= 0 && p.radius_m < HUGE_VAL)) std::abort();
            if (g.find_id(p.id) != i) std::abort();
        }
        if (!g.places().empty()) (void)g.nearest(35.0, 38.0, 3);
    } catch (const toponym::DataError& e) {
        if (e.where() != "fuzz.tsv") std::abort();
    }
    return 0;
}
