// The HTML preview: one file with Leaflet, the governorates, the events and the page's own script
// inlined. The data goes in as one JSON document (nlohmann::json) inside a
// <script type="application/json"> element; the page's script puts every text into the DOM with
// textContent, never as markup, and a Content-Security-Policy forbids any load from the network.
#include "io/html_preview.hpp"

#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "ingest/document_reader.hpp"
#include "io/gdal_util.hpp"
#include "io/safe_output.hpp"

// Leaflet's dist/leaflet.js and dist/leaflet.css from the npm package, pulled in by the assembler
// at build time (cmake/leaflet.cmake fetches them and passes the paths).
__asm__(
    ".pushsection .rodata\n"
    ".balign 16\n"
    "toponym_leaflet_js_begin:\n"
    ".incbin \"" TOPONYM_LEAFLET_JS "\"\n"
    "toponym_leaflet_js_end:\n"
    ".byte 0\n"
    ".balign 16\n"
    "toponym_leaflet_css_begin:\n"
    ".incbin \"" TOPONYM_LEAFLET_CSS "\"\n"
    "toponym_leaflet_css_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" {
extern const char toponym_leaflet_js_begin[];
extern const char toponym_leaflet_js_end[];
extern const char toponym_leaflet_css_begin[];
extern const char toponym_leaflet_css_end[];
}

namespace toponym::io {

namespace {

using nlohmann::json;

std::string_view leaflet_js() {
    return {toponym_leaflet_js_begin, static_cast<std::size_t>(toponym_leaflet_js_end - toponym_leaflet_js_begin)};
}

std::string_view leaflet_css() {
    return {toponym_leaflet_css_begin, static_cast<std::size_t>(toponym_leaflet_css_end - toponym_leaflet_css_begin)};
}

// Marker colours by event type (colour-blind-friendly where it matters: strikes warm, ground
// fighting cool); types not listed get the extra colours in turn.
const std::vector<std::pair<std::string, std::string>>& type_colours() {
    static const std::vector<std::pair<std::string, std::string>> colours = {
        {"air_strike", "#d7191c"},          {"drone_strike", "#f28e2b"}, {"shelling", "#7b3294"},
        {"clashes", "#2c7bb6"},             {"chemical_attack", "#1a9641"},
        {"capture_of_territory", "#8c510a"}, {"displacement", "#01a0a0"},
    };
    return colours;
}
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
// or change the element. Invalid UTF-8 is replaced rather than thrown on.
std::string json_for_script(const json& value) {
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (char c : text) {
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

// One governorate as a GeoJSON feature (simplified to about 100 m, plenty for a preview, so
// fine COD-AB boundaries do not make the page huge); null when its geometry is unusable.
json governorate_feature(const admin::AdminArea& area) {
    if (area.wkb.empty()) return nullptr;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(area.wkb.data(), nullptr, &raw, area.wkb.size()) != OGRERR_NONE || !raw) {
        return nullptr;
    }
    std::unique_ptr<OGRGeometry> geometry(raw);
    if (std::unique_ptr<OGRGeometry> simple(geometry->SimplifyPreserveTopology(0.001)); simple && !simple->IsEmpty()) {
        geometry = std::move(simple);
    }
    char* options[] = {const_cast<char*>("COORDINATE_PRECISION=5"), nullptr};
    char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geometry.get()), options);
    if (!text) return nullptr;
    json geojson = json::parse(text, nullptr, false);
    CPLFree(text);
    if (geojson.is_discarded()) return nullptr;
    return json{{"type", "Feature"},
                {"properties", {{"pcode", area.pcode}, {"name", area.name_en}, {"name_ar", area.name_ar}}},
                {"geometry", std::move(geojson)}};
}

struct PreviewEvent {
    const DocumentResult* result;
    const Event* event;
    const Place* place;
    const Mention* mention;
};

json page_data(const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
               const admin::AdminIndex& governorates) {
    std::vector<PreviewEvent> events;
    for (const DocumentResult& r : results) {
        if (r.failed) continue;
        for (const Event& ev : r.events) {
            if (ev.mention >= r.mentions.size() || r.mentions[ev.mention].candidates.empty()) continue;
            const Mention& m = r.mentions[ev.mention];
            const Place& place = gazetteer.place(m.place());
            if (!std::isfinite(ev.lat) || !std::isfinite(ev.lon)) continue;  // Leaflet would throw
            events.push_back({&r, &ev, &place, &m});
        }
    }
    // By date, undated last; input order within a day.
    std::stable_sort(events.begin(), events.end(), [](const PreviewEvent& a, const PreviewEvent& b) {
        const auto& da = a.event->event_date;
        const auto& db = b.event->event_date;
        if (da.has_value() != db.has_value()) return da.has_value();
        return da && *da < *db;
    });

    std::optional<Date> first;
    std::optional<Date> last;
    for (const PreviewEvent& e : events) {
        if (const auto& d = e.event->event_date) {
            if (!first || *d < *first) first = *d;
            if (!last || *d > *last) last = *d;
        }
    }

    std::map<std::string, std::size_t> type_counts;
    json event_rows = json::array();
    for (const PreviewEvent& e : events) {
        const Event& ev = *e.event;
        const Document& doc = e.result->doc;
        ++type_counts[ev.event_type];
        json row = {
            {"id", ev.event_id},
            {"type", ev.event_type},
            {"date", ev.event_date ? json(ingest::format_date(*ev.event_date)) : json(nullptr)},
            {"date_precision", ev.date_precision},
            {"day", ev.event_date ? json((*ev.event_date - *first).count()) : json(nullptr)},
            {"lat", ev.lat},
            {"lon", ev.lon},
            {"place", ev.place_name},
            {"place_id", ev.place_id},
            {"admin1", ev.admin.admin1},
            {"surface", e.mention->surface},
            {"snippet", ev.snippet},
            {"confidence", ev.confidence},
            {"doc_id", doc.doc_id},
            {"title", doc.title},
            {"source", doc.source},
            {"url", doc.url},
        };
        event_rows.push_back(std::move(row));
    }

    json types = json::array();
    for (const auto& [type, colour] : type_colours()) {
        if (const auto it = type_counts.find(type); it != type_counts.end()) {
            types.push_back({{"type", type}, {"colour", colour}, {"count", it->second}});
            type_counts.erase(it);
        }
    }
    std::size_t extra = 0;
    for (const auto& [type, count] : type_counts) {
        types.push_back({{"type", type}, {"colour", kExtraColours[extra++ % std::size(kExtraColours)]}, {"count", count}});
    }

    json features = json::array();
    {
        QuietGdalErrors quiet;
        for (const admin::AdminArea& area : governorates.areas()) {
            if (json f = governorate_feature(area); !f.is_null()) features.push_back(std::move(f));
        }
    }

    return json{
        {"first_date", first ? json(ingest::format_date(*first)) : json(nullptr)},
        {"last_day", first ? json((*last - *first).count()) : json(nullptr)},
        {"types", std::move(types)},
        {"events", std::move(event_rows)},
        {"governorates", {{"type", "FeatureCollection"}, {"features", std::move(features)}}},
    };
}

constexpr std::string_view kPageCss = R"CSS(
html, body { height: 100%; margin: 0; }
body { display: flex; font: 13px/1.4 system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; }
#map { flex: 1 1 auto; height: 100%; background: #dce6ee; }
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

  var map = L.map('map', { zoomSnap: 0.25 });
  L.control.scale({ imperial: false }).addTo(map);

  // Base map: the governorates, names in tooltips.
  var govStyle = { color: '#8f8f8f', weight: 1, fillColor: '#f6f1e4', fillOpacity: 1 };
  var govLayer = L.geoJSON(data.governorates, {
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
    }
  }).addTo(map);

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

  // Events: one circle marker each (no marker images), one list entry each.
  var eventLayer = L.layerGroup().addTo(map);
  var list = document.getElementById('event-list');
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
    li.addEventListener('click', function () {
      if (!eventLayer.hasLayer(marker)) return;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9));
      marker.openPopup();
    });
    list.appendChild(li);
    return { ev: ev, marker: marker, li: li };
  });

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
    entries.forEach(function (e) {
      var visible = e.ev.day === null || (e.ev.day >= lo && e.ev.day <= hi);
      if (visible) {
        shown++;
        if (!eventLayer.hasLayer(e.marker)) eventLayer.addLayer(e.marker);
      } else if (eventLayer.hasLayer(e.marker)) {
        e.marker.closePopup();
        eventLayer.removeLayer(e.marker);
      }
      e.li.hidden = !visible;
      e.li.setAttribute('data-shown', visible ? 'true' : 'false');
    });
    counter.textContent = shown + (shown === 1 ? ' event shown' : ' events shown');
    total.textContent = ' of ' + entries.length;
  }
  from.addEventListener('input', function () { apply(from); });
  to.addEventListener('input', function () { apply(to); });

  var bounds = govLayer.getBounds();
  if (!bounds.isValid()) bounds = L.latLngBounds(data.events.map(function (ev) { return [ev.lat, ev.lon]; }));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  else map.setView([35.0, 38.5], 7);

  apply(null);

  // #event=ID opens that event's popup (links to one event; used by the tests).
  var m = /^#event=(.+)$/.exec(window.location.hash);
  if (m) {
    var wanted = null;
    try { wanted = decodeURIComponent(m[1]); } catch (err) { wanted = null; }
    entries.forEach(function (e) {
      if (e.ev.id === wanted && eventLayer.hasLayer(e.marker)) e.marker.openPopup();
    });
  }
  document.body.setAttribute('data-ready', 'true');
})();
)JS";

std::string page_title(const std::string& error_name) {
    const std::string name = std::filesystem::path(error_name).filename().string();
    return name.empty() ? std::string("toponym map") : "toponym map: " + name;
}

}  // namespace

void write_html_preview(const std::string& path, const std::vector<DocumentResult>& results,
                        const Gazetteer& gazetteer, const admin::AdminIndex& governorates,
                        const std::string& error_name) {
    const std::string_view js = leaflet_js();
    const std::string_view css = leaflet_css();
    // cmake/leaflet.cmake checks this too; the page must not end an element early.
    if (contains_ci(js, "</script") || contains_ci(css, "</style")) {
        throw DataError(error_name, "the embedded Leaflet cannot be inlined (it contains </script or </style)");
    }

    const std::string title = html_escape(page_title(error_name));
    const std::string data = json_for_script(page_data(results, gazetteer, governorates));

    std::string page;
    page.reserve(js.size() + css.size() + data.size() + 16384);
    page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
    page += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    page += "<meta name=\"generator\" content=\"toponym\">\n";
    page += "<title>" + title + "</title>\n";
    page += "<style>\n/* Leaflet 1.9.4, BSD-2-Clause, https://leafletjs.com */\n";
    page += css;
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
            "</div>\n<p id=\"no-dates\" class=\"note\" hidden>No dated events: nothing to filter by date.</p>\n";
    page += "<ul id=\"legend\"></ul>\n";
    page += "<p class=\"note\">Click a marker or a list entry for the report's sentence and source; "
            "hover over a governorate for its name.</p>\n";
    page += "<ul id=\"event-list\" aria-label=\"Events\"></ul>\n</aside>\n";
    page += "<script type=\"application/json\" id=\"toponym-data\">";
    page += data;
    page += "</script>\n<script>\n";
    page += js;
    page += "\n</script>\n<script>";
    page += kPageScript;
    page += "</script>\n</body>\n</html>\n";

    write_whole_file(path, page, error_name, "HTML preview");
}

}  // namespace toponym::io
