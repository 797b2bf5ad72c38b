// Transliteration-tolerant folding of place-name words (ICU for the Unicode part).
#include "text/normalize.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "text/utf8.hpp"

namespace toponym::text {

namespace {

// ICU transliterators are expensive to create and not thread-safe: one per thread.
icu::Transliterator& latin_folder() {
    thread_local std::unique_ptr<icu::Transliterator> folder = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "NFD; [:Nonspacing Mark:] Remove; NFC; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !t) throw std::runtime_error("ICU: cannot create the Latin folding transliterator");
        return t;
    }();
    return *folder;
}

bool is_arabic(char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_ARABIC;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    std::size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

constexpr std::array<std::string_view, 20> kLatinArticles = {
    "al", "el", "il", "ul", "an", "ar", "as", "ash", "at", "ath",
    "ad", "adh", "az", "ed", "en", "er", "es", "et", "ez", "l"};

// Words whose folded forms still differ after the general rules: generic heads of Syrian
// place names, in their usual transliterations, mapped to one key.
struct WordClass {
    std::string_view key;
    std::array<std::string_view, 6> folded_variants;
};
constexpr std::array<WordClass, 6> kWordClasses = {{
    {"tal", {"til", "tl", "tal", "", "", ""}},                 // Tell, Tall, Tal, Tel
    {"kafr", {"kfar", "kifr", "kafar", "kfr", "kufr", ""}},     // Kafr, Kfar, Kefr
    {"dayr", {"dir", "dayr", "", "", "", ""}},                  // Deir, Dayr, Der
    {"jabal", {"jibil", "jabil", "jbil", "jbal", "jibal", ""}},  // Jabal, Jebel, Jbel
    {"khirba", {"khirbit", "khirbat", "khirbi", "", "", ""}},   // Khirbet, Khirbat
    {"ayn", {"ayn", "ayan", "", "", "", ""}},                   // Ain, Ayn, Ein (rules give ayn)
}};

std::string canonical_word(std::string key) {
    for (const auto& wc : kWordClasses) {
        for (std::string_view v : wc.folded_variants) {
            if (!v.empty() && v == key) return std::string(wc.key);
        }
    }
    return key;
}

// The rules on a lower-case ASCII word. Order matters: endings first, then digraphs, then
// single vowels, then doubled letters.
std::string fold_latin_rules(std::string s) {
    // Ta marbuta: -eh / -ah / -e / -a all end in "a" (Ramouseh, Ramousah, Ramousa).
    if (s.size() > 3 && (s.ends_with("eh") || s.ends_with("ah"))) {
        s.resize(s.size() - 2);
        s.push_back('a');
    } else if (s.size() > 3 && s.back() == 'e') {
        s.back() = 'a';
    }
    replace_all(s, "ou", "u");
    replace_all(s, "oo", "u");
    replace_all(s, "ee", "i");
    replace_all(s, "ei", "ay");
    replace_all(s, "ey", "ay");
    replace_all(s, "ai", "ay");
    replace_all(s, "dj", "j");
    // "aw" before a consonant or at the end is the long o/u: Zawr / Zor / Zour.
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == 'a' && s[i + 1] == 'w' && (i + 2 == s.size() || !is_vowel(s[i + 2]))) {
            s.replace(i, 2, "u");
        }
    }
    for (char& c : s) {
        if (c == 'e') c = 'i';
        else if (c == 'o') c = 'u';
        else if (c == 'q') c = 'k';
    }
    // Doubled letters (shadda is written or not): Maarrat / Marat, Izza / Iza.
    std::string collapsed;
    collapsed.reserve(s.size());
    for (char c : s) {
        if (collapsed.empty() || collapsed.back() != c) collapsed.push_back(c);
    }
    s = std::move(collapsed);
    replace_all(s, "iy", "y");  // Hamidiya / Hamidya
    if (s.size() > 3 && s.ends_with("ia")) s.replace(s.size() - 2, 2, "ya");  // Hamidia
    return canonical_word(std::move(s));
}

FoldedWord fold_latin(std::string_view word) {
    std::string ascii;
    ascii.reserve(word.size());
    bool pure_ascii = true;
    for (char c : word) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            pure_ascii = false;
            break;
        }
    }
    if (pure_ascii) {
        for (char c : word) {
            if (c >= 'A' && c <= 'Z') ascii.push_back(static_cast<char>(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii.push_back(c);
            // apostrophes and other marks vanish
        }
    } else {
        std::string without_marks;
        std::size_t pos = 0;
        while (pos < word.size()) {
            char32_t cp = next_code_point(word, pos);
            if (!is_apostrophe_like(cp)) append_utf8(without_marks, cp);
        }
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(without_marks);
        latin_folder().transliterate(u);
        std::string folded;
        u.toUTF8String(folded);
        for (char c : folded) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii.push_back(c);
        }
    }
    FoldedWord out;
    for (std::string_view article : kLatinArticles) {
        if (ascii == article) {
            out.key = "al";
            out.is_article = true;
            return out;
        }
    }
    if (!ascii.empty()) out.key = fold_latin_rules(std::move(ascii));
    return out;
}

FoldedWord fold_arabic(std::string_view word) {
    std::u32string letters;
    std::size_t pos = 0;
    while (pos < word.size()) {
        char32_t cp = next_code_point(word, pos);
        if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) continue;  // harakat, tatweel
        switch (cp) {
            case 0x0623: case 0x0625: case 0x0622: case 0x0671: cp = 0x0627; break;  // alef forms
            case 0x0629: cp = 0x0647; break;  // ta marbuta -> ha
            case 0x0649: cp = 0x064A; break;  // alef maqsura -> ya
            case 0x0624: cp = 0x0648; break;  // waw with hamza
            case 0x0626: cp = 0x064A; break;  // ya with hamza
            default: break;
        }
        if (!is_word_char(cp)) continue;
        letters.push_back(cp);
    }
    FoldedWord out;
    const std::u32string article = U"\u0627\u0644";  // ال
    if (letters == article) {
        out.is_article = true;
        out.key = "al";
        return out;
    }
    if (letters.size() >= article.size() + 2 && letters.starts_with(article)) letters.erase(0, 2);
    for (char32_t cp : letters) append_utf8(out.key, cp);
    return out;
}

}  // namespace

bool is_apostrophe_like(char32_t cp) {
    switch (cp) {
        case U'\'': case U'`': case 0x00B4: case 0x2018: case 0x2019: case 0x02BC:
        case 0x02BE: case 0x02BF: case 0x02BB: case 0x2032:
            return true;
        default:
            return false;
    }
}

bool is_word_char(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    const auto c = static_cast<UChar32>(cp);
    return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK;
}

FoldedWord fold_word(std::string_view word) {
    std::size_t pos = 0;
    while (pos < word.size()) {
        char32_t cp = next_code_point(word, pos);
        if (cp >= 0x80 && is_arabic(cp)) return fold_arabic(word);
    }
    return fold_latin(word);
}

std::vector<std::string> fold_name_words(std::string_view name) {
    std::vector<FoldedWord> words;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            FoldedWord w = fold_word(current);
            if (!w.key.empty()) words.push_back(std::move(w));
            current.clear();
        }
    };
    std::size_t pos = 0;
    while (pos < name.size()) {
        char32_t cp = next_code_point(name, pos);
        if (is_word_char(cp) || is_apostrophe_like(cp)) {
            append_utf8(current, cp);
        } else {
            flush();
        }
    }
    flush();
    std::vector<std::string> keys;
    bool all_articles = true;
    for (const auto& w : words) all_articles = all_articles && w.is_article;
    for (auto& w : words) {
        if (w.is_article && !all_articles) continue;
        keys.push_back(std::move(w.key));
    }
    return keys;
}

bool starts_with_article(std::string_view name) {
    std::string first;
    std::size_t pos = 0;
    while (pos < name.size()) {
        const char32_t cp = next_code_point(name, pos);
        if (is_word_char(cp) || is_apostrophe_like(cp)) {
            append_utf8(first, cp);
        } else if (!first.empty()) {
            break;
        }
    }
    return !first.empty() && fold_word(first).is_article;
}

std::string fold_name(std::string_view name) {
    std::string joined;
    for (const auto& key : fold_name_words(name)) {
        if (!joined.empty()) joined.push_back(' ');
        joined += key;
    }
    return joined;
}

}  // namespace toponym::text
