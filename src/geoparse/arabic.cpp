// Arabic place grammar: proclitics, place words, common words, organisations, relative phrases.
#include "geoparse/arabic.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "geo/geodesy.hpp"
#include "geoparse/relative.hpp"
#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::geoparse::arabic {

namespace {

using text::Token;

constexpr char32_t kAlef = 0x0627, kLam = 0x0644, kWaw = 0x0648, kFa = 0x0641, kBa = 0x0628, kKaf = 0x0643;

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out.push_back(text::next_code_point(s, i));
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) text::append_utf8(out, c);
    return out;
}

// A name's key after a clitic came off: the article dropped as fold_word drops it.
std::string name_key(std::u32string s) {
    if (s.size() >= 4 && s[0] == kAlef && s[1] == kLam) s.erase(0, 2);
    return encode(s);
}

std::unordered_set<std::string> fold_set(std::initializer_list<std::string_view> words) {
    std::unordered_set<std::string> out;
    for (std::string_view w : words) out.insert(text::fold_word(w).key);
    return out;
}

// Words of running Arabic text that share a place's name but stand alone as words: particles,
// place words, directions, the words of war reporting and the adjectives of its actors.
const std::unordered_set<std::string>& common_words() {
    static const std::unordered_set<std::string> words = fold_set({
        "في", "على", "من", "إلى", "الى", "عن", "مع", "بين", "حول", "قرب", "بالقرب", "داخل", "خارج", "عند", "منذ",
        "بعد", "قبل", "خلال", "حتى", "تحت", "فوق", "أمام", "وراء", "نحو", "ضد", "لدى", "هذا", "هذه", "ذلك", "تلك",
        "التي", "الذي", "السيد", "سيد", "الذين", "كما", "حيث", "وقد", "قد", "كان", "كانت", "أن", "إن", "أو", "ثم", "لا", "لم", "لن",
        "ما", "هو", "هي", "هم", "كل", "بعض", "عدة", "عدد", "أحد", "اليوم", "أمس", "يوم", "صباح", "مساء", "فجر",
        "ليل", "ليلة", "شهر", "عام", "سنة", "الساعة", "أيضا", "وسط", "جراء", "إثر", "بسبب", "أدى", "أسفر", "مما",
        // place words
        "مدينة", "المدينة", "بلدة", "البلدة", "قرية", "القرية", "قرى", "بلدات", "مدن", "حي", "الحي", "أحياء", "مخيم",
        "المخيم", "مخيمات", "ناحية", "منطقة", "المنطقة", "مناطق", "مزرعة", "مزارع", "محافظة", "ريف", "الريف",
        "أطراف", "محيط", "ضواحي", "ضاحية", "جبل", "سهل", "وادي", "تل", "تلة", "عين", "دير", "كفر", "خان", "بير",
        "بئر", "رأس", "أبو", "أم", "بيت", "شيخ", "الشيخ", "طريق", "الطريق", "شارع", "دوار", "ساحة", "سوق", "السوق",
        "جسر", "الجسر", "سد", "السد", "مطار", "المطار", "حدود", "الحدود", "الحدودية", "معبر", "المعبر", "مشفى",
        "المشفى", "مستشفى", "مدرسة", "المدرسة", "مسجد", "المسجد", "جامع", "الجامع", "منزل", "منازل", "المنازل",
        "مركز", "المركز", "نقطة", "النقطة", "حارة", "نهر", "النهر", "حويجة", "جزيرة", "كرم", "تلة", "قلعة", "حاجز", "الحاجز", "كتيبة", "الكتيبة", "فوج", "الفوج", "اللواء", "مقر",
        "المقر", "محطة", "المحطة", "معمل", "المعمل", "الجبهة", "جبهة", "جبهات", "محور", "المحور", "محاور",
        // directions
        "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "الشمالي", "الجنوبي", "الشرقي", "الغربي",
        "الشمالية", "الجنوبية", "الشرقية", "الغربية", "شمالا", "جنوبا", "شرقا", "غربا", "الأوسط", "الوسطى",
        // actors and their adjectives
        "الروسي", "الروسية", "روسي", "روسية", "التركي", "التركية", "تركي", "السوري", "السورية", "الإيراني",
        "الإيرانية", "الأمريكي", "الأمريكية", "الحربي", "الحربية", "حربي", "الجوي", "الجوية", "جوي", "جوية",
        "العسكري", "العسكرية", "عسكري", "الكردي", "الكردية", "الإسلامي", "الإسلامية", "الوطني", "الوطنية",
        "الديمقراطية", "الحر", "الدولي", "الدولية", "المتفجرة", "متفجرة", "المدفعي", "المدفعية", "الصاروخي",
        "المسيرة", "المدني", "المدنيين", "مدنيين", "أطفال", "الأطفال", "النظام", "نظام", "قوات", "القوات", "جيش",
        "الجيش", "طيران", "الطيران", "الثوار", "المعارضة", "الفصائل", "فصائل", "تنظيم", "التنظيم", "الدولة",
        "عناصر", "الميليشيات", "ميليشيات", "المقاتلة", "الموالية", "الشعبية", "الشعب",
        // events
        "قصف", "القصف", "غارة", "غارات", "الغارة", "الغارات", "استهداف", "مقتل", "شهداء", "الشهداء", "جرحى",
        "إصابة", "معارك", "اشتباكات", "هجوم", "الهجوم", "مجزرة", "المجزرة", "سيطرة", "السيطرة", "انفجار", "تفجير",
        "نزوح", "حصار", "الحصار", "برميل", "براميل", "صاروخ", "صواريخ", "قذائف", "قذيفة", "هاون", "الأهالي",
        "السكان", "الدفاع", "المدني", "مصادر", "محلية", "ناشطون", "ناشطين", "الإعلامي", "المكتب", "تنسيقية",
        "كمين", "حياة", "بحياة", "ضحية", "ضحايا", "رصاص", "قناص", "عبوة", "ناسفة", "سيارة", "مفخخة", "دراجة",
        "نارية", "آخرين", "كبيرة", "كبير", "واسعة", "واسع", "جديد", "جديدة", "أحد", "الأحد", "السبت", "الاثنين",
        "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "الماضي", "الماضية", "صباحا", "مساء",
        // months
        "إسقاط", "إطلاق", "إصابات", "مطالبة", "للمطالبة",
        "كم", "كلم", "كيلو", "كيلومتر", "كيلومترات", "ريفها", "ريفه", "محيطها", "محيطه", "أطرافها", "أطرافه",
        "ضواحيها", "ضواحيه",
        "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "يناير", "فبراير",
        "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    });
    return words;
}

// Features named by a place, as the first noun of a construct: its junction, crossing,
// cemetery, mountain, station («مفرق X», «معبر X», «مقبرة X», «جبل X»).
const std::unordered_set<std::string>& feature_words() {
    static const std::unordered_set<std::string> words =
        fold_set({"مفرق", "معبر", "مقبرة", "جبل", "محطة", "حاجز", "مدخل", "سهل", "وادي", "صوامع", "كازية", "تلة", "جسر",
                  "سد", "مطار", "قلعة", "مفرزة", "طريق", "أوتوستراد", "بادية"});
    return words;
}

enum class PlaceWord { none, head, facility };

struct PlaceWordInfo {
    std::string head;  // the English head it stands for ("village", "town", ...) or ""
    PlaceWord kind = PlaceWord::none;
};

// Place words before a name: the kind of place (a head), or a facility whose own name follows
// («شارع النور», «مسجد الرحمن»: no place of that name is meant).
const std::unordered_map<std::string, PlaceWordInfo>& place_words() {
    static const std::unordered_map<std::string, PlaceWordInfo> words = [] {
        std::unordered_map<std::string, PlaceWordInfo> m;
        const auto add = [&](std::initializer_list<std::string_view> ws, std::string head, PlaceWord kind) {
            for (std::string_view w : ws) m[text::fold_word(w).key] = {head, kind};
        };
        add({"قرية", "القرية", "قرى", "قريتي"}, "village", PlaceWord::head);
        add({"بلدة", "البلدة", "بلدات", "بلدتي"}, "town", PlaceWord::head);
        add({"مدينة", "المدينة", "مدينتي", "مدن"}, "city", PlaceWord::head);
        add({"حي", "أحياء", "حيي", "حارة"}, "neighbourhood", PlaceWord::head);
        add({"ناحية"}, "district", PlaceWord::head);
        add({"منطقة", "مناطق", "مخيم", "مخيمات", "مزرعة", "مزارع", "تجمع", "ضاحية", "محيط", "أطراف", "بادية"}, "",
            PlaceWord::head);
        add({"محافظة", "محافظتي"}, "governorate", PlaceWord::head);
        add({"شارع", "مسجد", "جامع", "مدرسة", "مشفى", "مستشفى", "سوق", "فرن", "كلية", "كنيسة", "مطعم", "مقر",
             "ساحة", "دوار", "مستوصف", "معهد", "جمعية", "فندق", "ملعب", "حديقة"},
            "", PlaceWord::facility);
        return m;
    }();
    return words;
}

// A place word at token k, its clitics peeled («ببلدة», «لمدينة», «والقرية»).
const PlaceWordInfo* place_word_at(const Token& t) {
    if (!is_arabic_token(t)) return nullptr;
    const auto& m = place_words();
    if (auto it = m.find(t.key); it != m.end()) return &it->second;
    for (const std::string& k : peeled_keys(t.key))
        if (auto it = m.find(k); it != m.end()) return &it->second;
    return nullptr;
}

// Organisation names whose words are place names (الشام, الإسلام): no place.
const std::vector<std::vector<std::string>>& organisations() {
    static const std::vector<std::vector<std::string>> orgs = [] {
        std::vector<std::vector<std::string>> out;
        for (std::string_view name :
             {"جيش الإسلام", "أحرار الشام", "حركة أحرار الشام", "هيئة تحرير الشام", "جبهة فتح الشام", "جبهة النصرة",
              "الجيش السوري الحر", "الجيش الحر", "حزب الله", "تنظيم الدولة", "الدولة الإسلامية", "قوات سوريا الديمقراطية",
              "فيلق الشام", "جيش العزة", "فيلق الرحمن", "نور الدين الزنكي", "صقور الشام", "جيش الفتح", "الجبهة الشامية",
              "أجناد الشام", "الجيش العربي السوري", "الجيش السوري", "الجيش الوطني السوري", "الجيش الوطني",
              "الجبهة الوطنية للتحرير", "جيش إدلب الحر", "لواء القدس", "الفرقة الرابعة", "قوات النمر", "درع الفرات",
              "غصن الزيتون", "نبع السلام", "جيش خالد بن الوليد", "جيش النصر", "جيش المجاهدين", "لواء التوحيد",
              "المرصد السوري", "المرصد السوري لحقوق الإنسان", "الدفاع المدني", "الخوذ البيضاء", "الهلال الأحمر"}) {
            out.push_back(text::fold_name_words(name));
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        return out;
    }();
    return orgs;
}

bool token_is(const Token& t, const std::string& key) {
    if (t.key == key) return true;
    for (const std::string& k : peeled_keys(t.key))
        if (k == key) return true;
    return false;
}

// Tokens inside an organisation's name.
std::vector<bool> organisation_tokens(const std::vector<Token>& tokens) {
    std::vector<bool> in(tokens.size(), false);
    // each token's forms once: its key and its keys without proclitics
    std::vector<std::vector<std::string>> forms(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!is_arabic_token(tokens[i])) continue;
        forms[i] = peeled_keys(tokens[i].key);
        forms[i].push_back(tokens[i].key);
    }
    const auto token_is = [&](std::size_t j, const std::string& key) {
        return std::find(forms[j].begin(), forms[j].end(), key) != forms[j].end();
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!is_arabic_token(tokens[i])) continue;
        for (const auto& org : organisations()) {
            std::size_t j = i, k = 0;
            while (k < org.size() && j < tokens.size()) {
                if (tokens[j].is_article) {
                    ++j;
                    continue;
                }
                if (!token_is(j, org[k]) || (k > 0 && !tokens[j].clean_gap_before)) break;
                ++j, ++k;
            }
            if (k == org.size()) {
                for (std::size_t x = i; x < j; ++x) in[x] = true;
                i = j - 1;
                break;
            }
        }
    }
    return in;
}

// Longest gazetteer key starting with `first_key` at token i and going on with the tokens after.
std::size_t longest_from(const std::vector<Token>& tokens, std::size_t i, const std::string& first_key,
                         const Gazetteer& g, std::string& key_out) {
    std::size_t best = std::string::npos;
    std::string key = first_key;
    std::size_t words = 1;
    for (std::size_t j = i;; ) {
        if (!g.lookup(key).empty()) {
            best = j;
            key_out = key;
        }
        if (!g.has_longer_key(key) || words >= g.max_key_words()) break;
        ++j;
        while (j < tokens.size() && tokens[j].is_article && tokens[j].clean_gap_before) ++j;
        if (j >= tokens.size() || !tokens[j].clean_gap_before || !is_arabic_token(tokens[j])) break;
        key += ' ';
        key += tokens[j].key;
        ++words;
    }
    return best;
}

bool has_article(std::string_view written) { return written.starts_with("\u0627\u0644") || written.starts_with("\u0671\u0644"); }

// Whether every name of the match's places that folds to its key is written with the article
// («الباب»; not «مقبرة», a village's name without it).
bool names_have_article(const NameMatch& m, const Gazetteer& g) {
    if (m.places.empty()) return false;
    for (std::uint32_t idx : m.places) {
        const Place& p = g.place(idx);
        const auto without = [&](const std::string& name) {
            if (name.empty() || static_cast<unsigned char>(name[0]) < 0xD8 || static_cast<unsigned char>(name[0]) > 0xDB)
                return false;
            return text::fold_name(name) == m.key && !has_article(name);
        };
        if (without(p.name)) return false;
        for (const std::string& a : p.alternate_names)
            if (without(a)) return false;
    }
    return true;
}

// The token of a one-word match is the first noun of a construct (iḍāfa), which never takes the
// article: written bare (no article, no proclitic, no article token before it), the next word on
// the line in Arabic with the article, a name («حرش عابدين»: `next_is_name`) or another noun
// («باب توما»: not a conjunct «و...» nor a common word, which a name written without its
// article may go on with), and the match's places are named with the article.
bool construct_head(const std::vector<Token>& tokens, const NameMatch& m, const Gazetteer& g, bool next_is_name) {
    const std::size_t f = m.first_token;
    const Token& t = tokens[f];
    if (!is_arabic_token(t) || m.key != t.key || has_article(t.lower)) return false;
    if (f > 0 && tokens[f - 1].is_article) return false;
    if (f + 1 >= tokens.size() || !tokens[f + 1].clean_gap_before || !is_arabic_token(tokens[f + 1])) return false;
    const Token& next = tokens[f + 1];
    if (!has_article(next.lower) && !next.is_article && !next_is_name) {
        if (next.lower.starts_with("\u0648") || common_words().contains(next.key)) return false;
        for (const std::string& k : peeled_keys(next.key))
            if (common_words().contains(k)) return false;
    }
    return names_have_article(m, g);
}

// A location cell's word that is a common word and a place's name, standing alone in its part
// or after a place word («الحويجة», «مزرعة تشرين»): the column says it is a place.
bool cell_word_alone(const std::vector<Token>& tokens, std::size_t f, std::size_t names_end) {
    if (tokens[f].begin_byte >= names_end) return false;
    if (f + 1 < tokens.size() && tokens[f + 1].clean_gap_before && tokens[f + 1].begin_byte < names_end) return false;
    if (f == 0 || !tokens[f - 1].clean_gap_before) return true;
    static const std::unordered_set<std::string> heads = fold_set({"قرية", "بلدة", "مزرعة", "حي", "مخيم"});
    return heads.contains(tokens[f - 1].key);
}

}  // namespace

bool is_arabic_token(const Token& t) {
    const auto c = t.key.empty() ? 0 : static_cast<unsigned char>(t.key[0]);
    return c >= 0xD8 && c <= 0xDB;
}

std::vector<std::string> peeled_keys(std::string_view key) {
    std::vector<std::string> out;
    if (key.empty() || static_cast<unsigned char>(key[0]) < 0xD8 || static_cast<unsigned char>(key[0]) > 0xDB) return out;
    std::u32string s = decode(key);
    const auto add = [&](const std::u32string& x) {
        std::string k = name_key(x);
        if (k != key && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
    };
    if (s.size() >= 4 && (s[0] == kWaw || s[0] == kFa)) {
        s.erase(0, 1);
        add(s);
    }
    std::u32string bare = s;  // without و or ف
    if (s.size() >= 4 && (s[0] == kBa || s[0] == kLam || s[0] == kKaf)) {
        if (s[0] == kLam && s[1] == kLam && s.size() >= 5) {
            add(s.substr(2));  // لل = ل + ال
        } else {
            s.erase(0, 1);
            add(s);
        }
    }
    // A compound name written as one word, «كفرنبودة» for «كفر نبودة», «ديرحافر» for «دير حافر»:
    // the form with the space (the lookup decides whether it names a place).
    static const std::u32string kPrefixes[] = {U"\u0643\u0641\u0631", U"\u062F\u064A\u0631", U"\u0639\u064A\u0646",
                                               U"\u0628\u064A\u062A", U"\u062A\u0644"};  // كفر دير عين بيت تل
    for (const std::u32string& form : {bare, s}) {
        for (const std::u32string& prefix : kPrefixes) {
            if (form.size() >= prefix.size() + 3 && form.compare(0, prefix.size(), prefix) == 0)
                add(prefix + U" " + form.substr(prefix.size()));
        }
        // Two words run together after a ta marbuta, which only ends a word: «معرةالنعمان» for
        // «معرة النعمان» (folded, ة is ه: the space goes before the article that follows it,
        // which a key drops as a word's key does)
        for (std::size_t p = 2; p + 5 < form.size(); ++p)
            if (form[p] == U'\u0647' && form[p + 1] == U'\u0627' && form[p + 2] == U'\u0644')
                add(form.substr(0, p + 1) + U" " + form.substr(p + 3));
        // «معرتحرمة» for «معرة حرمة»: the ة of a first noun written ت when the next word is run
        // into it
        static const std::u32string kMaarat = U"\u0645\u0639\u0631\u062A";  // معرت
        if (form.size() >= kMaarat.size() + 3 && form.compare(0, kMaarat.size(), kMaarat) == 0)
            add(U"\u0645\u0639\u0631\u0647 " + form.substr(kMaarat.size()));
        // and before any article after two letters or more: «عزالدين» for «عز الدين» (the
        // lookup decides)
        for (std::size_t p = 2; p + 4 < form.size(); ++p)
            if (form[p] == kAlef && form[p + 1] == kLam && form[p - 1] != U'\u0647')
                add(form.substr(0, p) + U" " + form.substr(p + 2));
        // «البوعاصي», the tribe's «آل بو» run into the name: «أبو عاصي», «بو عاصي»
        if (form.size() >= 5 && form[0] == kBa && form[1] == kWaw) {
            add(U"\u0627\u0628\u0648 " + form.substr(2));
            add(U"\u0628\u0648 " + form.substr(2));
        }
    }
    return out;
}

std::string skeleton(std::string_view key) {
    std::string out;
    char32_t last = 0;
    const std::u32string cps = decode(key);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        const bool word_end = i + 1 == cps.size() || cps[i + 1] == U' ';
        if (c == U' ' || c == kAlef || c == kWaw || c == 0x064A || c == 0x0649 || c == 0x0621 || c == 0x0626 ||
            c == 0x0624 || c == 0x0629 || (c == 0x0647 && word_end))
            continue;
        if (c == last) continue;
        text::append_utf8(out, c);
        last = c;
    }
    return out;
}

const std::vector<std::string>& twin_words() {
    static const std::vector<std::string> words = [] {
        std::vector<std::string> out;
        for (const char* w : {"كبير", "كبيرة", "صغير", "صغيرة", "فوقاني", "تحتاني", "فوقانية", "تحتانية", "شرقي",
                              "غربي", "شرقية", "غربية", "شمالي", "جنوبي", "شمالية", "جنوبية", "قبلي", "قبلية",
                              "وسطاني", "جديد", "جديدة", "قديم", "قديمة"})
            out.push_back(text::fold_word(w).key);
        return out;
    }();
    return words;
}

std::string twin_key(const std::string& key, const Gazetteer& g) {
    std::string first_key;
    const Place* first = nullptr;
    for (const std::string& w : twin_words()) {
        const std::string k = key + " " + w;
        for (std::uint32_t idx : g.lookup(k)) {
            const Place& p = g.place(idx);
            if (p.country_code != "SY" || p.is_admin_area()) continue;
            if (!first) {
                first = &p;
                first_key = k;
            } else if (geo::great_circle_km(first->lat, first->lon, p.lat, p.lon) > 10.0) {
                return {};
            }
        }
    }
    return first_key;
}

std::vector<SlotName> slot_names(const std::vector<Token>& tokens, const MentionScan& scan) {
    std::vector<SlotName> out;
    if (std::none_of(tokens.begin(), tokens.end(), [](const Token& t) { return is_arabic_token(t); })) return out;
    std::vector<bool> taken(tokens.size(), false), starts(tokens.size() + 1, false), ends(tokens.size(), false);
    for (const NameMatch& m : scan.matches) {
        for (std::size_t t = m.first_token; t <= m.last_token && t < tokens.size(); ++t) taken[t] = true;
        starts[m.first_token] = true;
        if (is_arabic_token(tokens[m.last_token])) ends[m.last_token] = true;
    }
    const std::vector<bool> in_org = organisation_tokens(tokens);
    const auto& common = common_words();
    static const std::unordered_set<std::string> prepositions = fold_set({"في", "على"});
    // words after a name that close it: the countryside, a side, nearness («X بريف حماة», «X شمال حماة»)
    static const std::unordered_set<std::string> closers =
        fold_set({"ريف", "الريف", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "قرب", "بالقرب",
                  "محيط", "أطراف", "ضمن", "التابعة", "التابع", "الواقعة", "الواقع", "قضاء", "منطقة", "محافظة", "مدينة",
                  "ناحية"});
    // the first nouns of compound names («تل», «كفر», «أبو»): common words alone, a name's first
    // word before another
    static const std::unordered_set<std::string> first_nouns =
        fold_set({"تل", "كفر", "دير", "عين", "بيت", "خربة", "أبو", "أم", "جب", "رأس", "خان", "بير", "بئر", "حاوي", "عرب"});
    const auto word_ok = [&](std::size_t k) {
        const Token& t = tokens[k];
        // a feature's word or the first noun of a village's compound name («خربة», «رسم») is
        // none of a name it governs
        static const std::unordered_set<std::string> construct_nouns = fold_set({"خربة", "رسم", "حاوي", "جب"});
        if (taken[k] || in_org[k] || !is_arabic_token(t) || common.contains(t.key) || place_word_at(t) ||
            feature_words().contains(t.key) || construct_nouns.contains(t.key))
            return false;
        for (const std::string& p : peeled_keys(t.key))
            if (common.contains(p)) return false;
        return true;
    };
    // after a place word a common word closes the name too («قرية X جراء», «بلدة X اليوم»); after
    // «في» it may be the next word of a phrase the name began
    const auto closes = [&](std::size_t next, bool by_word) {
        if (next >= tokens.size() || !tokens[next].clean_gap_before || starts[next]) return true;
        if (closers.contains(tokens[next].key) || (by_word && common.contains(tokens[next].key))) return true;
        for (const std::string& p : peeled_keys(tokens[next].key))
            if (closers.contains(p) || (by_word && common.contains(p))) return true;
        return false;
    };
    static const std::u32string kFirstNouns[] = {U"\u0627\u0628\u0648", U"\u0627\u0645"};  // ابو ام (folded)
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (!tokens[i].clean_gap_before) continue;
        const bool first_ok = word_ok(i);
        if (!first_ok && (taken[i] || in_org[i] || !is_arabic_token(tokens[i]) || !first_nouns.contains(tokens[i].key)))
            continue;
        const Token& before = tokens[i - 1];
        std::string head;
        bool by_word = false;
        // «بلدتي X وY», «X وY»: a name joined by «و» to a known name before it goes on with the
        // list (closed as after «في»)
        const bool conj = ends[i - 1] && tokens[i].lower.starts_with("\u0648") && !peeled_keys(tokens[i].key).empty();
        if (conj) {
        } else if (const PlaceWordInfo* w = place_word_at(before); w && w->kind == PlaceWord::head) {
            head = w->head;
            by_word = true;
        } else if (!prepositions.contains(before.key)) {
            continue;
        }
        const std::string first_key = conj ? peeled_keys(tokens[i].key).front() : tokens[i].key;
        for (std::size_t last = std::min(i + 1, tokens.size() - 1) + 1; last-- > i;) {
            bool ok = true;
            for (std::size_t k = i + 1; k <= last && ok; ++k) ok = tokens[k].clean_gap_before && word_ok(k);
            if (!ok || (last == i && !first_ok) || !closes(last + 1, by_word)) continue;
            SlotName slot;
            slot.first_token = i;
            slot.last_token = last;
            slot.head = head;
            std::string spaced, joined;
            for (std::size_t k = i; k <= last; ++k) {
                const std::string& key = k == i ? first_key : tokens[k].key;
                spaced += (k > i ? " " : "") + key;
                joined += key;
            }
            slot.keys.push_back(spaced);
            if (last > i) slot.keys.push_back(joined);
            else {
                const std::u32string w = decode(first_key);
                for (const std::u32string& noun : kFirstNouns)
                    if (w.size() >= noun.size() + 3 && w.compare(0, noun.size(), noun) == 0)
                        slot.keys.push_back(encode(noun + U" " + w.substr(noun.size())));
            }
            out.push_back(std::move(slot));
        }
    }
    return out;
}

void adjust_mentions(std::string_view text, const std::vector<Token>& tokens, const Gazetteer& gazetteer,
                     MentionScan& scan, std::size_t names_end) {
    (void)text;
    bool any = false;
    for (const Token& t : tokens) any = any || is_arabic_token(t);
    if (!any) return;
    const auto& common = common_words();
    const std::vector<bool> in_org = organisation_tokens(tokens);

    // Names written with a proclitic: the tokens no match covers yet.
    std::vector<bool> taken(tokens.size(), false);
    for (const NameMatch& m : scan.matches)
        for (std::size_t t = m.first_token; t <= m.last_token; ++t) taken[t] = true;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (taken[i] || in_org[i] || !is_arabic_token(tokens[i])) continue;
        std::string best_key;
        std::size_t best_last = std::string::npos;
        for (const std::string& k : peeled_keys(tokens[i].key)) {
            if (k.size() < 6) continue;  // three letters at least
            std::string key;
            const std::size_t last = longest_from(tokens, i, k, gazetteer, key);
            if (last == std::string::npos || (last == i && common.contains(k))) continue;
            if (best_last == std::string::npos || last > best_last) best_last = last, best_key = key;
        }
        if (best_last == std::string::npos) continue;
        // «وجسر الشغور», «بدير الزور»: a longer name through the clitic wins over the matches
        // of its later words («الشغور» alone), which lie wholly inside it
        bool overlaps = false;
        for (const NameMatch& other : scan.matches)
            if (other.first_token <= best_last && other.last_token >= i && (other.first_token <= i || other.last_token > best_last))
                overlaps = true;
        if (overlaps) continue;
        std::erase_if(scan.matches, [&](const NameMatch& other) { return other.first_token > i && other.last_token <= best_last; });
        NameMatch m;
        m.first_token = i;
        m.last_token = best_last;
        m.key = best_key;
        m.places = gazetteer.lookup(best_key);
        for (std::size_t t = i; t <= best_last; ++t) taken[t] = true;
        scan.matches.push_back(std::move(m));
        i = best_last;
    }

    // Common words and organisation names are no place; a facility's name is none either; a
    // place word gives the name after it its head.
    std::vector<std::size_t> construct_heads;  // tokens read as a construct's first noun
    std::vector<bool> match_start(tokens.size() + 1, false);
    for (const NameMatch& m : scan.matches) match_start[m.first_token] = true;
    std::erase_if(scan.matches, [&](const NameMatch& m) {
        if (!is_arabic_token(tokens[m.first_token]) && !is_arabic_token(tokens[m.last_token])) return false;
        for (std::size_t t = m.first_token; t <= m.last_token; ++t)
            if (in_org[t]) return true;
        if (m.first_token == m.last_token || (m.first_token + 1 == m.last_token && tokens[m.first_token].is_article)) {
            const Token& t = tokens[m.last_token];
            if (common.contains(t.key) && !cell_word_alone(tokens, m.last_token, names_end)) return true;
            // the first nouns of compound names, written bare: «خربة» (ruin), «رسم», «جب», «حاوي»,
            // «مقبرة» alone are words; with the article («الرسم») they may be a village's name
            static const std::unordered_set<std::string> construct_nouns = fold_set({"خربة", "حاوي", "رسم", "جب", "مقبرة"});
            if (construct_nouns.contains(t.key) && t.key == m.key && !has_article(t.lower) &&
                !cell_word_alone(tokens, m.last_token, names_end))
                return true;
            for (const std::string& k : peeled_keys(t.key))
                if (common.contains(k) && m.key == k) return true;
        }
        if (m.first_token > 0 && tokens[m.first_token].clean_gap_before) {
            const PlaceWordInfo* before = place_word_at(tokens[m.first_token - 1]);
            // «مسجد الرحمن», «شارع النور»: the facility's own name; «مشفى سراقب», «سوق معرة النعمان»:
            // a town's hospital or market is in the town
            if (before && before->kind == PlaceWord::facility && only_small_places(m, gazetteer)) return true;
            // «التحالف بقيادة الولايات المتحدة»: who leads a force, not where something is
            static const std::unordered_set<std::string> led = fold_set({"بقيادة", "بزعامة"});
            if (led.contains(tokens[m.first_token - 1].key)) return true;
        }
        // «باب الكلاسة», «حقل العمر»: a one-word name whose places are all written with the
        // article («الباب», «الحقل»), here without it and before a word with the article, is the
        // first noun of a construct ("the gate of al-Kallasa"), not the place: the name that
        // follows is
        const bool next_is_name = m.last_token + 1 < tokens.size() && match_start[m.last_token + 1];
        if (m.first_token == m.last_token && construct_head(tokens, m, gazetteer, next_is_name)) {
            construct_heads.push_back(m.first_token);
            return true;
        }
        // «سوق مدينة الباب»: a name ending in a place word without its article, another name
        // after it, is the construct "the market of the city of al-Bab", not «سوق المدينة»
        if (m.last_token > m.first_token && m.last_token + 1 < tokens.size() &&
            tokens[m.last_token + 1].clean_gap_before && is_arabic_token(tokens[m.last_token + 1])) {
            const Token& last = tokens[m.last_token];
            const PlaceWordInfo* w = place_word_at(last);
            const bool article = last.lower.starts_with("\u0627\u0644");
            if (w && w->kind == PlaceWord::head && !article) return true;
        }
        return false;
    });
    // A one-word village name read out of running text needs a word that puts a place there:
    // a proclitic on it, a preposition, a place word or a verb that takes a place before it, or
    // a punctuation mark or line start (lists, titles, table cells), or a feature it names that
    // stands in such a slot («في مفرق X»); else it is a word.
    static const std::unordered_set<std::string> locatives = fold_set({
        "في", "على", "إلى", "الى", "من", "عن", "قرب", "نحو", "باتجاه", "حول", "داخل", "بين", "عند", "مع", "حتى",
        "تعرضت", "تعرض", "شهدت", "شهد", "استهدف", "استهدفت", "قصف", "قصفت", "طال", "طالت", "دخلت", "اقتحمت",
        "حاصرت", "استعادت", "حررت", "استعاد", "مدينتي", "بلدتي", "قريتي", "أهالي", "سكان", "ريف",
        // the same verbs in the present, as headlines write them («غارات تستهدف X», «قصف يطال X»)
        "تتعرض", "يتعرض", "تشهد", "يشهد", "يستهدف", "تستهدف", "يقصف", "تقصف", "يطال", "تطال", "يدخل", "تدخل",
        "تقتحم", "يقتحم", "تحاصر", "يحاصر", "تستعيد", "يستعيد", "تحرر", "يحرر"});
    const auto& features = feature_words();
    const auto weak = [&](const NameMatch& m) {
        const std::size_t f = m.first_token;
        if (!is_arabic_token(tokens[f]) || m.first_token != m.last_token || !only_small_places(m, gazetteer)) return false;
        if (tokens[f].begin_byte < names_end) return false;  // a location cell's name
        if (f == 0 || !tokens[f].clean_gap_before || !is_arabic_token(tokens[f - 1])) return false;
        // written with a proclitic: «بحاس», «والهبيط»; a bare ل is mostly a purpose («لوقف
        // العمليات»: to stop), so it needs a word before it like a bare name
        if (m.key != tokens[f].key && !tokens[f].lower.starts_with("\u0644")) return false;
        const Token& b = tokens[f - 1];
        if (locatives.contains(b.key) || place_word_at(b)) return false;
        // «باب النيرب»: the name a construct's first noun governs
        if (std::find(construct_heads.begin(), construct_heads.end(), f - 1) != construct_heads.end()) return false;
        for (const std::string& k : peeled_keys(b.key))
            if (locatives.contains(k) || features.contains(k)) return false;  // «بمفرق X»: at X's junction
        // «في مفرق X», «قرب جبل X»: a feature named by the place (its junction, crossing,
        // cemetery, mountain), itself in a place's slot, is at the place
        if (features.contains(b.key) && f >= 2 && b.clean_gap_before) {
            const Token& a = tokens[f - 2];
            if (locatives.contains(a.key) || place_word_at(a)) return false;
            for (const std::string& k : peeled_keys(a.key))
                if (locatives.contains(k)) return false;
        }
        return true;
    };
    // decided on the matches as found: next to a name that stands on its own, it stays
    std::stable_sort(scan.matches.begin(), scan.matches.end(),
                     [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
    std::vector<bool> drop(scan.matches.size(), false);
    for (std::size_t k = 0; k < scan.matches.size(); ++k) {
        if (!weak(scan.matches[k])) continue;
        const bool next_to_name = k > 0 && scan.matches[k - 1].last_token + 1 == scan.matches[k].first_token &&
                                  !weak(scan.matches[k - 1]);
        drop[k] = !next_to_name;
    }
    std::size_t kept = 0;
    for (std::size_t k = 0; k < scan.matches.size(); ++k)
        if (!drop[k]) scan.matches[kept++] = std::move(scan.matches[k]);
    scan.matches.resize(kept);
    // «الغوطة الشرقية», «القلمون الغربي»: a one-word village name with a direction adjective
    // after it is a region's name the gazetteer lacks, not the village
    static const std::unordered_set<std::string> sides =
        fold_set({"الشرقية", "الغربية", "الشمالية", "الجنوبية", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الوسطى"});
    std::erase_if(scan.matches, [&](const NameMatch& m) {
        const std::size_t f = m.first_token, n = m.last_token + 1;
        if (!is_arabic_token(tokens[f]) || m.first_token != m.last_token || !only_small_places(m, gazetteer)) return false;
        if (tokens[f].begin_byte < names_end) return false;  // «X الشرقية» in a location cell: X
        return n < tokens.size() && tokens[n].clean_gap_before && sides.contains(tokens[n].key) &&
               tokens[n].lower.starts_with("\u0627\u0644");
    });
    // «تركيا» is Turkey, not the village of Raqqa that shares the name: an Arabic name that is a
    // country's and otherwise only villages' is the country, unless a place word says village
    for (NameMatch& m : scan.matches) {
        if (!is_arabic_token(tokens[m.first_token]) || !m.head.empty() || m.places.empty()) continue;
        if (m.first_token > 0 && tokens[m.first_token].clean_gap_before) {
            const PlaceWordInfo* before = place_word_at(tokens[m.first_token - 1]);
            if (before && before->kind == PlaceWord::head) continue;
        }
        std::optional<std::uint32_t> country;
        bool others_small = true, others = false;
        for (std::uint32_t p : m.places) {
            const Place& place = gazetteer.place(p);
            if (place.is_country()) {
                if (!country) country = p;
                continue;
            }
            others = true;
            others_small = others_small && place.country_code == "SY" && !place.is_admin_area() &&
                           place.population < kTownPopulation;
        }
        if (!country || !others || !others_small) continue;
        // the places of the country's own name (a view the gazetteer holds: "turkey")
        const PlaceIds by_name = gazetteer.lookup(text::fold_name(gazetteer.place(*country).name));
        if (std::find(by_name.begin(), by_name.end(), *country) != by_name.end()) m.places = by_name;
    }
    for (NameMatch& m : scan.matches) {
        if (m.first_token == 0 || !m.head.empty() || !is_arabic_token(tokens[m.first_token])) continue;
        std::size_t b = m.first_token - 1;
        if (tokens[b].is_article && b > 0) --b;
        if (const PlaceWordInfo* before = place_word_at(tokens[b]); before && before->kind == PlaceWord::head)
            m.head = before->head;
    }
    std::stable_sort(scan.matches.begin(), scan.matches.end(),
                     [](const NameMatch& a, const NameMatch& b) { return a.first_token < b.first_token; });
}

std::vector<std::string_view> join_words(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
    struct Gloss {
        std::string_view arabic;
        std::array<std::string_view, 3> english;
    };
    static const Gloss kGloss[] = {
        {"في", {"in"}}, {"داخل", {"inside"}}, {"ضمن", {"within"}}, {"وسط", {"in"}}, {"ريف", {"countryside", "of"}},
        {"الريف", {"countryside", "of"}}, {"أطراف", {"outskirts", "of"}}, {"ضواحي", {"suburbs", "of"}},
        {"محيط", {"near"}}, {"قرب", {"near"}}, {"بالقرب", {"near"}}, {"شمال", {"north", "of"}},
        {"جنوب", {"south", "of"}}, {"شرق", {"east", "of"}}, {"غرب", {"west", "of"}}, {"شمالي", {"north", "of"}},
        {"جنوبي", {"south", "of"}}, {"شرقي", {"east", "of"}}, {"غربي", {"west", "of"}}, {"كم", {"km"}}};
    // place words in the join («في مدينة», «في منطقة») carry no join of their own: the head is
    // on the name
    static const std::unordered_set<std::string> heads =
        fold_set({"مدينة", "محافظة", "منطقة", "بلدة", "قرية", "حي", "ناحية"});
    static const std::vector<std::pair<std::string, const Gloss*>> folded = [] {
        std::vector<std::pair<std::string, const Gloss*>> out;
        for (const Gloss& g : kGloss) out.emplace_back(text::fold_word(g.arabic).key, &g);
        return out;
    }();
    std::vector<std::string_view> out;
    const auto gloss = [&](const Token& t, bool& prep_in, bool& prep_of) -> const Gloss* {
        prep_in = prep_of = false;
        for (const auto& [key, g] : folded)
            if (t.key == key) return g;
        const std::vector<std::string> peeled = peeled_keys(t.key);
        for (const std::string& k : peeled)
            for (const auto& [key, g] : folded)
                if (k == key) {
                    // «بريف», «لمدينة»: the clitic's own meaning first
                    const std::string_view w = t.lower;
                    prep_in = w.starts_with("\u0628") || w.starts_with("\u0648\u0628");
                    prep_of = w.starts_with("\u0644") || w.starts_with("\u0648\u0644");
                    return g;
                }
        return nullptr;
    };
    for (std::size_t k = from; k < to && k < tokens.size(); ++k) {
        bool prep_in = false, prep_of = false;
        if (heads.contains(tokens[k].key)) continue;
        if (const auto p = peeled_keys(tokens[k].key); !p.empty() && heads.contains(p.back())) {
            const std::string_view w = tokens[k].lower;  // «بمدينة»: in
            if (w.starts_with("\u0628") || w.starts_with("\u0648\u0628")) out.push_back("in");
            continue;
        }
        const Gloss* g = gloss(tokens[k], prep_in, prep_of);
        if (!g) {
            if (!tokens[k].key.empty() && tokens[k].key[0] >= '0' && tokens[k].key[0] <= '9') out.push_back(tokens[k].key);
            else if (tokens[k].key == text::fold_word("\u0639\u0644\u0649").key) out.push_back("on");  // على (بعد)
            else if (tokens[k].key == text::fold_word("\u0628\u0639\u062F").key) continue;           // بعد
            else out.push_back(tokens[k].lower);
            continue;
        }
        if (prep_in) out.push_back("in");
        if (prep_of) out.push_back("of");
        for (std::string_view e : g->english)
            if (!e.empty()) out.push_back(e);
    }
    // the second name's proclitic: «جوبر بدمشق» (in), «الريف الغربي لحلب» (of)
    if (to < tokens.size() && is_arabic_token(tokens[to])) {
        const std::string_view w = tokens[to].lower;
        const bool peeled = !peeled_keys(tokens[to].key).empty();
        if (peeled && (w.starts_with("\u0628") || w.starts_with("\u0648\u0628"))) out.push_back("in");
        else if (peeled && (w.starts_with("\u0644") || w.starts_with("\u0648\u0644")) && !out.empty() && out.back() != "of")
            out.push_back("of");
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Relative phrases

namespace {

struct DirWord {
    std::string_view word;
    std::string_view compass;
};
constexpr DirWord kDirWords[] = {
    {"شمال", "N"}, {"جنوب", "S"}, {"شرق", "E"}, {"غرب", "W"}, {"شمالي", "N"}, {"جنوبي", "S"}, {"شرقي", "E"},
    {"غربي", "W"}, {"الشمالي", "N"}, {"الجنوبي", "S"}, {"الشرقي", "E"}, {"الغربي", "W"}, {"الشمالية", "N"},
    {"الجنوبية", "S"}, {"الشرقية", "E"}, {"الغربية", "W"}, {"شمالا", "N"}, {"جنوبا", "S"}, {"شرقا", "E"},
    {"غربا", "W"}};

// The compass point of a direction word at token k ("" when none); «شمال غرب», «الجنوبي الشرقي»
// make NW, SE (two words: `last` is the second).
std::string direction_at(const std::vector<Token>& tokens, std::size_t k, std::size_t& last) {
    static const std::vector<std::pair<std::string, std::string>> dirs = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const DirWord& d : kDirWords) out.emplace_back(text::fold_word(d.word).key, std::string(d.compass));
        return out;
    }();
    const auto one = [&](std::size_t x) -> std::string {
        if (x >= tokens.size() || !is_arabic_token(tokens[x])) return {};
        for (const auto& [key, compass] : dirs)
            if (token_is(tokens[x], key)) return compass;
        return {};
    };
    last = k;
    std::string a = one(k);
    if (a.empty()) return a;
    std::size_t n = k + 1;
    if (n < tokens.size() && tokens[n].clean_gap_before) {
        const std::string b = one(n);
        if ((a == "N" || a == "S") && (b == "E" || b == "W")) {
            last = n;
            return a + b;
        }
    }
    return a;
}

bool is_word(const Token& t, std::string_view w) {
    static thread_local std::unordered_map<std::string_view, std::string> cache;
    auto it = cache.find(w);
    if (it == cache.end()) it = cache.emplace(w, text::fold_word(w).key).first;
    return token_is(t, it->second);
}

class Scanner {
public:
    Scanner(std::string_view text, const std::vector<Token>& tokens, const std::vector<NameMatch>& matches,
            const std::vector<Mention>& mentions, const Gazetteer& g)
        : text_(text), tokens_(tokens), matches_(matches), mentions_(mentions), g_(g) {}

    std::vector<RelativeLocation> run() {
        for (std::size_t i = 0; i < matches_.size() && i < mentions_.size(); ++i) {
            const NameMatch& m = matches_[i];
            if (mentions_[i].role != "location" || mentions_[i].candidates.empty()) continue;
            if (!is_arabic_token(tokens_[m.first_token])) continue;
            scan_around(i, m);
        }
        return std::move(out_);
    }

private:
    const Token& t(std::size_t k) const { return tokens_[k]; }
    // joined: on the same line, only blanks, hyphens or '_' between (hashtags)
    bool joined(std::size_t k) const { return k < tokens_.size() && tokens_[k].clean_gap_before; }

    void add(std::size_t anchor, std::size_t first, std::size_t last, std::string relation, std::string direction,
             std::optional<double> distance) {
        for (const RelativeLocation& r : out_)
            if (r.span.begin_byte <= t(first).begin_byte && t(last).end_byte <= r.span.end_byte) return;
        RelativeLocation rel;
        rel.span = token_span(tokens_, first, last);
        rel.surface = std::string(text_.substr(rel.span.begin_byte, rel.span.end_byte - rel.span.begin_byte));
        rel.anchor = anchor;
        rel.relation = std::move(relation);
        rel.direction = std::move(direction);
        rel.distance_km = distance;
        rel.anchor_place = relative_anchor_area(mentions_[anchor], rel, g_);
        locate_relative(rel, g_.place(rel.anchor_place), g_);
        out_.push_back(std::move(rel));
    }

    void scan_around(std::size_t anchor, const NameMatch& m) {
        std::size_t first = m.first_token;
        std::size_t last = m.last_token;
        // «مدينة إدلب»: the place word before the name belongs to the anchor
        std::size_t before = first;
        if (before > 0 && joined(before) && (is_word(t(before - 1), "مدينة") || is_word(t(before - 1), "بلدة") ||
                                             is_word(t(before - 1), "قرية") || is_word(t(before - 1), "محافظة"))) {
            --before;
        }
        // «ريف إدلب [الجنوبي [الشرقي]]», «ريف_إدلب»
        if (first > 0 && joined(first) && is_word(t(first - 1), "ريف")) {
            std::size_t dlast = last;
            std::string compass;
            if (last + 1 < tokens_.size() && joined(last + 1)) compass = direction_at(tokens_, last + 1, dlast);
            add(anchor, first - 1, compass.empty() ? last : dlast, "countryside", compass, std::nullopt);
            return;
        }
        // «الريف الغربي لحلب», «الريف الجنوبي الشرقي لمدينة إدلب», «الريف الشمالي من حماة»
        if (before >= 2) {
            std::size_t k = before - 1;
            if (is_word(t(k), "من") && k > 0) --k;
            // the anchor's own token carries ل: «لحلب»
            const bool lam = !t(first).key.empty() && (t(first).key.starts_with("\xD9\x84") ||
                                                       (before < first && t(before).key.starts_with("\xD9\x84")));
            const bool linked = lam || is_word(t(before - 1), "من");
            if (linked) {
                // back over one or two direction words to «الريف»
                std::size_t d = k;
                std::size_t dl;
                std::string compass;
                if (d >= 1 && !direction_at(tokens_, d, dl).empty()) {
                    std::size_t s = d;
                    if (d >= 1 && !direction_at(tokens_, d - 1, dl).empty() && dl == d) s = d - 1;
                    compass = direction_at(tokens_, s, dl);
                    if (s >= 1 && is_word(t(s - 1), "ريف")) {
                        add(anchor, s - 1, last, "countryside", compass, std::nullopt);
                        return;
                    }
                    // «الجهة الشمالية لـ», «الأطراف الشرقية لـ»
                    if (s >= 1 && (is_word(t(s - 1), "أطراف") || is_word(t(s - 1), "الأطراف"))) {
                        add(anchor, s - 1, last, "outskirts", compass, std::nullopt);
                        return;
                    }
                }
            }
        }
        if (before == 0) return;
        std::size_t j = before - 1;
        // «أطراف X», «محيط X», «بالقرب من X», «قرب X»
        if (is_word(t(j), "أطراف") || is_word(t(j), "ضواحي")) {
            add(anchor, j, last, "outskirts", "", std::nullopt);
            return;
        }
        if (is_word(t(j), "محيط") || is_word(t(j), "قرب") ||
            (is_word(t(j), "من") && j > 0 && (is_word(t(j - 1), "بالقرب") || is_word(t(j - 1), "القرب")))) {
            add(anchor, is_word(t(j), "من") ? j - 1 : j, last, "near", "", std::nullopt);
            return;
        }
        // «شمال X», «جنوب شرق مدينة X», «على بعد ٥ كم شمال X», «شمالي X»
        // the two-word point ending just before the anchor first: «جنوب شرق»
        std::size_t dl = j;
        std::size_t s = j;
        std::string compass;
        if (j >= 1) {
            compass = direction_at(tokens_, j - 1, dl);
            if (dl == j && compass.size() == 2) s = j - 1;
            else compass.clear();
        }
        if (compass.empty()) {
            compass = direction_at(tokens_, j, dl);
            if (dl != j) compass.clear();
            s = j;
        }
        if (compass.empty()) return;
        // a distance before: «على بعد ٥ كم», «5 كيلومترات», «بنحو 10 كم»
        std::optional<double> distance;
        std::size_t start = s;
        for (std::size_t back = 1; back <= 3 && s >= back; ++back) {
            const Token& x = t(s - back);
            if (is_word(x, "كم") || is_word(x, "كيلومتر") || is_word(x, "كيلومترات") || is_word(x, "كيلو")) {
                if (s - back >= 1) {
                    std::string digits;  // ASCII or Arabic-Indic
                    for (char32_t c : decode(t(s - back - 1).key)) {
                        if (c >= U'0' && c <= U'9') digits.push_back(static_cast<char>(c));
                        else if (c >= 0x0660 && c <= 0x0669) digits.push_back(static_cast<char>('0' + (c - 0x0660)));
                        else if (c >= 0x06F0 && c <= 0x06F9) digits.push_back(static_cast<char>('0' + (c - 0x06F0)));
                    }
                    if (!digits.empty() && digits.size() < 5) {
                        distance = std::stod(digits);
                        start = s - back - 1;
                        if (start >= 1 && is_word(t(start - 1), "بعد")) --start;
                        if (start >= 1 && is_word(t(start - 1), "على")) --start;
                    }
                }
                break;
            }
        }
        const bool admin_anchor = g_.place(mentions_[anchor].place()).is_admin_area();
        add(anchor, start, last, distance ? "offset" : (admin_anchor ? "part" : "offset"), compass, distance);
    }

    std::string_view text_;
    const std::vector<Token>& tokens_;
    const std::vector<NameMatch>& matches_;
    const std::vector<Mention>& mentions_;
    const Gazetteer& g_;
    std::vector<RelativeLocation> out_;
};

}  // namespace

std::vector<RelativeLocation> find_relatives(std::string_view text, const std::vector<Token>& tokens,
                                             const std::vector<NameMatch>& matches, const std::vector<Mention>& mentions,
                                             const Gazetteer& gazetteer) {
    bool any = false;
    for (const NameMatch& m : matches) any = any || is_arabic_token(tokens[m.first_token]);
    if (!any) return {};
    return Scanner(text, tokens, matches, mentions, gazetteer).run();
}

namespace {

// `s` without the blanks and directional marks (U+200E, U+200F, U+202A..U+202E) it starts with.
std::string_view without_leading_marks(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        else if (s.starts_with("\u200E") || s.starts_with("\u200F") || s.starts_with("\u202A") || s.starts_with("\u202B") ||
                 s.starts_with("\u202C") || s.starts_with("\u202D") || s.starts_with("\u202E"))
            s.remove_prefix(3);
        else return s;
    }
}

bool written_with_article(std::string_view w) {
    w = without_leading_marks(w);
    for (std::string_view prefix : {"\u0627\u0644", "\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0641\u0627\u0644",
                                    "\u0643\u0627\u0644", "\u0644\u0644"})
        if (w.starts_with(prefix)) return true;
    return false;
}

// How well an Arabic name's spelling attests a place as the one meant, among places of the same
// name that nothing else in the text tells apart: a place whose own Arabic name (its first) is
// the one written, over one that has it only among its other names; `article`: whether the
// text wrote the name with the article; a place of that name written the same way («السرجة» /
// «سرجة») is the likelier, the article being part of a name. Small next to what context adds:
// it only orders near ties.
double attestation(const Place& p, const std::vector<std::string>& keys, bool article) {
    double s = 0.0;
    const auto same_article = [&](const std::string& name) {
        return arabic_script(name) && std::find(keys.begin(), keys.end(), text::fold_name(name)) != keys.end() &&
               written_with_article(name) == article;
    };
    if (same_article(p.name) || std::any_of(p.alternate_names.begin(), p.alternate_names.end(), same_article)) s += 0.1;
    const auto first_arabic = [&]() -> const std::string* {
        if (arabic_script(p.name)) return &p.name;
        for (const std::string& a : p.alternate_names)
            if (arabic_script(a)) return &a;
        return nullptr;
    }();
    if (first_arabic) {
        const std::string key = text::fold_name(*first_arabic);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) s += 0.1;
    }
    return s;
}

}  // namespace

bool arabic_script(std::string_view s) {
    s = without_leading_marks(s);
    return !s.empty() && static_cast<unsigned char>(s[0]) >= 0xD8 && static_cast<unsigned char>(s[0]) <= 0xDB;
}

void add_attestation(Mention& m, const Gazetteer& g) {
    if (m.candidates.size() < 2 || !arabic_script(m.surface)) return;
    std::vector<std::string> keys = {text::fold_name(m.surface)};
    for (std::string& k : peeled_keys(keys.front())) keys.push_back(std::move(k));
    const bool article = written_with_article(m.surface);
    for (Candidate& c : m.candidates) c.score += attestation(g.place(c.place), keys, article);
}

// The Latin spellings an Arabic key can stand for, as a pattern over folded Latin keys
// (text::fold_name: e -> i, o -> u, q -> k, doubled letters once, a final -e / -eh -> a): each
// consonant as its usual transliterations, the long vowels written (ا a, و u / w, ي i / y, a
// final ي also the -e of "Kobane"; ا as a or e, written), ح and ه as h (a final ه, the folded
// ta marbuta, as -a or -ah or nothing), ع and ء as nothing, a short vowel and a space between
// letters, the article dropped. Fills
// `letters` with the Latin letters the key needs in order (for a fast scan). Empty when a
// character has no mapping.
std::string latin_pattern(std::string_view arabic_key, std::string& letters) {
    std::string out;
    std::size_t pos = 0;
    bool word_start = true;
    while (pos < arabic_key.size()) {
        const char32_t c = text::next_code_point(arabic_key, pos);
        const bool word_end = pos >= arabic_key.size() || arabic_key[pos] == ' ';
        const char* m = nullptr;
        const char* fixed = nullptr;  // a letter every spelling has
        switch (c) {
            case U' ': out += " ?"; word_start = true; continue;
            case 0x0628: m = "b"; fixed = "b"; break;                       // ب
            case 0x062A: case 0x0637: m = "t"; fixed = "t"; break;          // ت ط
            case 0x062B: m = "(?:th|t|s)"; break;                           // ث
            case 0x062C: m = "(?:j|g)"; break;                              // ج
            case 0x062D: m = "h"; break;                                    // ح
            case 0x0647: m = word_end ? "(?:h|a)?" : "h"; break;             // ه (and ة, folded)
            case 0x0629: m = "a?"; break;                                   // ة
            case 0x062E: m = "(?:kh|x|h|ch|k)"; break;                      // خ
            case 0x062F: m = "d"; fixed = "d"; break;                       // د
            case 0x0630: case 0x0636: m = "(?:dh|d|z)"; break;              // ذ ض
            case 0x0638: m = "(?:z|dh)"; break;                             // ظ
            case 0x0631: m = "r"; fixed = "r"; break;                       // ر
            case 0x0632: m = "z"; fixed = "z"; break;                       // ز
            case 0x0633: case 0x0635: m = "s"; fixed = "s"; break;          // س ص
            case 0x0634: m = "(?:sh|sch|ch|s|c)"; break;                    // ش
            case 0x0639: case 0x0621: m = ""; break;                        // ع ء
            case 0x063A: m = "(?:gh|g)"; break;                             // غ
            case 0x0641: case 0x06A4: m = "(?:f|v)"; break;                 // ف ڤ
            case 0x0642: case 0x06AF: m = "(?:k|g)"; break;                 // ق گ
            case 0x0643: m = "(?:k|c|ch)"; break;                           // ك
            case 0x0644: m = "l"; fixed = "l"; break;                       // ل
            case 0x0645: m = "m"; fixed = "m"; break;                       // م
            case 0x0646: m = "n"; fixed = "n"; break;                       // ن
            case 0x067E: m = "(?:p|b)"; break;                              // پ
            case 0x0686: m = "(?:ch|c|j)"; break;                           // چ
            case 0x0627: m = word_start ? "[aiu]" : "(?:a|i)"; break;      // ا (أ إ آ folded)
            case 0x0648: m = word_start ? "(?:w|u)" : "(?:u|w|aw)"; break;  // و
            case 0x064A: m = word_end ? "(?:i|y|ay|a)" : "(?:i|y|ay|iy)"; break;  // ي
            default: return {};
        }
        out += m;
        if (fixed) letters += fixed;
        if (c != 0x0627 && c != 0x0648 && c != 0x064A) out += "[aiuy]?";  // an unwritten short vowel
        out += " ?";  // Latin keys split words the Arabic writes as one ("Ma'arr Shamarin")
        word_start = false;
    }
    return out;
}

// An Arabic name the gazetteer holds only in Latin letters ("Kobane" without «كوباني»): the
// Syrian places (not admin areas) one of whose Latin keys matches the name's spelling
// (latin_pattern): `agrees` when it is one of them, else when they lie within 10 km of one
// another, the first; when apart, a town among hamlets. Names of four letters or more.
std::optional<std::uint32_t> latin_spelling_place(std::string_view key, const Gazetteer& g, const FuzzyIndex& fuzzy,
                                                  std::uint32_t agrees, const std::function<bool(const Place&)>& allowed) {
    if (key.empty() || !geoparse::arabic::arabic_script(key) || text::count_code_points(key, key.size()) < 4) return std::nullopt;
    std::string letters;
    const std::string pattern = latin_pattern(key, letters);
    if (pattern.empty() || letters.size() < 2) return std::nullopt;
    const std::regex re(pattern, std::regex::optimize);
    std::vector<std::uint32_t> found;
    // The fuzzy index's keys (the Syrian places' names), not every key of the gazetteers: a world
    // gazetteer stacked on the embedded one holds millions of foreign keys this never wants.
    fuzzy.for_each_key([&](std::string_view k) {
        if (k.empty() || static_cast<unsigned char>(k[0]) >= 0x80 || k.size() > 4 * key.size()) return;
        std::size_t at = 0;  // the fixed letters in order, before the pattern
        for (char l : letters) {
            at = k.find(l, at);
            if (at == std::string_view::npos) return;
            ++at;
        }
        if (!std::regex_match(k.begin(), k.end(), re)) return;
        for (std::uint32_t idx : g.lookup(k)) {
            const Place& p = g.place(idx);
            if (p.country_code != "SY" || p.is_admin_area()) continue;
            if (!allowed(p)) continue;
            if (std::find(found.begin(), found.end(), idx) == found.end()) found.push_back(idx);
        }
    });
    if (found.empty()) return std::nullopt;
    // the place the Arabic skeleton chose, when its Latin name matches too
    if (std::find(found.begin(), found.end(), agrees) != found.end()) return agrees;
    // Far apart: a town among hamlets (ten times the population of any other) is the name meant.
    const auto population = [&](std::uint32_t idx) { return std::max<std::int64_t>(0, g.place(idx).population); };
    const auto largest = std::max_element(found.begin(), found.end(), [&](std::uint32_t a, std::uint32_t b) {
        return population(a) < population(b);
    });
    const bool town = population(*largest) > 0 && std::all_of(found.begin(), found.end(), [&](std::uint32_t idx) {
        return idx == *largest || population(idx) * 10 < population(*largest);
    });
    const Place& first = g.place(found.front());
    for (std::uint32_t idx : found) {
        const Place& p = g.place(idx);
        if (geo::great_circle_km(first.lat, first.lon, p.lat, p.lon) > 10.0) {
            if (town) return *largest;
            return std::nullopt;
        }
    }
    return found.front();
}

std::optional<std::uint32_t> one_place_of(const std::vector<std::string>& keys, const Gazetteer& g,
                                          const std::function<bool(const Place&)>& allowed) {
    std::vector<std::uint32_t> found;
    for (const std::string& k : keys) {
        for (std::uint32_t idx : g.lookup(k)) {
            const Place& p = g.place(idx);
            if (p.country_code != "SY" || p.is_admin_area() || !allowed(p)) continue;
            if (std::find(found.begin(), found.end(), idx) == found.end()) found.push_back(idx);
        }
    }
    if (found.empty()) return std::nullopt;
    const Place& first = g.place(found.front());
    for (std::uint32_t idx : found) {
        const Place& p = g.place(idx);
        if (geo::great_circle_km(first.lat, first.lon, p.lat, p.lon) > 10.0) return std::nullopt;
    }
    return found.front();
}

std::string initial_alef_key(std::string_view key) {
    if (key.empty() || !arabic_script(key) || key.find(' ') != std::string_view::npos) return {};
    const std::string alef = "\u0627";  // the folded form of أ إ آ ا
    if (key.starts_with(alef) || text::count_code_points(key, key.size()) < 3) return {};
    return alef + std::string(key);
}

// Whether `word` (as written) is a name of the gazetteer, or `before` + `word`, or `word` +
// `after` ("دير" + "الزور"): a piece of a glued word that reads as a name.
static bool names_a_place(std::string_view before, std::string_view word, std::string_view after, const Gazetteer& g) {
    if (!g.lookup(text::fold_name(word)).empty()) return true;
    if (!before.empty() && !g.lookup(text::fold_name(std::string(before) + " " + std::string(word))).empty()) return true;
    return !after.empty() && !g.lookup(text::fold_name(std::string(word) + " " + std::string(after))).empty();
}

// The cell with a space put back where a typist left it out between two Arabic words: the
// letters join in the script whether a space is there or not, so «XY» is easily typed for «X Y»
// (two names, a name and the same name again, a name and «حي» / «شارع» ...). A word no
// gazetteer name holds is split where both halves read as names, or one as a name and the
// other as a word that qualifies one (`is_qualifier`, street and quarter words: «حي» may be
// short); a name half has three letters or more besides the article (shorter halves name too
// many places by chance). The first such split from the left. Latin words are left alone
// (their short halves, "al", "tal", name too much). Empty when no word is split.
std::string respace_glued_words(std::string_view cell, const Gazetteer& g,
                                const std::function<bool(std::string_view folded)>& is_qualifier) {
    static const std::unordered_set<std::string> kHeads = [] {
        std::unordered_set<std::string> out;
        for (const char* w : {"شارع", "دوار", "ساحة", "حارة", "جسر", "مسجد", "جامع", "مشفى", "مدرسة", "سوق"})
            out.insert(text::fold_word(w).key);
        return out;
    }();
    const auto qualifies = [&](std::string_view w) {
        const std::string k = text::fold_word(w).key;
        return !k.empty() && (is_qualifier(k) || kHeads.contains(k));
    };
    // letters of a half, its article «ال» left out
    const auto letters = [](std::string_view w) {
        if (w.starts_with("\u0627\u0644")) w.remove_prefix(4);
        return text::count_code_points(w, w.size());
    };
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < cell.size();) {
        const std::size_t j = std::min(cell.find(' ', i), cell.size());
        if (j > i) words.push_back(cell.substr(i, j - i));
        i = j + 1;
    }
    std::string out;
    bool changed = false;
    for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string_view word = words[w];
        const std::string_view before = w > 0 ? words[w - 1] : std::string_view{};
        const std::string_view after = w + 1 < words.size() ? words[w + 1] : std::string_view{};
        std::string piece(word);
        if (arabic_script(word) && text::count_code_points(word, word.size()) >= 6 &&
            g.lookup(text::fold_name(word)).empty()) {
            for (std::size_t cut = 1; cut < word.size(); ++cut) {
                if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) continue;  // inside a letter
                const std::string_view a = word.substr(0, cut), b = word.substr(cut);
                if (letters(a) < 2 || letters(b) < 2) continue;
                const bool a_name = letters(a) >= 3 && names_a_place(before, a, {}, g);
                const bool b_name = letters(b) >= 3 && names_a_place({}, b, after, g);
                if ((a_name && (b_name || qualifies(b))) || (b_name && qualifies(a))) {
                    piece = std::string(a) + " " + std::string(b);
                    changed = true;
                    break;
                }
            }
        }
        out += (out.empty() ? "" : " ") + piece;
    }
    return changed ? out : std::string{};
}

}  // namespace toponym::geoparse::arabic
