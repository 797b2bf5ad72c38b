// Event sentences: the event type (air strike, shelling, capture, ...), the actors named and the
// casualty figures stated. Pure, thread-safe, safe on any byte string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toponym::events {

struct Classification {
    // an id of core/event_types.hpp (air_strike, shelling, capture_of_territory, ...), a folded
    // one (withdrawal, siege) included: the event builder files those under the public type
    std::string type;
    std::string subtype;  // "barrel bombs", "artillery", "reinforcements", "ceasefire", "talks", "reopening", ...
    std::string cue;      // the cue words as written in the sentence
    double confidence = 0.0;  // 0..1: explicit cue ~0.9, inferred ~0.7, weak or supporting-only lower
    // "reported"; "claimed" (one side's claim: "claimed", "allegedly", "the army said");
    // "disputed" (a denial in the sentence: "denied insurgents had captured")
    std::string status = "reported";
    // Only a supporting phrase gave the type ("backed by air strikes", "exchanged fire with
    // mortars"): a weak type that never overrides one from a main cue.
    bool supporting = false;
    // Only a generic verb of attack gave the type ("fighters targeted a checkpoint", "destroyed a
    // tank"): clashes, unless the weapons named elsewhere in the sentence say what kind of attack
    // it was ("drones targeted", "rockets ... targeted"), so it never overrides a sentence's type.
    bool generic = false;
};

// The event type of a sentence, or nullopt when it reports no event. When several cues occur
// the stronger type wins: chemical attack > drone strike > air strike > shelling (barrel bombs,
// artillery, mortars, rockets) > capture > withdrawal > siege > clashes > displacement > other.
// A cue inside a supporting phrase ("backed by Russian air strikes", "with air support",
// "amid shelling") only counts when nothing else does; aircraft ("warplanes", "jets") count as
// an air strike only with a strike verb ("jets struck", "raids by warplanes").
// With `cue_from`, only cues starting at or after that byte count, while the words before it
// still give their context ("exchanged fire with mortars near X": the mortars are the
// weapons of the exchange even when only "with mortars near X" is asked about).
std::optional<Classification> classify_event(std::string_view sentence, std::size_t cue_from = 0);

// Actors named in the sentence, deduplicated, in text order: known groups (YPG, Hayat Tahrir
// al-Sham, Islamic State, Hezbollah, ...) and noun phrases headed by an actor noun (forces,
// troops, army, rebels, fighters, warplanes, jets, helicopters, drones, militants, regime,
// government, coalition, ...) with their modifiers ("Russian warplanes", "Syrian government
// forces", "pro-government forces", "the army"). Each is the phrase as written.
std::vector<std::string> find_actors(std::string_view sentence);

struct Casualties {
    std::optional<long> killed, injured, displaced;
    // The casualty phrases as written, joined by " ... " ("at least 12 people were killed");
    // kept even when no number is given ("wounding several civilians", "dozens were killed").
    std::string text;
};

// Casualty figures stated in the sentence: "killing 12", "at least five civilians were killed",
// "12 dead", "killed two people", "nearly 1,000 militants were killed and over 2,000 injured",
// "More than 40,000 have been displaced", "a child was killed". Vague amounts (dozens,
// several, hundreds) give no number but keep the text. Counts inside "including three
// children" are not the total.
Casualties find_casualties(std::string_view sentence);

}  // namespace toponym::events
