// Role rules, from the words next to a name. They are ordered: organisation names first (a
// demonym inside "Free Syrian Army" is part of the name), then demonyms, modifiers, metonyms;
// everything else is a location.
#include "geoparse/roles.hpp"

#include <algorithm>
#include <unordered_map>
#include <array>
#include <string>
#include <utility>

namespace toponym::geoparse {

namespace {

using text::Token;

// Demonyms and adjectives of the countries and peoples conflict reporting names.
constexpr std::pair<std::string_view, std::string_view> kDemonyms[] = {
    {"syrian", "Syria"},         {"syrians", "Syria"},         {"russian", "Russia"},       {"russians", "Russia"},
    {"iranian", "Iran"},         {"iranians", "Iran"},         {"iraqi", "Iraq"},           {"iraqis", "Iraq"},
    {"turkish", "Turkey"},       {"turks", "Turkey"},          {"lebanese", "Lebanon"},     {"jordanian", "Jordan"},
    {"jordanians", "Jordan"},    {"israeli", "Israel"},        {"israelis", "Israel"},      {"palestinian", "Palestine"},
    {"palestinians", "Palestine"}, {"egyptian", "Egypt"},      {"egyptians", "Egypt"},      {"saudi", "Saudi Arabia"},
    {"saudis", "Saudi Arabia"},  {"qatari", "Qatar"},          {"emirati", "United Arab Emirates"},
    {"american", "United States of America"}, {"americans", "United States of America"},
    {"british", "United Kingdom"}, {"french", "France"},       {"german", "Germany"},       {"germans", "Germany"},
    {"chinese", "China"},        {"afghan", "Afghanistan"},    {"afghans", "Afghanistan"},  {"pakistani", "Pakistan"},
    {"yemeni", "Yemen"},         {"yemenis", "Yemen"},         {"libyan", "Libya"},         {"libyans", "Libya"},
    {"tunisian", "Tunisia"},     {"tunisians", "Tunisia"},     {"chechen", "Russia"},       {"chechens", "Russia"},
    {"armenian", "Armenia"},     {"armenians", "Armenia"},     {"greek", "Greece"},         {"italian", "Italy"},
    {"dutch", "Netherlands"},    {"belgian", "Belgium"},       {"swedish", "Sweden"},       {"danish", "Denmark"},
    {"norwegian", "Norway"},     {"australian", "Australia"},  {"canadian", "Canada"},      {"ukrainian", "Ukraine"},
    {"kuwaiti", "Kuwait"},       {"bahraini", "Bahrain"},      {"omani", "Oman"},           {"sudanese", "Sudan"},
    {"somali", "Somalia"},       {"algerian", "Algeria"},      {"moroccan", "Morocco"},     {"cypriot", "Cyprus"},
    {"azerbaijani", "Azerbaijan"}, {"uzbek", "Uzbekistan"},    {"kazakh", "Kazakhstan"},    {"indian", "India"},
    {"japanese", "Japan"},       {"korean", "South Korea"},    {"spanish", "Spain"},        {"swiss", "Switzerland"},
    {"austrian", "Austria"},     {"polish", "Poland"},
};

// Words of Arabic group names that come before a place name: "Ahrar al-Sham", "Jabhat Fatah
// al-Sham", "Liwa al-Quds", "Jaish al-Islam"; the nouns armed groups name themselves by
// (falcons, lions, knights, martyrs, revolutionaries, gathering, battalions, grandsons) in their
// usual transliterations.
constexpr std::array<std::string_view, 38> kGroupWords = {
    "ahrar", "jabhat", "jabha", "fatah", "fateh", "jaish", "jaysh", "liwa", "liwaa", "harakat", "hayat", "hayat",
    "tahrir", "ansar", "katibat", "kataib", "jund", "faylaq", "quwat", "saraya", "alwiya", "firqat",
    "suqour", "suqur", "saqour", "usud", "osoud", "fursan", "shuhada", "thuwar", "tajammu", "kataeb", "katiba",
    "ahfad", "junud", "failaq", "jabhet", "jaysh"};

// Organisations of the region named by one word that some Syrian village's spelling shares
// ("Hamas" is also a spelling of Hamis in al-Hasakah): as a capitalised word alone, the
// organisation is meant.
constexpr std::array<std::string_view, 5> kOrganisationWords = {"hamas", "hezbollah", "hizbollah", "hizballah",
                                                                 "hizbullah"};

// Nouns that end an organisation's name after a place name or demonym.
constexpr std::array<std::string_view, 36> kOrgHeadsCapitalised = {
    "army", "observatory", "observer", "front", "forces", "council", "agency", "brigade", "brigades", "battalion",
    "coalition", "network", "committee", "movement", "party", "corps", "guard", "crescent", "times", "post",
    "news", "daily", "tribune", "herald", "gazette", "institute", "university", "league", "federation", "union",
    // armed groups and the operations named after a place: "Sham Legion", "Hamza Division",
    // "Euphrates Shield", "Euphrates Wrath", "Jazira Storm"
    "legion", "division", "regiment", "shield", "wrath", "storm"};
// Also in lower case right after the name: "the Al-Quds brigade".
constexpr std::array<std::string_view, 6> kOrgHeadsAnyCase = {"brigade", "brigades", "battalion", "battalions",
                                                              "observatory", "militia"};

// Words right before a name that make it a news outlet or agency's name: "news agency Sana".
constexpr std::array<std::string_view, 5> kOutletWords = {"agency", "newspaper", "broadcaster", "outlet", "channel"};

// A hyphenated participle after a name makes it a modifier: "US-backed", "Iranian-made".
constexpr std::array<std::string_view, 16> kModifierParticiples = {
    "backed", "made", "led", "based", "allied", "brokered", "sponsored", "supported",
    "funded", "trained", "armed",  "owned", "run",       "born",      "built",     "designed"};

// Nouns after a country's name that make it a modifier: "US officials", "UK troops".
constexpr std::array<std::string_view, 28> kAgentNouns = {
    "officials", "official", "counterpart", "troops", "forces", "military", "army", "government",
    "president", "minister", "envoy", "embassy", "diplomats", "diplomat", "ambassador", "delegation",
    "soldiers", "jets", "warplanes", "aircraft", "drones", "navy", "administration", "authorities",
    "intelligence", "spokesman", "spokeswoman", "secretary"};

// Nouns after any place's name that make it a modifier: its representatives ("Duma deputies",
// "Aleppo lawmakers") are people, not an event there.
constexpr std::array<std::string_view, 8> kRepresentativeNouns = {
    "deputies", "deputy", "lawmakers", "legislators", "mps", "parliamentarians", "senators", "delegates"};

// Nouns after a village's name that make it a group's or a person's: "Assad forces".
constexpr std::array<std::string_view, 6> kArmedNouns = {"forces", "fighters", "troops", "militias", "militiamen", "loyalists"};

// Nouns before "from X" that make X a modifier: "troops from Russia".
constexpr std::array<std::string_view, 10> kPeopleNouns = {"troops",    "forces",  "fighters", "soldiers", "militants",
                                                           "officials", "delegation", "mercenaries", "militias", "advisers"};

// Verbs after a country or capital that make it an agent (metonym): "Russia said", "Moscow joined".
constexpr std::array<std::string_view, 58> kAgentVerbs = {
    "said",      "says",      "say",       "promised",  "promises",  "has",        "have",      "had",
    "will",      "would",     "wants",     "want",      "began",     "begins",     "joined",    "unleashed",
    "sent",      "sends",     "proposed",  "warned",    "warns",     "demanded",   "demands",   "denied",
    "denies",    "accused",   "accuses",   "agreed",    "agrees",    "brokered",   "backs",     "back",
    "announced", "announces", "insisted",  "insists",   "called",    "calls",      "urged",     "urges",
    "threatened", "rejected", "condemned", "supports",  "supported", "blamed",     "claimed",   "responded",
    "intervened", "vetoed",   "signed",    "hopes",     "believes",  "reiterated", "stated",    "refused",
    "offered",   "launched"};

// Nouns before "of (the) X" that make X an agent: "the foreign ministers of the United States".
constexpr std::array<std::string_view, 8> kAgentOfNouns = {"ministers", "minister", "president", "presidents",
                                                           "leaders",   "leader",   "governments", "government"};

// Words before a name that make it an agent: "between Ankara and Moscow", "ally Moscow".
constexpr std::array<std::string_view, 5> kAgentBefore = {"between", "by", "ally", "allies", "against"};

// Verbs a source does: its name before one is the source ("Al Jazeera reported").
constexpr std::array<std::string_view, 6> kReportingVerbs = {"reported", "reports", "broadcast", "aired", "quoted", "quotes"};

constexpr std::array<std::string_view, 19> kPrepositions = {
    "in", "across", "into", "to", "from", "of", "at", "on", "inside", "throughout",
    "within", "over", "near", "around", "through", "towards", "toward", "via", "for"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

struct RoleContext {
    std::string_view text;
    const std::vector<Token>& tokens;
    const std::vector<NameMatch>& matches;
    const std::vector<Mention>& mentions;
    const Gazetteer& gazetteer;

    const Token* before(const NameMatch& m, std::size_t k) const {
        return m.first_token >= k ? &tokens[m.first_token - k] : nullptr;
    }
    const Token* after(const NameMatch& m, std::size_t k) const {
        return m.last_token + k < tokens.size() ? &tokens[m.last_token + k] : nullptr;
    }
    // Is there a name match starting at token t?
    std::optional<std::size_t> match_at(std::size_t t) const {
        for (std::size_t i = 0; i < matches.size(); ++i) {
            if (matches[i].first_token == t) return i;
        }
        return std::nullopt;
    }
    // Punctuation between the name and the next token ("Syria, would" is not "Syria would").
    bool comma_after(const NameMatch& m) const {
        if (m.last_token + 1 >= tokens.size()) return false;
        const std::size_t from = tokens[m.last_token].end_byte, to = tokens[m.last_token + 1].begin_byte;
        if (to <= from || to > text.size()) return false;
        return text.substr(from, to - from).find_first_of(",;:()") != std::string_view::npos;
    }
    bool is_country_or_capital(std::size_t i) const {
        const Place& p = gazetteer.place(mentions[i].place());
        return p.is_country() || p.feature_code == "PPLC";
    }
};

bool organisation_name(const RoleContext& c, const NameMatch& m) {
    if (m.first_token == m.last_token && c.tokens[m.first_token].capitalized && in(kOrganisationWords, c.tokens[m.first_token].lower))
        return true;
    const Token* prev = c.before(m, 1);
    if (prev && prev->is_article) prev = c.before(m, 2);  // "Ahrar al-Sham" written without its article in the span
    if (prev && in(kGroupWords, prev->lower) && prev->capitalized) return true;
    if (prev && in(kOutletWords, prev->lower)) return true;
    const Token* next = c.after(m, 1);
    // the group word itself read as a place ("Ahrar" in "Ahrar al-Sham", "Jaysh" in "Jaysh
    // al-Islam"): the name goes on with an article or a capitalised word
    if (m.first_token == m.last_token && next && next->clean_gap_before && in(kGroupWords, c.tokens[m.first_token].lower) &&
        c.tokens[m.first_token].capitalized && (next->is_article || next->capitalized))
        return true;
    if (!next || c.tokens[m.last_token].possessive || !next->clean_gap_before) return false;
    if (in(kOrgHeadsAnyCase, next->lower)) return true;
    // "Syrian Observatory", "Levant Conquest Front", "Syrian Arab News Agency": capitalised words
    // up to an organisation noun.
    for (std::size_t k = 1; k <= 3; ++k) {
        const Token* t = c.after(m, k);
        if (!t || !t->capitalized || (k > 1 && !t->clean_gap_before)) return false;
        if (in(kOrgHeadsCapitalised, t->lower)) return true;
        if (c.tokens[m.last_token + k].possessive) return false;
    }
    return false;
}

bool modifier(const RoleContext& c, const NameMatch& m, std::size_t i) {
    const Token& last = c.tokens[m.last_token];
    const Token* next = c.after(m, 1);
    if (next && last.hyphen_after && in(kModifierParticiples, next->lower)) return true;
    const Place& p = c.gazetteer.place(c.mentions[i].place());
    // "Lebanon's Hezbollah": a country's possessive before a name that is not a place.
    if (p.is_country() && last.possessive && next && next->capitalized && !c.match_at(m.last_token + 1)) return true;
    if (p.is_country() && next && !last.possessive && next->clean_gap_before && in(kAgentNouns, next->lower)) return true;
    if (next && !last.possessive && next->clean_gap_before && in(kRepresentativeNouns, next->lower)) return true;
    // "Assad forces", "Assad's forces", "Qurna fighters": a village's name before armed men names
    // a group or a person (a city's, "Damascus forces", stands for its government: a metonym below)
    if (next && (next->clean_gap_before || last.possessive) && m.head.empty() && in(kArmedNouns, next->lower) &&
        !p.is_country() && !p.is_admin_area() && !p.is_city())
        return true;
    const Token* prev = c.before(m, 1);
    const Token* prev2 = c.before(m, 2);
    return p.is_country() && prev && prev2 && prev->lower == "from" && in(kPeopleNouns, prev2->lower);
}

bool agent_verb_follows(const RoleContext& c, const NameMatch& m, std::size_t i, int depth = 0) {
    const Token* next = c.after(m, 1);
    if (!next) return false;
    if (next->lower == "which" || next->lower == "who") return true;  // "Russia, which brokered"
    if (c.comma_after(m)) return false;
    if (in(kAgentVerbs, next->lower)) return true;
    // "Turkey and Russia began": the verb after the second name.
    if (next->lower == "and" && depth == 0) {
        if (auto j = c.match_at(m.last_token + 2); j && c.is_country_or_capital(*j)) {
            return agent_verb_follows(c, c.matches[*j], *j, depth + 1);
        }
    }
    (void)i;
    return false;
}

bool metonym(const RoleContext& c, const NameMatch& m, std::size_t i) {
    const Token* prev = c.before(m, 1);
    // "pro-Damascus", "anti-Moscow"
    if (prev && prev->hyphen_after && (prev->lower == "pro" || prev->lower == "anti")) return true;
    // A source, whatever place shares its name: "according to Al Mayadeen", "Al Jazeera
    // reported" (a channel, not the town of al-Mayadin or the village of al-Jazira).
    const Token* prev2 = c.before(m, 2);
    if (prev && prev2 && prev->lower == "to" && prev2->lower == "according") return true;
    if (const Token* next = c.after(m, 1); next && next->clean_gap_before && !c.tokens[m.last_token].possessive &&
                                           in(kReportingVerbs, next->lower) && !(prev && in(kPrepositions, prev->lower)))
        return true;
    if (!c.is_country_or_capital(i)) return false;
    // "violence across Syria said": the object of a preposition is not the subject of the verb.
    if (!(prev && in(kPrepositions, prev->lower)) && agent_verb_follows(c, m, i)) return true;
    if (prev && in(kAgentBefore, prev->lower)) return true;
    // "talks with Russia", but "the border with Turkey" is a place.
    if (prev && prev->lower == "with" && !(prev2 && (prev2->lower == "border" || prev2->lower == "borders" ||
                                                     prev2->lower == "frontier"))) {
        return true;
    }
    // "the foreign ministers of the United States"
    std::size_t k = 1;
    if (prev && prev->lower == "the") ++k;
    const Token* of = c.before(m, k);
    const Token* noun = c.before(m, k + 1);
    return of && noun && of->lower == "of" && in(kAgentOfNouns, noun->lower);
}

}  // namespace

bool is_group_word(std::string_view lower) { return in(kGroupWords, lower); }

std::optional<std::string_view> demonym_country(std::string_view lower) {
    // Asked for every capitalised word that is no gazetteer name: a hash table, not a scan.
    static const std::unordered_map<std::string_view, std::string_view> index = [] {
        std::unordered_map<std::string_view, std::string_view> m;
        for (const auto& [word, country] : kDemonyms) m.emplace(word, country);  // the first entry wins
        return m;
    }();
    const auto it = index.find(lower);
    if (it == index.end()) return std::nullopt;
    return it->second;
}

void assign_roles(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
                  std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
    const RoleContext c{text, tokens, matches, mentions, gazetteer};
    for (std::size_t i = 0; i < matches.size() && i < mentions.size(); ++i) {
        const NameMatch& m = matches[i];
        std::string role = "location";
        const Token* prev = m.first_token > 0 ? &tokens[m.first_token - 1] : nullptr;
        if (prev && prev->hyphen_after && (prev->lower == "pro" || prev->lower == "anti")) {
            role = "metonym";  // "a pro-Damascus militia": the government, even before a group noun
        } else if (organisation_name(c, m)) {
            role = "organisation-name";
        } else if (m.demonym) {
            role = "demonym";
        } else if (modifier(c, m, i)) {
            role = "modifier";
        } else if (metonym(c, m, i)) {
            role = "metonym";
        } else if (i > 0 && m.first_token >= 2 && tokens[m.first_token - 1].lower == "and" &&
                   matches[i - 1].last_token + 2 == m.first_token &&
                   (mentions[i - 1].role == "modifier" || mentions[i - 1].role == "metonym") &&
                   gazetteer.place(mentions[i].place()).is_country() ==
                       gazetteer.place(mentions[i - 1].place()).is_country()) {
            role = mentions[i - 1].role;  // "Troops from Russia and Turkey", "between Ankara and Moscow"
        }
        mentions[i].role = std::move(role);
    }
}

}  // namespace toponym::geoparse
