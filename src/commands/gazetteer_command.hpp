// `toponym gazetteer search NAME` (the candidates a name resolves to, with scores and why) and
// `toponym gazetteer info` (what a gazetteer holds), `toponym gazetteer build` (compile
// sources into a gazetteer file) and `toponym gazetteer coverage` (gold places it contains).
#pragma once

#include <string>

#include "commands/command.hpp"
#include "commands/gazetteer_options.hpp"
#include "gazetteer_build/builder.hpp"

namespace toponym::commands {

class GazetteerCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    int search();
    int info();
    int build();
    int coverage();
    int corpus_coverage();
    int names();

    CLI::App* search_ = nullptr;
    CLI::App* info_ = nullptr;
    CLI::App* build_ = nullptr;
    CLI::App* coverage_ = nullptr;
    CLI::App* names_ = nullptr;
    std::string name_;
    std::string context_;
    GazetteerOptions gazetteers_;
    std::vector<std::string> info_files_;
    std::size_t limit_ = 10;
    // build
    std::vector<std::string> sources_;
    std::string output_;
    std::string build_format_ = "compiled";
    bool overwrite_ = false;
    bool quiet_ = false;
    bool progress_ = false;  // --progress: shown when stderr is not a terminal too
    gazetteer_build::BuildOptions build_options_;
    // coverage
    std::string gold_path_;
    double within_km_ = 5.0;
};

}  // namespace toponym::commands
