// Writing the layers to files: the layer list per format, the streamed LayerSink over GDAL
// and SQLite (the rows themselves come from io/layer_rows).
#include "io/layer_writer.hpp"
#include "io/layer_engine.hpp"
#include "io/layer_rows.hpp"

#include <fmt/format.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <unistd.h>

#include "core/lists.hpp"
#include "store/gdal_util.hpp"
#include "store/gpkg_rows.hpp"
#include "store/gpkg_rtree.hpp"
#include "io/qgis_styles.hpp"
#include "store/sql_quote.hpp"
#include "io/where_clause.hpp"
#include "text/bidi.hpp"

namespace toponym::io {

namespace engine {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace engine

using namespace engine;

std::set<std::string> events_matching(const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                                      const std::string& where, const std::string& error_name) {
    check_where(where, event_field_names(), "events");
    static std::atomic<unsigned> serial{0};
    const std::filesystem::path dir = std::filesystem::temp_directory_path();
    const std::filesystem::path path = dir / fmt::format("toponym-where-{}-{}.gpkg", ::getpid(), serial++);
    struct Remove {
        std::filesystem::path path;
        ~Remove() {
            std::error_code ec;
            for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
        }
    } remove{path};
    std::filesystem::remove(path);  // a leftover of a killed run with the same pid
    write_layers(path.string(), error_name + " (--where temporary)", OutputFormat::GeoPackage, {"events"}, results, gazetteer, nullptr);
    QuietGdalErrors errors;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw DataError(error_name, fmt::format("--where: cannot read the temporary events layer: {}", errors.last_message()));
    OGRLayer* layer = ds->GetLayerByName("events");
    if (!layer) throw DataError(error_name, "--where: the temporary file has no events layer");
    apply_where(*layer, where, "events");
    const int f_id = layer->GetLayerDefn()->GetFieldIndex("event_id");
    std::set<std::string> ids;
    errors.reset();
    for (auto& f : *layer) ids.insert(f->GetFieldAsString(f_id));
    if (errors.failed()) throw UsageError("--where", fmt::format("the events layer refuses the expression: {}", errors.last_message()));
    return ids;
}


std::vector<std::string> layers_for(OutputFormat format, const std::vector<std::string>& requested) {
    std::vector<std::string> layers;
    for (const std::string& name : split_comma_lists(requested)) {
        const auto& known = all_layer_names();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw UsageError("--layers", fmt::format("unknown layer \"{}\" (events, mentions, places, governorates, unresolved, documents)", name));
        }
        if (std::find(layers.begin(), layers.end(), name) == layers.end()) layers.push_back(name);
    }
    if (layers.empty()) {
        if (traits(format).all_layers_by_default) return all_layer_names();
        return {"events"};
    }
    if (layers.size() > 1 && !holds_several_layers(format)) {
        throw UsageError("--layers", fmt::format("{} holds one layer; write several with .gpkg or .kml, or one file per layer",
                                                 driver_name(format)));
    }
    if (!traits(format).geometry_less_layers) {
        for (const std::string& name : layers) {
            if (name == "unresolved" || name == "documents") {
                throw UsageError("--layers", fmt::format("layer \"{}\" has no geometry, which {} cannot hold", name, driver_name(format)));
            }
        }
    }
    // Keep toponym's order whatever the order asked.
    std::vector<std::string> ordered;
    for (const std::string& name : all_layer_names()) {
        if (std::find(layers.begin(), layers.end(), name) != layers.end()) ordered.push_back(name);
    }
    return ordered;
}

std::string kml_description(std::string_view text) {
    std::string out = fmt::format("<div dir=\"{}\">", text::html_dir(text::base_direction(text)));
    out.reserve(out.size() + text.size() + 16);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c; break;
        }
    }
    out += "</div>";
    return out;
}

std::string break_cdata_end(std::string value) {
    for (std::size_t p = value.find("]]>"); p != std::string::npos; p = value.find("]]>", p + 4)) value.insert(p + 2, " ");
    return value;
}

std::string neutralise_formula(const std::string& value) {
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                           value[0] == '\r')) {
        return "'" + value;
    }
    return value;
}

namespace {

// The spatial indexes of `layers` (point layers GDAL made without one, column "geom") in the
// closed GeoPackage `path`, packed from their rows in one transaction.
void add_packed_spatial_indexes(const std::string& path, const std::vector<std::string>& layers, const std::string& error_name) {
    if (layers.empty()) return;
    sqlite3* db = nullptr;
    const bool opened = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, sqlite3_close);
    if (!opened) throw DataError(error_name, fmt::format("cannot open the GeoPackage again: {}", db ? sqlite3_errmsg(db) : "out of memory"));
    const char* what = "writing the spatial index failed";
    exec_sql(db, "BEGIN", error_name, what);
    try {
        for (const std::string& layer : layers) add_gpkg_spatial_index(db, layer, "geom", "fid", error_name);
        exec_sql(db, "COMMIT", error_name, what);
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace

LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates) {
    std::vector<std::string> layers = layers_for(format, {});
    if (!governorates) std::erase(layers, std::string("governorates"));
    return write_layers(path, error_name, format, layers, results, gazetteer, governorates);
}

struct LayerSink::Impl {
    Impl(const std::string& path_, const std::string& error_name_, OutputFormat format_, const std::vector<std::string>& layers_,
         const Gazetteer& gazetteer_, const admin::AdminIndex* governorates_, WriteEngine engine)
        : path(path_), error_name(error_name_), format(format_), layers(layers_), gazetteer(gazetteer_), governorates(governorates_),
          places(gazetteer_) {
        ensure_gdal_registered();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(format));
        if (!driver) throw DataError(error_name, fmt::format("GDAL has no {} driver", driver_name(format)));
        ds = create_vector_dataset(*driver, path);
        if (!ds) throw DataError(error_name, fmt::format("cannot create: {}", errors.last_message()));
        if (has("governorates") && !governorates) throw DataError(error_name, "no governorate boundaries to write");

        // GeoPackage point layers: the spatial index is packed after the rows (a fresh file only;
        // appending keeps GDAL's, which inserts into an index already there). The two big layers'
        // rows go in with SQLite once GDAL has closed the file (DeferredRows), with their indexes.
        // The rows GDAL writes go in one transaction over the file (the layers are written side
        // by side, a document at a time); the other formats keep one a layer.
        LayerTarget points, bulk, plain;
        gpkg = format == OutputFormat::GeoPackage;
        if (gpkg) {
            points.spatial_index = false;
            bulk.spatial_index = false;
            bulk.defer = engine == WriteEngine::Auto;
            points.own_transaction = bulk.own_transaction = plain.own_transaction = false;
            for (const char* name : engine == WriteEngine::Auto ? std::vector<const char*>{"events", "places"}
                                                                 : std::vector<const char*>{"events", "mentions", "places"}) {
                if (has(name)) packed.emplace_back(name);
            }
        }
        const auto open = [&](std::optional<LayerWriter>& w, const char* name, LayerTarget t) {
            const LayerSpec& spec = layer_spec(name);
            t.unique_key = spec.unique_key;
            t.log = &log;
            w.emplace(*ds, format, name, spec.geometry, spec.fields, error_name, errors, std::move(t));
        };
        for (const std::string& name : layers) {
            if (name == "events") open(events, "events", points);
            if (name == "mentions") open(mentions, "mentions", bulk);
            if (name == "places") open(places_w, "places", points);
            if (name == "governorates") open(governorates_w, "governorates", plain);
            if (name == "unresolved") open(unresolved, "unresolved", plain);
            if (name == "documents") open(documents, "documents", bulk);
        }
        if (gpkg) {
            if (ds->StartTransaction() != OGRERR_NONE) {
                throw DataError(error_name, fmt::format("cannot start a transaction: {}", errors.last_message()));
            }
            in_transaction = true;
        }
    }

    ~Impl() {
        if (in_transaction) ds->RollbackTransaction();
    }

    bool has(const char* layer) const { return std::find(layers.begin(), layers.end(), layer) != layers.end(); }

    void add(const DocumentResult& r) {
        if (events) write_events(*events, r);
        if (mentions) write_mentions(*mentions, r, gazetteer);
        if (places_w) places.add(r);
        if (governorates_w) governorate_counts.add(r);
        if (unresolved) write_unresolved(*unresolved, r);
        if (documents) write_documents(*documents, r, log);
    }

    LayerCounts finish() {
        if (places_w) places.write(*places_w);
        if (governorates_w) governorate_counts.write(*governorates_w, *governorates);
        LayerCounts counts;
        std::vector<std::pair<std::string, std::unique_ptr<DeferredRows>>> deferred;
        const auto done = [&](std::optional<LayerWriter>& w, const char* name, std::size_t& count) {
            if (!w) return;
            count = w->finish();
            if (auto rows = w->take_deferred()) deferred.emplace_back(name, std::move(rows));
        };
        done(events, "events", counts.events);
        done(mentions, "mentions", counts.mentions);
        done(places_w, "places", counts.places);
        done(governorates_w, "governorates", counts.governorates);
        done(unresolved, "unresolved", counts.unresolved);
        done(documents, "documents", counts.documents);
        if (in_transaction) {
            in_transaction = false;
            if (ds->CommitTransaction() != OGRERR_NONE) throw DataError(error_name, fmt::format("cannot commit: {}", errors.last_message()));
        }
        // QGIS applies a layer's default style from layer_styles when it loads the layer. Unique
        // ids: a later --append can never duplicate a feature.
        if (gpkg) {
            embed_layer_styles(*ds, layers, error_name);
            std::vector<std::string> indexed = layers;  // the deferred layers' after their rows
            for (const auto& [name, rows] : deferred) std::erase(indexed, name);
            add_id_indexes(*ds, format, indexed, error_name, errors);
        }
        // GeoPackage and GeoJSON errors surface when the dataset is closed: check them.
        events.reset();
        mentions.reset();
        places_w.reset();
        governorates_w.reset();
        unresolved.reset();
        documents.reset();
        errors.reset();
        ds.reset();
        if (errors.failed()) throw DataError(error_name, fmt::format("writing failed on close: {}", errors.last_message()));
        for (const auto& [name, rows] : deferred) {
            GpkgRowInserter out(path, name, rows->geometry_column(), rows->columns(), 4326, error_name);
            rows->insert_into(out);
            out.add_indexes(id_index_sql(name, sql_identifier(name)));
            out.finish();
        }
        add_packed_spatial_indexes(path, packed, error_name);
        counts.problems = std::move(log.problems);
        return counts;
    }

    const std::string path, error_name;
    const OutputFormat format;
    const std::vector<std::string> layers;
    const Gazetteer& gazetteer;
    const admin::AdminIndex* governorates;
    QuietGdalErrors errors;
    GDALDatasetUniquePtr ds;
    bool gpkg = false;
    bool in_transaction = false;  // GeoPackage: the file's transaction is open
    std::vector<std::string> packed;
    WriteLog log;
    std::optional<LayerWriter> events, mentions, places_w, governorates_w, unresolved, documents;
    PlaceCounts places;
    GovernorateCounts governorate_counts;
};

LayerSink::LayerSink(const std::string& path, const std::string& error_name, OutputFormat format, const std::vector<std::string>& layers,
                     const Gazetteer& gazetteer, const admin::AdminIndex* governorates, WriteEngine engine)
    : impl_(std::make_unique<Impl>(path, error_name, format, layers, gazetteer, governorates, engine)) {}

LayerSink::~LayerSink() = default;

void LayerSink::add(const DocumentResult& result) {
    if (!impl_) throw std::logic_error("LayerSink::add after finish");
    impl_->add(result);
}

LayerCounts LayerSink::finish() {
    if (!impl_) throw std::logic_error("LayerSink::finish twice");
    const std::unique_ptr<Impl> impl = std::move(impl_);
    return impl->finish();
}

LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<std::string>& layers, const std::vector<DocumentResult>& results,
                         const Gazetteer& gazetteer, const admin::AdminIndex* governorates, WriteEngine engine) {
    LayerSink sink(path, error_name, format, layers, gazetteer, governorates, engine);
    for (const DocumentResult& r : results) sink.add(r);
    return sink.finish();
}

}  // namespace toponym::io
