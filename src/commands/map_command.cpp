// The map command: read, geoparse, write atomically, report.
#include "commands/map_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "admin/admin_boundaries.hpp"
#include "filter/feature_filter.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/batch_reader.hpp"
#include "ingest/document_reader.hpp"
#include "io/html_preview.hpp"
#include "io/layer_writer.hpp"
#include "io/qgis_project.hpp"
#include "store/safe_output.hpp"
#include "io/where_clause.hpp"
#include "geoparse/fuzzy.hpp"
#include "pipeline/pipeline.hpp"
#include "commands/progress.hpp"

namespace toponym::commands {

namespace {

// Keeps the events that pass every filter and the mentions that pass the spatial ones (a
// mention has no type or date of its own); documents and unresolved names stay.
// `where_ids`, when given: the events --where kept (io::events_matching), another criterion.
void apply_filters(std::vector<DocumentResult>& documents, const filter::FilterSpec& spec,
                   const admin::AdminBoundaries& boundaries, const std::set<std::string>* where_ids) {
    const filter::FeatureFilter event_filter(spec, boundaries);
    filter::FilterSpec spatial = spec;
    spatial.types.clear();
    spatial.from.reset();
    spatial.to.reset();
    spatial.min_confidence.reset();
    const filter::FeatureFilter mention_filter(spatial, boundaries);
    auto facts_of = [](const Mention& m) {
        const PlaceFacts& p = m.chosen;
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
            if (where_ids && !where_ids->count(ev.event_id)) continue;
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
        // A casualty figure held by an event left out goes to the first event kept that pointed
        // at it, so that the output still states it once.
        std::map<std::string, std::string> new_holder;  // old holder id -> the event that now holds it
        for (Event& ev : events) {
            if (ev.casualties_shared_with.empty()) continue;
            const bool kept = std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.event_id == ev.casualties_shared_with; });
            if (kept) continue;
            if (const auto it = new_holder.find(ev.casualties_shared_with); it != new_holder.end()) {
                ev.casualties_shared_with = it->second;
                continue;
            }
            const auto holder = std::find_if(r.events.begin(), r.events.end(), [&](const Event& e) { return e.event_id == ev.casualties_shared_with; });
            if (holder == r.events.end()) continue;
            new_holder[ev.casualties_shared_with] = ev.event_id;
            ev.killed = holder->killed;
            ev.injured = holder->injured;
            ev.casualties_shared_with.clear();
        }
        r.relatives = std::move(relatives);
        r.mentions = std::move(mentions);
        r.events = std::move(events);
    }
}

// The project over what was written, counted as documents arrive: the events' extent (places
// abroad would zoom the map out of Syria; the mentions' or Syria's when there is no event) and
// their first and last day.
class ProjectExtent {
public:
    void add(const DocumentResult& r) {
        for (const Event& ev : r.events) {
            widen(events_box_, r.mentions[ev.mention].chosen);
            if (!ev.event_date) continue;
            if (!time_range_) time_range_ = std::pair{*ev.event_date, *ev.event_date};
            time_range_->first = std::min(time_range_->first, *ev.event_date);
            time_range_->second = std::max(time_range_->second, *ev.event_date);
        }
        for (const Mention& m : r.mentions) {
            if (!m.admin.admin1_pcode.empty()) widen(syria_box_, m.chosen);
        }
    }

    io::ProjectSpec spec(const std::string& data_path, const std::vector<std::string>& layers) const {
        io::ProjectSpec spec;
        spec.data_path = data_path;
        for (const std::string& layer : layers) spec.layers.push_back({layer, layer != "unresolved" && layer != "documents"});
        spec.time_range = time_range_;
        spec.extent = events_box_ ? *events_box_ : syria_box_ ? *syria_box_ : std::array<double, 4>{35.7, 32.3, 42.4, 37.3};
        return spec;
    }

private:
    static void widen(std::optional<std::array<double, 4>>& box, const PlaceFacts& p) {
        if (!box) box = std::array<double, 4>{p.lon, p.lat, p.lon, p.lat};
        auto& b = *box;
        b = {std::min(b[0], p.lon), std::min(b[1], p.lat), std::max(b[2], p.lon), std::max(b[3], p.lat)};
    }

    std::optional<std::array<double, 4>> events_box_, syria_box_;
    std::optional<std::pair<Date, Date>> time_range_;
};

// Documents are written in batches of this many: --where is evaluated on a batch's events at a
// time (io::events_matching), the filters apply per document.
constexpr std::size_t kWriteBatch = 256;

}  // namespace

CLI::App* MapCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("map", "Geoparse reports into map layers (events, mentions, places, governorates, unresolved, documents)");
    cmd->add_option("inputs", inputs_,
                    "Reports: .txt files (optional front matter), directories of them, .jsonl (one JSON document a "
                    "line: id, text, optional title, source, url, published), .csv (one document a row), or - for "
                    "standard input")
        ->required();
    cmd->add_option("-o,--output", output_,
                    "Output file: .gpkg (all layers), .geojson, .geojsonl, .csv, .fgb (one layer), .kml; or a PostGIS "
                    "database: PG:\"dbname=... host=...\" (all layers, in --schema)")
        ->required();
    cmd->add_option("-f,--of", format_,
                    "Output format when the extension does not say (as ogr2ogr -f): GPKG, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf, PostgreSQL");
    schema_option_ = cmd->add_option("--schema", schema_, "PostgreSQL output: the schema of the tables, created when missing (default: public)");
    cmd->add_flag("--append", append_,
                  "Add to an existing GeoPackage or PostgreSQL schema: reports already stored are skipped, changed ones "
                  "replace their old features");
    cmd->add_option("--layers", layers_,
                    "Layers to write, comma-separated: events, mentions, places, governorates, unresolved, documents "
                    "(default: all for GeoPackage, events otherwise)")
        ->allow_extra_args(false);
    cmd->add_option("--qgis-project", qgis_project_,
                    "Also write a QGIS project (.qgs) with the layers, their styles, the temporal controller on "
                    "event_date and the extent of the events (GeoPackage or GeoJSON output)");
    cmd->add_option("--html", html_,
                    "Also write a self-contained HTML page with the events on a map (no network needed to view it)");
    cmd->add_option("--input-format", input_format_,
                    "Read the inputs as txt, jsonl or csv whatever their extension (standard input: detected, JSONL "
                    "when it starts with '{')");
    cmd->add_option("--text-column", text_column_,
                    "CSV input: the column holding each document's text (default: text, body, content, article, "
                    "full_text or description)");
    cmd->add_option("--threads", threads_, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--overwrite", overwrite_, "Replace OUT (and the project or page) if it exists");
    where_option_ = cmd->add_option("--where", where_,
                    "Keep the events whose fields pass this OGR SQL WHERE expression, read-only (e.g. \"fatalities >= 3 AND "
                    "event_type IN ('air_strike','shelling')\"); fields of the events layer. Other layers follow as with --type");
    cmd->add_flag("--progress", progress_, "Show progress (percentage, documents/s, time left) even when stderr is not a terminal");
    cmd->add_flag("-q,--quiet", quiet_, "No progress and no summary; problems are still reported");
    cmd->footer("\nExamples:\n"
                "  toponym map reports/ -o events.gpkg --qgis-project events.qgs\n"
                "  toponym map feed.jsonl -f GeoJSON -o idleb.json --governorate Idleb --from 2019-12-01\n"
                "  toponym map reports/ -o deadly.gpkg --where \"fatalities >= 5\" --progress");
    filters_.add_to(*cmd);
    gazetteers_.add_to(*cmd);
    return cmd;
}

int MapCommand::run() {
    const auto started = std::chrono::steady_clock::now();
    const io::OutputFormat format = io::output_format_for(output_, format_);
    // A bad --where stops the run before any output is touched or any report read.
    if (where_option_->count() > 0) io::check_where(where_, io::event_field_names(), "events");
    std::vector<std::string> layers = io::layers_for(format, layers_);
    const std::string output_name = io::display_target(output_);  // no password in messages
    // An output that is also an input would replace what the run reads, --overwrite or not.
    std::vector<std::string> read = inputs_;  // the reports, and the files options name
    for (const std::string& f : filters_.files()) read.push_back(f);
    for (const std::string& f : gazetteers_.files()) read.push_back(f);
    for (const std::string* out : {&output_, &qgis_project_, &html_}) io::refuse_output_over_inputs(*out, read);
    if (append_ && overwrite_) throw UsageError("--append", "and --overwrite exclude each other");
    if (append_ && !io::traits(format).appendable) {
        throw UsageError("--append", "needs GeoPackage or PostgreSQL output");
    }
    const bool schema_given = schema_option_->count() > 0;
    if (schema_given && format != io::OutputFormat::PostgreSQL) throw UsageError("--schema", "is for PostgreSQL output (-o PG:...)");
    io::StoreOptions store_options;
    store_options.schema = schema_given ? schema_ : "public";
    store_options.append = append_;
    store_options.overwrite = overwrite_;
    io::check_schema_name(store_options.schema);
    // A database, or a GeoPackage to add to, is written in one transaction; files anew go to a
    // temporary file renamed when complete.
    const bool store = format == io::OutputFormat::PostgreSQL || (append_ && std::filesystem::exists(output_));
    // The documents layer is what an appending run compares against: always kept up to date.
    if (store && std::find(layers.begin(), layers.end(), "documents") == layers.end()) layers.push_back("documents");
    std::optional<io::AtomicOutput> output;
    if (store) {
        io::check_store_target(output_, format, layers, store_options);
    } else {
        if (format == io::OutputFormat::GeoPackage && !overwrite_ && std::filesystem::exists(output_)) {
            throw UsageError(output_, "already exists; use --append to add to it or --overwrite to replace it");
        }
        output.emplace(output_, overwrite_);
    }
    std::optional<io::AtomicOutput> project;
    if (!qgis_project_.empty()) {
        if (!io::traits(format).qgis_project) {
            throw UsageError("--qgis-project", "needs GeoPackage or GeoJSON output");
        }
        project.emplace(qgis_project_, overwrite_);
    }
    std::optional<io::AtomicOutput> page;
    if (!html_.empty()) page.emplace(html_, overwrite_);  // refuses to clobber before any work is done

    ingest::IngestOptions ingest_options;
    if (!input_format_.empty()) ingest_options.format = ingest::parse_input_format(input_format_);
    ingest_options.text_column = text_column_;
    ingest_options.stream_jsonl = true;  // read a line at a time as the workers need them
    std::vector<Diagnostic> problems;
    std::vector<ingest::InputItem> inputs = ingest::collect_inputs(inputs_, ingest_options, problems);
    for (const Diagnostic& d : problems) fmt::print(stderr, "toponym: {}\n", d.format());
    std::vector<std::string> files;  // the reports found in input directories too
    for (const ingest::InputItem& item : inputs) {
        if (item.file) files.push_back(*item.file);
    }
    for (const std::string* out : {&output_, &qgis_project_, &html_}) io::refuse_output_over_inputs(*out, files);
    ingest::InputStream input_stream(std::move(inputs));
    // Nothing to map is a failure a script must notice, not an empty map.
    if (input_stream.total() == 0) throw DataError(inputs_.size() == 1 ? inputs_.front() : "inputs", "no reports to map; nothing written");

    const Gazetteer& gazetteer = gazetteers_.gazetteer();
    const admin::AdminBoundaries boundaries = filters_.boundaries();
    const filter::FilterSpec spec = filters_.spec(gazetteer, boundaries);
    for (const std::string& t : spec.types) {
        if (!is_known_event_type(t)) throw UsageError("--type", fmt::format("unknown event type \"{}\" ({})", t, known_event_types()));
    }
    // GDAL (SQLite) evaluates --where on an empty events layer first: what it refuses (ILIKE)
    // stops the run before the reports are geoparsed.
    if (!where_.empty()) io::events_matching({}, gazetteer, where_, output_name);
    const geoparse::FuzzyIndex fuzzy(gazetteer);
    const PipelineContext ctx{gazetteer, boundaries, &fuzzy};

    Progress progress(quiet_, progress_, "documents");
    // Documents are written as they finish, in input order: the corpus is never held whole (a
    // database or an existing GeoPackage takes them in one transaction, committed at the end).
    // The texts are not needed once processed (events and names keep their sentences).
    std::optional<io::LayerSink> sink;
    std::optional<io::StoreSink> store_sink;
    if (store) {
        store_sink.emplace(output_, output_name, format, layers, gazetteer, &boundaries.admin1(), store_options);
    } else {
        try {
            sink.emplace(output->temp_path(), output_, format, layers, gazetteer, &boundaries.admin1());
        } catch (const DataError& e) {
            throw DataError(e.where(), e.what() + io::disk_space_hint(output_), e.line());
        }
    }
    std::optional<io::HtmlPreview> preview;
    if (page) preview.emplace();
    ProjectExtent extent;
    std::vector<Diagnostic> run_problems;
    std::size_t mentions = 0, unresolved = 0, events = 0;
    std::vector<DocumentResult> batch;
    // --where: GDAL evaluates it on the events as they will be written (a temporary
    // GeoPackage, a batch at a time); the rows are then filtered before any output is written,
    // so every format, the HTML page and the QGIS project agree, and the output is never
    // edited after the fact.
    const auto write_batch = [&] {
        std::optional<std::set<std::string>> where_ids;
        if (!where_.empty()) where_ids = io::events_matching(batch, gazetteer, where_, output_name);
        if (!spec.empty() || where_ids) apply_filters(batch, spec, boundaries, where_ids ? &*where_ids : nullptr);
        for (DocumentResult& r : batch) {
            mentions += r.mentions.size();
            unresolved += r.unresolved.size();
            events += r.events.size();
            if (preview) preview->add(r);
            if (project) extent.add(r);
            if (sink) {
                try {
                    sink->add(r);
                } catch (const DataError& e) {
                    throw DataError(e.where(), e.what() + io::disk_space_hint(output_), e.line());
                }
            }
        }
        if (store_sink) store_sink->add(batch);
        batch.clear();
    };
    const RunOptions run_options{threads_, false};
    const StreamSummary run = stream_inputs(
        input_stream, ctx, run_options,
        [&](DocumentResult&& r) {
            for (const Diagnostic& diag : r.doc.diagnostics) run_problems.push_back(diag);
            batch.push_back(std::move(r));
            if (batch.size() >= kWriteBatch) write_batch();
        },
        [&progress](std::size_t done, std::size_t total, const std::string& label) { progress.update(done, total, label); });
    write_batch();
    progress.finish();
    for (const Diagnostic& d : run_problems) fmt::print(stderr, "toponym: {}\n", d.format());
    progress.status(fmt::format("writing {} ...", output_name));

    std::optional<io::StoreSummary> stored;
    io::LayerCounts counts;
    if (store) {
        stored = store_sink->finish();
        counts = stored->written;
    } else {
        try {
            counts = sink->finish();
        } catch (const DataError& e) {
            throw DataError(e.where(), e.what() + io::disk_space_hint(output_), e.line());
        }
        output->commit();
    }
    progress.finish();
    // Rows that could not be written were left out, the rest is there: said, and exit 1.
    for (const Diagnostic& d : counts.problems) fmt::print(stderr, "toponym: {}\n", d.format());
    if (page) {
        preview->write(page->temp_path(), boundaries.admin1(), html_);
        page->commit();
    }
    if (project) {
        io::write_qgis_project(project->temp_path(), extent.spec(output_, layers), qgis_project_);
        project->commit();
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet_) {
        std::string written;
        for (const std::string& layer : layers) written += (written.empty() ? "" : ", ") + layer;
        fmt::print("toponym: mapped {} document{} ({} failed): {} events, {} mentions, {} unresolved names -> {} [{}] ({:.2f} s)\n",
                   run.documents, run.documents == 1 ? "" : "s", run.failed_inputs, events, mentions,
                   unresolved, output_name, written, seconds);
        if (stored) {
            fmt::print("toponym: documents: {} new, {} unchanged, {} replaced; written: {} events, {} mentions, {} documents\n",
                       stored->new_documents, stored->unchanged_documents, stored->replaced_documents, stored->written.events,
                       stored->written.mentions, stored->written.documents);
        } else if (append_) {
            fmt::print("toponym: documents: {} new, 0 unchanged, 0 replaced ({} did not exist)\n", run.documents, output_name);
        }
    }
    const bool directory_problem = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    });
    return (run.failed_inputs > 0 || directory_problem || !counts.problems.empty()) ? 1 : 0;
}

}  // namespace toponym::commands
