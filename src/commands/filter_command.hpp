// `toponym filter INPUT -o OUT`: keep the features of any OGR layer that pass the filters.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "commands/common_options.hpp"
#include "commands/gazetteer_options.hpp"

namespace toponym::commands {

class FilterCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::string input_;
    std::string output_;
    std::string format_;
    std::string where_;
    CLI::Option* where_option_ = nullptr;  // given, even empty
    std::vector<std::string> layers_;
    std::string date_field_;
    std::string type_field_;
    bool add_admin_ = false;
    bool overwrite_ = false;
    bool quiet_ = false;
    bool progress_ = false;  // --progress: shown when stderr is not a terminal too
    FilterOptions filters_;
    GazetteerOptions gazetteers_;
};

}  // namespace toponym::commands
