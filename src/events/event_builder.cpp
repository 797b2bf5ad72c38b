// Cue-based event detection and classification.
#include "events/event_builder.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/stable_id.hpp"
#include "text/utf8.hpp"

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

void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer) {
    const Document& doc = result.doc;
    std::set<std::pair<std::string, std::uint32_t>> seen;  // (type, place): one event each per document
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

        // Places in Syria named in the sentence; settlements if there are any, else governorates.
        std::vector<std::size_t> specific;
        std::vector<std::size_t> areas;
        for (std::size_t m = 0; m < result.mentions.size(); ++m) {
            const Mention& mention = result.mentions[m];
            if (mention.span.begin_byte < sentence.begin || mention.span.end_byte > sentence.end) continue;
            if (mention.role != "location") continue;
            const Place& p = gazetteer.place(mention.place());
            if (p.country_code != "SY" || p.is_country()) continue;
            (p.is_admin_area() ? areas : specific).push_back(m);
        }
        const std::vector<std::size_t>& chosen = specific.empty() ? areas : specific;
        if (chosen.empty()) continue;
        const std::string_view text(doc.text);
        Span span;
        span.begin_byte = sentence.begin;
        span.end_byte = sentence.end;
        span.begin_cp = counted_cp + text::count_code_points(text.substr(counted_byte), sentence.begin - counted_byte);
        span.end_cp = span.begin_cp + text::count_code_points(text.substr(sentence.begin), sentence.end - sentence.begin);
        span.line = tokens[first].line;
        counted_byte = sentence.end;
        counted_cp = span.end_cp;
        for (std::size_t m : chosen) {
            const Mention& mention = result.mentions[m];
            const Place& p = gazetteer.place(mention.place());
            if (!seen.emplace(cue->event_type, mention.place()).second) continue;
            Event ev;
            ev.event_type = cue->event_type;
            ev.cue = cue->words;
            ev.event_date = doc.published;
            ev.date_precision = date_precision_for(doc);
            ev.mention = m;
            ev.places = chosen;
            ev.place_name = p.name;
            ev.place_id = p.id;
            ev.lat = p.lat;
            ev.lon = p.lon;
            ev.admin = mention.admin;
            ev.geo_precision = p.is_admin_area() ? 3 : 1;
            ev.uncertainty_m = p.radius_m;
            ev.confidence = mention.confidence * (specific.empty() ? 0.6 : 0.85);
            ev.sentence = span;
            ev.snippet = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
            ev.event_id = stable_id("ev-", {doc.doc_id, ev.event_type, p.id});
            result.events.push_back(std::move(ev));
        }
    }
}

}  // namespace toponym::events
