// `toponym eval`: scores a run against gold (the seed gold, JSONL geoparsing corpora, a table of
// incident reports with a gold point) and prints a table of the measures; --json writes the
// whole report.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/gazetteer_options.hpp"
#include "eval/incidents.hpp"

namespace toponym {
struct PipelineContext;
}

namespace toponym::commands {

class EvalCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    // --incidents: maps every row of the table, prints the measures; the report for --json.
    // `status` becomes 1 when the table had bad rows.
    nlohmann::json run_incidents(const eval::IncidentTable& table, const PipelineContext& ctx, int& status);

    std::string gold_;
    std::string seeds_dir_;
    std::vector<std::string> corpora_;
    std::string incidents_;
    eval::IncidentColumns incident_columns_;
    eval::IncidentOptions incident_options_;
    unsigned threads_ = 0;
    std::string json_;
    GazetteerOptions gazetteers_;
    std::vector<std::string> admin_specs_;
    std::size_t worst_ = 10;
    bool overwrite_ = false;
    bool quiet_ = false;
    bool progress_ = false;  // --progress: shown when stderr is not a terminal too
};

}  // namespace toponym::commands
