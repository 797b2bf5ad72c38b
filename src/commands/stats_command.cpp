// The stats command.
#include "commands/stats_command.hpp"

#include <fmt/format.h>

#include "io/safe_output.hpp"
#include "summary/stats.hpp"

namespace toponym::commands {

CLI::App* StatsCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("stats", "Count events by governorate, type and month");
    cmd->add_option("input", input_, "toponym output, or any layer with admin1/event_type/event_date fields")->required();
    cmd->add_option("--layer", layer_, "Layer to count (default: events, else the first)");
    cmd->add_flag("--csv", csv_, "CSV (dimension,value,count) instead of tables");
    return cmd;
}

int StatsCommand::run() {
    io::require_input(input_);
    const summary::Stats stats = summary::compute_stats(input_, layer_);
    fmt::print("{}", csv_ ? summary::format_csv(stats) : summary::format_table(stats));
    return 0;
}

}  // namespace toponym::commands
