// `toponym eval`: scores a run against gold (the seed gold, JSONL geoparsing corpora) and
// prints a table of the measures; --json writes the whole report.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "commands/gazetteer_options.hpp"

namespace toponym::commands {

class EvalCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::string gold_;
    std::string seeds_dir_;
    std::vector<std::string> corpora_;
    std::string json_;
    GazetteerOptions gazetteers_;
    std::vector<std::string> admin_specs_;
    std::size_t worst_ = 10;
    bool overwrite_ = false;
    bool quiet_ = false;
};

}  // namespace toponym::commands
