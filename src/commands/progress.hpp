// Progress line on a terminal for long runs; silent when stderr is not a terminal or with -q.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace toponym::commands {

class Progress {
public:
    explicit Progress(bool quiet);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Shows "[done/total] label", at most about ten times a second.
    void update(std::size_t done, std::size_t total, const std::string& label);
    // Shows a stage without counts ("writing out.gpkg").
    void status(const std::string& label);
    // Clears the line so that the next output starts clean.
    void finish();

private:
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace toponym::commands
