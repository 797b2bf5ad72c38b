// Fuzz target: the source readers of `toponym gazetteer build` (GeoNames dumps joined with an
// alternateNames file, CSV/TSV tables, incident tables clustered with --cluster) and the merge
// across sources. The first byte picks the reader and options; the rest is the file (for the
// GeoNames + alternateNames pair, a form feed separates the two files). A bad row becomes a
// diagnostic naming its file and line; only an unreadable whole file is a DataError; every
// place built has real coordinates and an id of its own.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "gazetteer_build/builder.hpp"

namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

const std::string& scratch_dir() {
    static const std::string dir = [] {
        std::string d = "/tmp/toponym-fuzz-sources-" + std::to_string(::getpid());
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    toponym::gazetteer_build::BuildOptions options;
    std::vector<std::string> sources;
    const std::string& dir = scratch_dir();
    switch ((mode & 0x07) % 6) {
        case 0: {  // a GeoNames dump (SY.txt)
            sources.push_back(dir + "/SY.txt");
            write_file(sources.back(), bytes);
            break;
        }
        case 1: {  // a GeoNames dump and its alternateNamesV2 file
            const std::size_t ff = bytes.find('\f');
            sources.push_back(dir + "/SY.txt");
            write_file(sources.back(), bytes.substr(0, ff));
            sources.push_back(dir + "/alternateNamesV2.txt");
            write_file(sources.back(), ff == std::string_view::npos ? std::string_view() : bytes.substr(ff + 1));
            break;
        }
        case 2:
        case 5: {  // a CSV table (mode 5: clustered incident table)
            sources.push_back(dir + "/table.csv");
            write_file(sources.back(), bytes);
            options.cluster = (mode & 0x07) == 5;
            break;
        }
        case 3: {  // a TSV table
            sources.push_back(dir + "/table.tsv");
            write_file(sources.back(), bytes);
            break;
        }
        case 4: {  // a .txt table that may or may not look like GeoNames, merged with the embedded gazetteer
            sources.push_back("embedded");
            sources.push_back(dir + "/places.txt");
            write_file(sources.back(), bytes);
            break;
        }
    }
    if (mode & 0x08) options.name_scripts = {"latin", "arabic"};
    if (mode & 0x10) options.countries = {"SY"};
    if (mode & 0x20) options.merge_km = 0;
    if (mode & 0x40) options.min_population = 1000;
    if (mode & 0x80) options.syria_only = true;
    try {
        const toponym::gazetteer_build::BuildResult r = toponym::gazetteer_build::build(sources, options);
        std::set<std::string> ids;
        for (const toponym::Place& p : r.places) {
            if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180)) std::abort();
            if (!(p.radius_m > 0 && std::isfinite(p.radius_m))) std::abort();
            if (!ids.insert(p.id).second) std::abort();
        }
        for (const toponym::Diagnostic& d : r.diagnostics) {
            if (d.line < 1 || std::find(sources.begin(), sources.end(), d.where) == sources.end()) std::abort();
        }
        (void)toponym::gazetteer_build::to_tsv(r.places, "fuzz");
    } catch (const toponym::DataError& e) {
        if (std::find(sources.begin(), sources.end(), e.where()) == sources.end()) std::abort();
    }
    return 0;
}
