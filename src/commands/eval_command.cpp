// The eval command: load gold, run the pipeline on its texts, score, print.
#include "commands/eval_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "commands/progress.hpp"
#include "eval/evaluation.hpp"
#include "io/safe_output.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/pipeline.hpp"

namespace toponym::commands {

CLI::App* EvalCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "eval", "Score toponym against gold annotation: mentions, resolution error, governorates, relative places, events");
    cmd->add_option("--gold", gold_, "Seed gold annotation (seeds.json: documents with toponyms and events)");
    cmd->add_option("--seeds", seeds_dir_, "Folder of the texts the seed gold names (default: ../seeds beside it)");
    cmd->add_option("--corpus", corpora_,
                    "JSONL geoparsing corpus (one document a line: text, toponyms with start, end, lat, lon); repeatable")
        ->allow_extra_args(false);
    cmd->add_option("--json", json_, "Also write the whole report (every measure, every error, the worst misses) as JSON");
    cmd->add_option("--worst", worst_, "How many of the worst misses to list (default 10)");
    gazetteers_.add_to(*cmd);
    cmd->add_option("--admin", admin_specs_, "Admin boundaries FILE[:LAYER] instead of the embedded governorates")
        ->allow_extra_args(false);
    cmd->add_flag("--overwrite", overwrite_, "Replace the --json file if it exists");
    cmd->add_flag("-q,--quiet", quiet_, "No progress");
    return cmd;
}

int EvalCommand::run() {
    if (gold_.empty() && corpora_.empty()) throw UsageError("eval", "give --gold FILE and/or --corpus FILE");
    std::optional<io::AtomicOutput> json_out;
    if (!json_.empty()) json_out.emplace(json_, overwrite_);

    std::vector<eval::GoldCorpus> corpora;
    if (!gold_.empty()) {
        std::string seeds = seeds_dir_;
        if (seeds.empty()) seeds = (std::filesystem::path(gold_).parent_path() / ".." / "seeds").lexically_normal().string();
        corpora.push_back(eval::load_seed_gold(gold_, seeds));
    }
    for (const std::string& path : corpora_) corpora.push_back(eval::load_jsonl_gold(path));

    const Gazetteer& gazetteer = gazetteers_.gazetteer();
    const admin::AdminBoundaries boundaries =
        admin_specs_.empty() ? admin::AdminBoundaries::embedded() : admin::AdminBoundaries::from_specs(admin_specs_);
    const geoparse::FuzzyIndex fuzzy(gazetteer);
    const PipelineContext ctx{gazetteer, boundaries, &fuzzy};

    int status = 0;
    std::vector<nlohmann::json> reports;
    Progress progress(quiet_);
    for (const eval::GoldCorpus& corpus : corpora) {
        for (const Diagnostic& d : corpus.problems) {
            fmt::print(stderr, "toponym: {}\n", d.format());
            status = 1;
        }
        std::vector<DocumentResult> results;
        results.reserve(corpus.documents.size());
        for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
            results.push_back(process_document(corpus.documents[i].doc, ctx));
            progress.update(i + 1, corpus.documents.size(), corpus.name);
        }
        progress.finish();
        reports.push_back(eval::score_corpus(corpus, results, gazetteer, {worst_}));
        eval::score_given_spans(corpus, gazetteer, reports.back());
    }
    std::vector<nlohmann::json> columns = reports;
    if (reports.size() > 1) columns.push_back(eval::combine_reports(reports));
    fmt::print("{}", eval::format_table(columns));
    for (const nlohmann::json& r : reports) {
        if (r["worst"].empty()) continue;
        fmt::print("\nworst misses, {} (Syrian locations outside their gold radius):\n", r["corpus"].get<std::string>());
        for (const nlohmann::json& m : r["worst"]) {
            const std::string got = m["system"].is_null()
                                        ? "not found"
                                        : fmt::format("{} ({:.4f}, {:.4f}), {:.1f} km off", m["system"]["name"].get<std::string>(),
                                                      m["system"]["lat"].get<double>(), m["system"]["lon"].get<double>(),
                                                      m["error_km"].get<double>());
            fmt::print("  {} {} \"{}\": {}\n      …{}…\n", m["doc"].get<std::string>(), m["gold_id"].get<std::string>(),
                       m["text"].get<std::string>(), got, m["context"].get<std::string>());
        }
    }
    if (json_out) {
        nlohmann::json doc = {{"corpora", reports}};
        if (reports.size() > 1) doc["overall"] = columns.back();
        io::write_whole_file(json_out->temp_path(), doc.dump(2) + "\n", json_, "report");
        json_out->commit();
    }
    return status;
}

}  // namespace toponym::commands
