// The HTML preview: one file with Leaflet, the governorates, the events and the page's own script
// inlined. The data goes in as one JSON document (nlohmann::json) inside a
// <script type="application/json"> element; the page's script puts every text into the DOM with
// textContent, never as markup, and a Content-Security-Policy forbids any load from the network.
#include "io/html_preview.hpp"

#include <fmt/format.h>
#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "core/dates.hpp"
#include "core/embedded_file.hpp"
#include "core/event_types.hpp"
#include "store/gdal_util.hpp"
#include "store/safe_output.hpp"

namespace toponym::io {

namespace {

using nlohmann::json;

// Leaflet's dist/leaflet.js and dist/leaflet.css from the npm package, and Leaflet.markercluster's
// script and (joined) style sheets from its own, compiled in (cmake/npm_bundle.cmake fetches
// them and passes the paths).
TOPONYM_EMBED_FILE(leaflet_js, TOPONYM_LEAFLET_JS)
TOPONYM_EMBED_FILE(leaflet_css, TOPONYM_LEAFLET_CSS)
TOPONYM_EMBED_FILE(markercluster_js, TOPONYM_MARKERCLUSTER_JS)
TOPONYM_EMBED_FILE(markercluster_css, TOPONYM_MARKERCLUSTER_CSS)

// Marker colours: each public event type's own (core/event_types.hpp, the colours of the QGIS
// style); a type the table does not know gets the extra colours in turn.
constexpr const char* kExtraColours[] = {"#e7298a", "#666666", "#a6761d", "#386cb0", "#bf5b17"};

// Text for HTML element content and attribute values.
std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

// JSON text that can sit inside <script type="application/json">: '<', '>' and '&' occur only
// inside JSON strings, where their \u escapes mean the same, so no "</script" or "<!--" can end
// or change the element. Invalid UTF-8 is replaced rather than thrown on. Numbers with a
// fraction are rewritten in their shortest form (std::to_chars): nlohmann's writer sometimes
// gives 17 digits (36.282470000000004 for 36.28247), which would undo the rounding to 5
// decimals that keeps a page of many events small.
std::string json_for_script(const json& value) {
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!in_string && (c == '-' || (c >= '0' && c <= '9'))) {
            std::size_t end = i;
            bool fraction = false;
            while (end < text.size() && std::strchr("+-0123456789.eE", text[end]) != nullptr) {
                fraction = fraction || text[end] == '.' || text[end] == 'e' || text[end] == 'E';
                ++end;
            }
            double number = 0;
            char buf[64];
            if (fraction) {
                const auto parsed = std::from_chars(text.data() + i, text.data() + end, number);
                if (parsed.ec == std::errc() && parsed.ptr == text.data() + end) {
                    if (const auto written = std::to_chars(buf, buf + sizeof buf, number); written.ec == std::errc()) {
                        out.append(buf, written.ptr);
                        i = end - 1;
                        continue;
                    }
                }
            }
            out.append(text, i, end - i);
            i = end - 1;
            continue;
        }
        if (in_string) {
            if (c == '\\') {  // an escape: copy it and the escaped character
                out.push_back(c);
                if (i + 1 < text.size()) out.push_back(text[++i]);
                continue;
            }
            if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        }
        switch (c) {
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }) != haystack.end();
}

// Coordinates in the page: 5 decimals (about 1 m), enough for a preview and much shorter.
double round5(double v) { return std::round(v * 1e5) / 1e5; }

// A geometry as GeoJSON with 5 decimals; null when it cannot be exported.
json geometry_json(const OGRGeometry& geometry) {
    char* options[] = {const_cast<char*>("COORDINATE_PRECISION=5"), nullptr};
    char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&geometry)), options);
    if (!text) return nullptr;
    json geojson = json::parse(text, nullptr, false);
    CPLFree(text);
    if (geojson.is_discarded()) return nullptr;
    return geojson;
}

// Simplification tolerances, in degrees. The page zooms from 5 (the region) to 14 (a town);
// 0.001 degrees (about 100 m) is under a pixel up to zoom 10 and a few pixels at 14, which a
// base map of boundaries can afford; the country's outline, drawn over them, at twice that.
constexpr double kGovernorateTolerance = 0.001;
constexpr double kOutlineTolerance = 0.002;

// The base map: the governorates (simplified, as GeoJSON features, each with a label point),
// the country's outline (their union) and the box around it.
struct BaseMap {
    json governorates = json::array();
    json outline;  // GeoJSON geometry or null
    std::optional<OGREnvelope> extent;
    std::shared_ptr<OGRGeometry> united;  // their union, unsimplified
    std::set<std::string> pcodes;
};

BaseMap base_map(const admin::AdminIndex& governorates) {
    BaseMap base;
    QuietGdalErrors quiet;
    OGRMultiPolygon all;
    for (const admin::AdminArea& area : governorates.areas()) {
        if (area.wkb.empty()) continue;
        OGRGeometry* raw = nullptr;
        if (OGRGeometryFactory::createFromWkb(area.wkb.data(), nullptr, &raw, area.wkb.size()) != OGRERR_NONE || !raw) {
            continue;
        }
        std::unique_ptr<OGRGeometry> geometry(raw);
        if (std::unique_ptr<OGRGeometry> simple(geometry->SimplifyPreserveTopology(kGovernorateTolerance));
            simple && !simple->IsEmpty()) {
            geometry = std::move(simple);
        }
        json geojson = geometry_json(*geometry);
        if (geojson.is_null()) continue;
        base.pcodes.insert(area.pcode);
        json properties = {{"pcode", area.pcode}, {"name", area.name_en}, {"name_ar", area.name_ar}};
        // Where its name is written: a point inside the polygon (a centroid can lie outside).
        if (OGRGeometryH inside = OGR_G_PointOnSurface(OGRGeometry::ToHandle(geometry.get()))) {
            if (wkbFlatten(OGR_G_GetGeometryType(inside)) == wkbPoint && !OGR_G_IsEmpty(inside)) {
                properties["label"] = {round5(OGR_G_GetY(inside, 0)), round5(OGR_G_GetX(inside, 0))};
            }
            OGR_G_DestroyGeometry(inside);
        }
        base.governorates.push_back(
            json{{"type", "Feature"}, {"properties", std::move(properties)}, {"geometry", std::move(geojson)}});
        const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
        if (type == wkbPolygon) {
            all.addGeometry(geometry.get());
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* part : *geometry->toMultiPolygon()) all.addGeometry(part);
        }
    }
    if (all.IsEmpty()) return base;
    OGREnvelope box;
    all.getEnvelope(&box);
    base.extent = box;
    if (std::shared_ptr<OGRGeometry> united(all.UnionCascaded()); united && !united->IsEmpty()) {
        // Boundaries that do not quite meet leave slivers inside the union, drawn as stray
        // lines: closing (grow, then shrink, by the outline's tolerance) removes them.
        std::unique_ptr<OGRGeometry> closed;
        if (std::unique_ptr<OGRGeometry> grown(united->Buffer(kOutlineTolerance, 4)); grown && !grown->IsEmpty()) {
            closed.reset(grown->Buffer(-kOutlineTolerance, 4));
        }
        const OGRGeometry& shape = closed && !closed->IsEmpty() ? *closed : *united;
        std::unique_ptr<OGRGeometry> simple(shape.SimplifyPreserveTopology(kOutlineTolerance));
        base.outline = geometry_json(simple && !simple->IsEmpty() ? *simple : shape);
        base.united = std::move(united);
    }
    return base;
}

// Degrees from a point to a box, along the axis where it is farther (0 inside).
double degrees_outside(const OGREnvelope& box, double lat, double lon) {
    const double dy = std::max({box.MinY - lat, lat - box.MaxY, 0.0});
    const double dx = std::max({box.MinX - lon, lon - box.MaxX, 0.0});
    return std::max(dx, dy);
}

// Context labels from the embedded gazetteer (the one compiled in, whatever gazetteers the
// reports were mapped with): the main cities inside the boundaries (capitals of the
// country and of governorates, and towns of 100,000 people or more), the big cities just
// across the border (capitals, and 500,000 or more within 1.5 degrees of the boundaries' box),
// and the neighbouring countries (countries whose label point lies within 2.5 degrees of the
// box and outside the boundaries; one farther than 1 degree is labelled half a degree out, on the line from the box's
// centre to its point, so that it shows beside the country rather than off the map).
json context_labels(const BaseMap& base) {
    json cities = json::array();
    json countries = json::array();
    if (!base.extent) return json{{"cities", cities}, {"countries", countries}};
    const OGREnvelope& box = *base.extent;
    constexpr double kCityMargin = 1.5;
    constexpr double kCountryReach = 2.5;
    constexpr double kCountryLabelFar = 1.0;
    constexpr double kCountryLabelOut = 0.5;
    std::set<std::string> seen;
    std::set<std::string> countries_seen;
    for (const Place& p : Gazetteer::embedded().places()) {
        if (!std::isfinite(p.lat) || !std::isfinite(p.lon)) continue;
        const double out = degrees_outside(box, p.lat, p.lon);
        if (p.is_country()) {
            if (out > kCountryReach || p.country_code.empty() || !countries_seen.insert(p.country_code).second) continue;
            if (out == 0.0 && base.united) {
                QuietGdalErrors quiet;
                const OGRPoint point(p.lon, p.lat);
                if (base.united->Contains(&point)) continue;  // the country of the boundaries itself
            }
            double lat = p.lat;
            double lon = p.lon;
            if (out > kCountryLabelFar) {
                const double clat = (box.MinY + box.MaxY) / 2;
                const double clon = (box.MinX + box.MaxX) / 2;
                // Along the line, the point where degrees_outside is kCountryLabelOut.
                double lo = 0.0;
                double hi = 1.0;
                for (int i = 0; i < 40; ++i) {
                    const double t = (lo + hi) / 2;
                    (degrees_outside(box, clat + t * (p.lat - clat), clon + t * (p.lon - clon)) < kCountryLabelOut ? lo : hi) = t;
                }
                lat = clat + hi * (p.lat - clat);
                lon = clon + hi * (p.lon - clon);
            }
            countries.push_back({{"name", p.name}, {"lat", round5(lat)}, {"lon", round5(lon)}});
            continue;
        }
        if (p.feature_class != "P") continue;
        const bool capital = p.feature_code == "PPLC";
        const bool inside = !p.admin1_pcode.empty() && base.pcodes.count(p.admin1_pcode) > 0;
        int tier = 0;  // 1 capital or governorate seat, 2 other big town, 3 city across the border
        if (inside) {
            if (capital || p.feature_code == "PPLA") tier = 1;
            else if (p.population >= 100000) tier = 2;
        } else if (p.admin1_pcode.empty() && out <= kCityMargin && p.feature_code != "PPLX" &&
                   (capital || p.population >= 500000)) {
            tier = 3;
        }
        if (tier == 0 || !seen.insert(p.name).second) continue;
        cities.push_back({{"name", p.name}, {"lat", round5(p.lat)}, {"lon", round5(p.lon)}, {"tier", tier}});
    }
    return json{{"cities", std::move(cities)}, {"countries", std::move(countries)}};
}

// More events than this and the page clusters its markers (Leaflet.markercluster): a few hundred
// circles stay readable and quick, thousands do not.
constexpr std::size_t kClusterAbove = 300;

// Whether an event goes onto the page, and where: its mention's place must be known and its
// point finite (Leaflet would throw).
bool shown(const DocumentResult& r, const Event& ev) {
    if (ev.mention >= r.mentions.size() || r.mentions[ev.mention].candidates.empty()) return false;
    return std::isfinite(ev.lat) && std::isfinite(ev.lon);
}

// An event's row of the page's data, without its "day" (days since the first date, known once
// every event is in), as json_for_script writes it.
std::string event_row(const DocumentResult& r, const Event& ev) {
    const Document& doc = r.doc;
    const json row = {
        {"id", ev.event_id},
        {"type", ev.event_type},
        {"date", ev.event_date ? json(format_date(*ev.event_date)) : json(nullptr)},
        {"date_precision", ev.date_precision},
        {"lat", round5(ev.lat)},
        {"lon", round5(ev.lon)},
        {"uncertainty_m", std::isfinite(ev.uncertainty_m) ? std::round(std::max(ev.uncertainty_m, 0.0)) : 0.0},
        {"place", ev.place_name},
        {"place_id", ev.place_id},
        {"admin1", ev.admin.admin1},
        {"surface", r.mentions[ev.mention].surface},
        {"snippet", ev.snippet},
        {"confidence", std::round(ev.confidence * 1000) / 1000},
        {"doc_id", doc.doc_id},
        {"title", doc.title},
        {"source", doc.source},
        {"url", doc.url},
    };
    return json_for_script(row);
}

// The row with its "day": the keys are written in sorted order, so "day" goes just before
// "doc_id" (no value before it holds an unescaped quote: the first `,"doc_id":` is the key).
std::string with_day(std::string_view row, const std::optional<Date>& date, const std::optional<Date>& first) {
    const std::string day = date ? std::to_string((*date - *first).count()) : std::string("null");
    const std::size_t at = row.find(",\"doc_id\":");
    std::string out;
    out.reserve(row.size() + 16);
    out.append(row.substr(0, at));
    out += ",\"day\":" + day;
    out.append(row.substr(at));
    return out;
}

}  // namespace

struct HtmlPreview::Spool {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::tmpfile(), std::fclose};
    struct Entry {
        std::int32_t day;  // the event's date as days since 1970, or INT32_MAX when undated (last)
        std::uint64_t offset;
        std::uint32_t size;
    };
    std::vector<Entry> entries;  // in input order
    std::uint64_t written = 0;
};

HtmlPreview::HtmlPreview() : spool_(std::make_unique<Spool>()) {}

HtmlPreview::~HtmlPreview() = default;
HtmlPreview::HtmlPreview(HtmlPreview&&) noexcept = default;
HtmlPreview& HtmlPreview::operator=(HtmlPreview&&) noexcept = default;

void HtmlPreview::add(const DocumentResult& r) {
    if (r.failed) return;
    if (!spool_->file) throw DataError("HTML preview", fmt::format("cannot make a temporary file: {}", std::strerror(errno)));
    for (const Event& ev : r.events) {
        if (!shown(r, ev)) continue;
        const std::string row = event_row(r, ev);
        if (std::fwrite(row.data(), 1, row.size(), spool_->file.get()) != row.size()) {
            throw DataError("HTML preview", fmt::format("cannot write a temporary file: {}", std::strerror(errno)));
        }
        const std::int32_t day = ev.event_date ? static_cast<std::int32_t>(ev.event_date->time_since_epoch().count()) : INT32_MAX;
        spool_->entries.push_back({day, spool_->written, static_cast<std::uint32_t>(row.size())});
        spool_->written += row.size();
        ++type_counts_[ev.event_type];
        if (ev.event_date) {
            if (!first_ || *ev.event_date < *first_) first_ = *ev.event_date;
            if (!last_ || *ev.event_date > *last_) last_ = *ev.event_date;
        }
    }
}

namespace {

// The page's data without its events (an empty "events" array, to be filled in).
json page_frame(const std::map<std::string, std::size_t>& counts, const std::optional<Date>& first, const std::optional<Date>& last,
                const admin::AdminIndex& governorates) {
    std::map<std::string, std::size_t> type_counts = counts;
    json types = json::array();
    for (const EventType& t : kEventTypes) {
        if (!t.is_public()) continue;
        if (const auto it = type_counts.find(std::string(t.id)); it != type_counts.end()) {
            types.push_back({{"type", std::string(t.id)}, {"colour", std::string(t.colour)}, {"count", it->second}});
            type_counts.erase(it);
        }
    }
    std::size_t extra = 0;
    for (const auto& [type, count] : type_counts) {
        types.push_back({{"type", type}, {"colour", kExtraColours[extra++ % std::size(kExtraColours)]}, {"count", count}});
    }

    BaseMap base = base_map(governorates);
    json labels = context_labels(base);

    return json{
        {"first_date", first ? json(format_date(*first)) : json(nullptr)},
        {"last_day", first ? json((*last - *first).count()) : json(nullptr)},
        {"types", std::move(types)},
        {"events", json::array()},
        {"governorates", {{"type", "FeatureCollection"}, {"features", std::move(base.governorates)}}},
        {"outline", std::move(base.outline)},
        {"cities", std::move(labels["cities"])},
        {"countries", std::move(labels["countries"])},
        {"cluster_above", kClusterAbove},
    };
}

constexpr std::string_view kPageCss = R"CSS(
html, body { height: 100%; margin: 0; }
body { display: flex; font: 13px/1.4 system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; }
#map { flex: 1 1 auto; height: 100%; background: #e6e6e3; }  /* outside the boundaries: land or sea, unknown */
#panel { flex: 0 0 330px; height: 100%; overflow-y: auto; box-sizing: border-box; padding: 12px 14px;
         border-left: 1px solid #c4c4c4; background: #fafafa; }
#panel h1 { font-size: 15px; margin: 0 0 4px; overflow-wrap: anywhere; }
#counter { font-size: 14px; font-weight: 600; margin: 6px 0 8px; }
#counter-total { font-weight: normal; color: #555; }
#dates { margin: 8px 0; }
.range-row { display: grid; grid-template-columns: 2.6em 1fr 6.2em; align-items: center; gap: 6px; margin: 2px 0; }
.range-row input { width: 100%; margin: 0; }
.range-row output { font-variant-numeric: tabular-nums; }
#legend { list-style: none; padding: 0; margin: 8px 0 4px; }
#legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; flex: none;
          border: 1px solid #fff; box-shadow: 0 0 0 1px #777; }
.swatch.undated { background: #fff; border: 1.5px dashed #222; box-shadow: none; width: 10px; height: 10px; }
.note { color: #555; font-size: 12px; margin: 4px 0; }
#script-error { color: #a00; font-weight: 600; }
#event-list { list-style: none; padding: 0; margin: 10px 0 0; border-top: 1px solid #ddd; }
#event-list li { padding: 5px 2px; border-bottom: 1px solid #eee; cursor: pointer; }
#event-list li:hover { background: #eaf1f7; }
#list-more { margin: 8px 0; width: 100%; }
.ev-head { display: flex; gap: 6px; align-items: center; }
.ev-place { font-weight: 600; }
.ev-date { margin-left: auto; color: #555; font-variant-numeric: tabular-nums; }
.ev-snippet { color: #444; font-size: 12px; overflow: hidden; display: -webkit-box;
              -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow-wrap: anywhere; }
.popup { font-size: 12px; overflow-wrap: anywhere; }
.popup .popup-type { display: flex; gap: 6px; align-items: center; font-size: 13px; margin-bottom: 4px; }
.popup blockquote { margin: 6px 0; padding: 2px 0 2px 8px; border-left: 3px solid #ccc; color: #333; }
.popup .label { color: #666; }
.popup .event-id { color: #888; font-size: 11px; margin-top: 4px; }
.gov-tooltip .gov-ar { color: #555; }
.base-label { pointer-events: none; }
.base-label span { position: absolute; white-space: nowrap; transform: translate(-50%, -50%);
                   text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.base-label.label-hidden { display: none; }
.gov-label span { color: #6b6252; font-size: 11px; letter-spacing: 0.08em; text-transform: uppercase; }
.country-label span { color: #7d7d7d; font-size: 13px; letter-spacing: 0.2em; text-transform: uppercase; }
.city-label span { transform: translate(7px, -50%); color: #2b2b2b; font-size: 12px; }
.city-label.tier-1 span { font-weight: 600; }
.city-label.tier-3 span { color: #666; }
.city-label::before { content: ""; position: absolute; left: -3px; top: -3px; width: 5px; height: 5px;
                      border-radius: 50%; background: #444; border: 0.5px solid #fff; }
.city-label.tier-3::before { background: #888; }
#histogram-box { margin: 6px 0 2px; }
#histogram { display: block; width: 100%; height: 56px; background: #f0f0f0; border-bottom: 1px solid #999; }
#histogram .hist-bar { fill: #b9b9b9; cursor: pointer; }
#histogram .hist-bar.in-range { fill: #2c7bb6; }
#histogram .hist-bar:hover { fill: #f28e2b; }
#histogram-note { margin: 2px 0 0; }
.toggle { display: flex; gap: 6px; align-items: center; margin: 6px 0; }
)CSS";

// Runs before Leaflet: a script error shows on the page (and in a dumped DOM).
constexpr std::string_view kErrorScript = R"JS(
window.addEventListener('error', function (e) {
  var box = document.getElementById('script-error');
  if (box) { box.hidden = false; box.textContent = 'Script error: ' + (e && e.message ? e.message : 'unknown'); }
});
)JS";

constexpr std::string_view kPageScript = R"JS(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('toponym-data').textContent);
  var DAY_MS = 86400000;
  var firstMs = data.first_date ? Date.parse(data.first_date + 'T00:00:00Z') : 0;

  // Every text goes into the DOM as text, never as markup. A text in a right-to-left script
  // (an Arabic snippet or place name) takes its direction from its first strong letter.
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
      if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(e.textContent)) e.dir = 'auto';
    }
    return e;
  }
  function safeHttpUrl(u) {
    if (typeof u !== 'string' || u === '') return null;
    try {
      var p = new URL(u);
      return (p.protocol === 'http:' || p.protocol === 'https:') ? p.href : null;
    } catch (err) { return null; }
  }
  function typeLabel(t) { return t ? String(t).replace(/_/g, ' ') : 'event'; }
  function dayToIso(day) { return new Date(firstMs + day * DAY_MS).toISOString().slice(0, 10); }
  var colours = {};
  data.types.forEach(function (t) { colours[t.type] = t.colour; });
  function swatch(type) {
    var s = el('span', 'swatch');
    s.style.backgroundColor = colours[type] || '#777777';
    return s;
  }
  // A value is one text, or several joined by ', ' (each its own element: an Arabic place name
  // beside a Latin governorate keeps its own direction, the comma stays between them).
  function row(label, value) {
    var p = el('div', 'row');
    p.appendChild(el('span', 'label', label + ': '));
    var parts = Array.isArray(value) ? value.filter(function (v) { return v; }) : [value];
    var box = el('span', parts.length > 1 ? 'parts' : null, parts.length > 1 ? undefined : parts[0]);
    if (parts.length > 1) {
      parts.forEach(function (v, i) {
        if (i > 0) box.appendChild(document.createTextNode(', '));
        box.appendChild(el('span', null, v));
      });
    }
    p.appendChild(box);
    return p;
  }

  var map = L.map('map', { zoomSnap: 0.25, minZoom: 4, maxZoom: 14 });
  L.control.scale({ imperial: false }).addTo(map);
  map.attributionControl.addAttribution('Labels: GeoNames (CC BY 4.0), Natural Earth');
  // Panes, bottom to top: governorates, the country outline, labels, uncertainty circles, then
  // Leaflet's own (events, cluster icons, tooltips, popups). Only the governorates take the mouse.
  [['basemap', 200, true], ['outline', 250, false], ['labels', 300, false], ['uncertainty', 350, false]].forEach(function (p) {
    var pane = map.createPane(p[0]);
    pane.style.zIndex = String(p[1]);
    if (!p[2]) pane.style.pointerEvents = 'none';
  });

  // Labels: a text at a point, shown from a zoom on (minZoom), never taking the mouse.
  // A governorate's name gives way to a city label drawn over it (Idleb and Idlib, at the
  // zooms where they would overlap).
  var labels = [];
  function addLabel(lat, lon, text, className, minZoom, yields) {
    var icon = L.divIcon({ className: 'base-label ' + className, html: el('span', null, text), iconSize: null });
    var marker = L.marker([lat, lon], { icon: icon, interactive: false, keyboard: false, pane: 'labels' }).addTo(map);
    labels.push({ marker: marker, minZoom: minZoom, yields: !!yields, chars: String(text).length });
  }
  function showLabels() {
    var z = map.getZoom();
    var shown = labels.filter(function (l) { return z >= l.minZoom; });
    var cities = shown.filter(function (l) { return !l.yields; }).map(function (l) {
      return map.latLngToContainerPoint(l.marker.getLatLng());
    });
    labels.forEach(function (l) {
      var visible = z >= l.minZoom;
      if (visible && l.yields) {
        var p = map.latLngToContainerPoint(l.marker.getLatLng());
        var halfWidth = l.chars * 4.5 + 8;
        visible = !cities.some(function (c) {
          return Math.abs(c.y - p.y) < 16 && c.x + 90 > p.x - halfWidth && c.x - 10 < p.x + halfWidth;
        });
      }
      var e = l.marker.getElement();
      if (e) L.DomUtil[visible ? 'removeClass' : 'addClass'](e, 'label-hidden');
    });
  }
  function pxPerDegree(zoom) { return 256 * Math.pow(2, zoom) / 360; }

  // Base map: the governorates (names in tooltips and as labels), the country's outline, the
  // neighbouring countries and the main cities as labels.
  var govStyle = { color: '#8f8f8f', weight: 1, fillColor: '#f6f1e4', fillOpacity: 1 };
  var govLayer = L.geoJSON(data.governorates, {
    pane: 'basemap',
    style: function () { return govStyle; },
    onEachFeature: function (feature, layer) {
      var p = feature.properties || {};
      var label = el('span', 'gov-name', p.name || p.pcode || '');
      if (p.name_ar) {
        label.appendChild(document.createTextNode(' '));
        var ar = el('span', 'gov-ar', p.name_ar);
        ar.dir = 'rtl';
        label.appendChild(ar);
      }
      if (p.pcode) label.appendChild(el('span', 'gov-pcode', ' (' + p.pcode + ')'));
      layer.bindTooltip(label, { sticky: true, className: 'gov-tooltip' });
      layer.on('mouseover', function () { layer.setStyle({ fillColor: '#ece3cc' }); });
      layer.on('mouseout', function () { layer.setStyle({ fillColor: govStyle.fillColor }); });
      if (Array.isArray(p.label) && (p.name || p.pcode)) {
        // Written once the governorate is wide enough on screen for its name.
        var name = p.name || p.pcode;
        var b = layer.getBounds();
        var width = Math.max(b.getEast() - b.getWest(), 1e-6);
        var textPx = name.length * 8 + 12;
        addLabel(p.label[0], p.label[1], name, 'gov-label', Math.log(textPx / (0.8 * width * pxPerDegree(0))) / Math.LN2, true);
      }
    }
  }).addTo(map);
  if (data.outline) {
    L.geoJSON(data.outline, { pane: 'outline', interactive: false,
                              style: function () { return { color: '#5a5a5a', weight: 2, fill: false }; } }).addTo(map);
  }
  (data.countries || []).forEach(function (c) { addLabel(c.lat, c.lon, c.name, 'country-label', 0); });
  // Capitals and governorate seats always; other big towns from zoom 8; cities across the
  // border from zoom 6.
  (data.cities || []).forEach(function (c) {
    addLabel(c.lat, c.lon, c.name, 'city-label tier-' + c.tier, c.tier === 1 ? 0 : c.tier === 2 ? 8 : 6);
  });
  map.on('zoomend', showLabels);

  function popupFor(ev) {
    var box = el('div', 'popup');
    var head = el('div', 'popup-type');
    head.appendChild(swatch(ev.type));
    head.appendChild(el('strong', null, typeLabel(ev.type)));
    box.appendChild(head);
    var when = ev.date ? ev.date + (ev.date_precision && ev.date_precision !== 'day' ? ' (' + ev.date_precision + ')' : '') : 'undated';
    box.appendChild(row('Date', when));
    box.appendChild(row('Place', [ev.place, ev.admin1]));
    box.appendChild(el('blockquote', 'snippet', ev.snippet));
    box.appendChild(row('Report', ev.title || ev.doc_id));
    if (ev.source) box.appendChild(row('Source', ev.source));
    var url = safeHttpUrl(ev.url);
    if (url) {
      var line = el('div', 'row');
      var a = el('a', null, ev.url);
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      line.appendChild(a);
      box.appendChild(line);
    } else if (ev.url) {
      box.appendChild(row('URL', ev.url));  // not http(s): shown as text, never a link
    }
    box.appendChild(el('div', 'event-id', ev.id));
    return box;
  }

  // Events: one circle marker each (no marker images), one list entry each. Past
  // data.cluster_above events the markers go into a Leaflet.markercluster group.
  var clustered = data.events.length > data.cluster_above && typeof L.markerClusterGroup === 'function';
  var eventLayer = (clustered
    ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, spiderfyDistanceMultiplier: 1.5 })
    : L.layerGroup()).addTo(map);
  var list = document.getElementById('event-list');
  function showMarker(e) {
    if (!e.shown) return;
    if (clustered) {
      eventLayer.zoomToShowLayer(e.marker, function () { e.marker.openPopup(); });
    } else {
      map.setView(e.marker.getLatLng(), Math.max(map.getZoom(), 9));
      e.marker.openPopup();
    }
  }
  var entries = data.events.map(function (ev) {
    // Undated events: a dashed dark outline, as in the legend.
    var undatedEvent = ev.day === null;
    var marker = L.circleMarker([ev.lat, ev.lon], {
      radius: 7, weight: 1.5, opacity: 1, color: undatedEvent ? '#222222' : '#ffffff',
      dashArray: undatedEvent ? '3 2' : null,
      fillColor: colours[ev.type] || '#777777', fillOpacity: 0.95, className: 'event-marker'
    });
    marker.bindPopup(function () { return popupFor(ev); }, { maxWidth: 340, minWidth: 220 });
    marker.on('add', function () {
      var path = marker.getElement();
      if (path) {
        path.setAttribute('data-event-id', ev.id);
        path.setAttribute('data-event-type', ev.type);
      }
    });
    var li = el('li');
    li.hidden = true;  // until apply() lists it (no layout of a long list before that)
    li.setAttribute('data-event-id', ev.id);
    li.setAttribute('data-event-type', ev.type);
    if (ev.date) li.setAttribute('data-date', ev.date);
    var head = el('div', 'ev-head');
    head.appendChild(swatch(ev.type));
    head.appendChild(el('span', 'ev-place', ev.place));
    head.appendChild(el('span', 'ev-type', typeLabel(ev.type)));
    head.appendChild(el('span', 'ev-date', ev.date || 'undated'));
    li.appendChild(head);
    li.appendChild(el('div', 'ev-snippet', ev.snippet));
    var entry = { ev: ev, marker: marker, li: li, shown: false };
    li.addEventListener('click', function () { showMarker(entry); });
    list.appendChild(li);
    return entry;
  });

  // Uncertainty circles: each shown event's uncertainty_m as a circle in metres (so it grows
  // with the zoom), from zoom UNCERTAINTY_ZOOM on while the box is ticked. Only circles that
  // can reach the view are drawn, one per place and radius (events at one town share one).
  var UNCERTAINTY_ZOOM = 9;
  var uncertaintyBox = document.getElementById('show-uncertainty');
  var circles = {};
  function syncCircles() {
    var want = uncertaintyBox.checked && map.getZoom() >= UNCERTAINTY_ZOOM;
    var view = map.getBounds();
    var wanted = {};
    if (want) {
      entries.forEach(function (e) {
        var ev = e.ev;
        if (!e.shown || !(ev.uncertainty_m > 0)) return;
        var dLat = ev.uncertainty_m / 111320;
        var dLon = dLat / Math.max(Math.cos(ev.lat * Math.PI / 180), 0.01);
        if (ev.lat + dLat < view.getSouth() || ev.lat - dLat > view.getNorth() ||
            ev.lon + dLon < view.getWest() || ev.lon - dLon > view.getEast()) return;
        var key = ev.lat + ',' + ev.lon + ',' + ev.uncertainty_m;
        if (!wanted[key]) wanted[key] = ev;
      });
    }
    Object.keys(circles).forEach(function (key) {
      if (!wanted[key]) { map.removeLayer(circles[key]); delete circles[key]; }
    });
    var n = 0;
    Object.keys(wanted).forEach(function (key) {
      n++;
      if (circles[key]) return;
      var ev = wanted[key];
      var colour = colours[ev.type] || '#777777';
      circles[key] = L.circle([ev.lat, ev.lon], {
        radius: ev.uncertainty_m, pane: 'uncertainty', interactive: false, className: 'uncertainty-circle',
        color: colour, weight: 1, opacity: 0.45, dashArray: '4 3', fillColor: colour, fillOpacity: 0.06
      }).addTo(map);
    });
    document.body.setAttribute('data-uncertainty-circles', String(n));
  }
  uncertaintyBox.addEventListener('change', syncCircles);
  map.on('moveend', syncCircles);

  // Legend: types with counts, and what happens to undated events.
  var legend = document.getElementById('legend');
  data.types.forEach(function (t) {
    var li = el('li');
    li.setAttribute('data-event-type', t.type);
    li.appendChild(swatch(t.type));
    li.appendChild(el('span', null, typeLabel(t.type) + ' (' + t.count + ')'));
    legend.appendChild(li);
  });
  var undated = data.events.filter(function (ev) { return ev.day === null; }).length;
  var undatedItem = el('li', 'undated-legend');
  var us = el('span', 'swatch undated');
  undatedItem.appendChild(us);
  undatedItem.appendChild(el('span', null, 'Undated events (' + undated + '): dashed outline, always shown whatever the date range'));
  legend.appendChild(undatedItem);

  // Date range: two sliders over the event days.
  var from = document.getElementById('date-from');
  var to = document.getElementById('date-to');
  var fromLabel = document.getElementById('date-from-label');
  var toLabel = document.getElementById('date-to-label');
  var counter = document.getElementById('counter-shown');
  var total = document.getElementById('counter-total');
  var dated = data.first_date !== null && data.last_day !== null;
  if (dated) {
    [from, to].forEach(function (r) { r.min = '0'; r.max = String(data.last_day); r.step = '1'; });
    from.value = '0';
    to.value = String(data.last_day);
  } else {
    document.getElementById('dates').hidden = true;
    document.getElementById('no-dates').hidden = false;
  }

  // Histogram under the sliders: dated events per day (spans up to 92 days), per week (up to
  // two years) or per month, one SVG bar per period; bars inside the sliders' range are
  // highlighted, and a click on a bar sets the range to its period.
  var bins = [];
  function buildHistogram() {
    var svg = document.getElementById('histogram');
    var note = document.getElementById('histogram-note');
    if (!dated) return;
    var last = data.last_day;
    var unit = last + 1 <= 92 ? 'day' : last + 1 <= 732 ? 'week' : 'month';
    var first = new Date(firstMs);
    var firstMonth = first.getUTCFullYear() * 12 + first.getUTCMonth();
    function monthOf(day) { var d = new Date(firstMs + day * DAY_MS); return d.getUTCFullYear() * 12 + d.getUTCMonth() - firstMonth; }
    function binOf(day) { return unit === 'day' ? day : unit === 'week' ? Math.floor(day / 7) : monthOf(day); }
    var n = binOf(last) + 1;
    for (var i = 0; i < n; i++) bins.push({ from: null, to: null, count: 0, rect: null });
    for (var d = 0; d <= last; d++) {
      var bin = bins[binOf(d)];
      if (bin.from === null) bin.from = d;
      bin.to = d;
    }
    data.events.forEach(function (ev) { if (ev.day !== null) bins[binOf(ev.day)].count++; });
    var max = 1;
    bins.forEach(function (b) { max = Math.max(max, b.count); });
    var H = 50;
    svg.setAttribute('viewBox', '0 0 ' + n + ' ' + H);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('data-unit', unit);
    var NS = 'http://www.w3.org/2000/svg';
    bins.forEach(function (b, i) {
      var h = b.count === 0 ? 0 : Math.max(1.5, H * b.count / max);
      var r = document.createElementNS(NS, 'rect');
      r.setAttribute('class', 'hist-bar');
      r.setAttribute('x', String(i + (n > 60 ? 0 : 0.1)));
      r.setAttribute('width', String(n > 60 ? 1 : 0.8));
      r.setAttribute('y', String(H - h));
      r.setAttribute('height', String(h));
      r.setAttribute('data-count', String(b.count));
      var period = dayToIso(b.from) + (b.to !== b.from ? ' to ' + dayToIso(b.to) : '');
      var title = document.createElementNS(NS, 'title');
      title.textContent = period + ': ' + b.count + (b.count === 1 ? ' event' : ' events');
      r.appendChild(title);
      r.addEventListener('click', function () {
        from.value = String(b.from);
        to.value = String(b.to);
        apply(null);
      });
      svg.appendChild(r);
      b.rect = r;
    });
    note.textContent = 'Dated events per ' + unit + ' (the tallest bar: ' + max + ')' +
      (undated ? '; ' + undated + ' undated not counted' : '') + '. Click a bar for its ' + unit + '.';
  }
  buildHistogram();

  var LIST_STEP = 500;
  var listLimit = LIST_STEP;
  var moreButton = document.getElementById('list-more');
  function apply(moved) {
    var lo = dated ? Number(from.value) : 0;
    var hi = dated ? Number(to.value) : 0;
    if (lo > hi) {
      if (moved === to) { from.value = String(hi); lo = hi; } else { to.value = String(lo); hi = lo; }
    }
    if (dated) {
      fromLabel.textContent = dayToIso(lo);
      toLabel.textContent = dayToIso(hi);
    }
    var shown = 0;
    var toAdd = [];
    var toRemove = [];
    entries.forEach(function (e) {
      var visible = e.ev.day === null || (e.ev.day >= lo && e.ev.day <= hi);
      if (visible) {
        shown++;
        if (!e.shown) toAdd.push(e.marker);
      } else if (e.shown) {
        e.marker.closePopup();
        toRemove.push(e.marker);
      }
      e.shown = visible;
      // The list holds the first listLimit shown events (laying out thousands of entries is
      // what made a big page slow to open); "Show more" raises the limit.
      e.li.hidden = !visible || shown > listLimit;
      e.li.setAttribute('data-shown', visible ? 'true' : 'false');
    });
    moreButton.hidden = shown <= listLimit;
    if (shown > listLimit) {
      moreButton.textContent = 'Show ' + Math.min(LIST_STEP, shown - listLimit) + ' more (' + listLimit + ' of ' + shown + ' listed)';
    }
    if (clustered) {
      if (toRemove.length) eventLayer.removeLayers(toRemove);
      if (toAdd.length) eventLayer.addLayers(toAdd);
    } else {
      toRemove.forEach(function (m) { eventLayer.removeLayer(m); });
      toAdd.forEach(function (m) { eventLayer.addLayer(m); });
    }
    bins.forEach(function (b) {
      b.rect.setAttribute('class', 'hist-bar' + (b.to >= lo && b.from <= hi ? ' in-range' : ''));
    });
    counter.textContent = shown + (shown === 1 ? ' event shown' : ' events shown');
    total.textContent = ' of ' + entries.length;
    syncCircles();
  }
  moreButton.addEventListener('click', function () { listLimit += LIST_STEP; apply(null); });
  from.addEventListener('input', function () { apply(from); });
  to.addEventListener('input', function () { apply(to); });

  var bounds = govLayer.getBounds();
  if (!bounds.isValid() && data.events.length) bounds = L.latLngBounds(data.events.map(function (ev) { return [ev.lat, ev.lon]; }));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  else map.setView([35.0, 38.5], 7);
  showLabels();

  apply(null);

  // #event=ID opens that event's popup (links to one event; used by the tests).
  var m = /^#event=(.+)$/.exec(window.location.hash);
  if (m) {
    var wanted = null;
    try { wanted = decodeURIComponent(m[1]); } catch (err) { wanted = null; }
    entries.forEach(function (e) {
      if (e.ev.id === wanted) showMarker(e);
    });
  }
  // For scripts driving the page (the tests): the map, and what the page chose.
  window.toponymPage = { map: map, clustered: clustered, events: entries.length };
  document.body.setAttribute('data-clustered', clustered ? 'true' : 'false');
  document.body.setAttribute('data-load-ms', String(Math.round(window.performance ? performance.now() : 0)));
  document.body.setAttribute('data-ready', 'true');
})();
)JS";

std::string page_title(const std::string& error_name) {
    const std::string name = std::filesystem::path(error_name).filename().string();
    return name.empty() ? std::string("toponym map") : "toponym map: " + name;
}

}  // namespace

void HtmlPreview::write(const std::string& path, const admin::AdminIndex& governorates, const std::string& error_name) {
    const std::string_view js = leaflet_js();
    const std::string_view css = leaflet_css();
    const std::string_view mc_js = markercluster_js();
    const std::string_view mc_css = markercluster_css();
    // cmake/leaflet.cmake and cmake/markercluster.cmake check this too; the page must not end
    // an element early.
    if (contains_ci(js, "</script") || contains_ci(css, "</style") || contains_ci(mc_js, "</script") ||
        contains_ci(mc_css, "</style")) {
        throw DataError(error_name, "the embedded Leaflet cannot be inlined (it contains </script or </style)");
    }

    const std::string title = html_escape(page_title(error_name));
    // The data around its events: the events are copied in from the spool at "events":[].
    const std::string frame = json_for_script(page_frame(type_counts_, first_, last_, governorates));
    const std::size_t events_at = frame.find("\"events\":[]");
    if (events_at == std::string::npos) throw std::logic_error("HtmlPreview: no events array in the page data");

    std::string page;
    page.reserve(js.size() + css.size() + mc_js.size() + mc_css.size() + 16384);
    page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
    page += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    page += "<meta name=\"generator\" content=\"toponym\">\n";
    page += "<title>" + title + "</title>\n";
    page += "<style>\n/* Leaflet 1.9.4, BSD-2-Clause, https://leafletjs.com */\n";
    page += css;
    page += "\n</style>\n<style>\n/* Leaflet.markercluster " TOPONYM_MARKERCLUSTER_VERSION
            ", MIT, https://github.com/Leaflet/Leaflet.markercluster */\n";
    page += mc_css;
    page += "\n</style>\n<style>";
    page += kPageCss;
    page += "</style>\n<script>";
    page += kErrorScript;
    page += "</script>\n</head>\n<body>\n<div id=\"map\" role=\"region\" aria-label=\"Map of the events\"></div>\n";
    page += "<aside id=\"panel\">\n<h1>" + title + "</h1>\n";
    page += "<p id=\"script-error\" hidden></p>\n";
    page += "<p id=\"counter\" aria-live=\"polite\"><span id=\"counter-shown\">0 events shown</span>"
            "<span id=\"counter-total\"></span></p>\n";
    page += "<div id=\"dates\">\n"
            "<div class=\"range-row\"><label for=\"date-from\">From</label><input type=\"range\" id=\"date-from\" "
            "min=\"0\" max=\"0\" value=\"0\"><output id=\"date-from-label\" for=\"date-from\"></output></div>\n"
            "<div class=\"range-row\"><label for=\"date-to\">To</label><input type=\"range\" id=\"date-to\" "
            "min=\"0\" max=\"0\" value=\"0\"><output id=\"date-to-label\" for=\"date-to\"></output></div>\n"
            "<div id=\"histogram-box\"><svg id=\"histogram\" role=\"img\" aria-label=\"Events over time\" "
            "xmlns=\"http://www.w3.org/2000/svg\"></svg><p id=\"histogram-note\" class=\"note\"></p></div>\n"
            "</div>\n<p id=\"no-dates\" class=\"note\" hidden>No dated events: nothing to filter by date.</p>\n";
    page += "<label class=\"toggle\"><input type=\"checkbox\" id=\"show-uncertainty\" checked> "
            "Uncertainty circles (zoom 9 and closer)</label>\n";
    page += "<ul id=\"legend\"></ul>\n";
    page += "<p class=\"note\">Click a marker or a list entry for the report's sentence and source; "
            "hover over a governorate for its name.</p>\n";
    page += "<ul id=\"event-list\" aria-label=\"Events\"></ul>\n<button type=\"button\" id=\"list-more\" hidden></button>\n</aside>\n";
    page += "<script type=\"application/json\" id=\"toponym-data\">";
    const std::size_t data_at = page.size();
    page += "</script>\n<script>\n";
    page += js;
    page += "\n</script>\n<script>\n/* Leaflet.markercluster " TOPONYM_MARKERCLUSTER_VERSION ", MIT */\n";
    page += mc_js;
    page += "\n</script>\n<script>";
    page += kPageScript;
    page += "</script>\n</body>\n</html>\n";

    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const auto put = [&out](std::string_view bytes) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); };
    put(std::string_view(page).substr(0, data_at));
    put(std::string_view(frame).substr(0, events_at + 10));  // up to and with "events":[
    // By date, undated last; input order within a day.
    std::vector<Spool::Entry>& entries = spool_->entries;
    std::stable_sort(entries.begin(), entries.end(), [](const Spool::Entry& a, const Spool::Entry& b) { return a.day < b.day; });
    std::string row;
    for (std::size_t i = 0; i < entries.size() && out; ++i) {
        const Spool::Entry& e = entries[i];
        row.resize(e.size);
        if (std::fseek(spool_->file.get(), static_cast<long>(e.offset), SEEK_SET) != 0 ||
            std::fread(row.data(), 1, e.size, spool_->file.get()) != e.size) {
            throw DataError(error_name, "cannot read back the HTML preview's temporary events");
        }
        std::optional<Date> date;
        if (e.day != INT32_MAX) date = Date(std::chrono::days(e.day));
        if (i > 0) put(",");
        put(with_day(row, date, first_));
    }
    put(std::string_view(frame).substr(events_at + 10));
    put(std::string_view(page).substr(data_at));
    out.close();
    if (!out) throw DataError(error_name, fmt::format("cannot write the HTML preview: {}", std::strerror(errno)));
}

void write_html_preview(const std::string& path, const std::vector<DocumentResult>& results, const Gazetteer& /*gazetteer*/,
                        const admin::AdminIndex& governorates, const std::string& error_name) {
    HtmlPreview preview;
    for (const DocumentResult& r : results) preview.add(r);
    preview.write(path, governorates, error_name);
}

}  // namespace toponym::io
