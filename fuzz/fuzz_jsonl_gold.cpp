// Fuzz target: the JSONL evaluation corpus reader (toponym eval --jsonl): one document a line
// with "text" and "toponyms". A bad line is skipped and reported naming the file and line;
// nothing escapes but DataError for an unreadable file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "eval/evaluation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The reader takes a path: the input goes through one scratch file per fuzzing process.
    static const std::string path = "/tmp/toponym-fuzz-jsonl-" + std::to_string(::getpid()) + ".jsonl";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const toponym::eval::GoldCorpus corpus = toponym::eval::load_jsonl_gold(path);
        for (const toponym::Diagnostic& d : corpus.problems) {
            if (d.where != path || d.line < 1) std::abort();
        }
    } catch (const toponym::DataError& e) {
        if (e.where() != path) std::abort();
    }
    return 0;
}
