// Test helpers: process execution with captured output, GDAL read-back.
#include "cli_support.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "store/gdal_util.hpp"

namespace toponym::testing {

namespace fs = std::filesystem;

namespace {


fs::path scratch_root() {
    static const fs::path root = [] {
        fs::path p = fs::temp_directory_path() / ("toponym-tests-" + std::to_string(::getpid()));
        fs::remove_all(p);
        fs::create_directories(p);
        // Keep the scratch files of a failed run for a look (TOPONYM_KEEP_TEST_FILES=1).
        if (!std::getenv("TOPONYM_KEEP_TEST_FILES")) {
            std::atexit([] {
                std::error_code ec;
                fs::remove_all(fs::temp_directory_path() / ("toponym-tests-" + std::to_string(::getpid())), ec);
            });
        }
        return p;
    }();
    return root;
}

}  // namespace

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q.push_back(c);
    }
    return q + "'";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

CommandResult run_shell(const std::string& command_line) {
    static int counter = 0;
    const fs::path dir = scratch_root() / ("cmd-" + std::to_string(counter++));
    fs::create_directories(dir);
    const std::string full = command_line + " >" + shell_quote((dir / "out").string()) + " 2>" +
                             shell_quote((dir / "err").string()) + " </dev/null";
    const int status = std::system(full.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(dir / "out");
    r.err = read_file(dir / "err");
    return r;
}

CommandResult run_toponym(const std::vector<std::string>& args) {
    std::string line = shell_quote(TOPONYM_BINARY);
    for (const auto& a : args) line += " " + shell_quote(a);
    return run_shell(line);
}

fs::path fresh_dir(const std::string& name) {
    fs::path p = scratch_root() / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::map<std::string, Row> rows_by(const std::vector<Row>& rows, const std::string& field) {
    std::map<std::string, Row> out;
    for (const Row& r : rows) out[r.at(field)] = r;
    return out;
}

std::map<std::string, fs::path> map_to_formats(const fs::path& input, const fs::path& dir, const std::string& stem,
                                               const std::vector<std::string>& extensions) {
    std::map<std::string, fs::path> outputs;
    for (const std::string& ext : extensions) {
        const fs::path out = dir / (stem + "." + ext);
        const CommandResult r = run_toponym({"map", input.string(), "-o", out.string(), "-q"});
        if (r.exit_code != 0) ADD_FAILURE() << ext << ": " << r.err;
        outputs[ext] = out;
    }
    return outputs;
}

std::vector<Row> read_layer(const fs::path& path, const std::string& layer_name) {
    io::ensure_gdal_registered();
    std::vector<Row> rows;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    EXPECT_TRUE(ds) << "GDAL cannot open " << path;
    if (!ds) return rows;
    OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
    EXPECT_NE(layer, nullptr) << path << " has no layer " << layer_name;
    if (!layer) return rows;
    for (auto& f : *layer) {
        Row row;
        const OGRFeatureDefn* defn = f->GetDefnRef();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string name = defn->GetFieldDefn(i)->GetNameRef();
            const bool null = !f->IsFieldSetAndNotNull(i);
            row.is_null[name] = null;
            row.fields[name] = null ? "" : f->GetFieldAsString(i);
        }
        if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint) {
            const auto* p = g->toPoint();
            row.lon = p->getX();
            row.lat = p->getY();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> layer_names(const fs::path& path) {
    io::ensure_gdal_registered();
    std::vector<std::string> names;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) return names;
    for (OGRLayer* l : ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

fs::path source_dir() { return TOPONYM_SOURCE_DIR; }
fs::path shared_dir() { return TOPONYM_SHARED_DIR; }

}  // namespace toponym::testing
