// Temporary-file-and-rename output.
#include "store/safe_output.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace toponym::io {

namespace fs = std::filesystem;

namespace {

// Temporary files of `target` are ".<stem>.tmp-<pid>-<n><ext>" (plus SQLite's side files).
std::string temp_prefix(const fs::path& target) { return fmt::format(".{}.tmp-", target.stem().string()); }

// A run killed part-way (SIGKILL, power cut) leaves its temporary file behind; the next run to
// the same target removes those whose process is gone. A live pid's file is never touched.
void remove_stale_temp_files(const fs::path& dir, const fs::path& target) {
    const std::string prefix = temp_prefix(target);
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos ||
            rest.substr(0, dash).find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
        if (pid <= 0 || pid > INT32_MAX || ::getpid() == pid) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        std::error_code ignored;
        fs::remove(it->path(), ignored);
    }
}

}  // namespace

namespace {

// A path on this machine's file systems, rather than a database or GDAL virtual path.
bool local_path(const std::string& path) {
    if (path.empty() || path == "-" || path.starts_with("/vsi")) return false;
    const std::string head = path.substr(0, 3);
    if (head == "PG:" || head == "pg:" || head == "Pg:" || head == "pG:") return false;
    return path.find("://") == std::string::npos;
}

}  // namespace

void require_input(const std::string& path) {
    if (!local_path(path)) return;
    std::error_code ec;
    if (!fs::exists(fs::status(path, ec))) throw UsageError(path, "no such file or directory");
}

void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs) {
    if (!local_path(output)) return;
    std::error_code ec;
    const fs::path out = fs::weakly_canonical(output, ec);
    for (const std::string& input : inputs) {
        if (!local_path(input)) continue;
        std::error_code e1, e2;
        const bool same = fs::exists(output, e1) && fs::exists(input, e2) ? fs::equivalent(output, input, ec)
                                                                           : !out.empty() && out == fs::weakly_canonical(input, ec);
        if (same) throw UsageError(output, fmt::format("is also an input ({}); write the output to another file", input));
    }
}

std::string disk_space_hint(const std::string& path) {
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    const fs::space_info space = fs::space(dir, ec);
    if (ec || space.available > 64 * 1024) return "";
    return fmt::format(" (the file system of {} is full: {} bytes free)", dir.string(), space.available);
}

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
    // Before any work is done, not after hours of it. access() also says EROFS for root.
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        throw UsageError(final_path_, fmt::format("cannot write in the output directory: {}", std::strerror(errno)));
    }
    remove_stale_temp_files(dir, target);
    static std::atomic<unsigned> counter{0};  // several outputs to one target in one process
    temp_path_ = (dir / fmt::format("{}{}-{}{}", temp_prefix(target), ::getpid(), counter++,
                                    target.extension().string()))
                     .string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((temp_path_ + suffix).c_str());
    // access() says yes to root where a file still cannot be made (a read-only or immutable
    // directory, /proc): make the temporary file once, now, so that the run fails before its work.
    const int fd = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw UsageError(final_path_, fmt::format("cannot create a file in the output directory: {}", std::strerror(errno)));
    ::close(fd);
    std::remove(temp_path_.c_str());
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
