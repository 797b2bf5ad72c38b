// Finding place-name mentions: longest match of folded token sequences against the gazetteer's
// name keys, plus cue phrases ("the villages of A, B and C") that reveal names it lacks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/tokenize.hpp"

namespace toponym::geoparse {

// A name found in the gazetteer.
struct NameMatch {
    std::size_t first_token = 0;  // including an attached article ("al-" of al-Hamidiyah)
    std::size_t last_token = 0;   // inclusive
    std::string key;              // the folded key that matched
    std::string head;             // generic word qualifying it: "province", "city", "village", ... or ""
    PlaceIds places;
    bool demonym = false;  // "Syrian", "Russians": places are the country's name's places
    bool fuzzy = false;    // matched a key within a small edit distance, not exactly
};

// A name introduced by a cue ("the village of X") that the gazetteer does not know.
struct CueName {
    std::size_t first_token = 0;
    std::size_t last_token = 0;
    std::string head;  // "village", "town", ...
    // Reported as an unresolved name when the gazetteer has no reading for it; false for a
    // name no cue introduces (only looked up whole).
    bool report = true;
};

struct MentionScan {
    std::vector<NameMatch> matches;
    std::vector<CueName> unknown;
};

class FuzzyIndex;

// Scans the tokens of one document. `text` is the text the tokens index into. With a fuzzy
// index, names the cues reveal ("the village of Rwayha", "Hay al Rashdein") that no key holds
// exactly are tried against the keys within a small edit distance. Names before `names_end`
// (a table cell of place names, Document::names_end_byte) are names even where a capital
// could be a headline's ("Rattle" is a word, "Ratlah" in a location column a village).
MentionScan find_mentions(std::string_view text, const std::vector<text::Token>& tokens, const Gazetteer& gazetteer,
                          const FuzzyIndex* fuzzy = nullptr, std::size_t names_end = 0);

// "the eastern outskirts of the capital", «أطراف العاصمة»: Syria's capital, read as the name
// Damascus, in a report that names a Syrian town or governorate, or a village introduced as a
// place, after drop_villages_out_of_context. Not "the
// capital Damascus" (the name follows), "the capital of Idlib province" or "the provincial
// capital". Keeps `matches` sorted by first token.
void add_the_capital(const std::vector<text::Token>& tokens, const Gazetteer& gazetteer, std::vector<NameMatch>& matches);

// Span of tokens[first..last] in `text` (bytes, code points, line).
Span token_span(const std::vector<text::Token>& tokens, std::size_t first, std::size_t last);

// Below this many people a Syrian place is a village: its name alone is weak evidence.
inline constexpr std::int64_t kTownPopulation = 10'000;

// True when every place of the match is a village in Syria (no admin area, no town).
bool only_small_places(const NameMatch& m, const Gazetteer& g);

}  // namespace toponym::geoparse
