// `toponym gazetteer search NAME` (the candidates a name resolves to, with scores and why) and
// `toponym gazetteer info` (what a gazetteer holds).
#pragma once

#include <string>

#include "commands/command.hpp"

namespace toponym::commands {

class GazetteerCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    int search();
    int info();

    CLI::App* search_ = nullptr;
    CLI::App* info_ = nullptr;
    std::string name_;
    std::string context_;
    std::string gazetteer_path_;
    std::size_t limit_ = 10;
};

}  // namespace toponym::commands
