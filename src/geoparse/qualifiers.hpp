// Places that qualify the place named just before them: "Kafr Nabl in Idlib", "Khan Sheikhoun,
// Idlib", "Saraqib in the Idlib countryside", "Morek in northern Hama", "Ariha of Idlib province",
// "Tafas (Daraa)", "Azaz, north of Aleppo", "Harasta, on the outskirts of Damascus", "the al-Shaar
// neighbourhood of Aleppo". The qualifier contains the first place or lies next to it: it tells
// which of its homonyms is meant and where it is, but it is no place of an event of its own.
#pragma once

#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/mention_finder.hpp"
#include "text/tokenize.hpp"

namespace toponym::geoparse {

// Sets Mention::qualifies on each qualifier, and puts first among the qualified place's
// candidates one that the qualifier contains when the chosen one lies elsewhere. A city quarter's
// name followed by another city ("the Old City of Damascus": "Old City" is Aleppo's in the
// gazetteer) is that city's quarter: the quarter's mention gets `qualifies` (the city) instead,
// as it only says where in the city, and the quarter the gazetteer knows is no event's place. A qualifier
// that neither contains the place nor lies near it ("X in Y" with Y a town 100 km away), and
// lists ("Binnish, Sarmin and Taftanaz"), are left alone: those are places of their own.
// A name introduced as a quarter ("the Al-Zahraa neighbourhood of Aleppo city") is held only by a
// reading inside the city; when the gazetteer knows it only as a village outside, it is an unknown
// quarter of the city and qualifies the city instead.
// A title's label opening a line ("Aleppo: air strikes on the Sakhour district", «#إدلب | قصف على
// كفرنبل») qualifies the first place of its line that it can hold, as "in Aleppo" would.
// A governorate named as a quarter's ("the al-Manshiya neighbourhood in Daraa province") stands
// for its seat: quarters lie in a city.
// `matches` and `mentions` are parallel (as resolve_mentions returns them); run after roles.
void apply_qualifiers(std::string_view text, const std::vector<text::Token>& tokens, const std::vector<NameMatch>& matches,
                      std::vector<Mention>& mentions, const Gazetteer& gazetteer);

// A name read only by spelling (Mention::fuzzy) whose reading lies outside every governorate the
// report names exactly and more than 150 km (plus the place's radius) from every reading of the
// places in Syria it names exactly ("a misspelt village 300 km from the two towns of the report")
// is another place of that spelling that the gazetteer lacks: it is marked `contradicted`, so it
// is no event's place and the event falls to the report's other places. A report that names
// nothing exactly leaves its spellings alone; a name overlapping the spelling, or in parentheses
// right after it ("X (Y)"), is no other place of the report. Run after apply_qualifiers.
void contradict_far_spellings(std::string_view text, std::vector<Mention>& mentions, const Gazetteer& gazetteer);

// A village read exactly whose every reading lies far outside every governorate its sentence
// names (more than 100 km past the governorate's radius) and far from every other place
// the sentence names exactly ("X in the eastern Daraa countryside" with every X we know in
// al-Hasakeh) is another place of that name that the gazetteer lacks: `contradicted`, as for a
// spelling. The sentence is the text between sentence-ending punctuation around the name. Run
// after apply_qualifiers.
void contradict_far_from_named_governorates(std::string_view text, std::vector<Mention>& mentions, const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
