// Values of list options, given repeated and/or comma-separated ("--type a,b --type c").
#pragma once

#include <string>
#include <vector>

namespace toponym {

// Every item of `values`, each split at commas, trimmed of blanks; empty items dropped.
std::vector<std::string> split_comma_lists(const std::vector<std::string>& values);

}  // namespace toponym
