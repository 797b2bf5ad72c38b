// Writing an output without ever leaving a half-written file under its final name: the data
// goes to a temporary file in the same directory, renamed over the target when complete.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace toponym::io {

class AtomicOutput {
public:
    // Throws UsageError when `final_path` exists and `overwrite` is false, is a directory, or
    // its directory does not exist or cannot be written (read-only, no permission, no file can
    // be created there: the temporary file is made once and removed). Removes the temporary
    // files of earlier runs to the same target that were killed part-way (their process is gone).
    AtomicOutput(std::string final_path, bool overwrite);
    // Removes the temporary file (and SQLite side files) unless commit() succeeded.
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    const std::string& temp_path() const { return temp_path_; }
    const std::string& final_path() const { return final_path_; }

    // Renames the finished temporary file to the final name (atomic on one file system).
    // Throws DataError naming the final path when that fails.
    void commit();

private:
    std::string final_path_;
    std::string temp_path_;
    bool committed_ = false;
};

// Throws UsageError "no such file or directory" (exit 2) when the local path `path` does not
// exist; database connections ("PG:..."), GDAL virtual paths (/vsi...), URLs and "-" pass.
void require_input(const std::string& path);

// Throws UsageError (exit 2) when `output` is the same file as one of `inputs` (an existing
// file, or the same path once resolved), whatever --overwrite says: the run would replace
// what it reads.
void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs);

// " (the file system of DIR is full: N bytes free)" when the directory of `path` has (almost) no
// space left, else "": added to write errors, whose own text (SQLite's, GDAL's) rarely says so.
std::string disk_space_hint(const std::string& path);

// Writes `bytes` as the whole content of `path`. Throws DataError naming `error_name`
// ("cannot write the <what>: why") when it cannot be opened or written.
void write_whole_file(const std::string& path, std::string_view bytes, const std::string& error_name, std::string_view what);

}  // namespace toponym::io
