// The data model shared by every pipeline stage: documents, places, mentions, events.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace toponym {

using Date = std::chrono::sys_days;

// A place as the gazetteer knows it. Coordinates are WGS 84 degrees.
struct Place {
    std::string id;  // "gn:170063", "ne1:SY07", "cur:khan-tuman"
    std::string name;
    double lat = 0.0;
    double lon = 0.0;
    std::string feature_class;  // GeoNames class: P populated place, A admin area, S spot, ...
    std::string feature_code;   // GeoNames code: PPLA, ADM1, PCLI, PPLX, ...
    std::string country_code;   // ISO 3166-1 alpha-2
    std::string admin1_pcode;   // OCHA governorate pcode for places in Syria, else empty
    std::int64_t population = 0;
    double radius_m = 1000.0;  // uncertainty radius of the point
    std::vector<std::string> alternate_names;
    std::string source;     // "geonames-cities500", "naturalearth-admin1", "curated"
    std::string source_id;  // id in that source
    // How far the source's evidence agrees on this point (0-1): 1 for curated and official
    // sources, lower for names clustered from noisy incident coordinates (gazetteer build).
    double confidence = 1.0;

    bool is_admin_area() const { return feature_class == "A"; }
    bool is_country() const { return feature_code.rfind("PCL", 0) == 0; }
    // A named region: a GeoNames L place ("Eastern Ghouta", "the Ghab plain") or a terrain
    // feature wider than a hill (a T range of 5 km radius or more: "Jabal al-Zawiya", "the
    // Qalamoun mountains"); a T hill or peak is a point.
    bool is_region() const { return feature_class == "L" || (feature_class == "T" && radius_m >= 5000.0); }
    // A city: a capital, a governorate's or district's seat, or a town of 20,000 people or more.
    bool is_city() const {
        return (feature_class == "P" || feature_class == "S") &&
               (feature_code == "PPLC" || feature_code == "PPLA" || feature_code == "PPLA2" || population >= 20000);
    }
};

// A span of the document text. Offsets are into the whole decoded file: bytes for slicing the
// UTF-8 string, code points for users (and gold annotations, which count code points).
struct Span {
    std::size_t begin_byte = 0;
    std::size_t end_byte = 0;
    std::size_t begin_cp = 0;
    std::size_t end_cp = 0;
    int line = 0;  // 1-based line of the span's start
};

// One input document: a file, later a JSONL line or a CSV row.
struct Document {
    std::string doc_id;
    std::string path;  // as given or found while walking a directory
    std::string title;
    std::string source;
    std::string url;
    std::optional<Date> published;
    std::string text;               // the whole file, valid UTF-8 (invalid bytes replaced)
    std::size_t body_begin_byte = 0;  // where the text after the front matter starts
    // `resolve`: the text before this byte is a table cell of place names, a place by the
    // column's declaration (its capitals are names, not a headline's, and a village there needs
    // no other evidence of Syria). 0 for a report.
    std::size_t names_end_byte = 0;
    std::vector<Diagnostic> diagnostics;  // problems found while reading it (non-fatal)
    // Stable across runs (set by run_files): which report this is (its source and name, not
    // its content), and a hash of its normalised content; a changed report keeps its key and
    // gets a new content hash, so an appending run replaces its old features.
    std::string doc_key;       // "dk-" + 16 hex digits
    std::string content_hash;  // 16 hex digits
};

struct Candidate {
    std::uint32_t place = 0;  // index into Gazetteer::places()
    double score = 0.0;
};

// Where the governorate of a point came from.
enum class AdminMethod { None, Gazetteer, Polygon, NearestPolygon };
const char* to_string(AdminMethod method);

struct AdminAssignment {
    std::string admin1;
    std::string admin1_pcode;
    std::string admin2;
    std::string admin2_pcode;
    std::string admin3;
    std::string admin3_pcode;
    AdminMethod method = AdminMethod::None;
};

// What the output rows need of a gazetteer place (a mention's chosen reading, a relative
// location's anchor), copied onto the mention by process_document once the reading is final, so
// that the writers read the document result instead of going back to the gazetteer. Only the
// chosen reading's: the other candidates stay gazetteer indexes.
struct PlaceFacts {
    std::string id;
    std::string name;
    std::string feature_class;
    std::string feature_code;
    double lat = 0.0;
    double lon = 0.0;
    double radius_m = 0.0;
    bool admin_area = false;  // Place::is_admin_area()

    static PlaceFacts of(const Place& p) {
        return {p.id, p.name, p.feature_class, p.feature_code, p.lat, p.lon, p.radius_m, p.is_admin_area()};
    }
};

// A place name found in the text and resolved to a gazetteer place.
struct Mention {
    Span span;
    std::string surface;
    // location, or a name that is not where something happens: demonym ("Syrian"), modifier
    // ("Lebanon's Hezbollah"), organisation-name ("Free Syrian Army"), metonym ("Moscow said").
    std::string role = "location";
    std::vector<Candidate> candidates;  // best first; candidates[0] is the chosen place
    double confidence = 0.0;
    std::string head;  // generic word attached to the name ("province", "city"), lower case
    AdminAssignment admin;
    // The mention this name only qualifies ("Idlib" in "Kafr Nabl in Idlib", "Aleppo" in "the
    // al-Shaar neighbourhood of Aleppo"): it says where that place is and is no event's place.
    std::optional<std::size_t> qualifies;
    // Every reading lies far outside the governorate the text puts the name in ("Umm Dawaliq in Hama
    // province" when the gazetteer knows only an Umm Dawaliq of Homs): the name read is another
    // place, so it is no event's place; the governorate that qualifies it is.
    bool contradicted = false;
    // Read by spelling: no name of the gazetteer is written so, one within a small edit
    // distance or with the same consonants is.
    bool fuzzy = false;
    // Of candidates[0], set by process_document when the readings are final (stages that change
    // a reading later, such as resolve's cell rules, read the gazetteer instead).
    PlaceFacts chosen;

    std::uint32_t place() const { return candidates.front().place; }
};

// A name that looks like a place (introduced by a cue such as "the village of") but that the
// gazetteer does not know, or could not be resolved.
struct UnresolvedName {
    Span span;
    std::string surface;
    std::string reason;
    std::string snippet;
};

// A relative location expression: "about 30 km north of Aleppo city", "Idlib's southeastern
// countryside", "the southern outskirts of Hama", "east of the city". The point is the anchor
// moved on the ellipsoid (PROJ geodesic) by the stated or a typical distance for the relation.
struct RelativeLocation {
    Span span;                  // the whole expression, anchor included when it is written
    std::string surface;
    std::size_t anchor = 0;     // index into DocumentResult::mentions (SIZE_MAX once filtered out)
    std::uint32_t anchor_place = 0;  // the place measured from: the mention's, or the governorate
                                     // a small homonymous city stands for ("Idlib's southeast")
    bool anchor_implicit = false;  // "east of the city": the anchor is the last city named
    bool far = false;              // "the far north of"
    std::string relation;       // countryside, part, outskirts, offset, near, side, border
    std::string direction;      // N, NE, E, SE, S, SW, W, NW, or "" (none stated)
    std::optional<double> distance_km;  // stated in the text ("about 30 km")
    double lat = 0.0;
    double lon = 0.0;
    double radius_m = 0.0;      // uncertainty of the point
    AdminAssignment admin;
    PlaceFacts anchor_facts;    // of anchor_place, set by process_document with Mention::chosen
};

struct Event {
    std::string event_id;
    std::string event_type;  // air_strike, drone_strike, shelling, clashes, ...
    std::string subtype;     // "barrel bombs", "reinforcements", "ceasefire", ...
    std::string status = "reported";  // reported, claimed, disputed
    std::optional<Date> event_date;
    std::string date_precision;  // day, week, month, year, range, unknown
    std::optional<Date> date_min;  // bounds of the possible dates
    std::optional<Date> date_max;
    std::string date_basis;        // how the date was resolved
    std::size_t mention = 0;     // index into DocumentResult::mentions: the place (or the anchor)
    std::optional<std::size_t> relative;  // index into DocumentResult::relatives when located by one
    std::vector<std::size_t> places;      // every mention of the sentence the event is linked to
    // Where the event is: the place's point, or the relative location's.
    std::string place_name;
    std::string place_id;
    double lat = 0.0;
    double lon = 0.0;
    AdminAssignment admin;
    std::vector<std::string> actors;
    std::optional<long> killed;
    std::optional<long> injured;
    std::string casualty_text;
    // The event_id of the event of the same sentence that holds these casualty figures (set
    // with killed/injured empty here), so that a sum over events counts them once.
    std::string casualties_shared_with;
    int geo_precision = 1;       // 1 exact place, 2 near / part of, 3 admin-area centroid
    double uncertainty_m = 0.0;
    double confidence = 0.0;
    std::string cue;  // the words that made it an event
    Span sentence;
    std::string snippet;
};

// Everything the pipeline learnt from one document.
struct DocumentResult {
    Document doc;
    bool failed = false;  // the input could not be read as text: reported, no mentions
    std::vector<Mention> mentions;
    std::vector<UnresolvedName> unresolved;
    std::vector<RelativeLocation> relatives;
    std::vector<Event> events;
    std::size_t text_bytes = 0;  // size of doc.text, kept when a run drops the text after processing
};

}  // namespace toponym
