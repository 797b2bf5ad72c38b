// The layers' field lists and rows (io/layer_rows.hpp states the contracts).
#include "io/layer_rows.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/event_types.hpp"
#include "core/stable_id.hpp"
#include "io/layer_engine.hpp"
#include "io/layer_writer.hpp"

namespace toponym::io {

namespace engine {

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

// The admin fields of a row (and admin_method unless `with_method` is false).
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

std::string document_status(const DocumentResult& r) {
    if (r.failed) return "error";
    for (const Diagnostic& d : r.doc.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error) return "error";
    }
    return r.doc.diagnostics.empty() ? "ok" : "warning";
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

void widen(std::optional<Date>& lo, std::optional<Date>& hi, const std::optional<Date>& d) {
    if (!d) return;
    if (!lo || *d < *lo) lo = d;
    if (!hi || *d > *hi) hi = d;
}

}  // namespace

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

bool has_doc_key(const std::string& layer) { return layer != "places" && layer != "governorates"; }

// The document's stable key and content hash (run_files sets them; computed here for results
// made without it, e.g. by process_document alone).
std::string doc_key(const Document& d) { return d.doc_key.empty() ? document_key(d.source, d.doc_id) : d.doc_key; }
std::string doc_hash(const Document& d) { return d.content_hash.empty() ? content_hash(d.text) : d.content_hash; }

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

namespace {

// A mentions row with what names and relative locations share: the id, the document, the text
// span and the place (a name's reading, the place a relative location is measured from).
OGRFeatureUniquePtr mention_row(LayerWriter& w, const DocumentResult& r, std::string_view id_prefix, const std::string& surface,
                                const Span& span, const PlaceFacts& p) {
    const std::string key = doc_key(r.doc);
    OGRFeatureUniquePtr f = w.new_feature();
    f->SetField(w.field("mention_id"), stable_id(id_prefix, {key, doc_hash(r.doc), std::to_string(span.begin_cp)}).c_str());
    f->SetField(w.field("doc_id"), r.doc.doc_id.c_str());
    f->SetField(w.field("surface"), surface.c_str());
    f->SetField(w.field("char_start"), static_cast<GIntBig>(span.begin_cp));
    f->SetField(w.field("char_end"), static_cast<GIntBig>(span.end_cp));
    f->SetField(w.field("line"), span.line);
    f->SetField(w.field("place_id"), p.id.c_str());
    f->SetField(w.field("name"), p.name.c_str());
    f->SetField(w.field("feature_class"), p.feature_class.c_str());
    f->SetField(w.field("feature_code"), p.feature_code.c_str());
    f->SetField(w.field("doc_key"), key.c_str());
    return f;
}

}  // namespace

// The rows of one document's mentions: its names, then its relative locations.
void write_mentions(LayerWriter& w, const DocumentResult& r, const Gazetteer& g) {
    for (const Mention& m : r.mentions) {
        const PlaceFacts& p = m.chosen;
        OGRFeatureUniquePtr f = mention_row(w, r, "mn-", m.surface, m.span, p);
        f->SetField(w.field("head"), m.head.c_str());
        f->SetField(w.field("role"), m.role.c_str());
        f->SetField(w.field("score"), std::round(m.confidence * 1000.0) / 1000.0);
        f->SetField(w.field("alternatives"), alternatives_json(m, g).c_str());
        set_admin(w, *f, m.admin);
        f->SetField(w.field("uncertainty_m"), p.radius_m);
        f->SetField(w.field("kind"), "name");
        f->SetField(w.field("geo_precision"), p.admin_area ? 3 : 1);
        set_point(*f, p.lat, p.lon);
        w.add(*f);
    }
    // Relative locations ("the southern countryside of Aleppo") are mentions too, at their
    // offset point, with the place they are measured from.
    for (const RelativeLocation& rel : r.relatives) {
        OGRFeatureUniquePtr f = mention_row(w, r, "mr-", rel.surface, rel.span, rel.anchor_facts);
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
        w.add(*f);
    }
}

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

void PlaceCounts::add(const DocumentResult& r) {
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

void PlaceCounts::write(LayerWriter& w) const {
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

std::uint32_t PlaceCounts::row_of(std::uint32_t index) const {
    const std::optional<std::uint32_t> first = g_.find_id(g_.place(index).id);
    return first ? *first : index;
}

PlaceCounts::Stats& PlaceCounts::count(std::uint32_t row, const DocumentResult& r) {
    Stats& s = places_[row];
    ++s.mentions;
    if (s.last_document != serial_) {
        s.last_document = serial_;
        ++s.documents;
    }
    widen(s.first_report, s.last_report, r.doc.published);
    return s;
}

void GovernorateCounts::add(const DocumentResult& r) {
    for (const Event& ev : r.events) ++events_[ev.admin.admin1_pcode][ev.event_type];
    for (const Mention& m : r.mentions) ++mentions_[m.admin.admin1_pcode];
}

}  // namespace engine

using namespace engine;

const std::vector<std::string>& event_types() {
    return public_event_types();  // core/event_types.hpp
}

std::vector<std::string> event_field_names() {
    std::vector<std::string> out;
    for (const FieldDef& f : kEventFields) out.emplace_back(f.name);
    return out;
}

const std::vector<std::string>& all_layer_names() {
    static const std::vector<std::string> names = {"events", "mentions", "places", "governorates", "unresolved", "documents"};
    return names;
}

}  // namespace toponym::io
