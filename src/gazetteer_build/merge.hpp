// The merge of `toponym gazetteer build`: places of different inputs that share a folded name
// (name or alternate) within a distance become one.
#pragma once

#include <cstddef>
#include <vector>

#include "core/types.hpp"

namespace toponym::gazetteer_build {

// `places` with each place folded into the nearest earlier place of another input that shares
// a folded name within `merge_km` kilometres (0: no merging): its names become alternates, its
// source and source id are listed after the kept ones ('|'), the kept place's point and class
// stay. `input_of[i]` is the input of places[i]; places of one input never merge. Adds the
// places folded away to `merged`. Never throws (but std::bad_alloc).
std::vector<Place> merge(std::vector<Place> places, const std::vector<std::size_t>& input_of, double merge_km,
                         std::size_t& merged);

}  // namespace toponym::gazetteer_build
