// toponym-compile-gazetteer TSV OUT: the build-time step that compiles gazetteer/syria.tsv into
// the .tpg embedded in toponym (src/gazetteer/embedded_tpg.cpp), with the same reader and
// writer as `toponym gazetteer build`. Not installed. Writes OUT.tmp and renames it, so an
// interrupted build never leaves a half-written file to embed.
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        fmt::print(stderr, "usage: toponym-compile-gazetteer GAZETTEER.tsv OUT.tpg\n");
        return 2;
    }
    const std::string tsv_path = argv[1], out_path = argv[2];
    try {
        std::ifstream in(tsv_path, std::ios::binary);
        if (!in) throw toponym::DataError(tsv_path, "cannot open gazetteer file");
        std::ostringstream text;
        text << in.rdbuf();
        const toponym::Gazetteer g = toponym::Gazetteer::from_tsv(text.view(), tsv_path);
        const std::string temp = out_path + ".tmp";
        g.save_compiled(temp);
        std::filesystem::rename(temp, out_path);
    } catch (const toponym::Error& e) {  // names the file and line
        fmt::print(stderr, "toponym-compile-gazetteer: error: {}\n", e.message());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "toponym-compile-gazetteer: error: {}\n", e.what());
        return 1;
    }
    return 0;
}
