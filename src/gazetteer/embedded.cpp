// The gazetteer's files pulled in by the assembler at build time (core/embedded_file.hpp; CMake
// passes their paths), so the binary needs no data files at run time.
#include "gazetteer/embedded.hpp"

#include "core/embedded_file.hpp"

extern "C" {
// Defined by embedded_tpg.cpp when the binary links it; weak, so they are null otherwise.
extern const char toponym_embedded_tpg_begin[] __attribute__((weak));
extern const char toponym_embedded_tpg_end[] __attribute__((weak));
}

namespace toponym::embedded {

TOPONYM_EMBED_FILE(places_tsv, TOPONYM_EMBED_PLACES)
TOPONYM_EMBED_FILE(admin1_geojson, TOPONYM_EMBED_ADMIN1)
TOPONYM_EMBED_FILE(common_words, TOPONYM_EMBED_WORDS)

std::string_view places_tpg() {
    if (toponym_embedded_tpg_begin == nullptr || toponym_embedded_tpg_end == nullptr) return {};
    return {toponym_embedded_tpg_begin, static_cast<std::size_t>(toponym_embedded_tpg_end - toponym_embedded_tpg_begin)};
}

}  // namespace toponym::embedded
