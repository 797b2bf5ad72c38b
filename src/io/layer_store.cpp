// Databases and appending: one transaction over every layer, documents matched by key and
// written as they arrive (io/layer_writer.hpp states the contracts: check_store_target,
// StoreSink ...).
#include <fmt/format.h>
#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/stable_id.hpp"
#include "store/gdal_util.hpp"
#include "io/layer_engine.hpp"
#include "io/layer_rows.hpp"
#include "io/layer_writer.hpp"
#include "io/qgis_styles.hpp"
#include "store/sql_quote.hpp"

namespace toponym::io {

namespace engine {

std::vector<std::string> id_index_sql(const std::string& layer, const std::string& table_sql) {
    const LayerSpec& spec = layer_spec(layer);
    std::string columns;
    for (const std::string& c : spec.unique_key) columns += (columns.empty() ? "" : ", ") + sql_identifier(c);
    std::vector<std::string> sql = {
        fmt::format("CREATE UNIQUE INDEX IF NOT EXISTS {} ON {} ({})", sql_identifier(layer + "_key"), table_sql, columns)};
    if (has_doc_key(layer) && spec.unique_key.front() != "doc_key") {
        sql.push_back(fmt::format("CREATE INDEX IF NOT EXISTS {} ON {} (doc_key)", sql_identifier(layer + "_doc_key"), table_sql));
    }
    return sql;
}

}  // namespace engine

using namespace engine;

namespace {

class Store {
public:
    Store(GDALDataset& ds, OutputFormat format, std::string schema, const std::string& error_name, QuietGdalErrors& errors)
        : ds_(ds), format_(format), schema_(std::move(schema)), error_name_(error_name), errors_(errors) {}

    bool postgres() const { return format_ == OutputFormat::PostgreSQL; }

    // The table of a layer in SQL: schema-qualified in PostgreSQL.
    std::string table(const std::string& layer) const {
        return postgres() ? sql_identifier(schema_) + "." + sql_identifier(layer) : sql_identifier(layer);
    }

    void execute(const std::string& sql) const {
        errors_.reset();
        if (OGRLayer* result = ds_.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
            for (auto& f : *result) (void)f;  // a SELECT runs (and takes its locks) when read
            ds_.ReleaseResultSet(result);
        }
        if (errors_.failed()) throw DataError(error_name_, fmt::format("{}: {}", first_words(sql), errors_.last_message()));
    }

    std::string query_text(const std::string& sql) const {
        errors_.reset();
        std::string value;
        if (OGRLayer* result = ds_.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
            OGRFeatureUniquePtr f(result->GetNextFeature());
            if (f && f->GetFieldCount() > 0) value = f->GetFieldAsString(0);
            ds_.ReleaseResultSet(result);
        }
        if (errors_.failed()) throw DataError(error_name_, fmt::format("{}: {}", first_words(sql), errors_.last_message()));
        return value;
    }

    OGRLayer* find_layer(const std::string& name) const {
        errors_.reset();
        OGRLayer* layer = ds_.GetLayerByName(name.c_str());
        errors_.reset();  // "no such table" is an answer here, not a failure
        return layer;
    }

    void drop_layer(const std::string& name) const {
        for (int i = 0; i < ds_.GetLayerCount(); ++i) {
            if (ds_.GetLayer(i)->GetName() == name) {
                if (ds_.DeleteLayer(i) != OGRERR_NONE) {
                    throw DataError(error_name_, fmt::format("cannot drop table {}: {}", name, errors_.last_message()));
                }
                return;
            }
        }
        if (postgres()) execute("DROP TABLE IF EXISTS " + table(name) + " CASCADE");
    }

    // Indexes that make the ids unique (a second writer of the same rows fails instead of
    // duplicating them) and that find a document's rows for replacement.
    void add_indexes(const std::string& layer) const {
        for (const std::string& sql : id_index_sql(layer, table(layer))) execute(sql);
    }

    // GDAL creates JSON subtype fields as json; jsonb compares and indexes (and is what the team
    // queries). Done on the empty table (GDAL creates it on SyncToDisk), not rewriting rows.
    void use_jsonb(OGRLayer& created, const std::string& layer) const {
        if (!postgres()) return;
        const LayerSpec& spec = layer_spec(layer);
        if (std::none_of(spec.fields.begin(), spec.fields.end(), [](const FieldDef& f) { return f.subtype == OFSTJSON; })) return;
        if (created.SyncToDisk() != OGRERR_NONE) throw DataError(error_name_, fmt::format("cannot create table {}: {}", layer, errors_.last_message()));
        for (const FieldDef& f : spec.fields) {
            if (f.subtype != OFSTJSON) continue;
            execute(fmt::format("ALTER TABLE {0} ALTER COLUMN {1} TYPE jsonb USING {1}::jsonb", table(layer), sql_identifier(f.name)));
        }
    }

private:
    static std::string first_words(const std::string& sql) { return sql.substr(0, std::min<std::size_t>(sql.find(' ', 12), 40)); }

    GDALDataset& ds_;
    OutputFormat format_;
    std::string schema_;
    const std::string& error_name_;
    QuietGdalErrors& errors_;
};

// doc_key -> content_hash of the documents stored in `documents`.
std::map<std::string, std::string> stored_documents(OGRLayer* documents) {
    std::map<std::string, std::string> stored;
    if (!documents) return stored;
    const int key = documents->GetLayerDefn()->GetFieldIndex("doc_key");
    const int hash = documents->GetLayerDefn()->GetFieldIndex("content_hash");
    if (key < 0 || hash < 0) return stored;
    documents->SetAttributeFilter(nullptr);
    documents->ResetReading();
    for (auto& f : *documents) stored[f->GetFieldAsString(key)] = f->GetFieldAsString(hash);
    return stored;
}

std::set<std::string> stored_values(OGRLayer* layer, const char* field) {
    std::set<std::string> values;
    if (!layer) return values;
    const int i = layer->GetLayerDefn()->GetFieldIndex(field);
    if (i < 0) return values;
    layer->ResetReading();
    for (auto& f : *layer) values.insert(f->GetFieldAsString(i));
    return values;
}

// A 64-bit advisory lock key for a schema: writers to the same schema take turns.
std::int64_t lock_key(const std::string& schema) {
    return static_cast<std::int64_t>(stable_hash({"toponym-schema-lock", schema}));
}

GDALDatasetUniquePtr open_postgres(const std::string& target, const std::string& schema, const std::string& error_name,
                                   const QuietGdalErrors& errors) {
    const char* drivers[] = {"PostgreSQL", nullptr};
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
        if (!ds) throw DataError(error_name, fmt::format("cannot connect: {}", errors.last_message()));
        // Two first runs at once may both create the schema: the loser's error is harmless.
        if (OGRLayer* r = ds->ExecuteSQL(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", sql_identifier(schema)).c_str(), nullptr, nullptr)) {
            ds->ReleaseResultSet(r);
        }
    }
    const std::string active = "ACTIVE_SCHEMA=" + schema;
    const std::string schemas = "SCHEMAS=" + schema;
    const char* open_options[] = {active.c_str(), schemas.c_str(), "LIST_ALL_TABLES=YES", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, open_options, nullptr));
    if (!ds) throw DataError(error_name, fmt::format("cannot connect: {}", errors.last_message()));
    return ds;
}

GDALDatasetUniquePtr open_store(const std::string& target, OutputFormat format, const StoreOptions& options,
                                const std::string& error_name, const QuietGdalErrors& errors) {
    if (format == OutputFormat::PostgreSQL) return open_postgres(target, options.schema, error_name, errors);
    const char* drivers[] = {driver_name(format), nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    if (!ds) throw DataError(error_name, fmt::format("cannot open for update: {}", errors.last_message()));
    return ds;
}

void set_count(LayerCounts& counts, const std::string& layer, std::size_t n) {
    if (layer == "events") counts.events = n;
    if (layer == "mentions") counts.mentions = n;
    if (layer == "places") counts.places = n;
    if (layer == "governorates") counts.governorates = n;
    if (layer == "unresolved") counts.unresolved = n;
    if (layer == "documents") counts.documents = n;
}

// One aggregate recounted: `zero` set in `layer`'s rows, then `set` from `sums` over the rows of
// `detail` (those passing `where`, when given) grouped by `key`.
void recount(const Store& store, const char* layer, const char* key, const std::string& zero, const std::string& set,
             const std::string& sums, const char* detail, const char* where = "") {
    const std::string table = store.table(layer);
    store.execute(fmt::format("UPDATE {} SET {}", table, zero));
    store.execute(fmt::format("UPDATE {0} SET {1} FROM (SELECT {2}, {3} FROM {4}{5} GROUP BY {2}) AS s WHERE s.{2} = {6}.{2}", table, set,
                              key, sums, store.table(detail), where, layer));
}

// After an append the aggregate layers count over everything stored, not just this run: zeroed,
// then set from one grouped pass over each detail table (UPDATE ... FROM works in PostgreSQL
// and SQLite >= 3.33 alike; correlated subqueries per row took seconds at 60,000 mentions).
void recount_aggregates(const Store& store, const std::vector<std::string>& layers) {
    auto has = [&layers](const char* l) { return std::find(layers.begin(), layers.end(), l) != layers.end(); };
    if (has("places") && has("mentions")) {
        recount(store, "places", "place_id", "n_mentions = 0, n_documents = 0", "n_mentions = s.n, n_documents = s.d",
                "COUNT(*) AS n, COUNT(DISTINCT doc_key) AS d", "mentions");
        // Places no stored report names any more (their report changed) go.
        store.execute("DELETE FROM " + store.table("places") + " WHERE n_mentions = 0");
    }
    if (has("places") && has("events")) {
        recount(store, "places", "place_id", "n_events = 0",
                "n_events = s.n, first_date = COALESCE(s.lo, first_date), last_date = COALESCE(s.hi, last_date)",
                "COUNT(*) AS n, MIN(event_date) AS lo, MAX(event_date) AS hi", "events");
    }
    if (has("governorates") && has("events")) {
        std::string zero = "n_events = 0", set = "n_events = s.n", sums = "COUNT(*) AS n";
        for (std::size_t i = 0; i < event_types().size(); ++i) {
            const std::string column = sql_identifier("n_" + event_types()[i]);
            zero += ", " + column + " = 0";
            set += fmt::format(", {} = s.t{}", column, i);
            sums += fmt::format(", SUM(CASE WHEN event_type = {} THEN 1 ELSE 0 END) AS t{}", sql_literal(event_types()[i]), i);
        }
        recount(store, "governorates", "admin1_pcode", zero, set, sums, "events");
    }
    if (has("governorates") && has("mentions")) {
        // Names only, as GovernorateCounts counts them (relative locations are not).
        recount(store, "governorates", "admin1_pcode", "n_mentions = 0", "n_mentions = s.n", "COUNT(*) AS n", "mentions",
                " WHERE kind = 'name'");
    }
}

// QGIS's own PostgreSQL provider reads styles from public.layer_styles, keyed by database,
// schema, table and geometry column (its OGR provider, used for GeoPackages, reads the rows
// with an empty schema that embed_layer_styles writes). The table is created the way QGIS
// creates it, with text instead of xml columns (xml rejects the QML's DOCTYPE). Its `type`
// column stays NULL: QGIS matches it against the geometry type of the layer's URI, which
// differs between ways of adding a layer ("Unknown geometry" without type=), or NULL.
void embed_postgres_styles(const Store& store, const std::string& schema, const std::vector<std::string>& layers) {
    store.execute(
        "CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, "
        "f_table_name varchar, f_geometry_column varchar, stylename text, styleqml text, stylesld text, useasdefault boolean, "
        "description text, owner varchar(63) DEFAULT CURRENT_USER, ui text, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)");
    const std::string catalog = store.query_text("SELECT current_database()");
    for (const std::string& layer : layers) {
        const std::string_view qml = layer_style_qml(layer);
        if (qml.empty()) continue;
        const std::string keys = fmt::format("f_table_catalog = {} AND f_table_schema = {} AND f_table_name = {} AND f_geometry_column = 'geom'",
                                             sql_literal(catalog), sql_literal(schema), sql_literal(layer));
        store.execute(fmt::format("DELETE FROM public.layer_styles WHERE {} AND stylename = {}", keys, sql_literal(layer)));
        store.execute(fmt::format("UPDATE public.layer_styles SET useasdefault = false WHERE {}", keys));
        store.execute(fmt::format(
            "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, "
            "stylesld, useasdefault, description) VALUES ({}, {}, {}, 'geom', {}, {}, '', true, {})",
            sql_literal(catalog), sql_literal(schema), sql_literal(layer), sql_literal(layer), sql_literal(std::string(qml)),
            sql_literal(fmt::format("toponym style for the {} layer", layer))));
    }
}

}  // namespace

void engine::add_id_indexes(GDALDataset& ds, OutputFormat format, const std::vector<std::string>& layers, const std::string& error_name,
                    QuietGdalErrors& errors) {
    const Store store(ds, format, "", error_name, errors);
    for (const std::string& layer : layers) store.add_indexes(layer);
}

void check_schema_name(const std::string& schema) {
    const bool ok = !schema.empty() && schema.size() <= 63 && (std::islower(static_cast<unsigned char>(schema[0])) || schema[0] == '_') &&
                    std::all_of(schema.begin(), schema.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
    if (!ok) throw UsageError("--schema", fmt::format("\"{}\" is not a schema name toponym writes to (lower-case letters, digits and _, "
                                                      "not starting with a digit, at most 63)", schema));
}

std::string display_target(const std::string& path) {
    std::string out = path;
    for (std::size_t at = lower(out).find("password="); at != std::string::npos; at = lower(out).find("password=", at + 1)) {
        const std::size_t begin = at + 9;
        std::size_t end = out.find(' ', begin);
        if (end == std::string::npos) end = out.size();
        out.replace(begin, end - begin, "***");
    }
    return out;
}

void check_store_target(const std::string& target, OutputFormat format, const std::vector<std::string>& layers,
                        const StoreOptions& options) {
    ensure_gdal_registered();
    QuietGdalErrors errors;
    const std::string name = display_target(target);
    GDALDatasetUniquePtr ds = open_store(target, format, options, name, errors);
    if (format != OutputFormat::PostgreSQL || options.append || options.overwrite) return;
    Store store(*ds, format, options.schema, name, errors);
    for (const std::string& layer : layers) {
        if (store.find_layer(layer)) {
            throw UsageError(name, fmt::format("schema \"{}\" already holds toponym's table \"{}\": add --append to add to it (reports "
                                               "already there are not duplicated) or --overwrite to replace it",
                                               options.schema, layer));
        }
    }
}

namespace {

// A document stored before this run: its content hash, and whether this run has deleted its
// rows to write it anew (once, also when the run holds it twice).
struct StoredDocument {
    std::string hash;
    bool deleted = false;
};

}  // namespace

struct StoreSink::Impl {
    Impl(const std::string& target, const std::string& error_name_, OutputFormat format_, const std::vector<std::string>& layers_,
         const Gazetteer& gazetteer_, const admin::AdminIndex* governorates_, const StoreOptions& options_)
        : error_name(error_name_), format(format_), layers(layers_), gazetteer(gazetteer_), governorates(governorates_),
          options(options_), place_counts(gazetteer_) {
        ensure_gdal_registered();
        ds = open_store(target, format, options, error_name, errors);
        store.emplace(*ds, format, options.schema, error_name, errors);
        if (ds->StartTransaction() != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot start a transaction: {}", errors.last_message()));
        }
        in_transaction = true;
        try {
            begin();
        } catch (...) {
            writers.clear();
            rollback();
            throw;
        }
    }

    ~Impl() {
        writers.clear();
        rollback();
    }

    void rollback() {
        if (in_transaction) ds->RollbackTransaction();
        in_transaction = false;
    }

    // Takes the schema's turn, checks and clears the tables as the options say, reads what is
    // stored and opens a writer on every layer.
    void begin() {
        if (store->postgres()) store->execute(fmt::format("SELECT pg_advisory_xact_lock({})", lock_key(options.schema)));
        for (const std::string& name : layers) any |= (existing[name] = store->find_layer(name)) != nullptr;
        if (any && !options.append && !options.overwrite) {
            throw UsageError(error_name, fmt::format("already holds toponym's tables: add --append to add to them or --overwrite to replace them"));
        }
        if (options.overwrite) {
            for (auto& [name, layer] : existing) {
                if (layer) store->drop_layer(name);
                layer = nullptr;
            }
        }
        for (const auto& [key, hash] : stored_documents(store->find_layer("documents"))) stored[key].hash = hash;
        const bool stored_hashes_empty = stored.empty();
        // The tables a changed document's rows are deleted from: every toponym table there,
        // also those this run does not write (--layers).
        for (const std::string& name : all_layer_names()) {
            if (!has_doc_key(name)) continue;
            const auto it = existing.find(name);
            OGRLayer* layer = it != existing.end() ? it->second : store->find_layer(name);
            if (layer && layer->GetLayerDefn()->GetFieldIndex("doc_key") >= 0) doc_key_tables.push_back(store->table(name));
            // Written without a documents layer (--layers): the keys in the other layers, with
            // no content hash, so that those reports are replaced rather than duplicated.
            if (stored_hashes_empty && name != "documents") {
                for (const std::string& key : stored_values(layer, "doc_key")) stored.try_emplace(key);
            }
        }
        if (has("governorates") && !governorates) throw DataError(error_name, "no governorate boundaries to write");
        // Detail layers first, documents last (it marks the documents of rows left out).
        for (const char* name : {"events", "mentions", "places", "governorates", "unresolved", "documents"}) {
            if (!has(name)) continue;
            const LayerSpec& spec = layer_spec(name);
            LayerTarget target;
            target.existing = existing[name];
            target.own_transaction = false;
            target.unique_key = spec.unique_key;
            target.log = &log;
            if (spec.name == "places" || spec.name == "governorates") {
                target.skip_field = spec.name == "places" ? "place_id" : "admin1_pcode";
                target.skip_values = stored_values(target.existing, target.skip_field);
            }
            auto& w = writers.emplace_back(name, std::make_unique<LayerWriter>(*ds, format, name, spec.geometry, spec.fields, error_name,
                                                                                errors, std::move(target)));
            if (!existing[name]) store->use_jsonb(w.second->layer(), name);
        }
    }

    bool has(const char* layer) const { return std::find(layers.begin(), layers.end(), layer) != layers.end(); }

    LayerWriter* writer(std::string_view name) const {
        for (const auto& [n, w] : writers) {
            if (n == name) return w.get();
        }
        return nullptr;
    }

    void add(std::span<const DocumentResult> results) {
        std::vector<const DocumentResult*> now;  // new or replaced
        std::vector<std::string> replaced;        // keys whose stored rows go first
        for (const DocumentResult& r : results) {
            const std::string key = doc_key(r.doc);
            const auto it = stored.find(key);
            if (it == stored.end()) {
                ++summary.new_documents;
            } else if (it->second.hash == doc_hash(r.doc)) {
                ++summary.unchanged_documents;
                continue;
            } else {
                ++summary.replaced_documents;
                if (!it->second.deleted) replaced.push_back(key);
                it->second.deleted = true;
            }
            now.push_back(&r);
        }
        for (std::size_t begin = 0; begin < replaced.size(); begin += 500) {
            std::string keys;
            for (std::size_t i = begin; i < std::min(replaced.size(), begin + 500); ++i) keys += (keys.empty() ? "" : ", ") + sql_literal(replaced[i]);
            for (const std::string& table : doc_key_tables) store->execute(fmt::format("DELETE FROM {} WHERE doc_key IN ({})", table, keys));
        }
        to_write += now.size();
        // A layer at a time over the batch: PostgreSQL ends a layer's COPY when another layer
        // writes, so one COPY a layer and batch rather than one a document.
        for (const auto& [name, w] : writers) {
            for (const DocumentResult* r : now) {
                if (name == "events") write_events(*w, *r);
                if (name == "mentions") write_mentions(*w, *r, gazetteer);
                if (name == "places") place_counts.add(*r);
                if (name == "governorates") governorate_counts.add(*r);
                if (name == "unresolved") write_unresolved(*w, *r);
                if (name == "documents") write_documents(*w, *r, log);
            }
        }
    }

    StoreSummary finish() {
        if (LayerWriter* w = writer("places")) place_counts.write(*w);
        if (LayerWriter* w = writer("governorates")) governorate_counts.write(*w, *governorates);
        for (const auto& [name, w] : writers) {
            set_count(summary.written, name, w->finish());
            if (!existing[name]) store->add_indexes(name);
        }
        summary.written.problems = std::move(log.problems);
        if (any && options.append && to_write > 0) recount_aggregates(*store, layers);
        // QGIS reads a GeoPackage's styles through OGR from its layer_styles, but applies styles
        // of a PostgreSQL layer only through its own provider (its OGR provider loads them from
        // GeoPackage/SQLite files alone): public.layer_styles, keyed by schema.
        if (store->postgres()) {
            embed_postgres_styles(*store, options.schema, layers);
        } else {
            embed_layer_styles(*ds, layers, error_name);
        }
        errors.reset();
        if (ds->CommitTransaction() != OGRERR_NONE) throw DataError(error_name, fmt::format("cannot commit: {}", errors.last_message()));
        in_transaction = false;
        writers.clear();
        errors.reset();
        ds.reset();
        if (errors.failed()) throw DataError(error_name, fmt::format("writing failed on close: {}", errors.last_message()));
        return std::move(summary);
    }

    const std::string error_name;
    const OutputFormat format;
    const std::vector<std::string> layers;
    const Gazetteer& gazetteer;
    const admin::AdminIndex* governorates;
    const StoreOptions options;
    QuietGdalErrors errors;
    CPLConfigOptionSetter use_copy{"PG_USE_COPY", "YES", false};  // COPY instead of one INSERT per row
    GDALDatasetUniquePtr ds;
    std::optional<Store> store;
    bool in_transaction = false;
    bool any = false;  // some layer of the run is stored already
    std::map<std::string, OGRLayer*> existing;
    std::vector<std::string> doc_key_tables;
    std::map<std::string, StoredDocument> stored;  // doc_key -> what is stored
    WriteLog log;
    std::vector<std::pair<std::string, std::unique_ptr<LayerWriter>>> writers;  // in writing order
    PlaceCounts place_counts;
    GovernorateCounts governorate_counts;
    std::size_t to_write = 0;  // documents written (new or replaced)
    StoreSummary summary;
};

StoreSink::StoreSink(const std::string& target, const std::string& error_name, OutputFormat format, const std::vector<std::string>& layers,
                     const Gazetteer& gazetteer, const admin::AdminIndex* governorates, const StoreOptions& options)
    : impl_(std::make_unique<Impl>(target, error_name, format, layers, gazetteer, governorates, options)) {}

StoreSink::~StoreSink() = default;

void StoreSink::add(std::span<const DocumentResult> results) {
    if (!impl_) throw std::logic_error("StoreSink::add after finish");
    impl_->add(results);
}

StoreSummary StoreSink::finish() {
    if (!impl_) throw std::logic_error("StoreSink::finish twice");
    const std::unique_ptr<Impl> impl = std::move(impl_);
    return impl->finish();
}

}  // namespace toponym::io
