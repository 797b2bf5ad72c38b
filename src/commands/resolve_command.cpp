// The resolve command: read a table, resolve one column row by row on every core, write it back.
#include "commands/resolve_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <future>
#include <map>
#include <optional>

#include "admin/admin_boundaries.hpp"
#include "commands/progress.hpp"
#include "core/lists.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "store/table_io.hpp"
#include "pipeline/parallel.hpp"
#include "resolve/cell_resolver.hpp"
#include "resolve/resolved_table.hpp"
#include "store/gdal_util.hpp"
#include "store/safe_output.hpp"

namespace toponym::commands {

namespace {

int required_column(const io::SourceTable& table, const std::string& name, const std::string& option, const std::string& input) {
    const int i = table.column_index(name);
    if (i < 0) {
        std::string columns;
        for (const std::string& c : table.columns()) columns += (columns.empty() ? "" : ", ") + c;
        throw UsageError(option, fmt::format("{} has no column \"{}\" (columns: {})", input, name, columns));
    }
    return i;
}

}  // namespace

CLI::App* ResolveCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "resolve", "Geocode a column of place names in a table: every row and column kept, the place appended");
    cmd->add_option("input", input_, "Table: CSV with a header row, or anything OGR reads (XLSX, GeoPackage, ...)")->required();
    cmd->add_option("--column", column_, "The column with the place names (e.g. \"Al-Mohsenli, countryside of Manbij, Aleppo\")")
        ->required();
    cmd->add_option("--alt-column", alt_columns_,
                    "A column with the same location written otherwise (e.g. in Arabic), tried when --column gives no "
                    "place or only a coarser one; repeatable")
        ->allow_extra_args(false);
    cmd->add_option("--context-column", context_columns_,
                    "A column that helps choose among same-named places (e.g. governorate); repeatable")
        ->allow_extra_args(false);
    cmd->add_option("--layer", layer_, "Layer of the input to read (default: the first)");
    cmd->add_option("-o,--output", output_, "Output file: .gpkg, .geojson, .geojsonl, .csv, .kml (not .fgb: it drops rows without a place)")->required();
    cmd->add_option("-f,--of", format_, "Output format when the extension does not say (as ogr2ogr -f): GPKG, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf");
    cmd->add_option("--countries", countries_,
                    "Countries (ISO codes, comma-separated; \"any\" for all) whose places need no other evidence: by "
                    "default a place outside Syria is taken only when the row names its country")
        ->allow_extra_args(false);
    gazetteers_.add_to(*cmd);
    cmd->add_option("--admin", admin_specs_,
                    "Admin boundaries FILE[:LAYER] for admin1-3 of each place (as in toponym map); repeatable")
        ->allow_extra_args(false);
    cmd->add_option("--threads", threads_, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--overwrite", overwrite_, "Replace OUT if it exists");
    cmd->add_flag("--progress", progress_, "Show progress (percentage, rows/s, time left) even when stderr is not a terminal");
    cmd->add_flag("-q,--quiet", quiet_, "No progress and no summary");
    cmd->footer("\nExamples:\n"
                "  toponym resolve incidents.csv --column location -o incidents.gpkg\n"
                "  toponym resolve table.xlsx --column place --alt-column place_ar --context-column governorate -f CSV -o out.txt\n"
                "  toponym resolve incidents.csv --column location --countries any -o everywhere.geojson --progress");
    return cmd;
}

int ResolveCommand::run() {
    const auto started = std::chrono::steady_clock::now();
    io::require_input(input_);
    std::vector<std::string> read = {input_};  // the table, and the files options name
    for (const std::string& f : gazetteers_.files()) read.push_back(f);
    for (const std::string& spec : admin_specs_) {
        read.push_back(spec);
        if (const std::size_t colon = spec.rfind(':'); colon != std::string::npos && colon > 0) read.push_back(spec.substr(0, colon));
    }
    io::refuse_output_over_inputs(output_, read);
    const io::OutputFormat format = io::output_format_for(output_, format_);
    if (format == io::OutputFormat::PostgreSQL) {
        throw UsageError(output_, "resolve writes a file (.gpkg, .geojson, .csv, ...); load it into PostGIS with ogr2ogr");
    }
    if (format == io::OutputFormat::FlatGeobuf) {
        // GDAL 3.6's FlatGeobuf writer drops features without geometry: unresolved rows would vanish.
        throw UsageError(output_, "FlatGeobuf cannot hold rows without a place; write .gpkg, .geojson, .geojsonl, .csv or .kml");
    }
    io::AtomicOutput output(output_, overwrite_);
    // The gazetteer and boundaries load on another thread while this one reads the table
    // (GDAL's drivers registered first, once, on this thread).
    io::ensure_gdal_registered();
    struct Loaded {
        std::optional<admin::AdminBoundaries> boundaries;
    };
    std::future<Loaded> loading = std::async(std::launch::async, [this] {
        Loaded l;
        gazetteers_.gazetteer();  // loaded once here; read by this thread only after get()
        l.boundaries.emplace(admin_specs_.empty() ? admin::AdminBoundaries::embedded()
                                                  : admin::AdminBoundaries::from_specs(admin_specs_));
        return l;
    });
    const io::SourceTable table = io::SourceTable::open(input_, layer_);
    const int column = required_column(table, column_, "--column", input_);
    std::vector<int> alt_columns;
    for (const std::string& name : split_comma_lists(alt_columns_)) {
        alt_columns.push_back(required_column(table, name, "--alt-column", input_));
    }
    std::vector<int> context_columns;
    for (const std::string& name : split_comma_lists(context_columns_)) {
        context_columns.push_back(required_column(table, name, "--context-column", input_));
    }
    const Loaded loaded = loading.get();
    const Gazetteer& gazetteer = gazetteers_.gazetteer();
    const admin::AdminBoundaries& boundaries = *loaded.boundaries;
    const geoparse::FuzzyIndex fuzzy(gazetteer);
    const PipelineContext ctx{gazetteer, boundaries, &fuzzy};
    resolve::CellOptions cell_options;
    cell_options.countries = split_comma_lists(countries_);

    // Cells are read here (GDAL objects stay on this thread); workers only geoparse. The rows
    // are written on this thread, in order, while the workers resolve the rows after them.
    const std::size_t n = table.row_count();
    std::vector<std::string> cells(n);
    std::vector<std::vector<std::string>> alts(n), contexts(n);
    for (std::size_t row = 0; row < n; ++row) {
        cells[row] = table.cell(row, column);
        for (int c : alt_columns) alts[row].push_back(table.cell(row, c));
        for (int c : context_columns) contexts[row].push_back(table.cell(row, c));
    }
    std::vector<resolve::ResolvedRow> resolved(n);
    Progress progress(quiet_, progress_, "rows");
    const std::string label = "resolving " + column_;
    // The output file is made (GDAL: the GeoPackage's tables, SRS, layer) once the first row is
    // resolved, while the workers go on with the next ones, not before they start.
    std::optional<resolve::ResolvedTableWriter> writer;
    const auto make_writer = [&] { writer.emplace(output.temp_path(), output_, format, table, gazetteer); };
    parallel_for_ordered(
        n, threads_,
        [&](std::size_t row) {
            resolved[row] = resolve::prepare_resolved_row(resolve::resolve_row(cells[row], alts[row], contexts[row], ctx, cell_options), gazetteer);
        },
        [&](std::size_t row) {
            if (!writer) make_writer();
            writer->write(row, resolved[row]);
            progress.update(row + 1, n, label);
        });
    if (!writer) make_writer();  // a table without rows
    progress.status(fmt::format("writing {} ...", output_));
    writer->finish();
    output.commit();
    progress.finish();

    if (!quiet_) {
        std::map<std::string, std::size_t> by_status, by_method;
        for (const resolve::ResolvedRow& row : resolved) {
            const resolve::CellResolution& r = row.resolution;
            ++by_status[resolve::to_string(r.status)];
            if (!r.method.empty()) ++by_method[r.method];
        }
        std::string methods;
        for (const auto& [method, count] : by_method) methods += fmt::format("{}{} {}", methods.empty() ? "" : ", ", count, method);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        fmt::print(stderr, "toponym: resolved {} of {} rows{} ({} unresolved, {} empty) -> {} ({:.2f} s)\n", by_status["resolved"], n,
                   methods.empty() ? "" : " (" + methods + ")", by_status["unresolved"], by_status["empty"], output_, seconds);
    }
    return 0;
}

}  // namespace toponym::commands
