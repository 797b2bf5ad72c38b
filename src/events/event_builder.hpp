// Events: a sentence with an event cue (air strike, shelling, clashes, captured, ...) and
// resolved places in Syria gives one event per place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/sentences.hpp"
#include "text/tokenize.hpp"

namespace toponym::events {

struct Cue {
    std::string event_type;
    std::string words;  // the cue as written in the text
};

// The event cue of a run of tokens (one sentence), if any. When several cues occur the most
// specific type wins (chemical attack > drone strike > air strike > shelling > capture >
// clashes > displacement).
std::optional<Cue> classify_sentence(const std::vector<text::Token>& tokens, std::size_t first, std::size_t last);

// Adds events to `result` (whose mentions are resolved): one per place and type in the document,
// dated by the publication date (day precision) when there is one.
void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer);

}  // namespace toponym::events
