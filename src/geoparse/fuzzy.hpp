// Fuzzy fallback for names the exact keys miss ("Hay al Rashdein" for al-Rashidin, "Rwayha"):
// an index of one-letter deletions of every name key (a symmetric-delete index, so a lookup
// is a handful of hash probes, not a scan), verified with the Damerau-Levenshtein distance.
// Only keys of five letters or more take part, never a common English word, and only names of
// places in the given countries (Syria by default: transliteration is what varies there; a
// world gazetteer's million names would cost a gigabyte of deletions). The index is built on
// the first lookup, once, whichever thread asks first.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gazetteer/gazetteer.hpp"

namespace toponym::geoparse {

class FuzzyIndex {
public:
    explicit FuzzyIndex(const Gazetteer& gazetteer, std::vector<std::string> countries = {"SY"});

    struct Hit {
        std::string key;  // the gazetteer key it matched
        int distance = 0;
    };

    // Keys within the allowed distance of `key` (1 edit up to 7 letters, 2 from 8), closest
    // first; empty for short keys and common words.
    std::vector<Hit> lookup(std::string_view key) const;

    std::size_t key_count() const;

    // Calls f(key) for every key lookup() searches (the gazetteer's keys of five letters or more
    // that name a place in the index's countries), in sorted order. Builds the index first.
    void for_each_key(const std::function<void(std::string_view)>& f) const;

    // Keys with the same consonant skeleton as `key` (skeleton()), when it has `min_consonants`
    // consonants or more: the spellings that drop or add the vowels an Arabic name leaves
    // unwritten ("Mshrifah" / "Mushayrifah", "Kfr Nbd" / "Kafr Nabudah"), too far apart for
    // lookup(). Sorted; empty for Arabic-script keys and shorter skeletons. Three consonants
    // (the least allowed) join many names: a caller asking for them checks the place against
    // what the text says of where it is.
    std::vector<std::string> lookup_skeleton(std::string_view key, std::size_t min_consonants = 4) const;

    // Keys of a short one-word key (three or four letters, too short for lookup()) that differ
    // from it in one vowel only, the consonants in place ("baza" / "biza"): the vowels an Arabic
    // name leaves unwritten, in a name too short for an edit elsewhere. Sorted; empty for
    // longer keys, Arabic-script keys and common words. A caller checks the place against
    // what the text says of it (a head word, the area it names).
    std::vector<Hit> lookup_vowel(std::string_view key) const;

    // Keys that are `key` with its words joined or split differently ("tallyamani" for
    // "tall yamani", "kafr ata" for "kafrata"): first those equal to it once the spaces are
    // taken out (distance 0), then, for a skeleton of four consonants or more, keys with another
    // number of words, its consonant skeleton once the spaces are out, the letters without
    // spaces at most allowed + 1 edits apart (the vowels of a generic word vary too: "tall" /
    // "tel") and the split after a generic word ("tall", "kafr", "dayr", "umm", "abu" ...);
    // closest first. `key` itself is never among them.
    std::vector<Hit> lookup_joined(std::string_view key) const;

    // A folded key without its spaces ("tall yamani" -> "tallyamani").
    static std::string compact(std::string_view key);

    // A folded Latin key without its vowels and the semivowels y and w, doubled consonants
    // collapsed ("mushayrifa" -> "mshrf"); "" for a key that is not ASCII.
    static std::string skeleton(std::string_view key);

private:
    void build() const;

    const Gazetteer& gazetteer_;
    std::vector<std::string> countries_;
    mutable std::once_flag built_;
    mutable std::vector<std::string> keys_;
    // Each key and its one-letter deletions: (hash's upper half, key index) in the slot of the
    // hash's lower bits or the next free one after it.
    struct Slot {
        std::uint32_t tag;
        std::uint32_t key;
    };
    static constexpr std::uint32_t kNoKey = 0xFFFFFFFF;
    mutable std::vector<Slot> slots_;
    mutable std::size_t mask_ = 0;
    // Key indexes by consonant skeleton (skeletons of three consonants or more).
    mutable std::unordered_map<std::string, std::vector<std::uint32_t>> skeletons_;
    // Key indexes by compact skeleton (skeleton() without spaces, two consonants or more).
    mutable std::unordered_map<std::string, std::vector<std::uint32_t>> joined_;
    // One-word keys of three or four letters by skeleton (lookup_vowel); not in keys_.
    mutable std::unordered_map<std::string, std::vector<std::string>> short_skeletons_;
};

// Damerau-Levenshtein (optimal string alignment) distance over code points, stopping early
// once it exceeds `limit` (then returns limit + 1).
int edit_distance(std::string_view a, std::string_view b, int limit);

}  // namespace toponym::geoparse
