// Symmetric-delete fuzzy index over the gazetteer's folded name keys.
#include "geoparse/fuzzy.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string>
#include <tuple>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::geoparse {

namespace {

constexpr std::size_t kMinLetters = 5;
constexpr std::size_t kMinSkeleton = 3;  // consonants a skeleton needs for lookup_skeleton
constexpr std::size_t kMinShortSkeleton = 2;  // consonants a short key needs for lookup_vowel

std::size_t consonants(std::string_view skeleton) {
    return static_cast<std::size_t>(std::count_if(skeleton.begin(), skeleton.end(), [](char c) { return c != ' '; }));
}

// Byte offsets of the code points of `s` plus s.size() at the end, or nothing when `s` is not
// well-formed UTF-8 (folded keys always are; anything else takes the code-point path below).
bool code_point_starts(std::string_view s, std::vector<std::uint32_t>& starts) {
    starts.clear();
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t at = pos;
        const char32_t cp = text::next_code_point(s, pos);
        const std::size_t width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (pos - at != width) return false;  // an ill-formed sequence read as U+FFFD
        starts.push_back(static_cast<std::uint32_t>(at));
    }
    starts.push_back(static_cast<std::uint32_t>(s.size()));
    return true;
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    std::size_t pos = 0;
    while (pos < s.size()) out.push_back(text::next_code_point(s, pos));
    return out;
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) text::append_utf8(out, c);
    return out;
}

// Strings kept back to back in one buffer: the query variants of a lookup, without an
// allocation per variant.
class Variants {
public:
    void add(std::string_view a, std::string_view b) {  // a + b
        spans_.push_back({static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(a.size() + b.size())});
        bytes_.append(a);
        bytes_.append(b);
    }
    std::string_view at(std::size_t i) const { return std::string_view(bytes_).substr(spans_[i].first, spans_[i].second); }
    std::size_t size() const { return spans_.size(); }

private:
    std::string bytes_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_;
};

// Adds `key` with each one code point removed to `out`, from the code point `from` on.
void add_deletions(std::string_view key, Variants& out, std::vector<std::uint32_t>& starts, std::size_t from = 0) {
    if (code_point_starts(key, starts)) {
        for (std::size_t i = from; i + 1 < starts.size(); ++i) out.add(key.substr(0, starts[i]), key.substr(starts[i + 1]));
        return;
    }
    const std::u32string cps = code_points(key);
    for (std::size_t i = from; i < cps.size(); ++i) {
        std::u32string d = cps;
        d.erase(i, 1);
        out.add(to_utf8(d), {});
    }
}

// 64 bits of a variant for the index: a polynomial hash (so that the hash of a string with a
// piece cut out follows from its prefix hashes, see variant_hashes), then MurmurHash3's
// finaliser to spread it over all bits. Two variants with the same hash only cost a needless
// check: every key found is verified by its edit distance.
constexpr std::uint64_t kBase = 0x100000001b3ULL;

std::uint64_t finish_hash(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

std::uint64_t variant_hash(std::string_view s) {
    std::uint64_t h = 0;
    for (char c : s) h = h * kBase + static_cast<unsigned char>(c);
    return finish_hash(h);
}

// The generic words that begin many Syrian names, in their usual Latin spellings: a name
// written with one joined on or split off ("Telyamani" / "Tall Yamani").
bool is_generic_word(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "tal",     "tall",    "tell",    "tel",     "kafr",  "kfar",  "kafar",  "kufr",    "kfr",    "dayr",
        "deir",    "dir",     "dair",    "ain",     "ayn",   "ein",   "umm",    "um",      "om",     "abu",
        "abou",    "bayt",    "beit",    "bait",    "bet",   "khirbat", "khirbet", "khirbit", "kherbet", "jabal",
        "jebel",   "jabel",   "ras",     "bir",     "qasr",  "qarat", "mazraat", "mazraa",  "tallat", "hayy",
        "hay",     "bani",    "sheikh",  "shaykh",  "shaikh"};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

int allowed_distance(std::size_t letters) { return letters >= 8 ? 2 : 1; }

// The key, its one-letter deletions and, for a two-edit search, their one-letter deletions
// too: with the index's one-letter deletions that reaches every key two edits away (at the
// cost of n^2/2 probes, n <= ~20). Repeats are left in: probing one twice costs less than
// sorting them away, and the hits are deduplicated anyway.
void add_query_variants(std::string_view key, int limit, Variants& v) {
    std::vector<std::uint32_t> starts;
    v.add(key, {});
    add_deletions(key, v, starts);
    if (limit < 2) return;
    // Each pair of code points once: variant i lacks code point i - 1, and loses one of those
    // after it (deleting a then b and b then a give the same string).
    const std::size_t singles = v.size();
    std::string one;
    for (std::size_t i = 1; i < singles; ++i) {
        one.assign(v.at(i));  // v grows while its deletions are added
        add_deletions(one, v, starts, i - 1);
    }
}

// The hashes (variant_hash) of a key, of the key without one code point and, for `deletions`
// 2, without two: each from the key's prefix hashes in a few multiplications, not by building
// and hashing the string (a lookup of a 15-letter key has 121 variants). Repeats are left in.
void variant_hashes(std::string_view key, int deletions, std::vector<std::uint64_t>& out) {
    out.clear();
    thread_local std::vector<std::uint32_t> starts;
    thread_local std::vector<std::uint64_t> prefix, power;
    if (!code_point_starts(key, starts)) {
        // Not well-formed UTF-8 (folded keys always are): the variants themselves.
        Variants v;
        add_query_variants(key, deletions, v);
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back(variant_hash(v.at(i)));
        return;
    }
    const std::size_t n = key.size();
    prefix.assign(n + 1, 0);
    power.assign(n + 1, 1);
    for (std::size_t i = 0; i < n; ++i) {
        prefix[i + 1] = prefix[i] * kBase + static_cast<unsigned char>(key[i]);
        power[i + 1] = power[i] * kBase;
    }
    const auto piece = [&](std::size_t a, std::size_t b) { return prefix[b] - prefix[a] * power[b - a]; };  // key[a, b)
    out.push_back(finish_hash(prefix[n]));
    const std::size_t letters = starts.size() - 1;
    for (std::size_t i = 0; i < letters; ++i) {  // without [a, b)
        const std::size_t a = starts[i], b = starts[i + 1];
        out.push_back(finish_hash(prefix[a] * power[n - b] + piece(b, n)));
    }
    if (deletions < 2) return;
    for (std::size_t i = 0; i < letters; ++i) {  // without [a, b) and [c, d)
        const std::size_t a = starts[i], b = starts[i + 1];
        for (std::size_t j = i + 1; j < letters; ++j) {
            const std::size_t c = starts[j], d = starts[j + 1];
            out.push_back(finish_hash((prefix[a] * power[c - b] + piece(b, c)) * power[n - d] + piece(d, n)));
        }
    }
}

// Code points of a UTF-8 string into `out` (bytes as they are when all ASCII).
void to_code_points(std::string_view s, std::vector<char32_t>& out) {
    out.clear();
    std::size_t pos = 0;
    while (pos < s.size()) out.push_back(text::next_code_point(s, pos));
}

}  // namespace

int edit_distance(std::string_view a_utf8, std::string_view b_utf8, int limit) {
    thread_local std::vector<char32_t> a, b;
    thread_local std::vector<int> rows;
    to_code_points(a_utf8, a);
    to_code_points(b_utf8, b);
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    if (std::abs(n - m) > limit) return limit + 1;
    // Three rows of the (n+1) x (m+1) table: i-2, i-1 and i (the transposition looks two back).
    const auto width = static_cast<std::size_t>(m + 1);
    rows.assign(3 * width, 0);
    auto row = [&](int i) { return rows.data() + static_cast<std::size_t>(i % 3) * width; };
    for (int j = 0; j <= m; ++j) row(0)[j] = j;
    for (int i = 1; i <= n; ++i) {
        int* d = row(i);
        const int* up = row(i - 1);
        const int* up2 = row(i + 1);  // i - 2 (mod 3)
        d[0] = i;
        int row_min = limit + 1;
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[j] = std::min({up[j] + 1, d[j - 1] + 1, up[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[j] = std::min(d[j], up2[j - 2] + 1);
            row_min = std::min(row_min, d[j]);
        }
        if (row_min > limit) return limit + 1;
    }
    return std::min(row(n)[m], limit + 1);
}

FuzzyIndex::FuzzyIndex(const Gazetteer& gazetteer, std::vector<std::string> countries)
    : gazetteer_(gazetteer), countries_(std::move(countries)) {}

std::size_t FuzzyIndex::key_count() const {
    std::call_once(built_, [this] { build(); });
    return keys_.size();
}

void FuzzyIndex::for_each_key(const std::function<void(std::string_view)>& f) const {
    std::call_once(built_, [this] { build(); });
    for (const std::string& k : keys_) f(k);
}

// The gazetteer's own name keys (each the folded form of a place's name or alternate name, as
// lookups fold text) that name a place in the countries: no name is folded again, which for
// the Arabic and accented names meant ICU's transliterator (a fifth of `resolve`'s work).
void FuzzyIndex::build() const {
    std::vector<std::string> keys;
    std::vector<std::string> short_keys;  // one word of three or four letters, for lookup_vowel
    gazetteer_.for_each_key([&](std::string_view key, std::span<const std::uint32_t> ids) {
        const std::size_t letters = text::count_code_points(key, key.size());
        if (letters < 3 || is_common_word_key(key)) return;
        if (letters < kMinLetters && (key.find(' ') != std::string_view::npos || static_cast<unsigned char>(key[0]) >= 0x80)) return;
        for (std::uint32_t i : ids) {
            if (std::find(countries_.begin(), countries_.end(), gazetteer_.place(i).country_code) != countries_.end()) {
                (letters < kMinLetters ? short_keys : keys).emplace_back(key);
                return;
            }
        }
    });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    keys_ = std::move(keys);
    std::sort(short_keys.begin(), short_keys.end());
    short_keys.erase(std::unique(short_keys.begin(), short_keys.end()), short_keys.end());
    for (std::string& k : short_keys) {
        std::string sk = skeleton(k);
        if (consonants(sk) >= kMinShortSkeleton) short_skeletons_[std::move(sk)].push_back(std::move(k));
    }
    // Each key and its one-letter deletions, by hash, in an open-addressing table at most half
    // full: no string stored, one or two cache lines per probe (a map of strings to vectors
    // cost a hash, a node and a string comparison per probe, and an allocation per entry).
    std::size_t entries = 0;
    for (const std::string& k : keys_) entries += k.size() + 1;  // bytes >= code points
    std::size_t capacity = 1024;
    while (capacity < 2 * entries) capacity *= 2;
    slots_.assign(capacity, Slot{0, kNoKey});
    mask_ = capacity - 1;
    for (std::uint32_t i = 0; i < keys_.size(); ++i) {
        std::string sk = skeleton(keys_[i]);
        std::string joined = compact(sk);
        if (joined.size() >= 2) joined_[std::move(joined)].push_back(i);
        if (consonants(sk) >= kMinSkeleton) skeletons_[std::move(sk)].push_back(i);
    }
    std::vector<std::uint64_t> hashes;
    for (std::uint32_t i = 0; i < keys_.size(); ++i) {
        variant_hashes(keys_[i], 1, hashes);
        for (const std::uint64_t h : hashes) {
            std::size_t slot = h & mask_;
            while (slots_[slot].key != kNoKey) slot = (slot + 1) & mask_;
            slots_[slot] = {static_cast<std::uint32_t>(h >> 32), i};
        }
    }
}

// Transliterations of one Arabic name differ in vowels and in how a consonant is written, but
// they start with the same sound: a key that starts with another letter is another name
// ("qaida" is not "baida"). Vowels start alike (the hamza or ain an Arabic name starts with is
// written a, e, i, o or u), and so do k, q, g and c (qaf and kaf as spelled in the wild).
// Arabic keys are compared by their consonants elsewhere (find_arabic_slot_names).
namespace {
bool same_initial(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return false;
    if (a.front() == b.front()) return true;
    if (static_cast<unsigned char>(a.front()) >= 0x80 || static_cast<unsigned char>(b.front()) >= 0x80) return true;
    const auto cls = [](char c) {
        switch (c) {
            case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
            case 'k': case 'q': case 'g': case 'c': return 2;
            default: return 0;
        }
    };
    return cls(a.front()) != 0 && cls(a.front()) == cls(b.front());
}
}  // namespace

std::vector<FuzzyIndex::Hit> FuzzyIndex::lookup(std::string_view key) const {
    std::call_once(built_, [this] { build(); });
    const std::size_t letters = text::count_code_points(key, key.size());
    if (letters < kMinLetters || is_common_word_key(key)) return {};
    const int limit = allowed_distance(letters);
    thread_local std::vector<std::uint64_t> hashes;
    variant_hashes(key, limit, hashes);
    // Keys already tried: marks per key index, kept per thread and cleared after each lookup.
    thread_local std::vector<std::uint8_t> tried;
    std::vector<std::uint32_t> seen;
    tried.resize(std::max(tried.size(), keys_.size()));
    std::vector<std::pair<std::uint32_t, int>> found;  // key index, distance
    for (const std::uint64_t h : hashes) {
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t slot = h & mask_; slots_[slot].key != kNoKey; slot = (slot + 1) & mask_) {
            if (slots_[slot].tag != tag) continue;
            const std::uint32_t k = slots_[slot].key;
            if (tried[k]) continue;
            tried[k] = 1;
            seen.push_back(k);
            const int distance = edit_distance(key, keys_[k], limit);
            if (distance <= limit && keys_[k] != key && same_initial(key, keys_[k])) found.emplace_back(k, distance);
        }
    }
    for (std::uint32_t k : seen) tried[k] = 0;
    // Closest first; among equals, a key with the query's consonants (transliterations differ
    // in the vowels an Arabic name leaves unwritten: a spelling one vowel off Hazrama is
    // Hazrama, not a key one consonant off it), then one with as many words as the query
    // ("rashdayn" is nearer to "rashdin" than to "ras ayn"), then the closer length, then
    // alphabetical (keys_ is sorted), so that the order never depends on the order of probes.
    const auto words = [](std::string_view k) { return std::count(k.begin(), k.end(), ' '); };
    const auto consonants_of = [](std::string_view k) {
        std::string sk = skeleton(k);
        std::erase(sk, ' ');
        return sk;
    };
    const std::string key_consonants = consonants_of(key);
    const auto rank = [&](const std::pair<std::uint32_t, int>& h) {
        const std::string& k = keys_[h.first];
        const long length_gap = std::labs(static_cast<long>(k.size()) - static_cast<long>(key.size()));
        return std::tuple{h.second, consonants_of(k) != key_consonants, words(k) != words(key), length_gap, h.first};
    };
    // Each hit ranked once (a skeleton is a string), then sorted by rank.
    std::vector<std::pair<decltype(rank(found.front())), std::size_t>> ranked;
    ranked.reserve(found.size());
    for (std::size_t f = 0; f < found.size(); ++f) ranked.emplace_back(rank(found[f]), f);
    std::sort(ranked.begin(), ranked.end());
    std::vector<Hit> hits;
    hits.reserve(found.size());
    for (const auto& [r, f] : ranked) hits.push_back({keys_[found[f].first], found[f].second});
    return hits;
}

std::string FuzzyIndex::skeleton(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (static_cast<unsigned char>(c) >= 0x80) return {};
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w') continue;
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        if (!out.empty() && out.back() == c) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string FuzzyIndex::compact(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c != ' ') out.push_back(c);
    }
    return out;
}

std::vector<FuzzyIndex::Hit> FuzzyIndex::lookup_joined(std::string_view key) const {
    std::call_once(built_, [this] { build(); });
    if (is_common_word_key(key)) return {};
    const std::string joined_key = compact(key);
    const std::string sk = compact(skeleton(key));
    if (sk.size() < 2 || text::count_code_points(joined_key, joined_key.size()) < kMinLetters) return {};
    const auto it = joined_.find(sk);
    if (it == joined_.end()) return {};
    const auto words = [](std::string_view k) { return std::count(k.begin(), k.end(), ' '); };
    const int limit = allowed_distance(joined_key.size()) + 1;
    std::vector<std::pair<int, std::uint32_t>> found;
    for (std::uint32_t k : it->second) {
        const std::string& candidate = keys_[k];
        if (candidate == key) continue;
        const std::string joined = compact(candidate);
        if (joined == joined_key) {
            found.emplace_back(0, k);
            continue;
        }
        if (words(candidate) == words(key)) continue;  // spaced as the key: lookup()'s and lookup_skeleton()'s
        if (sk.size() < 4) continue;                   // a short skeleton only joins equal letters
        // other letters too only where the split is after a generic word ("tall", "kafr")
        const std::string_view split = words(candidate) > words(key) ? std::string_view(candidate) : key;
        if (!is_generic_word(split.substr(0, split.find(' ')))) continue;
        const int distance = edit_distance(joined_key, joined, limit);
        if (distance <= limit) found.emplace_back(distance, k);
    }
    std::sort(found.begin(), found.end());
    std::vector<Hit> hits;
    hits.reserve(found.size());
    for (const auto& [distance, k] : found) hits.push_back({keys_[k], distance});
    return hits;
}

std::vector<FuzzyIndex::Hit> FuzzyIndex::lookup_vowel(std::string_view key) const {
    std::call_once(built_, [this] { build(); });
    const std::size_t letters = text::count_code_points(key, key.size());
    if (letters >= kMinLetters || letters < 3 || key.find(' ') != std::string_view::npos || is_common_word_key(key)) return {};
    const std::string sk = skeleton(key);
    if (consonants(sk) < kMinShortSkeleton) return {};
    const auto it = short_skeletons_.find(sk);
    if (it == short_skeletons_.end()) return {};
    const auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
    std::vector<Hit> hits;
    for (const std::string& candidate : it->second) {
        if (candidate.size() != key.size() || candidate == key) continue;
        std::size_t differ = 0;
        bool vowels_only = true;
        for (std::size_t i = 0; i < key.size(); ++i) {
            if (key[i] == candidate[i]) continue;
            ++differ;
            vowels_only = vowels_only && vowel(key[i]) && vowel(candidate[i]);
        }
        if (differ == 1 && vowels_only) hits.push_back({candidate, 1});
    }
    return hits;  // sorted as the short keys are
}

std::vector<std::string> FuzzyIndex::lookup_skeleton(std::string_view key, std::size_t min_consonants) const {
    std::call_once(built_, [this] { build(); });
    if (is_common_word_key(key)) return {};
    const std::string sk = skeleton(key);
    if (consonants(sk) < std::max(min_consonants, kMinSkeleton)) return {};
    const auto it = skeletons_.find(sk);
    if (it == skeletons_.end()) return {};
    std::vector<std::string> keys;
    for (std::uint32_t k : it->second) {
        if (keys_[k] != key) keys.push_back(keys_[k]);
    }
    return keys;  // keys_ is sorted, and so are the indexes
}

}  // namespace toponym::geoparse
