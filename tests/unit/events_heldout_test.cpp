// Held-out check of event typing and dating (tests/fixtures/events-heldout.json): short incident
// descriptions the team wrote in the style of Airwars / ACLED notes, none from the seed
// articles, run through process_document with the embedded gazetteer. Every expected event
// must come out with its type and a date within its bounds; every "absent" pair must not.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "admin/admin_boundaries.hpp"
#include "core/dates.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline_support.hpp"

namespace {

using toponym::DocumentResult;
using toponym::Event;

const toponym::admin::AdminBoundaries& boundaries() {
    static const toponym::admin::AdminBoundaries b = toponym::admin::AdminBoundaries::embedded();
    return b;
}

nlohmann::json fixture() { return toponym::testing::read_json_file(std::string(TOPONYM_SOURCE_DIR) + "/tests/fixtures/events-heldout.json"); }

std::string iso(const toponym::Date& d) { return toponym::format_date(d); }

// The place as written: the mention's surface (a relative location's anchor) or the event's place name.
bool at_place(const DocumentResult& r, const Event& e, const std::string& place) {
    return r.mentions.at(e.mention).surface == place || e.place_name == place;
}

std::string describe(const DocumentResult& r) {
    std::string s;
    for (const Event& e : r.events)
        s += "\n    got " + e.event_type + " at " + r.mentions.at(e.mention).surface + " (" + e.place_name + ") " +
             (e.event_date ? iso(*e.event_date) : std::string("no date")) + " " + e.date_precision + ": " + e.date_basis;
    return s;
}

}  // namespace

TEST(EventsHeldOut, EveryCaseGivesItsEventsWithTypeAndDate) {
    const nlohmann::json cases = fixture().at("cases");
    ASSERT_GE(cases.size(), 30u);
    const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), boundaries()};
    std::size_t expected = 0, found = 0;
    for (const nlohmann::json& c : cases) {
        const std::string id = c.at("id");
        const std::string file = "---\npublished: " + c.at("published").get<std::string>() + "\n---\n" + c.at("text").get<std::string>() + "\n";
        const DocumentResult r = toponym::process_document(toponym::ingest::parse_text_document(id + ".txt", file), ctx);
        for (const nlohmann::json& want : c.at("events")) {
            ++expected;
            const std::string place = want.at("place"), type = want.at("type");
            const std::string min = want.at("date_min").is_null() ? std::string("0000-00-00") : want.at("date_min").get<std::string>();
            const std::string max = want.at("date_max");
            const bool hit = std::any_of(r.events.begin(), r.events.end(), [&](const Event& e) {
                if (!at_place(r, e, place) || e.event_type != type || !e.event_date) return false;
                const std::string day = iso(*e.event_date);
                return day >= min && day <= max;
            });
            found += hit;
            EXPECT_TRUE(hit) << id << ": expected " << type << " at " << place << " dated " << min << ".." << max << describe(r);
        }
        for (const nlohmann::json& absent : c.value("absent", nlohmann::json::array())) {
            const std::string place = absent.at("place"), type = absent.at("type");
            const bool hit = std::any_of(r.events.begin(), r.events.end(),
                                         [&](const Event& e) { return at_place(r, e, place) && e.event_type == type; });
            EXPECT_FALSE(hit) << id << ": no " << type << " expected at " << place << describe(r);
        }
    }
    std::printf("held-out events: %zu of %zu found with type and date\n", found, expected);
}
