// Events: a sentence the classifier calls an event (air strike, shelling, clashes, capture, ...)
// and resolved places in Syria give one event per place.
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

// Adds events to `result` (whose mentions, roles and relative locations are resolved): for each
// sentence the classifier calls an event, one per place (settlements, else relative locations,
// else governorates), typed by the place's clause, dated by the sentence's date expression
// against the publication date, with actors and casualties; duplicates merge. A report that
// tells an incident by an armed side but gets no event this way gets one at its most specific
// Syrian place within three sentences of the incident, in its paragraph.
void build_events(DocumentResult& result, const std::vector<text::Token>& tokens,
                  const std::vector<text::ByteRange>& sentences, const Gazetteer& gazetteer);

}  // namespace toponym::events
