// Transliteration-tolerant folding of place-name words (ICU for the Unicode part).
#include "text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
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

// Latin letters that do not decompose, as ICU's Latin-ASCII transliteration writes them
// (tests/unit/normalize_test.cpp checks each against the transliterator); "" for others.
std::string_view latin_letter_in_ascii(UChar32 c) {
    switch (c) {
        case 0x0131: return "i";   // ı dotless i (Turkish, Kurdish)
        case 0x00DF: return "ss";  // ß
        case 0x00E6: return "ae";  // æ
        case 0x00C6: return "AE";  // Æ
        case 0x00F8: return "o";   // ø
        case 0x00D8: return "O";   // Ø
        case 0x0111: return "d";   // đ
        case 0x0110: return "D";   // Đ
        case 0x0142: return "l";   // ł
        case 0x0141: return "L";   // Ł
        case 0x0153: return "oe";  // œ
        case 0x0152: return "OE";  // Œ
        case 0x00FE: return "th";  // þ
        case 0x00DE: return "TH";  // Þ
        case 0x00F0: return "d";   // ð
        case 0x00D0: return "D";   // Ð
        case 0x0127: return "h";   // ħ
        case 0x0126: return "H";   // Ħ
        default: return {};
    }
}

// A word whose letters are ASCII letters with marks (ê, ī, Ç, ş): decomposed, the nonspacing
// marks dropped, as the transliterator's first steps do; then the rest of its steps change
// nothing. Nothing when a letter is more than that (ı, ß, another script): the transliterator
// then. Creating a transliterator costs about 150 M instructions a thread; NFD data is shared.
std::optional<std::string> ascii_by_decomposition(std::string_view word) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || nfd == nullptr) return std::nullopt;
    const icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(word), status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string out;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (u_charType(c) != U_NON_SPACING_MARK) {
            const std::string_view ascii = latin_letter_in_ascii(c);
            if (ascii.empty()) return std::nullopt;
            out.append(ascii);
        }
    }
    return out;
}

bool is_arabic(char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_ARABIC;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

constexpr std::array<std::string_view, 20> kLatinArticles = {
    "al", "el", "il", "ul", "an", "ar", "as", "ash", "at", "ath",
    "ad", "adh", "az", "ed", "en", "er", "es", "et", "ez", "l"};
constexpr std::size_t kLongestArticle = 3;

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
constexpr std::size_t kLongestVariant = 7;

void canonical_word(std::string& key) {
    // Every variant starts with one of these letters: most words are rejected here.
    if (key.size() > kLongestVariant || std::string_view("tkdja").find(key[0]) == std::string_view::npos) return;
    for (const auto& wc : kWordClasses) {
        for (std::string_view v : wc.folded_variants) {
            if (!v.empty() && v == key) {
                key = wc.key;
                return;
            }
        }
    }
}

// Replaces every "ab" by `to` (one or two letters), left to right, in s[0, n); returns the new
// length. Like repeated find-and-replace: replaced text is not scanned again. Never grows.
std::size_t replace_pair(char* s, std::size_t n, char a, char b, std::string_view to) {
    std::size_t w = 0;
    for (std::size_t r = 0; r < n;) {
        if (s[r] == a && r + 1 < n && s[r + 1] == b) {
            for (char c : to) s[w++] = c;
            r += 2;
        } else {
            s[w++] = s[r++];
        }
    }
    return w;
}

// Letters present in a word, as a bit set (bit 0 = 'a'): the rules below skip a pass whose
// letters are absent. Passes add their replacement letters, so the set stays a superset.
std::uint32_t letter_set(const char* s, std::size_t n) {
    std::uint32_t set = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (s[i] >= 'a' && s[i] <= 'z') set |= 1u << (s[i] - 'a');
    }
    return set;
}
constexpr std::uint32_t bit(char c) { return 1u << (c - 'a'); }

// The rules on a lower-case ASCII word, in place (this runs for every token of every
// document: no allocation, no searching). Order matters: endings first, then digraphs, then
// single vowels, then doubled letters.
void fold_latin_rules(std::string& word) {
    char* s = word.data();
    std::size_t n = word.size();
    // Ta marbuta: -eh / -ah / -e / -a all end in "a" (Ramouseh, Ramousah, Ramousa).
    if (n > 3 && s[n - 1] == 'h' && (s[n - 2] == 'e' || s[n - 2] == 'a')) {
        s[n - 2] = 'a';
        --n;
    } else if (n > 3 && s[n - 1] == 'e') {
        s[n - 1] = 'a';
    }
    std::uint32_t letters = letter_set(s, n);
    auto pass = [&](char a, char b, std::string_view to) {
        if ((letters & bit(a)) == 0 || (letters & bit(b)) == 0) return;
        n = replace_pair(s, n, a, b, to);
        for (char c : to) letters |= bit(c);
    };
    pass('o', 'u', "u");
    pass('o', 'o', "u");
    pass('e', 'e', "i");
    pass('e', 'i', "ay");
    pass('e', 'y', "ay");
    pass('a', 'i', "ay");
    pass('d', 'j', "j");
    // "aw" before a consonant or at the end is the long o/u: Zawr / Zor / Zour.
    if ((letters & bit('a')) != 0 && (letters & bit('w')) != 0) {
        std::size_t w = 0;
        for (std::size_t r = 0; r < n;) {
            if (s[r] == 'a' && r + 1 < n && s[r + 1] == 'w' && (r + 2 == n || !is_vowel(s[r + 2]))) {
                s[w++] = 'u';
                r += 2;
            } else {
                s[w++] = s[r++];
            }
        }
        n = w;
    }
    // e -> i, o -> u, q -> k; then doubled letters (shadda is written or not): Maarrat / Marat,
    // Izza / Iza.
    std::size_t w = 0;
    for (std::size_t r = 0; r < n; ++r) {
        char c = s[r];
        if (c == 'e') c = 'i';
        else if (c == 'o') c = 'u';
        else if (c == 'q') c = 'k';
        if (w == 0 || s[w - 1] != c) s[w++] = c;
    }
    n = w;
    if ((letters & (bit('i') | bit('e'))) != 0 && (letters & bit('y')) != 0) n = replace_pair(s, n, 'i', 'y', "y");  // Hamidiya / Hamidya
    if (n > 3 && s[n - 2] == 'i' && s[n - 1] == 'a') s[n - 2] = 'y';  // Hamidia
    word.resize(n);
    canonical_word(word);
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Lower-case letters and digits of an ASCII word; apostrophes and other marks vanish.
std::string ascii_letters(std::string_view word) {
    std::string ascii(word.size(), '\0');
    std::size_t n = 0;
    for (char c : word) {
        if (c >= 'A' && c <= 'Z') ascii[n++] = static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii[n++] = c;
    }
    ascii.resize(n);
    return ascii;
}

// An article, or the rules applied: `ascii` is the word's lower-case ASCII letters and digits.
FoldedWord fold_ascii_letters(std::string ascii) {
    FoldedWord out;
    const bool may_be_article = !ascii.empty() && ascii.size() <= kLongestArticle &&
                                std::string_view("aeiul").find(ascii[0]) != std::string_view::npos;
    for (std::string_view article : kLatinArticles) {
        if (may_be_article && ascii == article) {
            out.key = "al";
            out.is_article = true;
            return out;
        }
    }
    if (!ascii.empty()) {
        fold_latin_rules(ascii);
        out.key = std::move(ascii);
    }
    return out;
}

FoldedWord fold_latin(std::string_view word) {
    std::string ascii;
    if (is_ascii(word)) {
        ascii = ascii_letters(word);
    } else {
        std::string without_marks;
        std::size_t pos = 0;
        while (pos < word.size()) {
            char32_t cp = next_code_point(word, pos);
            if (!is_apostrophe_like(cp)) append_utf8(without_marks, cp);
        }
        if (is_ascii(without_marks)) {
            // Only the apostrophes were not ASCII ("Aleppo’s", "Ma‘arat"): the transliterator
            // would only lower-case the rest.
            ascii = ascii_letters(without_marks);
        } else if (const std::optional<std::string> plain = ascii_by_decomposition(without_marks)) {
            ascii = ascii_letters(*plain);
        } else {
            icu::UnicodeString u = icu::UnicodeString::fromUTF8(without_marks);
            latin_folder().transliterate(u);
            std::string folded;
            u.toUTF8String(folded);
            for (char c : folded) {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii.push_back(c);
            }
        }
    }
    return fold_ascii_letters(std::move(ascii));
}

// Folded keys of recently seen ASCII words, one cache a thread. News text repeats a few
// thousand words (the, of, said, Aleppo) in most of its tokens, and the rules cost several
// hundred instructions a word; a hit costs a hash and a 16-byte compare. Direct-mapped: a
// word that collides replaces the older one. Folding is a pure function of the letters, so
// what is cached never changes a result.
class FoldCache {
public:
    static constexpr std::size_t kMaxLetters = 16;  // longer words are folded every time
    static constexpr std::size_t kMaxKey = 14;

    // If `letters` (lower-case ASCII letters and digits, at least one, zero-padded to
    // kMaxLetters bytes) are cached: sets `key` to their key, and says if they are an article.
    std::optional<bool> find(const char* letters, std::string& key) const {
        const Slot& slot = slots_[slot_of(letters)];
        if (std::memcmp(slot.letters, letters, kMaxLetters) != 0) return std::nullopt;
        key.assign(slot.key, slot.key_length);
        return slot.is_article;
    }

    void store(const char* letters, const FoldedWord& folded) {
        if (folded.key.size() > kMaxKey) return;
        Slot& slot = slots_[slot_of(letters)];
        std::memcpy(slot.letters, letters, kMaxLetters);
        std::memcpy(slot.key, folded.key.data(), folded.key.size());
        slot.key_length = static_cast<std::uint8_t>(folded.key.size());
        slot.is_article = folded.is_article;
    }

private:
    static constexpr std::size_t kSlotBits = 13;
    struct Slot {
        char letters[kMaxLetters] = {};  // all zero: empty (no word has no letters here)
        char key[kMaxKey] = {};
        std::uint8_t key_length = 0;
        bool is_article = false;
    };
    static std::size_t slot_of(const char* letters) {
        std::uint64_t a = 0;
        std::uint64_t b = 0;
        std::memcpy(&a, letters, 8);
        std::memcpy(&b, letters + 8, 8);
        const std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
        return static_cast<std::size_t>((h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull >> (64 - kSlotBits));
    }
    std::array<Slot, std::size_t{1} << kSlotBits> slots_{};
};

FoldCache& fold_cache() {
    thread_local std::unique_ptr<FoldCache> cache = std::make_unique<FoldCache>();
    return *cache;
}

// Arabic presentation forms (ﺣﻠﺐ, written by old software as the shapes of the letters) as the
// letters they shape: NFKC of the word, only when it holds one.
std::string without_presentation_forms(std::string_view word) {
    bool any = false;
    for (std::size_t pos = 0; pos < word.size() && !any;) {
        const char32_t cp = next_code_point(word, pos);
        any = (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    }
    if (!any) return std::string(word);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || nfkc == nullptr) return std::string(word);
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    const icu::UnicodeString out = nfkc->normalize(in, status);
    if (U_FAILURE(status)) return std::string(word);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

FoldedWord fold_arabic(std::string_view written) {
    const std::string normalized = without_presentation_forms(written);
    const std::string_view word(normalized);
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
            // Persian and Kurdish letters of the same sounds (alternate names typed on their
            // keyboards: «دیرالزور», «شورک»)
            case 0x06CC: cp = 0x064A; break;  // Persian yeh
            case 0x06A9: cp = 0x0643; break;  // keheh
            case 0x06D5: cp = 0x0647; break;  // ae
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

bool is_word_char_beyond_ascii(char32_t cp) {
    const auto c = static_cast<UChar32>(cp);
    return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK;
}

bool fold_word_into(std::string_view word, std::string& key) {
    // ASCII words short enough for the cache (nearly every token): their letters in one pass.
    if (word.size() <= FoldCache::kMaxLetters) {
        char letters[FoldCache::kMaxLetters] = {};
        std::size_t n = 0;
        bool ascii = true;
        for (char c : word) {
            if (c >= 'a' && c <= 'z') letters[n++] = c;
            else if (c >= 'A' && c <= 'Z') letters[n++] = static_cast<char>(c - 'A' + 'a');
            else if (c >= '0' && c <= '9') letters[n++] = c;
            else if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        }
        if (ascii) {
            if (n == 0) {
                key.clear();
                return false;
            }
            FoldCache& cache = fold_cache();
            if (const std::optional<bool> is_article = cache.find(letters, key)) return *is_article;
            FoldedWord folded = fold_ascii_letters(std::string(letters, n));
            cache.store(letters, folded);
            key = std::move(folded.key);
            return folded.is_article;
        }
    }
    FoldedWord folded;
    if (is_ascii(word)) {
        folded = fold_latin(word);
    } else {
        bool arabic = false;
        for (std::size_t pos = 0; pos < word.size() && !arabic;) {
            const char32_t cp = next_code_point(word, pos);
            arabic = cp >= 0x80 && is_arabic(cp);
        }
        folded = arabic ? fold_arabic(word) : fold_latin(word);
    }
    key = std::move(folded.key);
    return folded.is_article;
}

FoldedWord fold_word(std::string_view word) {
    FoldedWord out;
    out.is_article = fold_word_into(word, out.key);
    return out;
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
