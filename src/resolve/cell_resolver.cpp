// Location cells: parts, alternatives and qualifiers around the document pipeline.
#include "resolve/cell_resolver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "geo/geodesy.hpp"
#include "geoparse/arabic.hpp"
#include "geoparse/fuzzy.hpp"
#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::resolve {

namespace {

struct Part {
    std::size_t begin = 0;  // bytes into the cell text
    std::size_t end = 0;
};

// Parts of the cell separated by commas (Latin or Arabic), semicolons, slashes, parentheses or
// a spaced dash ("Al Fardous (Aleppo)", "Barki/Pirike", "كوتانة، عفرين"), as byte ranges.
std::size_t separator_length(std::string_view cell, std::size_t i) {
    const char c = cell[i];
    if (c == ',' || c == ';' || c == '/' || c == '(' || c == ')' || c == '[' || c == ']') return 1;
    if (cell.substr(i, 2) == "\xD8\x8C" || cell.substr(i, 2) == "\xD8\x9B") return 2;  // Arabic comma, semicolon
    if (cell.substr(i, 3) == " - ") return 3;
    return 0;
}

std::vector<Part> split_parts(std::string_view cell) {
    std::vector<Part> parts;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= cell.size();) {
        const std::size_t sep = i == cell.size() ? 1 : separator_length(cell, i);
        if (sep > 0) {
            if (cell.substr(begin, i - begin).find_first_not_of(" \t") != std::string_view::npos) parts.push_back({begin, i});
            begin = i + sep;
            i += sep;
        } else {
            ++i;
        }
    }
    return parts;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// "countryside of Manbij", "Manbij countryside", "outskirts of", "near", "rural", "vicinity":
// the place is the area around the named one.
bool names_surroundings(std::string_view part) {
    const std::string p = " " + lower_ascii(part) + " ";
    constexpr std::array kWords = {" countryside", " outskirts", " near ", " vicinity", " rural ", " suburb",
                                   " surroundings", " environs", " around ", " outside "};
    if (std::any_of(kWords.begin(), kWords.end(), [&](const char* w) { return p.find(w) != std::string::npos; })) return true;
    // «ريف حلب الغربي», «أطراف دوما», «محيط البلدة», «بالقرب من», «ضواحي»: each word with its
    // proclitics peeled
    static const std::set<std::string, std::less<>> arabic = {
        text::fold_word("ريف").key, text::fold_word("أطراف").key, text::fold_word("محيط").key,
        text::fold_word("ضواحي").key, text::fold_word("قرب").key, text::fold_word("بالقرب").key};
    for (const std::string& w : text::fold_name_words(part)) {
        if (w.empty() || static_cast<unsigned char>(w[0]) < 0xD8) continue;
        if (arabic.contains(w)) return true;
        for (const std::string& k : geoparse::arabic::peeled_keys(w))
            if (arabic.contains(k)) return true;
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

void add_alternative(std::vector<Candidate>& out, const Candidate& c, std::uint32_t chosen) {
    if (c.place == chosen) return;
    if (std::any_of(out.begin(), out.end(), [&](const Candidate& o) { return o.place == c.place; })) return;
    out.push_back(c);
}

CellResolution from_mention(const Mention& m, const std::vector<Mention>& others, const PipelineContext& ctx) {
    CellResolution r;
    r.status = CellStatus::Resolved;
    r.place = m.place();
    r.matched = m.surface;
    r.confidence = m.confidence;
    r.admin = m.admin;
    const Place& p = ctx.gazetteer.place(m.place());
    r.geo_precision = p.is_admin_area() ? 3 : 1;
    r.uncertainty_m = p.radius_m;
    for (const Mention& o : others) {
        if (&o != &m) add_alternative(r.alternatives, o.candidates.front(), m.place());
    }
    for (std::size_t i = 1; i < m.candidates.size(); ++i) add_alternative(r.alternatives, m.candidates[i], m.place());
    return r;
}

constexpr double kSurroundingsRadiusM = 10000.0;  // "countryside of X": the area around X

// What the rest of the row says about where it is: the countries and governorates of the
// places named after a part (later parts, context columns).
struct RowContext {
    std::vector<std::string> countries;
    std::vector<std::string> admin1_pcodes;
    // Towns a later part of the cell names without ambiguity (no admin area of that name):
    // "Al Ashrafiya, Afrin" is the Ashrafiya of Afrin.
    std::vector<std::uint32_t> towns;

    void add_town(const Mention& m, const Gazetteer& g) {
        const bool only_settlements = std::all_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
            return g.place(c.place).feature_class == "P";
        });
        if (only_settlements && !m.candidates.empty()) towns.push_back(m.place());
    }

    void add(const Mention& m, const Gazetteer& g) {
        const Place& p = g.place(m.place());
        if (!p.country_code.empty() && std::find(countries.begin(), countries.end(), p.country_code) == countries.end()) {
            countries.push_back(p.country_code);
        }
        if (m.admin.admin1_pcode.empty()) return;
        admin1_pcodes.push_back(m.admin.admin1_pcode);
        // "Damascus" names the city and the governorate around it (Rural Damascus) alike.
        if (m.admin.admin1_pcode == "SY01") admin1_pcodes.push_back("SY03");
        if (m.admin.admin1_pcode == "SY03") admin1_pcodes.push_back("SY01");
    }
    bool has(const std::vector<std::string>& list, const std::string& value) const {
        return std::find(list.begin(), list.end(), value) != list.end();
    }
};

// A place "X, Town" names lies within reach of the town: the district towns Airwars and
// similar tables name are at most a few tens of kilometres from their villages.
constexpr double kTownReachKm = 30.0;

// Puts first the candidate nearest a town a later part names, when one lies within reach.
// False when no candidate is near and all are city quarters: quarter names repeat from city to
// city ("Ashrafiya, Afrin" is not Aleppo's Ashrafiyeh). Other places are kept: a later part
// can be a spurious match, and a village's name is rarer than a quarter's.
bool near_named_town(Mention& m, const RowContext& context, const Gazetteer& g) {
    if (context.towns.empty()) return true;
    const auto distance = [&](const Candidate& c) {
        double best = std::numeric_limits<double>::infinity();
        const Place& p = g.place(c.place);
        for (std::uint32_t t : context.towns) best = std::min(best, geo::great_circle_km(p.lat, p.lon, g.place(t).lat, g.place(t).lon));
        return best;
    };
    const auto nearest = std::min_element(m.candidates.begin(), m.candidates.end(),
                                          [&](const Candidate& a, const Candidate& b) { return distance(a) < distance(b); });
    if (nearest == m.candidates.end()) return false;
    if (distance(*nearest) > kTownReachKm) {
        return !std::all_of(m.candidates.begin(), m.candidates.end(),
                            [&](const Candidate& c) { return g.place(c.place).feature_code == "PPLX"; });
    }
    if (distance(m.candidates.front()) > kTownReachKm) std::rotate(m.candidates.begin(), nearest, nearest + 1);
    return true;
}

// The mention with its candidates narrowed by the row's context: places in another country
// than the context's are dropped ("Al Subha, Deir ez-Zor" is not Suva), places in the
// governorate the context names go first. Returns false when no candidate is left. Sets
// `outside_governorate` when the context names governorates and no candidate lies in them:
// on Airwars, all 85 such rows were homonyms the gazetteer lacks (the row's point lay in the
// governorate named, never within 10 km of the match).
bool narrow_to_context(Mention& m, const RowContext& context, const PipelineContext& ctx, bool& outside_governorate) {
    outside_governorate = false;
    if (!context.countries.empty()) {
        std::erase_if(m.candidates, [&](const Candidate& c) {
            const std::string& country = ctx.gazetteer.place(c.place).country_code;
            return !country.empty() && !context.has(context.countries, country);
        });
        if (m.candidates.empty()) return false;
    }
    if (context.admin1_pcodes.empty()) return true;
    std::vector<Candidate> inside, outside;
    for (const Candidate& c : m.candidates) {
        (context.has(context.admin1_pcodes, ctx.gazetteer.place(c.place).admin1_pcode) ? inside : outside).push_back(c);
    }
    outside_governorate = inside.empty();
    if (!inside.empty() && inside.front().place != m.place()) {
        inside.insert(inside.end(), outside.begin(), outside.end());
        m.candidates = std::move(inside);
        m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
    }
    return true;
}

// Whether the part places `m` inside `container`, the next name in it: «X في Y» ("X in Y"), or Y
// written with the proclitic «ب» right after X («X بY»), the rest of its surface a name of Y.
bool placed_inside(std::string_view cell, const Mention& m, const Mention& container, const Gazetteer& g) {
    if (container.span.begin_byte < m.span.end_byte) return false;
    std::string_view between = cell.substr(m.span.end_byte, container.span.begin_byte - m.span.end_byte);
    while (!between.empty() && (between.front() == ' ' || between.back() == ' ')) {
        if (between.front() == ' ') between.remove_prefix(1);
        else between.remove_suffix(1);
    }
    if (between == "\u0641\u064a") return true;  // في
    if (!between.empty() || !container.surface.starts_with("\u0628")) return false;  // ب
    const PlaceIds ids = g.lookup(text::fold_name(std::string_view(container.surface).substr(2)));
    return std::find(ids.begin(), ids.end(), container.place()) != ids.end();
}

// «حي X في Y», «X بY»: a name the part itself places inside another is one of its readings in
// that governorate (a quarter: within reach of that town), else a place the gazetteer lacks
// there, and the part is somewhere in Y (dropped here, Y then names the part with precision
// 2). Quarter names repeat from city to city and village names across governorates: a reading
// elsewhere is another place.
void keep_readings_inside_container(std::vector<Mention>& in_part, std::string_view cell, const PipelineContext& ctx) {
    const Gazetteer& g = ctx.gazetteer;
    for (std::size_t i = 0; i + 1 < in_part.size();) {
        const Mention& container = in_part[i + 1];
        if (!placed_inside(cell, in_part[i], container, g)) {
            ++i;
            continue;
        }
        RowContext inside;
        inside.add(container, g);
        Mention narrowed = in_part[i];
        bool outside = false;
        bool keep = narrow_to_context(narrowed, inside, ctx, outside) && !outside;
        if (keep && narrowed.head == "neighbourhood") {
            const Place& town = g.place(container.place());
            keep = std::any_of(narrowed.candidates.begin(), narrowed.candidates.end(), [&](const Candidate& c) {
                const Place& p = g.place(c.place);
                return p.admin1_pcode == town.admin1_pcode || inside.has(inside.admin1_pcodes, p.admin1_pcode)
                           ? geo::great_circle_km(p.lat, p.lon, town.lat, town.lon) <= kTownReachKm
                           : false;
            });
        }
        if (keep) {
            narrowed.admin = ctx.admin.assign(g.place(narrowed.place()));
            in_part[i] = std::move(narrowed);
            ++i;
        } else {
            in_part.erase(in_part.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
}

// Folded forms of `words`, for comparing with text::fold_name_words output.
std::set<std::string, std::less<>> folded_set(std::initializer_list<const char*> words) {
    std::set<std::string, std::less<>> out;
    for (const char* w : words) out.insert(text::fold_word(w).key);
    return out;
}

bool has_word_in(std::string_view part, const std::set<std::string, std::less<>>& folded) {
    const std::vector<std::string> words = text::fold_name_words(part);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return folded.contains(w); });
}

// "Aleppo" alone in a location cell is the city: a governorate column says when the
// governorate is meant, and the cell's own words do ("Idlib governorate", "Aleppo countryside",
// "محافظة إدلب", "ريف حلب").
bool part_names_admin_area(const Mention& m, std::string_view part) {
    if (m.head == "province" || m.head == "governorate" || m.head == "district" || m.head == "subdistrict") return true;
    static const auto kWords = folded_set({"province", "governorate", "countryside", "rural", "rif", "district", "subdistrict",
                                           "region", "محافظة", "ريف",
                                           "منطقة", "ناحية"});
    return has_word_in(part, kWords);
}

// Puts the settlement of the same name first when the mention chose an admin area that contains
// it (the governorate Ar-Raqqa for "Ar Raqqah", a district for its chief town).
void prefer_settlement(Mention& m, std::string_view part, const PipelineContext& ctx) {
    const Place& chosen = ctx.gazetteer.place(m.place());
    if (!chosen.is_admin_area() || chosen.is_country() || part_names_admin_area(m, part)) return;
    const auto settlement = std::find_if(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
        const Place& p = ctx.gazetteer.place(c.place);
        return p.feature_class == "P" && p.country_code == chosen.country_code && p.admin1_pcode == chosen.admin1_pcode;
    });
    if (settlement == m.candidates.end()) return;
    std::rotate(m.candidates.begin(), settlement, settlement + 1);
    m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
}

// Puts the admin area of the name first when the part's words say its governorate is meant
// and the mention chose a settlement: "Idlib countryside", "ريف حلب" are the governorate, not
// the city, whatever the city's population weighs in the document reading. Not for "district":
// without the district in the gazetteer, its town is nearer than the governorate.
void prefer_named_area(Mention& m, std::string_view part, const PipelineContext& ctx) {
    const Place& chosen = ctx.gazetteer.place(m.place());
    static const auto kGovernorateWords = folded_set({"province", "governorate", "countryside", "rural", "rif", "محافظة", "ريف"});
    // "western Aleppo countryside", "ريف حلب الغربي": a part of the governorate, read as such.
    static const auto kDirectionWords = folded_set({"north", "south", "east", "west", "northern", "southern", "eastern",
                                                    "western", "northeastern", "northwestern", "southeastern",
                                                    "southwestern", "الشمالي", "الجنوبي", "الشرقي", "الغربي"});
    const bool names_governorate = m.head == "province" || m.head == "governorate" || has_word_in(part, kGovernorateWords);
    if (chosen.is_admin_area() || !names_governorate || has_word_in(part, kDirectionWords)) return;
    const auto area = std::find_if(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
        const Place& p = ctx.gazetteer.place(c.place);
        return p.is_admin_area() && !p.is_country() && p.country_code == chosen.country_code;
    });
    if (area == m.candidates.end()) return;
    std::rotate(m.candidates.begin(), area, area + 1);
    m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
}

// Words of a location cell that qualify the name rather than being part of it.
bool is_qualifier_word(std::string_view folded) {
    // English, and Arabic village, town, city, neighbourhood, countryside, near, area, camp.
    static const auto kFolded = folded_set(
        {"village", "villages", "town", "city", "neighbourhood", "neighborhood", "district", "subdistrict", "sub", "area",
         "near", "of", "the", "in", "outskirts", "countryside", "vicinity", "rural", "camp", "suburb", "hay", "hayy", "and",
         "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
         "قرية", "بلدة", "مدينة", "حي",
         "ريف", "قرب", "بالقرب", "من",
         "منطقة", "مخيم"});
    return kFolded.contains(folded);
}

// The word just before the name makes it part of another place's name: "Kafr Halab" (the
// village of Aleppo), "Tareeq al-Bab" (the al-Bab road, in Aleppo), "Jisr X", "Tal X". That
// place is not X, nor near it: the part is treated as unknown.
bool construct_before(std::string_view part_before_name) {
    static const auto kConstruct = folded_set({"kafr", "kfar", "kafar", "tal", "tall", "tell", "jisr", "ain", "ayn", "deir",
                                               "dayr", "khan", "jabal", "jebel", "wadi", "qasr", "beit", "bayt", "tariq",
                                               "tareeq", "road", "\u0643\u0641\u0631", "\u062a\u0644", "\u062c\u0633\u0631",
                                               "\u0637\u0631\u064a\u0642"});
    const std::vector<std::string> words = text::fold_name_words(part_before_name);
    return !words.empty() && kConstruct.contains(words.back());
}

// True when words other than qualifiers come before the name in its part ("Shya Afrin",
// "Tishreen Dam Manbij"): the part names something the gazetteer lacks, at or near that place.
bool unknown_words_before(std::string_view part_before_name) {
    static const auto kOr = folded_set({"or", "أو"});
    for (const std::string& w : text::fold_name_words(part_before_name)) {
        if (!w.empty() && !is_qualifier_word(w) && !kOr.contains(w)) return true;
    }
    return false;
}

// The name a part holds once qualifiers are dropped, folded: "Al Baraziya village" -> "barazya".
std::string core_key(std::string_view part) {
    std::string key;
    for (const std::string& w : text::fold_name_words(part)) {
        if (w.empty() || is_qualifier_word(w)) continue;
        key += (key.empty() ? "" : " ") + w;
    }
    return key;
}

// The consonants of a folded key, the part transliterations agree on: vowels, h, w, y and
// spaces dropped, q/c/g written k, doubled letters once ("Arbeen" and "Irbin" both "rbn",
// "Khan Sheikoun" and "Khan Shaykhun" both "knskn").
// In Arabic script, geoparse::arabic::skeleton ("الشدادي" and "الشدادة" both "شد").
std::string consonant_skeleton(std::string_view key) {
    if (!key.empty() && static_cast<unsigned char>(key[0]) >= 0xD8 && static_cast<unsigned char>(key[0]) <= 0xDB)
        return geoparse::arabic::skeleton(key);
    std::string out;
    for (char c : key) {
        if (std::string_view("aeiouhwy ' ").find(c) != std::string_view::npos) continue;
        if (c == 'q' || c == 'c' || c == 'g') c = 'k';
        if (c == 'p') c = 'b';
        if (c == 'v') c = 'f';
        if (!out.empty() && out.back() == c) continue;
        out.push_back(c);
    }
    return out;
}

// A spelling variant rather than another name: the same consonants in the same order. Within
// the fuzzy index's edit distance, names that differ in a consonant are other places ("Sabka"
// is not Tabqa, "Babis" not Balis, "Al Sha'afa" not Al-Ashara).
bool plausible_variant(std::string_view query, std::string_view key) {
    const std::string q = consonant_skeleton(query);
    return q.size() >= 2 && q == consonant_skeleton(key);
}

// A part no gazetteer name matched, tried as a misspelling of one ("Jisir Al-Shoghour"): the
// nearest keys that pass plausible_variant, their Syrian places in the row's governorates
// (when the row names any), settlements before areas, then by population.
std::optional<Candidate> fuzzy_part(std::string_view part, const RowContext& context, const PipelineContext& ctx,
                                    std::string& matched_key) {
    if (!ctx.fuzzy) return std::nullopt;
    const std::string key = core_key(part);
    if (key.empty()) return std::nullopt;
    Mention found;  // the candidates at the smallest distance, best first
    int found_distance = 0;
    // Keys within the edit distance, else (two vowels changed, "Turmenen" / "Turmanin") those of
    // the same consonant skeleton, as the geoparser's slot names.
    std::vector<geoparse::FuzzyIndex::Hit> hits = ctx.fuzzy->lookup(key);
    if (std::none_of(hits.begin(), hits.end(), [&](const auto& h) { return plausible_variant(key, h.key); })) {
        for (std::string& k : ctx.fuzzy->lookup_skeleton(key)) hits.push_back({std::move(k), 3});
    }
    // else the words joined or split otherwise ("Telyamani" / "Tall Yamani")
    if (std::none_of(hits.begin(), hits.end(), [&](const auto& h) { return plausible_variant(key, h.key); })) {
        for (geoparse::FuzzyIndex::Hit& h : ctx.fuzzy->lookup_joined(key)) {
            hits.push_back({std::move(h.key), 4 + h.distance});
        }
    }
    for (const geoparse::FuzzyIndex::Hit& hit : hits) {
        if (!found.candidates.empty() && hit.distance > found_distance) break;
        if (!plausible_variant(key, hit.key)) continue;
        for (std::uint32_t idx : ctx.gazetteer.lookup(hit.key)) {
            const Place& p = ctx.gazetteer.place(idx);
            // a misspelling is of a Syrian name (the fuzzy index holds Syria's keys): "Beljn" is no
            // Berlin, whose alternate names include "Belin"
            if (p.is_country() || p.country_code != "SY") continue;
            if (!context.countries.empty() && !context.has(context.countries, p.country_code)) continue;
            if (!context.admin1_pcodes.empty() && !context.has(context.admin1_pcodes, p.admin1_pcode)) continue;
            const double population = static_cast<double>(std::max<std::int64_t>(0, p.population));
            found.candidates.push_back({idx, (p.feature_class == "P" ? 2.0 : 1.0) + 0.1 * std::log10(1.0 + population)});
            found_distance = hit.distance;
            if (matched_key.empty()) matched_key = hit.key;
        }
    }
    std::stable_sort(found.candidates.begin(), found.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (found.candidates.empty() || !near_named_town(found, context, ctx.gazetteer)) return std::nullopt;
    return found.candidates.front();
}

// The Syrian places (not admin areas) the keys name, in the row's governorates when it names
// any, when they all lie within 10 km of the first: the one place those spellings can mean.
std::optional<Candidate> one_place_of(const std::vector<std::string>& keys, const RowContext& context,
                                      const PipelineContext& ctx) {
    const std::optional<std::uint32_t> idx = geoparse::arabic::one_place_of(keys, ctx.gazetteer, [&](const Place& p) {
        return context.admin1_pcodes.empty() || context.has(context.admin1_pcodes, p.admin1_pcode);
    });
    if (!idx) return std::nullopt;
    return Candidate{*idx, 1.0};
}

// An Arabic name the gazetteer holds only in Latin letters ("Kobane" without «كوباني»):
// geoparse::arabic::latin_spelling_place, among the Syrian places of the row's governorates
// when it names some.
std::optional<Candidate> latin_spelling_place(std::string_view part, const RowContext& context, const PipelineContext& ctx,
                                             std::uint32_t agrees) {
    if (!ctx.fuzzy) return std::nullopt;
    const std::optional<std::uint32_t> idx = geoparse::arabic::latin_spelling_place(
        core_key(part), ctx.gazetteer, *ctx.fuzzy, agrees,
        [&](const Place& p) { return context.admin1_pcodes.empty() || context.has(context.admin1_pcodes, p.admin1_pcode); });
    if (!idx) return std::nullopt;
    return Candidate{*idx, 1.0};
}

// An Arabic name the gazetteer holds only with a word of its own pair after it: «عرب حسن» for
// «عرب حسن كبير» and «عرب حسن صغير», «قرنفل» for «قرنفل فوقاني» (upper / lower, big / small,
// east / west, old / new). Taken when every such place lies within 10 km of the first (the
// twin villages of one name); never a place another governorate of the row rules out.
std::optional<Candidate> twin_part(std::string_view part, const RowContext& context, const PipelineContext& ctx) {
    const std::string key = core_key(part);
    if (key.empty() || !geoparse::arabic::arabic_script(key)) return std::nullopt;
    std::vector<std::string> keys;
    for (const std::string& w : geoparse::arabic::twin_words()) keys.push_back(key + " " + w);
    return one_place_of(keys, context, ctx);
}

// An Arabic name written without the alef it starts with (a hamza seat, «أ» / «ا»): colloquial
// and hurried spelling drops it before a consonant, so «عزاز» is «أعزاز», «ريحا» «أريحا». Tried
// only for a one-word name no gazetteer name holds as written, and taken under one_place_of's
// conditions (one place, in the row's governorates).
std::optional<Candidate> initial_alef_part(std::string_view part, const RowContext& context, const PipelineContext& ctx) {
    const std::string key = geoparse::arabic::initial_alef_key(core_key(part));
    if (key.empty()) return std::nullopt;
    return one_place_of({key}, context, ctx);
}

// A part matched by spelling (fuzzy_part): less sure than an exact name, and coarser when a
// later part (the village unknown, its town misspelt).
CellResolution from_fuzzy(const Candidate& c, std::string_view part_text, std::size_t part_index, const PipelineContext& ctx) {
    CellResolution r;
    const Place& p = ctx.gazetteer.place(c.place);
    r.status = CellStatus::Resolved;
    r.place = c.place;
    r.matched.assign(part_text);
    r.method = part_index == 0 ? "fuzzy" : "fallback";
    r.geo_precision = p.is_admin_area() ? 3 : part_index > 0 || names_surroundings(part_text) ? 2 : 1;
    r.uncertainty_m = r.geo_precision == 2 ? std::max(p.radius_m, kSurroundingsRadiusM) : p.radius_m;
    r.confidence = 0.6 * (part_index > 0 ? 0.7 : 1.0);
    r.admin = ctx.admin.assign(p);
    return r;
}

// The countries a row gives evidence for (see CellOptions): Syria, those the options list, and
// those a country name of the row names as a place (not a demonym: "Iranian consulate"), other
// than the mention `except`, whose own words cannot vouch for themselves ("Kuwait" in "Kuwait
// Al Rahma camp", "Binin" that is also a spelling of Benin).
struct CountryEvidence {
    std::set<std::string> countries = {"SY"};
    bool any = false;

    CountryEvidence(const CellOptions& options, const std::vector<Mention>& mentions, const Mention* except, const Gazetteer& g) {
        for (const std::string& c : options.countries) {
            if (lower_ascii(c) == "any") any = true;
            std::string code = c;
            std::transform(code.begin(), code.end(), code.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
            countries.insert(code);
        }
        for (const Mention& m : mentions) {
            if (&m == except || (except && m.span.begin_byte == except->span.begin_byte) || m.role != "location") continue;
            for (const Candidate& c : m.candidates) {
                const Place& p = g.place(c.place);
                if (p.is_country() && !p.country_code.empty()) countries.insert(p.country_code);
            }
        }
    }

    bool allows(const Place& p) const { return any || p.country_code.empty() || countries.contains(p.country_code); }
};

// Drops the candidates abroad the row gives no evidence for; false when none is left.
bool keep_evidenced_countries(Mention& m, const std::vector<Mention>& mentions, const CellOptions& options, const PipelineContext& ctx) {
    const CountryEvidence evidence(options, mentions, &m, ctx.gazetteer);
    const std::uint32_t chosen = m.place();
    std::erase_if(m.candidates, [&](const Candidate& c) { return !evidence.allows(ctx.gazetteer.place(c.place)); });
    if (m.candidates.empty()) return false;
    if (m.place() != chosen) m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
    return true;
}

// A context value as a line of the cell's document. A governorate's bare name ("Aleppo" in a
// governorate column) is the governorate: written so, it says where the row is without its
// city pulling the cell's name to the villages around that city (a village `Afrin 15 km from
// Aleppo city instead of the town of Afrin).
std::string context_line(std::string_view value, const Gazetteer& g) {
    std::string line(value);
    const PlaceIds ids = g.lookup(text::fold_name(value));
    const bool governorate = std::any_of(ids.begin(), ids.end(), [&](std::uint32_t i) {
        const Place& p = g.place(i);
        return p.feature_code == "ADM1" && p.country_code == "SY";
    });
    if (governorate) line += " governorate";
    return line;
}

// The cell with a space put back where a typist left it out between two Arabic words
// (geoparse::arabic::respace_glued_words, is_qualifier_word's words qualifying a name).
std::string respace_glued_words(std::string_view cell, const Gazetteer& g) {
    return geoparse::arabic::respace_glued_words(cell, g, [](std::string_view folded) { return is_qualifier_word(folded); });
}

CellResolution resolve_cell_text(std::string_view location, const std::vector<std::string>& context,
                                 const PipelineContext& ctx, const CellOptions& options);

}  // namespace

const char* to_string(CellStatus status) {
    switch (status) {
        case CellStatus::Resolved: return "resolved";
        case CellStatus::Unresolved: return "unresolved";
        case CellStatus::Empty: return "empty";
    }
    return "empty";
}

// The cell as written; when it names no place (nothing, or only its context columns), the cell
// with the spaces a typist left out put back (respace_glued_words): precision 2 when words
// other than the name (and its repeats) remain.
CellResolution resolve_cell(std::string_view location, const std::vector<std::string>& context, const PipelineContext& ctx,
                            const CellOptions& options) {
    CellResolution r = resolve_cell_text(location, context, ctx, options);
    if (r.status == CellStatus::Resolved && r.method != "context") return r;
    const std::string respaced = respace_glued_words(trim(location), ctx.gazetteer);
    if (respaced.empty()) return r;
    CellResolution again = resolve_cell_text(respaced, context, ctx, options);
    if (again.status != CellStatus::Resolved || again.method == "context") return r;
    // Words besides the name and its repeats («X Y» where Y names nothing, «X حي Z»): somewhere
    // in or near X, not X itself.
    const std::vector<std::string> named = text::fold_name_words(again.matched);
    for (const std::string& w : text::fold_name_words(respaced)) {
        if (is_qualifier_word(w) || std::find(named.begin(), named.end(), w) != named.end()) continue;
        again.geo_precision = std::max(again.geo_precision, 2);
        again.uncertainty_m = std::max(again.uncertainty_m, kSurroundingsRadiusM);
        break;
    }
    return again;
}

namespace {

CellResolution resolve_cell_text(std::string_view location, const std::vector<std::string>& context,
                                 const PipelineContext& ctx, const CellOptions& options) {
    const std::string_view cell = trim(location);
    if (cell.empty()) return CellResolution{};

    // The cell on the first line, each context value on a line of its own: one small document,
    // so the resolver weighs every name against the others as in a report.
    std::string context_lines;  // the same after the whole cell and after each of its later parts
    for (const std::string& value : context) {
        if (!trim(value).empty()) context_lines += "\n" + context_line(trim(value), ctx.gazetteer);
    }
    context_lines += "\n";
    Document doc;
    doc.doc_id = "cell";
    doc.text.assign(cell);
    doc.names_end_byte = cell.size();
    doc.text += context_lines;
    const DocumentResult result = process_document(std::move(doc), ctx, Stages::Mentions);

    const std::vector<Part> parts = split_parts(cell);
    // A later part locates an earlier one ("Sukkari, Afrin" is the Sukkari of Afrin), never the
    // other way round: the names in part k and after are read again without the parts before
    // it, so that a quarter of Aleppo does not pull "Afrin" to a village of that name near
    // Aleppo. Mentions only the whole cell yields stay as read there.
    std::vector<Mention> later = result.mentions;
    for (std::size_t k = 1; k < parts.size(); ++k) {
        Document tail;
        tail.doc_id = "cell";
        tail.text.assign(cell.substr(parts[k].begin));
        tail.names_end_byte = tail.text.size();
        tail.text += context_lines;
        DocumentResult alone = process_document(std::move(tail), ctx, Stages::Mentions);
        for (Mention& m : alone.mentions) {
            m.span.begin_byte += parts[k].begin;
            m.span.end_byte += parts[k].begin;
            if (m.span.begin_byte >= (k + 1 < parts.size() ? parts[k + 1].begin : cell.size())) continue;
            for (Mention& o : later) {
                if (o.span.begin_byte == m.span.begin_byte && o.span.end_byte == m.span.end_byte) {
                    o = std::move(m);
                    break;
                }
            }
        }
    }
    for (std::size_t k = 0; k < parts.size(); ++k) {
        RowContext row_context;
        for (const Mention& m : later) {
            if (m.span.begin_byte >= parts[k].end) row_context.add(m, ctx.gazetteer);
            if (m.span.begin_byte >= parts[k].end && m.span.begin_byte < cell.size()) row_context.add_town(m, ctx.gazetteer);
        }
        const std::string_view part_text = cell.substr(parts[k].begin, parts[k].end - parts[k].begin);
        std::vector<Mention> in_part;
        for (const Mention& m : k == 0 ? result.mentions : later) {
            if (m.span.begin_byte < parts[k].begin || m.span.begin_byte >= parts[k].end) continue;
            Mention narrowed = m;
            bool outside = false;
            if (!narrow_to_context(narrowed, row_context, ctx, outside)) continue;
            if (outside) continue;  // another place of that name, unknown to the gazetteer
            if (!near_named_town(narrowed, row_context, ctx.gazetteer)) continue;
            if (!keep_evidenced_countries(narrowed, result.mentions, options, ctx)) continue;
            narrowed.admin = ctx.admin.assign(ctx.gazetteer.place(narrowed.place()));
            in_part.push_back(std::move(narrowed));
        }
        keep_readings_inside_container(in_part, cell, ctx);
        // "Tal X", «تل X»: another place than X; a name later in the part still locates it
        // («تل X جنوب Y»: near Y)
        while (!in_part.empty() && construct_before(cell.substr(parts[k].begin, in_part.front().span.begin_byte - parts[k].begin))) {
            in_part.erase(in_part.begin());
        }
        // Unknown words before the name: the whole part may be a misspelling of a longer name
        // ("Jisir al-Shoghour" is Jisr ash-Shughur, not the village Ash Shughur inside it). A
        // fuzzy match of the whole part goes first; none ("Zzyzx Afrin"), and the part is near
        // the name inside it.
        if (!in_part.empty()) {
            const std::string_view before = cell.substr(parts[k].begin, in_part.front().span.begin_byte - parts[k].begin);
            std::string key;
            if (unknown_words_before(before) && lower_ascii(before).find(" or ") == std::string::npos) {
                if (const std::optional<Candidate> c = fuzzy_part(part_text, row_context, ctx, key);
                    c && CountryEvidence(options, result.mentions, nullptr, ctx.gazetteer).allows(ctx.gazetteer.place(c->place))) {
                    return from_fuzzy(*c, trim(part_text), k, ctx);
                }
            }
        }
        if (in_part.empty()) {
            if (const std::optional<Candidate> c = twin_part(part_text, row_context, ctx)) return from_fuzzy(*c, trim(part_text), k, ctx);
            if (const std::optional<Candidate> c = initial_alef_part(part_text, row_context, ctx))
                return from_fuzzy(*c, trim(part_text), k, ctx);
            std::string key;
            if (std::optional<Candidate> c = fuzzy_part(part_text, row_context, ctx, key);
                c && CountryEvidence(options, result.mentions, nullptr, ctx.gazetteer).allows(ctx.gazetteer.place(c->place))) {
                // An Arabic skeleton match drops the long vowels the name writes; a place whose
                // Latin name the whole spelling matches («كوباني», "Kobane") goes before it. Alone
                // (no skeleton match) that is too loose a guess to place a row.
                if (const std::optional<Candidate> latin = latin_spelling_place(part_text, row_context, ctx, c->place)) c = latin;
                return from_fuzzy(*c, trim(part_text), k, ctx);
            }
            continue;
        }
        if (in_part.front().fuzzy) {  // as for fuzzy_part below: the whole spelling goes first
            if (const std::optional<Candidate> latin = latin_spelling_place(part_text, row_context, ctx, in_part.front().place());
                latin && latin->place != in_part.front().place()) {
                return from_fuzzy(*latin, trim(part_text), k, ctx);
            }
        }
        prefer_settlement(in_part.front(), part_text, ctx);
        prefer_named_area(in_part.front(), part_text, ctx);
        CellResolution r = from_mention(in_part.front(), in_part, ctx);
        // An "X or Y" whose first option is unknown: the place is the second option.
        const std::size_t first_word = part_text.find_first_not_of(" \t") + parts[k].begin;
        const bool later_option = lower_ascii(cell.substr(first_word, in_part.front().span.begin_byte - first_word)).find(" or ") !=
                                  std::string::npos;
        r.method = k > 0 ? "fallback" : later_option ? "alternative" : in_part.front().fuzzy ? "fuzzy" : "name";
        const std::size_t name_begin = in_part.front().span.begin_byte;
        const bool inside_unknown = !later_option && unknown_words_before(cell.substr(parts[k].begin, name_begin - parts[k].begin));
        if (k > 0 || names_surroundings(part_text) || inside_unknown) {
            // Somewhere in or around the place named, not the place itself.
            r.geo_precision = std::max(r.geo_precision, 2);
            r.uncertainty_m = std::max(r.uncertainty_m, kSurroundingsRadiusM);
        }
        if (k > 0) r.confidence *= 0.7;
        if (inside_unknown) r.confidence *= 0.8;
        if (later_option) r.confidence *= 0.9;
        return r;
    }

    // Nothing in the cell: a context value (a governorate column) locates the row coarsely.
    for (const Mention& m : result.mentions) {
        if (m.span.begin_byte < cell.size()) continue;
        if (!CountryEvidence(options, result.mentions, &m, ctx.gazetteer).allows(ctx.gazetteer.place(m.place()))) continue;
        CellResolution r = from_mention(m, {}, ctx);
        // A governorate column names the governorate even where a city has the same name.
        for (const Candidate& c : m.candidates) {
            if (!ctx.gazetteer.place(c.place).is_admin_area()) continue;
            if (c.place != m.place()) {
                add_alternative(r.alternatives, m.candidates.front(), c.place);
                r.place = c.place;
                r.admin = ctx.admin.assign(ctx.gazetteer.place(c.place));
            }
            break;
        }
        const Place& p = ctx.gazetteer.place(*r.place);
        std::erase_if(r.alternatives, [&](const Candidate& c) { return c.place == *r.place; });
        r.method = "context";
        r.geo_precision = 3;
        // Placed by a context value only: whatever that names, the row is known to its
        // governorate, not to a district within it.
        r.admin.admin2.clear();
        r.admin.admin2_pcode.clear();
        r.admin.admin3.clear();
        r.admin.admin3_pcode.clear();
        r.uncertainty_m = std::max(p.radius_m, kSurroundingsRadiusM);
        r.confidence *= 0.5;
        return r;
    }
    CellResolution r;
    r.status = CellStatus::Unresolved;
    r.note = "no gazetteer place named in the text";
    return r;
}

// Whether a resolution of an alternative column names the row's place more precisely than
// the main column did: an actual place (not only the context columns), finer, in
// the same governorate when the main column placed the row in one, and within reach of the
// main column's place when that was "near X" (precision 2).
constexpr double kNearSlackKm = 5.0;

bool refines(const CellResolution& alt, const CellResolution& main, const Gazetteer& gazetteer) {
    if (alt.status != CellStatus::Resolved || alt.method == "context") return false;
    if (main.status != CellStatus::Resolved) return true;
    if (alt.geo_precision >= main.geo_precision) return false;
    if (main.geo_precision == 2 && main.place && alt.place) {
        const Place& a = gazetteer.place(*alt.place);
        const Place& m = gazetteer.place(*main.place);
        return geo::great_circle_km(a.lat, a.lon, m.lat, m.lon) <= main.uncertainty_m / 1000.0 + kNearSlackKm;
    }
    return main.admin.admin1_pcode.empty() || alt.admin.admin1_pcode.empty() || main.admin.admin1_pcode == alt.admin.admin1_pcode;
}

}  // namespace

CellResolution resolve_row(std::string_view location, const std::vector<std::string>& alternatives,
                           const std::vector<std::string>& context, const PipelineContext& ctx, const CellOptions& options) {
    CellResolution best = resolve_cell(location, context, ctx, options);
    for (const std::string& alt_text : alternatives) {
        if (best.status == CellStatus::Resolved && best.geo_precision == 1) break;
        CellResolution alt = resolve_cell(alt_text, context, ctx, options);
        if (!refines(alt, best, ctx.gazetteer)) continue;
        alt.method = "alt-column";
        if (!trim(location).empty()) alt.confidence *= 0.9;  // the main column did not name it
        if (best.place) add_alternative(alt.alternatives, Candidate{*best.place, 0.0}, *alt.place);
        best = std::move(alt);
    }
    return best;
}

}  // namespace toponym::resolve
