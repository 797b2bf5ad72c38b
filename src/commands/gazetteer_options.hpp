// --gazetteer / --aliases, shared by every command that resolves or names places.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.hpp"

namespace toponym::commands {

struct GazetteerOptions {
    std::vector<std::string> paths;    // compiled or TSV gazetteers; "embedded" = the built-in one
    std::vector<std::string> aliases;  // alias files: name<TAB>place id or lat,lon

    void add_to(CLI::App& cmd, const std::string& group = "Gazetteer");

    // The gazetteer to use: the embedded one when no --gazetteer is given; one file as it is
    // (a compiled file stays memory-mapped); several stacked in the order given; aliases
    // applied last, overriding. Loaded once; throws DataError naming the bad file.
    const Gazetteer& gazetteer();

    // "embedded gazetteer", "world.tpg", "embedded + airwars.tpg + aliases.tsv".
    std::string describe() const;

    // The files these options read (gazetteers other than "embedded", alias files), for
    // refusing an output that would replace one of them.
    std::vector<std::string> files() const;

private:
    std::vector<Gazetteer> parts_;
    std::optional<Gazetteer> stacked_;
    const Gazetteer* chosen_ = nullptr;
};

}  // namespace toponym::commands
