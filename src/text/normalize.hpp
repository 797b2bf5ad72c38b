// Matching keys for place names: folds the spelling variants of transliterated Arabic names
// (Maarat / Maarrat / Ma'arat, Idlib / Idleb, Deir / Dayr, -eh / -ah / -a) to one key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace toponym::text {

struct FoldedWord {
    std::string key;          // empty when nothing matchable remains (punctuation, marks)
    bool is_article = false;  // al-, el-, an-, ash-, ... (and the Arabic ال standing alone)
};

// Folds one word (a token without spaces or hyphens). Latin script: diacritics and ayn/hamza
// marks removed, lower case, then the transliteration rules (see normalize.cpp). Arabic script:
// diacritics and tatweel removed, alef/ya/ta marbuta forms unified, a leading ال dropped.
FoldedWord fold_word(std::string_view word);

// fold_word into `key` (its storage reused; the tokenizer folds every token); returns
// is_article.
bool fold_word_into(std::string_view word, std::string& key);

// Splits a name into words (on spaces, hyphens and punctuation other than apostrophes),
// folds each, drops articles (unless the name is nothing but articles) and joins the keys
// with single spaces: "Ma'arrat an-Nu'man" and "Maarat al-Numan" both give "marat numan".
std::string fold_name(std::string_view name);

// The words of a name, folded, articles dropped (the parts fold_name joins).
std::vector<std::string> fold_name_words(std::string_view name);

// True if the first word of `name` is an article (al-, el-, an-, ... or a standing ال).
bool starts_with_article(std::string_view name);

// True for characters that mark ayn / hamza or serve as apostrophes inside transliterated
// names (' ’ ‘ ` ´ ʿ ʾ ʼ ′): they are part of a word, never a word boundary.
inline bool is_apostrophe_like(char32_t cp) {
    switch (cp) {
        case U'\'': case U'`': case 0x00B4: case 0x2018: case 0x2019: case 0x02BC:
        case 0x02BE: case 0x02BF: case 0x02BB: case 0x2032:
            return true;
        default:
            return false;
    }
}

// is_word_char beyond ASCII (ICU's character properties).
bool is_word_char_beyond_ascii(char32_t cp);

// True for characters that belong to a word: letters, digits, combining marks. Inline: the
// tokenizer asks for every character of every document, and nearly all are ASCII.
inline bool is_word_char(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return is_word_char_beyond_ascii(cp);
}

}  // namespace toponym::text
