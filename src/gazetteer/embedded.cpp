// The assembler's .incbin pulls the files in at build time (CMake passes their paths), so the
// binary needs no data files at run time and the bytes are not copied at start-up.
#include "gazetteer/embedded.hpp"

__asm__(
    ".pushsection .rodata\n"
    ".balign 16\n"
    "toponym_embedded_places_begin:\n"
    ".incbin \"" TOPONYM_EMBED_PLACES "\"\n"
    "toponym_embedded_places_end:\n"
    ".byte 0\n"
    ".balign 16\n"
    "toponym_embedded_admin1_begin:\n"
    ".incbin \"" TOPONYM_EMBED_ADMIN1 "\"\n"
    "toponym_embedded_admin1_end:\n"
    ".byte 0\n"
    ".balign 16\n"
    "toponym_embedded_words_begin:\n"
    ".incbin \"" TOPONYM_EMBED_WORDS "\"\n"
    "toponym_embedded_words_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" {
extern const char toponym_embedded_places_begin[];
extern const char toponym_embedded_places_end[];
extern const char toponym_embedded_admin1_begin[];
extern const char toponym_embedded_admin1_end[];
extern const char toponym_embedded_words_begin[];
extern const char toponym_embedded_words_end[];
// Defined by embedded_tpg.cpp when the binary links it; weak, so they are null otherwise.
extern const char toponym_embedded_tpg_begin[] __attribute__((weak));
extern const char toponym_embedded_tpg_end[] __attribute__((weak));
}

namespace toponym::embedded {

std::string_view places_tsv() {
    return {toponym_embedded_places_begin,
            static_cast<std::size_t>(toponym_embedded_places_end - toponym_embedded_places_begin)};
}

std::string_view admin1_geojson() {
    return {toponym_embedded_admin1_begin,
            static_cast<std::size_t>(toponym_embedded_admin1_end - toponym_embedded_admin1_begin)};
}

std::string_view common_words() {
    return {toponym_embedded_words_begin,
            static_cast<std::size_t>(toponym_embedded_words_end - toponym_embedded_words_begin)};
}

std::string_view places_tpg() {
    if (toponym_embedded_tpg_begin == nullptr || toponym_embedded_tpg_end == nullptr) return {};
    return {toponym_embedded_tpg_begin, static_cast<std::size_t>(toponym_embedded_tpg_end - toponym_embedded_tpg_begin)};
}

}  // namespace toponym::embedded
