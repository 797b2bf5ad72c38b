// The names users type for admin areas (governorates, districts) mapped to pcodes: English,
// the usual transliterations (Idleb, Deir Ezzor, Hasakeh, Rif Dimashq ...), Arabic, and the
// pcodes themselves (SY07), tolerant of case, articles and spelling variants.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gazetteer/gazetteer.hpp"

namespace toponym::admin {

class AdminIndex;

class AreaNames {
public:
    // `kind` names the areas in messages ("governorate", "district").
    explicit AreaNames(std::string kind) : kind_(std::move(kind)) {}

    // Governorates: every name of the gazetteer's admin1 places in Syria (ne1:SY..), and the
    // names and pcodes of `admin1` areas when given (user boundaries).
    static AreaNames governorates(const Gazetteer& gazetteer, const AdminIndex* admin1 = nullptr);

    // Districts (or any level): the names and pcodes of the areas of `index`.
    static AreaNames from_index(const AdminIndex& index, std::string kind);

    void add(const std::string& pcode, std::string_view name);

    // The pcode a typed name stands for. Throws UsageError naming `option` with the nearest
    // known names when it matches none, and every known one ("unknown governorate \"Idlip\";
    // did you mean Idlib? (known: Aleppo (SY02), ...)").
    std::string resolve(std::string_view typed, const std::string& option) const;

    // Every value of a list option (repeated and/or comma-separated), resolved. `notes` gets
    // match_note's sentence for each value not typed as a known name.
    std::vector<std::string> resolve_all(const std::vector<std::string>& typed, const std::string& option,
                                         std::vector<std::string>* notes = nullptr) const;

    // "\"Idlibb\" taken as Idlib (SY07)" when `typed` matched `pcode` only once folded or with
    // words dropped (a typo, "Idleb province"); "" when it is a known name (any case) or the pcode.
    std::string match_note(std::string_view typed, const std::string& pcode, const std::string& option) const;

    // "Aleppo (SY02), Damascus (SY01), ...": one name per area, for messages.
    std::string known_list() const;

    // Up to `n` known names closest to `typed` (edit distance on folded keys).
    std::vector<std::string> suggestions(std::string_view typed, std::size_t n) const;

private:
    std::string kind_;
    std::unordered_map<std::string, std::string> by_key_;  // folded name or upper-case pcode -> pcode
    std::vector<std::pair<std::string, std::string>> display_;  // (folded key, a display name)
    std::unordered_map<std::string, std::string> exact_;       // lower-case name as added -> pcode
    std::vector<std::pair<std::string, std::string>> primary_;  // (pcode, its first name), in order added
};

}  // namespace toponym::admin
