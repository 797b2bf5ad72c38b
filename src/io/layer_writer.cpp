// GDAL/OGR writers for the output layers (RAII handles, one transaction per layer).
#include "io/layer_writer.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/stable_id.hpp"
#include "ingest/document_reader.hpp"
#include "io/gdal_util.hpp"

namespace toponym::io {

namespace {

struct FieldDef {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subtype = OFSTNone;
};

const std::vector<FieldDef> kEventFields = {
    {"event_id", OFTString},      {"event_date", OFTDateTime},   {"date_precision", OFTString},
    {"event_type", OFTString},    {"actors", OFTString},          {"fatalities", OFTInteger},
    {"place_name", OFTString},    {"place_id", OFTString},        {"admin1", OFTString},
    {"admin1_pcode", OFTString},  {"admin2", OFTString},          {"admin2_pcode", OFTString},
    {"admin3", OFTString},        {"admin3_pcode", OFTString},
    {"admin_method", OFTString},  {"geo_precision", OFTInteger},  {"uncertainty_m", OFTReal},
    {"confidence", OFTReal},      {"cue", OFTString},             {"doc_id", OFTString},
    {"source", OFTString},        {"url", OFTString},             {"published", OFTDate},
    {"char_start", OFTInteger},   {"char_end", OFTInteger},       {"line", OFTInteger},
    {"snippet", OFTString},
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
};

const std::vector<FieldDef> kUnresolvedFields = {
    {"doc_id", OFTString},     {"surface", OFTString}, {"char_start", OFTInteger}, {"char_end", OFTInteger},
    {"line", OFTInteger},      {"reason", OFTString},  {"candidates", OFTString, OFSTJSON},
    {"snippet", OFTString},
};

const std::vector<FieldDef> kDocumentFields = {
    {"doc_id", OFTString},      {"path", OFTString},         {"title", OFTString},
    {"source", OFTString},      {"url", OFTString},          {"published", OFTDate},
    {"status", OFTString},      {"messages", OFTString, OFSTJSON},
    {"n_chars", OFTInteger},    {"n_mentions", OFTInteger},  {"n_unresolved", OFTInteger},
    {"n_events", OFTInteger},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

class LayerWriter {
public:
    LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType geometry, const std::vector<FieldDef>& fields,
                const std::string& error_name, QuietGdalErrors& errors, CSLConstList options)
        : ds_(ds), error_name_(error_name), errors_(errors) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        layer_ = ds.CreateLayer(name, geometry == wkbNone ? nullptr : &wgs84, geometry, const_cast<char**>(options));
        if (!layer_) fail(fmt::format("cannot create layer {}", name));
        for (const FieldDef& f : fields) {
            OGRFieldDefn defn(f.name, f.type);
            defn.SetSubType(f.subtype);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, f.name));
        }
        if (layer_->StartTransaction() != OGRERR_NONE) fail(fmt::format("cannot start a transaction on {}", name));
    }

    OGRFeatureUniquePtr new_feature() const { return OGRFeatureUniquePtr(OGRFeature::CreateFeature(layer_->GetLayerDefn())); }

    void add(OGRFeature& feature) {
        if (layer_->CreateFeature(&feature) != OGRERR_NONE) fail(fmt::format("cannot write a feature to {}", layer_->GetName()));
        ++count_;
    }

    std::size_t finish() {
        if (layer_->CommitTransaction() != OGRERR_NONE) fail(fmt::format("cannot commit layer {}", layer_->GetName()));
        return count_;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw DataError(error_name_, fmt::format("{}: {}", what, errors_.last_message()));
    }

    GDALDataset& ds_;
    OGRLayer* layer_ = nullptr;
    const std::string& error_name_;
    QuietGdalErrors& errors_;
    std::size_t count_ = 0;
};

void set_admin(OGRFeature& f, const AdminAssignment& a) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"admin1", &a.admin1}, {"admin1_pcode", &a.admin1_pcode}, {"admin2", &a.admin2},
        {"admin2_pcode", &a.admin2_pcode}, {"admin3", &a.admin3}, {"admin3_pcode", &a.admin3_pcode}};
    for (const auto& [name, value] : fields) {
        if (!value->empty()) f.SetField(name, value->c_str());
    }
    f.SetField("admin_method", to_string(a.method));
}

void set_point(OGRFeature& f, double lat, double lon) {
    f.SetGeometryDirectly(new OGRPoint(lon, lat));  // OGR owns it from here; x = lon, y = lat
}

void set_date(OGRFeature& f, const char* field, const std::optional<Date>& day) {
    if (!day) return;  // left unset: NULL
    const date::year_month_day ymd(*day);
    f.SetField(field, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// Event times are DateTime with milliseconds and no time zone: QGIS 3.22's temporal controller
// shows GeoPackage DATE values one day early, and a trailing Z hides events at the range end.
void set_datetime(OGRFeature& f, const char* field, const std::optional<Date>& day) {
    if (!day) return;
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

std::string document_status(const DocumentResult& r) {
    if (r.failed) return "error";
    for (const Diagnostic& d : r.doc.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) return "error";
    }
    return r.doc.diagnostics.empty() ? "ok" : "warning";
}

void write_events(LayerWriter& w, const std::vector<DocumentResult>& results, const Gazetteer& g) {
    for (const DocumentResult& r : results) {
        for (const Event& ev : r.events) {
            const Mention& m = r.mentions[ev.mention];
            const Place& p = g.place(m.place());
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField("event_id", ev.event_id.c_str());
            set_datetime(*f, "event_date", ev.event_date);
            f->SetField("date_precision", ev.date_precision.c_str());
            f->SetField("event_type", ev.event_type.c_str());
            f->SetField("place_name", p.name.c_str());
            f->SetField("place_id", p.id.c_str());
            set_admin(*f, m.admin);
            f->SetField("geo_precision", ev.geo_precision);
            f->SetField("uncertainty_m", ev.uncertainty_m);
            f->SetField("confidence", std::round(ev.confidence * 1000.0) / 1000.0);
            f->SetField("cue", ev.cue.c_str());
            f->SetField("doc_id", r.doc.doc_id.c_str());
            f->SetField("source", r.doc.source.c_str());
            f->SetField("url", r.doc.url.c_str());
            set_date(*f, "published", r.doc.published);
            f->SetField("char_start", static_cast<GIntBig>(ev.sentence.begin_cp));
            f->SetField("char_end", static_cast<GIntBig>(ev.sentence.end_cp));
            f->SetField("line", ev.sentence.line);
            f->SetField("snippet", one_line(ev.snippet).c_str());
            set_point(*f, p.lat, p.lon);
            w.add(*f);
        }
    }
}

void write_mentions(LayerWriter& w, const std::vector<DocumentResult>& results, const Gazetteer& g) {
    for (const DocumentResult& r : results) {
        for (const Mention& m : r.mentions) {
            const Place& p = g.place(m.place());
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField("mention_id", stable_id("mn-", {r.doc.doc_id, std::to_string(m.span.begin_cp)}).c_str());
            f->SetField("doc_id", r.doc.doc_id.c_str());
            f->SetField("surface", m.surface.c_str());
            f->SetField("char_start", static_cast<GIntBig>(m.span.begin_cp));
            f->SetField("char_end", static_cast<GIntBig>(m.span.end_cp));
            f->SetField("line", m.span.line);
            f->SetField("place_id", p.id.c_str());
            f->SetField("name", p.name.c_str());
            f->SetField("feature_class", p.feature_class.c_str());
            f->SetField("feature_code", p.feature_code.c_str());
            f->SetField("head", m.head.c_str());
            f->SetField("role", m.role.c_str());
            f->SetField("score", std::round(m.confidence * 1000.0) / 1000.0);
            f->SetField("alternatives", alternatives_json(m, g).c_str());
            set_admin(*f, m.admin);
            f->SetField("uncertainty_m", p.radius_m);
            set_point(*f, p.lat, p.lon);
            w.add(*f);
        }
    }
}

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

void write_governorates(LayerWriter& w, const std::vector<DocumentResult>& results, const admin::AdminIndex& areas) {
    std::map<std::string, std::map<std::string, int>> events;  // pcode -> type -> count
    std::map<std::string, int> mentions;
    for (const DocumentResult& r : results) {
        for (const Event& ev : r.events) ++events[r.mentions[ev.mention].admin.admin1_pcode][ev.event_type];
        for (const Mention& m : r.mentions) ++mentions[m.admin.admin1_pcode];
    }
    for (const admin::AdminArea& area : areas.areas()) {
        OGRFeatureUniquePtr f = w.new_feature();
        f->SetField("admin1", area.name_en.c_str());
        f->SetField("admin1_pcode", area.pcode.c_str());
        if (!area.name_ar.empty()) f->SetField("admin1_ar", area.name_ar.c_str());
        int total = 0;
        for (const std::string& t : event_types()) {
            const int n = events[area.pcode][t];
            f->SetField(("n_" + t).c_str(), n);
            total += n;
        }
        f->SetField("n_events", total);
        f->SetField("n_mentions", mentions[area.pcode]);
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(area.wkb.data(), nullptr, &geometry, area.wkb.size()) == OGRERR_NONE && geometry) {
            f->SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(geometry));
        }
        w.add(*f);
    }
}

void write_unresolved(LayerWriter& w, const std::vector<DocumentResult>& results) {
    for (const DocumentResult& r : results) {
        for (const UnresolvedName& u : r.unresolved) {
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField("doc_id", r.doc.doc_id.c_str());
            f->SetField("surface", u.surface.c_str());
            f->SetField("char_start", static_cast<GIntBig>(u.span.begin_cp));
            f->SetField("char_end", static_cast<GIntBig>(u.span.end_cp));
            f->SetField("line", u.span.line);
            f->SetField("reason", u.reason.c_str());
            f->SetField("candidates", "[]");
            f->SetField("snippet", one_line(u.snippet).c_str());
            w.add(*f);
        }
    }
}

void write_documents(LayerWriter& w, const std::vector<DocumentResult>& results) {
    for (const DocumentResult& r : results) {
        OGRFeatureUniquePtr f = w.new_feature();
        f->SetField("doc_id", r.doc.doc_id.c_str());
        f->SetField("path", r.doc.path.c_str());
        f->SetField("title", r.doc.title.c_str());
        f->SetField("source", r.doc.source.c_str());
        f->SetField("url", r.doc.url.c_str());
        set_date(*f, "published", r.doc.published);
        f->SetField("status", document_status(r).c_str());
        nlohmann::json messages = nlohmann::json::array();
        for (const Diagnostic& d : r.doc.diagnostics) messages.push_back(d.format());
        f->SetField("messages", messages.dump().c_str());
        f->SetField("n_chars", static_cast<GIntBig>(r.doc.text.size()));
        f->SetField("n_mentions", static_cast<GIntBig>(r.mentions.size()));
        f->SetField("n_unresolved", static_cast<GIntBig>(r.unresolved.size()));
        f->SetField("n_events", static_cast<GIntBig>(r.events.size()));
        w.add(*f);
    }
}

}  // namespace

OutputFormat output_format_for(const std::string& path, const std::string& format) {
    if (!format.empty()) {
        const std::string f = lower(format);
        if (f == "gpkg" || f == "geopackage") return OutputFormat::GeoPackage;
        if (f == "geojson") return OutputFormat::GeoJSON;
        throw UsageError("--of", fmt::format("unknown output format \"{}\" (GPKG, GeoJSON)", format));
    }
    const std::string p = lower(path);
    if (p.ends_with(".gpkg")) return OutputFormat::GeoPackage;
    if (p.ends_with(".geojson") || p.ends_with(".json")) return OutputFormat::GeoJSON;
    throw UsageError(path, "cannot tell the output format from the extension (.gpkg, .geojson); use --of");
}

const std::vector<std::string>& event_types() {
    static const std::vector<std::string> types = {"air_strike", "drone_strike", "shelling", "clashes",
                                                   "chemical_attack", "capture_of_territory", "displacement", "other"};
    return types;
}

const char* driver_name(OutputFormat format) { return format == OutputFormat::GeoPackage ? "GPKG" : "GeoJSON"; }

LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates) {
    ensure_gdal_registered();
    QuietGdalErrors errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(format));
    if (!driver) throw DataError(error_name, fmt::format("GDAL has no {} driver", driver_name(format)));
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw DataError(error_name, fmt::format("cannot create: {}", errors.last_message()));

    LayerCounts counts;
    if (format == OutputFormat::GeoJSON) {
        const char* options[] = {"RFC7946=YES", "WRITE_NAME=NO", nullptr};
        LayerWriter events(*ds, "events", wkbPoint, kEventFields, error_name, errors, options);
        write_events(events, results, gazetteer);
        counts.events = events.finish();
    } else {
        const char* point_options[] = {"SPATIAL_INDEX=YES", "GEOMETRY_NAME=geom", "FID=fid", nullptr};
        const char* table_options[] = {"FID=fid", nullptr};
        {
            LayerWriter w(*ds, "events", wkbPoint, kEventFields, error_name, errors, point_options);
            write_events(w, results, gazetteer);
            counts.events = w.finish();
        }
        {
            LayerWriter w(*ds, "mentions", wkbPoint, kMentionFields, error_name, errors, point_options);
            write_mentions(w, results, gazetteer);
            counts.mentions = w.finish();
        }
        if (governorates) {
            const char* polygon_options[] = {"SPATIAL_INDEX=YES", "GEOMETRY_NAME=geom", "FID=fid", nullptr};
            LayerWriter w(*ds, "governorates", wkbMultiPolygon, governorate_fields(), error_name, errors, polygon_options);
            write_governorates(w, results, *governorates);
            counts.governorates = w.finish();
        }
        {
            LayerWriter w(*ds, "unresolved", wkbNone, kUnresolvedFields, error_name, errors, table_options);
            write_unresolved(w, results);
            counts.unresolved = w.finish();
        }
        {
            LayerWriter w(*ds, "documents", wkbNone, kDocumentFields, error_name, errors, table_options);
            write_documents(w, results);
            counts.documents = w.finish();
        }
    }
    // GeoPackage and GeoJSON errors surface when the dataset is closed: check them.
    errors.reset();
    ds.reset();
    if (errors.failed()) throw DataError(error_name, fmt::format("writing failed on close: {}", errors.last_message()));
    return counts;
}

}  // namespace toponym::io
