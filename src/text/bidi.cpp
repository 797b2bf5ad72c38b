#include "text/bidi.hpp"

#include <unicode/uchar.h>

#include "text/utf8.hpp"

namespace toponym::text {

Direction base_direction(std::string_view utf8) {
    int isolates = 0;  // open isolate initiators, whose content P2 skips
    for (std::size_t pos = 0; pos < utf8.size();) {
        const auto c = static_cast<UChar32>(next_code_point(utf8, pos));
        if (c < 0x80) {
            // ASCII: letters are L, everything else neutral or weak.
            if (isolates == 0 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return Direction::LeftToRight;
            continue;
        }
        switch (u_charDirection(c)) {
            case U_LEFT_TO_RIGHT_ISOLATE:
            case U_RIGHT_TO_LEFT_ISOLATE:
            case U_FIRST_STRONG_ISOLATE:
                ++isolates;
                break;
            case U_POP_DIRECTIONAL_ISOLATE:
                if (isolates > 0) --isolates;
                break;
            case U_LEFT_TO_RIGHT:
                if (isolates == 0) return Direction::LeftToRight;
                break;
            case U_RIGHT_TO_LEFT:
            case U_RIGHT_TO_LEFT_ARABIC:
                if (isolates == 0) return Direction::RightToLeft;
                break;
            default:
                break;
        }
    }
    return Direction::Neutral;
}

const char* html_dir(Direction d) { return d == Direction::RightToLeft ? "rtl" : "ltr"; }

}  // namespace toponym::text
