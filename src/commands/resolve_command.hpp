// `toponym resolve TABLE --column NAME -o OUT`: geocode a column of place names, one row in,
// one row out, every column kept.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "commands/gazetteer_options.hpp"

namespace toponym::commands {

class ResolveCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::string input_;
    std::string layer_;
    std::string column_;
    std::vector<std::string> context_columns_;
    std::vector<std::string> countries_;
    std::vector<std::string> alt_columns_;
    std::string output_;
    std::string format_;
    GazetteerOptions gazetteers_;
    std::vector<std::string> admin_specs_;
    unsigned threads_ = 0;
    bool overwrite_ = false;
    bool quiet_ = false;
    bool progress_ = false;  // --progress: shown when stderr is not a terminal too
};

}  // namespace toponym::commands
