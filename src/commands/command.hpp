// A subcommand: declares its options on the CLI11 app, then runs. Commands print; the library
// does not. run() returns the exit code (0 ok, 1 some input was bad); errors that stop the
// command are thrown as toponym::Error and mapped to exit codes by main.
#pragma once

#include <CLI/CLI.hpp>

namespace toponym::commands {

class Command {
public:
    virtual ~Command() = default;
    // Adds the subcommand and its options to `app`; returns the subcommand.
    virtual CLI::App* setup(CLI::App& app) = 0;
    virtual int run() = 0;
};

}  // namespace toponym::commands
