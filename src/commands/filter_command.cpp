// The filter command.
#include "commands/filter_command.hpp"

#include <fmt/format.h>

#include <chrono>

#include "commands/progress.hpp"
#include "filter/layer_filter.hpp"
#include "store/safe_output.hpp"

namespace toponym::commands {

CLI::App* FilterCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "filter", "Filter any point layer (toponym output, CSV with lon/lat, GeoJSON, GeoPackage) by admin area, "
                  "polygon, bbox, date, type or confidence");
    cmd->add_option("input", input_, "Input: any OGR-readable source")->required();
    cmd->add_option("-o,--output", output_, "Output file: .gpkg or .geojson")->required();
    cmd->add_option("-f,--of", format_, "Output format when the extension does not say (as ogr2ogr -f): GPKG, GeoJSON");
    cmd->add_option("--layer", layers_, "Layer(s) to filter (default: every layer with geometry; for GeoJSON output, events)")
        ->allow_extra_args(false);
    cmd->add_option("--date-field", date_field_, "Field with the date for --from/--to (default: event_date, date, published)");
    cmd->add_option("--type-field", type_field_, "Field with the type for --type (default: event_type)");
    cmd->add_flag("--add-admin", add_admin_, "Add admin1/admin2/admin3 names and pcodes of every point");
    cmd->add_flag("--overwrite", overwrite_, "Replace OUT if it exists");
    where_option_ = cmd->add_option("--where", where_,
                    "Keep the features whose fields pass this OGR SQL WHERE expression, read-only (e.g. \"fatalities > 0 "
                    "AND admin1 = 'Idleb'\"); checked against each layer's fields");
    cmd->add_flag("--progress", progress_, "Show progress (percentage, features/s, time left) even when stderr is not a terminal");
    cmd->add_flag("-q,--quiet", quiet_, "No progress and no summary");
    cmd->footer("\nExamples:\n"
                "  toponym filter events.gpkg -o idleb.gpkg --governorate Idleb --from 2019-12-01\n"
                "  toponym filter incidents.csv -f GeoJSON -o north.json --within north.geojson --add-admin\n"
                "  toponym filter events.gpkg -o strikes.gpkg --layer events --where \"event_type = 'air_strike' AND fatalities >= 3\"");
    filters_.add_to(*cmd);
    gazetteers_.add_to(*cmd, "Admin areas and filters");
    return cmd;
}

int FilterCommand::run() {
    const auto started = std::chrono::steady_clock::now();
    io::require_input(input_);
    // An empty --where is said now; the expression is checked against each layer's fields later.
    if (where_option_->count() > 0 && where_.find_first_not_of(" \t\r\n") == std::string::npos) throw UsageError("--where", "is empty");
    std::vector<std::string> read = {input_};  // the layer, and the files options name
    for (const std::string& f : filters_.files()) read.push_back(f);
    for (const std::string& f : gazetteers_.files()) read.push_back(f);
    io::refuse_output_over_inputs(output_, read);
    const io::OutputFormat format = io::output_format_for(output_, format_);
    io::AtomicOutput output(output_, overwrite_);
    const admin::AdminBoundaries boundaries = filters_.boundaries();
    const filter::FeatureFilter feature_filter(filters_.spec(gazetteers_.gazetteer(), boundaries), boundaries);

    filter::LayerFilterOptions options;
    options.input = input_;
    options.layers = layers_;
    options.output_path = output.temp_path();
    options.output_name = output_;
    options.format = format;
    options.date_field = date_field_;
    options.type_field = type_field_;
    options.add_admin = add_admin_;
    options.where = where_;

    Progress progress(quiet_, progress_, "features");
    const auto counts = filter::filter_layers(options, feature_filter, boundaries,
                                              [&progress](std::size_t done, std::size_t total, const std::string& layer) {
                                                  progress.update(done, total, layer);
                                              });
    progress.finish();
    output.commit();
    if (!quiet_) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        for (const auto& c : counts) fmt::print("toponym: {}: kept {} of {} features\n", c.layer, c.kept, c.read);
        fmt::print("toponym: wrote {} ({:.2f} s)\n", output_, seconds);
    }
    return 0;
}

}  // namespace toponym::commands
