// Cue-based event detection and classification.
#include "events/event_builder.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/stable_id.hpp"
#include "text/utf8.hpp"

#include <date/date.h>

namespace toponym::events {

namespace {

struct CueDef {
    std::array<std::string_view, 3> words;  // lower-case, "" for unused
    std::string_view type;
    int priority;  // higher wins
};

constexpr int kChemical = 70, kDrone = 60, kAir = 50, kShelling = 40, kCapture = 30, kClashes = 20, kDisplaced = 10;

constexpr CueDef kCues[] = {
    {{"chemical", "attack", ""}, "chemical_attack", kChemical},
    {{"chemical", "weapons", ""}, "chemical_attack", kChemical},
    {{"chlorine", "", ""}, "chemical_attack", kChemical},
    {{"sarin", "", ""}, "chemical_attack", kChemical},
    {{"toxic", "gas", ""}, "chemical_attack", kChemical},
    {{"drone", "", ""}, "drone_strike", kDrone},
    {{"drones", "", ""}, "drone_strike", kDrone},
    {{"air", "strike", ""}, "air_strike", kAir},
    {{"air", "strikes", ""}, "air_strike", kAir},
    {{"airstrike", "", ""}, "air_strike", kAir},
    {{"airstrikes", "", ""}, "air_strike", kAir},
    {{"air", "raid", ""}, "air_strike", kAir},
    {{"air", "raids", ""}, "air_strike", kAir},
    {{"warplanes", "", ""}, "air_strike", kAir},
    {{"warplane", "", ""}, "air_strike", kAir},
    {{"jets", "", ""}, "air_strike", kAir},
    {{"bombed", "", ""}, "air_strike", kAir},
    {{"bombing", "", ""}, "air_strike", kAir},
    {{"bombings", "", ""}, "air_strike", kAir},
    {{"aerial", "", ""}, "air_strike", kAir},
    {{"barrel", "bomb", ""}, "shelling", kShelling},
    {{"barrel", "bombs", ""}, "shelling", kShelling},
    {{"shelling", "", ""}, "shelling", kShelling},
    {{"shelled", "", ""}, "shelling", kShelling},
    {{"shells", "", ""}, "shelling", kShelling},
    {{"artillery", "", ""}, "shelling", kShelling},
    {{"mortar", "", ""}, "shelling", kShelling},
    {{"mortars", "", ""}, "shelling", kShelling},
    {{"rocket", "", ""}, "shelling", kShelling},
    {{"rockets", "", ""}, "shelling", kShelling},
    {{"bombardment", "", ""}, "shelling", kShelling},
    {{"captured", "", ""}, "capture_of_territory", kCapture},
    {{"recaptured", "", ""}, "capture_of_territory", kCapture},
    {{"retook", "", ""}, "capture_of_territory", kCapture},
    {{"retaken", "", ""}, "capture_of_territory", kCapture},
    {{"seized", "", ""}, "capture_of_territory", kCapture},
    {{"overran", "", ""}, "capture_of_territory", kCapture},
    {{"took", "control", ""}, "capture_of_territory", kCapture},
    {{"taken", "control", ""}, "capture_of_territory", kCapture},
    {{"took", "full", "control"}, "capture_of_territory", kCapture},
    {{"taken", "full", "control"}, "capture_of_territory", kCapture},
    {{"regained", "", ""}, "capture_of_territory", kCapture},
    {{"advanced", "", ""}, "capture_of_territory", kCapture},
    {{"clashes", "", ""}, "clashes", kClashes},
    {{"clashed", "", ""}, "clashes", kClashes},
    {{"fighting", "", ""}, "clashes", kClashes},
    {{"battle", "", ""}, "clashes", kClashes},
    {{"battles", "", ""}, "clashes", kClashes},
    {{"firefight", "", ""}, "clashes", kClashes},
    {{"displaced", "", ""}, "displacement", kDisplaced},
    {{"displacement", "", ""}, "displacement", kDisplaced},
    {{"fled", "", ""}, "displacement", kDisplaced},
};

std::string date_precision_for(const Document& doc) { return doc.published ? "day" : "unknown"; }

}  // namespace

std::optional<Cue> classify_sentence(const std::vector<text::Token>& tokens, std::size_t first, std::size_t last) {
    const CueDef* best = nullptr;
    std::size_t best_at = 0;
    std::size_t best_len = 0;
    for (std::size_t i = first; i <= last && i < tokens.size(); ++i) {
        for (const CueDef& cue : kCues) {
            std::size_t n = 0;
            while (n < cue.words.size() && !cue.words[n].empty()) ++n;
            if (i + n - 1 > last) continue;
            bool hit = true;
            for (std::size_t w = 0; w < n && hit; ++w) hit = tokens[i + w].lower == cue.words[w];
            if (hit && (!best || cue.priority > best->priority)) {
                best = &cue;
                best_at = i;
                best_len = n;
            }
        }
    }
    if (!best) return std::nullopt;
    Cue out{std::string(best->type), {}};
    for (std::size_t w = 0; w < best_len; ++w) {
        if (w) out.words.push_back(' ');
        out.words += tokens[best_at + w].lower;
    }
    return out;
}

namespace {

// Where the events of one sentence are: the settlements it names (a list of villages gives one
// event each), else its relative locations ("the southern countryside of Aleppo"), else the
// governorates it names. A settlement's anchor role ("east of the city of X") and places
// outside Syria, countries and regions never locate an event.
struct Locus {
    std::size_t mention = 0;
    std::optional<std::size_t> relative;
};

std::vector<Locus> loci_of_sentence(const DocumentResult& result, const text::ByteRange& sentence, const Gazetteer& g) {
    std::vector<Locus> settlements, relatives, areas;
    std::set<std::size_t> anchors;
    for (std::size_t r = 0; r < result.relatives.size(); ++r) {
        const RelativeLocation& rel = result.relatives[r];
        if (rel.span.begin_byte < sentence.begin || rel.span.end_byte > sentence.end) continue;
        if (!rel.anchor_implicit) anchors.insert(rel.anchor);
        if (rel.admin.admin1_pcode.empty()) continue;  // outside Syria ("the far north of Turkey")
        relatives.push_back({rel.anchor, r});
    }
    for (std::size_t m = 0; m < result.mentions.size(); ++m) {
        const Mention& mention = result.mentions[m];
        if (mention.span.begin_byte < sentence.begin || mention.span.end_byte > sentence.end) continue;
        if (mention.role != "location" || anchors.contains(m)) continue;
        const Place& p = g.place(mention.place());
        if (p.country_code != "SY" || p.is_country()) continue;
        if (p.is_admin_area()) {
            areas.push_back({m, std::nullopt});
        } else if (p.feature_class == "P" || p.feature_class == "S") {
            settlements.push_back({m, std::nullopt});
        }
    }
    if (!settlements.empty()) return settlements;
    if (!relatives.empty()) return relatives;
    return areas;
}

void locate(Event& ev, const DocumentResult& result, const Locus& locus, const Gazetteer& g) {
    const Mention& mention = result.mentions[locus.mention];
    ev.mention = locus.mention;
    ev.relative = locus.relative;
    if (locus.relative) {
        const RelativeLocation& rel = result.relatives[*locus.relative];
        const Place& anchor = g.place(rel.anchor_place);
        ev.place_name = rel.surface;
        ev.place_id = anchor.id;
        ev.lat = rel.lat;
        ev.lon = rel.lon;
        ev.admin = rel.admin;
        ev.geo_precision = 2;
        ev.uncertainty_m = rel.radius_m;
        return;
    }
    const Place& p = g.place(mention.place());
    ev.place_name = p.name;
    ev.place_id = p.id;
    ev.lat = p.lat;
    ev.lon = p.lon;
    ev.admin = mention.admin;
    ev.geo_precision = p.is_admin_area() ? 3 : 1;
    ev.uncertainty_m = p.radius_m;
}

}  // namespace

void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer) {
    const Document& doc = result.doc;
    std::set<std::string> seen;  // event ids: duplicates within a document merge
    std::size_t t = 0;
    // Code points are counted forward from the last sentence that needed them, not from the
    // start of the document for every event.
    std::size_t counted_byte = 0;
    std::size_t counted_cp = 0;
    for (const text::ByteRange& sentence : sentences) {
        while (t < tokens.size() && tokens[t].begin_byte < sentence.begin) ++t;
        std::size_t first = t;
        std::size_t last = first;
        while (last < tokens.size() && tokens[last].end_byte <= sentence.end) ++last;
        if (last == first) continue;
        std::optional<Cue> cue = classify_sentence(tokens, first, last - 1);
        if (!cue) continue;
        std::vector<Locus> loci = loci_of_sentence(result, sentence, gazetteer);
        // A sentence that reports an event without naming a place ("a commander was killed
        // yesterday, the seventh to die in the battle") continues the last event's place.
        const bool inherited = loci.empty();
        if (inherited) {
            if (result.events.empty()) continue;
            const Event& previous = result.events.back();
            loci.push_back({previous.mention, previous.relative});
        }

        const std::string_view text(doc.text);
        Span span;
        span.begin_byte = sentence.begin;
        span.end_byte = sentence.end;
        span.begin_cp = counted_cp + text::count_code_points(text.substr(counted_byte), sentence.begin - counted_byte);
        span.end_cp = span.begin_cp + text::count_code_points(text.substr(sentence.begin), sentence.end - sentence.begin);
        span.line = tokens[first].line;
        counted_byte = sentence.end;
        counted_cp = span.end_cp;
        std::vector<std::size_t> sentence_places;
        for (std::size_t m = 0; m < result.mentions.size(); ++m) {
            const Mention& mention = result.mentions[m];
            if (mention.span.begin_byte >= sentence.begin && mention.span.end_byte <= sentence.end &&
                mention.role == "location") {
                sentence_places.push_back(m);
            }
        }
        for (const Locus& locus : loci) {
            Event ev;
            ev.event_type = cue->event_type;
            ev.cue = cue->words;
            ev.event_date = doc.published;
            ev.date_precision = date_precision_for(doc);
            ev.places = sentence_places;
            locate(ev, result, locus, gazetteer);
            ev.confidence = result.mentions[locus.mention].confidence * (ev.geo_precision == 1 ? 0.85 : 0.6);
            if (inherited) {
                ev.confidence *= 0.5;
                ev.geo_precision = std::max(ev.geo_precision, 2);
            }
            ev.sentence = span;
            ev.snippet = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
            const std::string date = ev.event_date ? date::format("%F", *ev.event_date) : std::string();
            ev.event_id = stable_id("ev-", {doc.doc_id, ev.event_type, ev.place_id, ev.place_name, date});
            if (!seen.insert(ev.event_id).second) continue;
            result.events.push_back(std::move(ev));
        }
    }
}

}  // namespace toponym::events
