// Progress display: in place on a terminal, plain lines with --progress elsewhere.
#include "commands/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace toponym::commands {

namespace {

std::string clock_text(double seconds) {
    const long s = std::lround(seconds);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(bool quiet, bool force, std::string unit)
    : enabled_(false), terminal_(::isatty(STDERR_FILENO) == 1), unit_(std::move(unit)), started_(std::chrono::steady_clock::now()) {
    enabled_ = !quiet && (terminal_ || force);
}

Progress::~Progress() { finish(); }

std::string Progress::line(std::size_t done, std::size_t total, double seconds, const std::string& unit, const std::string& label) {
    const double share = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    std::string left = "--:-- left";
    if (done >= total) left = "done";
    else if (rate > 0) left = clock_text(static_cast<double>(total - done) / rate) + " left";
    std::string text = fmt::format("{:3.0f}% {}/{} {}, {:.1f} {}/s, {}", std::floor(share), done, total, unit, rate, unit, left);
    if (!label.empty()) text += "  " + label;
    return text;
}

void Progress::update(std::size_t done, std::size_t total, const std::string& label) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const bool last = done >= total;
    if (terminal_) {
        if (shown_ && !last && now - last_ < std::chrono::milliseconds(100)) return;
    } else {
        if (done == last_done_) return;
        if (shown_ && !last && now - last_ < std::chrono::seconds(1)) return;
    }
    last_ = now;
    last_done_ = done;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    std::string text = line(done, total, seconds, unit_, label);
    if (terminal_) {
        if (text.size() > 78) text = text.substr(0, 75) + "...";
        fmt::print(stderr, "\r\033[K{}", text);
    } else {
        fmt::print(stderr, "toponym: {}\n", text);
    }
    std::fflush(stderr);
    shown_ = true;
}

void Progress::status(const std::string& label) {
    if (!enabled_) return;
    if (terminal_) {
        const std::string text = label.size() > 78 ? label.substr(0, 75) + "..." : label;
        fmt::print(stderr, "\r\033[K{}", text);
    } else {
        if (label == last_status_) return;
        last_status_ = label;
        fmt::print(stderr, "toponym: {}\n", label);
    }
    std::fflush(stderr);
    shown_ = true;
}

void Progress::finish() {
    if (!enabled_ || !shown_) return;
    if (terminal_) {
        fmt::print(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    shown_ = false;
}

}  // namespace toponym::commands
