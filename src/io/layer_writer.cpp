// GDAL/OGR writers for the output layers (RAII handles, one transaction per layer).
#include "io/layer_writer.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <nlohmann/json.hpp>

#include "core/lists.hpp"
#include "core/stable_id.hpp"
#include "ingest/document_reader.hpp"
#include "io/gdal_util.hpp"
#include "io/qgis_styles.hpp"

namespace toponym::io {

namespace {

struct FieldDef {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subtype = OFSTNone;
};

const std::vector<FieldDef> kEventFields = {
    {"event_id", OFTString},      {"event_date", OFTDateTime},   {"date_precision", OFTString},
    {"event_type", OFTString},    {"subtype", OFTString},         {"status", OFTString},
    {"date_min", OFTDate},        {"date_max", OFTDate},          {"date_basis", OFTString},
    {"actors", OFTString},        {"fatalities", OFTInteger},     {"injured", OFTInteger},
    {"casualty_text", OFTString},
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
    {"kind", OFTString},          {"relation", OFTString},        {"direction", OFTString},
    {"distance_km", OFTReal},     {"geo_precision", OFTInteger},
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
    LayerWriter(GDALDataset& ds, OutputFormat format, const char* name, OGRwkbGeometryType geometry,
                const std::vector<FieldDef>& fields, const std::string& error_name, QuietGdalErrors& errors)
        : format_(format), error_name_(error_name), errors_(errors) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        CPLStringList options;
        switch (format) {
            case OutputFormat::GeoPackage:
                options.SetNameValue("FID", "fid");
                if (geometry != wkbNone) {
                    options.SetNameValue("GEOMETRY_NAME", "geom");
                    options.SetNameValue("SPATIAL_INDEX", "YES");
                }
                break;
            case OutputFormat::GeoJSON:
                options.SetNameValue("RFC7946", "YES");
                options.SetNameValue("WRITE_NAME", "NO");
                break;
            case OutputFormat::CSV:
                if (geometry != wkbNone) options.SetNameValue("GEOMETRY", "AS_WKT");
                break;
            case OutputFormat::FlatGeobuf:
                options.SetNameValue("SPATIAL_INDEX", "YES");
                break;
            case OutputFormat::GeoJSONSeq:
            case OutputFormat::KML:
                break;
        }
        layer_ = ds.CreateLayer(name, geometry == wkbNone ? nullptr : &wgs84, geometry, options.List());
        if (!layer_) fail(fmt::format("cannot create layer {}", name));
        for (const FieldDef& f : fields) {
            // CSV has no date type, and GDAL's KML reader drops date fields: ISO 8601 text, as
            // GeoJSON writes it (KML's TimeStamp carries the event date as a date).
            const bool as_text = (format == OutputFormat::CSV || format == OutputFormat::KML) &&
                                 (f.type == OFTDate || f.type == OFTDateTime);
            OGRFieldDefn defn(f.name, as_text ? OFTString : f.type);
            defn.SetSubType(f.subtype);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, f.name));
        }
        // KML: a placemark's name, description and TimeStamp come from fields of those names
        // (Google Earth's time slider uses the TimeStamp). They are added as copies, so that
        // place_name, snippet and event_date keep their names in KML too.
        if (format == OutputFormat::KML) {
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
        if (format == OutputFormat::CSV && geometry == wkbPoint) {
            for (const char* coordinate : {"lon", "lat"}) {
                OGRFieldDefn defn(coordinate, OFTReal);
                if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {}.{}", name, coordinate));
            }
            add_lon_lat_ = true;
        }
        if (layer_->StartTransaction() != OGRERR_NONE) fail(fmt::format("cannot start a transaction on {}", name));
    }

    OGRFeatureUniquePtr new_feature() const { return OGRFeatureUniquePtr(OGRFeature::CreateFeature(layer_->GetLayerDefn())); }

    void add(OGRFeature& feature) {
        if (format_ == OutputFormat::CSV) {
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
            if (feature.IsFieldSetAndNotNull(source)) feature.SetField(feature.GetFieldIndex(kml), feature.GetFieldAsString(source));
        }
        if (format_ == OutputFormat::KML) {
            for (int i = 0; i < feature.GetFieldCount(); ++i) {
                if (feature.GetFieldDefnRef(i)->GetType() != OFTString || !feature.IsFieldSetAndNotNull(i)) continue;
                const std::string value = feature.GetFieldAsString(i);
                const std::string safe = break_cdata_end(value);
                if (safe != value) feature.SetField(i, safe.c_str());
            }
        }
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

    OutputFormat format_;
    OGRLayer* layer_ = nullptr;
    const std::string& error_name_;
    QuietGdalErrors& errors_;
    std::size_t count_ = 0;
    bool add_lon_lat_ = false;
    std::vector<std::pair<const char*, const char*>> kml_copies_;  // (KML field, field it copies)
};

void set_admin(OGRFeature& f, const AdminAssignment& a, bool with_method = true) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"admin1", &a.admin1}, {"admin1_pcode", &a.admin1_pcode}, {"admin2", &a.admin2},
        {"admin2_pcode", &a.admin2_pcode}, {"admin3", &a.admin3}, {"admin3_pcode", &a.admin3_pcode}};
    for (const auto& [name, value] : fields) {
        if (!value->empty()) f.SetField(name, value->c_str());
    }
    if (with_method) f.SetField("admin_method", to_string(a.method));
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

std::string document_status(const DocumentResult& r) {
    if (r.failed) return "error";
    for (const Diagnostic& d : r.doc.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) return "error";
    }
    return r.doc.diagnostics.empty() ? "ok" : "warning";
}

void write_events(LayerWriter& w, const std::vector<DocumentResult>& results, const Gazetteer& /*g*/) {
    for (const DocumentResult& r : results) {
        for (const Event& ev : r.events) {
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField("event_id", ev.event_id.c_str());
            set_datetime(*f, "event_date", ev.event_date);
            f->SetField("date_precision", ev.date_precision.c_str());
            f->SetField("event_type", ev.event_type.c_str());
            f->SetField("subtype", ev.subtype.c_str());
            f->SetField("status", ev.status.c_str());
            set_date(*f, "date_min", ev.date_min);
            set_date(*f, "date_max", ev.date_max);
            f->SetField("date_basis", ev.date_basis.c_str());
            std::string actors;
            for (const std::string& a : ev.actors) actors += (actors.empty() ? "" : "; ") + a;
            f->SetField("actors", actors.c_str());
            if (ev.killed) f->SetField("fatalities", static_cast<GIntBig>(*ev.killed));
            if (ev.injured) f->SetField("injured", static_cast<GIntBig>(*ev.injured));
            f->SetField("casualty_text", ev.casualty_text.c_str());
            f->SetField("place_name", ev.place_name.c_str());
            f->SetField("place_id", ev.place_id.c_str());
            set_admin(*f, ev.admin);
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
            set_point(*f, ev.lat, ev.lon);
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
            f->SetField("kind", "name");
            f->SetField("geo_precision", p.is_admin_area() ? 3 : 1);
            set_point(*f, p.lat, p.lon);
            w.add(*f);
        }
        // Relative locations ("the southern countryside of Aleppo") are mentions too, at their
        // offset point, with the place they are measured from.
        for (const RelativeLocation& rel : r.relatives) {
            const Place& p = g.place(rel.anchor_place);
            OGRFeatureUniquePtr f = w.new_feature();
            f->SetField("mention_id", stable_id("mr-", {r.doc.doc_id, std::to_string(rel.span.begin_cp)}).c_str());
            f->SetField("doc_id", r.doc.doc_id.c_str());
            f->SetField("surface", rel.surface.c_str());
            f->SetField("char_start", static_cast<GIntBig>(rel.span.begin_cp));
            f->SetField("char_end", static_cast<GIntBig>(rel.span.end_cp));
            f->SetField("line", rel.span.line);
            f->SetField("place_id", p.id.c_str());
            f->SetField("name", p.name.c_str());
            f->SetField("feature_class", p.feature_class.c_str());
            f->SetField("feature_code", p.feature_code.c_str());
            f->SetField("role", "location");
            if (rel.anchor < r.mentions.size()) {
                f->SetField("score", std::round(r.mentions[rel.anchor].confidence * 1000.0) / 1000.0);
            }
            f->SetField("alternatives", "[]");
            set_admin(*f, rel.admin);
            f->SetField("uncertainty_m", rel.radius_m);
            f->SetField("kind", "relative");
            f->SetField("relation", rel.relation.c_str());
            f->SetField("direction", rel.direction.c_str());
            if (rel.distance_km) f->SetField("distance_km", *rel.distance_km);
            f->SetField("geo_precision", 2);
            set_point(*f, rel.lat, rel.lon);
            w.add(*f);
        }
    }
}

// One row per distinct place: how often it is named and in how many events, and the span of
// dates (of its events, or of the reports naming it when it has no dated event).
void write_places(LayerWriter& w, const std::vector<DocumentResult>& results, const Gazetteer& g) {
    struct PlaceStats {
        const Mention* first = nullptr;
        std::size_t mentions = 0;
        std::size_t events = 0;
        std::set<std::string> documents;
        std::optional<Date> first_event, last_event, first_report, last_report;
    };
    auto widen = [](std::optional<Date>& lo, std::optional<Date>& hi, const std::optional<Date>& d) {
        if (!d) return;
        if (!lo || *d < *lo) lo = d;
        if (!hi || *d > *hi) hi = d;
    };
    std::map<std::uint32_t, PlaceStats> places;  // ordered by gazetteer index: stable output
    for (const DocumentResult& r : results) {
        for (const Mention& m : r.mentions) {
            PlaceStats& s = places[m.place()];
            if (!s.first) s.first = &m;
            ++s.mentions;
            s.documents.insert(r.doc.doc_id);
            widen(s.first_report, s.last_report, r.doc.published);
        }
        // Relative locations count for the place they are measured from (as their rows say).
        for (const RelativeLocation& rel : r.relatives) {
            PlaceStats& s = places[rel.anchor_place];
            ++s.mentions;
            s.documents.insert(r.doc.doc_id);
            widen(s.first_report, s.last_report, r.doc.published);
        }
        for (const Event& ev : r.events) {
            const std::uint32_t index =
                ev.relative && *ev.relative < r.relatives.size() ? r.relatives[*ev.relative].anchor_place : r.mentions[ev.mention].place();
            PlaceStats& s = places[index];
            ++s.events;
            widen(s.first_event, s.last_event, ev.event_date);
        }
    }
    for (auto& [index, s] : places) {
        const Place& p = g.place(index);
        OGRFeatureUniquePtr f = w.new_feature();
        f->SetField("place_id", p.id.c_str());
        f->SetField("name", p.name.c_str());
        f->SetField("feature_class", p.feature_class.c_str());
        f->SetField("feature_code", p.feature_code.c_str());
        if (s.first) {
            set_admin(*f, s.first->admin, false);
        } else {  // a governorate only measured from ("Idlib's southeast"): its own code
            AdminAssignment own;
            own.admin1 = p.name;
            own.admin1_pcode = p.admin1_pcode;
            set_admin(*f, own, false);
        }
        f->SetField("n_mentions", static_cast<GIntBig>(s.mentions));
        f->SetField("n_events", static_cast<GIntBig>(s.events));
        f->SetField("n_documents", static_cast<GIntBig>(s.documents.size()));
        set_datetime(*f, "first_date", s.first_event ? s.first_event : s.first_report);
        set_datetime(*f, "last_date", s.last_event ? s.last_event : s.last_report);
        f->SetField("uncertainty_m", p.radius_m);
        f->SetField("source", p.source.c_str());
        set_point(*f, p.lat, p.lon);
        w.add(*f);
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
        for (const Event& ev : r.events) ++events[ev.admin.admin1_pcode][ev.event_type];
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
        if (f == "geojsonseq") return OutputFormat::GeoJSONSeq;
        if (f == "csv") return OutputFormat::CSV;
        if (f == "kml" || f == "libkml") return OutputFormat::KML;
        if (f == "flatgeobuf" || f == "fgb") return OutputFormat::FlatGeobuf;
        throw UsageError("--of", fmt::format("unknown output format \"{}\" (GPKG, GeoJSON, GeoJSONSeq, CSV, KML, FlatGeobuf)", format));
    }
    const std::string p = lower(path);
    if (p.ends_with(".gpkg")) return OutputFormat::GeoPackage;
    if (p.ends_with(".geojson") || p.ends_with(".json")) return OutputFormat::GeoJSON;
    if (p.ends_with(".geojsonl") || p.ends_with(".geojsons") || p.ends_with(".geojsonseq")) return OutputFormat::GeoJSONSeq;
    if (p.ends_with(".csv")) return OutputFormat::CSV;
    if (p.ends_with(".kml")) return OutputFormat::KML;
    if (p.ends_with(".fgb")) return OutputFormat::FlatGeobuf;
    throw UsageError(path, "cannot tell the output format from the extension (.gpkg, .geojson, .geojsonl, .csv, .kml, .fgb); use --of");
}

const std::vector<std::string>& event_types() {
    static const std::vector<std::string> types = {"air_strike", "drone_strike", "shelling", "clashes",
                                                   "chemical_attack", "capture_of_territory", "displacement", "other"};
    return types;
}

const char* driver_name(OutputFormat format) {
    switch (format) {
        case OutputFormat::GeoPackage: return "GPKG";
        case OutputFormat::GeoJSON: return "GeoJSON";
        case OutputFormat::GeoJSONSeq: return "GeoJSONSeq";
        case OutputFormat::CSV: return "CSV";
        case OutputFormat::KML: return "LIBKML";
        case OutputFormat::FlatGeobuf: return "FlatGeobuf";
    }
    return "GPKG";
}

bool holds_several_layers(OutputFormat format) { return format == OutputFormat::GeoPackage || format == OutputFormat::KML; }

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
        if (format == OutputFormat::GeoPackage) return all_layer_names();
        return {"events"};
    }
    if (layers.size() > 1 && !holds_several_layers(format)) {
        throw UsageError("--layers", fmt::format("{} holds one layer; write several with .gpkg or .kml, or one file per layer",
                                                 driver_name(format)));
    }
    if (format == OutputFormat::FlatGeobuf || format == OutputFormat::KML) {
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

LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates) {
    std::vector<std::string> layers = layers_for(format, {});
    if (!governorates) std::erase(layers, std::string("governorates"));
    return write_layers(path, error_name, format, layers, results, gazetteer, governorates);
}

LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<std::string>& layers, const std::vector<DocumentResult>& results,
                         const Gazetteer& gazetteer, const admin::AdminIndex* governorates) {
    ensure_gdal_registered();
    QuietGdalErrors errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(format));
    if (!driver) throw DataError(error_name, fmt::format("GDAL has no {} driver", driver_name(format)));
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw DataError(error_name, fmt::format("cannot create: {}", errors.last_message()));

    LayerCounts counts;
    for (const std::string& name : layers) {
        if (name == "events") {
            LayerWriter w(*ds, format, "events", wkbPoint, kEventFields, error_name, errors);
            write_events(w, results, gazetteer);
            counts.events = w.finish();
        } else if (name == "mentions") {
            LayerWriter w(*ds, format, "mentions", wkbPoint, kMentionFields, error_name, errors);
            write_mentions(w, results, gazetteer);
            counts.mentions = w.finish();
        } else if (name == "places") {
            LayerWriter w(*ds, format, "places", wkbPoint, kPlaceFields, error_name, errors);
            write_places(w, results, gazetteer);
            counts.places = w.finish();
        } else if (name == "governorates") {
            if (!governorates) throw DataError(error_name, "no governorate boundaries to write");
            LayerWriter w(*ds, format, "governorates", wkbMultiPolygon, governorate_fields(), error_name, errors);
            write_governorates(w, results, *governorates);
            counts.governorates = w.finish();
        } else if (name == "unresolved") {
            LayerWriter w(*ds, format, "unresolved", wkbNone, kUnresolvedFields, error_name, errors);
            write_unresolved(w, results);
            counts.unresolved = w.finish();
        } else if (name == "documents") {
            LayerWriter w(*ds, format, "documents", wkbNone, kDocumentFields, error_name, errors);
            write_documents(w, results);
            counts.documents = w.finish();
        }
    }
    // QGIS applies a layer's default style from layer_styles when it loads the layer.
    if (format == OutputFormat::GeoPackage) embed_layer_styles(*ds, layers, error_name);
    // GeoPackage and GeoJSON errors surface when the dataset is closed: check them.
    errors.reset();
    ds.reset();
    if (errors.failed()) throw DataError(error_name, fmt::format("writing failed on close: {}", errors.last_message()));
    return counts;
}

}  // namespace toponym::io
