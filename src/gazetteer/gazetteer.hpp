// The gazetteer: places with their names, indexed by folded name key and by position.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
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

    // Reads a gazetteer file: the compiled format (written by `toponym gazetteer build`,
    // memory-mapped, no parsing) or the TSV format, told apart by the first bytes.
    static Gazetteer load_file(const std::string& path);

    // Opens a compiled gazetteer file ("TOPONYMG" header, see compiled.cpp). Throws DataError
    // naming the file for another format version, another byte order, or a truncated or
    // corrupt file.
    static Gazetteer open_compiled(const std::string& path);

    // Writes the compiled format to `path` (the caller makes it atomic).
    void save_compiled(const std::string& path) const;

    // Indexes places assembled by an importer. Ids must be unique (DataError naming `origin`).
    static Gazetteer from_places(std::vector<Place> places, const std::string& origin);

    // One gazetteer holding the places of all `parts` in order (indexes combined, no
    // re-folding of names). A place id already seen in an earlier part keeps the earlier one
    // for find_id.
    static Gazetteer stack(const std::vector<const Gazetteer*>& parts);

    // Applies a user's alias file: lines `name<TAB>place id` or `name<TAB>lat,lon` ('#'
    // comments). The alias name then resolves to that place only, overriding every candidate
    // the stacked gazetteers had for it; a lat,lon target adds a place "alias:<name>".
    // Throws DataError with file and line for an unknown id or a bad coordinate.
    void apply_aliases(std::string_view text, const std::string& origin);

    // True when the indexes are read from a memory-mapped compiled file.
    bool is_compiled() const { return compiled_ != nullptr; }

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
    bool needs_article(std::string_view key) const;

    // The most words any name key has.
    std::size_t max_key_words() const { return max_key_words_; }

    std::optional<std::uint32_t> find_id(std::string_view id) const;

    // The `k` places nearest to a point (great-circle), nearest first.
    std::vector<std::uint32_t> nearest(double lat, double lon, std::size_t k) const;

    // Number of distinct name keys in the index.
    std::size_t key_count() const;

private:
    Gazetteer();
    void build_indexes();
    void build_spatial() const;
    void index_place_names(std::uint32_t index);

    // Read-only views of the indexes, whichever representation holds them.
    template <typename F>
    void visit_keys(F&& f) const;
    template <typename F>
    void visit_prefixes(F&& f) const;
    template <typename F>
    void visit_articles(F&& f) const;

    std::vector<Place> places_;
    StringMap<std::vector<std::uint32_t>> by_key_;
    StringMap<std::uint32_t> prefix_counts_;
    StringMap<std::uint32_t> by_id_;
    StringSet article_keys_;
    std::size_t max_key_words_ = 0;
    struct SpatialIndex;
    // Built on the first nearest() call (most runs never ask), once even across threads.
    mutable std::unique_ptr<SpatialIndex> spatial_;
    std::unique_ptr<std::once_flag> spatial_once_;
    // Set for a memory-mapped compiled file: the name, prefix, article and id indexes live
    // there (the maps above stay empty).
    struct Compiled;
    std::shared_ptr<const Compiled> compiled_;
};

// True if `key` (a folded single word) is a common English word that must not be taken for a
// place name on its own (e.g. GeoNames alternate names such as "Mine" or "Tell").
bool is_common_word_key(std::string_view key);

}  // namespace toponym
