// Gold loading and scoring. Measures:
// - mentions: precision / recall / F1 of name spans, exact (the gold span or its longer span
//   with a generic head) and overlapping; for all roles and for role "location" only.
// - resolution: great-circle error from the system's point to the gold point for every gold
//   name the system found (overlap); median and mean km, Acc@1/5/161 km, the AUC of log errors;
//   a hit when within max(gold radius, 5 km) of the gold point or of an accepted reading, never
//   near a rejected homonym. The "syria_location" group counts unfound names as misses.
// - governorate: admin1 pcode of each gold location name in Syria (unfound = wrong).
// - relative: relative location spans (exact / overlap) and their points within radius.
// - events: gold events matched one to one to system events in three passes (place + type +
//   date, then place + type, then place); background events apart.
#include "eval/evaluation.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/event_types.hpp"
#include "geo/geodesy.hpp"
#include "geoparse/mention_finder.hpp"
#include "geoparse/resolver.hpp"
#include "ingest/document_reader.hpp"
#include "text/normalize.hpp"
#include "text/tokenize.hpp"

namespace toponym::eval {

namespace {

using nlohmann::json;

constexpr double kMinRadius_km = 5.0;
constexpr double kRejectNear_km = 1.0;

std::optional<Date> date_field(const json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
    return parse_iso_date(j[key].get<std::string>());
}

std::optional<GoldPoint> point_of(const json& j) {
    if (!j.contains("lat") || !j.contains("lon") || !j["lat"].is_number() || !j["lon"].is_number()) return std::nullopt;
    return GoldPoint{j["lat"].get<double>(), j["lon"].get<double>()};
}

std::vector<GoldPoint> points_of(const json& j, const char* key) {
    std::vector<GoldPoint> out;
    if (!j.contains(key) || !j[key].is_array()) return out;
    for (const json& item : j[key]) {
        if (auto p = point_of(item)) out.push_back(*p);
    }
    return out;
}

std::string string_or(const json& j, const char* key, std::string fallback = {}) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

double number_or(const json& j, const char* key, double fallback) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

GoldToponym toponym_of(const json& t) {
    GoldToponym g;
    g.id = string_or(t, "id");
    g.start = t.at("start").get<std::size_t>();
    g.end = t.at("end").get<std::size_t>();
    if (t.contains("ext_start") && t["ext_start"].is_number()) {
        g.ext_start = t["ext_start"].get<std::size_t>();
        g.ext_end = t["ext_end"].get<std::size_t>();
    }
    g.text = string_or(t, "text", string_or(t, "name"));
    g.relative = string_or(t, "kind") == "relative";
    g.role = string_or(t, "role", "location");
    if (t.contains("in_syria") && t["in_syria"].is_boolean()) g.in_syria = t["in_syria"].get<bool>();
    g.point = point_of(t);
    g.radius_km = number_or(t, "radius_km", 0.0);
    g.admin1_pcode = string_or(t, "admin1_pcode");
    g.accept = points_of(t, "accept");
    if (t.contains("geonameid") && t["geonameid"].is_string()) g.geonames_id = t["geonameid"].get<std::string>();
    if (t.contains("geonames_id") && t["geonames_id"].is_number()) g.geonames_id = std::to_string(t["geonames_id"].get<long>());
    g.reject = points_of(t, "reject");
    return g;
}

// GeoWebNews' taxonomy in the seed gold's roles.
std::string role_of_geowebnews_type(const std::string& type) {
    if (type == "Demonym" || type == "Language") return "demonym";
    if (type == "Metonymic") return "metonym";
    if (type == "Non_Literal_Modifier" || type == "Embedded_Non_Lit") return "modifier";
    return "location";
}

json read_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot read the gold file");
    try {
        return json::parse(in);
    } catch (const json::exception& e) {  // also a number too big for a double (out_of_range)
        throw DataError(path, fmt::format("not valid JSON: {}", e.what()));
    }
}

}  // namespace

GoldCorpus load_seed_gold(const std::string& gold_path, const std::string& seeds_dir) {
    const json gold = read_json_file(gold_path);
    GoldCorpus corpus;
    corpus.name = "seeds";
    corpus.has_roles = true;
    corpus.has_events = true;
    if (!gold.contains("documents") || !gold["documents"].is_array()) {
        throw DataError(gold_path, "no \"documents\" array: not the seed gold format");
    }
    for (const json& d : gold["documents"]) {
        GoldDocument g;
        try {
            g.doc = ingest::read_text_document(seeds_dir + "/" + d.at("file").get<std::string>());
            g.doc.doc_id = d.at("id").get<std::string>();
            if (!g.doc.published) g.doc.published = date_field(d, "published");
            for (const json& t : d.at("toponyms")) g.toponyms.push_back(toponym_of(t));
            for (const json& e : d.value("events", json::array())) {
                GoldEvent ev;
                ev.id = string_or(e, "id");
                ev.type = string_or(e, "type");
                ev.status = string_or(e, "status", "reported");
                ev.date = date_field(e, "date");
                ev.date_min = date_field(e, "date_min");
                ev.date_max = date_field(e, "date_max");
                ev.point = point_of(e);
                ev.radius_km = number_or(e, "radius_km", 0.0);
                ev.text = string_or(e, "text");
                g.events.push_back(std::move(ev));
            }
        } catch (const json::exception& e) {
            throw DataError(gold_path, fmt::format("document {}: {}", string_or(d, "id", "?"), e.what()));
        }
        corpus.documents.push_back(std::move(g));
    }
    return corpus;
}

GoldCorpus load_jsonl_gold(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot read the corpus");
    GoldCorpus corpus;
    std::string base = path.substr(path.find_last_of('/') + 1);
    corpus.name = base.substr(0, base.find('.'));
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        auto skip = [&](const std::string& why) {
            corpus.problems.push_back({Diagnostic::Severity::Error, path, line_no, why + " (line skipped)"});
        };
        json d = json::parse(line, nullptr, false);
        if (d.is_discarded()) {
            skip("not valid JSON");
            continue;
        }
        if (!d.is_object() || !d.contains("text") || !d["text"].is_string()) {
            skip("a line must be an object with a \"text\" string");
            continue;
        }
        GoldDocument g;
        g.doc.doc_id = d.contains("id") ? (d["id"].is_string() ? d["id"].get<std::string>() : d["id"].dump())
                                        : fmt::format("{}:{}", corpus.name, line_no);
        g.doc.path = fmt::format("{}:{}", path, line_no);
        g.doc.title = string_or(d, "title");
        g.doc.url = string_or(d, "url");
        g.doc.text = d["text"].get<std::string>();  // valid UTF-8 (the JSON parser checks); offsets stay as the gold counts them
        try {
            for (const json& t : d.value("toponyms", json::array())) {
                GoldToponym top = toponym_of(t);
                if (t.contains("type") && t["type"].is_string()) {
                    top.role = role_of_geowebnews_type(t["type"].get<std::string>());
                    corpus.has_roles = true;
                }
                g.toponyms.push_back(std::move(top));
            }
        } catch (const json::exception& e) {
            skip(fmt::format("bad toponym: {}", e.what()));
            continue;
        }
        corpus.documents.push_back(std::move(g));
    }
    return corpus;
}

double error_auc(const std::vector<double>& errors_km) {
    if (errors_km.empty()) return 0.0;
    const double max_log = std::log(20039.0 + 1.0);  // half the Earth's circumference
    double sum = 0.0;
    for (double e : errors_km) sum += std::min(1.0, std::log(1.0 + std::max(0.0, e)) / max_log);
    return sum / static_cast<double>(errors_km.size());
}

namespace {

struct SpanCounts {
    std::size_t gold = 0, system = 0;
    std::size_t exact_gold = 0, exact_system = 0;      // gold found exactly / system spans exactly right
    std::size_t overlap_gold = 0, overlap_system = 0;  // same, overlapping
};

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }
double f1(double p, double r) { return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r); }
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

json span_json(const SpanCounts& c) {
    const double pe = ratio(c.exact_system, c.system), re = ratio(c.exact_gold, c.gold);
    const double po = ratio(c.overlap_system, c.system), ro = ratio(c.overlap_gold, c.gold);
    return {{"gold", c.gold},           {"system", c.system},
            {"exact_gold", c.exact_gold}, {"exact_system", c.exact_system},
            {"overlap_gold", c.overlap_gold}, {"overlap_system", c.overlap_system},
            {"precision", round3(pe)},  {"recall", round3(re)},
            {"f1", round3(f1(pe, re))}, {"overlap_precision", round3(po)},
            {"overlap_recall", round3(ro)}, {"overlap_f1", round3(f1(po, ro))}};
}

SpanCounts span_counts_of(const json& j) {
    SpanCounts c;
    c.gold = j.value("gold", 0u);
    c.system = j.value("system", 0u);
    c.exact_gold = j.value("exact_gold", 0u);
    c.exact_system = j.value("exact_system", 0u);
    c.overlap_gold = j.value("overlap_gold", 0u);
    c.overlap_system = j.value("overlap_system", 0u);
    return c;
}

struct ResolutionCounts {
    std::size_t n = 0;       // gold names with a point in the group
    std::size_t found = 0;   // the system found the name (overlapping span)
    std::size_t within = 0;  // within max(radius, 5 km), or an accepted reading
    std::vector<double> errors_km;  // found ones
};

json resolution_json(const ResolutionCounts& c) {
    std::vector<double> e = c.errors_km;
    std::sort(e.begin(), e.end());
    auto acc = [&](double km) {
        return round3(ratio(static_cast<std::size_t>(std::count_if(e.begin(), e.end(), [km](double x) { return x <= km; })),
                            e.size()));
    };
    const double median = e.empty() ? 0.0 : (e.size() % 2 ? e[e.size() / 2] : (e[e.size() / 2 - 1] + e[e.size() / 2]) / 2);
    double mean = 0.0;
    for (double x : e) mean += x;
    if (!e.empty()) mean /= static_cast<double>(e.size());
    return {{"n", c.n},
            {"found", c.found},
            {"within_radius", c.within},
            {"within_radius_share", round3(ratio(c.within, c.n))},
            {"median_km", round3(median)},
            {"mean_km", round3(mean)},
            {"acc_1km", acc(1.0)},
            {"acc_5km", acc(5.0)},
            {"acc_161km", acc(161.0)},
            {"auc", round3(error_auc(e))},
            {"errors_km", c.errors_km}};
}

ResolutionCounts resolution_counts_of(const json& j) {
    ResolutionCounts c;
    c.n = j.value("n", 0u);
    c.found = j.value("found", 0u);
    c.within = j.value("within_radius", 0u);
    if (j.contains("errors_km")) c.errors_km = j["errors_km"].get<std::vector<double>>();
    return c;
}

struct EventCounts {
    std::size_t gold = 0, found_place = 0, found_type = 0, found_type_date = 0, system = 0, system_matched = 0;
};

json event_json(const EventCounts& c) {
    return {{"gold", c.gold},
            {"found_place", c.found_place},
            {"found_type", c.found_type},
            {"found_type_date", c.found_type_date},
            {"recall_type_date", round3(ratio(c.found_type_date, c.gold))},
            {"system", c.system},
            {"system_matched", c.system_matched},
            {"precision_place", round3(ratio(c.system_matched, c.system))}};
}

EventCounts event_counts_of(const json& j) {
    EventCounts c;
    c.gold = j.value("gold", 0u);
    c.found_place = j.value("found_place", 0u);
    c.found_type = j.value("found_type", 0u);
    c.found_type_date = j.value("found_type_date", 0u);
    c.system = j.value("system", 0u);
    c.system_matched = j.value("system_matched", 0u);
    return c;
}

// A system span in code points.
struct SysSpan {
    std::size_t start, end;
};

bool exact(const GoldToponym& g, SysSpan s) {
    return (s.start == g.start && s.end == g.end) || (g.ext_start && s.start == *g.ext_start && s.end == *g.ext_end);
}

bool overlaps(const GoldToponym& g, SysSpan s) {
    const std::size_t gs = g.ext_start ? std::min(g.start, *g.ext_start) : g.start;
    const std::size_t ge = g.ext_end ? std::max(g.end, *g.ext_end) : g.end;
    return s.start < ge && gs < s.end;
}

// Counts exact and overlapping matches between gold spans and system spans.
void count_spans(const std::vector<const GoldToponym*>& gold, const std::vector<SysSpan>& system, SpanCounts& c) {
    c.gold += gold.size();
    c.system += system.size();
    for (const GoldToponym* g : gold) {
        bool e = false, o = false;
        for (SysSpan s : system) {
            e = e || exact(*g, s);
            o = o || overlaps(*g, s);
        }
        c.exact_gold += e;
        c.overlap_gold += o;
    }
    for (SysSpan s : system) {
        bool e = false, o = false;
        for (const GoldToponym* g : gold) {
            e = e || exact(*g, s);
            o = o || overlaps(*g, s);
        }
        c.exact_system += e;
        c.overlap_system += o;
    }
}

double km(double lat1, double lon1, const GoldPoint& p) { return geo::great_circle_km(lat1, lon1, p.lat, p.lon); }

// Is the system's point a right answer for the gold record?
bool hit(const GoldToponym& g, double lat, double lon) {
    for (const GoldPoint& r : g.reject) {
        if (km(lat, lon, r) <= kRejectNear_km) return false;
    }
    const double radius = std::max(g.radius_km, kMinRadius_km);
    if (g.point && km(lat, lon, *g.point) <= radius) return true;
    return std::any_of(g.accept.begin(), g.accept.end(), [&](const GoldPoint& a) { return km(lat, lon, a) <= radius; });
}

// The text around a gold span, on one line, for the list of misses.
std::string context_of(const std::string& text, std::size_t start_cp, std::size_t end_cp) {
    const std::size_t from_cp = start_cp > 60 ? start_cp - 60 : 0;
    const std::size_t to_cp = end_cp + 60;
    std::size_t cp = 0, from = std::string::npos, to = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (cp == from_cp) from = i;
        if (cp == to_cp) {
            to = i;
            break;
        }
        ++cp;
    }
    if (from == std::string::npos) return {};
    std::string out = text.substr(from, to - from);
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

bool same_type(const std::string& gold, const std::string& system) {
    // A folded type (withdrawal, siege) is a finer class than the gold's: the gold files it under
    // the type it folds into (core/event_types.hpp).
    return gold == system || gold == public_event_type(system);
}

bool date_ok(const GoldEvent& g, const Event& e) {
    // A date the system calls unknown is right only where the gold knows no day either.
    if (!e.event_date || e.date_precision == "unknown") return !g.date_min;
    if (g.date_min && *e.event_date < *g.date_min) return false;
    if (g.date_max && *e.event_date > *g.date_max) return false;
    return true;
}

bool place_ok(const GoldEvent& g, const Event& e) {
    return g.point && km(e.lat, e.lon, *g.point) <= std::max(g.radius_km, kMinRadius_km);
}

// One-to-one matching in three passes, strictest first (each a maximum matching). Gold events not found with type and
// date go to `misses` with the system events of their sentence's region.
void match_events(const std::vector<const GoldEvent*>& gold, const std::vector<Event>& system, EventCounts& c,
                  std::vector<bool>& system_used, const std::string& doc_id, json& misses) {
    c.gold += gold.size();
    std::vector<int> level(gold.size(), 0);
    // Each pass is a maximum bipartite matching (augmenting paths), so that one gold event
    // taking a system event another could only use does not cost a match.
    for (int pass = 3; pass >= 1; --pass) {
        auto fits = [&](std::size_t gi, std::size_t si) {
            const Event& e = system[si];
            if (system_used[si] || !place_ok(*gold[gi], e)) return false;
            if (pass >= 2 && !same_type(gold[gi]->type, e.event_type)) return false;
            return pass < 3 || date_ok(*gold[gi], e);
        };
        std::vector<std::optional<std::size_t>> owner(system.size());  // system event -> gold event
        std::function<bool(std::size_t, std::vector<bool>&)> augment = [&](std::size_t gi, std::vector<bool>& seen) {
            for (std::size_t si = 0; si < system.size(); ++si) {
                if (seen[si] || !fits(gi, si)) continue;
                seen[si] = true;
                if (!owner[si] || augment(*owner[si], seen)) {
                    owner[si] = gi;
                    return true;
                }
            }
            return false;
        };
        for (std::size_t gi = 0; gi < gold.size(); ++gi) {
            if (level[gi]) continue;
            std::vector<bool> seen(system.size(), false);
            augment(gi, seen);
        }
        for (std::size_t si = 0; si < system.size(); ++si) {
            if (!owner[si]) continue;
            system_used[si] = true;
            level[*owner[si]] = pass;
        }
    }
    for (int l : level) {
        c.found_place += l >= 1;
        c.found_type += l >= 2;
        c.found_type_date += l >= 3;
    }
    for (std::size_t gi = 0; gi < gold.size(); ++gi) {
        if (level[gi] == 3) continue;
        const GoldEvent& g = *gold[gi];
        json row = {{"doc", doc_id}, {"gold_id", g.id}, {"type", g.type}, {"status", g.status},
                    {"date_min", g.date_min ? json(date::format("%F", *g.date_min)) : json(nullptr)},
                    {"date_max", g.date_max ? json(date::format("%F", *g.date_max)) : json(nullptr)},
                    {"matched", level[gi] == 0 ? "nothing" : level[gi] == 1 ? "place" : "place and type"},
                    {"text", g.text.substr(0, 160)}};
        json near = json::array();
        for (const Event& e : system) {
            if (!g.point || km(e.lat, e.lon, *g.point) > std::max(g.radius_km, kMinRadius_km) * 4) continue;
            near.push_back({{"type", e.event_type},
                            {"date", e.event_date ? json(date::format("%F", *e.event_date)) : json(nullptr)},
                            {"place", e.place_name},
                            {"km", round3(km(e.lat, e.lon, *g.point))}});
        }
        row["system_nearby"] = near;
        misses.push_back(std::move(row));
    }
}

}  // namespace

json score_corpus(const GoldCorpus& corpus, const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                  const Options& options) {
    SpanCounts names_all, names_location, relative_spans;
    ResolutionCounts res_all, res_syria, res_relative;
    std::size_t gov_n = 0, gov_right = 0, role_n = 0, role_right = 0;
    EventCounts events, background;
    json worst = json::array();
    struct Miss {
        double error_km;
        json row;
    };
    std::vector<Miss> misses;
    json relative_misses = json::array();
    json event_misses = json::array();

    for (std::size_t di = 0; di < corpus.documents.size() && di < results.size(); ++di) {
        const GoldDocument& gd = corpus.documents[di];
        const DocumentResult& r = results[di];
        std::vector<const GoldToponym*> gold_names, gold_locations, gold_relatives;
        for (const GoldToponym& t : gd.toponyms) {
            if (t.relative) {
                gold_relatives.push_back(&t);
            } else {
                gold_names.push_back(&t);
                if (t.role == "location") gold_locations.push_back(&t);
            }
        }
        std::vector<SysSpan> sys_all, sys_location, sys_relative;
        for (const Mention& m : r.mentions) {
            sys_all.push_back({m.span.begin_cp, m.span.end_cp});
            if (m.role == "location") sys_location.push_back({m.span.begin_cp, m.span.end_cp});
        }
        for (const RelativeLocation& rel : r.relatives) sys_relative.push_back({rel.span.begin_cp, rel.span.end_cp});
        count_spans(gold_names, sys_all, names_all);
        if (corpus.has_roles) count_spans(gold_locations, sys_location, names_location);
        if (!gold_relatives.empty() || !sys_relative.empty()) count_spans(gold_relatives, sys_relative, relative_spans);

        for (const GoldToponym* g : gold_names) {
            // The system mention for this gold name: exact first, else the first overlapping.
            const Mention* found = nullptr;
            for (const Mention& m : r.mentions) {
                if (exact(*g, {m.span.begin_cp, m.span.end_cp})) {
                    found = &m;
                    break;
                }
            }
            for (const Mention& m : r.mentions) {
                if (!found && overlaps(*g, {m.span.begin_cp, m.span.end_cp})) found = &m;
            }
            if (found && corpus.has_roles) {
                ++role_n;
                // Metonyms count as modifiers where only the brief's four roles are wanted.
                const bool same = found->role == g->role ||
                                  ((found->role == "modifier" || found->role == "metonym") &&
                                   (g->role == "modifier" || g->role == "metonym"));
                role_right += same;
            }
            const bool syrian_location = g->role == "location" && g->in_syria.value_or(false) && g->point;
            if (syrian_location && !g->admin1_pcode.empty()) {
                ++gov_n;
                gov_right += found && found->admin.admin1_pcode == g->admin1_pcode;
            }
            if (!g->point) continue;
            const Place* p = found ? &gazetteer.place(found->place()) : nullptr;
            const double error = p ? km(p->lat, p->lon, *g->point) : std::numeric_limits<double>::infinity();
            const bool is_hit = p && hit(*g, p->lat, p->lon);
            for (ResolutionCounts* group : {&res_all, syrian_location ? &res_syria : nullptr}) {
                if (!group) continue;
                ++group->n;
                if (p) {
                    ++group->found;
                    group->errors_km.push_back(round3(error));
                }
                group->within += is_hit;
            }
            if (syrian_location && !is_hit) {
                json row = {{"doc", gd.doc.doc_id},
                            {"gold_id", g->id},
                            {"text", g->text},
                            {"context", context_of(gd.doc.text, g->start, g->end)},
                            {"gold", {{"lat", g->point->lat}, {"lon", g->point->lon}, {"radius_km", g->radius_km}}}};
                if (p) {
                    row["system"] = {{"place_id", p->id}, {"name", p->name}, {"lat", p->lat}, {"lon", p->lon},
                                     {"surface", found->surface}};
                    row["error_km"] = round3(error);
                } else {
                    row["system"] = nullptr;
                    row["error_km"] = nullptr;
                }
                misses.push_back({error, std::move(row)});
            }
        }
        for (const GoldToponym* g : gold_relatives) {
            if (!g->point) continue;
            const RelativeLocation* found = nullptr;
            for (const RelativeLocation& rel : r.relatives) {
                if (!found && overlaps(*g, {rel.span.begin_cp, rel.span.end_cp})) found = &rel;
            }
            ++res_relative.n;
            const bool is_hit = found && hit(*g, found->lat, found->lon);
            if (found) {
                ++res_relative.found;
                res_relative.errors_km.push_back(round3(km(found->lat, found->lon, *g->point)));
                res_relative.within += is_hit;
            }
            if (!is_hit) {
                json row = {{"doc", gd.doc.doc_id},
                            {"gold_id", g->id},
                            {"text", g->text},
                            {"gold", {{"lat", g->point->lat}, {"lon", g->point->lon}, {"radius_km", g->radius_km}}}};
                if (found) {
                    row["system"] = {{"surface", found->surface}, {"relation", found->relation}, {"direction", found->direction},
                                     {"lat", found->lat}, {"lon", found->lon}, {"radius_km", found->radius_m / 1000.0}};
                    row["error_km"] = round3(km(found->lat, found->lon, *g->point));
                }
                relative_misses.push_back(std::move(row));
            }
        }
        if (corpus.has_events) {
            std::vector<const GoldEvent*> main_events, background_events;
            for (const GoldEvent& e : gd.events) (e.status == "background" ? background_events : main_events).push_back(&e);
            std::vector<bool> used(r.events.size(), false);
            match_events(main_events, r.events, events, used, gd.doc.doc_id, event_misses);
            json ignored = json::array();
            match_events(background_events, r.events, background, used, gd.doc.doc_id, ignored);
            events.system += r.events.size();
            for (bool u : used) events.system_matched += u;
        }
    }
    std::stable_sort(misses.begin(), misses.end(), [](const Miss& a, const Miss& b) { return a.error_km > b.error_km; });
    for (std::size_t i = 0; i < misses.size() && i < options.worst; ++i) worst.push_back(misses[i].row);

    json report = {{"corpus", corpus.name}, {"documents", corpus.documents.size()}};
    report["mentions"]["all"] = span_json(names_all);
    if (corpus.has_roles) report["mentions"]["location"] = span_json(names_location);
    report["resolution"]["all"] = resolution_json(res_all);
    if (res_syria.n) report["resolution"]["syria_location"] = resolution_json(res_syria);
    if (relative_spans.gold || relative_spans.system) {
        report["relative"]["spans"] = span_json(relative_spans);
        report["relative"]["resolution"] = resolution_json(res_relative);
    }
    if (gov_n) report["governorate"] = {{"n", gov_n}, {"right", gov_right}, {"share", round3(ratio(gov_right, gov_n))}};
    if (corpus.has_roles) report["roles"] = {{"n", role_n}, {"right", role_right}, {"share", round3(ratio(role_right, role_n))}};
    if (corpus.has_events) {
        report["events"] = event_json(events);
        report["events_background"] = event_json(background);
    }
    report["worst"] = worst;
    if (!relative_misses.empty()) report["relative_misses"] = relative_misses;
    if (!event_misses.empty()) report["event_misses"] = event_misses;
    return report;
}

void score_given_spans(const GoldCorpus& corpus, const Gazetteer& gazetteer, json& report) {
    std::size_t n = 0, known = 0, with_id = 0, right_id = 0, within161 = 0;
    for (const GoldDocument& gd : corpus.documents) {
        const std::vector<text::Token> tokens = text::tokenize(gd.doc.text);
        std::vector<geoparse::NameMatch> matches;
        std::vector<const GoldToponym*> gold_of_match;
        for (const GoldToponym& g : gd.toponyms) {
            if (g.relative || !g.point) continue;
            ++n;
            // The tokens the gold span covers.
            std::optional<std::size_t> first, last;
            for (std::size_t k = 0; k < tokens.size(); ++k) {
                if (tokens[k].begin_cp >= g.start && tokens[k].end_cp <= g.end) {
                    if (!first) first = k;
                    last = k;
                }
            }
            if (!first) continue;
            geoparse::NameMatch m;
            m.first_token = *first;
            m.last_token = *last;
            m.key = text::fold_name(g.text);
            m.places = gazetteer.lookup(m.key);
            if (m.places.empty()) continue;
            ++known;
            matches.push_back(std::move(m));
            gold_of_match.push_back(&g);
        }
        const std::vector<Mention> mentions = geoparse::resolve_mentions(gd.doc.text, tokens, matches, gazetteer);
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            const GoldToponym& g = *gold_of_match[i];
            const Place& p = gazetteer.place(mentions[i].place());
            if (!g.geonames_id.empty()) {
                ++with_id;
                right_id += p.id == "gn:" + g.geonames_id || p.source_id == g.geonames_id;
            }
            within161 += km(p.lat, p.lon, *g.point) <= 161.0;
        }
    }
    report["given_spans"] = {{"n", n},
                             {"in_gazetteer", known},
                             {"with_geonames_id", with_id},
                             {"right_geonames_id", right_id},
                             {"right_id_share", round3(ratio(right_id, with_id))},
                             {"within_161km", within161},
                             {"acc_161km", round3(ratio(within161, n))}};
}

json combine_reports(const std::vector<json>& reports) {
    SpanCounts all, location, rel_spans;
    ResolutionCounts res_all, res_syria, res_rel;
    EventCounts events, background;
    std::size_t docs = 0, gov_n = 0, gov_right = 0, role_n = 0, role_right = 0;
    bool has_location = false, has_rel = false, has_syria = false, has_gov = false, has_roles = false, has_events = false;
    json given = json::object();
    auto add_spans = [](SpanCounts& into, const SpanCounts& c) {
        into.gold += c.gold;
        into.system += c.system;
        into.exact_gold += c.exact_gold;
        into.exact_system += c.exact_system;
        into.overlap_gold += c.overlap_gold;
        into.overlap_system += c.overlap_system;
    };
    auto add_res = [](ResolutionCounts& into, const ResolutionCounts& c) {
        into.n += c.n;
        into.found += c.found;
        into.within += c.within;
        into.errors_km.insert(into.errors_km.end(), c.errors_km.begin(), c.errors_km.end());
    };
    auto add_events = [](EventCounts& into, const EventCounts& c) {
        into.gold += c.gold;
        into.found_place += c.found_place;
        into.found_type += c.found_type;
        into.found_type_date += c.found_type_date;
        into.system += c.system;
        into.system_matched += c.system_matched;
    };
    for (const json& r : reports) {
        docs += r.value("documents", 0u);
        add_spans(all, span_counts_of(r["mentions"]["all"]));
        if (r["mentions"].contains("location")) {
            has_location = true;
            add_spans(location, span_counts_of(r["mentions"]["location"]));
        }
        add_res(res_all, resolution_counts_of(r["resolution"]["all"]));
        if (r["resolution"].contains("syria_location")) {
            has_syria = true;
            add_res(res_syria, resolution_counts_of(r["resolution"]["syria_location"]));
        }
        if (r.contains("relative")) {
            has_rel = true;
            add_spans(rel_spans, span_counts_of(r["relative"]["spans"]));
            add_res(res_rel, resolution_counts_of(r["relative"]["resolution"]));
        }
        if (r.contains("governorate")) {
            has_gov = true;
            gov_n += r["governorate"].value("n", 0u);
            gov_right += r["governorate"].value("right", 0u);
        }
        if (r.contains("roles")) {
            has_roles = true;
            role_n += r["roles"].value("n", 0u);
            role_right += r["roles"].value("right", 0u);
        }
        if (r.contains("given_spans")) {
            for (const char* k : {"n", "in_gazetteer", "with_geonames_id", "right_geonames_id", "within_161km"}) {
                given[k] = given.value(k, 0u) + r["given_spans"].value(k, 0u);
            }
        }
        if (r.contains("events")) {
            has_events = true;
            add_events(events, event_counts_of(r["events"]));
            add_events(background, event_counts_of(r["events_background"]));
        }
    }
    json out = {{"corpus", "overall"}, {"documents", docs}};
    out["mentions"]["all"] = span_json(all);
    if (has_location) out["mentions"]["location"] = span_json(location);
    out["resolution"]["all"] = resolution_json(res_all);
    if (has_syria) out["resolution"]["syria_location"] = resolution_json(res_syria);
    if (has_rel) {
        out["relative"]["spans"] = span_json(rel_spans);
        out["relative"]["resolution"] = resolution_json(res_rel);
    }
    if (has_gov) out["governorate"] = {{"n", gov_n}, {"right", gov_right}, {"share", round3(ratio(gov_right, gov_n))}};
    if (has_roles) out["roles"] = {{"n", role_n}, {"right", role_right}, {"share", round3(ratio(role_right, role_n))}};
    if (has_events) {
        out["events"] = event_json(events);
        out["events_background"] = event_json(background);
    }
    if (!given.empty()) {
        given["right_id_share"] = round3(ratio(given["right_geonames_id"].get<std::size_t>(), given["with_geonames_id"].get<std::size_t>()));
        given["acc_161km"] = round3(ratio(given["within_161km"].get<std::size_t>(), given["n"].get<std::size_t>()));
        out["given_spans"] = given;
    }
    out["worst"] = json::array();
    return out;
}

namespace {

// A cell: the value at a JSON pointer, formatted, or "-" when the report lacks it.
std::string cell(const json& r, const std::string& pointer, const char* kind) {
    const json::json_pointer p(pointer);
    if (!r.contains(p)) return "-";
    const json& v = r[p];
    if (std::string_view(kind) == "pct") return fmt::format("{:.1f}%", v.get<double>() * 100.0);
    if (std::string_view(kind) == "f3") return fmt::format("{:.3f}", v.get<double>());
    if (std::string_view(kind) == "km") return fmt::format("{:.1f}", v.get<double>());
    return v.dump();
}

std::string count_of(const json& r, const std::string& num, const std::string& den) {
    const json::json_pointer a(num), b(den);
    if (!r.contains(a) || !r.contains(b)) return "-";
    return fmt::format("{}/{}", r[a].get<std::size_t>(), r[b].get<std::size_t>());
}

}  // namespace

std::string format_table(const std::vector<json>& reports) {
    struct Row {
        std::string label;
        std::function<std::string(const json&)> value;
    };
    auto v = [](std::string pointer, const char* kind) {
        return [pointer, kind](const json& r) { return cell(r, pointer, kind); };
    };
    auto c = [](std::string num, std::string den) { return [num, den](const json& r) { return count_of(r, num, den); }; };
    const std::vector<Row> rows = {
        {"documents", v("/documents", "int")},
        {"names: gold / system", c("/mentions/all/gold", "/mentions/all/system")},
        {"names: P / R / F1 (exact)", [](const json& r) {
             return cell(r, "/mentions/all/precision", "f3") + " " + cell(r, "/mentions/all/recall", "f3") + " " +
                    cell(r, "/mentions/all/f1", "f3");
         }},
        {"names: F1 (overlap)", v("/mentions/all/overlap_f1", "f3")},
        {"location names: F1 (exact)", v("/mentions/location/f1", "f3")},
        {"roles right", c("/roles/right", "/roles/n")},
        {"resolved: median km", v("/resolution/all/median_km", "km")},
        {"resolved: Acc@1 km", v("/resolution/all/acc_1km", "pct")},
        {"resolved: Acc@5 km", v("/resolution/all/acc_5km", "pct")},
        {"resolved: Acc@161 km", v("/resolution/all/acc_161km", "pct")},
        {"resolved: AUC (0 best)", v("/resolution/all/auc", "f3")},
        {"Syrian locations within radius", c("/resolution/syria_location/within_radius", "/resolution/syria_location/n")},
        {"  share", v("/resolution/syria_location/within_radius_share", "pct")},
        {"governorate right", c("/governorate/right", "/governorate/n")},
        {"relative: F1 (overlap)", v("/relative/spans/overlap_f1", "f3")},
        {"relative: within radius", c("/relative/resolution/within_radius", "/relative/resolution/n")},
        {"events: gold", v("/events/gold", "int")},
        {"events: found (place)", v("/events/found_place", "int")},
        {"events: + type", v("/events/found_type", "int")},
        {"events: + type + date", v("/events/found_type_date", "int")},
        {"  share", v("/events/recall_type_date", "pct")},
        {"events: system / matched", c("/events/system_matched", "/events/system")},
        {"background events found", c("/events_background/found_type_date", "/events_background/gold")},
        {"given spans: right GeoNames id", c("/given_spans/right_geonames_id", "/given_spans/with_geonames_id")},
        {"  share", v("/given_spans/right_id_share", "pct")},
        {"given spans: Acc@161 km", v("/given_spans/acc_161km", "pct")},
    };
    std::size_t label_width = 0;
    for (const Row& row : rows) label_width = std::max(label_width, row.label.size());
    std::vector<std::size_t> widths;
    for (const json& r : reports) {
        std::size_t w = r.value("corpus", std::string()).size();
        for (const Row& row : rows) w = std::max(w, row.value(r).size());
        widths.push_back(w);
    }
    std::string out = fmt::format("{:<{}}", "", label_width);
    for (std::size_t i = 0; i < reports.size(); ++i) out += fmt::format("  {:>{}}", reports[i].value("corpus", std::string()), widths[i]);
    out += "\n";
    for (const Row& row : rows) {
        bool any = false;
        std::string line = fmt::format("{:<{}}", row.label, label_width);
        for (std::size_t i = 0; i < reports.size(); ++i) {
            const std::string value = row.value(reports[i]);
            any = any || value != "-";
            line += fmt::format("  {:>{}}", value, widths[i]);
        }
        if (any) out += line + "\n";
    }
    return out;
}

}  // namespace toponym::eval
