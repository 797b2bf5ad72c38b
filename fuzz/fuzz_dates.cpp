// Fuzz target: date expressions of a sentence resolved against a publication date, and the
// dateline search ("31/02/2016", "July last year", "between 12 and 14 July 2016"). The first
// two bytes pick the publication day (or none). Invariants from date_resolver.hpp: a guess is
// never after publication, its bounds enclose it, and an unknown precision has no range.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "events/date_resolver.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    std::optional<toponym::Date> published;
    const unsigned day = data[0] | (data[1] << 8);
    if (day != 0xFFFF) published = toponym::Date(std::chrono::days(14000 + day % 8000));  // 2008 .. 2030
    const std::string text =
        toponym::text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data + 2), size - 2)).text;
    const toponym::events::DateGuess g = toponym::events::resolve_sentence_date(text, published);
    if (g.date && g.min && *g.date < *g.min) std::abort();
    if (g.date && g.max && *g.date > *g.max) std::abort();
    if (published && g.precision != "unknown" && g.date && *g.date > *published) std::abort();
    (void)toponym::events::find_dateline(text);
    return 0;
}
