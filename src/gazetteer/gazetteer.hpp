// The gazetteer: places with their names, indexed by folded name key and by position.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <functional>
#include <optional>
#include <compare>
#include <iterator>
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

// The places a name key has: place indexes from one gazetteer's postings, shifted by where that
// gazetteer starts in a stack (0 for a gazetteer on its own). Read like a span of indexes.
class PlaceIds {
public:
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = std::uint32_t;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::uint32_t;
        iterator() = default;
        iterator(const std::uint32_t* at, std::uint32_t offset) : at_(at), offset_(offset) {}
        std::uint32_t operator*() const { return *at_ + offset_; }
        std::uint32_t operator[](difference_type n) const { return at_[n] + offset_; }
        iterator& operator++() { ++at_; return *this; }
        iterator operator++(int) { iterator old = *this; ++at_; return old; }
        iterator& operator--() { --at_; return *this; }
        iterator operator--(int) { iterator old = *this; --at_; return old; }
        iterator& operator+=(difference_type n) { at_ += n; return *this; }
        iterator& operator-=(difference_type n) { at_ -= n; return *this; }
        friend iterator operator+(iterator it, difference_type n) { return it += n; }
        friend iterator operator+(difference_type n, iterator it) { return it += n; }
        friend iterator operator-(iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const iterator& a, const iterator& b) { return a.at_ - b.at_; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }
        friend auto operator<=>(const iterator& a, const iterator& b) { return a.at_ <=> b.at_; }

    private:
        const std::uint32_t* at_ = nullptr;
        std::uint32_t offset_ = 0;
    };

    PlaceIds() = default;
    PlaceIds(std::span<const std::uint32_t> ids, std::uint32_t offset = 0) : ids_(ids), offset_(offset) {}
    std::size_t size() const { return ids_.size(); }
    bool empty() const { return ids_.empty(); }
    std::uint32_t operator[](std::size_t i) const { return ids_[i] + offset_; }
    std::uint32_t front() const { return ids_.front() + offset_; }
    iterator begin() const { return {ids_.data(), offset_}; }
    iterator end() const { return {ids_.data() + ids_.size(), offset_}; }
    // The same ids shifted further (a stack of stacks).
    PlaceIds shifted(std::uint32_t by) const { return {ids_, offset_ + by}; }

private:
    std::span<const std::uint32_t> ids_;
    std::uint32_t offset_ = 0;
};

class Gazetteer;

// Every place of a gazetteer in index order (a stack's are its parts', not copied).
class PlaceRange {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Place;
        using difference_type = std::ptrdiff_t;
        using pointer = const Place*;
        using reference = const Place&;
        iterator() = default;
        iterator(const Gazetteer* g, std::uint32_t i) : g_(g), i_(i) {}
        const Place& operator*() const;
        const Place* operator->() const { return &**this; }
        iterator& operator++() { ++i_; return *this; }
        iterator operator++(int) { iterator old = *this; ++i_; return old; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

    private:
        const Gazetteer* g_ = nullptr;
        std::uint32_t i_ = 0;
    };
    PlaceRange(const Gazetteer& g, std::size_t size) : g_(&g), size_(size) {}
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const Place& operator[](std::size_t i) const;
    iterator begin() const { return {g_, 0}; }
    iterator end() const { return {g_, static_cast<std::uint32_t>(size_)}; }

private:
    const Gazetteer* g_;
    std::size_t size_;
};

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

    // Opens compiled-format bytes where they lie, without copying them (the embedded gazetteer
    // in the binary): they must outlive the gazetteer. Checked like a file; `origin` names them
    // in errors. The bytes must start 8-byte aligned.
    static Gazetteer open_compiled_in_place(std::string_view bytes, const std::string& origin);

    // Writes the compiled format to `path` (the caller makes it atomic).
    void save_compiled(const std::string& path) const;

    // Indexes places assembled by an importer. Ids must be unique (DataError naming `origin`).
    static Gazetteer from_places(std::vector<Place> places, const std::string& origin);

    // One gazetteer holding the places of all `parts` in order: a view over them (place indexes
    // run on from one part to the next; nothing is copied or re-folded), so the parts must
    // outlive it. Only the keys that several parts share get postings of their own. A place id
    // already seen in an earlier part keeps the earlier one for find_id.
    static Gazetteer stack(const std::vector<const Gazetteer*>& parts);

    // Applies a user's alias file: lines `name<TAB>place id` or `name<TAB>lat,lon` ('#'
    // comments). The alias name then resolves to that place only, overriding every candidate
    // the stacked gazetteers had for it; a lat,lon target adds a place "alias:<name>".
    // Throws DataError with file and line for an unknown id or a bad coordinate.
    void apply_aliases(std::string_view text, const std::string& origin);

    // True when the indexes are read from compiled bytes (a memory-mapped file, or the binary's).
    bool is_compiled() const { return compiled_ != nullptr; }

    // The Syria gazetteer compiled into the binary, opened once on first use: its compiled
    // form when the binary holds it (see embedded.hpp), else its TSV parsed and indexed.
    static const Gazetteer& embedded();

    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;
    ~Gazetteer();

    PlaceRange places() const { return PlaceRange(*this, place_count()); }
    std::size_t place_count() const { return layer_places_ + places_.size(); }
    // Throws std::out_of_range for an index past the end.
    const Place& place(std::uint32_t index) const {
        if (layers_.empty()) return places_.at(index);
        return stacked_place(index);
    }

    // Places one of whose names folds to `key` (text::fold_name), in gazetteer order.
    PlaceIds lookup(std::string_view key) const;

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

    // Where a governorate's settlements lie seen from its capital ("the northern countryside of
    // Homs" is Rastan and Talbiseh, not the northern desert of Homs governorate). Of the
    // settlements (feature class P) of `admin1_pcode` whose bearing from the capital (its PPLA or
    // PPLC; the median of its settlements when it has none) is within 45 degrees of the compass
    // point `bearing_deg` (a multiple of 45): the one nearest their median point, with their
    // median distance from it as its radius. nullopt for fewer than 5 such settlements.
    // Built with the spatial index on first use; thread-safe.
    struct Spread {
        double lat = 0.0;
        double lon = 0.0;
        double radius_m = 0.0;
    };
    std::optional<Spread> settlements_toward(std::string_view admin1_pcode, double bearing_deg) const;

    // Number of distinct name keys in the index.
    std::size_t key_count() const;

    // Calls `f` with every name key and the indexes of its places (a stack's shifted to stack
    // numbering). The views are valid during the call only.
    void for_each_key(const std::function<void(std::string_view, std::span<const std::uint32_t>)>& f) const;

private:
    Gazetteer();
    const Place& stacked_place(std::uint32_t index) const;
    Place& editable_place(std::uint32_t index);
    void build_indexes();
    void build_spatial() const;
    void index_place_names(std::uint32_t index);

    // Read-only views of the indexes, whichever representation holds them. The string_view a
    // visitor gets is valid during its call only (a stack builds merged maps for the visit).
    template <typename F>
    void visit_keys(F&& f) const;
    template <typename F>
    void visit_prefixes(F&& f) const;
    template <typename F>
    void visit_articles(F&& f) const;

    // A stack: its parts, each with the index of its first place. Then places_ holds only the
    // places aliases add (indexes from layer_places_ on), by_key_ the keys several parts share
    // and the alias keys, prefix_counts_ and by_id_ what aliases add, and edited_ the parts'
    // places an alias named (with the alias among their names).
    struct Layer {
        const Gazetteer* part;
        std::uint32_t first;
    };
    std::vector<Layer> layers_;
    std::uint32_t layer_places_ = 0;
    std::size_t layer_keys_ = 0;  // distinct keys of the parts
    std::unordered_map<std::uint32_t, Place> edited_;

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
    // Checks the compiled `bytes` (a file's mapping held by `mapped`, or static data) and opens
    // the gazetteer over them.
    static Gazetteer open_compiled_bytes(std::shared_ptr<Compiled> mapped, std::string_view bytes, const std::string& origin);
};

inline const Place& PlaceRange::iterator::operator*() const { return g_->place(i_); }
inline const Place& PlaceRange::operator[](std::size_t i) const { return g_->place(static_cast<std::uint32_t>(i)); }

// True if `key` (a folded single word) is a common English word that must not be taken for a
// place name on its own (e.g. GeoNames alternate names such as "Mine" or "Tell").
bool is_common_word_key(std::string_view key);

// True if `key` (a folded single word) is also an English word in lower case that names a
// small place ("Hit", "Hall", "Man"; gazetteer/common-words.txt): such a name is a place only
// with more evidence than a capital letter (see geoparse/mention_finder.cpp).
bool is_english_word_key(std::string_view key);

}  // namespace toponym
