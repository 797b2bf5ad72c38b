// Events from sentences: classification per clause, dates against the publication date, places
// from the sentence's settlements, relative locations or governorates.
#include "events/event_builder.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/stable_id.hpp"
#include "events/classifier.hpp"
#include "events/date_resolver.hpp"
#include "text/utf8.hpp"

namespace toponym::events {

namespace {

// Where the events of one sentence are: the settlements and roads in Syria it names (a list of
// villages gives one event each), else its relative locations ("the southern countryside of
// Aleppo"), else the governorates it names. Places abroad (talks in Moscow), an anchor ("east of
// the city of X") and regions never locate an event: the layers map events in Syria.
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
        } else if (p.feature_class == "P" || p.feature_class == "S" || p.feature_class == "R") {
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

namespace {

// Clauses of a sentence, as byte ranges: split before "and", "but", "while", "whereas" after a
// comma, and at semicolons. "Forces shelled Saraqib on Monday, and jets struck Binnish" has
// two events of two types.
std::vector<text::ByteRange> clauses_of(std::string_view text, const text::ByteRange& sentence) {
    std::vector<text::ByteRange> out;
    std::size_t begin = sentence.begin;
    const std::string_view s = text.substr(sentence.begin, sentence.end - sentence.begin);
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::size_t cut = std::string_view::npos;
        if (s[i] == ';') {
            cut = i + 1;
        } else if (s[i] == ',' && i + 1 < s.size() && s[i + 1] == ' ') {
            for (std::string_view conj : {"and ", "but ", "while ", "whereas "}) {
                if (s.substr(i + 2, conj.size()) == conj) cut = i + 1;
            }
        }
        if (cut == std::string_view::npos) continue;
        out.push_back({begin, sentence.begin + cut});
        begin = sentence.begin + cut;
    }
    out.push_back({begin, sentence.end});
    return out;
}

// Not part of an event's story any more: ended more than 45 days before publication ("the
// war between 2012 and 2016").
bool background(const DateGuess& g, const std::optional<Date>& published) {
    return published && g.max && *g.max < *published - std::chrono::days(45);
}

bool names_combatants(std::string_view casualty_text) {
    static constexpr std::array<std::string_view, 12> kCombatants = {
        "militants", "fighters", "soldiers", "insurgents", "rebels", "troops",
        "jihadists", "terrorists", "gunmen", "militiamen", "combatants", "commander"};
    std::string lower(casualty_text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(kCombatants.begin(), kCombatants.end(),
                       [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

// How many words before a place may hold the verb that governs it.
constexpr std::size_t kLeadWords = 7;

struct SentenceDate {
    DateGuess guess;
    bool carried = false;
};

}  // namespace

void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer) {
    const Document& doc = result.doc;
    const std::string_view text(doc.text);
    std::set<std::string> seen;  // event ids: duplicates within a document merge
    std::optional<std::size_t> previous_end;  // the sentence before: where it ends, its text
    std::string_view previous_text;
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
        const std::string_view sentence_text = text.substr(sentence.begin, sentence.end - sentence.begin);

        const std::optional<std::size_t> prior_end = previous_end;
        const std::string_view prior_text = previous_text;
        previous_end = sentence.end;
        previous_text = sentence_text;

        // Where: the sentence's places; a sentence that reports an event without naming one ("a
        // commander was killed yesterday, the seventh to die in the battle") continues the
        // place of an event in the sentence just before (further back, the story has moved on),
        // if that place is in Syria. A sentence with neither is no event: skip the classifier.
        std::vector<Locus> loci = loci_of_sentence(result, sentence, gazetteer);
        const bool inherited = loci.empty();
        if (inherited) {
            if (result.events.empty() || result.events.back().sentence.end_byte != prior_end.value_or(SIZE_MAX)) continue;
            if (result.events.back().admin.admin1_pcode.empty()) continue;
            const Event& previous = result.events.back();
            loci.push_back({previous.mention, previous.relative});
        }
        const std::optional<Classification> sentence_class = classify_event(sentence_text);
        if (!sentence_class) continue;

        // When: the sentence's own expression; else the day the sentence just before (in the
        // same paragraph) stated; else the week up to publication, as a news report tells of
        // recent days.
        SentenceDate date{resolve_sentence_date(sentence_text, doc.published)};
        const bool same_paragraph =
            prior_end && text.substr(*prior_end, sentence.begin - *prior_end).find('\n') == std::string_view::npos;
        std::optional<DateGuess> before;
        if (date.guess.precision == "unknown" && same_paragraph) {
            DateGuess g = resolve_sentence_date(prior_text, doc.published);
            if (g.precision == "day" && !background(g, doc.published)) before = std::move(g);
        }
        if (before) {
            date.guess = *before;
            date.guess.basis = "as the sentence before: " + before->basis;
            date.carried = true;
        } else if (date.guess.precision == "unknown" && doc.published && date.guess.words.empty()) {
            date.guess.date = doc.published;
            date.guess.precision = "week";
            date.guess.min = *doc.published - std::chrono::days(6);
            date.guess.max = doc.published;
            date.guess.basis = "no date in the sentence: the week up to publication";
        }

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
        const std::vector<text::ByteRange> clauses = clauses_of(text, sentence);
        const Casualties casualties = find_casualties(sentence_text);

        for (const Locus& locus : loci) {
            // The clause of the place decides the type when it has a cue of its own.
            const std::size_t at = locus.relative ? result.relatives[*locus.relative].span.begin_byte
                                                  : result.mentions[locus.mention].span.begin_byte;
            Classification cls = *sentence_class;
            DateGuess when = date.guess;
            std::string_view clause_text = sentence_text;
            std::size_t clause_begin = sentence.begin;
            if (!inherited && clauses.size() > 1) {
                for (const text::ByteRange& c : clauses) {
                    if (at < c.begin || at >= c.end) continue;
                    clause_text = text.substr(c.begin, c.end - c.begin);
                    clause_begin = c.begin;
                    if (std::optional<Classification> own = classify_event(clause_text)) cls = *own;
                    DateGuess own_date = resolve_sentence_date(clause_text, doc.published);
                    if (own_date.precision != "unknown") when = own_date;
                }
            }
            // The verb that governs a place usually comes just before it ("helped regime forces
            // to advance in the north of the city"; "launched an assault on X ... after losses
            // when the army imposed a siege"): the few words before the place decide when they
            // hold a cue, else the clause up to the place.
            if (!inherited) {
                const std::size_t place_begin = at;
                const std::size_t place_end = locus.relative ? result.relatives[*locus.relative].span.end_byte
                                                             : result.mentions[locus.mention].span.end_byte;
                std::size_t k = first;
                while (k < last && tokens[k].begin_byte < place_begin) ++k;
                const std::size_t window_first = std::max(first, k >= first + kLeadWords ? k - kLeadWords : first);
                const std::size_t window_begin = std::max(clause_begin, tokens[window_first].begin_byte);
                std::optional<Classification> lead;
                if (place_end > window_begin) lead = classify_event(text.substr(window_begin, place_end - window_begin));
                if (!lead && place_end > clause_begin) lead = classify_event(text.substr(clause_begin, place_end - clause_begin));
                if (lead) cls = *lead;
            }
            // Deaths of fighters with no weapon named are the toll of fighting.
            if (cls.type == "other" && cls.subtype == "casualties" && names_combatants(casualties.text)) {
                cls.type = "clashes";
                cls.subtype = "fighters killed";
            }
            Event ev;
            ev.event_type = cls.type;
            ev.subtype = cls.subtype;
            // The layers keep the eight classes their styles and filters know; a withdrawal or a
            // siege is "other", its kind in the subtype.
            if (cls.type == "withdrawal" || cls.type == "siege") {
                ev.event_type = "other";
                ev.subtype = cls.subtype.empty() ? cls.type : cls.type + ": " + cls.subtype;
            }
            ev.status = background(when, doc.published) ? "background" : cls.status;
            ev.cue = cls.cue;
            if (when.precision == "unknown") {
                ev.event_date = doc.published;  // on or before publication: for the map's time axis
                ev.date_precision = "unknown";
                ev.date_max = doc.published;
            } else {
                ev.event_date = when.date;
                ev.date_precision = when.precision;
                ev.date_min = when.min;
                ev.date_max = when.max;
            }
            ev.date_basis = when.basis;
            ev.actors = find_actors(clause_text);
            if (ev.actors.empty()) ev.actors = find_actors(sentence_text);
            ev.killed = casualties.killed;
            ev.injured = casualties.injured;
            ev.casualty_text = casualties.text;
            ev.places = sentence_places;
            locate(ev, result, locus, gazetteer);
            ev.confidence = result.mentions[locus.mention].confidence * (ev.geo_precision == 1 ? 0.85 : 0.6) * cls.confidence;
            if (inherited) {
                ev.confidence *= 0.5;
                ev.geo_precision = std::max(ev.geo_precision, 2);
            }
            ev.sentence = span;
            ev.snippet = std::string(sentence_text);
            const std::string day = ev.event_date ? date::format("%F", *ev.event_date) : std::string();
            ev.event_id = stable_id("ev-", {doc.doc_id, ev.event_type, ev.place_id, ev.place_name, day});
            if (!seen.insert(ev.event_id).second) continue;
            result.events.push_back(std::move(ev));
        }
    }
}

}  // namespace toponym::events
