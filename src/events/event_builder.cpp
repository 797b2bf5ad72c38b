// Events from sentences: classification per clause, dates against the publication date, places
// from the sentence's settlements, relative locations or governorates.
#include "events/event_builder.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "core/event_types.hpp"
#include "core/stable_id.hpp"
#include "events/arabic.hpp"
#include "events/classifier.hpp"
#include "events/date_resolver.hpp"
#include "events/word_scan.hpp"
#include "geo/geodesy.hpp"
#include "text/utf8.hpp"

namespace toponym::events {

namespace {

// Where the events of one sentence are: the settlements, sites, hills and roads in Syria it names
// (a list of villages gives one event each), else its relative locations ("the southern
// countryside of Aleppo"), else the Syrian regions ("the Yarmouk basin") and governorates it
// names. Places abroad (talks in Moscow), an anchor ("east of the city of X"), and a place that
// only qualifies another ("Kafr Nabl in Idlib", "near Saraqib in the Idlib countryside") never
// locate an event: the layers map events in Syria.
struct Locus {
    std::size_t mention = 0;
    std::optional<std::size_t> relative;
};

bool road_word(std::string_view w) {
    return w == "road" || w == "roads" || w == "highway" || w == "highways" || w == "motorway" || w == "route";
}

// The towns a long road is named by: "the Damascus-Homs highway", "the Palmyra - Sukhnah road",
// "the road between X and Y", "the road from X to Y", "the road linking X with Y", when the two
// readings lie more than 25 km apart (a track between two villages is precise enough). Such a road
// runs for tens of kilometres: its ends say which road, not where on it the event is.
std::set<std::size_t> long_road_ends(const DocumentResult& result, const text::ByteRange& sentence, const Gazetteer& g) {
    std::set<std::size_t> ends;
    const std::string_view text(result.doc.text);
    std::optional<std::size_t> previous;
    for (std::size_t m = 0; m < result.mentions.size(); ++m) {
        const Mention& b = result.mentions[m];
        if (b.span.begin_byte < sentence.begin || b.span.end_byte > sentence.end || b.role != "location" || b.candidates.empty())
            continue;
        const std::optional<std::size_t> a_index = previous;
        previous = m;
        if (!a_index) continue;
        const Mention& a = result.mentions[*a_index];
        if (a.span.end_byte > b.span.begin_byte) continue;
        const std::vector<scan::Word> gap = scan::scan_words(text.substr(a.span.end_byte, b.span.begin_byte - a.span.end_byte));
        const std::string_view raw = text.substr(a.span.end_byte, b.span.begin_byte - a.span.end_byte);
        bool road = false;
        if (gap.empty() && raw.size() <= 7 &&
            (raw.find('-') != std::string_view::npos || raw.find('/') != std::string_view::npos ||
             raw.find("\u2013") != std::string_view::npos || raw.find("\u2014") != std::string_view::npos)) {
            // "X-Y highway", "X - Y city road", "X-Y international highway"
            const std::vector<scan::Word> after = scan::scan_words(text.substr(b.span.end_byte, std::min<std::size_t>(40, sentence.end - b.span.end_byte)));
            for (std::size_t k = 0; k < after.size() && k < 3 && !after[k].stop_before && !after[k].comma_before; ++k) {
                if (road_word(after[k].lower)) road = true;
                if (road || (after[k].lower != "city" && after[k].lower != "town" && after[k].lower != "international" &&
                             after[k].lower != "main"))
                    break;
            }
        } else if (gap.size() == 1 && !gap[0].stop_before && !gap[0].comma_before &&
                   (gap[0].lower == "and" || gap[0].lower == "to" || gap[0].lower == "with")) {
            // "the road between X and Y", "the road from X to Y", "the highway linking X with Y"
            const std::size_t from = std::max(sentence.begin, a.span.begin_byte >= 40 ? a.span.begin_byte - 40 : std::size_t{0});
            const std::vector<scan::Word> before = scan::scan_words(text.substr(from, a.span.begin_byte - from));
            std::size_t k = before.size();
            if (k > 0 && before[k - 1].lower == "the") --k;
            if (k >= 2) {
                const std::string& link = before[k - 1].lower;
                if ((link == "between" || link == "from" || link == "connecting" || link == "linking" || link == "joining") &&
                    road_word(before[k - 2].lower))
                    road = true;
            }
        }
        if (!road) continue;
        const Place& p = g.place(a.place());
        const Place& q = g.place(b.place());
        if (p.country_code != "SY" || q.country_code != "SY" || geo::great_circle_km(p.lat, p.lon, q.lat, q.lon) <= 25.0) continue;
        ends.insert(*a_index);
        ends.insert(m);
    }
    return ends;
}

std::vector<Locus> loci_of_sentence(const DocumentResult& result, const text::ByteRange& sentence, const Gazetteer& g) {
    std::vector<Locus> settlements, relatives, areas;
    std::size_t regions = 0;  // the first `regions` areas are regions, the governorates after them
    std::set<std::size_t> anchors;
    for (std::size_t r = 0; r < result.relatives.size(); ++r) {
        const RelativeLocation& rel = result.relatives[r];
        if (rel.span.begin_byte < sentence.begin || rel.span.end_byte > sentence.end) continue;
        if (!rel.anchor_implicit) anchors.insert(rel.anchor);
        if (rel.admin.admin1_pcode.empty()) continue;  // outside Syria ("the far north of Turkey")
        if (!rel.anchor_implicit && rel.anchor < result.mentions.size() && result.mentions[rel.anchor].qualifies)
            continue;  // "X in the Idlib countryside"
        if (!rel.anchor_implicit && rel.anchor < result.mentions.size() && result.mentions[rel.anchor].contradicted)
            continue;  // "near X in Homs province", every X we know far from Homs
        relatives.push_back({rel.anchor, r});
    }
    for (std::size_t m = 0; m < result.mentions.size(); ++m) {
        const Mention& mention = result.mentions[m];
        if (mention.span.begin_byte < sentence.begin || mention.span.end_byte > sentence.end) continue;
        if (mention.role != "location" || anchors.contains(m) || mention.qualifies || mention.contradicted) continue;
        const Place& p = g.place(mention.place());
        if (p.country_code != "SY" || p.is_country()) continue;
        if (p.is_admin_area()) {
            areas.push_back({m, std::nullopt});
        } else if (p.is_region()) {
            // a region ("the Yarmouk basin", "Eastern Ghouta") says more than its governorate
            areas.insert(areas.begin() + static_cast<std::ptrdiff_t>(regions++), {m, std::nullopt});
        } else if (p.feature_class == "P" || p.feature_class == "S" || p.feature_class == "R" || p.feature_class == "T") {
            settlements.push_back({m, std::nullopt});  // T: a hill or a mountain, a point
        }
    }
    // A long road's ends ("on the Damascus-Homs highway near Harasta") are no places of the event
    // when the sentence names another: a settlement, or a relative location measured from another
    // settlement ("near Harasta"). Alone, or with a countryside ("in the Homs countryside"),
    // they stay.
    const std::set<std::size_t> road_ends = long_road_ends(result, sentence, g);
    if (!road_ends.empty()) {
        const auto on_road_end = [&](const Locus& l) {
            if (!l.relative) return road_ends.contains(l.mention);
            const RelativeLocation& rel = result.relatives[*l.relative];
            return !rel.anchor_implicit && road_ends.contains(rel.anchor);
        };
        // measured from a settlement: "the eastern countryside of Homs" says no more than the ends
        const auto from_settlement = [&](const Locus& l) {
            const RelativeLocation& rel = result.relatives[*l.relative];
            const Place& anchor = g.place(rel.anchor_place);
            return !rel.anchor_implicit && !anchor.is_admin_area() && !anchor.is_region() && rel.relation != "countryside";
        };
        const bool elsewhere = std::any_of(settlements.begin(), settlements.end(), [&](const Locus& l) { return !on_road_end(l); }) ||
                               std::any_of(relatives.begin(), relatives.end(),
                                           [&](const Locus& l) { return !on_road_end(l) && from_settlement(l); });
        if (elsewhere) {
            std::erase_if(settlements, on_road_end);
            std::erase_if(relatives, on_road_end);
        }
    }
    // A settlement read only by spelling is weaker evidence than a place near a settlement read
    // exactly: "at the al-Xyz market on the outskirts of Qurnat al-Bab", with the spelling's
    // reading 10 km or more from Qurnat al-Bab, is on those outskirts. A reading near the anchor
    // agrees with it; a direction ("east of X", "east Aleppo") may lie far from its anchor.
    const auto far_from_settled_anchors = [&](const Locus& l) {
        const Mention& m = result.mentions[l.mention];
        if (!m.fuzzy) return false;
        const Place& p = g.place(m.place());
        bool any = false;
        for (const Locus& r : relatives) {
            const RelativeLocation& rel = result.relatives[*r.relative];
            if (rel.anchor_implicit || (rel.relation != "near" && rel.relation != "outskirts")) continue;
            const Place& a = g.place(result.mentions[r.mention].place());
            if (a.is_admin_area() || a.is_region()) continue;
            any = true;
            if (geo::great_circle_km(p.lat, p.lon, a.lat, a.lon) < 10.0 + a.radius_m / 1000.0) return false;
        }
        return any;
    };
    if (!settlements.empty() && std::all_of(settlements.begin(), settlements.end(), far_from_settled_anchors)) return relatives;
    if (!settlements.empty()) {
        // A route "from northern Aleppo to the towns of Zahraa and Nubl" starts somewhere too:
        // the origin of a from ... to phrase is a place of the event whatever its kind.
        const std::string_view text(result.doc.text);
        for (const Locus& r : relatives) {
            const std::size_t at = result.relatives[*r.relative].span.begin_byte;
            if (at >= 5 && at - 5 >= sentence.begin && text.substr(at - 5, 5) == "from " &&
                text.substr(at, sentence.end - at).find(" to ") != std::string_view::npos)
                settlements.push_back(r);
        }
        return settlements;
    }
    if (!relatives.empty()) return relatives;
    return areas;
}

// The sentence names a place as a location, but only abroad ("talks in Moscow", "a meeting in
// Turkey"): it is not a continuation of the event before it in Syria.
bool names_only_places_abroad(const DocumentResult& result, const text::ByteRange& sentence, const Gazetteer& g) {
    for (const Mention& mention : result.mentions) {
        if (mention.span.begin_byte < sentence.begin || mention.span.end_byte > sentence.end) continue;
        if (mention.role != "location") continue;
        if (g.place(mention.place()).country_code != "SY") return true;
    }
    return false;
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
    // a region is an area like a relative location ("in Jabal al-Zawiya"), not a point
    ev.geo_precision = p.is_admin_area() ? 3 : p.is_region() ? 2 : 1;
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

// A relative clause about the place just named, with an event of its own: "the Ramouseh
// district, which has been under heavy bombardment since the weekend", "villages near Manbij
// which were lost during an attack on Wednesday". It starts at which / where / that, after at
// most two head nouns ("district", "villages"), and runs to the next comma, semicolon or the
// end of the sentence. The main clause and the relative clause tell two events.
struct RelativeClause {
    text::ByteRange range;
    Classification cls;
    DateGuess date;
};

bool place_head_noun(std::string_view v) {
    static constexpr std::array<std::string_view, 24> kHeads = {
        "district", "districts", "province", "city", "town", "towns", "village", "villages", "area", "areas",
        "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "countryside", "region", "camp",
        "airport", "base", "highway", "road", "quarter", "quarters", "governorate"};
    return std::find(kHeads.begin(), kHeads.end(), v) != kHeads.end();
}

std::optional<RelativeClause> relative_clause_after(std::string_view text, const text::ByteRange& sentence,
                                                    std::size_t place_end, const std::optional<Date>& published) {
    if (place_end >= sentence.end) return std::nullopt;
    const std::string_view rest = text.substr(place_end, sentence.end - place_end);
    const std::vector<scan::Word> w = scan::scan_words(rest);
    std::size_t k = 0;
    while (k < w.size() && k < 2 && !w[k].stop_before && place_head_noun(w[k].lower)) ++k;
    if (k >= w.size() || w[k].stop_before) return std::nullopt;
    const std::string& pronoun = w[k].lower;
    if (pronoun != "which" && pronoun != "where" && pronoun != "that") return std::nullopt;
    const std::size_t begin = place_end + w[k].begin;
    std::size_t end = sentence.end;
    for (std::size_t j = k + 1; j < w.size(); ++j) {
        if (w[j].comma_before || (w[j].stop_before && rest.substr(w[j - 1].end, w[j].begin - w[j - 1].end).find(';') != std::string_view::npos)) {
            end = place_end + w[j - 1].end;
            break;
        }
    }
    const std::string_view clause = text.substr(begin, end - begin);
    std::optional<Classification> cls = classify_event(clause);
    if (!cls || (cls->type == "other" && cls->subtype == "casualties")) return std::nullopt;
    return RelativeClause{{begin, end}, *cls, resolve_sentence_date(clause, published)};
}

// The text of `range` without the relative clauses inside it.
std::string without_clauses(std::string_view text, const text::ByteRange& range, const std::vector<RelativeClause>& clauses) {
    std::string out;
    std::size_t at = range.begin;
    for (const RelativeClause& c : clauses) {
        if (c.range.begin < at || c.range.end > range.end) continue;
        out += text.substr(at, c.range.begin - at);
        at = c.range.end;
    }
    out += text.substr(at, range.end - at);
    return out;
}

// Clauses for telling several events of one place apart: those of clauses_of, and also before
// "but" and before "and" + a verb in the past ("rebels had waged an offensive but said its
// fighters pushed them back and denied insurgents had captured the school").
std::vector<std::string_view> predicate_clauses(std::string_view s) {
    std::vector<std::string_view> out;
    const std::vector<scan::Word> w = scan::scan_words(s);
    std::size_t begin = 0;
    for (std::size_t i = 1; i < w.size(); ++i) {
        const std::string& v = w[i].lower;
        bool cut = w[i].stop_before && s.substr(w[i - 1].end, w[i].begin - w[i - 1].end).find(';') != std::string_view::npos;
        cut = cut || v == "but" || v == "while" || v == "whereas";
        if (v == "and" && i + 1 < w.size()) {
            const std::string& n = w[i + 1].lower;
            cut = cut || w[i].comma_before || (n.size() > 4 && n.ends_with("ed") && !w[i + 1].capitalized);
        }
        if (!cut) continue;
        out.push_back(s.substr(begin, w[i].begin - begin));
        begin = w[i].begin;
    }
    out.push_back(s.substr(begin));
    return out;
}

// An earlier event sentence: its type and its day, for sentences that date themselves by it.
struct Antecedent {
    std::string type, subtype;
    DateGuess date;
};

// The day of an earlier event that a sentence without a date of its own refers to:
// "(a few) hours / shortly / soon / minutes after <an event told before>" is that event's day
// ("a day after" the next day); a sentence opening with "The <event noun>" ("The offensive was
// launched ...") continues the latest event of that type. The antecedent is the latest of the
// last few event sentences of the same type with a day.
std::optional<DateGuess> date_of_antecedent(std::string_view sentence, const std::vector<Antecedent>& before) {
    const std::vector<scan::Word> w = scan::scan_words(sentence);
    std::optional<Classification> wanted;
    int shift_days = 0;
    std::size_t reach = 0;
    std::string how;
    for (std::size_t i = 1; i + 1 < w.size() && !wanted; ++i) {
        if (w[i].lower != "after") continue;
        const std::string& p = w[i - 1].lower;
        if (p != "hours" && p != "hour" && p != "minutes" && p != "shortly" && p != "soon" && p != "moments" && p != "day") continue;
        std::size_t end = i + 1;
        while (end < w.size() && end < i + 9 && !(end > i + 1 && (w[end].comma_before || w[end].stop_before))) ++end;
        const std::string_view phrase = sentence.substr(w[i + 1].begin, w[end - 1].end - w[i + 1].begin);
        wanted = classify_event(phrase);
        if (p == "day") shift_days = 1;
        reach = 8;
        how = "'" + std::string(sentence.substr(w[i - 1].begin, w[end - 1].end - w[i - 1].begin)) + "'";
    }
    if (!wanted && w.size() > 2 && w[0].lower == "the" && !w[1].comma_before) {
        wanted = classify_event(w[1].lower);
        if (wanted && wanted->type == "other") wanted.reset();  // "The talks", "The meeting": too loose
        reach = 3;
        how = "'" + std::string(sentence.substr(w[0].begin, w[1].end - w[0].begin)) + "' continues the event before";
    }
    if (!wanted) return std::nullopt;
    for (std::size_t k = before.size(), steps = 0; k > 0 && steps < reach; --k, ++steps) {
        const Antecedent& a = before[k - 1];
        if (a.type != wanted->type || a.date.precision != "day" || !a.date.date) continue;
        if (!wanted->subtype.empty() && !a.subtype.empty() && wanted->subtype != a.subtype) continue;
        DateGuess g = a.date;
        if (shift_days) {
            g.date = *g.date + std::chrono::days(shift_days);
            g.min = g.max = g.date;
        }
        g.words = how;
        g.basis = how + ": the day of an earlier " + a.type + (a.subtype.empty() ? "" : " (" + a.subtype + ")") +
                  (shift_days ? " + 1 day" : "") + ": " + a.date.basis;
        return g;
    }
    return std::nullopt;
}

// The place sits in a phrase naming an earlier event: "(sent reinforcements) after the bombing
// of the army sites in X", "(the advance came) a week after troops seized X". `clause` is the
// clause of the place, `place_offset` where the place starts in it. The phrase has an event cue
// and no date of its own ("after the shelling of X on Monday" keeps Monday). `days_before` is
// the amount stated before "after" ("a week after" 7, "two days after" 2, "hours after" 0).
struct EarlierEvent {
    std::optional<int> days_before;
    std::string words;
};

std::optional<int> amount_before_after(const std::vector<scan::Word>& w, std::size_t after) {
    if (after < 1) return std::nullopt;
    const std::string& unit = w[after - 1].lower;
    if (unit == "hours" || unit == "hour" || unit == "minutes" || unit == "shortly" || unit == "soon") return 0;
    int per = 0;
    if (unit == "day" || unit == "days") per = 1;
    else if (unit == "week" || unit == "weeks") per = 7;
    else if (unit == "month" || unit == "months") per = 30;
    if (per == 0 || after < 2) return std::nullopt;
    const scan::Word& count = w[after - 2];
    long n = count.is_number ? count.value : scan::number_word_value(count.lower);
    if (count.lower == "a" || count.lower == "an") n = 1;
    if (n <= 0 || n > 1000) return std::nullopt;
    return static_cast<int>(n) * per;
}

std::optional<EarlierEvent> named_after_earlier(std::string_view clause, std::size_t place_offset) {
    const std::string_view before_place = clause.substr(0, place_offset);
    const std::vector<scan::Word> w = scan::scan_words(before_place);
    for (std::size_t k = w.size(); k > 0; --k) {
        const std::string& v = w[k - 1].lower;
        if (v != "after" && v != "following") continue;
        if (k - 1 + 12 < w.size()) return std::nullopt;  // too far from the place
        if (k < w.size() && w[k].lower == "which") return std::nullopt;
        for (std::size_t j = k; j < w.size(); ++j)
            if (w[j].comma_before || w[j].stop_before) return std::nullopt;  // "hours after the truce, shelling hit X"
        std::optional<Classification> c = classify_event(before_place.substr(w[k - 1].begin));
        if (!c || c->type == "other") return std::nullopt;
        // the phrase runs on after the place to the end of the clause: "... of X on Monday"
        std::string_view phrase = clause.substr(w[k - 1].begin);
        const std::vector<scan::Word> rest = scan::scan_words(clause.substr(place_offset));
        for (const scan::Word& x : rest)
            if (x.comma_before || x.stop_before) {
                phrase = clause.substr(w[k - 1].begin, place_offset + x.begin - w[k - 1].begin);
                break;
            }
        if (!resolve_sentence_date(phrase, std::nullopt).words.empty()) return std::nullopt;
        EarlierEvent e;
        e.days_before = v == "after" ? amount_before_after(w, k - 1) : std::nullopt;
        const std::size_t from = e.days_before && k >= 3 && *e.days_before > 0 ? k - 3 : k - 1;
        e.words = std::string(before_place.substr(w[from].begin, w[k - 1].end - w[from].begin));
        return e;
    }
    return std::nullopt;
}

// The date of an event named after "after": the clause's own date moved back by the amount
// stated, else the week before it (the day before at the latest). Without a clause date it
// stays unknown.
DateGuess earlier_than(const DateGuess& main, const EarlierEvent& e) {
    DateGuess g;
    g.words = e.words;
    if (main.precision == "unknown" || !main.date) {
        g.precision = "unknown";
        g.basis = "an earlier event, named after '" + e.words + "', without a day of its own";
        return g;
    }
    const Date lo = main.min.value_or(*main.date), hi = main.max.value_or(*main.date);
    if (e.days_before) {
        const std::chrono::days back(*e.days_before);
        g.precision = main.precision;
        g.date = *main.date - back;
        g.min = lo - back;
        g.max = hi - back;
        g.basis = "'" + e.words + "' the clause's event (" + main.basis + ")";
        return g;
    }
    g.precision = "range";
    g.max = hi - std::chrono::days(1);
    g.min = lo - std::chrono::days(7);
    if (*g.max < *g.min) g.max = g.min;
    g.date = *g.min + (*g.max - *g.min) / 2;
    g.basis = "an earlier event, named after '" + e.words + "': in the week before the clause's event (" + main.basis + ")";
    return g;
}

// How many words before a place may hold the verb that governs it.
constexpr std::size_t kLeadWords = 7;

// The event's date from its sentence's: an unknown one is on or before publication (for the
// map's time axis), with the words that said so, or none, as its basis.
void set_date(Event& ev, const DateGuess& when, const std::optional<Date>& published) {
    if (when.precision == "unknown") {
        ev.event_date = published;
        ev.date_precision = "unknown";
        ev.date_max = published;
    } else {
        ev.event_date = when.date;
        ev.date_precision = when.precision;
        ev.date_min = when.min;
        ev.date_max = when.max;
    }
    ev.date_basis = when.basis;
}

struct SentenceDate {
    DateGuess guess;
    bool carried = false;
};

}  // namespace

namespace {

// "the besieged area", "the encircled town": the place of the latest siege told before.
std::optional<Locus> besieged_referent(std::string_view sentence, const DocumentResult& result) {
    if (result.events.empty()) return std::nullopt;  // no siege to refer to: skip the scan (most sentences)
    const std::vector<scan::Word> w = scan::scan_words(sentence);
    bool refers = false;
    for (std::size_t i = 0; i + 2 < w.size() && !refers; ++i) {
        refers = w[i].lower == "the" && (w[i + 1].lower == "besieged" || w[i + 1].lower == "encircled") &&
                 !w[i + 2].comma_before && (place_head_noun(w[i + 2].lower) || w[i + 2].lower == "enclave");
    }
    if (!refers) return std::nullopt;
    for (std::size_t k = result.events.size(); k > 0; --k) {
        const Event& e = result.events[k - 1];
        if (e.subtype.starts_with("siege") && !e.admin.admin1_pcode.empty()) return Locus{e.mention, e.relative};
    }
    return std::nullopt;
}

// The event's type and subtype as the layers keep them: a type folded into another
// (core/event_types.hpp: a withdrawal or a siege is "other") takes that type, its own id in
// front of the subtype ("siege", or "withdrawal: <subtype>" when it has one).
void set_type(Event& ev, const Classification& cls) {
    ev.event_type = std::string(public_event_type(cls.type));
    ev.subtype = cls.subtype;
    if (ev.event_type != cls.type) ev.subtype = cls.subtype.empty() ? cls.type : cls.type + ": " + cls.subtype;
}

// Incidents for the report-level fallback: violence that happened (fighting, strikes,
// captures, explosions, shootings, killings, abductions), not talks, truces, statements,
// displacement or deployments. (A toll alone is decided by its words: fighters killed are the
// toll of fighting, "a man died" is none.)
bool is_incident(const Classification& c) {
    if (c.type != "other") return c.type != "displacement";
    static constexpr std::array<std::string_view, 8> kViolent = {
        "explosion", "assassination", "shooting", "killing", "abduction", "aircraft shot down", "arrests", "surrender"};
    return std::find(kViolent.begin(), kViolent.end(), c.subtype) != kViolent.end();
}

// The report-level fallback: a report that tells an incident but gave no event (its incident
// verb and its place in different sentences, "Clashes took place between A and B. Losses on both
// sides in X."; or its only place qualifying an unknown one, "in Harbnifse town in Hama") yields
// one event at its most specific place in Syria near the incident: a settlement that is the
// place of something, else a relative location, else a settlement that qualifies or anchors
// another, else a governorate. Only places of the incident's paragraph, at most three sentences
// away, count: a story elsewhere that names a Syrian city tells no incident there.
void add_report_event(DocumentResult& result, const std::vector<text::ByteRange>& sentences, const Gazetteer& g) {
    const std::string_view text(result.doc.text);
    const auto syrian_place = [&](const Mention& m) {
        if (m.role != "location") return false;
        const Place& p = g.place(m.place());
        return p.country_code == "SY" && !p.is_country();
    };
    if (std::none_of(result.mentions.begin(), result.mentions.end(), syrian_place)) return;

    // The sentence of each Syrian place, and of each relative location in Syria (mentions and
    // relatives are in text order, as the sentences).
    const auto sentence_of = [&](std::size_t byte) {
        const auto it = std::upper_bound(sentences.begin(), sentences.end(), byte,
                                         [](std::size_t b, const text::ByteRange& r) { return b < r.end; });
        return it != sentences.end() && byte >= it->begin ? static_cast<std::size_t>(it - sentences.begin()) : sentences.size();
    };
    std::set<std::size_t> anchors;
    for (const RelativeLocation& rel : result.relatives)
        if (!rel.anchor_implicit) anchors.insert(rel.anchor);
    struct Candidate {
        int tier;
        std::size_t distance;
        std::size_t begin;
        Locus locus;
        std::size_t sentence_index;  // the sentence of the place
    };
    struct Placed {
        std::size_t sentence;
        int tier;
        std::size_t begin;
        Locus locus;
    };
    std::vector<Placed> places;
    for (std::size_t m = 0; m < result.mentions.size(); ++m) {
        const Mention& mention = result.mentions[m];
        if (!syrian_place(mention) || mention.contradicted) continue;  // "Umm Dawaliq in Hama" read as one far away
        const Place& p = g.place(mention.place());
        const bool secondary = mention.qualifies.has_value() || anchors.contains(m);
        int tier;
        if (p.is_admin_area()) tier = 3;
        else if (p.is_region()) tier = secondary ? 2 : 1;  // a region: as a relative location
        else if (p.feature_class == "P" || p.feature_class == "S" || p.feature_class == "R" || p.feature_class == "T")
            tier = secondary ? 2 : 0;
        else continue;
        places.push_back({sentence_of(mention.span.begin_byte), tier, mention.span.begin_byte, {m, std::nullopt}});
    }
    for (std::size_t r = 0; r < result.relatives.size(); ++r) {
        const RelativeLocation& rel = result.relatives[r];
        if (rel.admin.admin1_pcode.empty() || rel.anchor >= result.mentions.size()) continue;
        if (!rel.anchor_implicit && result.mentions[rel.anchor].contradicted) continue;
        places.push_back({sentence_of(rel.span.begin_byte), 1, rel.span.begin_byte, {rel.anchor, r}});
    }
    // Sentences that place something abroad.
    std::set<std::size_t> abroad_sentences;
    for (const Mention& mention : result.mentions) {
        if (mention.role != "location" || mention.candidates.empty()) continue;
        if (g.place(mention.place()).country_code != "SY") abroad_sentences.insert(sentence_of(mention.span.begin_byte));
    }
    // Sentence s and t are in one paragraph, at most three apart.
    const auto near = [&](std::size_t s, std::size_t t) {
        if (s >= sentences.size() || t >= sentences.size()) return false;
        const std::size_t lo = std::min(s, t), hi = std::max(s, t);
        if (hi - lo > 3) return false;
        return text.substr(sentences[lo].begin, sentences[hi].begin - sentences[lo].begin).find('\n') == std::string_view::npos;
    };

    // The first incident by an armed side with a place near it. Only sentences near a place are
    // classified: a long story with one Syrian name costs a few sentences, not all of them.
    std::size_t incident = sentences.size();
    std::optional<Classification> cls;
    Casualties casualties;
    std::optional<Candidate> best;
    std::vector<std::string> incident_actors;
    // The first toll stated in the sentences next to the incident (the report gives one event
    // only, so no figure is counted twice).
    const auto toll_near = [&](std::size_t s) {
        for (std::size_t d = 1; d <= 2; ++d)
            for (const std::size_t t : {s + d, s >= d ? s - d : sentences.size()}) {
                if (t >= sentences.size() || !near(t, s)) continue;
                Casualties c = find_casualties(text.substr(sentences[t].begin, sentences[t].end - sentences[t].begin));
                if (!c.text.empty()) return c;
            }
        return Casualties{};
    };
    for (std::size_t s = 0; s < sentences.size() && !best; ++s) {
        if (std::none_of(places.begin(), places.end(), [&](const Placed& p) { return near(p.sentence, s); })) continue;
        if (abroad_sentences.contains(s)) continue;  // "killed ... in Helmand province of Afghanistan": it says where
        const std::string_view st = text.substr(sentences[s].begin, sentences[s].end - sentences[s].begin);
        std::optional<Classification> c = classify_event(st);
        if (!c) continue;
        Casualties toll = find_casualties(st);
        if (c->type == "other" && c->subtype == "casualties") {
            // fighters killed are the toll of fighting; others killed are an incident when an
            // armed side is named with them (below)
            if (names_combatants(toll.text)) {
                c->type = "clashes";
                c->subtype = "fighters killed";
            }
        } else if (!is_incident(*c)) {
            continue;
        }
        // Someone armed did it: a crime story ("a man was shot", "police arrested two") that
        // also names a place matching a Syrian one tells no incident in Syria.
        // The actor may be told in a sentence of its own next to the incident ("Attributed to:
        // Russian forces."): the sentences around it in the paragraph count too.
        std::vector<std::string> actors = find_actors(st);
        for (std::size_t t = s > 2 ? s - 2 : 0; t < sentences.size() && t <= s + 2 && actors.empty(); ++t)
            if (t != s && near(t, s)) actors = find_actors(text.substr(sentences[t].begin, sentences[t].end - sentences[t].begin));
        const auto armed = [](const std::string& actor) {
            const std::size_t space = actor.find_last_of(' ');
            std::string head = actor.substr(space == std::string::npos ? 0 : space + 1);
            std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            if (head == "coalition") {
                // "the coalition" of parties is none; "the US-led coalition", "the international
                // coalition" is a military one
                std::string lower = actor;
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
                return lower.find("led coalition") != std::string::npos || lower.find("international coalition") != std::string::npos ||
                       lower.find("military coalition") != std::string::npos;
            }
            return head != "police" && head != "government" && head != "opposition";
        };
        // In Arabic an air strike, a drone strike or shelling is by an armed side whether or not
        // the report names it («الجهة المنسوبة: جهة غير محددة»). (English news uses the words of
        // far more than war: LGL's US stories gave two false events in Syria with this rule.)
        const bool weapons_of_war = (c->type == "air_strike" || c->type == "drone_strike" || c->type == "shelling") &&
                                    arabic::has_arabic(st);
        if (!weapons_of_war && std::none_of(actors.begin(), actors.end(), armed)) continue;
        if (toll.text.empty()) toll = toll_near(s);  // "... Civilians killed: 4." after the incident
        incident_actors = actors;
        for (const Placed& p : places) {
            if (!near(p.sentence, s)) continue;
            const Candidate c2{p.tier, p.sentence > s ? p.sentence - s : s - p.sentence, p.begin, p.locus, p.sentence};
            if (!best || std::tie(c2.tier, c2.distance, c2.begin) < std::tie(best->tier, best->distance, best->begin)) best = c2;
        }
        cls = std::move(c);
        casualties = std::move(toll);
        incident = s;
    }
    if (!best) return;

    const text::ByteRange& sentence = sentences[incident];
    const std::string_view sentence_text = text.substr(sentence.begin, sentence.end - sentence.begin);
    DateGuess when = resolve_sentence_date(sentence_text, result.doc.published);
    if (when.words.empty() && best->sentence_index != incident) {
        // no date in the incident's sentence: the date told with its place ("On 3 March in X.
        // Strike type: air strike.")
        const text::ByteRange& at = sentences[best->sentence_index];
        DateGuess there = resolve_sentence_date(text.substr(at.begin, at.end - at.begin), result.doc.published);
        if (!there.words.empty()) when = std::move(there);
    }
    Event ev;
    set_type(ev, *cls);
    ev.status = background(when, result.doc.published) ? "background" : cls->status;
    ev.cue = cls->cue;
    if (when.precision == "unknown" && result.doc.published && when.words.empty()) {
        ev.event_date = result.doc.published;
        ev.date_precision = "week";
        ev.date_min = *result.doc.published - std::chrono::days(6);
        ev.date_max = result.doc.published;
        ev.date_basis = "no date in the sentence: the week up to publication";
    } else {
        set_date(ev, when, result.doc.published);
    }
    ev.actors = std::move(incident_actors);
    ev.killed = casualties.killed;
    ev.injured = casualties.injured;
    ev.casualty_text = casualties.text;
    ev.places = {best->locus.mention};
    locate(ev, result, best->locus, g);
    // the place was not in the incident's own words: half the confidence of a sentence event;
    // a place that only qualifies or anchors another says the event is in its area, no more
    ev.confidence = result.mentions[best->locus.mention].confidence * 0.5 * cls->confidence;
    if (best->tier >= 2) ev.geo_precision = std::max(ev.geo_precision, 2);
    Span span;
    span.begin_byte = sentence.begin;
    span.end_byte = sentence.end;
    span.begin_cp = text::count_code_points(text, sentence.begin);
    span.end_cp = span.begin_cp + text::count_code_points(sentence_text, sentence_text.size());
    span.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(sentence.begin), '\n'));
    ev.sentence = span;
    ev.snippet = std::string(sentence_text);
    const std::string day = ev.event_date ? date::format("%F", *ev.event_date) : std::string();
    ev.event_id = stable_id("ev-", {result.doc.doc_id, ev.event_type, ev.subtype, ev.place_id, ev.place_name, day});
    result.events.push_back(std::move(ev));
}

}  // namespace

void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer) {
    const Document& doc = result.doc;
    const std::string_view text(doc.text);
    std::set<std::string> seen;  // event ids: duplicates within a document merge
    std::optional<std::size_t> previous_end;  // the sentence before: where it ends, its text
    std::string_view previous_text;
    std::vector<Antecedent> antecedents;  // earlier event sentences, for "hours after the ceasefire"
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
        // if that place is in Syria, unless it names places abroad only ("talks in Moscow").
        // "The besieged area" is the place of the latest siege. A sentence with none of these is
        // no event: skip the classifier.
        std::vector<Locus> loci = loci_of_sentence(result, sentence, gazetteer);
        const bool inherited = loci.empty();
        if (inherited) {
            if (std::optional<Locus> besieged = besieged_referent(sentence_text, result)) {
                loci.push_back(*besieged);
            } else {
                if (result.events.empty() || result.events.back().sentence.end_byte != prior_end.value_or(SIZE_MAX)) continue;
                if (result.events.back().admin.admin1_pcode.empty()) continue;
                if (names_only_places_abroad(result, sentence, gazetteer)) continue;
                const Event& previous = result.events.back();
                loci.push_back({previous.mention, previous.relative});
            }
        }
        const auto locus_begin = [&](const Locus& l) {
            return l.relative ? result.relatives[*l.relative].span.begin_byte : result.mentions[l.mention].span.begin_byte;
        };
        const auto locus_end = [&](const Locus& l) {
            return l.relative ? result.relatives[*l.relative].span.end_byte : result.mentions[l.mention].span.end_byte;
        };

        // Relative clauses with an event of their own after the sentence's places: the rest of
        // the sentence is classified and dated without them.
        std::vector<RelativeClause> relative_clauses;
        std::vector<std::optional<std::size_t>> clause_of_locus(loci.size());  // begin byte of its relative clause
        if (!inherited) {
            for (std::size_t l = 0; l < loci.size(); ++l) {
                std::optional<RelativeClause> rc = relative_clause_after(text, sentence, locus_end(loci[l]), doc.published);
                if (!rc) continue;
                clause_of_locus[l] = rc->range.begin;
                const bool known = std::any_of(relative_clauses.begin(), relative_clauses.end(),
                                               [&](const RelativeClause& c) { return c.range.begin == rc->range.begin; });
                if (!known) relative_clauses.push_back(std::move(*rc));
            }
            std::sort(relative_clauses.begin(), relative_clauses.end(),
                      [](const RelativeClause& a, const RelativeClause& b) { return a.range.begin < b.range.begin; });
        }
        const std::string main_text = without_clauses(text, sentence, relative_clauses);
        const std::optional<Classification> sentence_class = classify_event(main_text);
        if (!sentence_class && relative_clauses.empty()) continue;

        // When: the sentence's own expression; else the day of the earlier event it refers to
        // ("hours after the ceasefire", "The offensive ..."); else after what its relative clause
        // tells ("retook villages which were lost on Wednesday"); else the day the sentence just
        // before (in the same paragraph) stated; else the week up to publication, as a news
        // report tells of recent days.
        SentenceDate date{resolve_sentence_date(main_text, doc.published)};
        const auto undated = [&] { return date.guess.precision == "unknown" && date.guess.words.empty(); };
        if (undated()) {
            if (std::optional<DateGuess> a = date_of_antecedent(main_text, antecedents)) {
                date.guess = std::move(*a);
                date.carried = true;
            }
        }
        if (undated() && doc.published) {
            for (const RelativeClause& rc : relative_clauses) {
                if (rc.date.precision == "unknown" || !rc.date.min || background(rc.date, doc.published)) continue;
                const Date from = *rc.date.min, to = *doc.published;
                date.guess.precision = "range";
                date.guess.min = from;
                date.guess.max = to;
                date.guess.date = from + (to - from) / 2;
                date.guess.words = rc.date.words;
                date.guess.basis = "after what the relative clause tells (" + rc.date.basis + "), up to publication";
                break;
            }
        }
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
        if (sentence_class) antecedents.push_back({sentence_class->type, sentence_class->subtype, date.guess});

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

        // A sentence that continues an earlier place may tell several events of different
        // types in its clauses ("rebels had waged an offensive but ... denied insurgents had
        // captured the school"): one event per type.
        std::vector<Classification> inherited_classes;
        if (inherited && sentence_class) {
            for (std::string_view clause : predicate_clauses(main_text)) {
                std::optional<Classification> c = classify_event(clause);
                if (!c || (c->type == "other" && c->subtype == "casualties")) continue;
                const bool known = std::any_of(inherited_classes.begin(), inherited_classes.end(),
                                               [&](const Classification& k) { return k.type == c->type; });
                if (!known) inherited_classes.push_back(std::move(*c));
            }
            if (inherited_classes.size() < 2) inherited_classes = {*sentence_class};
        }

        const auto add_event = [&](const Locus& locus, Classification cls, const DateGuess& when, std::string_view clause_text) {
            // Deaths of fighters with no weapon named are the toll of fighting.
            if (cls.type == "other" && cls.subtype == "casualties" && names_combatants(casualties.text)) {
                cls.type = "clashes";
                cls.subtype = "fighters killed";
            }
            Event ev;
            set_type(ev, cls);
            ev.status = background(when, doc.published) ? "background" : cls.status;
            ev.cue = cls.cue;
            set_date(ev, when, doc.published);
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
            // Same type, kind, place and day is one event told twice; an offensive launched and
            // a commander killed in the battle at one place and day are two.
            ev.event_id = stable_id("ev-", {doc.doc_id, ev.event_type, ev.subtype, ev.place_id, ev.place_name, day});
            if (!seen.insert(ev.event_id).second) return;
            result.events.push_back(std::move(ev));
        };

        for (std::size_t l = 0; l < loci.size(); ++l) {
            const Locus& locus = loci[l];
            if (sentence_class && inherited) {
                for (const Classification& cls : inherited_classes) add_event(locus, cls, date.guess, sentence_text);
            } else if (sentence_class) {
                // The clause of the place decides the type when it has a cue of its own.
                const std::size_t at = locus_begin(locus);
                Classification cls = *sentence_class;
                DateGuess when = date.guess;
                std::string clause_text(main_text);
                std::size_t clause_begin = sentence.begin, clause_end = sentence.end;
                if (clauses.size() > 1) {
                    for (const text::ByteRange& c : clauses) {
                        if (at < c.begin || at >= c.end) continue;
                        clause_text = without_clauses(text, c, relative_clauses);
                        clause_begin = c.begin;
                        clause_end = c.end;
                        if (std::optional<Classification> own = classify_event(clause_text)) cls = *own;
                        DateGuess own_date = resolve_sentence_date(clause_text, doc.published);
                        if (own_date.precision != "unknown") when = own_date;
                    }
                }
                // The verb that governs a place usually comes just before it ("helped regime forces
                // to advance in the north of the city"; "launched an assault on X ... after losses
                // when the army imposed a siege"): the few words before the place decide when they
                // hold a cue, else the clause up to the place.
                const std::size_t place_begin = at;
                const std::size_t place_end = locus_end(locus);
                std::size_t k = first;
                while (k < last && tokens[k].begin_byte < place_begin) ++k;
                const std::size_t window_first = std::max(first, k >= first + kLeadWords ? k - kLeadWords : first);
                const std::size_t window_begin = std::max(clause_begin, tokens[window_first].begin_byte);
                std::optional<Classification> lead;
                if (place_end > window_begin)
                    lead = classify_event(text.substr(clause_begin, place_end - clause_begin), window_begin - clause_begin);
                if (!lead && place_end > clause_begin) lead = classify_event(text.substr(clause_begin, place_end - clause_begin));
                // A toll alone ("... killed two civilians in X and Y") tells no kind of event: it
                // never overrides the kind the sentence tells.
                const bool toll_only = lead && lead->type == "other" && lead->subtype == "casualties";
                // Nor does a generic verb ("targeted the town of X") override the weapons the
                // sentence names ("rockets fired by the army targeted ...").
                const bool generic_only = lead && lead->generic && sentence_class && !sentence_class->generic &&
                                          !(sentence_class->type == "other" && sentence_class->subtype == "casualties");
                if (lead && !lead->supporting && !toll_only && !generic_only) cls = *lead;
                if (std::optional<EarlierEvent> earlier =
                        named_after_earlier(text.substr(clause_begin, clause_end - clause_begin), place_begin - clause_begin))
                    when = earlier_than(when, *earlier);
                add_event(locus, cls, when, clause_text);
            }
            if (clause_of_locus[l]) {
                for (const RelativeClause& rc : relative_clauses) {
                    if (rc.range.begin != *clause_of_locus[l]) continue;
                    add_event(locus, rc.cls, rc.date.precision == "unknown" ? date.guess : rc.date,
                              text.substr(rc.range.begin, rc.range.end - rc.range.begin));
                }
            }
        }
        // A clause after a semicolon that names no place goes on about the place before it
        // ("have besieged Douma for months; on Tuesday shelling killed seven people there"): an
        // event of its own kind and day at that place, as a sentence without a place continues
        // the one before.
        for (std::size_t c = 1; !inherited && c < clauses.size(); ++c) {
            const text::ByteRange& clause = clauses[c];
            if (text[clause.begin - 1] != ';') continue;
            const Locus* place_before = nullptr;
            bool own_place = false;
            for (const Locus& l : loci) {
                const std::size_t at = locus_begin(l);
                if (at < clause.begin) place_before = &l;
                own_place = own_place || (at >= clause.begin && at < clause.end);
            }
            if (own_place || !place_before) continue;
            const std::string clause_text = without_clauses(text, clause, relative_clauses);
            const std::optional<Classification> cls = classify_event(clause_text);
            if (!cls || (cls->type == "other" && cls->subtype == "casualties")) continue;
            DateGuess when = resolve_sentence_date(clause_text, doc.published);
            if (when.precision == "unknown") when = date.guess;
            add_event(*place_before, *cls, when, clause_text);
        }
    }
    if (result.events.empty()) add_report_event(result, sentences, gazetteer);
}

}  // namespace toponym::events
