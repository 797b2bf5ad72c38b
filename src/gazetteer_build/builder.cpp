// `toponym gazetteer build`: each source read by the first importer of the registry that
// accepts it (importers.cpp), then the merge of duplicates across sources (merge.cpp).
#include "gazetteer_build/builder.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "gazetteer_build/importer.hpp"
#include "gazetteer_build/merge.hpp"

namespace toponym::gazetteer_build {

namespace {

namespace fs = std::filesystem;

std::string first_line(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

const Importer& importer_for(const std::string& path, const std::string& line, const BuildOptions& options) {
    for (const Importer* importer : importers()) {
        if (importer->accepts(path, line, options)) return *importer;
    }
    throw DataError(path, "no importer reads this source");  // unreachable: the last accepts anything
}

}  // namespace

BuildResult build(const std::vector<std::string>& sources, const BuildOptions& options,
                  const std::function<void(const std::string&)>& status) {
    BuildResult result;
    Context ctx{options, result, {}, {}, {}, {}, 0, {}};
    for (const auto& c : options.countries) ctx.countries.insert(upper(c));
    for (const auto& c : options.feature_classes) ctx.classes.insert(upper(c));
    set_name_scripts(options.name_scripts);
    std::vector<std::pair<const Importer*, std::string>> later;  // joined once every other source is in
    for (const std::string& path : sources) {
        if (status) status(fmt::format("reading {}", path));
        // "embedded" is the gazetteer compiled into the binary, no file.
        if (path != "embedded" && !fs::is_regular_file(path) && !fs::is_directory(path)) throw DataError(path, "no such file");
        const std::string line = path != "embedded" && fs::is_regular_file(path) ? first_line(path) : std::string();
        const Importer& importer = importer_for(path, line, options);
        if (importer.after_others) {
            later.emplace_back(&importer, path);
            continue;
        }
        importer.import(ctx, path);
    }
    for (const auto& [importer, path] : later) {
        if (status) status(fmt::format("joining {}", path));
        importer->import(ctx, path);
    }
    if (status) status("merging duplicates");
    result.places = merge(std::move(result.places), ctx.input_of, options.merge_km, result.merged);
    return result;
}

std::string to_tsv(const std::vector<Place>& places, const std::string& comment) {
    auto clean = [](std::string v) {
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r' || c == '|'; }, ' ');
        return v;
    };
    auto no_tabs = [](std::string v) {  // source lists keep their '|'
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
        return v;
    };
    std::string out = "# toponym-gazetteer 1\n# " + clean(comment) + "\n";
    out += "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\t"
           "alternate_names\tsource\tsource_id\tconfidence\n";
    for (const Place& p : places) {
        std::string alts;
        for (const auto& a : p.alternate_names) alts += (alts.empty() ? "" : "|") + clean(a);
        out += fmt::format("{}\t{}\t{:.6f}\t{:.6f}\t{}\t{}\t{}\t{}\t{}\t{:g}\t{}\t{}\t{}\t{:g}\n", clean(p.id), clean(p.name), p.lat, p.lon,
                           clean(p.feature_class), clean(p.feature_code), clean(p.country_code), clean(p.admin1_pcode),
                           p.population ? std::to_string(p.population) : std::string(), p.radius_m, alts,
                           // the source list of a merged place keeps its '|' separators
                           p.source, no_tabs(p.source_id), p.confidence);
    }
    return out;
}

}  // namespace toponym::gazetteer_build
