// The map command: read, geoparse, write atomically, report.
#include "commands/map_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "admin/admin_index.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "io/layer_writer.hpp"
#include "io/safe_output.hpp"
#include "pipeline/pipeline.hpp"
#include "commands/progress.hpp"

namespace toponym::commands {

CLI::App* MapCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("map", "Geoparse reports into map layers (events, mentions, unresolved, documents)");
    cmd->add_option("inputs", inputs_, "Report files (.txt, optional front matter) or directories of them")->required();
    cmd->add_option("-o,--output", output_, "Output file: .gpkg (all layers) or .geojson (events)")->required();
    cmd->add_option("--of", format_, "Output format when the extension does not say: GPKG, GeoJSON");
    cmd->add_option("--gazetteer", gazetteer_path_, "Gazetteer file (toponym TSV) instead of the embedded Syria one");
    cmd->add_flag("--overwrite", overwrite_, "Replace OUT if it exists");
    cmd->add_flag("-q,--quiet", quiet_, "No progress and no summary; problems are still reported");
    return cmd;
}

int MapCommand::run() {
    const auto started = std::chrono::steady_clock::now();
    const io::OutputFormat format = io::output_format_for(output_, format_);
    io::AtomicOutput output(output_, overwrite_);  // refuses to clobber before any work is done

    std::vector<Diagnostic> problems;
    const std::vector<std::string> files = ingest::expand_inputs(inputs_, problems);
    for (const Diagnostic& d : problems) fmt::print(stderr, "toponym: {}\n", d.format());

    std::optional<Gazetteer> custom;
    if (!gazetteer_path_.empty()) custom.emplace(Gazetteer::load_file(gazetteer_path_));
    const Gazetteer& gazetteer = custom ? *custom : Gazetteer::embedded();
    const PipelineContext ctx{gazetteer, admin::AdminIndex::embedded()};

    Progress progress(quiet_);
    RunResult run = run_files(files, ctx, [&progress](std::size_t done, std::size_t total, const std::string& path) {
        progress.update(done, total, path);
    });
    progress.finish();
    for (const Diagnostic& d : run.problems) fmt::print(stderr, "toponym: {}\n", d.format());

    const io::LayerCounts counts = io::write_layers(output.temp_path(), output_, format, run.documents, gazetteer);
    output.commit();

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet_) {
        fmt::print("toponym: mapped {} document{} ({} failed): {} events, {} mentions, {} unresolved names -> {} ({:.2f} s)\n",
                   run.documents.size(), run.documents.size() == 1 ? "" : "s", run.failed_inputs, counts.events,
                   format == io::OutputFormat::GeoPackage ? fmt::to_string(counts.mentions) : "(not in GeoJSON)",
                   format == io::OutputFormat::GeoPackage ? fmt::to_string(counts.unresolved) : "(not in GeoJSON)",
                   output_, seconds);
    }
    const bool directory_problem = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    });
    return (run.failed_inputs > 0 || directory_problem) ? 1 : 0;
}

}  // namespace toponym::commands
