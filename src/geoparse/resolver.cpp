// Candidate scoring with document context.
#include "geoparse/resolver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "geo/geodesy.hpp"
#include "geoparse/arabic.hpp"
#include "text/normalize.hpp"

namespace toponym::geoparse {

namespace {

constexpr double kContextScale_km = 40.0;  // co-mentioned places this close pull strongly

bool wants_admin_area(const std::string& head) { return head == "province" || head == "governorate"; }

bool wants_settlement(const std::string& head) {
    return head == "city" || head == "town" || head == "village" || head == "neighbourhood" || head == "neighborhood" ||
           head == "district" || head == "hamlet" || head == "suburb";
}

struct Context {
    // Places named without ambiguity (settlements in Syria), with the match that named them.
    std::vector<std::pair<std::size_t, std::uint32_t>> anchors;
    // Pcodes of governorates the document names, with the matches that name them.
    std::map<std::string, std::set<std::size_t>> governorates;
    std::string home_country = "SY";           // the country the document is about
    std::set<std::string> countries;           // countries the document names (or their people)
};


double base_score(const Place& p, const std::string& head, const std::string& home_country, std::string_view key) {
    double s = 1.0;
    const bool settlement = p.feature_class == "P" || p.feature_class == "S";
    if (wants_admin_area(head)) {
        if (p.is_admin_area() && !p.is_country()) s += 3.0;
    } else if (wants_settlement(head)) {
        if (settlement) s += 1.5;
        // "Afrin city": a city, not a hamlet of its name near another place of the report
        if (head == "city" && p.is_city()) s += 1.0;
    } else if (settlement) {
        s += 0.6;  // a bare "Aleppo" is the city more often than the governorate
    } else if (p.is_admin_area()) {
        // A district or sub-district (stacked OCHA units) is named after its seat: a bare "Ariha"
        // is the town; a governorate or region is meant more often.
        const bool below_governorate = p.feature_code == "ADM2" || p.feature_code == "ADM3" || p.feature_code == "ADM4";
        s += below_governorate ? -0.3 : 0.4;
    }
    if (p.country_code == home_country) s += 1.0;
    // "Russia" is the country, not Ar Rusiyah the Syrian village, and "Ankara" the capital, not
    // Anqarah: a country or a capital is named far more often than any village of its name. A
    // capital by its own name, that is: "Belin", one of Berlin's names in other languages, is
    // no more likely Berlin than the Syrian village Billin.
    if (p.is_country() || (p.feature_code == "PPLC" && key == text::fold_name(p.name))) s += 2.5;
    s += 0.15 * std::log10(1.0 + static_cast<double>(std::max<std::int64_t>(p.population, 0)));
    // Without a population, an administrative seat (PPLA..PPLA4) or a place GeoNames lists among
    // its cities of 500 people or more is the better known of two villages of one name.
    if (p.population == 0 && settlement) {
        if (p.feature_code.starts_with("PPLA")) s += 0.3;
        if (p.source.find("geonames-cities500") != std::string::npos) s += 0.3;
    }
    return s;
}

// Whether a place lies within a city (population 50,000 or more): within its radius and 3 km.
bool in_city(const Place& p, const Gazetteer& g) {
    for (std::uint32_t i : g.nearest(p.lat, p.lon, 64)) {
        const Place& c = g.place(i);
        if (c.feature_class != "P" || c.population < 50'000 || &c == &p) continue;
        if (geo::great_circle_km(p.lat, p.lon, c.lat, c.lon) <= c.radius_m / 1000.0 + 3.0) return true;
    }
    return false;
}

// How well the gazetteer attests a place as the one a name means, among places of the same name
// that nothing else in the text tells apart, in any script: a place OCHA's list of communities
// or GeoNames knows, over one only Who's On First records (whose other names are the noisiest);
// a living place over an abandoned one (PPLQ); after "neighbourhood" («حي X»), the reading
// inside a city. A city's quarter (a village the city took in) is Who's On First's alone, as no
// community list holds it: not marked down. After "village" or "town", a listed quarter (PPLX)
// is the weaker reading: "the village of Salhiyeh" is one of the villages, not the Damascus
// quarter. (A bare quarter name keeps its place among same-named villages: reports name a
// city's quarters bare more often than they name villages.) Small next to what context adds:
// it only orders near ties.
double attestation(const Place& p, const std::string& head, const Gazetteer& g) {
    double s = 0.0;
    if (p.feature_code == "PPLQ") s -= 0.3;
    const bool quarter = head == "neighbourhood" || head == "neighborhood";
    if (p.feature_code == "PPLX" && (head == "village" || head == "town" || head == "hamlet")) s -= 0.5;
    const bool city = (quarter || p.source == "whosonfirst") && in_city(p, g);
    if (p.source == "whosonfirst" && !city) s -= 0.2;
    if (quarter && city) s += 0.5;
    return s;
}

// The country a document is about: the one its unambiguous names point to most often (a name
// all of whose candidates lie in one country, or a country's own name); Syria when none does,
// as the reporting this tool is for is about Syria. A local US paper is about the US, and its
// "Alexandria" is the one in Louisiana, not Egypt.
struct HomeCountry {
    std::string code;  // ISO 3166-1 alpha-2
    int votes = 0;     // names that point there alone
};

HomeCountry home_country(const std::vector<NameMatch>& matches, const Gazetteer& gazetteer) {
    std::map<std::string, int> votes;
    for (const NameMatch& m : matches) {
        // A village's name is too weak to say what a document is about ("Shiite", "Iraqi" and
        // "Hamas" each name a Syrian village).
        if (m.places.empty() || m.demonym || only_small_places(m, gazetteer)) continue;
        const std::string& first = gazetteer.place(m.places.front()).country_code;
        if (first.empty()) continue;
        const bool one_country = std::all_of(m.places.begin(), m.places.end(), [&](std::uint32_t idx) {
            return gazetteer.place(idx).country_code == first;
        });
        if (one_country) ++votes[first];
    }
    HomeCountry home{"SY", votes.contains("SY") ? votes["SY"] : 0};
    for (const auto& [country, n] : votes) {
        if (n > home.votes) home = {country, n};
    }
    return home;
}

std::string home_country_of(const std::vector<NameMatch>& matches, const Gazetteer& gazetteer) {
    return home_country(matches, gazetteer).code;
}

}  // namespace

namespace {

// Words of reporting on an armed conflict, and of Syria's war in particular: its armed actors
// ("regime forces", "IS", "QSD", "HTS", "Jaysh al-Islam", "rebels", "Islamist militias") and
// its means ("air strikes", "shelling", "barrel bombs", "warplanes"), lower case (the tokens'
// `lower`); "IS" counts when written in capitals.
constexpr std::array<std::string_view, 67> kSyrianConflictWords = {
    "regime", "isis", "isil", "daesh", "sdf", "qsd", "ypg", "ypj", "pyd", "hts", "fsa", "nusra", "hezbollah",
    "assad", "jaysh", "jaish", "ahrar", "tahrir", "shabiha", "loyalist", "loyalists", "opposition", "rebel", "rebels",
    "islamist", "islamists", "militia", "militias", "militiamen", "jihadist", "jihadists", "factions",
    "airstrike", "airstrikes", "strikes", "shelling", "shelled", "shells", "bombardment", "bombarded", "bombing",
    "warplanes", "warplane", "artillery", "mortar", "mortars", "clashes", "clashed", "barrel", "offensive",
    "frontline", "militants", "fighters", "besieged", "troops", "drone", "drones", "rocket", "rockets", "missiles",
    "airbase", "ambush", "ambushed", "snipers", "svbied", "vbied", "ied"};

bool names_syrian_war(std::string_view text, const std::vector<text::Token>& tokens) {
    return std::any_of(tokens.begin(), tokens.end(), [&](const text::Token& t) {
        if (std::find(kSyrianConflictWords.begin(), kSyrianConflictWords.end(), t.lower) != kSyrianConflictWords.end()) {
            return true;
        }
        if (!t.key.empty() && static_cast<unsigned char>(t.key[0]) >= 0x80) return true;  // Arabic script
        const std::string_view surface = text.substr(t.begin_byte, t.end_byte - t.begin_byte);
        return surface == "IS" || (t.lower == "islamic" && &t + 1 != tokens.data() + tokens.size() && (&t + 1)->lower == "state");
    });
}

}  // namespace

void drop_villages_out_of_context(std::string_view text, const std::vector<text::Token>& tokens,
                                  std::vector<NameMatch>& matches, const Gazetteer& gazetteer, std::size_t names_end) {
    const HomeCountry home = home_country(matches, gazetteer);
    const bool elsewhere = home.code != "SY";
    // The document names another country's places again and again and Syria's not once (a story
    // about Israel naming Jenin); one mention of the US or Iraq in a note on Syria's war says
    // nothing of where it is.
    const bool clearly_elsewhere = elsewhere && home.votes >= 2;
    const bool syrian_context = std::any_of(matches.begin(), matches.end(), [&](const NameMatch& m) {
        if (m.fuzzy) return false;
        // "the village of X"
        if (!m.head.empty() && only_small_places(m, gazetteer)) return !clearly_elsewhere;
        return std::any_of(m.places.begin(), m.places.end(), [&](std::uint32_t idx) {
            const Place& p = gazetteer.place(idx);
            if (p.country_code != "SY") return false;
            if (p.is_admin_area() || p.population >= kTownPopulation) return true;
            // a seat of a governorate or district; a subdistrict's seat of no known size is
            // another village there ("Nazi" spells one)
            return p.feature_code.starts_with("PPLA") &&
                   !(clearly_elsewhere && (p.feature_code == "PPLA3" || p.feature_code == "PPLA4"));
        });
    });
    if (syrian_context) return;
    if (!elsewhere && names_syrian_war(text, tokens)) return;
    // A document about another country (its unambiguous names point there), or one that says
    // nothing of Syria: only a village introduced as one ("the village of X") stays.
    std::erase_if(matches, [&](const NameMatch& m) {
        if (!m.fuzzy && !only_small_places(m, gazetteer)) return false;
        if (tokens[m.first_token].begin_byte < names_end) return false;  // a location column's cell
        // A name of several words ("Tal Hamid", "Afrin city") is specific enough at home.
        return elsewhere || (m.head.empty() && (m.fuzzy || m.first_token == m.last_token));
    });
}

std::vector<Mention> resolve_mentions(std::string_view text, const std::vector<text::Token>& tokens,
                                      const std::vector<NameMatch>& matches, const Gazetteer& gazetteer) {
    Context ctx;
    ctx.home_country = home_country_of(matches, gazetteer);
    for (const NameMatch& m : matches) {
        for (std::uint32_t idx : m.places) {
            const Place& p = gazetteer.place(idx);
            if (p.is_country() && !p.country_code.empty()) ctx.countries.insert(p.country_code);
        }
    }
    for (std::size_t mi = 0; mi < matches.size(); ++mi) {
        const NameMatch& m = matches[mi];
        // A name with one settlement in Syria anchors the document, even when an admin area
        // shares the name (Damascus the city and the governorate): the city is meant as a place.
        std::vector<std::uint32_t> settlements;
        for (std::uint32_t idx : m.places) {
            const Place& p = gazetteer.place(idx);
            if (p.country_code == "SY" && (p.feature_class == "P" || p.feature_class == "S")) settlements.push_back(idx);
        }
        const bool only_settlement_plus_areas =
            settlements.size() == 1 && std::all_of(m.places.begin(), m.places.end(), [&](std::uint32_t idx) {
                return idx == settlements.front() || gazetteer.place(idx).is_admin_area();
            });
        if (only_settlement_plus_areas && !wants_admin_area(m.head)) ctx.anchors.emplace_back(mi, settlements.front());
        if (m.places.size() != 1) continue;
        const Place& p = gazetteer.place(m.places.front());
        if (p.country_code == "SY" && p.is_admin_area() && !p.is_country()) ctx.governorates[p.admin1_pcode].insert(mi);
    }
    // A name that is a governorate's (whether the text means the city or the governorate:
    // "Hama", "northern Hama countryside") says the document is about that governorate.
    for (std::size_t mi = 0; mi < matches.size(); ++mi) {
        const NameMatch& m = matches[mi];
        if (m.fuzzy) continue;
        for (std::uint32_t idx : m.places) {
            const Place& p = gazetteer.place(idx);
            const bool names_area = wants_admin_area(m.head) ? p.is_admin_area() && !p.is_country() : p.feature_code == "ADM1";
            if (names_area && p.country_code == "SY") ctx.governorates[p.admin1_pcode].insert(mi);
        }
    }
    // The governorate says where another name's places are, not where its own are: "Hama"
    // cannot vouch for Hama the city against Hama the governorate, nor can a repeat of it.
    auto named_by_another = [&](const std::string& pcode, std::size_t mi) {
        const auto it = ctx.governorates.find(pcode);
        if (it == ctx.governorates.end()) return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](std::size_t other) { return matches[other].key != matches[mi].key; });
    };

    std::vector<Mention> mentions;
    mentions.reserve(matches.size());
    for (std::size_t mi = 0; mi < matches.size(); ++mi) {
        const NameMatch& m = matches[mi];
        Mention mention;
        mention.span = token_span(tokens, m.first_token, m.last_token);
        mention.surface = std::string(text.substr(mention.span.begin_byte, mention.span.end_byte - mention.span.begin_byte));
        mention.head = m.head;
        const bool after_the = m.head.empty() && m.first_token > 0 && tokens[m.first_token - 1].lower == "the";
        // A governorate's name ("northern Hama") means the governorate or its seat: the hamlets
        // spelled like it get no credit for lying near another place of the report.
        const bool names_governorate = std::any_of(m.places.begin(), m.places.end(), [&](std::uint32_t idx) {
            const Place& p = gazetteer.place(idx);
            return p.feature_code == "ADM1" && p.country_code == "SY";
        });
        const bool has_syrian_reading = std::any_of(m.places.begin(), m.places.end(),
                                                    [&](std::uint32_t idx) { return gazetteer.place(idx).country_code == "SY"; });
        for (std::uint32_t idx : m.places) {
            const Place& p = gazetteer.place(idx);
            if (m.demonym && !p.is_country()) continue;  // "Syrian" is about the country
            // A misspelling is read as a Syrian name (the fuzzy index holds the keys of Syria's
            // places, so one reading at least is Syrian): "Beljn" is no Berlin, whose alternate
            // names include "Belin".
            // (A match that names no Syrian place at all keeps its readings: a mention has one.)
            if (m.fuzzy && p.country_code != "SY" && has_syrian_reading) continue;
            double score = base_score(p, m.head, ctx.home_country, m.key);
            // "the Ghouta", "the Badia", "the Qalamoun": English names a region with the article
            // and a town without it, so "the" before a bare name speaks for its region reading.
            if (after_the && p.is_region()) score += 1.0;
            // A foreign town in a country the report names: "Gaza" after "Palestinians", not the
            // Syrian village Gaze; without that evidence the Syrian reading stays.
            if (p.country_code != "SY" && !p.is_country() && ctx.countries.contains(p.country_code)) score += 1.0;
            if (m.places.size() > 1) {
                score += attestation(p, m.head, gazetteer);
                double nearest_km = std::numeric_limits<double>::infinity();
                for (const auto& [anchor_match, a] : ctx.anchors) {
                    // Neither the place itself nor another reading of the same words ("Aleppo"
                    // the city cannot vouch for Aleppo the governorate).
                    if (a == idx || anchor_match == mi) continue;
                    const Place& anchor = gazetteer.place(a);
                    nearest_km = std::min(nearest_km, geo::great_circle_km(p.lat, p.lon, anchor.lat, anchor.lon));
                }
                const bool hamlet_of_a_governorate_name = names_governorate && !p.is_admin_area() && p.population == 0;
                if (std::isfinite(nearest_km) && !hamlet_of_a_governorate_name)
                    score += 2.5 * std::exp(-nearest_km / kContextScale_km);
                if (!p.admin1_pcode.empty() && !p.is_admin_area() && named_by_another(p.admin1_pcode, mi)) {
                    score += 1.6;
                }
            }
            mention.candidates.push_back({idx, score});
        }
        // Same-named readings of an Arabic name: the one its spelling attests
        arabic::add_attestation(mention, gazetteer);
        std::stable_sort(mention.candidates.begin(), mention.candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
        if (mention.candidates.size() == 1) {
            mention.confidence = 0.9;
        } else {
            const double best = mention.candidates[0].score;
            const double second = mention.candidates[1].score;
            mention.confidence = std::min(0.9, 0.5 + (best - second) / best);
        }
        mention.fuzzy = m.fuzzy;
        if (m.fuzzy) mention.confidence *= 0.7;  // spelled differently from every name we know
        mentions.push_back(std::move(mention));
    }
    return mentions;
}

std::vector<std::size_t> prefer_readings_near_relatives(std::string_view text, std::vector<Mention>& mentions,
                                                        const std::vector<RelativeLocation>& relatives,
                                                        const Gazetteer& gazetteer) {
    std::vector<std::size_t> changed;
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        Mention& m = mentions[mi];
        if (m.role != "location" || m.candidates.size() < 2) continue;
        // "Afrin city, north-west of Aleppo": the city the head names stays, whatever
        // hamlet of its name lies nearer the relative location's point.
        if (m.head == "city" && gazetteer.place(m.place()).is_city()) continue;
        for (const RelativeLocation& rel : relatives) {
            if (rel.anchor == mi || rel.span.begin_byte < m.span.end_byte) continue;
            // Close after the name, in the same clause: "X village in the", "X town, west of".
            if (rel.span.begin_byte - m.span.end_byte > 40) break;
            const std::string_view between = text.substr(m.span.end_byte, rel.span.begin_byte - m.span.end_byte);
            if (between.find_first_of(".;!?\n") != std::string_view::npos) break;
            const double reach_km = rel.radius_m / 1000.0 + 10.0;
            auto km_to = [&](const Candidate& c) {
                const Place& p = gazetteer.place(c.place);
                return geo::great_circle_km(p.lat, p.lon, rel.lat, rel.lon);
            };
            if (km_to(m.candidates.front()) <= reach_km) break;
            auto best = std::min_element(m.candidates.begin(), m.candidates.end(),
                                         [&](const Candidate& a, const Candidate& b) { return km_to(a) < km_to(b); });
            if (km_to(*best) > reach_km) break;
            std::rotate(m.candidates.begin(), best, best + 1);
            changed.push_back(mi);
            break;
        }
    }
    return changed;
}

}  // namespace toponym::geoparse
