// GDAL/OGR writers for the output layers (RAII handles, one transaction per layer).
#include "io/layer_writer.hpp"
#include "io/layer_engine.hpp"

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

#include "core/event_types.hpp"
#include "core/lists.hpp"
#include "core/stable_id.hpp"
#include "store/gdal_util.hpp"
#include "store/gpkg_rows.hpp"
#include "store/gpkg_rtree.hpp"
#include "io/qgis_styles.hpp"
#include "store/sql_quote.hpp"
#include "io/where_clause.hpp"
#include "text/bidi.hpp"

namespace toponym::io {

namespace engine {

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


void set_admin(LayerWriter& w, OGRFeature& f, const AdminAssignment& a, bool with_method) {
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
