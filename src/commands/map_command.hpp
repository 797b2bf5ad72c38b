// `toponym map INPUT... -o OUT`: reports to GeoPackage / GeoJSON layers of located events.
#pragma once

#include <string>
#include <vector>

#include "commands/command.hpp"
#include "commands/common_options.hpp"
#include "commands/gazetteer_options.hpp"

namespace toponym::commands {

class MapCommand : public Command {
public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

private:
    std::vector<std::string> inputs_;
    std::string output_;
    std::string format_;
    std::string where_;
    CLI::Option* where_option_ = nullptr;  // given, even empty  // --where over the events layer's fields
    std::vector<std::string> layers_;
    GazetteerOptions gazetteers_;
    std::string qgis_project_;
    std::string html_;
    std::string schema_;
    CLI::Option* schema_option_ = nullptr;
    bool append_ = false;
    std::string input_format_;
    std::string text_column_;
    unsigned threads_ = 0;
    bool overwrite_ = false;
    bool quiet_ = false;
    bool progress_ = false;  // --progress: shown when stderr is not a terminal too
    FilterOptions filters_;
};

}  // namespace toponym::commands
