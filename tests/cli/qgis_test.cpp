// Tests of the QGIS outputs: the styles compiled into the binary, their embedding in a
// GeoPackage's layer_styles table, and the .qgs project. The GeoPackage is built through the
// library from a few inline reports; everything is read back with GDAL (the project with GDAL's
// XML parser). When QGIS and the team's qgis-check tool are installed, the real QGIS 3.22 loads
// the results too.
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <date/date.h>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "admin/admin_boundaries.hpp"
#include "cli_support.hpp"
#include "core/dates.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "io/layer_writer.hpp"
#include "io/qgis_project.hpp"
#include "io/qgis_styles.hpp"
#include "pipeline/pipeline.hpp"
#include "store/gdal_util.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::layer_names;
using toponym::testing::read_file;
using toponym::testing::read_layer;
using toponym::testing::Row;
using toponym::testing::shared_dir;
using toponym::testing::write_file;

namespace {

const std::vector<std::string> kStyledLayers = {"events", "places", "governorates", "mentions"};

struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

Xml parse_xml(const std::string& text) {
    CPLErrorReset();
    Xml doc(CPLParseXMLString(text.c_str()));
    EXPECT_TRUE(doc) << "not well-formed XML: " << CPLGetLastErrorMsg();
    return doc;
}

// The first element called `name` among the children of `node` (null when none).
const CPLXMLNode* child(const CPLXMLNode* node, const char* name) {
    for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext) {
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) return c;
    }
    return nullptr;
}

std::vector<const CPLXMLNode*> children(const CPLXMLNode* node, const char* name) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext) {
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
    }
    return out;
}

std::string value(const CPLXMLNode* node, const char* path, const char* fallback = "") {
    return node ? CPLGetXMLValue(node, path, fallback) : fallback;
}

// Every element called `name` anywhere below `node`.
void find_all(const CPLXMLNode* node, const char* name, std::vector<const CPLXMLNode*>& out) {
    for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        if (std::string(c->pszValue) == name) out.push_back(c);
        find_all(c, name, out);
    }
}

// The <qgis> root of a QML or QGS document (after the DOCTYPE and comments).
const CPLXMLNode* qgis_root(const Xml& doc) {
    for (const CPLXMLNode* n = doc.get(); n; n = n->psNext) {
        if (n->eType == CXT_Element && std::string(n->pszValue) == "qgis") return n;
    }
    return nullptr;
}

// Three short reports on different days and places, mapped through the library.
class QgisOutputs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        using namespace toponym;
        dir_ = fresh_dir("qgis");
        gpkg_ = dir_ / "reports.gpkg";
        const std::vector<std::pair<std::string, std::string>> reports = {
            {"idleb.txt",
             "---\ntitle: Air strikes east of Maarat al-Numan\npublished: 2019-12-21\n---\n"
             "Air strikes hit the villages of Babila and Hish on Saturday morning, rescuers said.\n\n"
             "Artillery shelling hit Saraqib overnight.\n"},
            {"aleppo.txt",
             "---\ntitle: Fighting in southern Aleppo\npublished: 2020-02-03\n---\n"
             "Clashes continued near Khan Tuman as government forces advanced.\n"},
            {"ghouta.txt",
             "---\ntitle: Families leave Douma\npublished: 2018-03-10\n---\n"
             "Thousands of families have been displaced from Douma since the offensive began.\n\n"
             "Others fled the village of Qarqaboush, aid workers said.\n"},
        };
        const admin::AdminBoundaries boundaries = admin::AdminBoundaries::embedded();
        const PipelineContext ctx{Gazetteer::embedded(), boundaries};
        for (const auto& [name, text] : reports) {
            results_.push_back(process_document(ingest::parse_text_document(name, text), ctx));
        }
        counts_ = io::write_layers(gpkg_.string(), gpkg_.string(), io::OutputFormat::GeoPackage, results_,
                                   Gazetteer::embedded(), &boundaries.admin1());

        // What a caller would give the project: the data's extent and first/last event day.
        double min_lon = std::numeric_limits<double>::max(), min_lat = min_lon;
        double max_lon = std::numeric_limits<double>::lowest(), max_lat = max_lon;
        for (const DocumentResult& r : results_) {
            for (const Mention& m : r.mentions) {
                const Place& p = Gazetteer::embedded().place(m.place());
                min_lon = std::min(min_lon, p.lon), max_lon = std::max(max_lon, p.lon);
                min_lat = std::min(min_lat, p.lat), max_lat = std::max(max_lat, p.lat);
            }
            for (const Event& e : r.events) {
                if (!e.event_date) continue;
                if (!first_day_ || *e.event_date < *first_day_) first_day_ = e.event_date;
                if (!last_day_ || *e.event_date > *last_day_) last_day_ = e.event_date;
            }
        }
        extent_ = {min_lon, min_lat, max_lon, max_lat};
    }

    // A fresh copy of the written GeoPackage, for a test that changes it.
    static fs::path copy_of_gpkg(const std::string& name) {
        const fs::path copy = dir_ / (name + ".gpkg");
        fs::copy_file(gpkg_, copy, fs::copy_options::overwrite_existing);
        return copy;
    }

    // The styled layers the GeoPackage really has.
    static std::vector<std::string> styled_layers_present() {
        const std::vector<std::string> names = layer_names(gpkg_);
        std::vector<std::string> out;
        for (const std::string& l : kStyledLayers) {
            if (std::find(names.begin(), names.end(), l) != names.end()) out.push_back(l);
        }
        return out;
    }

    static void embed(const fs::path& gpkg, const std::vector<std::string>& layers) {
        toponym::io::ensure_gdal_registered();
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds) << gpkg;
        toponym::io::embed_layer_styles(*ds, layers, gpkg.string());
    }

    static toponym::io::ProjectSpec spec_for(const fs::path& data) {
        toponym::io::ProjectSpec spec;
        spec.data_path = data.string();
        for (const std::string& l : layer_names(data)) {
            if (l == "layer_styles") continue;
            spec.layers.push_back({l, l != "unresolved" && l != "documents"});
        }
        // Drawing order, top first: events over places over mentions over the polygons.
        const std::map<std::string, int> rank = {{"events", 0}, {"places", 1}, {"mentions", 2}, {"governorates", 3}};
        std::stable_sort(spec.layers.begin(), spec.layers.end(), [&](const auto& a, const auto& b) {
            const auto ra = rank.count(a.name) ? rank.at(a.name) : 9, rb = rank.count(b.name) ? rank.at(b.name) : 9;
            return ra < rb;
        });
        spec.extent = extent_;
        if (first_day_ && last_day_) spec.time_range = std::make_pair(*first_day_, *last_day_);
        return spec;
    }

    static inline fs::path dir_;
    static inline fs::path gpkg_;
    static inline std::vector<toponym::DocumentResult> results_;
    static inline toponym::io::LayerCounts counts_;
    static inline std::array<double, 4> extent_{};
    static inline std::optional<toponym::Date> first_day_, last_day_;
};

// ---- the styles ---------------------------------------------------------------------------

TEST(QgisStyles, EveryToponymLayerHasAWellFormedQmlForItsFields) {
    const std::map<std::string, std::pair<std::string, std::string>> expected = {
        // layer -> renderer type, the field it classifies on
        {"events", {"categorizedSymbol", "event_type"}},
        {"places", {"graduatedSymbol", "n_events"}},
        {"governorates", {"graduatedSymbol", "n_events"}},
        {"mentions", {"singleSymbol", ""}},
    };
    for (const auto& [layer, renderer] : expected) {
        SCOPED_TRACE(layer);
        const std::string qml(toponym::io::layer_style_qml(layer));
        ASSERT_FALSE(qml.empty());
        EXPECT_EQ(qml.find('\0'), std::string::npos) << "the embedded text stops at its end";
        EXPECT_TRUE(qml.starts_with("<!DOCTYPE qgis")) << qml.substr(0, 40);
        EXPECT_TRUE(qml.ends_with("</qgis>\n")) << "the whole file is embedded";
        const Xml doc = parse_xml(qml);
        const CPLXMLNode* root = qgis_root(doc);
        ASSERT_NE(root, nullptr);
        const CPLXMLNode* r = child(root, "renderer-v2");
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(value(r, "type"), renderer.first);
        EXPECT_EQ(value(r, "attr"), renderer.second);
    }
    EXPECT_TRUE(toponym::io::layer_style_qml("unresolved").empty());
    EXPECT_TRUE(toponym::io::layer_style_qml("documents").empty());
    EXPECT_TRUE(toponym::io::layer_style_qml("Events").empty()) << "layer names are exact";
}

TEST(QgisStyles, EventsHaveACategoryWithAReadableLabelForEveryEventType) {
    const Xml doc = parse_xml(std::string(toponym::io::layer_style_qml("events")));
    const CPLXMLNode* cats = child(child(qgis_root(doc), "renderer-v2"), "categories");
    ASSERT_NE(cats, nullptr);
    std::map<std::string, std::string> label;
    std::set<std::string> symbols;
    for (const CPLXMLNode* c : children(cats, "category")) {
        label[value(c, "value")] = value(c, "label");
        symbols.insert(value(c, "symbol"));
    }
    for (const std::string& type : toponym::io::event_types()) {
        ASSERT_TRUE(label.count(type)) << "no category for event type " << type;
        EXPECT_EQ(label[type].find('_'), std::string::npos) << label[type];
        EXPECT_TRUE(std::isupper(static_cast<unsigned char>(label[type][0]))) << label[type];
    }
    EXPECT_EQ(label["shelling"], "Shelling / barrel bombs");
    EXPECT_EQ(symbols.size(), label.size()) << "one symbol per category";

    // Distinct shape + colour per category, and the uncertainty ring sized in metres from
    // uncertainty_m under each marker.
    std::set<std::string> looks;
    std::vector<const CPLXMLNode*> symbol_nodes;
    find_all(child(child(qgis_root(doc), "renderer-v2"), "symbols"), "symbol", symbol_nodes);
    ASSERT_EQ(symbol_nodes.size(), label.size());
    for (const CPLXMLNode* s : symbol_nodes) {
        // Bottom to top: the uncertainty ring, (a halo,) the marker.
        const std::vector<const CPLXMLNode*> layers = children(s, "layer");
        ASSERT_GE(layers.size(), 2u);
        std::map<std::string, std::string> ring, marker;
        for (const CPLXMLNode* o = child(layers.front(), "Option")->psChild; o; o = o->psNext) {
            if (o->eType == CXT_Element) ring[value(o, "name")] = value(o, "value");
        }
        for (const CPLXMLNode* o = child(layers.back(), "Option")->psChild; o; o = o->psNext) {
            if (o->eType == CXT_Element) marker[value(o, "name")] = value(o, "value");
        }
        EXPECT_EQ(ring["size_unit"], "RenderMetersInMapUnits");
        std::vector<const CPLXMLNode*> dd;
        find_all(layers[0], "Option", dd);
        const bool sized_by_uncertainty = std::any_of(dd.begin(), dd.end(), [](const CPLXMLNode* o) {
            return value(o, "name") == "expression" && value(o, "value").find("\"uncertainty_m\"") != std::string::npos;
        });
        EXPECT_TRUE(sized_by_uncertainty);
        looks.insert(marker["name"] + " " + marker["color"]);
    }
    EXPECT_EQ(looks.size(), symbol_nodes.size()) << "every event type looks different";

    // The temporal controller: single field with date/time on event_date.
    const CPLXMLNode* temporal = child(qgis_root(doc), "temporal");
    ASSERT_NE(temporal, nullptr);
    EXPECT_EQ(value(temporal, "enabled"), "1");
    EXPECT_EQ(value(temporal, "mode"), "1");
    EXPECT_EQ(value(temporal, "startField"), "event_date");
}

// A label expression's field references ("name") that are shown, not only tested: a reference
// followed by a comparison (<> = < > != IS LIKE IN) is a condition.
struct FieldReference {
    std::string field;
    bool shown = false;
    bool isolated = false;  // char(8296) || "field" || char(8297)
};

std::vector<FieldReference> field_references(const std::string& expression) {
    std::vector<FieldReference> out;
    for (std::size_t open = expression.find('"'); open != std::string::npos; open = expression.find('"', open + 1)) {
        const std::size_t close = expression.find('"', open + 1);
        if (close == std::string::npos) break;
        FieldReference ref{expression.substr(open + 1, close - open - 1)};
        std::string before = expression.substr(0, open), after = expression.substr(close + 1);
        while (!before.empty() && before.back() == ' ') before.pop_back();
        after.erase(0, after.find_first_not_of(' ') == std::string::npos ? after.size() : after.find_first_not_of(' '));
        ref.shown = true;
        for (const char* comparison : {"<", ">", "=", "!=", "IS ", "LIKE ", "ILIKE ", "IN ", "IN("}) {
            if (after.starts_with(comparison)) ref.shown = false;
        }
        ref.isolated = before.ends_with("char(8296) ||") && after.starts_with("|| char(8297)");
        out.push_back(ref);
        open = close;
    }
    return out;
}

TEST(QgisStyles, FieldReferencesOfALabelAreTold) {
    const auto refs = field_references("concat(CASE WHEN \"a\" <> '' THEN char(8296) || \"a\" || char(8297) END, \"b\")");
    ASSERT_EQ(refs.size(), 3u);
    EXPECT_FALSE(refs[0].shown);
    EXPECT_TRUE(refs[1].shown && refs[1].isolated);
    EXPECT_TRUE(refs[2].shown && !refs[2].isolated);
}

// A label that joins fields into one text (name and date, an English and an Arabic name) lets
// the Unicode bidi algorithm run across the joins: an Arabic name pulls the neighbouring digits
// and brackets into its run and the label reads scrambled. Every field such a label shows sits
// between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. A label of one field needs none.
TEST(QgisStyles, LabelsThatJoinFieldsIsolateEachField) {
    std::map<std::string, std::set<std::string>> shown;  // layer -> fields its label shows
    for (const std::string& layer : kStyledLayers) {
        SCOPED_TRACE(layer);
        const Xml doc = parse_xml(std::string(toponym::io::layer_style_qml(layer)));
        std::vector<const CPLXMLNode*> styles;
        find_all(qgis_root(doc), "text-style", styles);
        for (const CPLXMLNode* style : styles) {
            const std::string expression = value(style, "fieldName");
            if (value(style, "isExpression") != "1") {
                shown[layer].insert(expression);
                continue;
            }
            std::string lower = expression;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            const bool joins = lower.find("||") != std::string::npos || lower.find("concat(") != std::string::npos ||
                               lower.find("format(") != std::string::npos;
            for (const FieldReference& ref : field_references(expression)) {
                if (!ref.shown) continue;
                shown[layer].insert(ref.field);
                if (joins) {
                    EXPECT_TRUE(ref.isolated) << "\"" << ref.field << "\" is joined without isolates in: " << expression;
                }
            }
        }
    }
    // The governorates are labelled in English and Arabic (the HTML page's tooltip shows both).
    EXPECT_EQ(shown["governorates"], (std::set<std::string>{"admin1", "admin1_ar"}));
    EXPECT_EQ(shown["places"], std::set<std::string>{"name"});
}

TEST(QgisStyles, ClassesOfTheChoroplethAndThePlaceSizesDoNotOverlap) {
    for (const char* layer : {"governorates", "places"}) {
        SCOPED_TRACE(layer);
        const Xml doc = parse_xml(std::string(toponym::io::layer_style_qml(layer)));
        const CPLXMLNode* ranges = child(child(qgis_root(doc), "renderer-v2"), "ranges");
        ASSERT_NE(ranges, nullptr);
        double previous_upper = -0.5;
        for (const CPLXMLNode* r : children(ranges, "range")) {
            const double lower = std::stod(value(r, "lower")), upper = std::stod(value(r, "upper"));
            EXPECT_LE(lower, upper);
            EXPECT_GT(lower, previous_upper) << value(r, "label");
            EXPECT_LT(lower - previous_upper, 1.0) << "no count falls between two classes: " << value(r, "label");
            previous_upper = upper;
        }
        EXPECT_GE(previous_upper, 1e6);
    }
}

// ---- layer_styles ------------------------------------------------------------------------

TEST_F(QgisOutputs, TheLibraryWroteLayersToStyle) {
    EXPECT_GT(counts_.events, 2u);
    EXPECT_GT(counts_.mentions, 2u);
    EXPECT_EQ(counts_.governorates, 14u);
    ASSERT_TRUE(first_day_ && last_day_);
    EXPECT_LT(*first_day_, *last_day_);
}

TEST_F(QgisOutputs, LayerStylesHasOneDefaultRowPerStyledLayerThatQgisMatches) {
    const fs::path gpkg = copy_of_gpkg("styled");
    // Every layer the writer may produce, styled or not, present or not (places comes later).
    embed(gpkg, {"events", "mentions", "places", "governorates", "unresolved", "documents"});
    const std::vector<std::string> expected = styled_layers_present();
    ASSERT_GE(expected.size(), 3u);

    const std::vector<Row> rows = read_layer(gpkg, "layer_styles");
    ASSERT_EQ(rows.size(), expected.size());
    std::set<std::string> tables;
    for (const Row& row : rows) {
        const std::string& table = row.at("f_table_name");
        SCOPED_TRACE(table);
        tables.insert(table);
        EXPECT_FALSE(row.is_null.at("f_table_schema")) << "QGIS matches f_table_schema = '', never NULL";
        EXPECT_EQ(row.at("f_table_schema"), "");
        EXPECT_FALSE(row.is_null.at("f_table_catalog"));
        EXPECT_EQ(row.at("f_geometry_column"), "geom");
        EXPECT_EQ(row.at("useAsDefault"), "1");
        EXPECT_EQ(row.at("styleName"), table);
        EXPECT_EQ(row.at("styleQML"), toponym::io::layer_style_qml(table));
        EXPECT_FALSE(row.is_null.at("update_time"));
        for (const char* column : {"styleSLD", "description", "owner", "ui"}) EXPECT_TRUE(row.fields.count(column)) << column;
    }
    EXPECT_EQ(tables, std::set<std::string>(expected.begin(), expected.end()));

    // The column QGIS names in its query really is the table's geometry column.
    toponym::io::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    for (const std::string& t : expected) EXPECT_STREQ(ds->GetLayerByName(t.c_str())->GetGeometryColumn(), "geom") << t;
}

TEST_F(QgisOutputs, EmbeddingAgainReplacesOurRowsAndRetiresOtherDefaults) {
    const fs::path gpkg = copy_of_gpkg("restyled");
    embed(gpkg, {"events"});
    {
        // A style the user saved in QGIS as the layer's default, under another name.
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* styles = ds->GetLayerByName("layer_styles");
        ASSERT_NE(styles, nullptr);
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
        f->SetField("f_table_catalog", "");
        f->SetField("f_table_schema", "");
        f->SetField("f_table_name", "events");
        f->SetField("f_geometry_column", "geom");
        f->SetField("styleName", "my own");
        f->SetField("styleQML", "<qgis/>");
        f->SetField("useAsDefault", 1);
        ASSERT_EQ(styles->CreateFeature(f.get()), OGRERR_NONE);
    }
    embed(gpkg, {"events", "mentions"});
    embed(gpkg, {"events", "mentions"});

    std::map<std::string, std::vector<Row>> by_name;
    for (const Row& row : read_layer(gpkg, "layer_styles")) by_name[row.at("f_table_name") + "/" + row.at("styleName")].push_back(row);
    ASSERT_EQ(by_name["events/events"].size(), 1u) << "re-embedding leaves one toponym row per layer";
    ASSERT_EQ(by_name["mentions/mentions"].size(), 1u);
    ASSERT_EQ(by_name["events/my own"].size(), 1u) << "the user's style is kept";
    EXPECT_EQ(by_name["events/events"][0].at("useAsDefault"), "1");
    EXPECT_EQ(by_name["events/my own"][0].at("useAsDefault"), "0") << "only one default per layer";
}

TEST_F(QgisOutputs, EmbeddingWithoutAStyledLayerAddsNoTable) {
    // A GeoPackage of the unstyled tables only (write_layers embeds the styles of what it writes).
    const fs::path gpkg = dir_ / "unstyled.gpkg";
    fs::remove(gpkg);
    toponym::io::write_layers(gpkg.string(), gpkg.string(), toponym::io::OutputFormat::GeoPackage, {"unresolved", "documents"},
                              results_, toponym::Gazetteer::embedded(), nullptr);
    embed(gpkg, {"unresolved", "documents", "no_such_layer"});
    const std::vector<std::string> names = layer_names(gpkg);
    EXPECT_EQ(std::count(names.begin(), names.end(), "layer_styles"), 0);
}

TEST_F(QgisOutputs, EmbeddingIntoAReadOnlyDatasetIsADataError) {
    const fs::path gpkg = copy_of_gpkg("readonly");
    toponym::io::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    try {
        toponym::io::embed_layer_styles(*ds, {"events"}, "out.gpkg");
        FAIL() << "no error";
    } catch (const toponym::DataError& e) {
        EXPECT_EQ(e.where(), "out.gpkg");
    }
}

// ---- the project -------------------------------------------------------------------------

struct ProjectLayerXml {
    const CPLXMLNode* maplayer = nullptr;
    std::string id;
};

std::map<std::string, ProjectLayerXml> maplayers(const CPLXMLNode* qgis) {
    std::map<std::string, ProjectLayerXml> out;
    for (const CPLXMLNode* m : children(child(qgis, "projectlayers"), "maplayer")) {
        out[value(m, "layername")] = {m, value(m, "id")};
    }
    return out;
}

TEST_F(QgisOutputs, ProjectHasTheLayersWithRelativePathsStylesAndTime) {
    const fs::path gpkg = copy_of_gpkg("project");
    const fs::path qgs = dir_ / "project.qgs";
    const toponym::io::ProjectSpec spec = spec_for(gpkg);
    toponym::io::write_qgis_project(qgs.string(), spec, qgs.string());

    const Xml doc = parse_xml(read_file(qgs));
    const CPLXMLNode* qgis = qgis_root(doc);
    ASSERT_NE(qgis, nullptr);
    EXPECT_TRUE(value(qgis, "version").starts_with("3.22"));
    EXPECT_EQ(value(qgis, "projectCrs.spatialrefsys.authid"), "EPSG:4326");
    EXPECT_EQ(value(qgis, "properties.Paths.Absolute"), "false");

    const auto layers = maplayers(qgis);
    ASSERT_EQ(layers.size(), spec.layers.size());
    std::set<std::string> ids;
    for (const toponym::io::ProjectLayer& l : spec.layers) {
        SCOPED_TRACE(l.name);
        ASSERT_TRUE(layers.count(l.name));
        const CPLXMLNode* m = layers.at(l.name).maplayer;
        EXPECT_EQ(value(m, "datasource"), "./project.gpkg|layername=" + l.name) << "relative to the .qgs";
        EXPECT_EQ(value(m, "provider"), "ogr");
        EXPECT_EQ(value(m, "type"), "vector");
        ids.insert(layers.at(l.name).id);
        const bool styled = !toponym::io::layer_style_qml(l.name).empty();
        EXPECT_EQ(child(m, "renderer-v2") != nullptr, styled) << "the layer's style is in the project";
        if (l.has_geometry) {
            EXPECT_EQ(value(m, "srs.spatialrefsys.authid"), "EPSG:4326");
        }
    }
    EXPECT_EQ(ids.size(), spec.layers.size()) << "layer ids are unique";
    EXPECT_EQ(value(layers.at("events").maplayer, "renderer-v2.attr"), "event_type");
    EXPECT_EQ(value(layers.at("governorates").maplayer, "renderer-v2.type"), "graduatedSymbol");
    EXPECT_EQ(value(layers.at("governorates").maplayer, "labelsEnabled"), "1");
    EXPECT_EQ(value(layers.at("events").maplayer, "labelsEnabled"), "0");

    // The layers panel and the drawing order follow the spec, top first.
    std::vector<std::string> tree, order;
    for (const CPLXMLNode* n : children(child(qgis, "layer-tree-group"), "layer-tree-layer")) {
        tree.push_back(value(n, "name"));
        EXPECT_EQ(value(n, "id"), layers.at(value(n, "name")).id);
        EXPECT_EQ(value(n, "source"), value(layers.at(value(n, "name")).maplayer, "datasource"));
    }
    for (const CPLXMLNode* n : children(child(qgis, "layerorder"), "layer")) order.push_back(value(n, "id"));
    ASSERT_EQ(tree.size(), spec.layers.size());
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        EXPECT_EQ(tree[i], spec.layers[i].name);
        EXPECT_EQ(order[i], layers.at(spec.layers[i].name).id);
    }

    // Temporal: the events layer filters on event_date ("single field with date/time"), and the
    // project's range runs from the first event day to the end of the last one.
    const CPLXMLNode* temporal = child(layers.at("events").maplayer, "temporal");
    ASSERT_NE(temporal, nullptr);
    EXPECT_EQ(value(temporal, "enabled"), "1");
    EXPECT_EQ(value(temporal, "mode"), "1") << "ModeFeatureDateTimeInstantFromField";
    EXPECT_EQ(value(temporal, "startField"), "event_date");
    const CPLXMLNode* time = child(qgis, "ProjectTimeSettings");
    ASSERT_NE(time, nullptr);
    EXPECT_EQ(value(time, "TemporalRange.start"), toponym::format_date(*first_day_) + "T00:00:00");
    EXPECT_EQ(value(time, "TemporalRange.end"), toponym::format_date(*last_day_ + date::days(1)) + "T00:00:00");
    EXPECT_EQ(value(time, "timeStepUnit"), "d");

    // The map opens on the data: the canvas and the default view contain the extent, a little wider.
    for (const char* path : {"mapcanvas.extent", "ProjectViewSettings.DefaultViewExtent"}) {
        SCOPED_TRACE(path);
        const CPLXMLNode* e = CPLGetXMLNode(const_cast<CPLXMLNode*>(qgis), path);
        ASSERT_NE(e, nullptr);
        const double xmin = std::stod(value(e, "xmin")), ymin = std::stod(value(e, "ymin"));
        const double xmax = std::stod(value(e, "xmax")), ymax = std::stod(value(e, "ymax"));
        EXPECT_LT(xmin, spec.extent[0]);
        EXPECT_LT(ymin, spec.extent[1]);
        EXPECT_GT(xmax, spec.extent[2]);
        EXPECT_GT(ymax, spec.extent[3]);
        EXPECT_LT(xmax - xmin, (spec.extent[2] - spec.extent[0]) * 1.5);
    }
    EXPECT_EQ(value(qgis, "mapcanvas.destinationsrs.spatialrefsys.authid"), "EPSG:4326");
}

TEST_F(QgisOutputs, ProjectPathsAreRelativeFromAnotherFolderAndEscaped) {
    // A data file name with XML's special characters, the project one folder further down.
    const fs::path data = dir_ / "R&D <\"quoted\"> 'x'.gpkg";
    fs::copy_file(gpkg_, data, fs::copy_options::overwrite_existing);
    const fs::path qgs = dir_ / "maps" / "p.qgs";
    fs::create_directories(qgs.parent_path());
    toponym::io::ProjectSpec spec = spec_for(data);
    spec.time_range.reset();
    toponym::io::write_qgis_project(qgs.string(), spec, qgs.string());

    const Xml doc = parse_xml(read_file(qgs));
    const auto layers = maplayers(qgis_root(doc));
    ASSERT_TRUE(layers.count("events"));
    EXPECT_EQ(value(layers.at("events").maplayer, "datasource"), "../R&D <\"quoted\"> 'x'.gpkg|layername=events");
    EXPECT_EQ(CPLGetXMLNode(const_cast<CPLXMLNode*>(qgis_root(doc)), "ProjectTimeSettings.TemporalRange"), nullptr)
        << "no time range without dated events";
}

TEST_F(QgisOutputs, ProjectWithoutExtentOpensOnSyria) {
    const fs::path qgs = dir_ / "empty.qgs";
    toponym::io::ProjectSpec spec;
    spec.data_path = (dir_ / "empty.gpkg").string();
    spec.layers = {{"events", true}};
    toponym::io::write_qgis_project(qgs.string(), spec, qgs.string());
    const Xml doc = parse_xml(read_file(qgs));
    const CPLXMLNode* e = CPLGetXMLNode(const_cast<CPLXMLNode*>(qgis_root(doc)), "mapcanvas.extent");
    ASSERT_NE(e, nullptr);
    EXPECT_NEAR(std::stod(value(e, "xmin")), 36.0, 1.0);
    EXPECT_NEAR(std::stod(value(e, "ymax")), 37.3, 1.0);
}

TEST(QgisProject, AnUnwritablePathIsADataError) {
    toponym::io::ProjectSpec spec;
    spec.data_path = "/nonexistent-dir/out.gpkg";
    spec.layers = {{"events", true}};
    try {
        toponym::io::write_qgis_project("/nonexistent-dir/out.qgs", spec, "out.qgs");
        FAIL() << "no error";
    } catch (const toponym::DataError& e) {
        EXPECT_EQ(e.where(), "out.qgs");
    }
}

// The real QGIS 3.22 loading these files is checked by scripts/check with ../shared's
// qgis-check on the demo's outputs (it needs QGIS installed, which scripts/check does).

}  // namespace
