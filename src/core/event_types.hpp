// The event types: one row per type, the one list of them in the code. Every place that names
// the types reads this table:
//   - the classifier's cue tables (src/events/classifier.cpp, src/events/arabic.cpp): a cue
//     whose type is not a row here does not compile;
//   - the event builder's fold (src/events/event_builder.cpp) and the evaluation's type match;
//   - `--type` of map and filter (src/commands/common_options.cpp): the public types;
//   - the governorates layer's n_<type> count columns (event_types() in src/io/layer_writer.cpp);
//   - the HTML page's marker colours (src/io/html_preview.cpp);
//   - styles/events.qml, the QGIS style of the events layer: tests/unit/event_types_test.cpp
//     fails unless its categories are the public types, in this order, with these labels and
//     colours.
//
// Adding an event type (three files):
//   1. a row below: id, label, colour, and folded_into when the layers should count it under
//      another type (then the colour is empty and the type's id goes in front of the subtype);
//   2. its cues in src/events/classifier.cpp (and src/events/arabic.cpp for Arabic);
//   3. for a public type, a category and a symbol in styles/events.qml with the same value,
//      label and colour (copy a symbol and change its colour).
// The order of the public rows is the order of the count columns and of the style's legend;
// adding a row in the middle changes the governorates layer's column order.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace toponym {

struct EventType {
    std::string_view id;      // the events layer's event_type value: lower case, underscores
    std::string_view label;   // for people: the legend of the QGIS style
    std::string_view colour;  // "#rrggbb": the marker in QGIS and on the HTML page ("" when folded)
    // Empty: a public type, one the layers show and count. Otherwise the public type the layers
    // file it under, a finer class the classifier tells apart ("withdrawal" is "other" with the
    // subtype "withdrawal: ...").
    std::string_view folded_into;

    constexpr bool is_public() const { return folded_into.empty(); }
};

inline constexpr std::array kEventTypes = std::to_array<EventType>({
    {"air_strike", "Air strike", "#e41a1c", ""},
    {"drone_strike", "Drone strike", "#984ea3", ""},
    {"shelling", "Shelling / barrel bombs", "#ff7f00", ""},
    {"clashes", "Clashes", "#377eb8", ""},
    {"chemical_attack", "Chemical attack", "#4daf4a", ""},
    {"capture_of_territory", "Capture of territory", "#a65628", ""},
    {"displacement", "Displacement", "#0096aa", ""},
    {"other", "Other", "#646464", ""},
    // folded: the classifier's finer classes
    {"withdrawal", "Withdrawal", "", "other"},
    {"siege", "Siege", "", "other"},
});

// The index of `id` in kEventTypes, or kEventTypes.size() when no type has that id. The
// compile-time checks use indexes, not pointers: GCC's undefined-behaviour sanitizer makes a
// pointer compared with nullptr no constant expression.
constexpr std::size_t event_type_index(std::string_view id) {
    for (std::size_t i = 0; i < kEventTypes.size(); ++i) {
        if (kEventTypes[i].id == id) return i;
    }
    return kEventTypes.size();
}

// The row of `id`, or nullptr when no type has that id.
constexpr const EventType* find_event_type(std::string_view id) {
    const std::size_t i = event_type_index(id);
    return i < kEventTypes.size() ? &kEventTypes[i] : nullptr;
}

// The type the layers show for `id`: the id itself for a public type, the type it folds into
// for a folded one; an id that is no type stays as it is.
constexpr std::string_view public_event_type(std::string_view id) {
    const std::size_t i = event_type_index(id);
    return i < kEventTypes.size() && !kEventTypes[i].is_public() ? kEventTypes[i].folded_into : id;
}

// True when the `type` of every row of `table` (a cue table) is empty or an event type's id: the
// classifier's cue tables assert it, so that a cue cannot give a type this table lacks.
template <class Table>
constexpr bool names_event_types(const Table& table) {
    for (const auto& row : table) {
        if (!row.type.empty() && event_type_index(row.type) == kEventTypes.size()) return false;
    }
    return true;
}

// The ids of the public types in table order.
const std::vector<std::string>& public_event_types();

// True for a public type's id (what `toponym map` writes as event_type).
bool is_public_event_type(std::string_view id);

namespace event_types_detail {

constexpr bool is_hex_colour(std::string_view c) {
    if (c.size() != 7 || c[0] != '#') return false;
    for (char x : c.substr(1)) {
        if (!((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f'))) return false;
    }
    return true;
}

constexpr bool table_is_sound() {
    for (std::size_t i = 0; i < kEventTypes.size(); ++i) {
        const EventType& t = kEventTypes[i];
        if (t.id.empty() || t.label.empty()) return false;
        for (std::size_t j = 0; j < i; ++j) {
            if (kEventTypes[j].id == t.id) return false;
        }
        if (t.is_public() != is_hex_colour(t.colour)) return false;
        if (!t.is_public() && !t.colour.empty()) return false;
        if (!t.is_public()) {
            const std::size_t into = event_type_index(t.folded_into);
            if (into == kEventTypes.size() || !kEventTypes[into].is_public()) return false;
        }
    }
    return true;
}

}  // namespace event_types_detail

// Unique ids, a lower-case "#rrggbb" colour for each public type and none for a folded one, and
// every fold into a public type.
static_assert(event_types_detail::table_is_sound(), "kEventTypes: see the rules in core/event_types.hpp");

}  // namespace toponym
