// Admin area name lookup with suggestions for typos.
#include "admin/area_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

#include "admin/admin_index.hpp"
#include "core/lists.hpp"
#include "text/normalize.hpp"

namespace toponym::admin {

namespace {

// Generic words users add to a name: "Idlib province", "Muhafazat Halab".
constexpr std::string_view kGenericWords[] = {"province", "governorate", "muhafazat", "muhafaza", "district",
                                              "mantiqat", "region", "gov"};
// Qualifiers of a part of an area ("northern Aleppo", "western countryside of Aleppo"): tried
// only when the name as typed matches nothing ("Damascus Countryside" is Rural Damascus).
constexpr std::string_view kPartWords[] = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                                           "northeastern", "northwestern", "southeastern", "southwestern",
                                           "countryside", "of", "the", "outskirts", "city"};

std::string strip_words(std::string_view name, std::span<const std::string_view> strip) {
    std::vector<std::string> words = text::fold_name_words(name);
    std::vector<std::string> kept;
    for (auto& w : words) {
        bool generic = false;
        for (std::string_view g : strip) generic = generic || w == text::fold_name(g);
        if (!generic) kept.push_back(std::move(w));
    }
    if (kept.empty()) return text::fold_name(name);
    std::string key;
    for (const auto& w : kept) key += (key.empty() ? "" : " ") + w;
    return key;
}

std::string key_of(std::string_view name) { return strip_words(name, kGenericWords); }

std::string part_key_of(std::string_view name) {
    std::vector<std::string_view> all(std::begin(kGenericWords), std::end(kGenericWords));
    all.insert(all.end(), std::begin(kPartWords), std::end(kPartWords));
    return strip_words(name, all);
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

void AreaNames::add(const std::string& pcode, std::string_view name) {
    const std::string key = key_of(name);
    if (key.empty()) return;
    exact_.emplace(lower_ascii(name), pcode);
    if (std::none_of(primary_.begin(), primary_.end(), [&](const auto& p) { return p.first == pcode; })) {
        primary_.emplace_back(pcode, std::string(name));
    }
    // The first area to claim a name keeps it ("Damascus" is the city governorate, not Rural Damascus).
    if (by_key_.emplace(key, pcode).second) display_.emplace_back(key, std::string(name));
    by_key_.emplace(upper_ascii(pcode), pcode);
}

AreaNames AreaNames::governorates(const Gazetteer& gazetteer, const AdminIndex* admin1) {
    AreaNames names("governorate");
    std::vector<const Place*> governorates;
    for (const Place& p : gazetteer.places()) {
        if (p.country_code == "SY" && p.feature_code == "ADM1" && !p.admin1_pcode.empty()) governorates.push_back(&p);
    }
    // Primary names first so that no alternate name of another area can take them.
    for (const Place* p : governorates) names.add(p->admin1_pcode, p->name);
    if (admin1) {
        for (const AdminArea& a : admin1->areas()) {
            names.add(a.pcode, a.name_en);
            if (!a.name_ar.empty()) names.add(a.pcode, a.name_ar);
        }
    }
    for (const Place* p : governorates) {
        for (const auto& alt : p->alternate_names) names.add(p->admin1_pcode, alt);
    }
    return names;
}

AreaNames AreaNames::from_index(const AdminIndex& index, std::string kind) {
    AreaNames names(std::move(kind));
    for (const AdminArea& a : index.areas()) names.add(a.pcode, a.name_en);
    for (const AdminArea& a : index.areas()) {
        if (!a.name_ar.empty()) names.add(a.pcode, a.name_ar);
    }
    return names;
}

std::string AreaNames::resolve(std::string_view typed, const std::string& option) const {
    if (auto it = by_key_.find(upper_ascii(typed)); it != by_key_.end()) return it->second;
    if (auto it = by_key_.find(key_of(typed)); it != by_key_.end()) return it->second;
    if (auto it = by_key_.find(part_key_of(typed)); it != by_key_.end()) return it->second;
    const std::vector<std::string> near = suggestions(typed, 3);
    std::string hint;
    if (!near.empty()) {
        hint = "; did you mean ";
        for (std::size_t i = 0; i < near.size(); ++i) hint += (i ? (i + 1 == near.size() ? " or " : ", ") : "") + near[i];
        hint += "?";
    }
    throw UsageError(option, fmt::format("unknown {} \"{}\"{} (known: {})", kind_, typed, hint, known_list()));
}

std::string AreaNames::known_list() const {
    std::vector<std::pair<std::string, std::string>> sorted = primary_;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    std::string out;
    for (const auto& [pcode, name] : sorted) out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", name, pcode);
    return out;
}

std::string AreaNames::match_note(std::string_view typed, const std::string& pcode, const std::string& option) const {
    std::string_view t = typed;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (upper_ascii(t) == upper_ascii(pcode)) return "";
    if (const auto it = exact_.find(lower_ascii(t)); it != exact_.end() && it->second == pcode) return "";
    const auto primary = std::find_if(primary_.begin(), primary_.end(), [&](const auto& p) { return p.first == pcode; });
    return fmt::format("{}: \"{}\" taken as {} ({})", option, typed, primary != primary_.end() ? primary->second : pcode, pcode);
}

std::vector<std::string> AreaNames::resolve_all(const std::vector<std::string>& typed, const std::string& option,
                                                std::vector<std::string>* notes) const {
    std::vector<std::string> out;
    for (const std::string& one : split_comma_lists(typed)) {
        std::string pcode = resolve(one, option);
        if (notes) {
            if (std::string note = match_note(one, pcode, option); !note.empty()) notes->push_back(std::move(note));
        }
        if (std::find(out.begin(), out.end(), pcode) == out.end()) out.push_back(std::move(pcode));
    }
    return out;
}

std::vector<std::string> AreaNames::suggestions(std::string_view typed, std::size_t n) const {
    const std::string key = key_of(typed);
    std::vector<std::pair<std::size_t, std::string>> scored;
    std::set<std::string> seen_pcodes;
    for (const auto& [k, name] : display_) {
        scored.emplace_back(edit_distance(key, k), name);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& [d, name] : scored) {
        if (out.size() >= n) break;
        const std::string& pcode = by_key_.at(key_of(name));
        if (!seen_pcodes.insert(pcode).second) continue;  // one suggestion per area
        if (d > std::max<std::size_t>(2, key.size() / 3)) break;
        out.push_back(name);
    }
    return out;
}

}  // namespace toponym::admin
