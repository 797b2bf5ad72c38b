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
std::vector<Mention> resolve_mentions(std::string_view text, const std::vector<text::Token>& tokens,
                                      const std::vector<NameMatch>& matches, const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
