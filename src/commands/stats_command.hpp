// `toponym stats FILE`: counts of events by governorate, type and month.
#pragma once

#include <string>

#include "commands/command.hpp"

namespace toponym::commands {

class StatsCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::string input_;
    std::string layer_;
    bool csv_ = false;
};

}  // namespace toponym::commands
