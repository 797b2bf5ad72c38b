// Relative locations: "about 30 km north of Aleppo city", "east of the city of Maarat
// al-Numan", "Aleppo's northwestern countryside", "the southern outskirts of Hama", "northern
// Syria", "near Manbij", "north of the city" (the anchor is the last settlement named). Each
// becomes the anchor's point moved on the ellipsoid (PROJ geod_direct) by the stated distance,
// or by a typical one for the relation and the anchor's size, with an uncertainty radius.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/mention_finder.hpp"
#include "text/tokenize.hpp"

namespace toponym::geoparse {

// Compass point of a direction word ("north", "north-eastern" given as "northeastern",
// "southwest", "SE"), as N, NE, E, ...; empty when it is not one.
std::string direction_of(std::string_view lower_word);

// Bearing in degrees of a compass point (N = 0, E = 90); nullopt for "".
std::optional<double> bearing_of(std::string_view compass);

// The point and radius of a relative location with the given anchor; fills lat, lon, radius_m.
// A side of a governorate is the median of its settlements in that direction from its capital
// (Gazetteer::settlements_toward); otherwise `scale` shortens the typical offset (the pipeline
// halves it until a side of an area falls inside that area).
void locate_relative(RelativeLocation& rel, const Place& anchor, const Gazetteer& g, double scale = 1.0);

// The place a relative location is measured from, given its anchor mention `m`: a side or the
// countryside of a small city named like its governorate ("Idlib's southeast", "the southern
// countryside of Hama", «ريف إدلب الجنوبي») is a side of the governorate; a big city (Aleppo,
// Damascus) has sides and a countryside of its own. Index into `g`.
std::uint32_t relative_anchor_area(const Mention& m, const RelativeLocation& rel, const Gazetteer& g);

// Finds relative expressions around the location mentions (mentions[i] comes from matches[i]).
std::vector<RelativeLocation> find_relatives(std::string_view text, const std::vector<text::Token>& tokens,
                                             const std::vector<NameMatch>& matches, const std::vector<Mention>& mentions,
                                             const Gazetteer& gazetteer);

}  // namespace toponym::geoparse
