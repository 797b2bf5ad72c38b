// Arabic event cues, actors, casualty figures and date glosses over folded, clitic-peeled words.
#include "events/arabic.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/event_types.hpp"
#include "text/utf8.hpp"

namespace toponym::events::arabic {

namespace {

// ---------------------------------------------------------------------------------------------
// Folding and scanning

using text::append_utf8;

// The project's UTF-8 decoder (the text is valid UTF-8 by then: ingest repairs it).
char32_t next_cp(std::string_view s, std::size_t& i) { return text::next_code_point(s, i); }

bool is_mark(char32_t cp) { return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640; }
bool is_arabic_letter(char32_t cp) { return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3); }

// Folded letter (0 when the character is no word character).
char32_t fold_cp(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp - 'A' + 'a';
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    if (cp >= 0x0660 && cp <= 0x0669) return U'0' + (cp - 0x0660);  // Arabic-Indic digits
    if (cp >= 0x06F0 && cp <= 0x06F9) return U'0' + (cp - 0x06F0);  // Persian digits
    switch (cp) {
        case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;
        case 0x0629: return 0x0647;
        case 0x0649: return 0x064A;
        case 0x0624: return 0x0648;
        case 0x0626: return 0x064A;
        case 0x06CC: return 0x064A;  // Persian yeh
        case 0x06A9: return 0x0643;  // keheh
        case 0x06D5: return 0x0647;  // ae
        default: break;
    }
    if (is_arabic_letter(cp)) return cp;
    return 0;
}

constexpr char32_t kAlef = 0x0627, kLam = 0x0644, kWaw = 0x0648, kFa = 0x0641, kBa = 0x0628, kKaf = 0x0643;

std::string utf8_of(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) append_utf8(out, c);
    return out;
}

// The stems of a folded word (see Word::stems); `bytes` how many written bytes each drops.
void peel(const std::u32string& letters, Word& w) {
    // each Arabic letter is two bytes as written (marks inside a word are rare at its start)
    std::u32string s = letters;
    std::size_t dropped = 0;
    const auto add = [&](bool article) {
        const std::string k = utf8_of(s);
        if (std::find(w.stems.begin(), w.stems.end(), k) != w.stems.end()) return;
        w.stems.push_back(k);
        w.clitic_bytes.push_back(dropped);
        w.article = w.article || article;
    };
    add(false);
    const auto is_ascii = [&] { return !s.empty() && s[0] < 0x80; };
    if (is_ascii()) return;
    if (s.size() >= 3 && (s[0] == kWaw || s[0] == kFa)) {
        s.erase(0, 1);
        dropped += 2;
        add(false);
    }
    if (s.size() >= 3 && (s[0] == kBa || s[0] == kLam || s[0] == kKaf)) {
        // لل: ل + ال with the alef dropped ("للمدينة" = ل + المدينة)
        if (s[0] == kLam && s.size() >= 4 && s[1] == kLam) {
            s.erase(0, 2);
            dropped += 2;
            add(true);
            return;
        }
        s.erase(0, 1);
        dropped += 2;
        add(false);
    }
    if (s.size() >= 4 && s[0] == kAlef && s[1] == kLam) {
        s.erase(0, 2);
        add(true);
    }
    // the accusative's tanwin alef: «قصفاً مدفعياً» is قصف مدفعي
    if (s.size() >= 4 && s.back() == kAlef) {
        s.pop_back();
        add(false);
    }
}

bool is_stop(char32_t cp) {
    switch (cp) {
        case '.': case ';': case ':': case '!': case '?': case '(': case ')': case '[': case ']': case '"':
        case '\n': case 0x061F: case 0x061B: case 0x06D4: case 0x00AB: case 0x00BB: case 0x201C: case 0x201D:
            return true;
        default:
            return false;
    }
}

// The folded form of a table word, article dropped ("الطيران" → "طيران").
std::string fold_table_word(std::string_view word) {
    std::u32string letters;
    for (std::size_t i = 0; i < word.size();) {
        const char32_t cp = next_cp(word, i);
        if (is_mark(cp)) continue;
        if (const char32_t f = fold_cp(cp)) letters.push_back(f);
    }
    if (letters.size() >= 4 && letters[0] == kAlef && letters[1] == kLam) letters.erase(0, 2);
    return utf8_of(letters);
}

// ---------------------------------------------------------------------------------------------
// Cue tables (written as in text; folded when indexed). Ranks as in classifier.cpp.

constexpr int kChemical = 100, kDrone = 90, kAir = 80, kBarrel = 75, kShelling = 70, kCapture = 60, kWithdrawal = 55,
              kSiege = 50, kClashes = 40, kDisplacement = 38, kClashesWeak = 35, kOther = 20, kCasualtiesOnly = 10;

struct ArCue {
    std::array<std::string_view, 4> words;
    std::string_view type;
    std::string_view subtype;
    int priority;
    double confidence;
    bool generic = false;     // "استهداف": a verb of attack that takes its kind from the weapons
    bool supporting = false;  // "بغطاء جوي": counts only when nothing else does
};

constexpr ArCue kCues[] = {
    // chemical attack
    {{"هجوم", "كيماوي"}, "chemical_attack", "", kChemical, 0.9},
    {{"هجوم", "كيميائي"}, "chemical_attack", "", kChemical, 0.9},
    {{"هجوم", "بالغازات"}, "chemical_attack", "", kChemical, 0.85},
    {{"قصف", "كيماوي"}, "chemical_attack", "", kChemical, 0.9},
    {{"كيماوي"}, "chemical_attack", "", kChemical, 0.8},
    {{"كيماوية"}, "chemical_attack", "", kChemical, 0.8},
    {{"كيميائي"}, "chemical_attack", "", kChemical, 0.8},
    {{"كيميائية"}, "chemical_attack", "", kChemical, 0.8},
    {{"غازات", "سامة"}, "chemical_attack", "", kChemical, 0.85},
    {{"غاز", "سام"}, "chemical_attack", "", kChemical, 0.85},
    {{"مواد", "سامة"}, "chemical_attack", "", kChemical, 0.8},
    {{"كلور"}, "chemical_attack", "chlorine", kChemical, 0.85},
    {{"الكلور"}, "chemical_attack", "chlorine", kChemical, 0.85},
    {{"سارين"}, "chemical_attack", "sarin", kChemical, 0.85},
    {{"غاز", "الخردل"}, "chemical_attack", "mustard gas", kChemical, 0.85},
    // drone strike
    {{"طائرة", "مسيرة"}, "drone_strike", "", kDrone, 0.9},
    {{"طائرات", "مسيرة"}, "drone_strike", "", kDrone, 0.9},
    {{"طيران", "مسير"}, "drone_strike", "", kDrone, 0.9},
    {{"بدون", "طيار"}, "drone_strike", "", kDrone, 0.9},
    {{"مسيرة", "انتحارية"}, "drone_strike", "", kDrone, 0.9},
    {{"مسيرة", "مفخخة"}, "drone_strike", "", kDrone, 0.9},
    {{"درون"}, "drone_strike", "", kDrone, 0.85},
    // air strike
    {{"غارة"}, "air_strike", "", kAir, 0.9},
    {{"غارات"}, "air_strike", "", kAir, 0.9},
    {{"الغارة"}, "air_strike", "", kAir, 0.9},
    {{"قصف", "جوي"}, "air_strike", "", kAir, 0.9},
    {{"قصف", "~", "جوي"}, "air_strike", "", kAir, 0.85},
    {{"ضربة", "جوية"}, "air_strike", "", kAir, 0.9},
    {{"ضربات", "جوية"}, "air_strike", "", kAir, 0.9},
    {{"قصف", "طيران"}, "air_strike", "", kAir, 0.85},
    {{"قنابل", "عنقودية"}, "air_strike", "cluster munitions", kAir, 0.8},
    {{"ذخائر", "عنقودية"}, "air_strike", "cluster munitions", kAir, 0.8},
    {{"صواريخ", "فراغية"}, "air_strike", "vacuum missiles", kAir, 0.85},
    {{"صاروخ", "فراغي"}, "air_strike", "vacuum missiles", kAir, 0.85},
    {{"قنابل", "فوسفورية"}, "air_strike", "incendiary", kAir, 0.8},
    {{"غطاء", "جوي"}, "air_strike", "air support", kAir, 0.5, false, true},
    {{"دعم", "جوي"}, "air_strike", "air support", kAir, 0.5, false, true},
    {{"إسناد", "جوي"}, "air_strike", "air support", kAir, 0.5, false, true},
    // shelling
    {{"برميل", "متفجر"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"براميل", "متفجرة"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"البراميل", "المتفجرة"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"برميلين", "متفجرين"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"براميل"}, "shelling", "barrel bombs", kBarrel, 0.8},
    {{"حاويات", "متفجرة"}, "shelling", "barrel bombs", kBarrel, 0.85},
    {{"ألغام", "بحرية"}, "shelling", "barrel bombs", kBarrel, 0.85},
    {{"قصف", "مدفعي"}, "shelling", "artillery", kShelling, 0.9},
    {{"قصف", "صاروخي"}, "shelling", "rockets", kShelling, 0.9},
    {{"قصف"}, "shelling", "", kShelling, 0.85},
    {{"قصفت"}, "shelling", "", kShelling, 0.85},
    // a headline's present: «طيران التحالف يقصف قرية ...»
    {{"يقصف"}, "shelling", "", kShelling, 0.85},
    {{"تقصف"}, "shelling", "", kShelling, 0.85},
    {{"القصف"}, "shelling", "", kShelling, 0.85},
    {{"مدفعية"}, "shelling", "artillery", kShelling, 0.85},
    {{"مدفعي"}, "shelling", "artillery", kShelling, 0.85},
    {{"المدفعية"}, "shelling", "artillery", kShelling, 0.85},
    {{"قذائف", "هاون"}, "shelling", "mortars", kShelling, 0.9},
    {{"قذيفة", "هاون"}, "shelling", "mortars", kShelling, 0.9},
    {{"هاون"}, "shelling", "mortars", kShelling, 0.85},
    {{"قذائف"}, "shelling", "", kShelling, 0.8},
    {{"قذيفة"}, "shelling", "", kShelling, 0.75},
    {{"صاروخ"}, "shelling", "rockets", kShelling, 0.8},
    {{"صواريخ"}, "shelling", "rockets", kShelling, 0.8},
    {{"صاروخية"}, "shelling", "rockets", kShelling, 0.8},
    {{"راجمات"}, "shelling", "rockets", kShelling, 0.85},
    {{"راجمة"}, "shelling", "rockets", kShelling, 0.85},
    {{"غراد"}, "shelling", "rockets", kShelling, 0.8},
    {{"صواريخ", "أرض", "أرض"}, "shelling", "rockets", kShelling, 0.85},
    {{"صاروخ", "موجه"}, "shelling", "missiles", kShelling, 0.8},
    {{"دبابة"}, "shelling", "artillery", kShelling - 2, 0.6},
    {{"دبابات"}, "shelling", "artillery", kShelling - 2, 0.6},
    // capture of territory
    {{"سيطرة"}, "capture_of_territory", "", kCapture, 0.85},
    {{"السيطرة", "على"}, "capture_of_territory", "", kCapture, 0.9},
    {{"سيطرت"}, "capture_of_territory", "", kCapture, 0.9},
    {{"سيطر"}, "capture_of_territory", "", kCapture, 0.9},
    {{"تسيطر"}, "", "", 0, 0.0},  // holds (now), no taking
    // a headline's present: «قوات النظام تسيطر على تل الصوان» (not «تسيطر عليها»)
    {{"تسيطر", "على"}, "capture_of_territory", "", kCapture, 0.8},
    {{"يسيطر", "على"}, "capture_of_territory", "", kCapture, 0.8},
    // organisations named with a cue word: «هيئة تحرير الشام», «جبهة فتح الشام», «درع الفرات»
    {{"هيئة", "تحرير", "الشام"}, "", "", 0, 0.0},
    {{"تحرير", "الشام"}, "", "", 0, 0.0},
    {{"فتح", "الشام"}, "", "", 0, 0.0},
    {{"جيش", "الفتح"}, "", "", 0, 0.0},
    {{"درع", "الفرات"}, "", "", 0, 0.0},
    {{"غصن", "الزيتون"}, "", "", 0, 0.0},
    {{"نبع", "السلام"}, "", "", 0, 0.0},
    {{"جيش", "التحرير"}, "", "", 0, 0.0},
    {{"تحت", "سيطرة"}, "", "", 0, 0.0},
    {{"مناطق", "سيطرة"}, "", "", 0, 0.0},
    {{"بسط", "السيطرة"}, "capture_of_territory", "", kCapture, 0.9},
    {{"استعادة"}, "capture_of_territory", "", kCapture, 0.85},
    {{"استعادت"}, "capture_of_territory", "", kCapture, 0.9},
    {{"استعاد"}, "capture_of_territory", "", kCapture, 0.9},
    {{"تحرير"}, "capture_of_territory", "", kCapture, 0.8},
    {{"حررت"}, "capture_of_territory", "", kCapture, 0.85},
    {{"انتزاع"}, "capture_of_territory", "", kCapture, 0.8},
    {{"اقتحام"}, "capture_of_territory", "", kCapture, 0.7},
    {{"اقتحمت"}, "capture_of_territory", "", kCapture, 0.75},
    {{"دخلت"}, "capture_of_territory", "", kCapture, 0.55},
    {{"تقدم"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"تقدمت"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"تقدما"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"تتقدم"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"يتقدم"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"تستعيد"}, "capture_of_territory", "", kCapture, 0.85},
    {{"يستعيد"}, "capture_of_territory", "", kCapture, 0.85},
    {{"تقتحم"}, "capture_of_territory", "", kCapture, 0.7},
    {{"يقتحم"}, "capture_of_territory", "", kCapture, 0.7},
    {{"محاولة", "تقدم"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"محاولات", "تقدم"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"محاولة", "اقتحام"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"محاولة", "التقدم"}, "clashes", "attempted advance", kClashes, 0.75},
    // withdrawal
    {{"انسحاب"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"انسحبت"}, "withdrawal", "", kWithdrawal, 0.9},
    {{"انسحب"}, "withdrawal", "", kWithdrawal, 0.9},
    {{"تنسحب"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"ينسحب"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"تراجع"}, "withdrawal", "", kWithdrawal, 0.7},
    // siege
    {{"حصار"}, "siege", "", kSiege, 0.8},
    {{"محاصرة"}, "siege", "", kSiege, 0.8},
    {{"المحاصرة"}, "siege", "", kSiege, 0.8},
    {{"تحاصر"}, "siege", "", kSiege, 0.8},
    {{"يحاصر"}, "siege", "", kSiege, 0.8},
    {{"تطويق"}, "siege", "", kSiege, 0.8},
    // clashes
    {{"اشتباكات"}, "clashes", "", kClashes, 0.9},
    {{"اشتباك"}, "clashes", "", kClashes, 0.85},
    {{"اشتبكت"}, "clashes", "", kClashes, 0.9},
    {{"اشتبك"}, "clashes", "", kClashes, 0.9},
    {{"تشتبك"}, "clashes", "", kClashes, 0.85},
    {{"يشتبك"}, "clashes", "", kClashes, 0.85},
    {{"معارك"}, "clashes", "", kClashes, 0.85},
    {{"معركة"}, "clashes", "", kClashes, 0.8},
    {{"مواجهات"}, "clashes", "", kClashes, 0.85},
    {{"اشتباكات", "عنيفة"}, "clashes", "", kClashes, 0.9},
    {{"كمين"}, "clashes", "ambush", kClashes, 0.85},
    {{"هجوم", "معاكس"}, "clashes", "counter-attack", kClashes, 0.8},
    {{"هجوما", "معاكسا"}, "clashes", "counter-attack", kClashes, 0.8},
    {{"هجوم"}, "clashes", "", kClashesWeak, 0.55},
    {{"هجوما"}, "clashes", "", kClashesWeak, 0.55},
    {{"هاجمت"}, "clashes", "", kClashesWeak, 0.6},
    {{"هاجم"}, "clashes", "", kClashesWeak, 0.6},
    {{"تهاجم"}, "clashes", "", kClashesWeak, 0.6},
    {{"يهاجم"}, "clashes", "", kClashesWeak, 0.6},
    {{"عملية", "عسكرية"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"تسلل"}, "clashes", "infiltration", kClashes, 0.75},
    {{"استهداف"}, "clashes", "", kOther - 1, 0.5, true},
    {{"ألقت"}, "clashes", "", kOther - 2, 0.45, true},  // dropped (from aircraft)
    {{"ألقى"}, "clashes", "", kOther - 2, 0.45, true},
    {{"استهدف"}, "clashes", "", kOther - 1, 0.5, true},
    {{"استهدفت"}, "clashes", "", kOther - 1, 0.5, true},
    {{"يستهدف"}, "clashes", "", kOther - 1, 0.5, true},
    {{"تستهدف"}, "clashes", "", kOther - 1, 0.5, true},
    {{"تلقي"}, "clashes", "", kOther - 2, 0.45, true},
    {{"يلقي"}, "clashes", "", kOther - 2, 0.45, true},
    // displacement
    {{"نزوح"}, "displacement", "", kDisplacement, 0.9},
    {{"نازحين"}, "displacement", "", kDisplacement, 0.8},
    {{"النازحين"}, "displacement", "", kDisplacement, 0.8},
    {{"نزح"}, "displacement", "", kDisplacement, 0.85},
    {{"تهجير"}, "displacement", "", kDisplacement, 0.85},
    {{"فرار"}, "displacement", "", kDisplacement, 0.7},
    // other
    {{"تفجير"}, "other", "explosion", kOther, 0.8},
    {{"انفجار"}, "other", "explosion", kOther, 0.8},
    {{"عبوة", "ناسفة"}, "other", "explosion", kOther, 0.85},
    {{"عبوات", "ناسفة"}, "other", "explosion", kOther, 0.85},
    {{"سيارة", "مفخخة"}, "other", "explosion", kOther, 0.85},
    {{"مفخخة"}, "other", "explosion", kOther, 0.8},
    {{"لغم"}, "other", "explosion", kOther, 0.75},
    {{"ألغام"}, "other", "explosion", kOther, 0.7},
    {{"انتحاري"}, "other", "explosion", kOther, 0.8},
    {{"اغتيال"}, "other", "assassination", kOther, 0.8},
    {{"اغتيل"}, "other", "assassination", kOther, 0.8},
    {{"قنص"}, "other", "shooting", kOther, 0.75},
    {{"قناص"}, "other", "shooting", kOther, 0.75},
    {{"قناصة"}, "other", "shooting", kOther, 0.75},
    {{"رصاص"}, "other", "shooting", kOther, 0.6},
    // a massacre takes its kind from the weapons named with it («مجزرة ... إثر غارة جوية»)
    {{"مجزرة"}, "other", "massacre", kOther - 1, 0.6, true},
    {{"مجازر"}, "other", "massacre", kOther - 1, 0.6, true},
    {{"اعتقال"}, "other", "arrests", kOther, 0.7},
    {{"اعتقلت"}, "other", "arrests", kOther, 0.7},
    {{"اعتقل"}, "other", "arrests", kOther, 0.7},
    {{"حملة", "اعتقالات"}, "other", "arrests", kOther, 0.75},
    {{"اختطاف"}, "other", "abduction", kOther, 0.7},
    {{"مظاهرة"}, "other", "protest", kOther, 0.7},
    {{"تظاهرة"}, "other", "protest", kOther, 0.7},
    {{"تظاهرات"}, "other", "protest", kOther, 0.7},
    {{"وقفة", "احتجاجية"}, "other", "protest", kOther, 0.7},
    {{"مظاهرات"}, "other", "protest", kOther, 0.7},
    {{"وقف", "إطلاق", "النار"}, "other", "ceasefire", kOther, 0.85},
    {{"هدنة"}, "other", "ceasefire", kOther, 0.85},
    {{"إسقاط", "طائرة"}, "other", "aircraft shot down", kOther + 1, 0.8},
    {{"مقتل"}, "other", "casualties", kCasualtiesOnly, 0.4},
    // the verb as "killed" in English («قتل مدنيان في X», «قُتل طفل»): the casualties alone
    {{"قتل"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"استشهاد"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"مصرع"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"شهداء"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"قتلى"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"ضحايا"}, "other", "casualties", kCasualtiesOnly, 0.35},
    // the wounded, as "wounded" / "injured" in English
    {{"جرحى"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"جريح"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"إصابة"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"إصابات"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"مصابين"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"أصيب"}, "other", "casualties", kCasualtiesOnly, 0.35},
};

static_assert(names_event_types(kCues), "a cue's type is not in core/event_types.hpp (an empty type only blocks)");

// Aircraft and drones named anywhere in the sentence make a strike with no weapon of its own
// («قصف», «استهداف», «صواريخ») an air (or drone) strike: «قصف الطيران الحربي».
constexpr std::string_view kAircraft[] = {"طيران", "الطيران", "طائرات", "طائرة", "الطائرات", "مروحي", "مروحية",
                                          "مروحيات", "حربي", "حربية", "الحربي", "مقاتلات", "سوخوي", "حوامات",
                                          "الحوامات", "المروحيات"};
// one side's claim («زعمت», «ادعت»), a denial («نفت»)
constexpr std::string_view kClaimWords[] = {"زعم", "زعمت", "ادعت", "ادعى", "مزاعم"};
constexpr std::string_view kDenialWords[] = {"نفت", "نفى"};
// words between a toll and its amount: «نحو», «أكثر من», «ما لا يقل عن»
constexpr std::string_view kQualifiers[] = {"نحو", "قرابة", "حوالي", "أكثر", "من", "أقل", "لا", "يقل", "عن", "ما",
                                            "يزيد", "زهاء", "لايقل"};
constexpr std::string_view kDrones[] = {"مسيرة", "مسيرات", "المسيرة", "المسيرات", "درون", "المسير"};

// Actor phrases, longest first when matched.
constexpr std::array<std::string_view, 4> kActors[] = {
    {"الطيران", "الحربي", "الروسي"}, {"الطيران", "الروسي"}, {"الطائرات", "الروسية"}, {"الطيران", "الحربي"},
    {"الطيران", "المروحي"}, {"الطيران", "الحربي", "التابع", "للنظام"}, {"طيران", "النظام"}, {"طيران", "الاحتلال", "الروسي"},
    {"الطيران", "التركي"}, {"الطيران", "الأمريكي"}, {"طيران", "التحالف"}, {"طيران", "التحالف", "الدولي"},
    {"التحالف", "الدولي"}, {"التحالف", "بقيادة"}, {"الطائرات", "الحربية"}, {"المروحيات"}, {"مروحيات", "النظام"}, {"الطائرات", "المسيرة"},
    {"قوات", "النظام"}, {"قوات", "الأسد"}, {"جيش", "النظام"}, {"الجيش", "السوري"}, {"جيش", "الأسد"},
    {"الميليشيات", "الإيرانية"}, {"الميليشيات", "الموالية"}, {"ميليشيات", "النظام"}, {"الميليشيات", "الشيعية"},
    {"قوات", "النظام", "والميليشيات", "الإيرانية"}, {"ميليشيا", "حزب", "الله"}, {"حزب", "الله"}, {"القوات", "الروسية"},
    {"فصائل", "المعارضة"}, {"الفصائل", "المقاتلة"}, {"الفصائل", "الثورية"}, {"فصائل", "المعارضة", "المسلحة"},
    {"الجيش", "الحر"}, {"الجيش", "السوري", "الحر"}, {"الجيش", "الوطني"}, {"الجيش", "الوطني", "السوري"},
    {"تنظيم", "الدولة"}, {"تنظيم", "الدولة", "الإسلامية"}, {"تنظيم", "داعش"}, {"داعش"}, {"قسد"},
    {"قوات", "سوريا", "الديمقراطية"}, {"وحدات", "حماية", "الشعب"}, {"الوحدات", "الكردية"}, {"هيئة", "تحرير", "الشام"},
    {"جبهة", "النصرة"}, {"جبهة", "فتح", "الشام"}, {"أحرار", "الشام"}, {"حركة", "أحرار", "الشام"}, {"جيش", "الإسلام"},
    {"فيلق", "الرحمن"}, {"جيش", "العزة"}, {"الجيش", "التركي"}, {"القوات", "التركية"}, {"الجبهة", "الوطنية", "للتحرير"},
    {"الدفاع", "الوطني"}, {"الحرس", "الثوري"}, {"قوات", "التحالف"}, {"القوات", "الأمريكية"},
};

// Nouns of armed forces that an adjective of relation names («الجيش الروسي», «القوات التركية»).
constexpr std::string_view kForceNouns[] = {"الجيش", "جيش", "القوات", "قوات", "الطيران", "طيران", "الطائرات",
                                            "طائرات", "الميليشيات", "ميليشيات", "مليشيات", "ميليشيا", "الفصائل",
                                            "فصائل", "المقاتلات", "مقاتلات", "المدفعية", "البوارج"};

// An adjective of relation (nisba): a folded stem ending in ي or يه (ـية).
bool nisba(const Word& w) {
    static const std::string ya = "\u064A", ya_ha = "\u064A\u0647";
    for (const std::string& s : w.stems)
        if (s.size() >= 8 && (s.ends_with(ya) || s.ends_with(ya_ha))) return true;  // four letters at least (not «إلى»)
    return false;
}

struct CueIndex {
    struct Entry {
        std::array<std::string, 4> words;  // folded; "~" a gap
        std::size_t n;
        const ArCue* cue;
    };
    std::unordered_map<std::string, std::vector<Entry>> by_first;
};

const CueIndex& cue_index() {
    static const CueIndex index = [] {
        CueIndex idx;
        for (const ArCue& c : kCues) {
            CueIndex::Entry e{{}, 0, &c};
            for (std::string_view w : c.words) {
                if (w.empty()) break;
                e.words[e.n++] = w == "~" ? std::string("~") : fold_table_word(w);
            }
            idx.by_first[e.words[0]].push_back(std::move(e));
        }
        return idx;
    }();
    return index;
}

struct Phrase {
    std::array<std::string, 4> words;
    std::size_t n = 0;
};

const std::vector<Phrase>& actor_phrases() {
    static const std::vector<Phrase> phrases = [] {
        std::vector<Phrase> out;
        for (const auto& a : kActors) {
            Phrase p;
            for (std::string_view w : a) {
                if (w.empty()) break;
                p.words[p.n++] = fold_table_word(w);
            }
            out.push_back(std::move(p));
        }
        std::stable_sort(out.begin(), out.end(), [](const Phrase& a, const Phrase& b) { return a.n > b.n; });
        return out;
    }();
    return phrases;
}

bool any_of_words(const Word& w, const std::vector<std::string>& folded) {
    for (const std::string& f : folded)
        if (word_is(w, f)) return true;
    return false;
}

template <std::size_t N>
std::vector<std::string> fold_all(const std::string_view (&list)[N]) {
    std::vector<std::string> out;
    for (std::string_view x : list) out.push_back(fold_table_word(x));
    return out;
}

// End (exclusive) of the cue `e` matched at w[i], or 0.
std::size_t match_entry(const std::vector<Word>& w, std::size_t i, const CueIndex::Entry& e) {
    std::size_t j = i;
    for (std::size_t k = 0; k < e.n; ++k) {
        if (e.words[k] == "~") {
            // a gap of 0..2 words inside the clause before the next cue word
            const std::string& next = e.words[k + 1];
            std::size_t g = j;
            for (; g < w.size() && g <= j + 2; ++g) {
                if (g > i && (w[g].stop_before || w[g].comma_before)) return 0;
                if (word_is(w[g], next)) break;
            }
            if (g >= w.size() || g > j + 2) return 0;
            j = g;
            continue;
        }
        if (j >= w.size() || (j > i && (w[j].stop_before || w[j].comma_before)) || !word_is(w[j], e.words[k])) return 0;
        ++j;
    }
    return j;
}

std::string slice(std::string_view s, const std::vector<Word>& w, std::size_t first, std::size_t last,
                  std::size_t skip = 0) {
    return std::string(s.substr(w[first].begin + skip, w[last].end - w[first].begin - skip));
}

// Bytes of clitics (not the article) before the stem of w that equals `folded`.
std::size_t clitics_before(const Word& w, std::string_view folded) {
    for (std::size_t k = 0; k < w.stems.size(); ++k) {
        if (w.stems[k] == folded) return w.clitic_bytes[k];
        // the stem with its article dropped: the article stays part of what is written
    }
    for (std::size_t k = 0; k < w.stems.size(); ++k)
        if (w.stems[k].size() > folded.size() && w.stems[k].ends_with(folded)) return w.clitic_bytes[k];
    return 0;
}

struct Hit {
    const ArCue* cue;
    std::size_t first, last;
};

// ---------------------------------------------------------------------------------------------
// Numbers

struct NumberWord {
    std::string_view word;
    long value;
};
constexpr NumberWord kNumbers[] = {
    {"واحد", 1}, {"واحدة", 1}, {"اثنان", 2}, {"اثنين", 2}, {"اثنتان", 2}, {"اثنتين", 2}, {"ثلاث", 3}, {"ثلاثة", 3},
    {"أربع", 4}, {"أربعة", 4}, {"خمس", 5}, {"خمسة", 5}, {"ست", 6}, {"ستة", 6}, {"سبع", 7}, {"سبعة", 7}, {"ثمان", 8},
    {"ثماني", 8}, {"ثمانية", 8}, {"تسع", 9}, {"تسعة", 9}, {"عشر", 10}, {"عشرة", 10}, {"أحد", 1}, {"إحدى", 1},
    {"اثنا", 2}, {"اثني", 2}, {"عشرون", 20}, {"عشرين", 20}, {"ثلاثون", 30}, {"ثلاثين", 30}, {"أربعون", 40},
    {"أربعين", 40}, {"خمسون", 50}, {"خمسين", 50}, {"ستون", 60}, {"ستين", 60}, {"سبعون", 70}, {"سبعين", 70},
    {"ثمانون", 80}, {"ثمانين", 80}, {"تسعون", 90}, {"تسعين", 90}, {"مئة", 100}, {"مائة", 100}, {"مئتين", 200},
    {"مائتين", 200}, {"مئات", -2}, {"عشرات", -2}, {"العشرات", -2}, {"المئات", -2}};

long number_word(const Word& w, bool& vague) {
    vague = false;
    static const std::vector<std::string> folded = [] {
        std::vector<std::string> out;
        for (const NumberWord& n : kNumbers) out.push_back(fold_table_word(n.word));
        return out;
    }();
    for (std::size_t k = 0; k < std::size(kNumbers); ++k) {
        const NumberWord& n = kNumbers[k];
        const std::string& f = folded[k];
        if (w.key == f || (w.stems.size() > 1 && w.stems.back() == f && !w.article)) {
            if (n.value == -2) {
                vague = true;
                return -1;
            }
            return n.value;
        }
    }
    return -1;
}

// Dual nouns of people: «طفلين» two children, «شخصين» two people.
constexpr std::string_view kDuals[] = {"طفلين", "شخصين", "مدنيين", "شهيدين", "قتيلين", "جريحين", "رجلين",
                                       "امرأتين", "عنصرين", "مقاتلين", "شقيقين", "طفلان", "شخصان", "مدنيان",
                                       "شهيدان", "قتيلان", "جريحان", "رجلان", "امرأتان", "عنصران", "مقاتلان",
                                       "شقيقان"};
// Nouns of people in the singular: «مقتل طفل» is one child killed.
constexpr std::string_view kSingulars[] = {"طفل", "طفلة", "شخص", "مدني", "رجل", "امرأة", "شاب", "عنصر",
                                           "مقاتل", "سيدة", "فتاة", "مسن", "قيادي", "قائد", "ناشط", "مواطن"};

// One folded copy per list: the list is the template argument.
template <const auto& List>
bool in_list(const Word& w) {
    static const std::vector<std::string> folded = fold_all(List);
    return any_of_words(w, folded);
}

// ---------------------------------------------------------------------------------------------
// Dates

struct Gloss {
    std::string_view arabic;  // folded when compared
    std::string_view english;
    int kind;  // 0 weekday, 1 month, 2 relative day
};
constexpr Gloss kDateWords[] = {
    {"السبت", "Saturday", 0}, {"الأحد", "Sunday", 0}, {"الاثنين", "Monday", 0}, {"الإثنين", "Monday", 0},
    {"الثلاثاء", "Tuesday", 0}, {"الأربعاء", "Wednesday", 0}, {"الخميس", "Thursday", 0}, {"الجمعة", "Friday", 0},
    {"شباط", "February", 1}, {"آذار", "March", 1}, {"نيسان", "April", 1}, {"أيار", "May", 1}, {"حزيران", "June", 1},
    {"تموز", "July", 1}, {"أيلول", "September", 1}, {"يناير", "January", 1}, {"فبراير", "February", 1},
    {"مارس", "March", 1}, {"أبريل", "April", 1}, {"إبريل", "April", 1}, {"مايو", "May", 1}, {"يونيو", "June", 1},
    {"يونيه", "June", 1}, {"يوليو", "July", 1}, {"يوليه", "July", 1}, {"أغسطس", "August", 1}, {"سبتمبر", "September", 1},
    {"أكتوبر", "October", 1}, {"نوفمبر", "November", 1}, {"ديسمبر", "December", 1},
    {"أمس", "yesterday", 2}, {"البارحة", "yesterday", 2}, {"اليوم", "today", 2},
};
constexpr std::string_view kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

}  // namespace

// ---------------------------------------------------------------------------------------------

bool has_arabic(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0xD8 && c <= 0xDB) return true;
    return false;
}

bool word_is(const Word& w, std::string_view folded) {
    for (const std::string& s : w.stems)
        if (s == folded) return true;
    return false;
}

std::vector<Word> scan_words(std::string_view text) {
    std::vector<Word> out;
    std::size_t i = 0;
    bool stop = false, comma = false;
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t cp = next_cp(text, i);
        if (!fold_cp(cp) && !is_mark(cp)) {
            if (cp == ',' || cp == 0x060C) comma = true;
            else if (is_stop(cp)) stop = true;
            continue;
        }
        Word w;
        w.begin = at;
        w.stop_before = stop;
        w.comma_before = comma;
        stop = comma = false;
        std::u32string letters;
        std::size_t j = at;
        bool digits = true;
        while (j < text.size()) {
            std::size_t k = j;
            const char32_t c = next_cp(text, k);
            if (is_mark(c)) {
                j = k;
                continue;
            }
            const char32_t f = fold_cp(c);
            if (!f) break;
            // digits and letters are separate words: «و12» is و + 12
            const bool is_digit = f >= '0' && f <= '9';
            if (!letters.empty() && is_digit != digits) break;
            digits = is_digit;
            letters.push_back(f);
            j = k;
        }
        i = j;
        w.end = j;
        w.key = utf8_of(letters);
        if (digits && !letters.empty() && letters.size() <= 9) {
            w.is_number = true;
            w.value = std::stol(w.key);
            w.stems.push_back(w.key);
            w.clitic_bytes.push_back(0);
        } else {
            peel(letters, w);
        }
        out.push_back(std::move(w));
    }
    return out;
}

namespace {
// «30 ألف», «ثلاثة آلاف»: the thousands after a count
long thousands(const std::vector<Word>& w, std::size_t& last, long v) {
    static const std::array<std::string, 3> words = {fold_table_word("ألف"), fold_table_word("آلاف"),
                                                     fold_table_word("ألفا")};
    if (last + 1 < w.size() && !w[last + 1].stop_before && !w[last + 1].comma_before)
        for (const std::string& k : words)
            if (word_is(w[last + 1], k)) {
                ++last;
                return v * 1000;
            }
    return v;
}
}  // namespace

long number_at(const std::vector<Word>& w, std::size_t i, std::size_t& last) {
    last = i;
    if (i >= w.size()) return -1;
    if (w[i].is_number) return thousands(w, last, w[i].value);
    bool vague = false;
    long v = number_word(w[i], vague);
    if (v < 0) return -1;
    // «ثلاثة عشر» 13, «خمسة وعشرين» 25
    if (i + 1 < w.size() && v < 10 && !w[i + 1].stop_before && !w[i + 1].comma_before) {
        bool vg = false;
        const long next = number_word(w[i + 1], vg);
        if (next == 10 && w[i + 1].key.size() <= 8) {
            last = i + 1;
            return thousands(w, last, v + 10);
        }
        if (next >= 20 && next < 100 && next % 10 == 0 && w[i + 1].stems.size() > 1) {
            last = i + 1;
            return thousands(w, last, v + next);
        }
    }
    return thousands(w, last, v);
}

std::optional<Classification> classify(std::string_view sentence, std::size_t cue_from) {
    if (!has_arabic(sentence)) return std::nullopt;
    const std::vector<Word> w = scan_words(sentence);
    const CueIndex& index = cue_index();
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < w.size();) {
        const CueIndex::Entry* best = nullptr;
        std::size_t best_end = 0;
        for (const std::string& stem : w[i].stems) {
            const auto it = index.by_first.find(stem);
            if (it == index.by_first.end()) continue;
            for (const CueIndex::Entry& e : it->second) {
                const std::size_t end = match_entry(w, i, e);
                if (end > best_end) best = &e, best_end = end;
            }
        }
        if (!best) {
            ++i;
            continue;
        }
        if (w[i].begin >= cue_from && !best->cue->type.empty()) hits.push_back({best->cue, i, best_end - 1});
        i = best_end;
    }
    if (hits.empty()) return std::nullopt;
    const auto rank = [](const Hit& h) { return h.cue->supporting ? h.cue->priority - 1000 : h.cue->priority; };
    const Hit* best = &hits.front();
    for (const Hit& h : hits)
        if (rank(h) > rank(*best) || (rank(h) == rank(*best) && h.first < best->first)) best = &h;
    Classification c;
    c.type = std::string(best->cue->type);
    c.subtype = std::string(best->cue->subtype);
    c.cue = slice(sentence, w, best->first, best->last);
    c.confidence = best->cue->supporting ? best->cue->confidence * 0.6 : best->cue->confidence;
    c.supporting = best->cue->supporting;
    c.generic = best->cue->generic;
    if (c.subtype.empty())
        for (const Hit& h : hits)
            if (h.cue->type == best->cue->type && !h.cue->subtype.empty() && !h.cue->supporting) {
                c.subtype = std::string(h.cue->subtype);
                break;
            }
    // A strike with no weapon of its own by aircraft or drones named in the sentence: «قصف
    // الطيران الحربي», «استهدفت طائرة مسيرة», «صواريخ أطلقتها الطائرات» (barrel bombs stay).
    const bool strike_like = (c.type == "shelling" && c.subtype != "barrel bombs" && c.subtype != "mortars" &&
                              c.subtype != "artillery") ||
                             c.generic || c.type == "air_strike";
    if (strike_like && !c.supporting) {
        bool drone = false, aircraft = false;
        for (const Word& x : w) {
            drone = drone || in_list<kDrones>(x);
            aircraft = aircraft || in_list<kAircraft>(x);
        }
        if (drone || (aircraft && c.type != "air_strike")) {
            c.type = drone ? "drone_strike" : "air_strike";
            if (c.subtype == "rockets") c.subtype = "missiles";
            c.confidence = std::max(c.confidence, 0.8);
            // a generic verb stays generic: the weapons the sentence names elsewhere decide
        }
    }
    // one side's claim: «حسب زعم», «ادعت», «زعمت»
    for (const Word& x : w) {
        if (in_list<kClaimWords>(x)) c.status = "claimed";
        if (in_list<kDenialWords>(x)) c.status = "disputed";
    }
    return c;
}

std::vector<std::string> find_actors(std::string_view sentence) {
    std::vector<std::string> out;
    if (!has_arabic(sentence)) return out;
    const std::vector<Word> w = scan_words(sentence);
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < w.size();) {
        std::size_t n = 0;
        for (const Phrase& p : actor_phrases()) {
            bool ok = i + p.n <= w.size();
            for (std::size_t k = 0; ok && k < p.n; ++k)
                ok = word_is(w[i + k], p.words[k]) && (k == 0 || (!w[i + k].stop_before && !w[i + k].comma_before));
            if (ok) {
                n = p.n;
                std::string key;
                for (std::size_t k = 0; k < p.n; ++k) key += p.words[k] + " ";
                if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                    keys.push_back(key);
                    const std::size_t skip = clitics_before(w[i], p.words[0]);
                    std::string actor = slice(sentence, w, i, i + n - 1, skip);
                    // «للطيران»: ل + ال with the alef not written; the article is given back
                    if (skip == 2 && sentence.substr(w[i].begin, 4) == "\u0644\u0644") actor.insert(0, "\u0627");
                    out.push_back(std::move(actor));
                }
                break;
            }
        }
        // a force named by its nation or side: «الجيش الروسي», «القوات التركية», «قوات عشائرية»
        // (a force noun and an adjective of relation, ـي / ـية)
        static const std::vector<std::string> forces = fold_all(kForceNouns);
        const auto force = std::find_if(forces.begin(), forces.end(), [&](const std::string& f) { return word_is(w[i], f); });
        if (!n && force != forces.end() && i + 1 < w.size() && !w[i + 1].stop_before && !w[i + 1].comma_before &&
            nisba(w[i + 1])) {
            n = 2;
            std::string actor = slice(sentence, w, i, i + 1, clitics_before(w[i], *force));
            if (std::find(out.begin(), out.end(), actor) == out.end()) out.push_back(std::move(actor));
        }
        i += n ? n : 1;
    }
    return out;
}

Casualties find_casualties(std::string_view sentence) {
    Casualties c;
    if (!has_arabic(sentence)) return c;
    const std::vector<Word> w = scan_words(sentence);
    enum Slot { None, Killed, Injured, Displaced, Either };
    // verbal nouns before the amount
    const auto verb_slot = [](const Word& x) -> Slot {
        // «أودى بحياة ٤٤ شخصاً», «راح ضحيتها ١١ مدنياً», «اغتيال قيادي»
        static const std::array<std::string, 15> killed = {
            fold_table_word("مقتل"), fold_table_word("استشهاد"), fold_table_word("مصرع"), fold_table_word("قتل"),
            fold_table_word("وفاة"), fold_table_word("ارتقاء"), fold_table_word("ارتقى"), fold_table_word("قضى"),
            fold_table_word("استشهد"), fold_table_word("بحياة"), fold_table_word("ضحيتها"), fold_table_word("ضحيته"),
            fold_table_word("اغتيال"), fold_table_word("جثامين"), fold_table_word("جثث")};
        static const std::array<std::string, 6> injured = {fold_table_word("إصابة"), fold_table_word("جرح"),
                                                           fold_table_word("إصابات"), fold_table_word("أصيب"),
                                                           fold_table_word("جرحت"), fold_table_word("بجروح")};
        static const std::array<std::string, 2> displaced = {fold_table_word("نزوح"), fold_table_word("تهجير")};
        static const std::array<std::string, 2> either = {fold_table_word("سقوط"), fold_table_word("وقوع")};
        for (const auto& k : killed)
            if (word_is(x, k)) return Killed;
        for (const auto& k : injured)
            if (word_is(x, k)) return Injured;
        for (const auto& k : displaced)
            if (word_is(x, k)) return Displaced;
        for (const auto& k : either)
            if (word_is(x, k)) return Either;
        return None;
    };
    // nouns after the amount
    const auto noun_slot = [](const Word& x) -> Slot {
        static const std::array<std::string, 8> killed = {fold_table_word("قتلى"), fold_table_word("قتيل"),
                                                          fold_table_word("قتيلا"), fold_table_word("شهداء"),
                                                          fold_table_word("شهيد"), fold_table_word("شهيدا"),
                                                          fold_table_word("ضحايا"), fold_table_word("ضحية")};
        static const std::array<std::string, 7> injured = {fold_table_word("جرحى"), fold_table_word("جريح"),
                                                           fold_table_word("جريحا"), fold_table_word("مصابين"),
                                                           fold_table_word("مصابا"), fold_table_word("إصابات"),
                                                           fold_table_word("مصاب")};
        static const std::array<std::string, 3> displaced = {fold_table_word("نازح"), fold_table_word("نازحين"),
                                                             fold_table_word("نازحا")};
        for (const auto& k : killed)
            if (word_is(x, k)) return Killed;
        for (const auto& k : injured)
            if (word_is(x, k)) return Injured;
        for (const auto& k : displaced)
            if (word_is(x, k)) return Displaced;
        return None;
    };
    const auto qualifier = [](const Word& x) { return in_list<kQualifiers>(x); };
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    std::vector<bool> used(w.size(), false);
    const auto put = [&](Slot s, long v) {
        std::optional<long>& slot = s == Killed ? c.killed : s == Injured ? c.injured : c.displaced;
        if (v > 0 && !slot) slot = v;
    };
    static const std::string toll = fold_table_word("حصيلة"), to = fold_table_word("إلى");
    for (std::size_t k = 0; k < w.size(); ++k) {
        // «ارتفاع حصيلة القتلى إلى ٢٣», «حصيلة الضحايا ١٢ قتيلاً»: the toll's number
        if (word_is(w[k], toll)) {
            // the number right after its noun, or after «إلى» further in the sentence
            Slot s = Killed;
            bool after_noun = true;
            for (std::size_t j = k + 1; j < w.size() && j <= k + 12 && !w[j].stop_before; ++j) {
                if (noun_slot(w[j]) == Injured) s = Injured;
                if (noun_slot(w[j]) != None || qualifier(w[j])) continue;
                const bool after_to = j > k + 1 && word_is(w[j - 1], to);
                std::size_t last = j;
                const long v = (after_noun || after_to) ? number_at(w, j, last) : -1;
                after_noun = false;
                if (v > 0) {
                    put(s, v);
                    for (std::size_t m = k; m <= last; ++m) used[m] = true;
                    pieces.emplace_back(k, last);
                    k = last;
                    break;
                }
            }
            continue;
        }
        // a label and its figure: «القتلى: ٤», «المدنيون الجرحى المبلغ عنهم: 2–5» (the label, at
        // most three words, a colon, the number)
        if (const Slot ls = noun_slot(w[k]); ls != None && !used[k]) {
            bool found = false;
            for (std::size_t j = k + 1; j < w.size() && j <= k + 4 && !found; ++j) {
                if (!w[j].stop_before) continue;
                if (sentence.substr(w[j - 1].end, w[j].begin - w[j - 1].end).find(':') == std::string_view::npos) break;
                std::size_t last = j;
                const long v = number_at(w, j, last);
                if (v < 0) break;
                put(ls, v);
                for (std::size_t m = k; m <= last; ++m) used[m] = true;
                pieces.emplace_back(k, last);
                found = true;
            }
            if (found) continue;
        }
        const Slot vs = verb_slot(w[k]);
        if (vs != None) {
            // «مقتل وإصابة ١٢ مدنياً»: killed and wounded together, no split
            Slot s = vs;
            std::size_t j = k + 1;
            bool both = false;
            if (j < w.size() && vs != Either && verb_slot(w[j]) != None && verb_slot(w[j]) != vs &&
                !w[j].comma_before && !w[j].stop_before) {
                both = true;
                ++j;
            }
            while (j < w.size() && j <= k + 5 && qualifier(w[j]) && !w[j].stop_before) ++j;
            if (j >= w.size() || w[j].stop_before) continue;
            std::size_t last = j;
            bool vague = false;
            long v = number_at(w, j, last);
            if (v < 0) number_word(w[j], vague);
            if (v < 0 && !vague) {
                // «مقتل طفل», «استشهاد طفلين»
                if (in_list<kDuals>(w[j]) && !w[j].article) v = 2;
                else if (in_list<kSingulars>(w[j]) && !w[j].article) v = 1;
                else if (vs == Either || both) continue;
                else if (vs == Displaced) continue;
                else {
                    pieces.emplace_back(k, k);
                    continue;
                }
                last = j;
            }
            // the noun after the amount decides after «سقوط»: «سقوط ٥ شهداء»; a noun of
            // people belongs to the phrase («مقتل خمسة مدنيين»), a verb of the next toll not
            std::size_t end = last;
            if (last + 1 < w.size() && !w[last + 1].stop_before && !w[last + 1].comma_before &&
                verb_slot(w[last + 1]) == None && !w[last + 1].is_number) {
                const Slot ns = noun_slot(w[last + 1]);
                if (ns != None) s = ns;
                end = last + 1;
            }
            if (s == Either) continue;
            if (!both && !vague) put(s, v);
            for (std::size_t m = k; m <= end; ++m) used[m] = true;
            pieces.emplace_back(k, end);
            k = end;
            continue;
        }
        // «٥ شهداء و١٢ جريحاً», «عشرات الجرحى»
        if (used[k]) continue;
        std::size_t last = k;
        bool vague = false;
        long v = number_at(w, k, last);
        if (v < 0) number_word(w[k], vague);
        if (v < 0 && !vague) continue;
        if (last + 1 >= w.size() || w[last + 1].stop_before) continue;
        const Slot ns = noun_slot(w[last + 1]);
        if (ns == None) continue;
        if (!vague) put(ns, v);
        pieces.emplace_back(k, last + 1);
        k = last + 1;
    }
    std::sort(pieces.begin(), pieces.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& p : pieces) {
        if (!merged.empty() && p.first <= merged.back().second + 2 && !w[p.first].stop_before)
            merged.back().second = std::max(merged.back().second, p.second);
        else
            merged.push_back(p);
    }
    for (const auto& [first, last] : merged) {
        if (!c.text.empty()) c.text += " ... ";
        c.text += slice(sentence, w, first, last);
    }
    return c;
}

std::string date_gloss(std::string_view sentence, std::vector<std::pair<std::string, std::string>>* sources) {
    std::string out;
    if (!has_arabic(sentence)) return out;
    const std::vector<Word> w = scan_words(sentence);
    const auto gloss_of = [](const Word& x, int& kind) -> std::string_view {
        static const std::vector<std::string> folded = [] {
            std::vector<std::string> folded_words;
            for (const Gloss& g : kDateWords) folded_words.push_back(fold_table_word(g.arabic));
            return folded_words;
        }();
        for (std::size_t k = 0; k < std::size(kDateWords); ++k) {
            const Gloss& g = kDateWords[k];
            const std::string& f = folded[k];
            // weekdays and «اليوم» with their article; «أحد» alone is "one of", «يوم» a day
            const bool needs_article = g.kind == 0 || g.arabic.starts_with("\u0627\u0644");
            if (needs_article ? (x.article && word_is(x, f)) : word_is(x, f)) {
                kind = g.kind;
                return g.english;
            }
        }
        // two-word months: كانون الثاني / الأول, تشرين الأول / الثاني; «آب» only by a number
        return {};
    };
    // the folded form of a literal, once per literal (the cache is per thread: no lock)
    const auto is = [&](std::size_t i, std::string_view a) {
        thread_local std::unordered_map<const char*, std::string> folded;
        auto it = folded.find(a.data());
        if (it == folded.end()) it = folded.emplace(a.data(), fold_table_word(a)).first;
        return i < w.size() && word_is(w[i], it->second);
    };
    std::string group;
    std::size_t group_first = 0, group_last = 0;
    const auto flush = [&] {
        if (group.empty()) return;
        if (!out.empty()) out += " . ";
        out += group;
        if (sources) sources->emplace_back(group, std::string(sentence.substr(w[group_first].begin, w[group_last].end - w[group_first].begin)));
        group.clear();
    };
    const auto add = [&](std::size_t first, std::size_t last, std::string_view english) {
        if (!group.empty() && first > group_last + 3) flush();
        if (group.empty()) group_first = first;
        else group += ' ';
        group += english;
        group_last = last;
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
        // numeric dates: 13/3/2016, 2016-3-13, 13 3 2016 (day, month, year; or year first)
        if (w[i].is_number && i + 2 < w.size() && w[i + 1].is_number && w[i + 2].is_number) {
            long a = w[i].value, b = w[i + 1].value, y = w[i + 2].value;
            long d = a, m = b;
            if (a >= 1900 && a <= 2100) y = a, m = b, d = w[i + 2].value;
            if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                add(i, i + 2, std::to_string(d) + " " + std::string(kMonthNames[m - 1]) + " " + std::to_string(y));
                i += 2;
                continue;
            }
        }
        std::string month;
        std::size_t month_last = i;
        if (is(i, "كانون") && (is(i + 1, "الثاني") || is(i + 1, "الأول"))) {
            month = is(i + 1, "الثاني") ? "January" : "December";
            month_last = i + 1;
        } else if (is(i, "تشرين") && (is(i + 1, "الثاني") || is(i + 1, "الأول"))) {
            month = is(i + 1, "الثاني") ? "November" : "October";
            month_last = i + 1;
        } else if (is(i, "آب") && ((i > 0 && w[i - 1].is_number) || (i + 1 < w.size() && w[i + 1].is_number))) {
            month = "August";
        }
        int kind = -1;
        std::string_view g = month.empty() ? gloss_of(w[i], kind) : std::string_view(month);
        if (!month.empty()) kind = 1;
        if (g.empty()) continue;
        if (kind == 1) {
            // «١٣ آذار ٢٠١٦», «13 من شهر آذار», «آذار 2016»
            std::string text;
            std::size_t first = i, last = month_last;
            std::size_t d = i;
            while (d > 0 && d + 3 > i && (is(d - 1, "شهر") || is(d - 1, "من"))) --d;
            if (d > 0 && w[d - 1].is_number && w[d - 1].value >= 1 && w[d - 1].value <= 31) {
                first = d - 1;
                text = std::to_string(w[d - 1].value) + " ";
            }
            if (text.empty()) text = "in ";  // a month alone: «خلال شهر آذار»
            text += g;
            if (month_last + 1 < w.size() && w[month_last + 1].is_number && w[month_last + 1].value >= 1900 &&
                w[month_last + 1].value <= 2100) {
                text += " " + std::to_string(w[month_last + 1].value);
                last = month_last + 1;
            }
            add(first, last, text);
            i = last;
            continue;
        }
        if (kind == 2) {
            std::string text(g);
            std::size_t first = i;
            // «فجر اليوم», «صباح اليوم», «مساء أمس», «ليل أمس», «أول أمس»
            if (i > 0 && (is(i - 1, "فجر") || is(i - 1, "صباح") || is(i - 1, "ظهر"))) {
                text = g == "today" ? "early today" : "yesterday morning";
                first = i - 1;
            } else if (i > 0 && (is(i - 1, "مساء") || is(i - 1, "ليل") || is(i - 1, "ليلة"))) {
                text = g == "today" ? "this evening" : "last night";
                first = i - 1;
            } else if (g == "yesterday" && ((i > 0 && is(i - 1, "أول")) || is(i + 1, "الأول"))) {
                text = "the day before yesterday";
                if (i > 0 && is(i - 1, "أول")) first = i - 1;
            }
            add(first, i, text);
            continue;
        }
        add(i > 0 && is(i - 1, "يوم") ? i - 1 : i, i, "on " + std::string(g));
    }
    // «الأسبوع الماضي», «الليلة الماضية»
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        if (is(i, "الأسبوع") && w[i].article && (is(i + 1, "الماضي") || is(i + 1, "المنصرم"))) add(i, i + 1, "last week");
        if (is(i, "الليلة") && w[i].article && is(i + 1, "الماضية")) add(i, i + 1, "last night");
        if (is(i, "الشهر") && w[i].article && (is(i + 1, "الماضي") || is(i + 1, "المنصرم"))) add(i, i + 1, "last month");
    }
    flush();
    return out;
}

}  // namespace toponym::events::arabic
