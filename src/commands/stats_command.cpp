// The stats command.
#include "commands/stats_command.hpp"

#include <fmt/format.h>

#include "core/lists.hpp"
#include "core/error.hpp"
#include "store/safe_output.hpp"
#include "summary/stats.hpp"

namespace toponym::commands {

CLI::App* StatsCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("stats", "Count events (and sum fatalities and injured) by governorate, type and month, or by any field");
    cmd->add_option("input", input_, "toponym output, or any layer with admin1/event_type/event_date fields")->required();
    cmd->add_option("--layer", layer_, "Layer to count (default: events, else the first)");
    cmd->add_option("--by", by_,
                    "Count by this: governorate, district, type, month, week (ISO), or any field of the layer; repeat (or "
                    "comma-separate) to count by several at once")
        ->allow_extra_args(false);
    where_option_ = cmd->add_option("--where", where_,
                    "Count only the features whose fields pass this OGR SQL WHERE expression, read-only (e.g. \"fatalities > 0\")");
    cmd->add_flag("--csv", csv_, "CSV instead of tables (without --by: dimension,value,count,fatalities,injured)");
    cmd->add_flag("--json", json_, "JSON instead of tables: the total, the sums and every group");
    cmd->footer("\nExamples:\n"
                "  toponym stats events.gpkg\n"
                "  toponym stats events.gpkg --by governorate --by month --csv > by_month.csv\n"
                "  toponym stats airwars.gpkg --by week --where \"fatalities >= 1\" --json");
    return cmd;
}

int StatsCommand::run() {
    if (csv_ && json_) throw UsageError("--csv", "and --json exclude each other");
    io::require_input(input_);
    if (where_option_->count() > 0 && where_.find_first_not_of(" \t\r\n") == std::string::npos) throw UsageError("--where", "is empty");
    const std::vector<std::string> by = split_comma_lists(by_);
    if (by.empty() && !json_) {
        // The historical forms, unchanged.
        const summary::Stats stats = summary::compute_stats(input_, layer_, where_);
        fmt::print("{}", csv_ ? summary::format_csv(stats) : summary::format_table(stats));
        return 0;
    }
    const summary::GroupedStats stats = summary::compute_grouped(input_, layer_, by, where_);
    fmt::print("{}", json_  ? summary::format_grouped_json(stats)
                     : csv_ ? summary::format_grouped_csv(stats)
                            : summary::format_grouped_table(stats));
    return 0;
}

}  // namespace toponym::commands
