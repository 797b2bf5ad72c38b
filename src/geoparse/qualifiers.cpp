// Qualifier places: the words between two names, then whether the second can hold the first.
#include "geoparse/qualifiers.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "geo/geodesy.hpp"
#include "geoparse/arabic.hpp"
#include "geoparse/relative.hpp"
#include "text/utf8.hpp"

namespace toponym::geoparse {

namespace {

using text::Token;

// How the second name is joined to the first. The looser the join, the more the second place
// must prove that it holds the first.
enum class Join {
    None,
    Comma,        // "Khan Sheikhoun, Idlib"
    Parenthesis,  // "Tafas (Daraa)", "Palmyra (Tadmur)"
    In,           // "Kafr Nabl in Idlib", "Hish in the southern Idleb countryside", "Ariha of Idlib province"
    Relation,     // "Azaz, north of Aleppo", "Harasta, on the outskirts of Damascus"
    Near,         // "Madaya, near Zabadani", "Madaya close to Zabadani", "Madaya around Zabadani"
};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Generic words written after a place name, before the join ("the al-Shaar neighbourhood of").
constexpr std::array<std::string_view, 12> kPlaceHeads = {"village", "town", "city", "neighbourhood", "neighborhood",
                                                          "district", "quarter", "area", "camp", "suburb", "hamlet",
                                                          "municipality"};
// Words after a place's name that make it a site or a front named after it ("the X military
// airport", "the X gas field", "the X checkpoint", "the X front"), before the join; the modifiers
// come first.
constexpr std::array<std::string_view, 17> kSiteHeads = {"airport", "airbase", "base", "field", "fields", "checkpoint",
                                                         "dam", "hill", "hills", "mountain", "mountains", "farms",
                                                         "front", "station", "plant", "barracks", "crossroads"};
constexpr std::array<std::string_view, 8> kSiteModifiers = {"military", "gas", "oil", "air", "power", "pumping", "army", "police"};
// Words after a qualifier that make it a range or an expanse ("the Y mountains", "the Y desert").
constexpr std::array<std::string_view, 9> kExpanses = {"mountains", "hills", "desert", "plain", "plains",
                                                       "valley", "range", "steppe", "badia"};
// Words after the qualifier that belong to it ("Idlib province", "the Idlib countryside").
constexpr std::array<std::string_view, 9> kQualifierTails = {"province", "governorate", "countryside", "countrysides",
                                                             "city", "region", "district", "area", "suburbs"};
constexpr std::array<std::string_view, 16> kDirections = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern"};
constexpr std::array<std::string_view, 9> kSurroundings = {"outskirts", "countryside", "suburbs", "edge", "edges",
                                                           "periphery", "vicinity", "environs", "fringes"};
constexpr std::array<std::string_view, 6> kDistanceWords = {"km", "kms", "kilometres", "kilometers", "miles", "mile"};
constexpr std::array<std::string_view, 5> kApproximately = {"about", "some", "around", "nearly", "roughly"};

bool is_number(std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool is_distance(std::string_view w) {  // "5km"
    const std::size_t digits = static_cast<std::size_t>(
        std::find_if(w.begin(), w.end(), [](char c) { return c < '0' || c > '9'; }) - w.begin());
    return digits > 0 && in(kDistanceWords, w.substr(digits));
}

// The words between the names (lower case), with what separated the first name from them.
// Returns Join::None for anything else: a verb, "and", a sentence end.
Join join_of(const std::vector<std::string_view>& words, bool comma, bool parenthesis) {
    std::size_t k = 0;
    const auto at = [&](std::string_view w) { return k < words.size() && words[k] == w; };
    if (words.empty()) return parenthesis ? Join::Parenthesis : comma ? Join::Comma : Join::None;
    if (parenthesis) return Join::None;
    if (in(kPlaceHeads, words[0])) {
        ++k;  // "the Hamdaniyeh district of Aleppo", "the village of Hish, Idlib"
        if (k == words.size()) return comma ? Join::Comma : Join::None;
    } else if (!comma) {
        // a site or a front named after the place: "the X military airport in Y", "the X gas
        // field west of Y", "the X checkpoint near Y", "the X front in Y"
        while (k < words.size() && k < 2 && in(kSiteModifiers, words[k])) ++k;
        if (k < words.size() && in(kSiteHeads, words[k])) {
            ++k;
            if (k == words.size()) return Join::None;
        } else {
            k = 0;
        }
    }
    // "in Idlib", "in the Idlib countryside", "in northern Hama", "in the southern countryside of Idlib",
    // "of Idlib province", "inside", "within"
    if (at("in") || at("of") || at("inside") || at("within")) {
        ++k;
        if (at("the")) ++k;
        while (k < words.size() && (in(kDirections, words[k]) || words[k] == "rural")) ++k;
        if (k == words.size()) return Join::In;
        if (in(kSurroundings, words[k]) && k + 2 == words.size() && words[k + 1] == "of") return Join::In;
        return Join::None;
    }
    // ", north of", ", 5 km west of", ", about 10 km north-east of the city of"
    // ", on the (southern) outskirts of", ", near", ", close to", ", outside"
    if (at("on") || at("at")) ++k;
    if (at("the")) ++k;
    if (in(kApproximately, k < words.size() ? words[k] : std::string_view())) ++k;
    if (k < words.size() && is_distance(words[k])) ++k;
    else if (k + 1 < words.size() && is_number(words[k]) && in(kDistanceWords, words[k + 1])) k += 2;
    bool related = false;
    while (k < words.size() && in(kDirections, words[k])) ++k, related = true;
    if (k < words.size() && in(kSurroundings, words[k])) ++k, related = true;
    if (related) {
        if (!at("of")) return Join::None;
        ++k;
        if (at("the")) ++k;
        if (k + 2 <= words.size() && (words[k] == "city" || words[k] == "town") && words[k + 1] == "of") k += 2;
        return k == words.size() ? Join::Relation : Join::None;
    }
    if (at("outside")) return k + 1 == words.size() ? Join::Relation : Join::None;
    if (at("near") || at("around")) return k + 1 == words.size() ? Join::Near : Join::None;
    if (at("close") && k + 2 == words.size() && words[k + 1] == "to") return Join::Near;
    return Join::None;
}

bool settlement(const Place& p) { return p.feature_class == "P" || p.feature_class == "S"; }
bool area(const Place& p) { return p.is_admin_area() && !p.is_country(); }

// Can `outer` (the qualifier's reading) hold or sit beside `inner` (the first place's reading)?
bool holds(const Place& outer, const Place& inner, Join join) {
    if (outer.is_country() || inner.country_code != "SY" || outer.country_code != inner.country_code) return false;
    const double km = geo::great_circle_km(outer.lat, outer.lon, inner.lat, inner.lon);
    if (area(outer)) {
        // a governorate (or a district of a stacked gazetteer) holds the places of its governorate
        return !outer.admin1_pcode.empty() && outer.admin1_pcode == inner.admin1_pcode && !area(inner);
    }
    // "Palmyra (Tadmur)", "Ras al-Ain (Serekaniye)": another name of the same place, whatever
    // gazetteer put its point a little apart
    if (join == Join::Parenthesis && settlement(outer) && km <= std::max(3.0, outer.radius_m / 1000.0)) return true;
    if (&outer == &inner || km < 1.0) return false;
    // a direction reaches further ("X, 50 km east of Y") than "near": a place 30 km past the
    // town's edge is not near it
    const double reach_km = (join == Join::Relation ? 60.0 : join == Join::Near ? 40.0 : 25.0) + outer.radius_m / 1000.0;
    if (km > reach_km) return false;
    if (!settlement(outer)) return outer.feature_class == "L" || outer.feature_class == "T";  // "Douma in Eastern Ghouta"
    // "Eastern Ghouta of Damascus", "Wadi Barada in rural Damascus": a city says whose region it
    // is (a region smaller than a district; "the western Badia of Tadmur" is the desert by the city)
    if (inner.is_region() && inner.radius_m <= 30000.0 && join == Join::In)
        return outer.population >= 50000 || outer.feature_code == "PPLA" || outer.feature_code == "PPLC";
    if (!settlement(inner)) return false;
    // "X, Y" also lists two villages: a settlement qualifies another only when clearly the bigger
    // ("Ashrafiya, Afrin"; a quarter has no population of its own).
    if (join == Join::Comma || join == Join::Parenthesis)
        return outer.population >= 10000 && outer.population >= 2 * std::max<std::int64_t>(inner.population, 1);
    return true;
}

// The words after the qualifier (past its generic tail word) continue a list: "Binnish, Sarmin and
// Taftanaz", "Saraqib, Sarmin, and Binnish".
bool continues_list(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
                    std::size_t j) {
    std::size_t k = matches[j].last_token + 1;
    if (k < tokens.size() && tokens[k].clean_gap_before && in(kQualifierTails, tokens[k].lower)) ++k;
    if (k >= tokens.size()) return false;
    const std::string& next = tokens[k].lower;
    if (next == "and" || next == "or") return true;
    const std::size_t from = tokens[k - 1].end_byte, to = tokens[k].begin_byte;
    const bool comma = to > from && text.substr(from, to - from).find(',') != std::string_view::npos;
    return comma && j + 1 < matches.size() && matches[j + 1].first_token == k;
}

// A title's label: a place opening a line and set off by a colon, a bar or a dash ("Aleppo:
// air strikes on the Sakhour district", «#إدلب | قصف على كفرنبل», «حلب - غارات على حي الصاخور»)
// says where the line's places are, as "in Aleppo" after them would. It qualifies the first place
// of the line that it can hold, and is no event's place of its own; a line whose only place is its
// label keeps it.
void apply_line_labels(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
                       std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    const auto line_start = [&](std::size_t byte) {
        const std::size_t nl = text.rfind('\n', byte == 0 ? 0 : byte - 1);
        return nl == std::string_view::npos || byte == 0 ? 0 : nl + 1;
    };
    for (std::size_t l = 0; l + 1 < matches.size() && l + 1 < mentions.size(); ++l) {
        Mention& label = mentions[l];
        if (label.role != "location" || label.qualifies || label.candidates.empty()) continue;
        const std::size_t begin = tokens[matches[l].first_token].begin_byte;
        // only marks before it on its line: "#", "*", a dash, spaces, direction marks
        const std::string_view before = text.substr(line_start(begin), begin - line_start(begin));
        bool opens = true;
        for (std::size_t k = 0; k < before.size() && opens;) {
            const char32_t cp = text::next_code_point(before, k);
            opens = cp == ' ' || cp == '\t' || cp == '#' || cp == '*' || cp == '-' || cp == 0x2022 || cp == 0x2013 ||
                    cp == 0x2014 || cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xA0;
        }
        if (!opens) continue;
        const std::size_t end = tokens[matches[l].last_token].end_byte;
        const std::size_t next = matches[l].last_token + 1 < tokens.size() ? tokens[matches[l].last_token + 1].begin_byte : text.size();
        const std::string_view gap = text.substr(end, next - end);
        if (gap.find('\n') != std::string_view::npos ||
            (gap.find(':') == std::string_view::npos && gap.find('|') == std::string_view::npos &&
             gap.find(" - ") == std::string_view::npos && gap.find("\u2013") == std::string_view::npos &&
             gap.find("\u2014") == std::string_view::npos))
            continue;
        const std::size_t line_end = std::min(text.find('\n', end), text.size());
        for (std::size_t j = l + 1; j < matches.size() && j < mentions.size(); ++j) {
            if (tokens[matches[j].first_token].begin_byte >= line_end) break;
            Mention& inner = mentions[j];
            if (inner.role != "location" || inner.qualifies || inner.candidates.empty()) continue;
            std::optional<std::size_t> held;
            for (std::size_t c = 0; c < inner.candidates.size() && !held; ++c) {
                const Place& p = gazetteer.place(inner.candidates[c].place);
                if (p.feature_class != "P" && p.feature_class != "S" && p.feature_class != "L" && p.feature_class != "T") continue;
                for (const Candidate& o : label.candidates)
                    if (holds(gazetteer.place(o.place), p, Join::In)) {
                        held = c;
                        break;
                    }
            }
            if (!held) continue;
            if (*held > 0)
                std::rotate(inner.candidates.begin(), inner.candidates.begin() + static_cast<std::ptrdiff_t>(*held),
                            inner.candidates.begin() + static_cast<std::ptrdiff_t>(*held) + 1);
            label.qualifies = j;
            break;
        }
    }
}

// "the al-Manshiya neighbourhood in Daraa province", "neighbourhoods of Deir ez-Zor governorate":
// quarters lie in a city, so a governorate named as theirs stands for its seat. The city's reading
// goes first; the unknown quarter's event is then placed at the city, not the governorate's middle.
void quarters_in_governorate_seat(const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
                                  std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    for (std::size_t i = 0; i < matches.size() && i < mentions.size(); ++i) {
        Mention& m = mentions[i];
        if (m.candidates.empty() || gazetteer.place(m.place()).feature_code != "ADM1") continue;
        std::size_t j = matches[i].first_token;
        if (j > 0 && tokens[j - 1].lower == "the") --j;
        if (j < 2 || (tokens[j - 1].lower != "in" && tokens[j - 1].lower != "of")) continue;
        const std::string& head = tokens[j - 2].lower;
        if (head != "neighbourhood" && head != "neighbourhoods" && head != "neighborhood" && head != "neighborhoods" &&
            head != "quarter" && head != "quarters")
            continue;
        const std::string& admin1 = gazetteer.place(m.place()).admin1_pcode;
        const auto seat = std::find_if(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
            const Place& p = gazetteer.place(c.place);
            return (p.feature_code == "PPLA" || p.feature_code == "PPLC") && p.admin1_pcode == admin1;
        });
        if (seat != m.candidates.end()) std::rotate(m.candidates.begin(), seat, seat + 1);
    }
}

}  // namespace

void apply_qualifiers(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
                      std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    for (std::size_t j = 1; j < matches.size() && j < mentions.size(); ++j) {
        const std::size_t i = j - 1;
        if (mentions[i].role != "location" || mentions[j].role != "location") continue;
        const NameMatch& first = matches[i];
        const NameMatch& second = matches[j];
        if (second.first_token <= first.last_token) continue;
        // The words and punctuation between the two names, within one sentence.
        // A comma may open the join ("X, west of Y") or follow a generic word ("the Hamdaniyeh
        // district, Aleppo"); anywhere else it separates two phrases.
        std::vector<std::string_view> words;
        bool comma = false, parenthesis = false, broken = false;
        for (std::size_t k = first.last_token + 1; k <= second.first_token && !broken; ++k) {
            const std::size_t from = tokens[k - 1].end_byte, to = tokens[k].begin_byte;
            const std::string_view gap = to > from ? text.substr(from, to - from) : std::string_view();
            broken = gap.find_first_of(".;:!?\n") != std::string_view::npos || words.size() > 8;
            const bool opens = k == first.last_token + 1;
            const bool after_head = words.size() == 1 && in(kPlaceHeads, words[0]) && k == second.first_token;
            if (opens || after_head) {
                comma = comma || gap.find(',') != std::string_view::npos;
                parenthesis = parenthesis || (opens && gap.find('(') != std::string_view::npos);
            } else if (gap.find_first_of(",()") != std::string_view::npos) {
                broken = true;
            }
            if (k < second.first_token) words.push_back(tokens[k].lower);
        }
        if (broken) continue;
        // Arabic: the words between, and a proclitic on the qualifier, in English («بدمشق»: in)
        if (arabic::is_arabic_token(tokens[second.first_token]))
            words = arabic::join_words(tokens, first.last_token + 1, second.first_token);
        // "X and Y in Z" with Y a name the gazetteer lacks: Z qualifies the list, X too.
        if (!words.empty() && (words[0] == "and" || words[0] == "or") && !comma && !parenthesis &&
            !arabic::is_arabic_token(tokens[second.first_token])) {
            std::size_t k = first.last_token + 2, n = 1;
            while (k < second.first_token && n < words.size() && (tokens[k].capitalized || tokens[k].is_article)) ++k, ++n;
            if (n > 1 && n < words.size()) words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
        }
        const Join join = join_of(words, comma, parenthesis);
        if (join == Join::None) continue;
        if ((join == Join::Comma || join == Join::Parenthesis) && continues_list(text, tokens, matches, j)) continue;

        // The first place's readings, the chosen one first: the first that the qualifier can hold.
        // The qualifier's own readings count when they are about as likely as its chosen one, or
        // its governorate: in "Mulla Marz in northern Hama" the hamlets spelled like Hama do not
        // qualify anything.
        Mention& inner = mentions[i];
        const Mention& outer = mentions[j];
        const double outer_best = outer.candidates.empty() ? 0.0 : outer.candidates.front().score;
        // "Ar-Raqqa city": not the governorate.
        const bool outer_settlement = outer.head == "city" || outer.head == "town" || outer.head == "village";
        const auto plausible = [&](const Candidate& o) {
            if (area(gazetteer.place(o.place))) return !outer_settlement;
            return o.score >= outer_best - 0.5;
        };
        // "X in southern Aleppo": of the readings the qualifier holds, one on that side of the
        // city (of a governorate's seat) first.
        std::optional<double> side;
        if (join == Join::In) {
            for (std::string_view w : words) {
                if (const std::string d = direction_of(w); !d.empty()) side = bearing_of(d);
            }
        }
        const auto on_side = [&](const Place& p, const Place& q) {
            if (!side) return true;
            const Place* origin = &q;
            if (q.feature_code == "ADM1") {
                for (const Candidate& o : outer.candidates) {
                    const Place& seat = gazetteer.place(o.place);
                    if ((seat.feature_code == "PPLA" || seat.feature_code == "PPLC") && seat.admin1_pcode == q.admin1_pcode) {
                        origin = &seat;
                        break;
                    }
                }
            }
            const double bearing = geo::local_bearing_deg(origin->lat, origin->lon, p.lat, p.lon);
            return std::fabs(std::remainder(bearing - *side, 360.0)) <= 67.5;
        };
        // "the Al-Zahraa neighbourhood of Aleppo city": a quarter lies inside its city, not at a
        // village of that name 17 km out.
        // "the X checkpoint in Y town": a site in a town is inside it, as a quarter is.
        const bool site_in_town = join == Join::In && outer_settlement && !words.empty() &&
                                  std::any_of(words.begin(), words.begin() + std::min<std::ptrdiff_t>(3, std::ssize(words)),
                                              [](std::string_view w) { return in(kSiteHeads, w); });
        const bool quarter_head =
            inner.head == "neighbourhood" || inner.head == "neighborhood" || inner.head == "quarter" || site_in_town;
        // "the Al-Zahraa neighbourhood in Aleppo": the city is meant, not its governorate.
        const bool city_reading = quarter_head && std::any_of(outer.candidates.begin(), outer.candidates.end(), [&](const Candidate& o) {
            const Place& q = gazetteer.place(o.place);
            return plausible(o) && settlement(q) && (q.population >= 50000 || q.feature_code == "PPLA" || q.feature_code == "PPLC");
        });
        const auto inside_city = [&](const Place& q, const Place& p) {
            if (!quarter_head || q.feature_code == "PPLX") return true;
            if (!settlement(q)) return !city_reading;
            return geo::great_circle_km(q.lat, q.lon, p.lat, p.lon) <= q.radius_m / 1000.0 + 3.0;
        };
        std::optional<std::size_t> held;
        for (int pass = side ? 0 : 1; pass < 2 && !held; ++pass) {
            for (std::size_t c = 0; c < inner.candidates.size() && !held; ++c) {
                const Place& p = gazetteer.place(inner.candidates[c].place);
                for (const Candidate& o : outer.candidates) {
                    const Place& q = gazetteer.place(o.place);
                    if (plausible(o) && holds(q, p, join) && inside_city(q, p) && (pass == 1 || on_side(p, q))) {
                        held = c;
                        break;
                    }
                }
            }
        }
        if (!held) {
            // "Umm Dawaliq in Hama province", "Umm Dawaliq near Salamiyah", "Umm Dawaliq in Eastern
            // Ghouta" when every Umm Dawaliq we know lies far from there: the name read is another
            // place, spelled alike, that the gazetteer does not know.
            const bool far_away = std::all_of(inner.candidates.begin(), inner.candidates.end(), [&](const Candidate& c) {
                const Place& p = gazetteer.place(c.place);
                if (!settlement(p) || p.country_code != "SY") return false;
                // far from every reading of the qualifier that could be meant
                std::size_t readings = 0;
                const bool far_from_all = std::all_of(outer.candidates.begin(), outer.candidates.end(), [&](const Candidate& o) {
                    const Place& q = gazetteer.place(o.place);
                    if (!plausible(o) || q.country_code != "SY" || q.is_country()) return true;
                    ++readings;
                    const double km = geo::great_circle_km(p.lat, p.lon, q.lat, q.lon);
                    if (q.feature_code == "ADM1") return q.admin1_pcode != p.admin1_pcode && km > q.radius_m / 1000.0 + 30.0;
                    if (area(q)) return false;
                    // a town or a region: 30 km past the reach of holds()
                    // ("near": past its reach already)
                    return km > (join == Join::Relation ? 90.0 : join == Join::Near ? 40.0 : 55.0) + q.radius_m / 1000.0;
                });
                return readings > 0 && far_from_all;
            });
            // "near the Y mountains", "in the Y desert": a range or an expanse named after a place
            // reaches further than the place the qualifier is read as; it contradicts nothing
            const std::size_t after_outer = matches[j].last_token + 1;
            const bool outer_expanse = after_outer < tokens.size() && in(kExpanses, tokens[after_outer].lower);
            if (far_away && !outer_expanse && (join == Join::In || join == Join::Relation || join == Join::Near))
                inner.contradicted = true;
            // "the Old City of Damascus": a quarter's name with another city after it is that
            // city's quarter, not the same-named quarter the gazetteer knows elsewhere; the
            // city says where, and the quarter we know is no place of the event.
            const Place& quarter = gazetteer.place(inner.candidates.front().place);
            const bool city_after = std::any_of(outer.candidates.begin(), outer.candidates.end(), [&](const Candidate& o) {
                return settlement(gazetteer.place(o.place)) && gazetteer.place(o.place).feature_code != "PPLX";
            });
            if (join == Join::In && (quarter.feature_code == "PPLX" || quarter_head) && city_after) inner.qualifies = j;
            continue;
        }
        // Only a place where an event can be is qualified: a settlement, a site, a road, a hill,
        // a region.
        const Place& chosen = gazetteer.place(inner.candidates[*held].place);
        if (chosen.feature_class != "P" && chosen.feature_class != "S" && chosen.feature_class != "R" &&
            chosen.feature_class != "T" && chosen.feature_class != "L")
            continue;
        if (*held > 0) {
            // "Hamidiyah in Idlib": the qualifier decides among homonyms.
            std::rotate(inner.candidates.begin(), inner.candidates.begin() + static_cast<std::ptrdiff_t>(*held),
                        inner.candidates.begin() + static_cast<std::ptrdiff_t>(*held) + 1);
        }
        mentions[j].qualifies = i;
    }
    apply_line_labels(text, tokens, matches, mentions, gazetteer);
    quarters_in_governorate_seat(tokens, matches, mentions, gazetteer);
}


// How far a spelling's reading may lie from a place the report names exactly: well past the
// reach of a direction ("X, 60 km east of Y") and of a desert's "eastern countryside", so that
// only a reading in another part of the country is given up.
constexpr double kFarSpellingKm = 150.0;

void contradict_far_spellings(std::string_view text, std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    // The evidence: what the report names exactly (not by spelling), in Syria, as a location.
    struct Evidence {
        const Mention* mention;
        std::vector<std::string> governorates;
        std::vector<const Place*> places;  // settlements, sites and regions
    };
    std::vector<Evidence> evidence;
    for (const Mention& m : mentions) {
        if (m.fuzzy || m.contradicted || m.role != "location" || m.candidates.empty()) continue;
        Evidence e{&m, {}, {}};
        for (const Candidate& c : m.candidates) {
            const Place& p = gazetteer.place(c.place);
            if (p.country_code == "SY" && p.feature_code == "ADM1" && !p.admin1_pcode.empty()) e.governorates.push_back(p.admin1_pcode);
        }
        // its readings about as likely as the chosen one ("Al-Resafa city" may be read at the
        // homonym of another governorate; the spelling beside it then tells which is meant)
        for (const Candidate& c : m.candidates) {
            const Place& p = gazetteer.place(c.place);
            if (c.score >= m.candidates.front().score - 0.5 && p.country_code == "SY" && !p.is_country() && !p.is_admin_area())
                e.places.push_back(&p);
        }
        if (!e.places.empty() || !e.governorates.empty()) evidence.push_back(std::move(e));
    }
    for (Mention& m : mentions) {
        if (!m.fuzzy || m.contradicted || m.role != "location" || m.candidates.empty()) continue;
        const Place& p = gazetteer.place(m.place());
        if (p.country_code != "SY" || p.is_admin_area() || p.is_region()) continue;
        bool any = false, fits = false;
        for (const Evidence& e : evidence) {
            const Span& s = e.mention->span;
            // a part of the same words ("Jebel X" read by spelling, "X" read exactly), or another
            // name of it in parentheses ("X (Y)"), is no second place of the report
            if (s.begin_byte < m.span.end_byte && m.span.begin_byte < s.end_byte) continue;
            if (s.begin_byte >= m.span.end_byte && s.begin_byte <= text.size() &&
                text.substr(m.span.end_byte, s.begin_byte - m.span.end_byte).find('(') != std::string_view::npos &&
                s.begin_byte - m.span.end_byte <= 3)
                continue;
            any = true;
            fits = fits || std::find(e.governorates.begin(), e.governorates.end(), p.admin1_pcode) != e.governorates.end() ||
                   std::any_of(e.places.begin(), e.places.end(), [&](const Place* q) {
                       return geo::great_circle_km(p.lat, p.lon, q->lat, q->lon) <= kFarSpellingKm + q->radius_m / 1000.0;
                   });
        }
        if (any && !fits) m.contradicted = true;
    }
}

// How far past a governorate's radius a village the sentence puts in it may lie before it is
// another village of that name: beyond any border village or a governorate's odd shape.
constexpr double kFarFromGovernorateKm = 100.0;
// How near another place the sentence names exactly a village may lie and still be meant.
constexpr double kNearOtherPlaceKm = 60.0;

void contradict_far_from_named_governorates(std::string_view text, std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    const auto same_sentence = [&](const Span& a, const Span& b) {
        const std::size_t from = std::min(a.end_byte, b.end_byte), to = std::max(a.begin_byte, b.begin_byte);
        if (to <= from || to > text.size()) return true;
        return text.substr(from, to - from).find_first_of(".;!?\n") == std::string_view::npos;
    };
    for (Mention& m : mentions) {
        if (m.fuzzy || m.contradicted || m.role != "location" || m.candidates.empty()) continue;
        const bool villages = std::all_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
            const Place& p = gazetteer.place(c.place);
            return p.country_code == "SY" && !p.is_admin_area() && !p.is_region() && !p.is_city();
        });
        if (!villages) continue;
        std::vector<const Place*> governorates;
        std::vector<const Place*> others;
        for (const Mention& o : mentions) {
            if (&o == &m || o.fuzzy || o.role != "location" || o.candidates.empty() || !same_sentence(m.span, o.span)) continue;
            bool names_governorate = false;
            for (const Candidate& c : o.candidates) {
                const Place& q = gazetteer.place(c.place);
                if (q.country_code == "SY" && q.feature_code == "ADM1") {
                    governorates.push_back(&q);
                    names_governorate = true;
                }
            }
            if (names_governorate) continue;
            const Place& q = gazetteer.place(o.place());
            if (q.country_code == "SY" && !q.is_country() && !q.is_admin_area()) others.push_back(&q);
        }
        if (governorates.empty()) continue;
        const bool far = std::all_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
            const Place& p = gazetteer.place(c.place);
            const bool outside = std::all_of(governorates.begin(), governorates.end(), [&](const Place* g) {
                return p.admin1_pcode != g->admin1_pcode &&
                       geo::great_circle_km(p.lat, p.lon, g->lat, g->lon) > g->radius_m / 1000.0 + kFarFromGovernorateKm;
            });
            const bool apart = std::all_of(others.begin(), others.end(), [&](const Place* q) {
                return geo::great_circle_km(p.lat, p.lon, q->lat, q->lon) > kNearOtherPlaceKm + q->radius_m / 1000.0;
            });
            return outside && apart;
        });
        if (far) m.contradicted = true;
    }
}

}  // namespace toponym::geoparse
