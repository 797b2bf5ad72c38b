// Temporary-file-and-rename output.
#include "io/safe_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace toponym::io {

namespace fs = std::filesystem;

AtomicOutput::AtomicOutput(std::string final_path, bool overwrite) : final_path_(std::move(final_path)) {
    const fs::path target(final_path_);
    std::error_code ec;
    if (fs::is_directory(target, ec)) throw UsageError(final_path_, "is a directory; give an output file name");
    if (fs::exists(target, ec) && !overwrite) {
        throw UsageError(final_path_, "already exists; use --overwrite to replace it");
    }
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    if (!fs::is_directory(dir, ec)) throw UsageError(final_path_, "output directory does not exist");
    static std::atomic<unsigned> counter{0};  // several outputs to one target in one process
    temp_path_ = (dir / fmt::format(".{}.tmp-{}-{}{}", target.stem().string(), ::getpid(), counter++,
                                    target.extension().string()))
                     .string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((temp_path_ + suffix).c_str());
}

AtomicOutput::~AtomicOutput() {
    if (committed_) return;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((temp_path_ + suffix).c_str());
}

void AtomicOutput::commit() {
    if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
        throw DataError(final_path_, fmt::format("cannot move the finished output into place: {}", std::strerror(errno)));
    }
    committed_ = true;
}

void write_whole_file(const std::string& path, std::string_view bytes, const std::string& error_name, std::string_view what) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) {
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
    }
    if (!out) throw DataError(error_name, fmt::format("cannot write the {}: {}", what, std::strerror(errno)));
}

}  // namespace toponym::io
