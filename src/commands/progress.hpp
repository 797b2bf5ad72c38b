// Progress display for long runs: a line redrawn in place on a terminal; with --progress and
// standard error not a terminal (a log, a pipe, QGIS's Processing dialog), plain lines at most
// once a second and at the end. Silent with -q, or when standard error is not a terminal and
// --progress was not given. Shows the percentage, the count, the rate and the time left:
//   " 45% 450/1000 documents, 123.4 documents/s, 0:04 left  report-17.txt"
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace toponym::commands {

class Progress {
public:
    // `force`: shown even when standard error is not a terminal (--progress); `quiet` wins.
    // `unit` names what is counted ("documents", "rows", "features").
    explicit Progress(bool quiet, bool force = false, std::string unit = "documents");
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Shows done of total, at most about ten times a second on a terminal, once a second
    // otherwise; done == total is always shown.
    void update(std::size_t done, std::size_t total, const std::string& label);
    // Shows a stage without counts ("writing out.gpkg").
    void status(const std::string& label);
    // Clears the line so that the next output starts clean.
    void finish();

    // The text of one update, for tests: percentage, count, rate and time left.
    static std::string line(std::size_t done, std::size_t total, double seconds, const std::string& unit, const std::string& label);

private:
    bool enabled_;
    bool terminal_;
    std::string unit_;
    bool shown_ = false;
    std::size_t last_done_ = static_cast<std::size_t>(-1);
    std::string last_status_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace toponym::commands
