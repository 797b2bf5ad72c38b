// `toponym stats FILE`: counts of events (and sums of fatalities and injured) by governorate,
// type and month, or by the fields given with --by; a table, CSV or JSON.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"

namespace toponym::commands {

class StatsCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::string input_;
    std::string layer_;
    std::vector<std::string> by_;
    std::string where_;
    CLI::Option* where_option_ = nullptr;  // given, even empty
    bool csv_ = false;
    bool json_ = false;
};

}  // namespace toponym::commands
