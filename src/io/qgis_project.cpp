// A QGIS 3.22 project (.qgs) over toponym's output, written as XML text: the layers with the
// styles of styles/*.qml put into their <maplayer> elements, EPSG:4326, the map extent, and
// the project time range for the temporal controller (the events layer's own temporal
// settings, "single field with date/time" on event_date, come with its style).
#include "io/qgis_project.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "core/stable_id.hpp"
#include "io/qgis_styles.hpp"
#include "store/safe_output.hpp"

namespace toponym::io {

namespace {

namespace fs = std::filesystem;

// Text for XML character data and attribute values: markup characters as entities, the
// whitespace that attribute normalisation would eat as character references, and the control
// characters XML 1.0 cannot hold at all dropped. Valid UTF-8 passes through unchanged.
std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c < 0) out.push_back(c);
                break;
        }
    }
    return out;
}

using Attributes = std::vector<std::pair<std::string, std::string>>;

// A small indenting XML writer; every name and value goes through xml_escape.
class XmlWriter {
public:
    void open(std::string_view name, const Attributes& attributes = {}) {
        start_tag(name, attributes);
        out_ += ">\n";
        open_.emplace_back(name);
    }
    void close() {
        const std::string name = std::move(open_.back());
        open_.pop_back();
        indent();
        out_ += "</" + name + ">\n";
    }
    void empty(std::string_view name, const Attributes& attributes = {}) {
        start_tag(name, attributes);
        out_ += "/>\n";
    }
    void text(std::string_view name, std::string_view value, const Attributes& attributes = {}) {
        start_tag(name, attributes);
        out_ += ">" + xml_escape(value) + "</" + std::string(name) + ">\n";
    }
    // Markup that is already XML (the inside of a QML document), re-indented to the current level.
    void raw(std::string_view xml) {
        const std::string pad(2 * open_.size(), ' ');
        bool line_start = true;
        for (char c : xml) {
            if (line_start && c != '\n') out_ += pad;
            out_.push_back(c);
            line_start = c == '\n';
        }
        if (!line_start) out_.push_back('\n');
    }
    void line(std::string_view s) { out_.append(s).push_back('\n'); }
    const std::string& str() const { return out_; }

private:
    void indent() { out_.append(2 * open_.size(), ' '); }
    void start_tag(std::string_view name, const Attributes& attributes) {
        indent();
        out_ += "<" + std::string(name);
        for (const auto& [key, value] : attributes) out_ += " " + key + "=\"" + xml_escape(value) + "\"";
    }
    std::string out_;
    std::vector<std::string> open_;
};

// The parts of a QML document a <maplayer> takes: the root <qgis> element's attributes and its
// content. The QML files are ours (styles/), so a light scan is enough: skip the prolog
// (DOCTYPE, comments), then the start tag up to its closing '>' outside quotes.
struct QmlParts {
    std::string start_tag;  // "<qgis ...>"
    std::string_view inner; // between <qgis ...> and </qgis>
};

std::optional<QmlParts> split_qml(std::string_view qml) {
    std::size_t pos = 0;
    while (true) {
        pos = qml.find('<', pos);
        if (pos == std::string_view::npos) return std::nullopt;
        if (qml.substr(pos, 4) == "<!--") {
            pos = qml.find("-->", pos);
            if (pos == std::string_view::npos) return std::nullopt;
            continue;
        }
        if (qml.substr(pos, 2) == "<!" || qml.substr(pos, 2) == "<?") {
            pos = qml.find('>', pos);
            if (pos == std::string_view::npos) return std::nullopt;
            continue;
        }
        break;
    }
    if (qml.substr(pos, 5) != "<qgis") return std::nullopt;
    char quote = 0;
    std::size_t end = pos + 5;
    for (; end < qml.size(); ++end) {
        const char c = qml[end];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        }
    }
    const std::size_t close = qml.rfind("</qgis>");
    if (end >= qml.size() || close == std::string_view::npos || close < end) return std::nullopt;
    std::string_view inner = qml.substr(end + 1, close - end - 1);
    while (!inner.empty() && (inner.front() == '\n' || inner.front() == '\r')) inner.remove_prefix(1);
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\n' || inner.back() == '\r')) inner.remove_suffix(1);
    return QmlParts{std::string(qml.substr(pos, end + 1 - pos)), inner};
}

bool labels_enabled(const QmlParts& qml) {
    return qml.start_tag.find("labelsEnabled=\"1\"") != std::string::npos &&
           qml.inner.find("<labeling") != std::string_view::npos;
}

// toponym's layers and their geometry (QGIS keeps it for a layer whose data is missing).
std::pair<std::string, std::string> geometry_of(const ProjectLayer& layer) {
    if (!layer.has_geometry) return {"No geometry", "NoGeometry"};
    if (layer.name == "governorates") return {"Polygon", "MultiPolygon"};
    if (layer.name == "events" || layer.name == "mentions" || layer.name == "places") return {"Point", "Point"};
    return {"", ""};
}

// The data file as QGIS writes a relative path: "./out.gpkg", "../data/out.gpkg".
std::string relative_source(const std::string& qgs_path, const std::string& data_path) {
    const fs::path base = fs::absolute(fs::path(qgs_path)).lexically_normal().parent_path();
    const fs::path data = fs::absolute(fs::path(data_path)).lexically_normal();
    fs::path rel = data.lexically_relative(base);
    if (rel.empty()) return data.generic_string();  // no relative path (another root): absolute
    std::string s = rel.generic_string();
    if (!s.starts_with("../") && s != "..") s = "./" + s;
    return s;
}

bool is_geopackage(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".gpkg";
}

void write_wgs84(XmlWriter& x) {
    x.open("spatialrefsys");
    x.text("proj4", "+proj=longlat +datum=WGS84 +no_defs");
    x.text("srsid", "3452");
    x.text("srid", "4326");
    x.text("authid", "EPSG:4326");
    x.text("description", "WGS 84");
    x.text("projectionacronym", "longlat");
    x.text("ellipsoidacronym", "EPSG:7030");
    x.text("geographicflag", "true");
    x.close();
}

std::string number(double v) { return fmt::format("{}", v); }

// The data extent with a margin (8 %, at least about 10 km) so that points at its edge are not cut;
// no data (or no extent) gives Syria.
std::array<double, 4> padded_extent(const std::array<double, 4>& e) {
    const bool valid = std::all_of(e.begin(), e.end(), [](double v) { return std::isfinite(v); }) && e[0] <= e[2] &&
                       e[1] <= e[3] && !(e[0] == 0 && e[1] == 0 && e[2] == 0 && e[3] == 0);
    if (!valid) return {35.6, 32.3, 42.4, 37.4};
    const double dx = std::max((e[2] - e[0]) * 0.08, 0.1);
    const double dy = std::max((e[3] - e[1]) * 0.08, 0.1);
    return {std::max(e[0] - dx, -180.0), std::max(e[1] - dy, -90.0), std::min(e[2] + dx, 180.0), std::min(e[3] + dy, 90.0)};
}

// Local date-times without a zone, as the events' DATETIME values are written: QGIS reads both
// as local time, so the range and the features agree whatever the machine's time zone.
std::string midnight(Date day) { return date::format("%FT00:00:00", day); }

struct LayerEntry {
    const ProjectLayer* layer;
    std::string id;
    std::string source;
};

void write_maplayer(XmlWriter& x, const LayerEntry& e) {
    const std::string_view qml = layer_style_qml(e.layer->name);
    const std::optional<QmlParts> parts = qml.empty() ? std::nullopt : split_qml(qml);
    const auto [geometry, wkb_type] = geometry_of(*e.layer);
    Attributes attributes = {{"type", "vector"}};
    if (!geometry.empty()) {
        attributes.emplace_back("geometry", geometry);
        attributes.emplace_back("wkbType", wkb_type);
    }
    attributes.insert(attributes.end(), {{"styleCategories", "AllStyleCategories"},
                                         {"labelsEnabled", parts && labels_enabled(*parts) ? "1" : "0"},
                                         {"hasScaleBasedVisibilityFlag", "0"},
                                         {"minScale", "100000000"},
                                         {"maxScale", "0"},
                                         {"readOnly", "0"},
                                         {"autoRefreshEnabled", "0"},
                                         {"autoRefreshTime", "0"},
                                         {"refreshOnNotifyEnabled", "0"},
                                         {"refreshOnNotifyMessage", ""},
                                         {"simplifyDrawingHints", "1"},
                                         {"simplifyAlgorithm", "0"},
                                         {"simplifyDrawingTol", "1"},
                                         {"simplifyLocal", "1"},
                                         {"simplifyMaxScale", "1"},
                                         {"symbologyReferenceScale", "-1"}});
    x.open("maplayer", attributes);
    x.text("id", e.id);
    x.text("datasource", e.source);
    x.text("layername", e.layer->name);
    if (e.layer->has_geometry) {
        x.open("srs");
        write_wgs84(x);
        x.close();
    }
    x.text("provider", "ogr", {{"encoding", "UTF-8"}});
    x.open("flags");
    x.text("Identifiable", "1");
    x.text("Removable", "1");
    x.text("Searchable", "1");
    x.text("Private", "0");
    x.close();
    if (parts) x.raw(parts->inner);  // renderer-v2, labeling, temporal, blending, legend
    x.close();
}

}  // namespace

void write_qgis_project(const std::string& qgs_path, const ProjectSpec& spec, const std::string& error_name) {
    const std::string data_source = relative_source(qgs_path, spec.data_path);
    const bool gpkg = is_geopackage(spec.data_path);

    std::vector<LayerEntry> entries;
    for (const ProjectLayer& layer : spec.layers) {
        std::string source = data_source;
        // A GeoPackage holds several layers; GeoJSON holds one, named after the file.
        if (gpkg) source += "|layername=" + layer.name;
        entries.push_back({&layer, stable_id(layer.name + "_", {"toponym-layer", layer.name}), std::move(source)});
    }

    XmlWriter x;
    x.line("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>");
    x.open("qgis", {{"version", "3.22.0"}, {"projectname", ""}});
    x.empty("homePath", {{"path", ""}});
    x.text("title", "toponym: " + fs::path(spec.data_path).filename().string());
    x.empty("autotransaction", {{"active", "0"}});
    x.empty("evaluateDefaultValues", {{"active", "0"}});
    x.empty("trust", {{"active", "0"}});
    x.open("projectCrs");
    write_wgs84(x);
    x.close();

    // Layers panel: top first, as they are drawn.
    x.open("layer-tree-group");
    for (const LayerEntry& e : entries) {
        x.open("layer-tree-layer", {{"id", e.id},
                                    {"name", e.layer->name},
                                    {"source", e.source},
                                    {"providerKey", "ogr"},
                                    {"checked", "Qt::Checked"},
                                    {"expanded", e.layer->has_geometry ? "1" : "0"},
                                    {"legend_exp", ""},
                                    {"legend_split_behavior", "0"},
                                    {"patch_size", "-1,-1"}});
        x.empty("customproperties");
        x.close();
    }
    x.empty("custom-order", {{"enabled", "0"}});
    x.close();

    const std::array<double, 4> extent = padded_extent(spec.extent);
    x.open("mapcanvas", {{"name", "theMapCanvas"}, {"annotationsVisible", "1"}});
    x.text("units", "degrees");
    x.open("extent");
    x.text("xmin", number(extent[0]));
    x.text("ymin", number(extent[1]));
    x.text("xmax", number(extent[2]));
    x.text("ymax", number(extent[3]));
    x.close();
    x.text("rotation", "0");
    x.open("destinationsrs");
    write_wgs84(x);
    x.close();
    x.text("rendermaptile", "0");
    x.close();

    x.open("projectlayers");
    for (const LayerEntry& e : entries) write_maplayer(x, e);
    x.close();

    x.open("layerorder");
    for (const LayerEntry& e : entries) x.empty("layer", {{"id", e.id}});
    x.close();

    x.open("properties");
    x.open("Paths");
    x.text("Absolute", "false", {{"type", "bool"}});
    x.close();
    x.open("SpatialRefSys");
    x.text("ProjectionsEnabled", "1", {{"type", "int"}});
    x.close();
    x.close();

    x.open("ProjectViewSettings", {{"UseProjectScales", "0"}, {"rotation", "0"}});
    x.empty("Scales");
    x.open("DefaultViewExtent", {{"xmin", number(extent[0])},
                                 {"ymin", number(extent[1])},
                                 {"xmax", number(extent[2])},
                                 {"ymax", number(extent[3])}});
    write_wgs84(x);
    x.close();
    x.close();

    // The temporal controller steps a day at a time over the events' days: from the first
    // day's midnight to the midnight after the last day, so the last day is a whole frame.
    x.open("ProjectTimeSettings", {{"timeStep", "1"}, {"timeStepUnit", "d"}, {"frameRate", "1"},
                                   {"cumulativeTemporalRange", "0"}});
    if (spec.time_range) {
        const auto [first, last] = *spec.time_range;
        x.open("TemporalRange");
        x.text("start", midnight(std::min(first, last)));
        x.text("end", midnight(std::max(first, last) + date::days(1)));
        x.close();
    }
    x.close();
    x.close();  // qgis

    write_whole_file(qgs_path, x.str(), error_name, "QGIS project");
}

}  // namespace toponym::io
