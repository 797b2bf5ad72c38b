// The gazetteer: places with their names, indexed by folded name key and by position.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/types.hpp"

namespace toponym {

// Hash and equality that let string-keyed maps be searched with a string_view, without
// building a std::string for every lookup (the longest-match scan looks up every prefix).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

class Gazetteer {
public:
    // Parses the tab-separated gazetteer format written by gazetteer/build (first line
    // "# toponym-gazetteer 1", then a header row naming the columns). `origin` names the input
    // in errors. Throws DataError with the line of the first bad row.
    static Gazetteer from_tsv(std::string_view tsv, const std::string& origin);

    // Reads a gazetteer file in the same format.
    static Gazetteer load_file(const std::string& path);

    // The Syria gazetteer compiled into the binary, parsed once on first use.
    static const Gazetteer& embedded();

    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;
    ~Gazetteer();

    const std::vector<Place>& places() const { return places_; }
    const Place& place(std::uint32_t index) const { return places_.at(index); }

    // Places one of whose names folds to `key` (text::fold_name), in gazetteer order.
    std::span<const std::uint32_t> lookup(std::string_view key) const;

    // True if some name key starts with `key_prefix` followed by a space: a longer match may
    // still come, so the longest-match scan keeps going.
    bool has_longer_key(std::string_view key_prefix) const;

    // True for a one-word key that is also a common word ("bab": gate, "tal": hill) and is a
    // name only with its article (Al-Bab, At-Tall): a match needs the article in the text.
    bool needs_article(std::string_view key) const { return article_keys_.contains(key); }

    // The most words any name key has.
    std::size_t max_key_words() const { return max_key_words_; }

    std::optional<std::uint32_t> find_id(std::string_view id) const;

    // The `k` places nearest to a point (great-circle), nearest first.
    std::vector<std::uint32_t> nearest(double lat, double lon, std::size_t k) const;

    // Number of distinct name keys in the index.
    std::size_t key_count() const { return by_key_.size(); }

private:
    Gazetteer();
    void build_indexes();

    std::vector<Place> places_;
    StringMap<std::vector<std::uint32_t>> by_key_;
    StringMap<std::uint32_t> prefix_counts_;
    StringMap<std::uint32_t> by_id_;
    StringSet article_keys_;
    std::size_t max_key_words_ = 0;
    struct SpatialIndex;
    std::unique_ptr<SpatialIndex> spatial_;
};

// True if `key` (a folded single word) is a common English word that must not be taken for a
// place name on its own (e.g. GeoNames alternate names such as "Mine" or "Tell").
bool is_common_word_key(std::string_view key);

}  // namespace toponym
