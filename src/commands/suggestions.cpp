// Suggestions for mistyped options and commands.
#include "commands/suggestions.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace toponym::commands {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

std::optional<std::string> closest(const std::string& typed, const std::vector<std::string>& candidates) {
    std::vector<std::string> prefixed;
    for (const std::string& c : candidates) {
        if (typed.size() >= 3 && c.starts_with(typed)) prefixed.push_back(c);
    }
    if (prefixed.size() == 1) return prefixed.front();
    const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(typed, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

namespace {

// The option `name` ("--of", "-o") names for `app` or a parent, nullptr when none.
const CLI::Option* known_option(const CLI::App& app, const std::string& name) {
    for (const CLI::App* a = &app; a; a = a->get_parent()) {
        for (const CLI::Option* opt : a->get_options()) {
            if (name.starts_with("--")) {
                const auto& l = opt->get_lnames();
                if (std::find(l.begin(), l.end(), name.substr(2)) != l.end()) return opt;
            } else {
                const auto& s = opt->get_snames();
                if (std::find(s.begin(), s.end(), name.substr(1, 1)) != s.end()) return opt;
            }
        }
    }
    return nullptr;
}

std::string command_path(const CLI::App& app) {
    std::string path;
    for (const CLI::App* a = &app; a && a->get_parent(); a = a->get_parent()) path = a->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

}  // namespace

std::vector<std::string> unknown_argument_messages(CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> out;
    CLI::App* active = &app;
    bool positional_seen = false;  // at the current level: a later bare word is a value, not a command
    bool value_next = false;       // the previous option takes this argument as its value ("--where -x > 1")
    for (const std::string& arg : args) {
        if (arg == "--") break;
        if (value_next) {
            value_next = false;
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-' && !(arg.size() > 1 && (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.'))) {
            std::string name = arg.substr(0, arg.find('='));
            if (!name.starts_with("--")) name = name.substr(0, 2);  // -qv: the first flag is enough to judge
            if (const CLI::Option* opt = known_option(*active, name)) {
                // "--of GPKG", "-o out.gpkg": the next argument is a value; "--of=GPKG", "-oout.gpkg" hold theirs.
                const bool attached = arg.find('=') != std::string::npos || (!arg.starts_with("--") && arg.size() > 2);
                value_next = opt->get_items_expected_min() > 0 && !attached;
                continue;
            }
            std::vector<std::string> names;
            for (const CLI::App* a = active; a; a = a->get_parent()) {
                for (const CLI::Option* opt : a->get_options()) {
                    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
                }
            }
            const std::string where = command_path(*active);
            const std::string prefix = where.empty() ? "" : where + ": ";
            const std::optional<std::string> near = name.starts_with("--") ? closest(name, names) : std::nullopt;
            if (near) out.push_back(fmt::format("{}unknown option {}; did you mean {}?", prefix, name, *near));
            else out.push_back(fmt::format("{}unknown option {} (see toponym {}--help)", prefix, name, where.empty() ? "" : where + " "));
            continue;
        }
        if (positional_seen) continue;
        const auto subs = active->get_subcommands([](CLI::App*) { return true; });
        if (subs.empty()) {
            positional_seen = true;
            continue;
        }
        CLI::App* next = nullptr;
        std::vector<std::string> names;
        for (CLI::App* s : subs) {
            names.push_back(s->get_name());
            if (s->get_name() == arg) next = s;
        }
        if (next) {
            active = next;
            continue;
        }
        const std::string where = command_path(*active);
        const std::optional<std::string> near = closest(arg, names);
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
        out.push_back(fmt::format("unknown command \"{}{}\"{}", where.empty() ? "" : where + " ", arg,
                                  near ? fmt::format("; did you mean \"{}{}\"?", where.empty() ? "" : where + " ", *near)
                                       : fmt::format(" (commands: {})", list)));
        break;
    }
    return out;
}

}  // namespace toponym::commands
