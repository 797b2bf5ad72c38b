// toponym gazetteers as sources: a TSV ("# toponym-gazetteer 1"), a compiled .tpg, or
// "embedded" (the gazetteer compiled into the binary). Their places go in as they are.
#include "gazetteer/compiled.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer_build/importer.hpp"

namespace toponym::gazetteer_build {

namespace {

constexpr const char* kEmbedded = "embedded";

bool accepts_toponym_gazetteer(const std::string& path, const std::string& first_line, const BuildOptions&) {
    return path == kEmbedded || first_line.rfind(compiled::kMagic, 0) == 0 || first_line == "# toponym-gazetteer 1";
}

void add_places(Context& ctx, const Gazetteer& g, SourceStats& stats) {
    for (const Place& place : g.places()) {
        ++stats.rows;
        if (!ctx.keep(place, stats)) continue;
        Place p = place;
        if (!ctx.options.source_name.empty()) p.source = ctx.options.source_name;
        ctx.add(std::move(p), stats);
    }
}

void import_toponym_gazetteer(Context& ctx, const std::string& path) {
    SourceStats stats = ctx.start(path, "toponym", file_stem(path));
    if (path == kEmbedded) {
        stats.source = kEmbedded;
        add_places(ctx, Gazetteer::embedded(), stats);
    } else {
        add_places(ctx, Gazetteer::load_file(path), stats);
    }
    ctx.finish(std::move(stats));
}

}  // namespace

extern const Importer toponym_gazetteer_importer{"toponym", accepts_toponym_gazetteer, import_toponym_gazetteer};

}  // namespace toponym::gazetteer_build
