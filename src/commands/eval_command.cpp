// The eval command: load gold, run the pipeline on its texts, score, print.
#include "commands/eval_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "commands/progress.hpp"
#include "eval/evaluation.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/parallel.hpp"
#include "pipeline/pipeline.hpp"
#include "store/safe_output.hpp"

namespace toponym::commands {

CLI::App* EvalCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "eval", "Score toponym against gold annotation: mentions, resolution error, governorates, relative places, events");
    cmd->add_option("--gold", gold_, "Seed gold annotation (seeds.json: documents with toponyms and events)");
    cmd->add_option("--seeds", seeds_dir_, "Folder of the texts the seed gold names (default: ../seeds beside it)");
    cmd->add_option("--corpus", corpora_,
                    "JSONL geoparsing corpus (one document a line: text, toponyms with start, end, lat, lon); repeatable")
        ->allow_extra_args(false);
    cmd->add_option("--incidents", incidents_,
                    "Table of incident reports with a gold point (CSV, XLSX, GeoPackage...): each row's text mapped as one "
                    "report published on its date, its events scored against the point");
    cmd->add_option("--id-column", incident_columns_.id, "--incidents: the id column (default id; \"\" = none)")
        ->group("Incident table");
    cmd->add_option("--text-column", incident_columns_.text, "--incidents: the report text column (default text)")
        ->group("Incident table");
    cmd->add_option("--date-column", incident_columns_.date,
                    "--incidents: the date column, YYYY-MM-DD, the report's publication date (default date; \"\" = none)")
        ->group("Incident table");
    cmd->add_option("--lat-column", incident_columns_.lat, "--incidents: the gold latitude column (default lat)")->group("Incident table");
    cmd->add_option("--lon-column", incident_columns_.lon, "--incidents: the gold longitude column (default lon)")->group("Incident table");
    cmd->add_option("--precision-column", incident_columns_.precision,
                    "--incidents: the location precision column, 1 the place, 2 near it, 3 its area (default precision; "
                    "\"\" = none: every row precision 1)")
        ->group("Incident table");
    cmd->add_option("--within-p1", incident_options_.within_km_precise,
                    "--incidents: km from the gold point within which an event is right, precision 1 (default 5)")
        ->check(CLI::PositiveNumber)
        ->group("Incident table");
    cmd->add_option("--within-p23", incident_options_.within_km_coarse,
                    "--incidents: the same for precision 2 and 3 (default 25)")
        ->check(CLI::PositiveNumber)
        ->group("Incident table");
    cmd->add_option("--threads", threads_, "Worker threads for --incidents (default: one per core)")->check(CLI::Range(1u, 1024u));
    cmd->add_option("--json", json_, "Also write the whole report (every measure, every error, the worst misses) as JSON");
    cmd->add_option("--worst", worst_, "How many of the worst misses to list (default 10)");
    gazetteers_.add_to(*cmd);
    cmd->add_option("--admin", admin_specs_, "Admin boundaries FILE[:LAYER] instead of the embedded governorates")
        ->allow_extra_args(false);
    cmd->add_flag("--overwrite", overwrite_, "Replace the --json file if it exists");
    cmd->add_flag("--progress", progress_, "Show progress (percentage, documents/s, time left) even when stderr is not a terminal");
    cmd->add_flag("-q,--quiet", quiet_, "No progress");
    cmd->footer("\nExamples:\n"
                "  toponym eval --gold ../shared/gold/seeds.json\n"
                "  toponym eval --corpus lgl.jsonl --json report.json --worst 20\n"
                "  toponym eval --incidents incidents.csv --text-column notes --within-p1 5 --progress");
    return cmd;
}

int EvalCommand::run() {
    if (gold_.empty() && corpora_.empty() && incidents_.empty()) {
        throw UsageError("eval", "give --gold FILE, --corpus FILE and/or --incidents FILE");
    }
    std::optional<io::AtomicOutput> json_out;
    if (!json_.empty()) json_out.emplace(json_, overwrite_);

    std::vector<eval::GoldCorpus> corpora;
    if (!gold_.empty()) {
        std::string seeds = seeds_dir_;
        if (seeds.empty()) seeds = (std::filesystem::path(gold_).parent_path() / ".." / "seeds").lexically_normal().string();
        corpora.push_back(eval::load_seed_gold(gold_, seeds));
    }
    for (const std::string& path : corpora_) corpora.push_back(eval::load_jsonl_gold(path));
    // Read before any work, so that a missing column stops the run at once.
    std::optional<eval::IncidentTable> incident_table;
    if (!incidents_.empty()) incident_table = eval::load_incidents(incidents_, incident_columns_);

    const Gazetteer& gazetteer = gazetteers_.gazetteer();
    const admin::AdminBoundaries boundaries =
        admin_specs_.empty() ? admin::AdminBoundaries::embedded() : admin::AdminBoundaries::from_specs(admin_specs_);
    const geoparse::FuzzyIndex fuzzy(gazetteer);
    const PipelineContext ctx{gazetteer, boundaries, &fuzzy};

    int status = 0;
    std::vector<nlohmann::json> reports;
    Progress progress(quiet_, progress_, "documents");
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
    if (!columns.empty()) fmt::print("{}", eval::format_table(columns));
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
    nlohmann::json incidents;
    if (incident_table) {
        if (!reports.empty()) fmt::print("\n");
        incidents = run_incidents(*incident_table, ctx, status);
    }
    if (json_out) {
        nlohmann::json doc = nlohmann::json::object();
        if (!reports.empty()) doc["corpora"] = reports;
        if (reports.size() > 1) doc["overall"] = columns.back();
        if (!incidents.is_null()) doc["incidents"] = incidents;
        io::write_whole_file(json_out->temp_path(), doc.dump(2) + "\n", json_, "report");
        json_out->commit();
    }
    return status;
}

nlohmann::json EvalCommand::run_incidents(const eval::IncidentTable& table, const PipelineContext& ctx, int& status) {
    incident_options_.worst = worst_;
    for (const Diagnostic& d : table.problems) fmt::print(stderr, "toponym: {}\n", d.format());
    if (table.bad_rows > 0) status = 1;
    // Only the events are kept: a result holds every mention of its report.
    std::vector<std::vector<eval::IncidentEvent>> events(table.incidents.size());
    Progress progress(quiet_, progress_, "documents");
    const std::string label = std::filesystem::path(incidents_).filename().string();
    parallel_for(
        table.incidents.size(), threads_,
        [&](std::size_t i) {
            const eval::Incident& in = table.incidents[i];
            Document doc;
            doc.doc_id = in.id;
            doc.path = incidents_;
            doc.text = in.text;
            doc.published = in.published;
            events[i] = eval::incident_events(process_document(std::move(doc), ctx));
        },
        [&](std::size_t done, std::size_t total) { progress.update(done, total, label); });
    progress.finish();
    const nlohmann::json report = eval::score_incidents(table, events, ctx.admin, incident_options_);
    fmt::print("{}", eval::format_incident_report(report));
    return report;
}

}  // namespace toponym::commands
