// The map command: read, geoparse, write atomically, report.
#include "commands/map_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <array>
#include <optional>

#include "admin/admin_boundaries.hpp"
#include "filter/feature_filter.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "io/html_preview.hpp"
#include "io/layer_writer.hpp"
#include "io/qgis_project.hpp"
#include "io/safe_output.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/pipeline.hpp"
#include "commands/progress.hpp"

namespace toponym::commands {

namespace {

// Keeps the events that pass every filter and the mentions that pass the spatial ones (a
// mention has no type or date of its own); documents and unresolved names stay.
void apply_filters(std::vector<DocumentResult>& documents, const filter::FilterSpec& spec,
                   const admin::AdminBoundaries& boundaries, const Gazetteer& gazetteer) {
    const filter::FeatureFilter event_filter(spec, boundaries);
    filter::FilterSpec spatial = spec;
    spatial.types.clear();
    spatial.from.reset();
    spatial.to.reset();
    spatial.min_confidence.reset();
    const filter::FeatureFilter mention_filter(spatial, boundaries);
    auto facts_of = [&gazetteer](const Mention& m) {
        const Place& p = gazetteer.place(m.place());
        filter::FeatureFacts f;
        f.lat = p.lat;
        f.lon = p.lon;
        f.admin1_pcode = m.admin.admin1_pcode;
        f.admin2_pcode = m.admin.admin2_pcode;
        f.confidence = m.confidence;
        return f;
    };
    for (DocumentResult& r : documents) {
        std::vector<Event> events;
        for (Event& ev : r.events) {
            filter::FeatureFacts f;
            f.lat = ev.lat;
            f.lon = ev.lon;
            f.admin1_pcode = ev.admin.admin1_pcode;
            f.admin2_pcode = ev.admin.admin2_pcode;
            f.date = ev.event_date;
            f.type = ev.event_type;
            f.confidence = ev.confidence;
            if (event_filter.matches(f)) events.push_back(std::move(ev));
        }
        // Mentions: those inside the filter, and the places of the events kept.
        std::vector<Mention> mentions;
        std::vector<std::size_t> new_index(r.mentions.size(), SIZE_MAX);
        for (std::size_t i = 0; i < r.mentions.size(); ++i) {
            const bool needed = std::any_of(events.begin(), events.end(), [i](const Event& e) { return e.mention == i; });
            if (needed || mention_filter.matches(facts_of(r.mentions[i]))) {
                new_index[i] = mentions.size();
                mentions.push_back(std::move(r.mentions[i]));
            }
        }
        // Relative locations: those inside the filter, and those that locate an event kept.
        std::vector<RelativeLocation> relatives;
        std::vector<std::size_t> new_relative(r.relatives.size(), SIZE_MAX);
        for (std::size_t i = 0; i < r.relatives.size(); ++i) {
            RelativeLocation& rel = r.relatives[i];
            filter::FeatureFacts f;
            f.lat = rel.lat;
            f.lon = rel.lon;
            f.admin1_pcode = rel.admin.admin1_pcode;
            f.admin2_pcode = rel.admin.admin2_pcode;
            const bool needed = std::any_of(events.begin(), events.end(), [i](const Event& e) { return e.relative == i; });
            if (!needed && !mention_filter.matches(f)) continue;
            new_relative[i] = relatives.size();
            rel.anchor = new_index[rel.anchor];  // SIZE_MAX when the anchor's mention was filtered out
            relatives.push_back(std::move(rel));
        }
        for (Event& ev : events) {
            ev.mention = new_index[ev.mention];
            if (ev.relative) ev.relative = new_relative[*ev.relative];
            std::vector<std::size_t> places;
            for (std::size_t m : ev.places) {
                if (new_index[m] != SIZE_MAX) places.push_back(new_index[m]);
            }
            ev.places = std::move(places);
        }
        r.relatives = std::move(relatives);
        r.mentions = std::move(mentions);
        r.events = std::move(events);
    }
}

// The project over what was written: the events' extent (places abroad would zoom the map out
// of Syria; the mentions' or Syria's when there is no event) and their first and last day.
io::ProjectSpec project_spec(const std::string& data_path, const std::vector<std::string>& layers,
                             const std::vector<DocumentResult>& documents, const Gazetteer& gazetteer) {
    io::ProjectSpec spec;
    spec.data_path = data_path;
    for (const std::string& layer : layers) spec.layers.push_back({layer, layer != "unresolved" && layer != "documents"});
    std::optional<std::array<double, 4>> events_box, syria_box;
    auto widen = [](std::optional<std::array<double, 4>>& box, const Place& p) {
        if (!box) box = std::array<double, 4>{p.lon, p.lat, p.lon, p.lat};
        auto& b = *box;
        b = {std::min(b[0], p.lon), std::min(b[1], p.lat), std::max(b[2], p.lon), std::max(b[3], p.lat)};
    };
    for (const DocumentResult& r : documents) {
        for (const Event& ev : r.events) {
            widen(events_box, gazetteer.place(r.mentions[ev.mention].place()));
            if (!ev.event_date) continue;
            if (!spec.time_range) spec.time_range = std::pair{*ev.event_date, *ev.event_date};
            spec.time_range->first = std::min(spec.time_range->first, *ev.event_date);
            spec.time_range->second = std::max(spec.time_range->second, *ev.event_date);
        }
        for (const Mention& m : r.mentions) {
            if (!m.admin.admin1_pcode.empty()) widen(syria_box, gazetteer.place(m.place()));
        }
    }
    spec.extent = events_box ? *events_box : syria_box ? *syria_box : std::array<double, 4>{35.7, 32.3, 42.4, 37.3};
    return spec;
}

}  // namespace

CLI::App* MapCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("map", "Geoparse reports into map layers (events, mentions, places, governorates, unresolved, documents)");
    cmd->add_option("inputs", inputs_, "Report files (.txt, optional front matter) or directories of them")->required();
    cmd->add_option("-o,--output", output_,
                    "Output file: .gpkg (all layers), .geojson, .geojsonl, .csv, .fgb (one layer), .kml")
        ->required();
    cmd->add_option("--of", format_, "Output format when the extension does not say: GPKG, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf");
    cmd->add_option("--layers", layers_,
                    "Layers to write, comma-separated: events, mentions, places, governorates, unresolved, documents "
                    "(default: all for GeoPackage, events otherwise)")
        ->allow_extra_args(false);
    cmd->add_option("--qgis-project", qgis_project_,
                    "Also write a QGIS project (.qgs) with the layers, their styles, the temporal controller on "
                    "event_date and the extent of the events (GeoPackage or GeoJSON output)");
    cmd->add_option("--html", html_,
                    "Also write a self-contained HTML page with the events on a map (no network needed to view it)");
    cmd->add_flag("--overwrite", overwrite_, "Replace OUT (and the project or page) if it exists");
    cmd->add_flag("-q,--quiet", quiet_, "No progress and no summary; problems are still reported");
    filters_.add_to(*cmd);
    gazetteers_.add_to(*cmd);
    return cmd;
}

int MapCommand::run() {
    const auto started = std::chrono::steady_clock::now();
    const io::OutputFormat format = io::output_format_for(output_, format_);
    const std::vector<std::string> layers = io::layers_for(format, layers_);
    io::AtomicOutput output(output_, overwrite_);
    std::optional<io::AtomicOutput> project;
    if (!qgis_project_.empty()) {
        if (format != io::OutputFormat::GeoPackage && format != io::OutputFormat::GeoJSON) {
            throw UsageError("--qgis-project", "needs GeoPackage or GeoJSON output");
        }
        project.emplace(qgis_project_, overwrite_);
    }
    std::optional<io::AtomicOutput> page;
    if (!html_.empty()) page.emplace(html_, overwrite_);  // refuses to clobber before any work is done

    std::vector<Diagnostic> problems;
    const std::vector<std::string> files = ingest::expand_inputs(inputs_, problems);
    for (const Diagnostic& d : problems) fmt::print(stderr, "toponym: {}\n", d.format());

    const Gazetteer& gazetteer = gazetteers_.gazetteer();
    const admin::AdminBoundaries boundaries = filters_.boundaries();
    const filter::FilterSpec spec = filters_.spec(gazetteer, boundaries);
    for (const std::string& t : spec.types) {
        if (!is_known_event_type(t)) throw UsageError("--type", fmt::format("unknown event type \"{}\" ({})", t, known_event_types()));
    }
    const geoparse::FuzzyIndex fuzzy(gazetteer);
    const PipelineContext ctx{gazetteer, boundaries, &fuzzy};

    Progress progress(quiet_);
    RunResult run = run_files(files, ctx, [&progress](std::size_t done, std::size_t total, const std::string& path) {
        progress.update(done, total, path);
    });
    progress.finish();
    for (const Diagnostic& d : run.problems) fmt::print(stderr, "toponym: {}\n", d.format());
    progress.status(fmt::format("writing {} ...", output_));
    if (!spec.empty()) apply_filters(run.documents, spec, boundaries, gazetteer);

    try {
        io::write_layers(output.temp_path(), output_, format, layers, run.documents, gazetteer, &boundaries.admin1());
    } catch (const DataError& e) {
        throw DataError(e.where(), e.what() + io::disk_space_hint(output_), e.line());
    }
    output.commit();
    progress.finish();
    if (page) {
        io::write_html_preview(page->temp_path(), run.documents, gazetteer, boundaries.admin1(), html_);
        page->commit();
    }
    if (project) {
        io::write_qgis_project(project->temp_path(), project_spec(output_, layers, run.documents, gazetteer), qgis_project_);
        project->commit();
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet_) {
        std::size_t mentions = 0, unresolved = 0, events = 0;
        for (const DocumentResult& r : run.documents) {
            mentions += r.mentions.size();
            unresolved += r.unresolved.size();
            events += r.events.size();
        }
        std::string written;
        for (const std::string& layer : layers) written += (written.empty() ? "" : ", ") + layer;
        fmt::print("toponym: mapped {} document{} ({} failed): {} events, {} mentions, {} unresolved names -> {} [{}] ({:.2f} s)\n",
                   run.documents.size(), run.documents.size() == 1 ? "" : "s", run.failed_inputs, events, mentions,
                   unresolved, output_, written, seconds);
    }
    const bool directory_problem = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    });
    return (run.failed_inputs > 0 || directory_problem) ? 1 : 0;
}

}  // namespace toponym::commands
