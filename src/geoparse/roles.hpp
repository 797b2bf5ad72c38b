// Not every place name is a location: demonyms ("Syrian forces"), modifiers ("Lebanon's
// Hezbollah", "US-made"), parts of organisation names ("Free Syrian Army", "Ahrar al-Sham")
// and metonyms ("Moscow said", "pro-Damascus"). Only location mentions become event places.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/mention_finder.hpp"
#include "text/tokenize.hpp"

namespace toponym::geoparse {

// The English name of the country a demonym or adjective refers to ("syrians" -> "Syria",
// "turkish" -> "Turkey"); `lower` is the word in lower case. Empty when it is not one.
std::optional<std::string_view> demonym_country(std::string_view lower);

// Whether `lower` is a word Arabic group names begin with ("ahrar", "jaysh", "liwa", "suqour").
bool is_group_word(std::string_view lower);

// Sets the role of each mention (mentions[i] comes from matches[i]) from the words around it.
void assign_roles(std::string_view text, const std::vector<text::Token>& tokens, const std::vector<NameMatch>& matches,
                  std::vector<Mention>& mentions, const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
