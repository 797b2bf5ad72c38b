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
// village, not the one near Damascus). Every candidate is kept, best first.
// Drops the matches that name only Syrian villages, without a head ("the village of X"), from a
// document about another country (its unambiguous names point elsewhere) that names nothing
// else in Syria: no governorate, town, the country or a Syrian demonym. A local US paper's
// "Shin" or "Gaza" is not the Syrian village; a report about Syria keeps every village.
void drop_villages_out_of_context(std::vector<NameMatch>& matches, const Gazetteer& gazetteer);

std::vector<Mention> resolve_mentions(std::string_view text, const std::vector<text::Token>& tokens,
                                      const std::vector<NameMatch>& matches, const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
