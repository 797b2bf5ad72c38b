// Helpers for tests that run the toponym binary and read its outputs back with GDAL.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace toponym::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;  // standard output
    std::string err;  // standard error
};

// `s` quoted for a POSIX shell (single quotes).
std::string shell_quote(const std::string& s);

// Runs the toponym binary with `args` (each passed as one shell-quoted argument).
CommandResult run_toponym(const std::vector<std::string>& args);

// Runs any command line through the shell, capturing output.
CommandResult run_shell(const std::string& command_line);

// A fresh, empty directory for one test, removed at the end of the process.
std::filesystem::path fresh_dir(const std::string& name);

// One feature read back with GDAL: every field as text ("" for NULL) and the point, if any.
struct Row {
    std::map<std::string, std::string> fields;
    std::map<std::string, bool> is_null;
    std::optional<double> lat;
    std::optional<double> lon;
    const std::string& at(const std::string& field) const { return fields.at(field); }
};

// All features of a layer (the first layer when `layer` is empty). Fails the test when the
// file or layer cannot be opened.
std::vector<Row> read_layer(const std::filesystem::path& path, const std::string& layer = "");

// Rows keyed by one field's value (a later row with the same value replaces an earlier one).
std::map<std::string, Row> rows_by(const std::vector<Row>& rows, const std::string& field);

// `toponym map INPUT -o DIR/STEM.EXT -q` for each extension: the outputs by extension. A run
// that fails is a test failure (its extension and stderr reported).
std::map<std::string, std::filesystem::path> map_to_formats(const std::filesystem::path& input, const std::filesystem::path& dir,
                                                            const std::string& stem, const std::vector<std::string>& extensions);

// Layer names of a dataset.
std::vector<std::string> layer_names(const std::filesystem::path& path);

std::filesystem::path source_dir();
std::filesystem::path shared_dir();

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace toponym::testing
