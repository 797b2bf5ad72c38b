// Terminal progress line.
#include "commands/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace toponym::commands {

Progress::Progress(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total, const std::string& label) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::string text = fmt::format("[{}/{}] {}", done, total, label);
    if (text.size() > 78) text = text.substr(0, 75) + "...";
    fmt::print(stderr, "\r\033[K{}", text);
    std::fflush(stderr);
    shown_ = true;
}

void Progress::status(const std::string& label) {
    if (!enabled_) return;
    std::string text = label.size() > 78 ? label.substr(0, 75) + "..." : label;
    fmt::print(stderr, "\r\033[K{}", text);
    std::fflush(stderr);
    shown_ = true;
}

void Progress::finish() {
    if (!enabled_ || !shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace toponym::commands
