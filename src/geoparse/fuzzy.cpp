// Symmetric-delete fuzzy index over the gazetteer's folded name keys.
#include "geoparse/fuzzy.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::geoparse {

namespace {

constexpr std::size_t kMinLetters = 5;

std::u32string code_points(std::string_view s) {
    std::u32string out;
    std::size_t pos = 0;
    while (pos < s.size()) out.push_back(text::next_code_point(s, pos));
    return out;
}

std::string to_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) text::append_utf8(out, c);
    return out;
}

// The key with each one code point removed, plus the key itself.
std::vector<std::string> deletions(std::string_view key) {
    const std::u32string cps = code_points(key);
    std::vector<std::string> out{std::string(key)};
    for (std::size_t i = 0; i < cps.size(); ++i) {
        std::u32string d = cps;
        d.erase(i, 1);
        out.push_back(to_utf8(d));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int allowed_distance(std::size_t letters) { return letters >= 8 ? 2 : 1; }

// For a two-edit search the query side also drops two letters: with the index's one-letter
// deletions that reaches every key two edits away (at the cost of n^2/2 probes, n <= ~20).
std::vector<std::string> query_variants(std::string_view key, int limit) {
    std::vector<std::string> out = deletions(key);
    if (limit < 2) return out;
    const std::size_t n = out.size();
    for (std::size_t i = 1; i < n; ++i) {
        for (std::string& d : deletions(out[i])) out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

int edit_distance(std::string_view a_utf8, std::string_view b_utf8, int limit) {
    const std::u32string a = code_points(a_utf8), b = code_points(b_utf8);
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    if (std::abs(n - m) > limit) return limit + 1;
    std::vector<std::vector<int>> d(static_cast<std::size_t>(n + 1), std::vector<int>(static_cast<std::size_t>(m + 1)));
    for (int i = 0; i <= n; ++i) d[i][0] = i;
    for (int j = 0; j <= m; ++j) d[0][j] = j;
    for (int i = 1; i <= n; ++i) {
        int row_min = limit + 1;
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            row_min = std::min(row_min, d[i][j]);
        }
        if (row_min > limit) return limit + 1;
    }
    return std::min(d[n][m], limit + 1);
}

FuzzyIndex::FuzzyIndex(const Gazetteer& gazetteer, std::vector<std::string> countries)
    : gazetteer_(gazetteer), countries_(std::move(countries)) {}

std::size_t FuzzyIndex::key_count() const {
    std::call_once(built_, [this] { build(); });
    return keys_.size();
}

void FuzzyIndex::build() const {
    std::set<std::string> keys;
    for (const Place& p : gazetteer_.places()) {
        if (std::find(countries_.begin(), countries_.end(), p.country_code) == countries_.end()) continue;
        auto add = [&](const std::string& name) {
            std::string key = text::fold_name(name);
            if (text::count_code_points(key, key.size()) >= kMinLetters && !is_common_word_key(key)) keys.insert(std::move(key));
        };
        add(p.name);
        for (const std::string& alt : p.alternate_names) add(alt);
    }
    keys_.assign(keys.begin(), keys.end());
    for (std::uint32_t i = 0; i < keys_.size(); ++i) {
        for (std::string& d : deletions(keys_[i])) deletions_[std::move(d)].push_back(i);
    }
}

std::vector<FuzzyIndex::Hit> FuzzyIndex::lookup(std::string_view key) const {
    std::call_once(built_, [this] { build(); });
    std::vector<Hit> hits;
    const std::size_t letters = text::count_code_points(key, key.size());
    if (letters < kMinLetters || is_common_word_key(key)) return hits;
    const int limit = allowed_distance(letters);
    std::set<std::uint32_t> seen;
    for (const std::string& d : query_variants(key, limit)) {
        const auto it = deletions_.find(d);
        if (it == deletions_.end()) continue;
        for (std::uint32_t k : it->second) {
            if (!seen.insert(k).second) continue;
            const int distance = edit_distance(key, keys_[k], limit);
            if (distance <= limit && keys_[k] != key) hits.push_back({keys_[k], distance});
        }
    }
    // Closest first; among equals, a key with as many words as the query ("rashdayn" is nearer
    // to "rashdin" than to "ras ayn"), then the closer length.
    const auto words = [](std::string_view k) { return std::count(k.begin(), k.end(), ' '); };
    const auto rank = [&](const Hit& h) {
        const long length_gap = std::labs(static_cast<long>(h.key.size()) - static_cast<long>(key.size()));
        return std::tuple{h.distance, words(h.key) != words(key), length_gap};
    };
    std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) { return rank(a) < rank(b); });
    return hits;
}

}  // namespace toponym::geoparse
