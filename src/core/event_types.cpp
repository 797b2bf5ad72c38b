// The public event types as strings, for the places that keep or join them.
#include "core/event_types.hpp"

namespace toponym {

const std::vector<std::string>& public_event_types() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const EventType& t : kEventTypes) {
            if (t.is_public()) out.emplace_back(t.id);
        }
        return out;
    }();
    return ids;
}

bool is_public_event_type(std::string_view id) {
    const EventType* t = find_event_type(id);
    return t != nullptr && t->is_public();
}

}  // namespace toponym
