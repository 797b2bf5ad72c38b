// Loading and stacking the gazetteers a command was given.
#include "commands/gazetteer_options.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace toponym::commands {

void GazetteerOptions::add_to(CLI::App& cmd, const std::string& group) {
    cmd.add_option("--gazetteer", paths,
                   "Gazetteer FILE (compiled by `toponym gazetteer build`, or toponym TSV) instead of the embedded "
                   "Syria one; repeat to stack several (\"embedded\" names the built-in one)")
        ->allow_extra_args(false)
        ->group(group);
    cmd.add_option("--aliases", aliases,
                   "Alias FILE of name<TAB>place id or lat,lon lines: the name resolves to that place only, "
                   "overriding the gazetteers; repeatable")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile)
        ->group(group);
}

const Gazetteer& GazetteerOptions::gazetteer() {
    if (chosen_) return *chosen_;
    std::vector<const Gazetteer*> parts;
    parts_.reserve(paths.size());
    for (const auto& path : paths) {
        if (path == "embedded") {
            parts.push_back(&Gazetteer::embedded());
        } else {
            parts_.push_back(Gazetteer::load_file(path));
            parts.push_back(&parts_.back());
        }
    }
    if (parts.empty()) parts.push_back(&Gazetteer::embedded());
    if (parts.size() == 1 && aliases.empty()) {
        chosen_ = parts.front();
        return *chosen_;
    }
    stacked_.emplace(Gazetteer::stack(parts));  // a view over parts_, which stay
    for (const auto& path : aliases) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw DataError(path, "cannot open alias file");
        std::ostringstream text;
        text << in.rdbuf();
        stacked_->apply_aliases(text.view(), path);
    }
    chosen_ = &*stacked_;
    return *chosen_;
}

std::vector<std::string> GazetteerOptions::files() const {
    std::vector<std::string> out = aliases;
    for (const std::string& p : paths) {
        if (p != "embedded") out.push_back(p);
    }
    return out;
}

std::string GazetteerOptions::describe() const {
    std::string out;
    for (const auto& p : paths) out += (out.empty() ? "" : " + ") + (p == "embedded" ? std::string("embedded gazetteer") : p);
    if (out.empty()) out = "embedded gazetteer";
    for (const auto& a : aliases) out += " + " + a;
    return out;
}

}  // namespace toponym::commands
