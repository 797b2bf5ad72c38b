// Fuzz target: relative locations ("30 km north of Aleppo", "Idlib's southern countryside")
// found around the mentions of a report and placed on the ellipsoid: every point must be a
// real position with a real radius, every span inside the text, every anchor a mention.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gazetteer/gazetteer.hpp"
#include "geoparse/mention_finder.hpp"
#include "geoparse/relative.hpp"
#include "geoparse/resolver.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::Gazetteer& gazetteer = toponym::Gazetteer::embedded();
    const std::string text = toponym::text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size)).text;
    const auto tokens = toponym::text::tokenize(text);
    const auto scan = toponym::geoparse::find_mentions(text, tokens, gazetteer);
    const auto mentions = toponym::geoparse::resolve_mentions(text, tokens, scan.matches, gazetteer);
    for (const char* word : {"north", "southwestern", "SE", "x"}) {
        (void)toponym::geoparse::bearing_of(toponym::geoparse::direction_of(word));
    }
    for (const toponym::RelativeLocation& rel : toponym::geoparse::find_relatives(text, tokens, scan.matches, mentions, gazetteer)) {
        if (rel.span.begin_byte > rel.span.end_byte || rel.span.end_byte > text.size()) std::abort();
        if (rel.anchor >= mentions.size() || rel.anchor_place >= gazetteer.places().size()) std::abort();
        if (!(rel.lat >= -90 && rel.lat <= 90 && rel.lon >= -180 && rel.lon <= 180)) std::abort();
        if (!(rel.radius_m >= 0 && std::isfinite(rel.radius_m))) std::abort();
        if (rel.distance_km && !std::isfinite(*rel.distance_km)) std::abort();
    }
    return 0;
}
