// Fuzz target: the compiled gazetteer loader (.tpg, "TOPONYMG", memory-mapped). The bytes are
// written to a file and opened as `--gazetteer` would; a second time with the header's file
// size patched to the real one, so that mutations get past that first check into the section
// table, the records and the hash tables. A corrupt file must be a DataError naming it; a file
// that loads must answer every lookup without reading outside the mapping (ASan watches).
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gazetteer/compiled.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/normalize.hpp"

namespace {

void write_file(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void exercise(const toponym::Gazetteer& g) {
    const std::size_t n = g.places().size();
    for (std::uint32_t i = 0; i < n; ++i) {
        const toponym::Place& p = g.place(i);
        if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180 && p.radius_m >= 0 && std::isfinite(p.radius_m))) {
            std::abort();  // the loader refuses what the TSV reader refuses
        }
        if (auto found = g.find_id(p.id); found && *found >= n) std::abort();
        for (std::string_view name : {std::string_view(p.name), std::string_view(p.id)}) {
            const std::string key = toponym::text::fold_name(name);
            for (std::uint32_t found : g.lookup(key)) {
                if (found >= n) std::abort();
            }
            (void)g.has_longer_key(key);
            (void)g.needs_article(key);
        }
        for (const std::string& alt : p.alternate_names) (void)g.lookup(toponym::text::fold_name(alt));
    }
    for (std::string_view key : {"aleppo", "al bab", "bab", "idlib", ""}) {
        for (std::uint32_t found : g.lookup(key)) {
            if (found >= n) std::abort();
        }
        (void)g.has_longer_key(key);
        (void)g.needs_article(key);
    }
    (void)g.key_count();
    if (n > 0) {
        for (std::uint32_t found : g.nearest(35.0, 38.0, 3)) {
            if (found >= n) std::abort();
        }
    }
}

void load(const std::string& path) {
    try {
        const toponym::Gazetteer g = toponym::Gazetteer::load_file(path);
        exercise(g);
    } catch (const toponym::DataError& e) {
        if (e.where() != path) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/toponym-fuzz-compiled-" + std::to_string(::getpid()) + ".tpg";
    std::string bytes(reinterpret_cast<const char*>(data), size);
    write_file(path, bytes);
    load(path);
    using toponym::compiled::Header;
    if (bytes.size() >= sizeof(Header) && bytes.starts_with(toponym::compiled::kMagic)) {
        const std::uint64_t real_size = bytes.size();
        std::memcpy(bytes.data() + offsetof(Header, file_size), &real_size, sizeof real_size);
        write_file(path, bytes);
        load(path);
    }
    return 0;
}
