// Relative-location patterns over tokens, and their geodesic offsets.
//
// Typical distances (when the text states none) scale with the anchor's size, its radius R:
// a part of a city ("east Aleppo") lies R/2 from its centre, its outskirts 0.8 R, its
// countryside R + 12 km, "east of X" R + 2 km (its surroundings on that side: a village's fields,
// a city's edge); a part of a governorate 0.7 R from its centre,
// of a country 0.55 R. They were set from how analysts place such areas (a city's rural belt
// starts where the built-up area ends), not fitted to any one text.
#include "geoparse/relative.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "geo/geodesy.hpp"
#include "geoparse/arabic.hpp"

namespace toponym::geoparse {

namespace {

using text::Token;

struct DirectionWord {
    std::string_view word;
    std::string_view compass;
    bool adjective;
};

constexpr DirectionWord kDirections[] = {
    {"north", "N", false},         {"south", "S", false},         {"east", "E", false},
    {"west", "W", false},          {"northeast", "NE", false},    {"northwest", "NW", false},
    {"southeast", "SE", false},    {"southwest", "SW", false},    {"northern", "N", true},
    {"southern", "S", true},       {"eastern", "E", true},        {"western", "W", true},
    {"northeastern", "NE", true},  {"northwestern", "NW", true},  {"southeastern", "SE", true},
    {"southwestern", "SW", true},
    // "10 km NW of X", "(SE of X)": the compass abbreviations of two letters (one letter, "N of",
    // is too often something else)
    {"nw", "NW", false},           {"ne", "NE", false},           {"sw", "SW", false},
    {"se", "SE", false},
};

// Nouns of a relation to an anchor: "the southern countryside of", "Aleppo's outskirts".
struct RelationNoun {
    std::string_view word;
    std::string_view relation;
};
constexpr RelationNoun kRelationNouns[] = {
    {"countryside", "countryside"}, {"countrysides", "countryside"}, {"outskirts", "outskirts"},
    {"suburbs", "outskirts"},       {"outskirt", "outskirts"},      {"parts", "part"},
    {"part", "part"},               {"areas", "part"},              {"area", "part"},
    {"neighbourhoods", "part"},     {"neighborhoods", "part"},      {"districts", "part"},
    {"quarters", "part"},           {"edge", "part"},               {"edges", "part"},
    {"side", "side"},               {"sides", "side"},              {"front", "front"},
    {"frontline", "front"},         {"frontlines", "front"},        {"fronts", "front"},
    {"periphery", "outskirts"},     {"environs", "near"},           {"vicinity", "near"},
};

constexpr std::array<std::string_view, 7> kApproximately = {"about", "some", "around", "nearly",
                                                           "approximately", "roughly", "almost"};

std::optional<std::string_view> relation_noun(std::string_view w) {
    for (const RelationNoun& r : kRelationNouns) {
        if (r.word == w) return r.relation;
    }
    return std::nullopt;
}

const DirectionWord* direction_word(std::string_view w) {
    for (const DirectionWord& d : kDirections) {
        if (d.word == w) return &d;
    }
    return nullptr;
}

// A direction written across two tokens: "north-east", "south-western".
struct Direction {
    std::string compass;
    std::size_t first = 0;
    std::size_t last = 0;
    bool adjective = false;
};

std::optional<Direction> direction_ending_at(const std::vector<Token>& tokens, std::size_t k) {
    const DirectionWord* d = direction_word(tokens[k].lower);
    if (!d) return std::nullopt;
    Direction out{std::string(d->compass), k, k, d->adjective};
    if (k > 0 && tokens[k - 1].hyphen_after && (d->compass == "E" || d->compass == "W")) {
        const DirectionWord* first = direction_word(tokens[k - 1].lower);
        if (first && (first->compass == "N" || first->compass == "S") && !first->adjective) {
            out.compass = std::string(first->compass) + std::string(d->compass);
            out.first = k - 1;
        }
    }
    return out;
}

std::optional<Direction> direction_starting_at(const std::vector<Token>& tokens, std::size_t k) {
    if (k >= tokens.size()) return std::nullopt;
    if (tokens[k].hyphen_after && k + 1 < tokens.size()) {
        if (auto two = direction_ending_at(tokens, k + 1); two && two->first == k) return two;
    }
    return direction_ending_at(tokens, k);
}

// "30km", "30 km", "20 miles" ending at token k: kilometres and the first token.
std::optional<std::pair<double, std::size_t>> distance_ending_at(const std::vector<Token>& tokens, std::size_t k) {
    auto number = [](std::string_view s) -> std::optional<double> {
        if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return std::nullopt;
        }
        return std::strtod(std::string(s).c_str(), nullptr);
    };
    auto unit_factor = [](std::string_view u) -> double {
        if (u == "km" || u == "kms" || u == "kilometres" || u == "kilometers" || u == "kilometre" || u == "kilometer") return 1.0;
        if (u == "miles" || u == "mile" || u == "mi") return 1.609344;
        return 0.0;
    };
    const std::string_view w = tokens[k].lower;
    // One token: "30km"
    const std::size_t digits = static_cast<std::size_t>(std::find_if(w.begin(), w.end(), [](char c) { return c < '0' || c > '9'; }) - w.begin());
    if (digits > 0 && digits < w.size()) {
        const double f = unit_factor(w.substr(digits));
        if (f > 0) return std::pair{*number(w.substr(0, digits)) * f, k};
    }
    if (k > 0) {
        const double f = unit_factor(w);
        if (f > 0) {
            if (auto n = number(tokens[k - 1].lower)) return std::pair{*n * f, k - 1};
        }
    }
    return std::nullopt;
}

bool is_settlement(const Place& p) { return p.feature_class == "P"; }

class Scanner {
public:
    Scanner(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
            const std::vector<Mention>& mentions, const Gazetteer& g)
        : text_(text), tokens_(tokens), matches_(matches), mentions_(mentions), g_(g) {}

    std::vector<RelativeLocation> run() {
        for (std::size_t i = 0; i < matches_.size() && i < mentions_.size(); ++i) {
            if (mentions_[i].role != "location") continue;
            if (!before_anchor(i, matches_[i].first_token, matches_[i].last_token, false)) after_anchor(i);
        }
        implicit_anchors();
        std::sort(out_.begin(), out_.end(), [](const RelativeLocation& a, const RelativeLocation& b) {
            return a.span.begin_byte < b.span.begin_byte;
        });
        return std::move(out_);
    }

private:
    const Token& t(std::size_t k) const { return tokens_[k]; }
    bool joined(std::size_t k) const { return k < tokens_.size() && tokens_[k].clean_gap_before; }

    // The token after the anchor when it is a generic head written after it ("Aleppo city").
    std::size_t anchor_end(std::size_t last) const {
        if (last + 1 < tokens_.size() && joined(last + 1) && !t(last).possessive) {
            const std::string& w = t(last + 1).lower;
            if (w == "city" || w == "town" || w == "province" || w == "governorate" || w == "village") return last + 1;
        }
        return last;
    }

    void add(std::size_t anchor, std::size_t first, std::size_t last, std::string relation, std::string direction,
             std::optional<double> distance, bool implicit, bool far = false) {
        for (const RelativeLocation& r : out_) {
            if (r.span.begin_byte <= t(first).begin_byte && t(last).end_byte <= r.span.end_byte) return;
        }
        RelativeLocation rel;
        rel.span = token_span(tokens_, first, last);
        rel.surface = std::string(text_.substr(rel.span.begin_byte, rel.span.end_byte - rel.span.begin_byte));
        rel.anchor = anchor;
        rel.anchor_implicit = implicit;
        rel.relation = std::move(relation);
        rel.direction = std::move(direction);
        rel.distance_km = distance;
        rel.far = far || (first < last && t(first).lower == "far");
        rel.anchor_place = area_meant(anchor, rel);
        locate_relative(rel, g_.place(rel.anchor_place), g_);
        out_.push_back(std::move(rel));
    }

    std::uint32_t area_meant(std::size_t anchor, const RelativeLocation& rel) const {
        return relative_anchor_area(mentions_[anchor], rel, g_);
    }

    // "<...> of [the city of] ANCHOR", "DIR ANCHOR", "near ANCHOR". `first` is the anchor's
    // first token (or, for an implicit anchor, the token after "of").
    bool before_anchor(std::size_t anchor, std::size_t first, std::size_t last, bool implicit) {
        if (first == 0) return false;
        const std::size_t end = implicit ? last : anchor_end(last);
        std::size_t j = first - 1;
        const bool admin_anchor = g_.place(mentions_[anchor].place()).is_admin_area();
        // "of the city of X", "of X"
        std::optional<std::size_t> of_at;
        auto generic = [this](std::size_t k) {
            const std::string& w = t(k).lower;
            return w == "city" || w == "town" || w == "village" || w == "province" || w == "governorate";
        };
        if (!implicit && t(j).lower == "of" && j >= 3 && generic(j - 1) && t(j - 2).lower == "the" && t(j - 3).lower == "of") {
            of_at = j - 3;  // "east of the city of Maarat al-Numan"
        } else if (t(j).lower == "of") {
            of_at = j;
        } else if (!implicit && t(j).lower == "the" && j >= 1 && t(j - 1).lower == "of") {
            of_at = j - 1;  // "the southern side of the Castello road"
        }
        if (of_at && *of_at > 0) {
            const std::size_t k = *of_at - 1;
            if (auto relation = relation_noun(t(k).lower)) {
                // Adjectives before the noun: "southwestern government-held parts of".
                std::size_t start = k;
                std::string compass;
                for (std::size_t back = 1; back <= 4 && k >= back; ++back) {
                    const std::size_t x = k - back;
                    if (!joined(x + 1)) break;
                    if (auto d = direction_ending_at(tokens_, x)) {
                        compass = d->compass;
                        start = d->first;
                        if (start > 0 && t(start - 1).lower == "far") --start;
                        break;
                    }
                    if (t(x).capitalized || t(x).lower == "the" || t(x).lower == "of" || t(x).lower == "in") break;
                }
                add(anchor, start, end, std::string(*relation), compass, std::nullopt, implicit);
                return true;
            }
            if (auto d = direction_ending_at(tokens_, k)) {
                if (d->adjective) return false;  // "the eastern of X" is not English
                std::size_t start = d->first;
                std::optional<double> distance;
                if (start > 0) {
                    if (auto dist = distance_ending_at(tokens_, start - 1)) {
                        distance = dist->first;
                        start = dist->second;
                        if (start > 0 && std::find(kApproximately.begin(), kApproximately.end(), t(start - 1).lower) !=
                                             kApproximately.end()) {
                            --start;
                        }
                    } else if (t(start - 1).lower == "far") {
                        --start;
                    }
                }
                const bool far = start < d->first && t(start).lower == "far";
                // "east of the city" (no name): the city's eastern part, as the text goes on about it.
                add(anchor, start, end, distance ? "offset" : implicit ? "part" : (admin_anchor ? "part" : "offset"), d->compass, distance,
                    implicit, far);
                return true;
            }
            return false;
        }
        if (implicit) return false;
        if (!joined(first)) return false;
        if (auto d = direction_ending_at(tokens_, j)) {
            // "northern Syria", "east Aleppo", "southeast Idlib"; not "the North" as a name.
            add(anchor, d->first, end, "part", d->compass, std::nullopt, false);
            return true;
        }
        if (t(j).lower == "rural") {
            add(anchor, j, end, "countryside", "", std::nullopt, false);
            return true;
        }
        if (t(j).lower == "near" || t(j).lower == "outside" || t(j).lower == "around") {
            add(anchor, j, end, t(j).lower == "outside" ? "outskirts" : "near", "", std::nullopt, false);
            return true;
        }
        return false;
    }

    // "ANCHOR's [adjectives] NOUN", "ANCHOR's rural south", "ANCHOR's southeast", "ANCHOR countryside".
    void after_anchor(std::size_t anchor) {
        const NameMatch& m = matches_[anchor];
        const std::size_t last = m.last_token;
        const Place& place = g_.place(mentions_[anchor].place());
        if (!t(last).possessive) {
            if (last + 1 < tokens_.size() && joined(last + 1) && t(last + 1).lower == "countryside") {
                add(anchor, m.first_token, last + 1, "countryside", "", std::nullopt, false);
            }
            return;
        }
        std::string compass;
        bool rural = false;
        for (std::size_t k = last + 1; k < tokens_.size() && k <= last + 4; ++k) {
            if (k > last + 1 && !joined(k)) return;
            if (t(k).lower == "rural") {
                rural = true;
                continue;
            }
            if (auto d = direction_starting_at(tokens_, k)) {
                compass = d->compass;
                const std::size_t after = d->last + 1;
                const bool noun_follows = after < tokens_.size() && joined(after) && relation_noun(t(after).lower);
                if (!d->adjective && !noun_follows) {
                    // "Aleppo's south", "Idlib's southeast": the area on that side.
                    add(anchor, m.first_token, d->last, rural || is_settlement(place) ? "countryside" : "part", compass,
                        std::nullopt, false);
                    return;
                }
                k = d->last;
                continue;
            }
            if (auto relation = relation_noun(t(k).lower)) {
                add(anchor, m.first_token, k, std::string(*relation), compass, std::nullopt, false);
                return;
            }
            if (t(k).capitalized) return;  // "Lebanon's Hezbollah"
        }
    }

    // "east of the city", "the northern edge of the city": the anchor is the last settlement
    // named before.
    void implicit_anchors() {
        for (std::size_t k = 0; k + 2 < tokens_.size(); ++k) {
            if (t(k).lower != "of" || t(k + 1).lower != "the" || (t(k + 2).lower != "city" && t(k + 2).lower != "town")) continue;
            if (k + 3 < tokens_.size() && joined(k + 3) && (t(k + 3).capitalized || t(k + 3).lower == "of")) continue;
            std::optional<std::size_t> anchor;
            for (std::size_t i = 0; i < matches_.size() && i < mentions_.size(); ++i) {
                if (matches_[i].last_token >= k) break;
                if (mentions_[i].role == "location" && is_settlement(g_.place(mentions_[i].place()))) anchor = i;
            }
            if (!anchor) continue;
            before_anchor(*anchor, k + 1, k + 2, true);
        }
    }

    std::string_view text_;
    const std::vector<Token>& tokens_;
    const std::vector<NameMatch>& matches_;
    const std::vector<Mention>& mentions_;
    const Gazetteer& g_;
    std::vector<RelativeLocation> out_;
};

}  // namespace

std::string direction_of(std::string_view lower_word) {
    const DirectionWord* d = direction_word(lower_word);
    return d ? std::string(d->compass) : std::string();
}

std::optional<double> bearing_of(std::string_view compass) {
    static constexpr std::pair<std::string_view, double> kBearings[] = {
        {"N", 0.0}, {"NE", 45.0}, {"E", 90.0}, {"SE", 135.0}, {"S", 180.0}, {"SW", 225.0}, {"W", 270.0}, {"NW", 315.0}};
    for (const auto& [c, b] : kBearings) {
        if (c == compass) return b;
    }
    return std::nullopt;
}

std::uint32_t relative_anchor_area(const Mention& m, const RelativeLocation& rel, const Gazetteer& g) {
    const Place& chosen = g.place(m.place());
    constexpr double kSmallCity_m = 6000.0;
    if (!is_settlement(chosen) || chosen.radius_m > kSmallCity_m || rel.direction.empty()) return m.place();
    if (rel.relation != "part" && rel.relation != "front" && rel.relation != "countryside") return m.place();
    if (rel.anchor_implicit) return m.place();
    for (const Candidate& c : m.candidates) {
        const Place& p = g.place(c.place);
        if (p.is_admin_area() && !p.is_country() && p.admin1_pcode == chosen.admin1_pcode) return c.place;
    }
    return m.place();
}

void locate_relative(RelativeLocation& rel, const Place& anchor, const Gazetteer& g, double scale) {
    const double r = std::max(anchor.radius_m, 500.0) / 1000.0;  // km
    const std::optional<double> bearing = bearing_of(rel.direction);
    // A side of a governorate is where its villages lie in that direction from its capital.
    if (bearing && !rel.distance_km && anchor.feature_code == "ADM1" && !anchor.admin1_pcode.empty()) {
        if (const std::optional<Gazetteer::Spread> s = g.settlements_toward(anchor.admin1_pcode, *bearing)) {
            rel.lat = s->lat;
            rel.lon = s->lon;
            rel.radius_m = std::max(10000.0, s->radius_m);
            return;
        }
    }
    double d = 0.0;
    double radius = r;
    if (anchor.is_country()) {
        d = bearing ? (rel.far ? 0.8 : 0.55) * r : 0.0;
        radius = 0.6 * r;
    } else if (anchor.is_admin_area()) {
        d = bearing ? 0.7 * r : 0.0;
        radius = std::max(15.0, 0.45 * r);
    } else if (rel.distance_km) {
        d = *rel.distance_km;
        radius = std::max(2.0, 0.15 * d);
    } else if (rel.relation == "part") {
        d = bearing ? std::max(1.0, 0.5 * r) : 0.0;
        radius = std::max(1.5, 0.5 * r);
    } else if (rel.relation == "outskirts") {
        d = bearing ? 0.8 * r : r;
        radius = std::max(2.0, 0.6 * r);
        if (!bearing) radius = std::max(2.0, 1.2 * r);  // anywhere around the edge
    } else if (rel.relation == "countryside" || rel.relation == "front") {
        d = bearing ? r + 12.0 : 0.0;
        radius = bearing ? 15.0 : r + 20.0;
    } else if (rel.relation == "offset") {
        d = bearing ? r + 2.0 : 0.0;
        radius = std::max(5.0, 0.8 * d);
    } else if (rel.relation == "side") {
        d = bearing ? std::max(0.5, 0.3 * r) : 0.0;
        radius = std::max(1.0, 0.5 * r);
    } else {  // near
        d = 0.0;
        radius = std::max(5.0, 2.0 * r);
    }
    if (!rel.distance_km) d *= scale;
    const geo::LatLon p = bearing && d > 0.0 ? geo::geodesic_destination(anchor.lat, anchor.lon, *bearing, d * 1000.0)
                                             : geo::LatLon{anchor.lat, anchor.lon};
    rel.lat = p.lat;
    rel.lon = p.lon;
    rel.radius_m = radius * 1000.0;
}

std::vector<RelativeLocation> find_relatives(std::string_view text, const std::vector<Token>& tokens,
                                             const std::vector<NameMatch>& matches, const std::vector<Mention>& mentions,
                                             const Gazetteer& gazetteer) {
    std::vector<RelativeLocation> out = Scanner(text, tokens, matches, mentions, gazetteer).run();
    for (RelativeLocation& r : arabic::find_relatives(text, tokens, matches, mentions, gazetteer)) {
        const bool inside = std::any_of(out.begin(), out.end(), [&](const RelativeLocation& o) {
            return o.span.begin_byte < r.span.end_byte && r.span.begin_byte < o.span.end_byte;
        });
        if (!inside) out.push_back(std::move(r));
    }
    return out;
}

}  // namespace toponym::geoparse
