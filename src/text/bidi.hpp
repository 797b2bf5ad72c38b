// The writing direction of a text, as the Unicode Bidirectional Algorithm sees it, for the
// outputs that must say it (a KML balloon, a label) rather than leave it to the reader's
// software: an Arabic snippet that mentions "Kafranbel" is a right-to-left paragraph, an
// English one that quotes «كفرنبل» a left-to-right one.
#pragma once

#include <string_view>

namespace toponym::text {

enum class Direction { Neutral, LeftToRight, RightToLeft };

// The base direction of a paragraph of UTF-8 by its first strong character (UBA rules P2-P3,
// ICU's u_charDirection): L gives LeftToRight, R or AL (Hebrew, Arabic, Syriac, Thaana,
// N'Ko...) RightToLeft. Characters inside an isolate (LRI, RLI, FSI ... PDI) are skipped, as
// P2 says. Neutral when no strong character is found (digits, punctuation, empty). An
// ill-formed sequence counts as U+FFFD, a neutral.
Direction base_direction(std::string_view utf8);

// "rtl" or "ltr" for an HTML dir attribute ("ltr" for a neutral text).
const char* html_dir(Direction d);

}  // namespace toponym::text
