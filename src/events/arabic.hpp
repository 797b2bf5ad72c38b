// Reports written in Arabic: the event type, actors, casualty figures and date expressions of an
// Arabic sentence, from cue tables over folded Arabic words (the proclitics و ف ب ل ك and the
// article ال peeled off). The English functions (classify_event, find_actors, find_casualties,
// resolve_sentence_date) call these when a sentence holds Arabic script and their own scan
// finds nothing, so Latin text never pays for them. Pure, thread-safe, safe on any byte string.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/classifier.hpp"

namespace toponym::events::arabic {

// True when `s` holds a character of the Arabic block (U+0600..U+06FF): a byte scan, no decoding.
bool has_arabic(std::string_view s);

// One word of Arabic (or other) text, folded: harakat and tatweel removed, أ إ آ ٱ → ا, ة → ه,
// ى → ي, ؤ → و, ئ → ي, Arabic-Indic digits → ASCII digits, ASCII letters lowered.
struct Word {
    std::size_t begin = 0, end = 0;  // bytes of the word as written
    std::string key;                 // the folded word
    // The word without its proclitics, shortest last: key; without و/ف; without ب/ل/ك; without
    // ال (and لل = ل + ال). `clitic_bytes[k]` is how many bytes of the written word stems[k] drops
    // before any article.
    std::vector<std::string> stems;
    std::vector<std::size_t> clitic_bytes;
    bool article = false;        // some stem dropped ال
    bool stop_before = false;    // . ؟ ! : ؛ ; ( ) " « » or a line break before this word
    bool comma_before = false;   // , or ، before this word
    bool is_number = false;
    long value = -1;
};

std::vector<Word> scan_words(std::string_view text);

// True when some stem of `w` equals `folded`.
bool word_is(const Word& w, std::string_view folded);

// The value of an Arabic number word at w[i] ("خمسة", "عشرين", "ثلاثة عشر", "خمسة وعشرين"),
// digits included; sets `last` to its last word. -1 when none.
long number_at(const std::vector<Word>& w, std::size_t i, std::size_t& last);

// As classify_event, for Arabic: «قصف جوي روسي على بلدة كفرنبل» is an air strike.
std::optional<Classification> classify(std::string_view sentence, std::size_t cue_from = 0);

// As find_actors: «الطيران الروسي», «قوات النظام», «تنظيم الدولة», «قسد», as written (without
// a proclitic: «لقوات النظام» gives «قوات النظام»).
std::vector<std::string> find_actors(std::string_view sentence);

// As find_casualties: «مقتل خمسة مدنيين», «٥ شهداء و١٢ جريحاً», «إصابة العشرات».
Casualties find_casualties(std::string_view sentence);

// The date expressions of an Arabic sentence in English words the English date resolver reads
// («يوم الثلاثاء» → "on Tuesday", «١٣/٣/٢٠١٦» → "13 March 2016", «فجر اليوم» → "early today",
// «أمس» → "yesterday"), groups joined by " . ". Each group is paired with the Arabic it came
// from in `sources` (same order). Empty when there is none.
std::string date_gloss(std::string_view sentence, std::vector<std::pair<std::string, std::string>>* sources = nullptr);

}  // namespace toponym::events::arabic
