// Choosing the place a name refers to among same-named gazetteer candidates.
#pragma once

#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/mention_finder.hpp"

namespace toponym::geoparse {

// Turns matches into mentions with ranked candidates and a confidence. Scores combine the
// qualifier ("Idlib province" wants the governorate, "the village of X" a populated place),
// country (reports are about Syria), population, the governorates the document names and the
// distance to the places it names without ambiguity (Babilla near Maarat al-Numan is the Idlib
// village, not the one near Damascus). Near ties go to the reading the gazetteer attests best
// (a community list over Who's On First alone, a living place, after "neighbourhood" the one
// inside a city; for Arabic script also its spelling: arabic::add_attestation). Every candidate
// is kept, best first.
// Drops the weak matches of a document that says nothing of Syria: it names no Syrian town,
// governorate, administrative seat, the country or a demonym of it, and (unless its names point
// to another country) none of the war's actors and means (regime, IS, QSD, rebels, militias,
// air strikes, shelling, ...), and is not in Arabic script. There, a name matched only by a
// small edit distance, or naming only villages, stays only when introduced as a place ("the
// village of X") in a document whose own names do not point to another country. A local US
// paper's "Shin" or "Gaza" is not the Syrian village; a report about Syria keeps every village.
// A name before `names_end` (a table cell of place names) is introduced as a place.
void drop_villages_out_of_context(std::string_view text, const std::vector<text::Token>& tokens,
                                  std::vector<NameMatch>& matches, const Gazetteer& gazetteer, std::size_t names_end = 0);

std::vector<Mention> resolve_mentions(std::string_view text, const std::vector<text::Token>& tokens,
                                      const std::vector<NameMatch>& matches, const Gazetteer& gazetteer);

// "the village of Umm Dawaliq in the southern countryside of Al-Hasakeh", "Tal Dawaliq in southern
// Aleppo": a relative location written just after a name (same sentence, nothing but a head
// word and a preposition between) says which of its homonyms is meant: the reading nearest to
// the relative point, when the chosen one lies far outside that point's reach. Returns the
// indexes of the mentions whose place changed (their admin areas must be assigned again).
std::vector<std::size_t> prefer_readings_near_relatives(std::string_view text, std::vector<Mention>& mentions,
                                                        const std::vector<RelativeLocation>& relatives,
                                                        const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
