// GDAL/OGR writers for the output layers (RAII handles, one transaction per layer).
#include "io/layer_writer.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <nlohmann/json.hpp>

#include "core/lists.hpp"
#include "core/stable_id.hpp"
#include "ingest/document_reader.hpp"
#include "io/gdal_util.hpp"
#include "io/gpkg_rows.hpp"
#include "io/gpkg_rtree.hpp"
#include "io/qgis_styles.hpp"
#include "io/sql_quote.hpp"
#include "io/where_clause.hpp"
#include "text/bidi.hpp"

namespace toponym::io {

namespace {

const std::vector<FieldDef> kEventFields = {
    {"event_id", OFTString},      {"event_date", OFTDateTime},   {"date_precision", OFTString},
    {"event_type", OFTString},    {"subtype", OFTString},         {"status", OFTString},
    {"date_min", OFTDate},        {"date_max", OFTDate},          {"date_basis", OFTString},
    {"actors", OFTString},        {"fatalities", OFTInteger},     {"injured", OFTInteger},
    {"casualty_text", OFTString}, {"casualties_shared_with", OFTString},
    {"place_name", OFTString},    {"place_id", OFTString},        {"admin1", OFTString},
    {"admin1_pcode", OFTString},  {"admin2", OFTString},          {"admin2_pcode", OFTString},
    {"admin3", OFTString},        {"admin3_pcode", OFTString},
    {"admin_method", OFTString},  {"geo_precision", OFTInteger},  {"uncertainty_m", OFTReal},
    {"confidence", OFTReal},      {"cue", OFTString},             {"doc_id", OFTString},
    {"source", OFTString},        {"url", OFTString},             {"published", OFTDate},
    {"char_start", OFTInteger},   {"char_end", OFTInteger},       {"line", OFTInteger},
    {"snippet", OFTString},
    {"doc_key", OFTString},
};

const std::vector<FieldDef> kMentionFields = {
    {"mention_id", OFTString},    {"doc_id", OFTString},          {"surface", OFTString},
    {"char_start", OFTInteger},   {"char_end", OFTInteger},       {"line", OFTInteger},
    {"place_id", OFTString},      {"name", OFTString},            {"feature_class", OFTString},
    {"feature_code", OFTString},  {"head", OFTString},            {"role", OFTString},
    {"score", OFTReal},           {"alternatives", OFTString, OFSTJSON},
    {"admin1", OFTString},        {"admin1_pcode", OFTString},    {"admin2", OFTString},
    {"admin2_pcode", OFTString},  {"admin3", OFTString},          {"admin3_pcode", OFTString},
    {"admin_method", OFTString},  {"uncertainty_m", OFTReal},
    {"kind", OFTString},          {"relation", OFTString},        {"direction", OFTString},
    {"distance_km", OFTReal},     {"geo_precision", OFTInteger},
    {"doc_key", OFTString},
};

const std::vector<FieldDef> kPlaceFields = {
    {"place_id", OFTString},      {"name", OFTString},            {"feature_class", OFTString},
    {"feature_code", OFTString},  {"admin1", OFTString},          {"admin1_pcode", OFTString},
    {"admin2", OFTString},        {"admin2_pcode", OFTString},    {"admin3", OFTString},
    {"admin3_pcode", OFTString},  {"n_mentions", OFTInteger},     {"n_events", OFTInteger},
    {"n_documents", OFTInteger},  {"first_date", OFTDateTime},    {"last_date", OFTDateTime},
    {"uncertainty_m", OFTReal},   {"source", OFTString},
};

const std::vector<FieldDef> kUnresolvedFields = {
    {"doc_id", OFTString},     {"surface", OFTString}, {"char_start", OFTInteger}, {"char_end", OFTInteger},
    {"line", OFTInteger},      {"reason", OFTString},  {"candidates", OFTString, OFSTJSON},
    {"snippet", OFTString},
    {"doc_key", OFTString},
};

const std::vector<FieldDef> kDocumentFields = {
    {"doc_id", OFTString},      {"path", OFTString},         {"title", OFTString},
    {"source", OFTString},      {"url", OFTString},          {"published", OFTDate},
    {"status", OFTString},      {"messages", OFTString, OFSTJSON},
    {"n_chars", OFTInteger},    {"n_mentions", OFTInteger},  {"n_unresolved", OFTInteger},
    {"n_events", OFTInteger},
    {"doc_key", OFTString},     {"content_hash", OFTString},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Rows a run could not write (an id that repeats one already written, a row the format
// refused): left out, the rest written, each reported once; the documents layer, written last,
// marks their documents.
struct WriteLog {
    std::vector<Diagnostic> problems;
    std::map<std::string, std::vector<std::string>> by_doc_key;  // messages for the documents layer

    void add(const std::string& where, const std::string& doc_key, const std::string& message) {
        problems.push_back({Diagnostic::Severity::Error, where, 0, message});
        if (!doc_key.empty()) by_doc_key[doc_key].push_back(message);
    }
};

// Where a LayerWriter writes: a new layer in its own transaction (files), or, when the caller
// holds one transaction over the whole dataset (PostgreSQL, appending), a layer that may
// already exist. Features whose `skip_field` value is in `skip_values` are left out (rows
// already stored, e.g. places an earlier run wrote).
struct LayerTarget {
    OGRLayer* existing = nullptr;
    bool own_transaction = true;
    const char* skip_field = nullptr;
    std::set<std::string> skip_values;
    // False: a new GeoPackage layer made without GDAL's spatial index, which GDAL 3.6 fills a
    // row at a time; the caller packs one once the rows are in (add_packed_spatial_indexes).
    bool spatial_index = true;
    // Rows kept (DeferredRows) instead of written through GDAL, for the caller to insert with
    // SQLite once GDAL has closed the file (a new GeoPackage layer without date-time fields).
    bool defer = false;
    // Fields whose values identify a row (the layer's unique index): a row repeating the values
    // of one already written is left out and reported in `log` instead of failing the run.
    std::vector<std::string> unique_key;
    WriteLog* log = nullptr;
};

}  // namespace

namespace {

// A GeoPackage layer's rows kept as SQLite will hold them, to be inserted with GpkgRowInserter
// once GDAL has closed the file: GDAL's CreateFeature cost ~28,000 instructions a row, most of
// map's writing time (38,558 mentions in the benchmark corpus). Values are converted as GDAL's
// GeoPackage driver stores them: text, integers, reals, dates as YYYY-MM-DD (the unit test
// compares the two files); date-times are not taken. The rows go to an anonymous temporary
// file (tmpfile: removed when closed, also on a crash) a chunk of a few megabytes at a time,
// so that memory does not grow with the corpus.
class DeferredRows {
public:
    explicit DeferredRows(OGRLayer& layer, const std::string& error_name)
        : geometry_column_(layer.GetGeometryColumn()), error_name_(error_name), spool_(std::tmpfile(), std::fclose) {
        if (!spool_) throw DataError(error_name_, fmt::format("cannot make a temporary file: {}", std::strerror(errno)));
        const OGRFeatureDefn& defn = *layer.GetLayerDefn();
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            const OGRFieldType type = defn.GetFieldDefn(i)->GetType();
            if (type == OFTDateTime || type == OFTTime || type == OFTBinary || type == OFTIntegerList || type == OFTRealList ||
                type == OFTStringList || type == OFTInteger64List) {
                throw std::logic_error("DeferredRows: a field type written only through GDAL");
            }
            columns_.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
        }
    }

    const std::vector<std::string>& columns() const { return columns_; }
    const std::string& geometry_column() const { return geometry_column_; }  // "" for none
    std::size_t size() const { return rows_; }

    void add(const OGRFeature& f) {
        for (int i = 0; i < f.GetFieldCount(); ++i) {
            Cell c;
            if (f.IsFieldSetAndNotNull(i)) {
                switch (f.GetFieldDefnRef(i)->GetType()) {
                    case OFTInteger:
                    case OFTInteger64:
                        c.kind = Cell::Kind::Integer;
                        c.integer = f.GetFieldAsInteger64(i);
                        break;
                    case OFTReal:
                        c.kind = Cell::Kind::Real;
                        c.real = f.GetFieldAsDouble(i);
                        break;
                    case OFTDate: {
                        const OGRField* raw = f.GetRawFieldRef(i);
                        c.kind = Cell::Kind::Text;
                        c.offset = text_.size();
                        text_ += fmt::format("{:04d}-{:02d}-{:02d}", raw->Date.Year, raw->Date.Month, raw->Date.Day);
                        c.size = text_.size() - c.offset;
                        break;
                    }
                    default: {
                        const char* value = f.GetFieldAsString(i);
                        c.kind = Cell::Kind::Text;
                        c.offset = text_.size();
                        text_ += value;
                        c.size = text_.size() - c.offset;
                        break;
                    }
                }
            }
            cells_.push_back(c);
        }
        const OGRGeometry* g = f.GetGeometryRef();
        if (g && !g->IsEmpty() && wkbFlatten(g->getGeometryType()) == wkbPoint) {
            points_.push_back({true, g->toPoint()->getX(), g->toPoint()->getY()});
        } else {
            points_.push_back({});
        }
        ++rows_;
        if (text_.size() + cells_.size() * sizeof(Cell) > kChunkBytes) spill();
    }

    // Inserts every row, in the order added (the spooled chunks, then the rows still held).
    void insert_into(GpkgRowInserter& out) {
        spill();
        std::rewind(spool_.get());
        for (;;) {
            std::size_t sizes[3];  // rows, cells, text bytes
            if (std::fread(sizes, sizeof sizes, 1, spool_.get()) != 1) break;
            points_.resize(sizes[0]);
            cells_.resize(sizes[1]);
            text_.resize(sizes[2]);
            read(points_.data(), sizes[0] * sizeof(Point));
            read(cells_.data(), sizes[1] * sizeof(Cell));
            read(text_.data(), sizes[2]);
            insert_held(out);
        }
        if (std::ferror(spool_.get())) throw DataError(error_name_, "cannot read back the temporary rows");
    }

private:
    static constexpr std::size_t kChunkBytes = 4 << 20;

    // Writes the rows held to the spool and forgets them.
    void spill() {
        if (points_.empty()) return;
        const std::size_t sizes[3] = {points_.size(), cells_.size(), text_.size()};
        write(sizes, sizeof sizes);
        write(points_.data(), sizes[0] * sizeof(Point));
        write(cells_.data(), sizes[1] * sizeof(Cell));
        write(text_.data(), sizes[2]);
        points_.clear();
        cells_.clear();
        text_.clear();
    }
    void write(const void* data, std::size_t bytes) {
        if (bytes > 0 && std::fwrite(data, bytes, 1, spool_.get()) != 1) {
            throw DataError(error_name_, fmt::format("cannot write temporary rows: {}", std::strerror(errno)));
        }
    }
    void read(void* data, std::size_t bytes) {
        if (bytes > 0 && std::fread(data, bytes, 1, spool_.get()) != 1) throw DataError(error_name_, "cannot read back the temporary rows");
    }

    void insert_held(GpkgRowInserter& out) const {
        const std::size_t width = columns_.size();
        for (std::size_t row = 0; row < points_.size(); ++row) {
            for (std::size_t i = 0; i < width; ++i) {
                const Cell& c = cells_[row * width + i];
                switch (c.kind) {
                    case Cell::Kind::Null:
                    case Cell::Kind::Geometry: break;  // the point is kept apart
                    case Cell::Kind::Text: out.text(i, std::string_view(text_).substr(c.offset, c.size)); break;
                    case Cell::Kind::Integer: out.integer(i, c.integer); break;
                    case Cell::Kind::Real: out.real(i, c.real); break;
                }
            }
            if (points_[row].set) out.point(points_[row].x, points_[row].y);
            out.insert();
        }
    }

    using Cell = GpkgCell;  // text in text_
    struct Point {
        bool set = false;
        double x = 0, y = 0;
    };
    std::string geometry_column_;
    std::vector<std::string> columns_;
    std::string error_name_;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> spool_;
    std::size_t rows_ = 0;     // added in all
    std::vector<Cell> cells_;  // row after row (the rows not spooled yet)
    std::string text_;
    std::vector<Point> points_;  // one a row
};

class LayerWriter {
public:
    LayerWriter(GDALDataset& ds, OutputFormat format, const char* name, OGRwkbGeometryType geometry,
                const std::vector<FieldDef>& fields, const std::string& error_name, QuietGdalErrors& errors,
                LayerTarget target = {})
        : format_(format), traits_(traits(format)), error_name_(error_name), errors_(errors), target_(std::move(target)) {
        if (target_.existing) {
            layer_ = target_.existing;
            std::vector<const FieldDef*> missing;
            for (const FieldDef& f : fields) {
                if (layer_->GetLayerDefn()->GetFieldIndex(f.name) < 0) missing.push_back(&f);
            }
            // A table toponym wrote has the layer's key field (its first) and lacks at most the
            // one or two fields toponym has gained since; any other table is someone else's.
            if (!missing.empty() && (missing.front() == &fields.front() || missing.size() > 2)) {
                fail(fmt::format("the existing layer {} has no field {} (written by another program or an older "
                                 "toponym): write it anew with --overwrite", name, missing.front()->name));
            }
            for (const FieldDef* missing_field : missing) {
                const FieldDef& f = *missing_field;
                // A field toponym has gained since the table was written (casualties_shared_with):
                // added, empty for the rows there, rather than refusing to append.
                OGRFieldDefn defn(f.name, f.type);
                defn.SetSubType(f.subtype);
                if (layer_->CreateField(&defn) != OGRERR_NONE) {
                    fail(fmt::format("the existing layer {} has no field {} (written by another program or an older "
                                     "toponym): write it anew with --overwrite", name, f.name));
                }
            }
            if (target_.own_transaction && layer_->StartTransaction() != OGRERR_NONE) {
                fail(fmt::format("cannot start a transaction on {}", name));
            }
            return;
        }
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        CPLStringList options = layer_creation_options(format, geometry, target_.spatial_index);
        layer_ = ds.CreateLayer(name, geometry == wkbNone ? nullptr : &wgs84, geometry, options.List());
        if (!layer_) fail(fmt::format("cannot create layer {}", name));
        for (const FieldDef& f : fields) {
            // CSV has no date type, and GDAL's KML reader drops date fields: ISO 8601 text, as
            // GeoJSON writes it (KML's TimeStamp carries the event date as a date).
            const bool as_text = traits(format).dates_as_text &&
                                 (f.type == OFTDate || f.type == OFTDateTime);
            OGRFieldDefn defn(f.name, as_text ? OFTString : f.type);
            defn.SetSubType(f.subtype);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, f.name));
        }
        // KML: a placemark's name, description and TimeStamp come from fields of those names
        // (Google Earth's time slider uses the TimeStamp). They are added as copies, so that
        // place_name, snippet and event_date keep their names in KML too.
        if (traits(format).kml_fields) {
            const OGRFeatureDefn* defn = layer_->GetLayerDefn();
            for (const auto& [kml, from, type] : {std::tuple{"name", "place_name", OFTString},
                                                  std::tuple{"description", "snippet", OFTString},
                                                  std::tuple{"timestamp", "event_date", OFTDateTime}}) {
                if (defn->GetFieldIndex(kml) >= 0 || defn->GetFieldIndex(from) < 0) continue;
                OGRFieldDefn copy(kml, type);
                if (layer_->CreateField(&copy) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, kml));
                kml_copies_.emplace_back(kml, from);
            }
        }
        // CSV readers look for coordinates in columns: lon/lat beside the WKT.
        if (traits(format).spreadsheet_cells && geometry == wkbPoint) {
            for (const char* coordinate : {"lon", "lat"}) {
                OGRFieldDefn defn(coordinate, OFTReal);
                if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, coordinate));
            }
            add_lon_lat_ = true;
        }
        if (target_.defer) {
            deferred_ = std::make_unique<DeferredRows>(*layer_, error_name_);
        } else if (target_.own_transaction && layer_->StartTransaction() != OGRERR_NONE) {
            fail(fmt::format("cannot start a transaction on {}", name));
        }
    }

    OGRLayer& layer() const { return *layer_; }

    // The rows kept instead of written (LayerTarget::defer), after finish().
    std::unique_ptr<DeferredRows> take_deferred() { return std::move(deferred_); }

    OGRFeatureUniquePtr new_feature() const { return OGRFeatureUniquePtr(OGRFeature::CreateFeature(layer_->GetLayerDefn())); }

    // Index of a field of this layer (-1 if it has none), remembered: OGR's lookup by name
    // compares every field name case-insensitively, for every field of every feature.
    int field(std::string_view name) {
        auto it = field_index_.find(name);
        if (it == field_index_.end()) {
            it = field_index_.emplace(name, layer_->GetLayerDefn()->GetFieldIndex(std::string(name).c_str())).first;
        }
        return it->second;
    }

    void add(OGRFeature& feature) {
        if (traits_.spreadsheet_cells) {
            for (int i = 0; i < feature.GetFieldCount(); ++i) {
                if (feature.GetFieldDefnRef(i)->GetType() != OFTString || !feature.IsFieldSetAndNotNull(i)) continue;
                const std::string value = feature.GetFieldAsString(i);
                const std::string safe = neutralise_formula(value);
                if (safe != value) feature.SetField(i, safe.c_str());
            }
            if (add_lon_lat_) {
                if (const OGRGeometry* g = feature.GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint) {
                    feature.SetField("lon", g->toPoint()->getX());
                    feature.SetField("lat", g->toPoint()->getY());
                }
            }
        }
        for (const auto& [kml, from] : kml_copies_) {
            const int source = feature.GetFieldIndex(from);
            if (!feature.IsFieldSetAndNotNull(source)) continue;
            // The description is the balloon's HTML; name and TimeStamp are plain values.
            const char* value = feature.GetFieldAsString(source);
            if (std::string_view(kml) == "description") {
                feature.SetField(feature.GetFieldIndex(kml), kml_description(value).c_str());
            } else {
                feature.SetField(feature.GetFieldIndex(kml), value);
            }
        }
        if (traits_.utc_times) mark_times_utc(feature);
        if (traits_.kml_fields) {
            for (int i = 0; i < feature.GetFieldCount(); ++i) {
                if (feature.GetFieldDefnRef(i)->GetType() != OFTString || !feature.IsFieldSetAndNotNull(i)) continue;
                const std::string value = feature.GetFieldAsString(i);
                const std::string safe = break_cdata_end(value);
                if (safe != value) feature.SetField(i, safe.c_str());
            }
        }
        if (target_.skip_field && target_.skip_values.contains(feature.GetFieldAsString(target_.skip_field))) return;
        if (!target_.unique_key.empty()) {
            std::string key, shown;
            for (const std::string& field : target_.unique_key) {
                const char* value = feature.GetFieldAsString(field.c_str());
                key += value;
                key += '\x1f';
                shown += fmt::format("{}{} {}", shown.empty() ? "" : ", ", field, value);
            }
            if (!keys_.insert(std::hash<std::string>{}(key)).second) {
                left_out(feature, fmt::format("a row of layer {} was left out: its {} repeats a row already written", layer_->GetName(), shown));
                return;
            }
        }
        if (deferred_) {
            deferred_->add(feature);
        } else if (layer_->CreateFeature(&feature) != OGRERR_NONE) {
            // A database transaction is lost with one failed row; a file keeps the others.
            if (format_ == OutputFormat::PostgreSQL || !target_.log) fail(fmt::format("cannot write a feature to {}", layer_->GetName()));
            left_out(feature, fmt::format("a row of layer {} could not be written and was left out: {}", layer_->GetName(),
                                          errors_.last_message()));
            errors_.reset();
            return;
        }
        ++count_;
    }

    std::size_t finish() {
        if (!deferred_ && target_.own_transaction && layer_->CommitTransaction() != OGRERR_NONE) {
            fail(fmt::format("cannot commit layer {}", layer_->GetName()));
        }
        return count_;
    }

private:
    // Event days are UTC midnights: as timestamptz they must not move with the session's time zone.
    static void mark_times_utc(OGRFeature& feature) {
        for (int i = 0; i < feature.GetFieldCount(); ++i) {
            if (feature.GetFieldDefnRef(i)->GetType() != OFTDateTime || !feature.IsFieldSetAndNotNull(i)) continue;
            int y, mo, d, h, mi, tz;
            float sec;
            if (feature.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz) && tz == 0) feature.SetField(i, y, mo, d, h, mi, sec, 100);
        }
    }

    // Reports a row not written, with its document when the layer has one.
    void left_out(const OGRFeature& feature, std::string message) const {
        const int doc = feature.GetFieldIndex("doc_id");
        const int key = feature.GetFieldIndex("doc_key");
        if (doc >= 0 && feature.IsFieldSetAndNotNull(doc)) message += fmt::format(" (document {})", feature.GetFieldAsString(doc));
        if (!target_.log) fail(message);
        target_.log->add(error_name_, key >= 0 ? feature.GetFieldAsString(key) : "", message);
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw DataError(error_name_, fmt::format("{}: {}", what, errors_.last_message()));
    }

    OutputFormat format_;
    const OutputFormatTraits& traits_;
    OGRLayer* layer_ = nullptr;
    const std::string& error_name_;
    QuietGdalErrors& errors_;
    std::size_t count_ = 0;
    bool add_lon_lat_ = false;
    std::unordered_map<std::string_view, int> field_index_;  // names are string literals
    std::vector<std::pair<const char*, const char*>> kml_copies_;  // (KML field, field it copies)
    LayerTarget target_;
    std::unique_ptr<DeferredRows> deferred_;
    // Hashes of the unique_key values written: 8 bytes a row, not the ids themselves (two ids
    // sharing a 64-bit hash, about 1 in 10^7 for a million rows, would leave one row out, reported).
    std::unordered_set<std::size_t> keys_;
};

void set_admin(LayerWriter& w, OGRFeature& f, const AdminAssignment& a, bool with_method = true) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"admin1", &a.admin1}, {"admin1_pcode", &a.admin1_pcode}, {"admin2", &a.admin2},
        {"admin2_pcode", &a.admin2_pcode}, {"admin3", &a.admin3}, {"admin3_pcode", &a.admin3_pcode}};
    for (const auto& [name, value] : fields) {
        if (!value->empty()) f.SetField(w.field(name), value->c_str());
    }
    if (with_method) f.SetField(w.field("admin_method"), to_string(a.method));
}

void set_point(OGRFeature& f, double lat, double lon) {
    f.SetGeometryDirectly(new OGRPoint(lon, lat));  // OGR owns it from here; x = lon, y = lat
}

void set_date(OGRFeature& f, const char* field, const std::optional<Date>& day) {
    if (!day) return;  // left unset: NULL
    if (f.GetFieldDefnRef(f.GetFieldIndex(field))->GetType() == OFTString) {
        f.SetField(field, date::format("%F", *day).c_str());
        return;
    }
    const date::year_month_day ymd(*day);
    f.SetField(field, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// Event times are DateTime with milliseconds and no time zone: QGIS 3.22's temporal controller
// shows GeoPackage DATE values one day early, and a trailing Z hides events at the range end.
void set_datetime(OGRFeature& f, const char* field, const std::optional<Date>& day) {
    if (!day) return;
    if (f.GetFieldDefnRef(f.GetFieldIndex(field))->GetType() == OFTString) {
        f.SetField(field, date::format("%FT00:00:00", *day).c_str());
        return;
    }
    const date::year_month_day ymd(*day);
    f.SetField(field, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day())), 0, 0, 0.0f, 0);
}

std::string one_line(std::string_view s, std::size_t max_bytes = 500) {
    std::string out;
    out.reserve(std::min(s.size(), max_bytes));
    for (char c : s) {
        if (out.size() >= max_bytes && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            out += "…";
            break;
        }
        out.push_back(c == '\n' || c == '\t' ? ' ' : c);
    }
    return out;
}

std::string alternatives_json(const Mention& m, const Gazetteer& g) {
    nlohmann::json alts = nlohmann::json::array();
    for (std::size_t i = 1; i < m.candidates.size() && i <= 5; ++i) {
        const Place& p = g.place(m.candidates[i].place);
        alts.push_back({{"place_id", p.id}, {"name", p.name}, {"lat", p.lat}, {"lon", p.lon},
                        {"feature_code", p.feature_code}, {"admin1_pcode", p.admin1_pcode},
                        {"score", std::round(m.candidates[i].score * 1000.0) / 1000.0}});
    }
    return alts.dump();
}

// The document's stable key and content hash (run_files sets them; computed here for results
// made without it, e.g. by process_document alone).
std::string doc_key(const Document& d) { return d.doc_key.empty() ? document_key(d.source, d.doc_id) : d.doc_key; }
std::string doc_hash(const Document& d) { return d.content_hash.empty() ? content_hash(d.text) : d.content_hash; }

std::string document_status(const DocumentResult& r) {
    if (r.failed) return "error";
    for (const Diagnostic& d : r.doc.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) return "error";
    }
    return r.doc.diagnostics.empty() ? "ok" : "warning";
}

// The rows of one document's events.
void write_events(LayerWriter& w, const DocumentResult& r) {
    {
        for (const Event& ev : r.events) {
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField(w.field("event_id"), ev.event_id.c_str());
            set_datetime(*f, "event_date", ev.event_date);
            f->SetField(w.field("date_precision"), ev.date_precision.c_str());
            f->SetField(w.field("event_type"), ev.event_type.c_str());
            f->SetField(w.field("subtype"), ev.subtype.c_str());
            f->SetField(w.field("status"), ev.status.c_str());
            set_date(*f, "date_min", ev.date_min);
            set_date(*f, "date_max", ev.date_max);
            f->SetField(w.field("date_basis"), ev.date_basis.c_str());
            std::string actors;
            for (const std::string& a : ev.actors) actors += (actors.empty() ? "" : "; ") + a;
            f->SetField(w.field("actors"), actors.c_str());
            if (ev.killed) f->SetField(w.field("fatalities"), static_cast<GIntBig>(*ev.killed));
            if (ev.injured) f->SetField(w.field("injured"), static_cast<GIntBig>(*ev.injured));
            f->SetField(w.field("casualty_text"), ev.casualty_text.c_str());
            f->SetField(w.field("casualties_shared_with"), ev.casualties_shared_with.c_str());
            f->SetField(w.field("place_name"), ev.place_name.c_str());
            f->SetField(w.field("place_id"), ev.place_id.c_str());
            set_admin(w, *f, ev.admin);
            f->SetField(w.field("geo_precision"), ev.geo_precision);
            f->SetField(w.field("uncertainty_m"), ev.uncertainty_m);
            f->SetField(w.field("confidence"), std::round(ev.confidence * 1000.0) / 1000.0);
            f->SetField(w.field("cue"), ev.cue.c_str());
            f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
            f->SetField(w.field("source"), r.doc.source.c_str());
            f->SetField(w.field("url"), r.doc.url.c_str());
            set_date(*f, "published", r.doc.published);
            f->SetField(w.field("char_start"), static_cast<GIntBig>(ev.sentence.begin_cp));
            f->SetField(w.field("char_end"), static_cast<GIntBig>(ev.sentence.end_cp));
            f->SetField(w.field("line"), ev.sentence.line);
            f->SetField(w.field("snippet"), one_line(ev.snippet).c_str());
            set_point(*f, ev.lat, ev.lon);
            f->SetField(w.field("doc_key"), doc_key(r.doc).c_str());
            w.add(*f);
        }
    }
}

// The rows of one document's mentions: its names, then its relative locations.
void write_mentions(LayerWriter& w, const DocumentResult& r, const Gazetteer& g) {
    {
        for (const Mention& m : r.mentions) {
            const Place& p = g.place(m.place());
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField(w.field("mention_id"),
                        stable_id("mn-", {doc_key(r.doc), doc_hash(r.doc), std::to_string(m.span.begin_cp)}).c_str());
            f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
            f->SetField(w.field("surface"), m.surface.c_str());
            f->SetField(w.field("char_start"), static_cast<GIntBig>(m.span.begin_cp));
            f->SetField(w.field("char_end"), static_cast<GIntBig>(m.span.end_cp));
            f->SetField(w.field("line"), m.span.line);
            f->SetField(w.field("place_id"), p.id.c_str());
            f->SetField(w.field("name"), p.name.c_str());
            f->SetField(w.field("feature_class"), p.feature_class.c_str());
            f->SetField(w.field("feature_code"), p.feature_code.c_str());
            f->SetField(w.field("head"), m.head.c_str());
            f->SetField(w.field("role"), m.role.c_str());
            f->SetField(w.field("score"), std::round(m.confidence * 1000.0) / 1000.0);
            f->SetField(w.field("alternatives"), alternatives_json(m, g).c_str());
            set_admin(w, *f, m.admin);
            f->SetField(w.field("uncertainty_m"), p.radius_m);
            f->SetField(w.field("kind"), "name");
            f->SetField(w.field("geo_precision"), p.is_admin_area() ? 3 : 1);
            set_point(*f, p.lat, p.lon);
            f->SetField(w.field("doc_key"), doc_key(r.doc).c_str());
            w.add(*f);
        }
        // Relative locations ("the southern countryside of Aleppo") are mentions too, at their
        // offset point, with the place they are measured from.
        for (const RelativeLocation& rel : r.relatives) {
            const Place& p = g.place(rel.anchor_place);
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField(w.field("mention_id"), stable_id("mr-", {doc_key(r.doc), doc_hash(r.doc), std::to_string(rel.span.begin_cp)}).c_str());
            f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
            f->SetField(w.field("surface"), rel.surface.c_str());
            f->SetField(w.field("char_start"), static_cast<GIntBig>(rel.span.begin_cp));
            f->SetField(w.field("char_end"), static_cast<GIntBig>(rel.span.end_cp));
            f->SetField(w.field("line"), rel.span.line);
            f->SetField(w.field("place_id"), p.id.c_str());
            f->SetField(w.field("name"), p.name.c_str());
            f->SetField(w.field("feature_class"), p.feature_class.c_str());
            f->SetField(w.field("feature_code"), p.feature_code.c_str());
            f->SetField(w.field("role"), "location");
            if (rel.anchor < r.mentions.size()) {
                f->SetField(w.field("score"), std::round(r.mentions[rel.anchor].confidence * 1000.0) / 1000.0);
            }
            f->SetField(w.field("alternatives"), "[]");
            set_admin(w, *f, rel.admin);
            f->SetField(w.field("uncertainty_m"), rel.radius_m);
            f->SetField(w.field("kind"), "relative");
            f->SetField(w.field("relation"), rel.relation.c_str());
            f->SetField(w.field("direction"), rel.direction.c_str());
            if (rel.distance_km) f->SetField(w.field("distance_km"), *rel.distance_km);
            f->SetField(w.field("geo_precision"), 2);
            set_point(*f, rel.lat, rel.lon);
            f->SetField(w.field("doc_key"), doc_key(r.doc).c_str());
            w.add(*f);
        }
    }
}

// One row per distinct place: how often it is named and in how many events, and the span of
// dates (of its events, or of the reports naming it when it has no dated event). Counted as
// documents arrive (add), written at the end (write); memory grows with the places named, not
// with the documents. Documents are told apart by doc_id (unique within a run, as the pipeline
// makes them), each added once.
class PlaceCounts {
public:
    explicit PlaceCounts(const Gazetteer& g) : g_(g) {}

    void add(const DocumentResult& r) {
        ++serial_;
        for (const Mention& m : r.mentions) {
            Stats& s = count(row_of(m.place()), r);
            if (!s.admin) s.admin = m.admin;
        }
        // Relative locations count for the place they are measured from (as their rows say).
        for (const RelativeLocation& rel : r.relatives) count(row_of(rel.anchor_place), r);
        for (const Event& ev : r.events) {
            const std::uint32_t index =
                ev.relative && *ev.relative < r.relatives.size() ? r.relatives[*ev.relative].anchor_place : r.mentions[ev.mention].place();
            Stats& s = places_[row_of(index)];
            ++s.events;
            widen(s.first_event, s.last_event, ev.event_date);
        }
    }

    void write(LayerWriter& w) const {
        for (const auto& [index, s] : places_) {
            const Place& p = g_.place(index);
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField(w.field("place_id"), p.id.c_str());
            f->SetField(w.field("name"), p.name.c_str());
            f->SetField(w.field("feature_class"), p.feature_class.c_str());
            f->SetField(w.field("feature_code"), p.feature_code.c_str());
            if (s.admin) {
                set_admin(w, *f, *s.admin, false);
            } else {  // a governorate only measured from ("Idlib's southeast"): its own code
                AdminAssignment own;
                own.admin1 = p.name;
                own.admin1_pcode = p.admin1_pcode;
                set_admin(w, *f, own, false);
            }
            f->SetField(w.field("n_mentions"), static_cast<GIntBig>(s.mentions));
            f->SetField(w.field("n_events"), static_cast<GIntBig>(s.events));
            f->SetField(w.field("n_documents"), static_cast<GIntBig>(s.documents));
            set_datetime(*f, "first_date", s.first_event ? s.first_event : s.first_report);
            set_datetime(*f, "last_date", s.last_event ? s.last_event : s.last_report);
            f->SetField(w.field("uncertainty_m"), p.radius_m);
            f->SetField(w.field("source"), p.source.c_str());
            set_point(*f, p.lat, p.lon);
            w.add(*f);
        }
    }

private:
    struct Stats {
        std::optional<AdminAssignment> admin;  // of the first mention naming it
        std::size_t mentions = 0;
        std::size_t events = 0;
        std::size_t documents = 0;
        std::size_t last_document = 0;  // the serial of the last document counted
        std::optional<Date> first_event, last_event, first_report, last_report;
    };

    static void widen(std::optional<Date>& lo, std::optional<Date>& hi, const std::optional<Date>& d) {
        if (!d) return;
        if (!lo || *d < *lo) lo = d;
        if (!hi || *d > *hi) hi = d;
    }

    // One row per place id: a place that two stacked gazetteers both hold (a capital in the
    // embedded and the world one) is counted once, under the first's index.
    std::uint32_t row_of(std::uint32_t index) const {
        const std::optional<std::uint32_t> first = g_.find_id(g_.place(index).id);
        return first ? *first : index;
    }

    Stats& count(std::uint32_t row, const DocumentResult& r) {
        Stats& s = places_[row];
        ++s.mentions;
        if (s.last_document != serial_) {
            s.last_document = serial_;
            ++s.documents;
        }
        widen(s.first_report, s.last_report, r.doc.published);
        return s;
    }

    const Gazetteer& g_;
    std::map<std::uint32_t, Stats> places_;  // ordered by gazetteer index: stable output
    std::size_t serial_ = 0;                 // documents added
};

std::vector<FieldDef> governorate_fields() {
    std::vector<FieldDef> fields = {{"admin1", OFTString}, {"admin1_pcode", OFTString}, {"admin1_ar", OFTString},
                                    {"n_events", OFTInteger}, {"n_mentions", OFTInteger}};
    static std::vector<std::string> names;  // FieldDef holds const char*: keep the strings alive
    if (names.empty()) {
        for (const std::string& t : event_types()) names.push_back("n_" + t);
    }
    for (const std::string& n : names) fields.push_back({n.c_str(), OFTInteger});
    return fields;
}

// Events by type and mentions (names; relative locations are not) per governorate, counted as
// documents arrive and written at the end, one row per area of `areas`.
class GovernorateCounts {
public:
    void add(const DocumentResult& r) {
        for (const Event& ev : r.events) ++events_[ev.admin.admin1_pcode][ev.event_type];
        for (const Mention& m : r.mentions) ++mentions_[m.admin.admin1_pcode];
    }
    void write(LayerWriter& w, const admin::AdminIndex& areas);

private:
    std::map<std::string, std::map<std::string, int>> events_;  // pcode -> type -> count
    std::map<std::string, int> mentions_;
};

void GovernorateCounts::write(LayerWriter& w, const admin::AdminIndex& areas) {
    auto& events = events_;
    auto& mentions = mentions_;
    for (const admin::AdminArea& area : areas.areas()) {
        OGRFeatureUniquePtr f = w.new_feature();
        f->SetField(w.field("admin1"), area.name_en.c_str());
        f->SetField(w.field("admin1_pcode"), area.pcode.c_str());
        if (!area.name_ar.empty()) f->SetField(w.field("admin1_ar"), area.name_ar.c_str());
        int total = 0;
        for (const std::string& t : event_types()) {
            const int n = events[area.pcode][t];
            f->SetField(("n_" + t).c_str(), n);
            total += n;
        }
        f->SetField(w.field("n_events"), total);
        f->SetField(w.field("n_mentions"), mentions[area.pcode]);
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(area.wkb.data(), nullptr, &geometry, area.wkb.size()) == OGRERR_NONE && geometry) {
            f->SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(geometry));
        }
        w.add(*f);
    }
}

// The fields and the id column (unique) of each layer.
struct LayerSpec {
    std::string name;
    OGRwkbGeometryType geometry;
    std::vector<FieldDef> fields;
    std::vector<std::string> unique_key;  // columns that identify a row
};

const LayerSpec& layer_spec(const std::string& name) {
    static const std::vector<LayerSpec> specs = {
        {"events", wkbPoint, kEventFields, {"event_id"}},
        {"mentions", wkbPoint, kMentionFields, {"mention_id"}},
        {"places", wkbPoint, kPlaceFields, {"place_id"}},
        {"governorates", wkbMultiPolygon, governorate_fields(), {"admin1_pcode"}},
        {"unresolved", wkbNone, kUnresolvedFields, {"doc_key", "char_start"}},
        {"documents", wkbNone, kDocumentFields, {"doc_key"}},
    };
    for (const LayerSpec& s : specs) {
        if (s.name == name) return s;
    }
    throw std::logic_error("no layer spec for " + name);
}

// The rows of one document's names not in the gazetteer.
void write_unresolved(LayerWriter& w, const DocumentResult& r) {
    {
        for (const UnresolvedName& u : r.unresolved) {
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
            f->SetField(w.field("surface"), u.surface.c_str());
            f->SetField(w.field("char_start"), static_cast<GIntBig>(u.span.begin_cp));
            f->SetField(w.field("char_end"), static_cast<GIntBig>(u.span.end_cp));
            f->SetField(w.field("line"), u.span.line);
            f->SetField(w.field("reason"), u.reason.c_str());
            f->SetField(w.field("candidates"), "[]");
            f->SetField(w.field("snippet"), one_line(u.snippet).c_str());
            f->SetField(w.field("doc_key"), doc_key(r.doc).c_str());
            w.add(*f);
        }
    }
}

// The document's row, after its other rows (`log` holds those left out).
void write_documents(LayerWriter& w, const DocumentResult& r, const WriteLog& log) {
    {
        const auto not_written = log.by_doc_key.find(doc_key(r.doc));
        OGRFeatureUniquePtr f = w.new_feature();
        f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
        f->SetField(w.field("path"), r.doc.path.c_str());
        f->SetField(w.field("title"), r.doc.title.c_str());
        f->SetField(w.field("source"), r.doc.source.c_str());
        f->SetField(w.field("url"), r.doc.url.c_str());
        set_date(*f, "published", r.doc.published);
        f->SetField(w.field("status"), not_written != log.by_doc_key.end() ? "error" : document_status(r).c_str());
        nlohmann::json messages = nlohmann::json::array();
        for (const Diagnostic& d : r.doc.diagnostics) messages.push_back(d.format());
        if (not_written != log.by_doc_key.end()) {
            for (const std::string& m : not_written->second) messages.push_back(m);
        }
        f->SetField(w.field("messages"), messages.dump().c_str());
        f->SetField(w.field("n_chars"), static_cast<GIntBig>(std::max(r.doc.text.size(), r.text_bytes)));
        f->SetField(w.field("n_mentions"), static_cast<GIntBig>(r.mentions.size()));
        f->SetField(w.field("n_unresolved"), static_cast<GIntBig>(r.unresolved.size()));
        f->SetField(w.field("n_events"), static_cast<GIntBig>(r.events.size()));
        f->SetField(w.field("doc_key"), doc_key(r.doc).c_str());
        f->SetField(w.field("content_hash"), doc_hash(r.doc).c_str());
        w.add(*f);
    }
}

}  // namespace

const std::vector<std::string>& event_types() {
    static const std::vector<std::string> types = {"air_strike", "drone_strike", "shelling", "clashes",
                                                   "chemical_attack", "capture_of_territory", "displacement", "other"};
    return types;
}

std::vector<std::string> event_field_names() {
    std::vector<std::string> out;
    for (const FieldDef& f : kEventFields) out.emplace_back(f.name);
    return out;
}

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

const std::vector<std::string>& all_layer_names() {
    static const std::vector<std::string> names = {"events", "mentions", "places", "governorates", "unresolved", "documents"};
    return names;
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

void add_id_indexes(GDALDataset& ds, OutputFormat format, const std::vector<std::string>& layers, const std::string& error_name,
                    QuietGdalErrors& errors);

namespace {

// The statements that add a layer's id indexes (Store::add_indexes), for the table `table_sql`.
std::vector<std::string> id_index_sql(const std::string& layer, const std::string& table_sql);

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

// ---- Databases and appending: one transaction over every layer, documents matched by key ----

namespace {

bool has_doc_key(const std::string& layer) { return layer != "places" && layer != "governorates"; }

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

// Writes one layer's features (of `results`) into the store.
std::size_t store_layer(GDALDataset& ds, const Store& store, OutputFormat format, const std::string& name, OGRLayer* existing,
                        const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                        const admin::AdminIndex* governorates, const std::string& error_name, QuietGdalErrors& errors, WriteLog& log) {
    const LayerSpec& spec = layer_spec(name);
    LayerTarget target;
    target.existing = existing;
    target.own_transaction = false;
    target.unique_key = spec.unique_key;
    target.log = &log;
    if (name == "places" || name == "governorates") {
        target.skip_field = name == "places" ? "place_id" : "admin1_pcode";
        target.skip_values = stored_values(existing, target.skip_field);
    }
    LayerWriter w(ds, format, name.c_str(), spec.geometry, spec.fields, error_name, errors, std::move(target));
    if (!existing) store.use_jsonb(w.layer(), name);
    if (name == "governorates" && !governorates) throw DataError(error_name, "no governorate boundaries to write");
    PlaceCounts places(gazetteer);
    GovernorateCounts governorate_counts;
    for (const DocumentResult& r : results) {
        if (name == "events") write_events(w, r);
        if (name == "mentions") write_mentions(w, r, gazetteer);
        if (name == "places") places.add(r);
        if (name == "governorates") governorate_counts.add(r);
        if (name == "unresolved") write_unresolved(w, r);
        if (name == "documents") write_documents(w, r, log);
    }
    if (name == "places") places.write(w);
    if (name == "governorates") governorate_counts.write(w, *governorates);
    if (!existing) store.add_indexes(name);
    return w.finish();
}

void set_count(LayerCounts& counts, const std::string& layer, std::size_t n) {
    if (layer == "events") counts.events = n;
    if (layer == "mentions") counts.mentions = n;
    if (layer == "places") counts.places = n;
    if (layer == "governorates") counts.governorates = n;
    if (layer == "unresolved") counts.unresolved = n;
    if (layer == "documents") counts.documents = n;
}

// After an append the aggregate layers count over everything stored, not just this run: zeroed,
// then set from one grouped pass over each detail table (UPDATE ... FROM works in PostgreSQL
// and SQLite >= 3.33 alike; correlated subqueries per row took seconds at 60,000 mentions).
void recount_aggregates(const Store& store, const std::vector<std::string>& layers) {
    auto has = [&layers](const char* l) { return std::find(layers.begin(), layers.end(), l) != layers.end(); };
    const std::string places = store.table("places");
    const std::string governorates = store.table("governorates");
    const std::string events = store.table("events");
    const std::string mentions = store.table("mentions");
    if (has("places") && has("mentions")) {
        store.execute("UPDATE " + places + " SET n_mentions = 0, n_documents = 0");
        store.execute(fmt::format("UPDATE {} SET n_mentions = s.n, n_documents = s.d FROM (SELECT place_id, COUNT(*) AS n, "
                                  "COUNT(DISTINCT doc_key) AS d FROM {} GROUP BY place_id) AS s WHERE s.place_id = places.place_id",
                                  places, mentions));
        // Places no stored report names any more (their report changed) go.
        store.execute("DELETE FROM " + places + " WHERE n_mentions = 0");
    }
    if (has("places") && has("events")) {
        store.execute("UPDATE " + places + " SET n_events = 0");
        store.execute(fmt::format("UPDATE {} SET n_events = s.n, first_date = COALESCE(s.lo, first_date), last_date = COALESCE(s.hi, last_date) "
                                  "FROM (SELECT place_id, COUNT(*) AS n, MIN(event_date) AS lo, MAX(event_date) AS hi FROM {} "
                                  "GROUP BY place_id) AS s WHERE s.place_id = places.place_id",
                                  places, events));
    }
    if (has("governorates") && has("events")) {
        std::string zero = "n_events = 0", set = "n_events = s.n", sums = "COUNT(*) AS n";
        for (std::size_t i = 0; i < event_types().size(); ++i) {
            const std::string column = sql_identifier("n_" + event_types()[i]);
            zero += ", " + column + " = 0";
            set += fmt::format(", {} = s.t{}", column, i);
            sums += fmt::format(", SUM(CASE WHEN event_type = {} THEN 1 ELSE 0 END) AS t{}", sql_literal(event_types()[i]), i);
        }
        store.execute(fmt::format("UPDATE {} SET {}", governorates, zero));
        store.execute(fmt::format("UPDATE {} SET {} FROM (SELECT admin1_pcode, {} FROM {} GROUP BY admin1_pcode) AS s "
                                  "WHERE s.admin1_pcode = governorates.admin1_pcode",
                                  governorates, set, sums, events));
    }
    if (has("governorates") && has("mentions")) {
        store.execute("UPDATE " + governorates + " SET n_mentions = 0");
        // Names only, as write_governorates counts them (relative locations are not).
        store.execute(fmt::format("UPDATE {} SET n_mentions = s.n FROM (SELECT admin1_pcode, COUNT(*) AS n FROM {} WHERE kind = 'name' "
                                  "GROUP BY admin1_pcode) AS s "
                                  "WHERE s.admin1_pcode = governorates.admin1_pcode",
                                  governorates, mentions));
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

void add_id_indexes(GDALDataset& ds, OutputFormat format, const std::vector<std::string>& layers, const std::string& error_name,
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

StoreSummary store_layers(const std::string& target, const std::string& error_name, OutputFormat format,
                          const std::vector<std::string>& layers, const std::vector<DocumentResult>& results,
                          const Gazetteer& gazetteer, const admin::AdminIndex* governorates, const StoreOptions& options) {
    ensure_gdal_registered();
    QuietGdalErrors errors;
    CPLConfigOptionSetter use_copy("PG_USE_COPY", "YES", false);  // COPY instead of one INSERT per row
    GDALDatasetUniquePtr ds = open_store(target, format, options, error_name, errors);
    Store store(*ds, format, options.schema, error_name, errors);
    if (ds->StartTransaction() != OGRERR_NONE) {
        throw DataError(error_name, fmt::format("cannot start a transaction: {}", errors.last_message()));
    }
    StoreSummary summary;
    try {
        if (store.postgres()) store.execute(fmt::format("SELECT pg_advisory_xact_lock({})", lock_key(options.schema)));
        std::map<std::string, OGRLayer*> existing;
        bool any = false;
        for (const std::string& name : layers) any |= (existing[name] = store.find_layer(name)) != nullptr;
        if (any && !options.append && !options.overwrite) {
            throw UsageError(error_name, fmt::format("already holds toponym's tables: add --append to add to them or --overwrite to replace them"));
        }
        if (options.overwrite) {
            for (auto& [name, layer] : existing) {
                if (layer) store.drop_layer(name);
                layer = nullptr;
            }
        }

        // Which documents to write: new ones, and changed ones after deleting what they had.
        std::map<std::string, std::string> stored = stored_documents(store.find_layer("documents"));
        if (stored.empty()) {
            // Written without a documents layer (--layers): the keys in the other layers, with
            // no content hash, so that those reports are replaced rather than duplicated.
            for (const std::string& name : all_layer_names()) {
                if (!has_doc_key(name) || name == "documents") continue;
                for (const std::string& key : stored_values(store.find_layer(name), "doc_key")) stored.emplace(key, "");
            }
        }
        std::vector<DocumentResult> to_write;
        std::vector<std::string> replaced;
        for (const DocumentResult& r : results) {
            const auto it = stored.find(doc_key(r.doc));
            if (it == stored.end()) {
                ++summary.new_documents;
            } else if (it->second == doc_hash(r.doc)) {
                ++summary.unchanged_documents;
                continue;
            } else {
                ++summary.replaced_documents;
                replaced.push_back(doc_key(r.doc));
            }
            to_write.push_back(r);
        }
        for (std::size_t begin = 0; begin < replaced.size(); begin += 500) {
            std::string keys;
            for (std::size_t i = begin; i < std::min(replaced.size(), begin + 500); ++i) keys += (keys.empty() ? "" : ", ") + sql_literal(replaced[i]);
            // From every toponym table there, also those this run does not write (--layers).
            for (const std::string& name : all_layer_names()) {
                if (!has_doc_key(name)) continue;
                const auto it = existing.find(name);
                OGRLayer* layer = it != existing.end() ? it->second : store.find_layer(name);
                if (layer && layer->GetLayerDefn()->GetFieldIndex("doc_key") >= 0) {
                    store.execute(fmt::format("DELETE FROM {} WHERE doc_key IN ({})", store.table(name), keys));
                }
            }
        }

        WriteLog log;
        for (const std::string& name : layers) {
            const std::size_t n = store_layer(*ds, store, format, name, existing[name], to_write, gazetteer, governorates, error_name, errors, log);
            set_count(summary.written, name, n);
        }
        summary.written.problems = std::move(log.problems);
        if (any && options.append && (!to_write.empty() || !replaced.empty())) recount_aggregates(store, layers);
        // QGIS reads a GeoPackage's styles through OGR from its layer_styles, but applies styles
        // of a PostgreSQL layer only through its own provider (its OGR provider loads them from
        // GeoPackage/SQLite files alone): public.layer_styles, keyed by schema.
        if (store.postgres()) {
            embed_postgres_styles(store, options.schema, layers);
        } else {
            embed_layer_styles(*ds, layers, error_name);
        }
        errors.reset();
        if (ds->CommitTransaction() != OGRERR_NONE) throw DataError(error_name, fmt::format("cannot commit: {}", errors.last_message()));
    } catch (...) {
        ds->RollbackTransaction();
        throw;
    }
    errors.reset();
    ds.reset();
    if (errors.failed()) throw DataError(error_name, fmt::format("writing failed on close: {}", errors.last_message()));
    return summary;
}

}  // namespace toponym::io
