// The GDAL writing engine behind io/layer_writer (files) and io/layer_store (databases,
// appending): one LayerWriter a layer (fields, format habits, unique ids, rows left out) and the
// GeoPackage rows kept for SQLite (DeferredRows). The layers' fields and rows are in
// io/layer_rows.hpp. Internal to src/io: the commands use io/layer_writer.hpp. Not thread-safe: one
// thread writes a dataset. Everything throws DataError naming the caller's `error_name`.
#pragma once

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"
#include "store/gdal_util.hpp"
#include "store/gpkg_rows.hpp"
#include "io/layer_writer.hpp"

namespace toponym::io::engine {

std::string lower(std::string s);

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
            rewrite_text_fields(feature, [](const std::string& value) { return neutralise_formula(value); });
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
        if (traits_.kml_fields) rewrite_text_fields(feature, [](const std::string& value) { return break_cdata_end(value); });
        if (target_.skip_field && target_.skip_values.contains(feature.GetFieldAsString(target_.skip_field))) return;
        if (!target_.unique_key.empty()) {
            std::string key, shown;
            for (const std::string& field : target_.unique_key) {
                const char* value = feature.GetFieldAsString(field.c_str());
                key += value;
                key += '\x1f';
                shown += fmt::format("{}{} {}", shown.empty() ? "" : ", ", field, value);
            }
            if (!keys_.insert(KeyHash::of(key)).second) {
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
    // Sets every text field that `rewrite` changes to what it returns.
    template <typename Rewrite>
    static void rewrite_text_fields(OGRFeature& feature, Rewrite rewrite) {
        for (int i = 0; i < feature.GetFieldCount(); ++i) {
            if (feature.GetFieldDefnRef(i)->GetType() != OFTString || !feature.IsFieldSetAndNotNull(i)) continue;
            const std::string value = feature.GetFieldAsString(i);
            const std::string safe = rewrite(value);
            if (safe != value) feature.SetField(i, safe.c_str());
        }
    }

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
    // Two independent 64-bit hashes of the unique_key values written: 16 bytes a row, not the ids
    // themselves. Two different ids share both only by a 128-bit collision (about 1 in 10^26 for
    // a million rows), so no row is left out as a repeat that is none.
    struct KeyHash {
        std::uint64_t std_hash = 0;
        std::uint64_t fnv = 0;
        static KeyHash of(std::string_view key) {
            std::uint64_t h = 14695981039346656037ull;  // FNV-1a
            for (const char c : key) {
                h ^= static_cast<unsigned char>(c);
                h *= 1099511628211ull;
            }
            return {static_cast<std::uint64_t>(std::hash<std::string_view>{}(key)), h};
        }
        bool operator==(const KeyHash&) const = default;
    };
    struct KeyHashHash {
        std::size_t operator()(const KeyHash& k) const noexcept { return static_cast<std::size_t>(k.std_hash); }
    };
    std::unordered_set<KeyHash, KeyHashHash> keys_;
};

// The statements that add a layer's id indexes (unique on its key; doc_key), for `table_sql`.
std::vector<std::string> id_index_sql(const std::string& layer, const std::string& table_sql);

// Adds the id indexes of `layers` in a dataset GDAL has open (io/layer_store.cpp).
void add_id_indexes(GDALDataset& ds, OutputFormat format, const std::vector<std::string>& layers, const std::string& error_name,
                    QuietGdalErrors& errors);

}  // namespace toponym::io::engine
