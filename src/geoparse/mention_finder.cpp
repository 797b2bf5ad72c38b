// Longest-match mention finder and cue-list scanner.
#include "geoparse/mention_finder.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "geoparse/arabic.hpp"
#include "geo/geodesy.hpp"
#include "geoparse/fuzzy.hpp"
#include "geoparse/roles.hpp"
#include "text/normalize.hpp"

namespace toponym::geoparse {

namespace {

using text::Token;

// Generic words that qualify a place name, singular form first.
struct Head {
    std::string_view singular;
    std::string_view plural;
};
constexpr std::array<Head, 10> kHeads = {{
    {"village", "villages"}, {"town", "towns"}, {"city", "cities"}, {"neighbourhood", "neighbourhoods"},
    {"neighborhood", "neighborhoods"}, {"district", "districts"}, {"hamlet", "hamlets"}, {"suburb", "suburbs"},
    {"province", "provinces"}, {"governorate", "governorates"},
}};

// Words after a name that qualify it ("Idlib province", "Aleppo countryside"); plurals qualify
// a coordinated list too ("northern Hama and southern Idlib provinces").
constexpr std::array<Head, 9> kTrailingHeads = {{
    {"province", "provinces"}, {"governorate", "governorates"}, {"city", "cities"}, {"town", "towns"},
    {"village", "villages"}, {"countryside", "countrysides"}, {"district", "districts"},
    {"neighbourhood", "neighbourhoods"}, {"neighborhood", "neighborhoods"}}};

// Words that may stand between coordinated names sharing a plural head.
constexpr std::array<std::string_view, 14> kCoordinationWords = {
    "and", "or", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern"};

std::string head_of(std::string_view word) {
    for (const Head& h : kHeads) {
        if (word == h.singular || word == h.plural) return std::string(h.singular);
    }
    return {};
}

bool gap_has(std::string_view text, const Token& a, const Token& b, char c) {
    if (b.begin_byte <= a.end_byte) return false;
    return text.substr(a.end_byte, b.begin_byte - a.end_byte).find(c) != std::string_view::npos;
}

// "eastern", "northwestern": a direction written as an adjective.
bool is_direction_adjective(std::string_view w) {
    static constexpr std::array<std::string_view, 8> kWords = {"northern", "southern", "eastern", "western",
                                                               "northeastern", "northwestern", "southeastern", "southwestern"};
    return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// Longest gazetteer key starting at token i (which is not an article). Returns the index of
// the last token of the match, or npos.
std::size_t longest_match(const std::vector<Token>& tokens, std::size_t i, const Gazetteer& g, std::string& key_out) {
    std::size_t best = std::string::npos;
    std::string key;
    std::size_t words = 0;
    for (std::size_t j = i; j < tokens.size() && words < g.max_key_words(); ++j) {
        if (j > i && (!tokens[j].clean_gap_before || tokens[j - 1].possessive)) break;
        if (tokens[j].is_article) continue;  // al- inside a name: Maarat al-Numan
        if (words > 0) key.push_back(' ');
        key += tokens[j].key;
        ++words;
        if (!g.lookup(key).empty()) {
            best = j;
            key_out = key;
        } else if (words >= 2 && static_cast<unsigned char>(tokens[j].key[0]) >= 0x80) {
            // «بصرى الحرير» for «بصرى الحريري»: the last word of an Arabic name written with or
            // without the nisba's final yaa, as Latin spellings fold "Hariri" and "Harir" alike
            const std::string nisba = key + "\u064A";
            if (!g.lookup(nisba).empty()) {
                best = j;
                key_out = nisba;
            }
        }
        if (!g.has_longer_key(key)) break;
    }
    return best;
}

bool all_upper(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A name the gazetteer's keys do not hold as written: a demonym ("Syrian" names Syria's
// places, resolved to the country) or a capitalised abbreviation ("US" for "U.S.", whose
// letters are its key; lower-case "us" is a word).
std::optional<NameMatch> demonym_or_abbreviation(std::string_view text, const std::vector<Token>& tokens, std::size_t i,
                                                 const Gazetteer& g) {
    const Token& t = tokens[i];
    NameMatch m;
    m.first_token = m.last_token = i;
    if (const std::optional<std::string_view> country = demonym_country(t.lower)) {
        m.key = text::fold_name(*country);
        m.places = g.lookup(m.key);
        m.demonym = true;
    } else {
        const std::string_view surface = text.substr(t.begin_byte, t.end_byte - t.begin_byte);
        if (surface.size() < 2 || surface.size() > 3 || !all_upper(surface)) return std::nullopt;
        for (char c : t.key) {
            if (!m.key.empty()) m.key.push_back(' ');
            m.key.push_back(c);
        }
        m.places = g.lookup(m.key);
    }
    if (m.places.empty()) return std::nullopt;
    if (m.demonym && std::none_of(m.places.begin(), m.places.end(), [&g](std::uint32_t p) { return g.place(p).is_country(); })) {
        return std::nullopt;  // the resolver keeps only the country for a demonym
    }
    return m;
}

bool is_neighbourhood_word(std::string_view w) { return w == "hay" || w == "hayy" || w == "hai" || w == "harat" || w == "haret"; }

// The governorates a document names so far: every governorate among the readings of its
// matches ("Hama" is the city and the governorate; either way the text is about Hama).
std::vector<std::string> named_governorates(const std::vector<NameMatch>& matches, const Gazetteer& g) {
    std::vector<std::string> pcodes;
    for (const NameMatch& m : matches) {
        if (m.fuzzy) continue;
        for (std::uint32_t idx : m.places) {
            const Place& p = g.place(idx);
            if (p.feature_code == "ADM1" && p.country_code == "SY" && !p.admin1_pcode.empty() &&
                std::find(pcodes.begin(), pcodes.end(), p.admin1_pcode) == pcodes.end()) {
                pcodes.push_back(p.admin1_pcode);
            }
        }
    }
    return pcodes;
}

// Where a document's other names put it: the governorates it names, and the Syrian
// settlements, sites and regions it names without ambiguity.
struct NamedArea {
    std::vector<std::string> governorates;
    std::vector<const Place*> towns;
};

NamedArea named_area(const std::vector<NameMatch>& matches, const Gazetteer& g) {
    NamedArea area;
    area.governorates = named_governorates(matches, g);
    for (const NameMatch& m : matches) {
        if (m.fuzzy || m.demonym || m.places.size() != 1) continue;
        const Place& p = g.place(m.places.front());
        // settlements, sites and regions ("in Kfr Nbd in the Eastern Ghouta"); not a governorate
        if (p.country_code == "SY" && !p.is_admin_area()) area.towns.push_back(&p);
    }
    return area;
}

// The fuzzy hit to take for a name: among the closest keys, the first with a place within
// 40 km of a settlement the document names ("a misspelt village near Sheikh Miskin"),
// else the first with a place in a governorate it names; the closest key when it names none.
std::optional<FuzzyIndex::Hit> pick_fuzzy_hit(const std::vector<FuzzyIndex::Hit>& hits, const Gazetteer& g,
                                              const NamedArea& area, const std::string& head = {}, bool must_fit = false) {
    if (hits.empty()) return std::nullopt;
    const std::vector<std::string>& governorates = area.governorates;
    // "Hay al Rashdein", "the al-Shaar neighbourhood": a city quarter's name, among the closest.
    if (head == "neighbourhood" || head == "neighborhood") {
        for (const FuzzyIndex::Hit& hit : hits) {
            if (hit.distance > hits.front().distance) break;
            for (std::uint32_t idx : g.lookup(hit.key)) {
                const Place& p = g.place(idx);
                const bool fits = governorates.empty() ||
                                  std::find(governorates.begin(), governorates.end(), p.admin1_pcode) != governorates.end();
                if (p.feature_code == "PPLX" && fits) return hit;
            }
        }
    }
    for (const FuzzyIndex::Hit& hit : hits) {
        if (hit.distance > hits.front().distance + 1) break;
        for (std::uint32_t idx : g.lookup(hit.key)) {
            const Place& p = g.place(idx);
            for (const Place* town : area.towns) {
                if (geo::great_circle_km(p.lat, p.lon, town->lat, town->lon) <= 40.0 + town->radius_m / 1000.0) return hit;
            }
        }
    }
    for (const FuzzyIndex::Hit& hit : hits) {
        if (hit.distance > hits.front().distance + 1) break;
        for (std::uint32_t idx : g.lookup(hit.key)) {
            if (std::find(governorates.begin(), governorates.end(), g.place(idx).admin1_pcode) != governorates.end()) {
                return hit;
            }
        }
    }
    if (!governorates.empty() || must_fit) return std::nullopt;  // every reading contradicts the text
    return hits.front();
}

// The fuzzy match of a name the exact keys miss: by edit distance, else by consonant
// skeleton (the vowels an Arabic name leaves unwritten, dropped or added: "Mshrifah" for
// al-Mushayrifah), each chosen by pick_fuzzy_hit. A skeleton of three consonants ("Tmna" for
// al-Tamanah) joins too many names to stand alone: only a reading near a town or in a governorate
// the text names, the same first letter and at most three edits away, is taken.
std::optional<FuzzyIndex::Hit> fuzzy_match(std::string_view key, const FuzzyIndex& fuzzy, const Gazetteer& g,
                                           const NamedArea& area, const std::string& head = {}) {
    // the words joined or split otherwise: the same letters ("Tallyamani", Tall Yamani), else
    // the same consonants after a generic word ("Telyamani"); see FuzzyIndex::lookup_joined
    const std::vector<FuzzyIndex::Hit> joined = fuzzy.lookup_joined(key);
    const auto split =
        std::find_if(joined.begin(), joined.end(), [](const FuzzyIndex::Hit& h) { return h.distance > 0; });
    const std::vector<FuzzyIndex::Hit> same_letters(joined.begin(), split);
    const std::vector<FuzzyIndex::Hit> other_letters(split, joined.end());
    if (std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(fuzzy.lookup(key), g, area, head)) return hit;
    if (std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(same_letters, g, area, head)) return hit;
    // a short name one vowel off ("Baza village" for Biza): after a head word, else only where
    // the text names the area it lies in
    if (std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(fuzzy.lookup_vowel(key), g, area, head, head.empty())) return hit;
    std::vector<FuzzyIndex::Hit> by_skeleton;
    for (std::string& k : fuzzy.lookup_skeleton(key)) by_skeleton.push_back({std::move(k), 0});
    if (std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(by_skeleton, g, area, head)) return hit;
    if (std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(other_letters, g, area, head)) return hit;
    if (!by_skeleton.empty() || (area.governorates.empty() && area.towns.empty())) return std::nullopt;
    for (std::string& k : fuzzy.lookup_skeleton(key, 3)) {
        // the same first letter, and the vowels apart by at most three edits ("Tmna", al-Tamanah)
        if (k.front() == key.front() && edit_distance(key, k, 3) <= 3) by_skeleton.push_back({std::move(k), 0});
    }
    return pick_fuzzy_hit(by_skeleton, g, area, head, true);
}

// Cue names the exact scan did not know: the name without its Arabic generic word ("Hay"), or
// failing that a key within a small edit distance, becomes a match; the rest stay unknown.
void resolve_cue_names(const std::vector<Token>& tokens, const Gazetteer& g, const FuzzyIndex* fuzzy, MentionScan& scan) {
    const NamedArea area = named_area(scan.matches, g);
    std::vector<CueName> still_unknown;
    for (const CueName& cue : scan.unknown) {
        std::string key;
        for (std::size_t k = cue.first_token; k <= cue.last_token; ++k) {
            if (tokens[k].is_article || (k == cue.first_token && is_neighbourhood_word(tokens[k].lower))) continue;
            if (!key.empty()) key.push_back(' ');
            key += tokens[k].key;
        }
        NameMatch m;
        m.first_token = cue.first_token;
        m.last_token = cue.last_token;
        m.head = cue.head;
        m.key = key;
        m.places = g.lookup(key);
        if (m.places.empty() && fuzzy) {
            if (const std::optional<FuzzyIndex::Hit> hit = fuzzy_match(key, *fuzzy, g, area, cue.head)) {
                m.key = hit->key;
                m.places = g.lookup(hit->key);
                m.fuzzy = true;
            }
        }
        if (m.places.empty()) {
            still_unknown.push_back(cue);
        } else {
            scan.matches.push_back(std::move(m));
        }
    }
    scan.unknown = std::move(still_unknown);
    std::stable_sort(scan.matches.begin(), scan.matches.end(),
                     [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
}

}  // namespace

bool only_small_places(const NameMatch& m, const Gazetteer& g) {
    return !m.places.empty() && std::all_of(m.places.begin(), m.places.end(), [&g](std::uint32_t idx) {
        const Place& p = g.place(idx);
        return p.country_code == "SY" && !p.is_admin_area() && p.population < kTownPopulation;
    });
}

Span token_span(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    Span s;
    s.begin_byte = tokens[first].begin_byte;
    s.end_byte = tokens[last].end_byte;
    s.begin_cp = tokens[first].begin_cp;
    s.end_cp = tokens[last].end_cp;
    s.line = tokens[first].line;
    return s;
}

namespace {

// Titles that introduce a person ("President Bashar al-Assad", "Mr Assad"); written with a
// capital, so "the general Aleppo area" is no title.
constexpr std::array<std::string_view, 16> kPersonTitles = {
    "mr", "mrs", "ms", "dr", "president", "general", "gen", "colonel", "col", "minister", "king", "prince", "emir",
    "spokesman", "commander", "leader"};

// True when a title stands just before the match, or before one or two capitalised words (a
// given name) that lead to it on the same line.
bool after_person_title(const std::vector<Token>& tokens, std::size_t first_token) {
    std::size_t t = first_token;
    for (int given_names = 0; t > 0 && given_names <= 2; ++given_names) {
        const Token& before = tokens[t - 1];
        if (!tokens[t].clean_gap_before) return false;
        if (before.capitalized && std::find(kPersonTitles.begin(), kPersonTitles.end(), before.lower) != kPersonTitles.end()) {
            return true;
        }
        if (!before.capitalized || before.is_article) return false;
        --t;
    }
    return false;
}

// Verbs of saying: a village's name right before one is a person's ("Sajed concludes").
constexpr std::array<std::string_view, 24> kSpeechVerbs = {
    "said", "says", "told", "tells", "added", "adds", "concluded", "concludes", "explained", "explains",
    "noted", "notes", "wrote", "writes", "argued", "argues", "insisted", "insists", "recalled", "recalls",
    "warned", "warns", "asked", "asks"};

// Abbreviated titles written with a full stop ("Sen. Harkin", "Gov. Culver", "Lt. Col."): the
// word is the title, whatever village shares its spelling.
constexpr std::array<std::string_view, 16> kTitleAbbreviations = {
    "sen", "rep", "gov", "lt", "col", "gen", "sgt", "capt", "maj", "cpl", "pvt", "adm", "cmdr", "supt", "insp", "atty"};

// A name written once after a person's title, or as the subject of a verb of saying, is that
// person's in the whole report ("President Bashar al-Assad ... anti-Assad ... Mr Assad"), whatever
// place shares it (a quarter called al-Asad in a stacked OCHA gazetteer): those matches are
// dropped. Only a village's name is read as a person's before a verb of saying: a town or a
// country that "said" is its government (roles.cpp, metonyms). An abbreviated title is dropped.
void drop_person_names(std::string_view text, const std::vector<Token>& tokens, const Gazetteer& g,
                       std::vector<NameMatch>& matches) {
    std::vector<std::string> person_keys;
    for (const NameMatch& m : matches) {
        const std::size_t next = m.last_token + 1;
        const bool speaks = next < tokens.size() && tokens[next].clean_gap_before && m.head.empty() && !m.demonym &&
                            !tokens[m.last_token].possessive && only_small_places(m, g) &&
                            std::find(kSpeechVerbs.begin(), kSpeechVerbs.end(), tokens[next].lower) != kSpeechVerbs.end();
        if (after_person_title(tokens, m.first_token) || speaks) person_keys.push_back(m.key);
    }
    std::erase_if(matches, [&](const NameMatch& m) {
        const Token& t = tokens[m.first_token];
        if (m.first_token == m.last_token && t.capitalized && t.end_byte < text.size() && text[t.end_byte] == '.' &&
            std::find(kTitleAbbreviations.begin(), kTitleAbbreviations.end(), t.lower) != kTitleAbbreviations.end())
            return true;
        return std::find(person_keys.begin(), person_keys.end(), m.key) != person_keys.end();
    });
}

// True when token i starts a sentence, a line or a quotation: a capital there says nothing.
bool starts_sentence(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0) return true;
    const std::string_view gap = text.substr(tokens[i - 1].end_byte, tokens[i].begin_byte - tokens[i - 1].end_byte);
    return gap.find_first_of(".!?:;\"\n") != std::string_view::npos || gap.find("\u201C") != std::string_view::npos;
}

// Capitalised words that may stand next to a village's name without making it another name:
// directions and qualifiers before it ("Western Samdaniya", "Rural Damascus"), and the
// features named after it ("Yarmouk Camp", "Shalaf Castle", "Jirah Airbase", "Arak Gas
// Field"), which lie at the place.
constexpr std::array<std::string_view, 52> kPlaceWords = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper", "lower",
    "greater", "old", "new", "rural", "central", "northeastern", "northwestern", "southeastern", "southwestern",
    "camp", "castle", "citadel", "airbase", "base", "airport", "field", "fields", "gas", "oil", "dam", "bridge",
    "road", "highway", "front", "hill", "hills", "mount", "mountain", "mountains", "valley", "plain", "plains",
    "junction", "roundabout", "crossing", "checkpoint", "prison", "farm", "farms", "station", "military", "area"};

bool is_date_word(std::string_view lower) {
    static constexpr std::array<std::string_view, 19> kDateWords = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
    return std::find(kDateWords.begin(), kDateWords.end(), lower) != kDateWords.end();
}

bool is_place_word(std::string_view lower) {
    return std::find(kPlaceWords.begin(), kPlaceWords.end(), lower) != kPlaceWords.end();
}

// A one-word name is taken for the place only where its capital means this name: not after
// another capitalised word that is no place or date word ("City Hall", "local resident Omar
// Ariha"), which makes it part of another name, and (a village's) not before one ("the Baath
// Party"); and when it is also an English word ("Hit", "Hall", "Man", "Mare"), not at the
// start of a sentence or line either (headlines capitalise every word). Written with its
// article, qualified by a head ("Hit village", "the town of Hit"), in Arabic script or next to
// another place name, it stays.
void drop_word_readings(std::string_view text, const std::vector<Token>& tokens, const Gazetteer& g,
                        std::vector<NameMatch>& matches, std::size_t names_end) {
    std::vector<bool> in_match(tokens.size(), false);
    for (const NameMatch& m : matches) {
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) in_match[t] = true;
    }
    // A head word after the name is its head ("Hit Village"); before it, part of another name
    // ("City Hall").
    auto other_name_word = [&](std::size_t t, bool after) {
        const Token& w = tokens[t];
        return w.capitalized && !w.is_article && !in_match[t] && !w.key.empty() &&
               static_cast<unsigned char>(w.key[0]) < 0x80 && !(w.key[0] >= '0' && w.key[0] <= '9') &&
               !is_place_word(w.lower) && (!after || head_of(w.lower).empty());
    };
    // Two one-word village names side by side ("Khalil Hamra", "Hassan Mohammed") are a
    // person's given name and family name: a list of places has commas or "and" between.
    std::vector<bool> in_name_pair(tokens.size(), false);
    for (std::size_t i = 0; i + 1 < matches.size(); ++i) {
        const NameMatch& a = matches[i];
        const NameMatch& b = matches[i + 1];
        if (a.first_token != a.last_token || b.first_token != b.last_token || b.first_token != a.last_token + 1) continue;
        if (!tokens[b.first_token].clean_gap_before || !a.head.empty() || !b.head.empty()) continue;
        if (!only_small_places(a, g) || !only_small_places(b, g)) continue;
        in_name_pair[a.first_token] = in_name_pair[b.first_token] = true;
    }
    auto patronym = [&](std::size_t t) { return tokens[t].lower == "ibn" || tokens[t].lower == "bin" || tokens[t].lower == "bint"; };
    std::erase_if(matches, [&](const NameMatch& m) {
        // "Baghdad Street in Damascus": a street named after a place, in a city
        // the text names elsewhere.
        if (m.last_token + 1 < tokens.size() && tokens[m.last_token + 1].clean_gap_before &&
            (tokens[m.last_token + 1].lower == "street" || tokens[m.last_token + 1].lower == "st")) {
            return true;
        }
        // "Khalid ibn al-Walid", "Hamza bin Abdul Muttalib": a person's name, whatever village
        // shares a word of it.
        if (m.last_token + 1 < tokens.size() && tokens[m.last_token + 1].clean_gap_before && patronym(m.last_token + 1)) {
            return true;
        }
        if (m.first_token > 0 && tokens[m.first_token].clean_gap_before && patronym(m.first_token - 1)) return true;
        if (m.demonym || !m.head.empty() || m.first_token != m.last_token) return false;
        if (static_cast<unsigned char>(m.key[0]) >= 0x80) return false;
        if (in_name_pair[m.first_token]) return true;
        const std::size_t t = m.first_token;
        if (is_english_word_key(m.key) && starts_sentence(text, tokens, t) && tokens[t].begin_byte >= names_end) return true;
        // After another capitalised word ("local resident Omar Ariha", "Hayat Tahrir al-Sham"),
        // whatever the place: a town's name there is a person's or a group's.
        if (t > 0 && tokens[t].clean_gap_before && !tokens[t - 1].possessive && other_name_word(t - 1, false) &&
            !is_date_word(tokens[t - 1].lower) && !starts_sentence(text, tokens, t - 1)) {
            return true;
        }
        if (!only_small_places(m, g)) return false;
        const std::size_t next = m.last_token + 1;
        return next < tokens.size() && tokens[next].clean_gap_before && !tokens[m.last_token].possessive &&
               other_name_word(next, true);
    });
}

// Words after which a capitalised name is where something happens: "clashes in Kfr Nbd",
// "an attack near Tal Dawaliq", "advanced towards Umm Dawaliq".
constexpr std::array<std::string_view, 12> kLocativeWords = {
    "in", "at", "near", "around", "towards", "toward", "into", "outside", "from", "inside", "nearby", "on"};

// Verbs of war whose object is a place ("captured Tal X", "shelled X"), and the nouns whose
// "of" introduces one ("control of X", "the capture of X"). Not "attacked" or "targeted": their
// object is as often a force ("attacked Jaysh X fighters").
constexpr std::array<std::string_view, 14> kPlaceObjectVerbs = {
    "captured", "recaptured", "seized", "stormed", "entered", "shelled", "bombed", "besieged", "liberated",
    "retook", "regained", "overran", "infiltrated", "raided"};
constexpr std::array<std::string_view, 9> kPlaceOfNouns = {"control", "capture", "recapture", "siege", "outskirts",
                                                           "area", "areas", "vicinity", "surroundings"};

// Nouns after a name that make it a group's: "Jaysh X fighters", "al-Xyz terrorists".
constexpr std::array<std::string_view, 12> kGroupNouns = {"fighters", "forces",  "militants", "terrorists",
                                                          "troops",   "members", "militiamen", "militia",
                                                          "militias", "faction", "factions",  "brigade"};

// A word that goes on with the name before it: a capitalised word, or an article written onto
// the next word or as "al"/"el" ("Tal al-Sheer", "Deir el Adas"). "as", "an", "at" alone are
// English words ("near Sraqib as fighters advanced").
bool continues_name(const Token& t) {
    if (t.capitalized) return true;
    return t.is_article && (t.hyphen_after || t.lower == "al" || t.lower == "el");
}

// True when the token before position k puts a name in a place's slot.
bool place_slot_before(const std::vector<Token>& tokens, std::size_t k) {
    if (k == 0) return false;
    const std::string& w = tokens[k - 1].lower;
    if (std::find(kLocativeWords.begin(), kLocativeWords.end(), w) != kLocativeWords.end()) return true;
    if (std::find(kPlaceObjectVerbs.begin(), kPlaceObjectVerbs.end(), w) != kPlaceObjectVerbs.end()) return true;
    return w == "of" && k >= 2 &&
           std::find(kPlaceOfNouns.begin(), kPlaceOfNouns.end(), tokens[k - 2].lower) != kPlaceOfNouns.end();
}

// A key with an article written onto a word ("Alhajar Alaswad", "Elbab", "Alsukhna"): the same
// words without it, or "" when no word has one.
std::string without_glued_articles(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    std::string key;
    bool changed = false;
    for (std::size_t k = first; k <= last; ++k) {
        if (tokens[k].is_article) continue;
        std::string_view w = tokens[k].key;
        if (w.size() >= 6 && (w.starts_with("al") || w.starts_with("il"))) {
            w.remove_prefix(2);
            changed = true;
        }
        if (!key.empty()) key.push_back(' ');
        key += w;
    }
    return changed ? key : std::string();
}

// Names in a place's slot that the exact scan did not know: one to three capitalised words
// after a locative word ("in", "near", "towards"), a verb of taking or striking a place
// ("captured", "shelled", "control of") or before a head ("Tal Dawaliq village"). Spelled
// with an article glued on, or within a small edit distance of a Syrian name key, they become
// matches; the rest are left alone (no cue says they are places).
void find_slot_names(const std::vector<Token>& tokens, const Gazetteer& g, const FuzzyIndex* fuzzy, MentionScan& scan) {
    std::vector<bool> taken(tokens.size(), false);
    for (const NameMatch& m : scan.matches) {
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) taken[t] = true;
    }
    for (const CueName& c : scan.unknown) {
        for (std::size_t t = c.first_token; t <= c.last_token; ++t) taken[t] = true;
    }
    const NamedArea area = named_area(scan.matches, g);
    std::vector<NameMatch> found;
    for (std::size_t k = 1; k < tokens.size(); ++k) {
        if (taken[k] || !tokens[k].capitalized || tokens[k].is_article || !tokens[k].clean_gap_before) continue;
        if (static_cast<unsigned char>(tokens[k].key.empty() ? 0 : tokens[k].key[0]) >= 0x80) continue;
        std::size_t end = k;
        while (end + 1 < tokens.size() && end - k < 3 && !taken[end + 1] && tokens[end + 1].clean_gap_before &&
               !tokens[end].possessive && continues_name(tokens[end + 1])) {
            ++end;
        }
        while (end > k && tokens[end].is_article) --end;
        // "in Al-Nashabiyah", "near al Xyz": the slot word stands before the name's article
        const std::size_t start = k >= 2 && tokens[k - 1].is_article && !taken[k - 1] ? k - 1 : k;
        const bool after_locative = place_slot_before(tokens, start);
        // "Tal Dawaliq village", but not "Obama's town hall"
        const bool before_head = end + 1 < tokens.size() && !tokens[end].possessive && !head_of(tokens[end + 1].lower).empty();
        if (!after_locative && !before_head) {
            k = end;
            continue;
        }
        std::string key;
        for (std::size_t t = k; t <= end; ++t) {
            if (tokens[t].is_article) continue;
            if (!key.empty()) key.push_back(' ');
            key += tokens[t].key;
        }
        NameMatch m;
        m.first_token = start;
        m.last_token = end;
        if (before_head) m.head = head_of(tokens[end + 1].lower);
        if (const std::string bare = without_glued_articles(tokens, k, end); !bare.empty()) {
            m.places = g.lookup(bare);
            m.key = bare;
        }
        // "from al-Qurna fighters", "captured from Jaysh X terrorists": a group's name
        const bool names_a_group = end + 1 < tokens.size() &&
                                   std::find(kGroupNouns.begin(), kGroupNouns.end(), tokens[end + 1].lower) != kGroupNouns.end();
        if (m.places.empty() && fuzzy && !names_a_group && !is_common_word_key(key) && !is_english_word_key(key)) {
            if (const std::optional<FuzzyIndex::Hit> hit = fuzzy_match(key, *fuzzy, g, area, m.head)) {
                m.key = hit->key;
                m.places = g.lookup(hit->key);
                m.fuzzy = true;
            }
        }
        if (!m.places.empty()) found.push_back(std::move(m));
        k = end;
    }
    if (found.empty()) return;
    for (NameMatch& m : found) scan.matches.push_back(std::move(m));
    std::stable_sort(scan.matches.begin(), scan.matches.end(),
                     [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
}

// Arabic names in a place's slot the exact scan did not know (arabic::slot_names): a spelling of
// the words run together or split («تل منس», «ابوحبة») the gazetteer holds, else a key within
// the fuzzy index's distance with the same consonants in the same order («الشدادي» for
// «الشدادة»), chosen as pick_fuzzy_hit chooses. Consonants that differ make another name, so no
// skeleton-only match is tried.
void find_arabic_slot_names(const std::vector<Token>& tokens, const Gazetteer& g, const FuzzyIndex* fuzzy, MentionScan& scan) {
    std::vector<arabic::SlotName> slots = arabic::slot_names(tokens, scan);
    if (slots.empty()) return;
    const NamedArea area = named_area(scan.matches, g);
    std::vector<bool> taken(tokens.size(), false);
    for (const NameMatch& m : scan.matches)
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) taken[t] = true;
    bool added = false;
    for (const arabic::SlotName& slot : slots) {
        bool free = true;
        for (std::size_t t = slot.first_token; t <= slot.last_token; ++t) free = free && !taken[t];
        if (!free) continue;
        NameMatch m;
        m.first_token = slot.first_token;
        m.last_token = slot.last_token;
        m.head = slot.head;
        for (const std::string& key : slot.keys) {
            // the written spelling the exact scan tried; a twin village's name without its
            // «كبير» / «فوقاني» is the pair of them (the first)
            const std::string found = key == slot.keys.front() ? arabic::twin_key(key, g) : key;
            m.places = found.empty() ? PlaceIds{} : g.lookup(found);
            if (!m.places.empty()) {
                m.key = found;
                break;
            }
        }
        // a place in the governorates the text names, when it names some
        const auto in_named_governorates = [&](const Place& p) {
            return area.governorates.empty() ||
                   std::find(area.governorates.begin(), area.governorates.end(), p.admin1_pcode) != area.governorates.end();
        };
        // a name written without its initial alef («عزاز» for «أعزاز»): with it, when that is one
        // place in the governorates the text names (as the cell resolver does)
        for (std::size_t k = 0; m.places.empty() && k < slot.keys.size(); ++k) {
            const std::string alef = arabic::initial_alef_key(slot.keys[k]);
            if (alef.empty() || !arabic::one_place_of({alef}, g, in_named_governorates)) {
                continue;
            }
            m.places = g.lookup(alef);
            m.key = alef;
            m.fuzzy = true;
        }
        if (m.places.empty() && fuzzy) {
            for (const std::string& key : slot.keys) {
                const std::string sk = arabic::skeleton(key);
                if (sk.size() < 4) continue;  // two consonants at least
                std::vector<FuzzyIndex::Hit> hits = fuzzy->lookup(key);
                // the key itself the scan read and dropped (a construct noun, a word)
                std::erase_if(hits, [&](const FuzzyIndex::Hit& h) { return h.key == key || arabic::skeleton(h.key) != sk; });
                // a quarter's name misspelt is no village elsewhere: only a quarter of that spelling
                if (slot.head == "neighbourhood")
                    std::erase_if(hits, [&](const FuzzyIndex::Hit& h) {
                        const PlaceIds ps = g.lookup(h.key);
                        return std::none_of(ps.begin(), ps.end(), [&](std::uint32_t p) { return g.place(p).feature_code == "PPLX"; });
                    });
                // a text that names other places puts the misspelt one near them or in their
                // governorate («X بجبل الأكراد»), never anywhere
                const bool must_fit = !area.towns.empty();
                if (const std::optional<FuzzyIndex::Hit> hit = pick_fuzzy_hit(hits, g, area, slot.head, must_fit)) {
                    m.key = hit->key;
                    m.places = g.lookup(hit->key);
                    m.fuzzy = true;
                    // Same consonants are not the same name: the skeleton drops the long vowels
                    // the name writes. A Syrian place whose Latin name the whole spelling matches
                    // (a name the gazetteer holds only in Latin letters, «كوبانه» for "Kobane")
                    // goes before the namesake by consonants, in the governorates the text names
                    // when it names some (as the cell resolver does).
                    const std::uint32_t agrees = m.places.empty() ? UINT32_MAX : m.places.front();
                    if (const std::optional<std::uint32_t> latin =
                            arabic::latin_spelling_place(key, g, *fuzzy, agrees, in_named_governorates);
                        latin && std::find(m.places.begin(), m.places.end(), *latin) == m.places.end()) {
                        std::string latin_key = text::fold_name(g.place(*latin).name);
                        const PlaceIds named = g.lookup(latin_key);
                        if (std::find(named.begin(), named.end(), *latin) != named.end()) {
                            m.places = named;
                            m.key = std::move(latin_key);
                        }
                    }
                    break;
                }
            }
        }
        // two words typed without a space («XY» for «X Y», a name and its repeat, a name and a
        // place word): the slot with the space put back (as the cell resolver does) is the first
        // name in it from the left, its longest reading
        if (m.places.empty()) {
            std::string written;
            for (std::size_t t = slot.first_token; t <= slot.last_token; ++t) written += (written.empty() ? "" : " ") + tokens[t].lower;
            static const std::unordered_set<std::string> kArabicPlaceWords = [] {
                std::unordered_set<std::string> out;
                for (const char* w : {"قرية", "بلدة", "مدينة", "حي", "منطقة", "مخيم", "ناحية", "ريف", "قرب", "من"})
                    out.insert(text::fold_word(w).key);
                return out;
            }();
            const auto place_word = [](std::string_view folded) { return kArabicPlaceWords.contains(std::string(folded)); };
            const std::string respaced = arabic::respace_glued_words(written, g, place_word);
            std::vector<std::string> words;
            for (std::size_t i = 0; i < respaced.size();) {
                const std::size_t j = std::min(respaced.find(' ', i), respaced.size());
                if (j > i) words.push_back(respaced.substr(i, j - i));
                i = j + 1;
            }
            for (std::size_t i = 0; m.places.empty() && i < words.size(); ++i) {
                for (std::size_t j = words.size(); j > i; --j) {
                    std::string phrase;
                    for (std::size_t w = i; w < j; ++w) phrase += (phrase.empty() ? "" : " ") + words[w];
                    const std::string key = text::fold_name(phrase);
                    if (j == i + 1 && place_word(text::fold_word(phrase).key)) continue;
                    const PlaceIds places = key.empty() ? PlaceIds{} : g.lookup(key);
                    // a Syrian name: a stacked world gazetteer's foreign places are no reading of a
                    // misspelt slot (the fuzzy index holds Syria's keys for the same reason)
                    if (std::none_of(places.begin(), places.end(), [&](std::uint32_t idx) { return g.place(idx).country_code == "SY"; }))
                        continue;
                    m.places = places;
                    m.key = key;
                    m.fuzzy = true;
                    break;
                }
            }
        }
        if (m.places.empty()) continue;
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) taken[t] = true;
        scan.matches.push_back(std::move(m));
        added = true;
    }
    if (added)
        std::stable_sort(scan.matches.begin(), scan.matches.end(),
                         [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
}

}  // namespace

// A village name that goes on with an article and a capitalised word the gazetteer does not
// join to it ("Ruwayha al-Qibliya" when only a "Ruwayha" is known) is the first word of a longer name,
// not that village: the whole name is unknown. Towns and cities keep their reading.
void drop_truncated_names(const std::vector<Token>& tokens, const Gazetteer& g, MentionScan& scan) {
    std::erase_if(scan.matches, [&](const NameMatch& m) {
        const std::size_t a = m.last_token + 1;
        if (a + 1 >= tokens.size() || tokens[m.last_token].possessive || m.demonym) return false;
        if (!tokens[a].is_article || !tokens[a].clean_gap_before || !tokens[a + 1].clean_gap_before || !tokens[a + 1].capitalized)
            return false;
        if (!m.fuzzy && !only_small_places(m, g)) return false;
        // the article joined to the word ("al-Qibliya") or written "al"/"el": "as", "an", "at" alone
        // are English words ("the town of X as fighters shelled it")
        if (!tokens[a].hyphen_after && tokens[a].lower != "al" && tokens[a].lower != "el") return false;
        if (!tokens[a].hyphen_after && tokens[a].capitalized) return false;  // "X Al Y": a capitalised article starts another name
        scan.unknown.push_back({m.first_token, a + 1, m.head});
        return true;
    });
}

// A name written with its article right after a capitalised word that is no gazetteer name
// and no English word ("Qurnat al-Bab", "Nusur al-Sham", "Hassan al-Karimi"):
// the word is the first of a longer name (a village's, a group's, a person's), so the tail is
// no place of its own. The whole is looked up instead (exactly, then fuzzily); it is reported
// as unresolved only when a head introduces it. A group word before it ("Ahrar al-Sham") is
// left to the roles, which make the name an organisation's.
void drop_headless_tails(std::string_view text, const std::vector<Token>& tokens, const Gazetteer& g, MentionScan& scan) {
    std::vector<bool> in_match(tokens.size(), false);
    for (const NameMatch& m : scan.matches) {
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) in_match[t] = true;
    }
    std::erase_if(scan.matches, [&](const NameMatch& m) {
        const std::size_t a = m.first_token;
        if (a == 0 || m.demonym || !tokens[a].is_article || !tokens[a].clean_gap_before) return false;
        if (!tokens[a].hyphen_after && tokens[a].lower != "al" && tokens[a].lower != "el") return false;
        const Token& w = tokens[a - 1];
        // one space between: "al-Makman - Al-Raqqah" are two names
        if (text.substr(w.end_byte, tokens[a].begin_byte - w.end_byte).find_first_not_of(' ') != std::string_view::npos)
            return false;
        if (!w.capitalized || w.is_article || w.possessive || in_match[a - 1] || w.key.size() < 2 || all_upper(text.substr(w.begin_byte, w.end_byte - w.begin_byte)))
            return false;
        if (static_cast<unsigned char>(w.key[0]) >= 0x80 || (w.key[0] >= '0' && w.key[0] <= '9')) return false;
        if (is_english_word_key(w.key) || is_common_word_key(w.key) || is_place_word(w.lower) || is_date_word(w.lower) ||
            is_direction_adjective(w.lower) || is_neighbourhood_word(w.lower) || !head_of(w.lower).empty() ||
            is_group_word(w.lower) || demonym_country(w.lower))
            return false;
        // "Sahl al-Ghab": a region's tail names the region's part
        if (std::all_of(m.places.begin(), m.places.end(), [&](std::uint32_t p) { return g.place(p).is_region(); })) return false;
        CueName whole{a - 1, m.last_token, m.head};
        whole.report = !m.head.empty();
        scan.unknown.push_back(std::move(whole));
        return true;
    });
}

MentionScan find_mentions(std::string_view text, const std::vector<Token>& tokens, const Gazetteer& gazetteer,
                          const FuzzyIndex* fuzzy, std::size_t names_end) {
    MentionScan scan;
    for (std::size_t i = 0; i < tokens.size();) {
        // "the eastern Ghouta", "eastern Qalamoun": a region whose name begins with a direction,
        // written in lower case; only a region's whole name counts ("northern Hama" is no name).
        std::string key;
        std::size_t last = std::string::npos;
        if (!tokens[i].capitalized && !tokens[i].is_article && i + 1 < tokens.size() && tokens[i + 1].capitalized &&
            is_direction_adjective(tokens[i].lower)) {
            last = longest_match(tokens, i, gazetteer, key);
            // a region; a village named "Eastern Deir" is not what "eastern Deir ez-Zor" says
            const bool region = last != std::string::npos && last > i &&
                                std::any_of(gazetteer.lookup(key).begin(), gazetteer.lookup(key).end(),
                                            [&](std::uint32_t p) { return gazetteer.place(p).feature_class == "L"; });
            if (!region) last = std::string::npos;
        }
        if (last == std::string::npos && (tokens[i].is_article || !tokens[i].capitalized)) {
            ++i;
            continue;
        }
        if (last == std::string::npos) last = longest_match(tokens, i, gazetteer, key);
        // "Iraqi militias": a demonym, whatever village is called Al-Iraqi.
        if (last == i && demonym_country(tokens[i].lower)) {
            NameMatch village;
            village.places = gazetteer.lookup(key);
            if (only_small_places(village, gazetteer)) last = std::string::npos;
        }
        if (last == std::string::npos) {
            if (std::optional<NameMatch> other = demonym_or_abbreviation(text, tokens, i, gazetteer)) {
                scan.matches.push_back(std::move(*other));
            }
            ++i;
            continue;
        }
        NameMatch m;
        m.first_token = i;
        // An article written onto the name belongs to it: "al-Hamidiyah", "Al Bab".
        if (i > 0 && tokens[i - 1].is_article && tokens[i].clean_gap_before &&
            (tokens[i - 1].hyphen_after || tokens[i - 1].capitalized || tokens[i - 1].lower == "al" ||
             tokens[i - 1].lower == "el")) {
            m.first_token = i - 1;
        }
        // "Bab" alone is a gate; "al-Bab" is the town.
        if (m.first_token == i && last == i && gazetteer.needs_article(key)) {
            ++i;
            continue;
        }
        m.last_token = last;
        m.key = key;
        m.places = gazetteer.lookup(key);
        if (last + 1 < tokens.size() && !tokens[last].possessive && tokens[last + 1].clean_gap_before) {
            const std::string& next = tokens[last + 1].lower;
            for (const Head& h : kTrailingHeads) {
                if (next == h.singular) m.head = h.singular;
                if (next != h.plural) continue;
                m.head = h.singular;
                // The plural also qualifies the names coordinated before this one.
                std::size_t t = m.first_token;
                for (auto prev = scan.matches.rbegin(); prev != scan.matches.rend(); ++prev) {
                    bool only_coordination = true;
                    for (std::size_t k = prev->last_token + 1; k < t && only_coordination; ++k) {
                        only_coordination = std::find(kCoordinationWords.begin(), kCoordinationWords.end(),
                                                      tokens[k].lower) != kCoordinationWords.end();
                    }
                    if (!only_coordination || t - prev->last_token > 4) break;
                    prev->head = h.singular;
                    t = prev->first_token;
                }
            }
        }
        if (m.head.empty() && m.first_token >= 2 && tokens[m.first_token - 1].lower == "of") {
            m.head = head_of(tokens[m.first_token - 2].lower);
        }
        scan.matches.push_back(std::move(m));
        i = last + 1;
    }

    drop_person_names(text, tokens, gazetteer, scan.matches);
    drop_word_readings(text, tokens, gazetteer, scan.matches, names_end);
    drop_truncated_names(tokens, gazetteer, scan);
    drop_headless_tails(text, tokens, gazetteer, scan);

    // "Hay al-Rashidin", "Harat al-Yahud": a neighbourhood named with the Arabic word for it.
    for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
        if (!tokens[k].capitalized || !is_neighbourhood_word(tokens[k].lower)) continue;
        std::size_t q = k + 1;
        while (q < tokens.size() && tokens[q].is_article && tokens[q].clean_gap_before) ++q;
        if (q >= tokens.size() || !tokens[q].capitalized || !tokens[q].clean_gap_before) continue;
        if (std::any_of(scan.matches.begin(), scan.matches.end(),
                        [&](const NameMatch& m) { return m.first_token <= q && m.last_token >= k; })) {
            continue;
        }
        scan.unknown.push_back({k, q, "neighbourhood"});
    }

    // Cue lists: "<head>(s) of Name[, Name]* [and Name]".
    for (std::size_t k = 0; k + 2 < tokens.size(); ++k) {
        if (tokens[k + 1].lower != "of") continue;  // first: it rejects nearly every word, for less
        const std::string head = head_of(tokens[k].lower);
        if (head.empty()) continue;
        std::size_t p = k + 2;
        while (p < tokens.size()) {
            // A name: capitalised words (articles allowed inside), adjacent on the line.
            std::size_t q = p;
            while (q < tokens.size() && tokens[q].is_article && !tokens[q].capitalized) ++q;
            if (q >= tokens.size() || !tokens[q].capitalized) break;
            std::size_t end = q;
            while (end + 1 < tokens.size() && tokens[end + 1].clean_gap_before && !tokens[end].possessive &&
                   continues_name(tokens[end + 1])) {
                ++end;
            }
            while (end > q && tokens[end].is_article) --end;
            // Known to the gazetteer? Then give the match its head; otherwise it is unknown.
            auto overlapping = std::find_if(scan.matches.begin(), scan.matches.end(), [&](const NameMatch& m) {
                return m.first_token <= end && m.last_token >= p;
            });
            if (overlapping != scan.matches.end() && overlapping->first_token == overlapping->last_token &&
                (overlapping->first_token > p || overlapping->last_token < end) && only_small_places(*overlapping, gazetteer)) {
                // "the hamlet of Khirbet Umm Dawaliq": one word of the name is a village's
                // ("Khirbet"), the name is not; it is looked up whole (exactly, then fuzzily).
                scan.matches.erase(overlapping);
                scan.unknown.push_back({p, end, head});
            } else if (overlapping != scan.matches.end()) {
                if (overlapping->head.empty()) overlapping->head = head;
            } else {
                scan.unknown.push_back({p, end, head});
            }
            // Continue the list after "," or "and".
            std::size_t next = end + 1;
            if (next >= tokens.size()) break;
            if (tokens[next].lower == "and" || tokens[next].lower == "or") {
                p = next + 1;
            } else if (gap_has(text, tokens[end], tokens[next], ',') && !gap_has(text, tokens[end], tokens[next], '\n')) {
                p = next;
                if (tokens[p].lower == "and" || tokens[p].lower == "or") ++p;
            } else {
                break;
            }
        }
    }
    std::sort(scan.unknown.begin(), scan.unknown.end(),
              [](const CueName& a, const CueName& b) { return a.first_token < b.first_token; });
    scan.unknown.erase(std::unique(scan.unknown.begin(), scan.unknown.end(),
                                   [](const CueName& a, const CueName& b) { return a.first_token == b.first_token; }),
                       scan.unknown.end());
    resolve_cue_names(tokens, gazetteer, fuzzy, scan);
    find_slot_names(tokens, gazetteer, fuzzy, scan);
    std::erase_if(scan.unknown, [](const CueName& c) { return !c.report; });
    arabic::adjust_mentions(text, tokens, gazetteer, scan, names_end);  // proclitics, place words, common words
    find_arabic_slot_names(tokens, gazetteer, fuzzy, scan);  // «في X.», «قرية X»: spellings the keys miss
    return scan;
}

void add_the_capital(const std::vector<Token>& tokens, const Gazetteer& g, std::vector<NameMatch>& matches) {
    const bool syrian = std::any_of(matches.begin(), matches.end(), [&](const NameMatch& m) {
        // a town or governorate, or a village introduced as a place ("the Jobar neighbourhood")
        return !m.fuzzy && !m.demonym && !m.places.empty() && (!m.head.empty() || !only_small_places(m, g)) &&
               std::all_of(m.places.begin(), m.places.end(), [&](std::uint32_t idx) {
                   const Place& p = g.place(idx);
                   return p.country_code == "SY" && !p.is_country();
               });
    });
    if (!syrian) return;
    // read as the name "Damascus" is (the city before the governorate)
    static const std::string key = text::fold_name("Damascus");
    const PlaceIds capital = g.lookup(key);
    if (std::none_of(capital.begin(), capital.end(), [&](std::uint32_t idx) { return g.place(idx).feature_code == "PPLC"; }))
        return;
    static const std::string arabic_capital = text::fold_word("العاصمة").key;
    std::vector<bool> taken(tokens.size(), false);
    for (const NameMatch& m : matches)
        for (std::size_t t = m.first_token; t <= m.last_token && t < tokens.size(); ++t) taken[t] = true;
    bool added = false;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const bool english = tokens[i].lower == "capital" && tokens[i - 1].lower == "the";
        bool arabic = tokens[i].key == arabic_capital;  // «العاصمة», «والعاصمة», «بالعاصمة»
        if (!arabic && arabic::is_arabic_token(tokens[i]))
            for (const std::string& k : arabic::peeled_keys(tokens[i].key)) arabic = arabic || k == arabic_capital;
        if ((!english && !arabic) || taken[i]) continue;
        if (i + 1 < tokens.size() && tokens[i + 1].clean_gap_before &&
            (tokens[i + 1].capitalized || tokens[i + 1].lower == "of" || tokens[i + 1].lower == "city" ||
             (taken[i + 1] && !tokens[i + 1].key.starts_with("\u0648"))))  // «العاصمة دمشق», not «العاصمة وحرستا»
            continue;
        NameMatch m;
        m.first_token = i;
        m.last_token = i;
        m.key = key;
        m.places = capital;
        matches.push_back(std::move(m));
        added = true;
    }
    if (added)
        std::stable_sort(matches.begin(), matches.end(),
                         [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
}

}  // namespace toponym::geoparse
