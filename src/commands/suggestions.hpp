// "Did you mean --xyz?" for a mistyped option or command. CLI11 only says that an argument was
// not expected (or that a required option is missing because its name was mistyped); main
// calls this when CLI11 refuses the command line, before printing CLI11's message.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace toponym::commands {

// Edit distance (insertions, deletions, substitutions, and a swap of two neighbours count 1).
std::size_t edit_distance(const std::string& a, const std::string& b);

// The closest of `candidates` to `typed`: a unique one that `typed` starts, else the nearest
// within about a third of its length (1 for short names, at most 3). nullopt when none is near.
std::optional<std::string> closest(const std::string& typed, const std::vector<std::string>& candidates);

// Walks `args` (argv without the program name) down the subcommands of `app` and returns one
// message per unknown option ("map: unknown option --overwrit; did you mean --overwrite?") or
// unknown command; empty when every option is known.
std::vector<std::string> unknown_argument_messages(CLI::App& app, const std::vector<std::string>& args);

}  // namespace toponym::commands
