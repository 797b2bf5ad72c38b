// Fuzz target: filter option values: --bbox and the ISO dates of --from/--to and front matter.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "filter/feature_filter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string value(reinterpret_cast<const char*>(data), size);
    try {
        const auto b = toponym::filter::parse_bbox(value, "--bbox");
        // An accepted box is four finite degrees with min <= max.
        for (double v : b) {
            if (!std::isfinite(v)) std::abort();
        }
        if (b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) std::abort();
    } catch (const toponym::UsageError& e) {
        if (e.where() != "--bbox") std::abort();
    }
    if (const auto day = toponym::parse_iso_date(value)) {
        // A parsed day prints back as the first ten characters of the (trimmed) value.
        const std::string printed = toponym::format_date(*day);
        if (value.find(printed) == std::string::npos) std::abort();
    }
    return 0;
}
