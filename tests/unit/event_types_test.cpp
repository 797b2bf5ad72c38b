// The event-type table (core/event_types.hpp) against the places that name the types: the QGIS
// style of the events layer (its categories, labels and colours), the governorates layer's count
// columns and the fold of the finer types in the events the builder makes.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/event_types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "io/layer_writer.hpp"
#include "io/qgis_styles.hpp"
#include "pipeline/pipeline.hpp"

namespace {

using toponym::EventType;
using toponym::kEventTypes;

struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// The style compiled into the binary: styles/events.qml as toponym writes it into a GeoPackage.
const CPLXMLNode* events_style(const Xml& doc) {
    const CPLXMLNode* renderer = CPLGetXMLNode(const_cast<CPLXMLNode*>(doc.get()), "=qgis.renderer-v2");
    EXPECT_NE(renderer, nullptr) << "styles/events.qml has no <qgis><renderer-v2>";
    return renderer;
}

Xml parse_events_style() {
    return Xml(CPLParseXMLString(std::string(toponym::io::layer_style_qml("events")).c_str()));
}

std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext) {
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
    }
    return out;
}

std::string attr(const CPLXMLNode* node, const char* name) { return CPLGetXMLValue(node, name, ""); }

// The value of <Option name="`name`" value="..."/> directly under the layer's option map.
std::string layer_option(const CPLXMLNode* layer, const char* name) {
    for (const CPLXMLNode* o : children(CPLGetXMLNode(const_cast<CPLXMLNode*>(layer), "Option"), "Option")) {
        if (attr(o, "name") == name) return attr(o, "value");
    }
    return "";
}

// "#e41a1c" -> "228,26,28", as QML writes a colour (before its alpha).
std::string qml_rgb(std::string_view hex) {
    const auto byte = [&](std::size_t at) { return std::stoi(std::string(hex.substr(at, 2)), nullptr, 16); };
    return std::to_string(byte(1)) + "," + std::to_string(byte(3)) + "," + std::to_string(byte(5));
}

std::vector<const EventType*> public_types() {
    std::vector<const EventType*> out;
    for (const EventType& t : kEventTypes) {
        if (t.is_public()) out.push_back(&t);
    }
    return out;
}

TEST(EventTypes, StyleCategoriesAreThePublicTypesInOrderWithTheirLabels) {
    const Xml doc = parse_events_style();
    ASSERT_NE(doc, nullptr);
    const CPLXMLNode* renderer = events_style(doc);
    ASSERT_NE(renderer, nullptr);
    EXPECT_EQ(attr(renderer, "attr"), "event_type");
    const std::vector<const CPLXMLNode*> categories = children(CPLGetXMLNode(const_cast<CPLXMLNode*>(renderer), "categories"), "category");
    const std::vector<const EventType*> types = public_types();
    ASSERT_EQ(categories.size(), types.size()) << "styles/events.qml needs one category per public type of core/event_types.hpp";
    for (std::size_t i = 0; i < types.size(); ++i) {
        EXPECT_EQ(attr(categories[i], "value"), types[i]->id) << "category " << i;
        EXPECT_EQ(attr(categories[i], "label"), types[i]->label) << types[i]->id;
    }
}

TEST(EventTypes, StyleSymbolsHaveTheTypesColours) {
    const Xml doc = parse_events_style();
    ASSERT_NE(doc, nullptr);
    const CPLXMLNode* renderer = events_style(doc);
    ASSERT_NE(renderer, nullptr);
    const std::vector<const CPLXMLNode*> symbols = children(CPLGetXMLNode(const_cast<CPLXMLNode*>(renderer), "symbols"), "symbol");
    for (const CPLXMLNode* category : children(CPLGetXMLNode(const_cast<CPLXMLNode*>(renderer), "categories"), "category")) {
        const EventType* type = toponym::find_event_type(attr(category, "value"));
        ASSERT_NE(type, nullptr) << "a category for an unknown type: " << attr(category, "value");
        const CPLXMLNode* symbol = nullptr;
        for (const CPLXMLNode* s : symbols) {
            if (attr(s, "name") == attr(category, "symbol")) symbol = s;
        }
        ASSERT_NE(symbol, nullptr) << type->id << ": no symbol " << attr(category, "symbol");
        const std::string rgb = qml_rgb(type->colour);
        // Bottom to top: the uncertainty disc, (a white halo,) the marker; the disc and the
        // marker in the type's colour, the marker paler at an area's centroid.
        const std::vector<const CPLXMLNode*> layers = children(symbol, "layer");
        ASSERT_GE(layers.size(), 2u) << type->id;
        EXPECT_EQ(layer_option(layers.front(), "color").rfind(rgb + ",", 0), 0u)
            << type->id << ": disc " << layer_option(layers.front(), "color") << ", table " << type->colour;
        EXPECT_EQ(layer_option(layers.back(), "color"), rgb + ",255")
            << type->id << ": marker " << layer_option(layers.back(), "color") << ", table " << type->colour;
        char* xml = CPLSerializeXMLTree(const_cast<CPLXMLNode*>(layers.back()));
        const std::string marker_xml = xml;
        CPLFree(xml);
        EXPECT_NE(marker_xml.find("'" + rgb + ",110'"), std::string::npos) << type->id << ": the paler marker's colour";
    }
}

TEST(EventTypes, FoldedTypesFoldIntoPublicOnes) {
    EXPECT_EQ(toponym::public_event_type("withdrawal"), "other");
    EXPECT_EQ(toponym::public_event_type("siege"), "other");
    EXPECT_EQ(toponym::public_event_type("shelling"), "shelling");
    EXPECT_EQ(toponym::public_event_type("no_such_type"), "no_such_type");
    EXPECT_TRUE(toponym::is_public_event_type("air_strike"));
    EXPECT_FALSE(toponym::is_public_event_type("siege"));
    EXPECT_FALSE(toponym::is_public_event_type(""));
}

TEST(EventTypes, CountColumnsAreThePublicTypes) {
    std::vector<std::string> ids;
    for (const EventType* t : public_types()) ids.emplace_back(t->id);
    EXPECT_EQ(toponym::io::event_types(), ids);
    EXPECT_EQ(toponym::public_event_types(), ids);
}

TEST(EventTypes, EventsCarryOnlyPublicTypes) {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), boundaries};
    const toponym::DocumentResult r = toponym::process_document(
        toponym::ingest::parse_text_document("report.txt", "---\npublished: 2021-05-04\n---\n"
                                                           "The militia withdrew from Saraqib on Monday.\n"
                                                           "Rebel fighters shelled Ariha on Monday.\n"),
        ctx);
    ASSERT_EQ(r.events.size(), 2u);
    for (const toponym::Event& e : r.events) EXPECT_TRUE(toponym::is_public_event_type(e.event_type)) << e.event_type;
    EXPECT_EQ(r.events[0].event_type, "other");
    EXPECT_EQ(r.events[0].subtype.rfind("withdrawal", 0), 0u) << r.events[0].subtype;
    EXPECT_EQ(r.events[1].event_type, "shelling");
}

}  // namespace
