// The compiled gazetteer format (internal to src/gazetteer): one little-endian file that is
// memory-mapped and used in place. Layout:
//   Header (magic "TOPONYMG", format version, byte-order mark, file size, counts)
//   Section table (offset, size of each section below, 8-byte aligned)
//   strings   every string, back to back (referenced by offset and length)
//   places    fixed-size PlaceRecord per place
//   alts      StrRef per alternate name (a place's are consecutive)
//   postings  uint32 place indexes of the name keys
//   keys / prefixes / articles / ids: an Entry array plus an open-addressing hash table
//             (uint32 slots holding entry index + 1, 0 = empty; FNV-1a 64, linear probing)
// Nothing is parsed at start-up: name lookups hash into the mapped tables; only the Place
// structs (the class hands out `const Place&`) are copied out of the records.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>
#include <string>
#include <string_view>

#include "gazetteer/gazetteer.hpp"

namespace toponym::compiled {

inline constexpr std::string_view kMagic = "TOPONYMG";
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint32_t kByteOrderMark = 0x01020304;

struct StrRef {
    std::uint32_t offset;
    std::uint32_t length;
};

struct Entry {
    StrRef str;
    std::uint32_t a;  // keys: first posting; prefixes: count; ids: place index
    std::uint32_t b;  // keys: number of postings
};

struct PlaceRecord {
    StrRef id, name, feature_class, feature_code, country_code, admin1_pcode, source, source_id;
    double lat, lon, radius_m, confidence;
    std::int64_t population;
    std::uint32_t first_alt, alt_count;
};

enum Section : std::uint32_t {
    kStrings,
    kPlaces,
    kAlts,
    kPostings,
    kKeyEntries,
    kKeySlots,
    kPrefixEntries,
    kPrefixSlots,
    kArticleEntries,
    kArticleSlots,
    kIdEntries,
    kIdSlots,
    kSectionCount
};

struct SectionRange {
    std::uint64_t offset;
    std::uint64_t size;
};

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t file_size;
    std::uint32_t place_count;
    std::uint32_t max_key_words;
    SectionRange sections[kSectionCount];
};

std::uint64_t hash(std::string_view s);

// A mapped hash table of strings.
class HashIndex {
public:
    HashIndex() = default;
    HashIndex(const char* strings, std::span<const Entry> entries, std::span<const std::uint32_t> slots)
        : strings_(strings), entries_(entries), slots_(slots) {}
    const Entry* find(std::string_view key) const;
    std::span<const Entry> entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }

private:
    const char* strings_ = nullptr;
    std::span<const Entry> entries_;
    std::span<const std::uint32_t> slots_;
};

}  // namespace toponym::compiled

namespace toponym {

// A compiled gazetteer's bytes and its tables.
struct Gazetteer::Compiled {
    // The mapping of a file, unmapped with this; null for bytes in the binary (static data).
    void* address = nullptr;
    std::size_t length = 0;
    const char* strings = nullptr;
    std::span<const std::uint32_t> postings;
    compiled::HashIndex keys, prefixes, articles, ids;

    ~Compiled();
    std::string_view string(compiled::StrRef r) const { return {strings + r.offset, r.length}; }
    std::span<const std::uint32_t> postings_of(const compiled::Entry& e) const { return postings.subspan(e.a, e.b); }
    std::span<const std::uint32_t> lookup(std::string_view key) const {
        const compiled::Entry* e = keys.find(key);
        return e ? postings_of(*e) : std::span<const std::uint32_t>{};
    }
};

template <typename F>
inline void Gazetteer::visit_keys(F&& f) const {
    if (!layers_.empty()) {  // a stack: its own keys (shared and alias keys), then each part's others
        for (const auto& [key, ids] : by_key_) f(std::string_view(key), std::span<const std::uint32_t>(ids));
        std::vector<std::uint32_t> shifted;
        for (const Layer& layer : layers_) {
            // Through std::function: a part may be a stack itself (one instantiation, not endless).
            layer.part->visit_keys(std::function<void(std::string_view, std::span<const std::uint32_t>)>(
                [&](std::string_view key, std::span<const std::uint32_t> ids) {
                    if (by_key_.contains(key)) return;
                    shifted.clear();
                    for (std::uint32_t i : ids) shifted.push_back(layer.first + i);
                    f(key, std::span<const std::uint32_t>(shifted));
                }));
        }
        return;
    }
    if (compiled_) {
        for (const compiled::Entry& e : compiled_->keys.entries()) f(compiled_->string(e.str), compiled_->postings_of(e));
    } else {
        for (const auto& [key, ids] : by_key_) f(std::string_view(key), std::span<const std::uint32_t>(ids));
    }
}

template <typename F>
inline void Gazetteer::visit_prefixes(F&& f) const {
    if (!layers_.empty()) {  // a stack: the parts' counts added up, and the aliases'
        StringMap<std::uint32_t> counts = prefix_counts_;
        for (const Layer& layer : layers_) {
            layer.part->visit_prefixes(std::function<void(std::string_view, std::uint32_t)>(
                [&](std::string_view key, std::uint32_t count) {
                    auto it = counts.find(key);
                    if (it == counts.end()) it = counts.emplace(std::string(key), 0).first;
                    it->second += count;
                }));
        }
        for (const auto& [key, count] : counts) f(std::string_view(key), count);
        return;
    }
    if (compiled_) {
        for (const compiled::Entry& e : compiled_->prefixes.entries()) f(compiled_->string(e.str), e.a);
    } else {
        for (const auto& [key, count] : prefix_counts_) f(std::string_view(key), count);
    }
}

template <typename F>
inline void Gazetteer::visit_articles(F&& f) const {
    if (!layers_.empty()) {
        StringSet keys = article_keys_;
        for (const Layer& layer : layers_) {
            layer.part->visit_articles(std::function<void(std::string_view)>([&](std::string_view key) { keys.emplace(key); }));
        }
        for (const auto& key : keys) f(std::string_view(key));
        return;
    }
    if (compiled_) {
        for (const compiled::Entry& e : compiled_->articles.entries()) f(compiled_->string(e.str));
    } else {
        for (const auto& key : article_keys_) f(std::string_view(key));
    }
}

}  // namespace toponym
