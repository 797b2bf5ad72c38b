// Place names in Arabic grammar: the proclitics و ف ب ل ك and the article written onto a name
// (بكفرنبل، والهبيط، بالرقة، للمدينة), the words that introduce a place (بلدة، قرية، مدينة، حي،
// مخيم، ناحية، منطقة، محافظة) as heads, common words that share a village's name (على، الحربي،
// مدينة) and organisation names (أحرار الشام، جيش الإسلام) that are no place, and the relative
// phrases (ريف إدلب الجنوبي، الريف الغربي لحلب، شمال مدينة حماة، على بعد 5 كم جنوب X). Every
// function looks only at tokens in Arabic script, so Latin text costs one byte test a token.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geoparse/fuzzy.hpp"
#include "geoparse/mention_finder.hpp"
#include "text/tokenize.hpp"

namespace toponym::geoparse::arabic {

// True when the token's folded key is in Arabic script.
bool is_arabic_token(const text::Token& t);

// The token's key without its proclitics, shortest last, the key itself excluded: "بالرقه" gives
// "الرقه"... folded as a name ("رقه"); "وكفرنبل" gives "كفرنبل"; a compound name written as one
// word gives its spaced form too ("كفرنبودة": "كفر نبودة").
std::vector<std::string> peeled_keys(std::string_view key);

// The consonants of a folded Arabic key, the part spellings agree on: the letters without the
// long vowels and hamza seats (ا و ي ى ء ؤ ئ), ة and a word's final ه, spaces, doubled letters
// once («الشدادي» and «الشدادة» both «شد», «كفرزتيا» and «كفرزيتا» both «كفرزت», «تل منس» and
// «تلمنس» both «تلمنس»).
std::string skeleton(std::string_view key);

// The words that tell twin villages of one name apart (folded): big / small, upper / lower,
// the sides, old / new («عرب حسن كبير», «قرنفل فوقاني»).
const std::vector<std::string>& twin_words();

// The key of the first twin village of `key` (folded) followed by a twin word, when every such
// Syrian place lies within 10 km of it: «عرب حسن» for «عرب حسن كبير» and «عرب حسن صغير». ""
// otherwise.
std::string twin_key(const std::string& key, const Gazetteer& g);

// A place's slot in Arabic text holding words no gazetteer key matched: tokens [first, last]
// (Arabic, no common word, no organisation) after a place word («قرية X», «بلدة X Y»: `head` its
// English head), after «في» / «على», or joined by «و» to a known name before it («بلدتي X وY»,
// keys without the «و»), when the name ends there: a stop or comma, the text's
// end, a known name, or a countryside, direction or nearness word follows («في X.», «على X بريف
// حماة»), or after a place word a common word too («قرية X جراء»). Longer spans first; `keys` are the spellings to look up, the written one first, then
// the words run together or split after a first noun («تل منس» / «تلمنس», «ابوحبة» / «ابو حبة»).
struct SlotName {
    std::size_t first_token = 0, last_token = 0;
    std::string head;
    std::vector<std::string> keys;
};
std::vector<SlotName> slot_names(const std::vector<text::Token>& tokens, const MentionScan& scan);

// Adjusts a finished scan for Arabic text: drops common words and organisation names read as
// places, gives the names after a place word their head, and adds names written with a
// proclitic. Keeps `scan.matches` sorted by first token. Text before `names_end` (bytes) is a
// location cell, a place by its column's declaration: a bare one-word village there needs no
// word before it that puts a place there, and «X الشرقية» is the village X (its eastern part),
// not a region the gazetteer lacks.
void adjust_mentions(std::string_view text, const std::vector<text::Token>& tokens, const Gazetteer& gazetteer,
                     MentionScan& scan, std::size_t names_end = 0);

// The words between two names (tokens[from, to), `to` the second name's first token) as the
// English words of the same join, for the qualifier rules: «في ريف» → in countryside of,
// «غرب» → west of, «قرب» → near, a ب on the second name → in, a ل → of («جوبر بدمشق»: in).
// Words it does not know are kept as written (and so join nothing).
std::vector<std::string_view> join_words(const std::vector<text::Token>& tokens, std::size_t from, std::size_t to);

// Relative locations written in Arabic around the location mentions (mentions[i] comes from
// matches[i]): «ريف إدلب الجنوبي» (countryside, S), «الريف الغربي لحلب», «ريف حماة» (countryside),
// «شمال حماة» / «جنوب شرق مدينة إدلب» (offset or part), «على بعد ٥ كم شمال X» (offset 5 km),
// «بالقرب من X» / «محيط X» (near), «أطراف X» (outskirts). Located as the English ones.
std::vector<RelativeLocation> find_relatives(std::string_view text, const std::vector<text::Token>& tokens,
                                             const std::vector<NameMatch>& matches, const std::vector<Mention>& mentions,
                                             const Gazetteer& gazetteer);

// Whether `s` (after blanks and directional marks) starts in Arabic script.
bool arabic_script(std::string_view s);

// Adds to the scores of an Arabic-script mention's readings how well its spelling attests each
// as the place meant, among same-named readings nothing else tells apart (small: it orders near
// ties, the caller sorts): a reading whose first Arabic name is the one written, and one that
// has the name written with the article as the text writes it (or without), +0.1 each. Latin-
// script mentions are left as they are; the script-neutral order (a community list over Who's
// On First alone, a living place, a city's quarter after «حي») is the resolver's.
void add_attestation(Mention& m, const Gazetteer& g);

// The Latin spellings a folded Arabic key can stand for, as a regular expression over folded
// Latin keys (text::fold_name): each consonant as its usual transliterations, the long vowels
// written, ع and ء as nothing, an unwritten short vowel and a space between letters. Fills
// `letters` with the Latin letters every match holds in order (for a fast scan). Empty when a
// character has no mapping.
std::string latin_pattern(std::string_view arabic_key, std::string& letters);

// An Arabic name (folded key, four letters or more) the gazetteer holds only in Latin letters
// ("Kobane" without «كوباني»): among the Syrian places (not admin areas) that `allowed` admits,
// those one of whose Latin keys matches the name's whole spelling (latin_pattern): `agrees`
// when it is one of them, else when they lie within 10 km of one another the first, when apart
// a town among hamlets (ten times the population of any other). Nothing otherwise.
std::optional<std::uint32_t> latin_spelling_place(std::string_view key, const Gazetteer& g, const FuzzyIndex& fuzzy,
                                                  std::uint32_t agrees, const std::function<bool(const Place&)>& allowed);

// The Syrian place (not an admin area) `allowed` admits that one of `keys` names, when all such
// places lie within 10 km of one another (one place): the first. Nothing otherwise.
std::optional<std::uint32_t> one_place_of(const std::vector<std::string>& keys, const Gazetteer& g,
                                          const std::function<bool(const Place&)>& allowed);

// A one-word Arabic name (folded key) written without the alef it starts with (a hamza seat,
// «أ» / «ا»): colloquial and hurried spelling drops it before a consonant, so «عزاز» is «أعزاز»,
// «ريحا» «أريحا». The key with the alef, for a name of three letters or more that does not
// start with one; "" otherwise. Take it only as one_place_of (one place, in the governorates
// the text or row names).
std::string initial_alef_key(std::string_view key);

// The text with a space put back where a typist left it out between two Arabic words: «XY»
// for «X Y» (two names, a name and the same name again, a name and a place or street word). A
// word no gazetteer name holds is split where both halves read as names, or one as a name and
// the other as a word `is_qualifier` admits (folded) or a street or quarter word; a name half
// has three letters or more besides the article. The first such split from the left. Latin
// words are left alone. Empty when no word is split.
std::string respace_glued_words(std::string_view text, const Gazetteer& g,
                                const std::function<bool(std::string_view folded)>& is_qualifier);

}  // namespace toponym::geoparse::arabic
