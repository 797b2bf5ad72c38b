// toponym's entry point: parse the command line, dispatch to a command, map errors to exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <vector>

#include "commands/eval_command.hpp"
#include "commands/filter_command.hpp"
#include "commands/gazetteer_command.hpp"
#include "commands/map_command.hpp"
#include "commands/resolve_command.hpp"
#include "commands/stats_command.hpp"
#include "commands/suggestions.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
    CLI::App app{"toponym: turn reporting about armed conflict into map layers"};
    app.set_version_flag("--version", std::string("toponym ") + TOPONYM_VERSION);
    app.require_subcommand(1);

    std::vector<std::unique_ptr<toponym::commands::Command>> commands;
    commands.push_back(std::make_unique<toponym::commands::MapCommand>());
    commands.push_back(std::make_unique<toponym::commands::ResolveCommand>());
    commands.push_back(std::make_unique<toponym::commands::FilterCommand>());
    commands.push_back(std::make_unique<toponym::commands::StatsCommand>());
    commands.push_back(std::make_unique<toponym::commands::GazetteerCommand>());
    commands.push_back(std::make_unique<toponym::commands::EvalCommand>());
    std::vector<std::pair<CLI::App*, toponym::commands::Command*>> dispatch;
    for (auto& c : commands) dispatch.emplace_back(c->setup(app), c.get());

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // A mistyped option shows as "not expected" or as a required option missing: the
        // typo, with the nearest option name, says more than CLI11's message.
        const std::vector<std::string> typos = toponym::commands::unknown_argument_messages(app, std::vector<std::string>(argv + 1, argv + argc));
        if (typos.empty()) fmt::print(stderr, "toponym: {}\n", e.what());
        for (const std::string& t : typos) fmt::print(stderr, "toponym: {}\n", t);
        fmt::print(stderr, "Run 'toponym --help' or 'toponym COMMAND --help' for usage.\n");
        return 2;
    }

    try {
        for (auto& [sub, command] : dispatch) {
            if (sub->parsed()) return command->run();
        }
        return 2;
    } catch (const toponym::Error& e) {
        fmt::print(stderr, "toponym: {}\n", e.message());
        return static_cast<int>(e.kind());
    } catch (const std::exception& e) {
        fmt::print(stderr, "toponym: internal error: {}\n", e.what());
        return 1;
    }
}
