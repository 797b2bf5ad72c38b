// Event type, actors and casualty figures of a sentence, from cue tables over scanned words.
#include "events/classifier.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/event_types.hpp"
#include "events/arabic.hpp"
#include "events/word_scan.hpp"

namespace toponym::events {

namespace {

using scan::Word;
using Words = std::vector<Word>;

// ---------------------------------------------------------------------------------------------
// Event cues

constexpr int kChemical = 100, kDrone = 90, kAir = 80, kBarrel = 75, kAirInferred = 72, kShelling = 70, kShellingWeak = 65,
              kCapture = 60, kWithdrawal = 55, kSiege = 50, kClashes = 40, kDisplacement = 38, kClashesWeak = 35,
              kOther = 20, kCasualtiesOnly = 10;

// What a cue needs after it to count.
enum class Needs {
    nothing,
    // ground after it within the clause: a place noun ("the town of", "the hill"), a name (a
    // capitalised word) or "from" ("took Tal Hamad from the militants", "controlled the
    // village"); "took office", "took him to hospital" and "secured a deal" are no capture.
    territory,
    // not after a determiner: "continued to fight" and "a fight with", not "the fight against"
    no_determiner,
    // only as an attempt made: "attempted to advance against", "failed to advance" (an
    // "advance" noun or a plan to advance is none)
    attempt,
    // not the verb after "to": "killed in combat", not "to combat terrorism"
    not_infinitive,
    // "found" (discovered, dumped) near it: "the body of a fighter was found"
    found,
    // an armed side named in the sentence (fighters, gunmen, snipers, forces, a known group): a
    // shooting, a raid or an arrest by the police or a man in a crime story is no incident of war
    armed,
};

// One cue: up to 4 lower-case words; "~" matches a gap of 0 to 3 words within the clause. A cue
// with an empty type blocks the shorter cues at its first word: "took place", "controlled by".
struct CueDef {
    std::array<std::string_view, 4> words;
    std::string_view type;
    std::string_view subtype;
    int priority;
    double confidence;
    Needs needs = Needs::nothing;
    // a verb that takes its kind from the weapons named around it (see Classification::generic)
    bool generic = false;
};

constexpr CueDef kCues[] = {
    // chemical attack
    {{"chemical", "attack"}, "chemical_attack", "", kChemical, 0.9},
    {{"chemical", "attacks"}, "chemical_attack", "", kChemical, 0.9},
    {{"chemical", "weapons"}, "chemical_attack", "", kChemical, 0.85},
    {{"chemical", "weapon"}, "chemical_attack", "", kChemical, 0.85},
    {{"chemical", "strike"}, "chemical_attack", "", kChemical, 0.9},
    {{"gas", "attack"}, "chemical_attack", "", kChemical, 0.85},
    {{"chlorine"}, "chemical_attack", "chlorine", kChemical, 0.85},
    {{"sarin"}, "chemical_attack", "sarin", kChemical, 0.85},
    {{"mustard", "gas"}, "chemical_attack", "mustard gas", kChemical, 0.85},
    {{"toxic", "gas"}, "chemical_attack", "", kChemical, 0.85},
    {{"poison", "gas"}, "chemical_attack", "", kChemical, 0.85},
    {{"poisonous", "gas"}, "chemical_attack", "", kChemical, 0.85},
    {{"nerve", "agent"}, "chemical_attack", "", kChemical, 0.85},
    // drone strike
    {{"drone", "strike"}, "drone_strike", "", kDrone, 0.9},
    {{"drone", "strikes"}, "drone_strike", "", kDrone, 0.9},
    {{"drone", "attack"}, "drone_strike", "", kDrone, 0.9},
    {{"drone", "attacks"}, "drone_strike", "", kDrone, 0.9},
    {{"drone", "raid"}, "drone_strike", "", kDrone, 0.9},
    {{"kamikaze", "drone"}, "drone_strike", "", kDrone, 0.9},
    {{"suicide", "drone"}, "drone_strike", "", kDrone, 0.9},
    // air strike
    {{"air", "strike"}, "air_strike", "", kAir, 0.9},
    {{"air", "strikes"}, "air_strike", "", kAir, 0.9},
    {{"airstrike"}, "air_strike", "", kAir, 0.9},
    {{"airstrikes"}, "air_strike", "", kAir, 0.9},
    {{"air", "raid"}, "air_strike", "", kAir, 0.9},
    {{"air", "raids"}, "air_strike", "", kAir, 0.9},
    {{"airraid"}, "air_strike", "", kAir, 0.9},
    {{"air", "attack"}, "air_strike", "", kAir, 0.9},
    {{"air", "attacks"}, "air_strike", "", kAir, 0.9},
    {{"aerial", "bombardment"}, "air_strike", "", kAir, 0.9},
    // "aerial and artillery bombardment": the aircraft make it an air strike
    {{"aerial", "~", "bombardment"}, "air_strike", "", kAir, 0.85},
    {{"aerial", "~", "bombing"}, "air_strike", "", kAir, 0.85},
    {{"aerial", "bombing"}, "air_strike", "", kAir, 0.9},
    {{"aerial", "attack"}, "air_strike", "", kAir, 0.9},
    {{"bombing", "raid"}, "air_strike", "", kAir, 0.9},
    {{"bombing", "raids"}, "air_strike", "", kAir, 0.9},
    {{"bombed"}, "air_strike", "", kAir, 0.8},
    {{"bombing"}, "air_strike", "", kAir, 0.7},
    {{"bombings"}, "air_strike", "", kAir, 0.7},
    {{"cluster", "bombs"}, "air_strike", "cluster munitions", kAir, 0.8},
    {{"cluster", "munitions"}, "air_strike", "cluster munitions", kAir, 0.8},
    {{"air", "support"}, "air_strike", "air support", kAir, 0.5},
    // "Israeli strikes hit ...": a strike with no weapon named is most often from the air
    {{"strikes"}, "air_strike", "", kShellingWeak - 1, 0.55},
    {{"strike"}, "air_strike", "", kShellingWeak - 1, 0.5},
    {{"raids"}, "air_strike", "", kShellingWeak - 2, 0.5},
    {{"air", "cover"}, "air_strike", "air support", kAir, 0.5},
    // shelling
    {{"barrel", "bombs"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"barrel", "bomb"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"barrel", "bombing"}, "shelling", "barrel bombs", kBarrel, 0.9},
    {{"shelling"}, "shelling", "", kShelling, 0.9},
    {{"shelled"}, "shelling", "", kShelling, 0.9},
    {{"shells"}, "shelling", "", kShelling, 0.8},
    {{"shell"}, "shelling", "", kShelling, 0.7},
    {{"artillery"}, "shelling", "artillery", kShelling, 0.85},
    {{"howitzer"}, "shelling", "artillery", kShelling, 0.85},
    {{"howitzers"}, "shelling", "artillery", kShelling, 0.85},
    {{"tank", "fire"}, "shelling", "artillery", kShelling, 0.8},
    {{"mortar"}, "shelling", "mortars", kShelling, 0.85},
    {{"mortars"}, "shelling", "mortars", kShelling, 0.85},
    {{"rocket"}, "shelling", "rockets", kShelling, 0.8},
    {{"rockets"}, "shelling", "rockets", kShelling, 0.8},
    {{"grad"}, "shelling", "rockets", kShelling, 0.7},
    {{"atgm"}, "shelling", "missiles", kShelling, 0.7},
    {{"atgms"}, "shelling", "missiles", kShelling, 0.7},
    {{"anti", "tank", "missile"}, "shelling", "missiles", kShelling, 0.75},
    {{"missile"}, "shelling", "missiles", kShelling, 0.7},
    {{"missiles"}, "shelling", "missiles", kShelling, 0.7},
    {{"bombardment"}, "shelling", "", kShelling, 0.8},
    {{"bombarded"}, "shelling", "", kShelling, 0.8},
    {{"bombarding"}, "shelling", "", kShelling, 0.8},
    {{"pounded"}, "shelling", "", kShellingWeak, 0.5},
    {{"pounding"}, "shelling", "", kShellingWeak, 0.5},
    // capture of territory
    {{"captured"}, "capture_of_territory", "", kCapture, 0.9},
    {{"capture"}, "capture_of_territory", "", kCapture, 0.8},
    {{"capturing"}, "capture_of_territory", "", kCapture, 0.85},
    {{"recaptured"}, "capture_of_territory", "", kCapture, 0.9},
    {{"recapture"}, "capture_of_territory", "", kCapture, 0.8},
    {{"seized"}, "capture_of_territory", "", kCapture, 0.9},
    {{"seizing"}, "capture_of_territory", "", kCapture, 0.85},
    {{"seize"}, "capture_of_territory", "", kCapture, 0.8},
    {{"retook"}, "capture_of_territory", "", kCapture, 0.9},
    {{"retaken"}, "capture_of_territory", "", kCapture, 0.9},
    {{"retake"}, "capture_of_territory", "", kCapture, 0.8},
    {{"overran"}, "capture_of_territory", "", kCapture, 0.9},
    {{"overrun"}, "capture_of_territory", "", kCapture, 0.9},
    {{"stormed"}, "capture_of_territory", "", kCapture, 0.8},
    {{"regained"}, "capture_of_territory", "", kCapture, 0.85},
    {{"liberated"}, "capture_of_territory", "", kCapture, 0.8},
    {{"recaptures"}, "capture_of_territory", "", kCapture, 0.85},
    {{"recapturing"}, "capture_of_territory", "", kCapture, 0.85},
    {{"seizes"}, "capture_of_territory", "", kCapture, 0.85},
    {{"regain"}, "capture_of_territory", "", kCapture, 0.8},
    {{"regains"}, "capture_of_territory", "", kCapture, 0.85},
    {{"regaining"}, "capture_of_territory", "", kCapture, 0.8},
    {{"overtook"}, "capture_of_territory", "", kCapture, 0.8},
    {{"takeover"}, "capture_of_territory", "", kCapture, 0.8},
    {{"expelled"}, "capture_of_territory", "", kCapture, 0.8},
    {{"expelling"}, "capture_of_territory", "", kCapture, 0.75},
    {{"drove", "~", "out"}, "capture_of_territory", "", kCapture, 0.75},
    {{"driven", "out"}, "capture_of_territory", "", kCapture, 0.75},
    // "took the town of X", "took Tal Hamad from IS", "controlled the village", "cleared the
    // district": verbs of taking that need ground after them
    {{"took"}, "capture_of_territory", "", kCapture, 0.75, Needs::territory},
    {{"taken"}, "capture_of_territory", "", kCapture, 0.75, Needs::territory},
    {{"takes"}, "capture_of_territory", "", kCapture, 0.75, Needs::territory},
    {{"taking"}, "capture_of_territory", "", kCapture, 0.7, Needs::territory},
    {{"controlled"}, "capture_of_territory", "", kCapture, 0.75, Needs::territory},
    {{"secured"}, "capture_of_territory", "", kCapture, 0.7, Needs::territory},
    {{"cleared"}, "capture_of_territory", "", kCapture, 0.7, Needs::territory},
    // "the town was cleared of IS fighters", "villages cleared from the militants"
    {{"cleared", "of"}, "capture_of_territory", "", kCapture, 0.75},
    {{"cleared", "from"}, "capture_of_territory", "", kCapture, 0.75},
    {{"enter"}, "capture_of_territory", "", kCapture, 0.55, Needs::territory},
    {{"entering"}, "capture_of_territory", "", kCapture, 0.55, Needs::territory},
    {{"take"}, "capture_of_territory", "", kCapture, 0.7, Needs::territory},
    {{"takes", "~", "control"}, "capture_of_territory", "", kCapture, 0.85},
    // "managed to control the village", "were able to control X" (not "the control of IS")
    {{"control"}, "capture_of_territory", "", kCapture, 0.7, Needs::territory},
    {{"control", "of"}, "", "", 0, 0.0},
    {{"advance"}, "capture_of_territory", "advance", kCapture, 0.5, Needs::attempt},
    {{"storm"}, "capture_of_territory", "", kCapture, 0.6, Needs::territory},
    {{"enter", "into"}, "", "", 0, 0.0},
    {{"took", "place"}, "", "", 0, 0.0},
    {{"taken", "place"}, "", "", 0, 0.0},
    {{"takes", "place"}, "", "", 0, 0.0},
    {{"taking", "place"}, "", "", 0, 0.0},
    {{"took", "part"}, "", "", 0, 0.0},
    {{"taken", "part"}, "", "", 0, 0.0},
    {{"taking", "part"}, "", "", 0, 0.0},
    {{"controlled", "by"}, "", "", 0, 0.0},
    // "achieved partial control of", "established control over", "restored control"
    {{"partial", "control"}, "capture_of_territory", "", kCapture, 0.75},
    {{"full", "control"}, "capture_of_territory", "", kCapture, 0.75},
    {{"established", "~", "control"}, "capture_of_territory", "", kCapture, 0.8},
    {{"imposed", "~", "control"}, "capture_of_territory", "", kCapture, 0.8},
    {{"impose", "~", "control"}, "capture_of_territory", "", kCapture, 0.75},
    {{"restored", "~", "control"}, "capture_of_territory", "", kCapture, 0.8},
    {{"restore", "~", "control"}, "capture_of_territory", "", kCapture, 0.75},
    {{"extended", "~", "control"}, "capture_of_territory", "", kCapture, 0.7},
    {{"expanded", "~", "control"}, "capture_of_territory", "", kCapture, 0.7},
    {{"achieved", "~", "control"}, "capture_of_territory", "", kCapture, 0.8},
    {{"took", "~", "control"}, "capture_of_territory", "", kCapture, 0.9},
    {{"taken", "~", "control"}, "capture_of_territory", "", kCapture, 0.9},
    {{"take", "~", "control"}, "capture_of_territory", "", kCapture, 0.8},
    {{"taking", "~", "control"}, "capture_of_territory", "", kCapture, 0.85},
    {{"gained", "~", "control"}, "capture_of_territory", "", kCapture, 0.85},
    {{"took", "~", "ground"}, "capture_of_territory", "", kCapture, 0.8},
    {{"taken", "~", "ground"}, "capture_of_territory", "", kCapture, 0.8},
    {{"gained", "ground"}, "capture_of_territory", "", kCapture, 0.8},
    {{"took", "over"}, "capture_of_territory", "", kCapture, 0.85},
    {{"taken", "over"}, "capture_of_territory", "", kCapture, 0.85},
    {{"taking", "over"}, "capture_of_territory", "", kCapture, 0.8},
    {{"fell", "to"}, "capture_of_territory", "", kCapture, 0.85},
    // "villages which were lost", "lost control of": the other side took them ("lost their
    // lives" is no cue: the words differ)
    {{"were", "lost"}, "capture_of_territory", "", kCapture, 0.75},
    {{"was", "lost"}, "capture_of_territory", "", kCapture, 0.75},
    {{"been", "lost"}, "capture_of_territory", "", kCapture, 0.75},
    {{"lost", "control"}, "capture_of_territory", "", kCapture, 0.8},
    // "rebels lost Morek", "lost the town of": the other side took it; lives, contact and limbs
    // lost are no capture, nor a race "lost to" a rival (ground must follow)
    {{"lost"}, "capture_of_territory", "", kCapture, 0.6, Needs::territory},
    {{"lost", "their", "lives"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"lost", "his", "life"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"lost", "her", "life"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"advanced", "into"}, "capture_of_territory", "advance", kCapture, 0.8},
    {{"advanced", "on"}, "capture_of_territory", "advance", kCapture, 0.75},
    {{"advanced", "towards"}, "capture_of_territory", "advance", kCapture, 0.7},
    {{"advanced", "toward"}, "capture_of_territory", "advance", kCapture, 0.7},
    {{"advance", "into"}, "capture_of_territory", "advance", kCapture, 0.8},
    {{"advance", "on"}, "capture_of_territory", "advance", kCapture, 0.75},
    {{"advancing", "on"}, "capture_of_territory", "advance", kCapture, 0.75},
    {{"advancing", "into"}, "capture_of_territory", "advance", kCapture, 0.75},
    {{"advance", "towards"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"advance", "toward"}, "capture_of_territory", "advance", kCapture, 0.65},
    // "were able to advance west of X": the verb with the side it went
    {{"advance", "north"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"advance", "south"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"advance", "east"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"advance", "west"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"made", "progress"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"making", "progress"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"made", "advances"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"advanced"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"advances"}, "capture_of_territory", "advance", kCapture, 0.65},
    {{"advancement"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"progressed"}, "capture_of_territory", "advance", kCapture, 0.6},
    {{"pushed", "into"}, "capture_of_territory", "advance", kCapture, 0.8},
    {{"entered"}, "capture_of_territory", "", kCapture, 0.6, Needs::territory},
    // not captures: "a truce entered into force" (the longest cue at a word wins)
    {{"entered", "into", "force"}, "other", "ceasefire", kOther, 0.6},
    {{"entered", "into", "effect"}, "other", "ceasefire", kOther, 0.6},
    // withdrawal
    {{"withdrew"}, "withdrawal", "", kWithdrawal, 0.9},
    {{"withdrawn"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"withdrawing"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"withdrawal"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"withdraw"}, "withdrawal", "", kWithdrawal, 0.75},
    {{"pulled", "out"}, "withdrawal", "", kWithdrawal, 0.9},
    {{"pulled", "back"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"pulling", "out"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"pull", "out"}, "withdrawal", "", kWithdrawal, 0.75},
    {{"retreated"}, "withdrawal", "", kWithdrawal, 0.9},
    {{"retreating"}, "withdrawal", "", kWithdrawal, 0.85},
    {{"retreat"}, "withdrawal", "", kWithdrawal, 0.75},
    {{"abandoned", "~", "positions"}, "withdrawal", "", kWithdrawal, 0.8},
    // siege
    {{"besieged"}, "siege", "", kSiege, 0.85},
    {{"besieging"}, "siege", "", kSiege, 0.85},
    {{"under", "siege"}, "siege", "", kSiege, 0.9},
    {{"siege"}, "siege", "", kSiege, 0.8},
    {{"encircled"}, "siege", "", kSiege, 0.85},
    {{"encircle"}, "siege", "", kSiege, 0.8},
    {{"encirclement"}, "siege", "", kSiege, 0.85},
    {{"surrounded"}, "siege", "", kSiege, 0.7},
    {{"blockade"}, "siege", "", kSiege, 0.8},
    {{"cut", "off"}, "siege", "", kSiege, 0.75},
    {{"cutting", "off"}, "siege", "", kSiege, 0.75},
    {{"severed"}, "siege", "", kSiege, 0.7},
    // clashes
    {{"clashes"}, "clashes", "", kClashes, 0.9},
    {{"clashed"}, "clashes", "", kClashes, 0.9},
    {{"clash"}, "clashes", "", kClashes, 0.8},
    {{"fighting"}, "clashes", "", kClashes, 0.85},
    {{"fought"}, "clashes", "", kClashes, 0.85},
    {{"battles"}, "clashes", "", kClashes, 0.85},
    {{"battle"}, "clashes", "", kClashes, 0.8},
    {{"battled"}, "clashes", "", kClashes, 0.85},
    {{"battling"}, "clashes", "", kClashes, 0.85},
    {{"skirmishes"}, "clashes", "", kClashes, 0.85},
    {{"firefight"}, "clashes", "", kClashes, 0.85},
    {{"gunfight"}, "clashes", "", kClashes, 0.85},
    {{"firefights"}, "clashes", "", kClashes, 0.85},
    {{"gunfights"}, "clashes", "", kClashes, 0.85},
    {{"skirmish"}, "clashes", "", kClashes, 0.8},
    {{"skirmished"}, "clashes", "", kClashes, 0.85},
    {{"clashing"}, "clashes", "", kClashes, 0.85},
    {{"fight"}, "clashes", "", kClashes, 0.7, Needs::no_determiner},
    {{"fights"}, "clashes", "", kClashes, 0.7, Needs::no_determiner},
    // "engaged in a combat with", "killed in combat" (not "to combat terrorism")
    {{"combat"}, "clashes", "", kClashes, 0.7, Needs::not_infinitive},
    // "exchanged heavy machine gun fire", "an exchange of small arms fire", "exchange of
    // targeting", "a fire exchange"
    {{"exchanged", "~", "fire"}, "clashes", "", kClashes, 0.85},
    {{"exchanging", "~", "fire"}, "clashes", "", kClashes, 0.85},
    {{"exchange", "of", "~", "fire"}, "clashes", "", kClashes, 0.85},
    {{"exchanges", "of", "~", "fire"}, "clashes", "", kClashes, 0.85},
    {{"exchanged", "gunfire"}, "clashes", "", kClashes, 0.85},
    {{"exchange", "of", "gunfire"}, "clashes", "", kClashes, 0.85},
    {{"exchanged", "~", "targeting"}, "clashes", "", kClashes, 0.8},
    {{"exchange", "of", "~", "targeting"}, "clashes", "", kClashes, 0.8},
    {{"exchanges", "of", "~", "targeting"}, "clashes", "", kClashes, 0.8},
    {{"mutual", "targeting"}, "clashes", "", kClashes, 0.8},
    {{"exchanged", "shooting"}, "clashes", "", kClashes, 0.8},
    {{"exchange", "of", "shooting"}, "clashes", "", kClashes, 0.8},
    {{"fire", "exchange"}, "clashes", "", kClashes, 0.8},
    {{"exchanged", "small", "arms"}, "clashes", "", kClashes, 0.8},
    {{"exchange", "of", "small", "arms"}, "clashes", "", kClashes, 0.8},
    {{"brawl"}, "clashes", "", kClashesWeak, 0.5, Needs::armed},
    // ground raids and infiltrations ("raids" alone stays an air raid: "raids on the town")
    {{"raid"}, "clashes", "raid", kClashes, 0.7, Needs::armed},
    {{"raided"}, "clashes", "raid", kClashes, 0.75, Needs::armed},
    {{"raiding"}, "clashes", "raid", kClashes, 0.7, Needs::armed},
    {{"infiltrate"}, "clashes", "infiltration", kClashes, 0.7, Needs::armed},
    {{"infiltrated"}, "clashes", "infiltration", kClashes, 0.8, Needs::armed},
    {{"infiltrating"}, "clashes", "infiltration", kClashes, 0.75, Needs::armed},
    {{"infiltration"}, "clashes", "infiltration", kClashes, 0.75, Needs::armed},
    {{"infiltrations"}, "clashes", "infiltration", kClashes, 0.75, Needs::armed},
    {{"ambushes"}, "clashes", "ambush", kClashes, 0.85},
    {{"ambushing"}, "clashes", "ambush", kClashes, 0.85},
    {{"exchange", "of", "fire"}, "clashes", "", kClashes, 0.85},
    {{"exchanged", "fire"}, "clashes", "", kClashes, 0.85},
    {{"rounds", "of", "fire"}, "clashes", "", kClashes, 0.8},
    {{"exchanges", "of", "fire"}, "clashes", "", kClashes, 0.85},
    {{"ambush"}, "clashes", "ambush", kClashes, 0.85},
    {{"ambushed"}, "clashes", "ambush", kClashes, 0.85},
    {{"launched", "a", "push"}, "clashes", "offensive", kClashes, 0.8},
    {{"launched", "~", "push"}, "clashes", "offensive", kClashes, 0.8},
    {{"launched", "~", "offensive"}, "clashes", "offensive", kClashes, 0.8},
    {{"waged", "~", "offensive"}, "clashes", "offensive", kClashes, 0.8},
    {{"pushed", "back"}, "clashes", "", kClashes, 0.8},
    {{"repelled"}, "clashes", "", kClashes, 0.8},
    {{"met", "~", "resistance"}, "clashes", "", kClashes, 0.7},
    {{"repulsed"}, "clashes", "", kClashes, 0.8},
    {{"repel"}, "clashes", "", kClashes, 0.75},
    {{"repels"}, "clashes", "", kClashes, 0.75},
    {{"repelling"}, "clashes", "", kClashes, 0.75},
    {{"repulse"}, "clashes", "", kClashes, 0.75},
    {{"thwarted"}, "clashes", "", kClashes, 0.75},
    {{"foiled"}, "clashes", "", kClashes, 0.75},
    {{"beaten", "back"}, "clashes", "", kClashes, 0.8},
    {{"beat", "back"}, "clashes", "", kClashes, 0.8},
    {{"held", "off"}, "clashes", "", kClashes, 0.7},
    {{"hold", "off"}, "clashes", "", kClashes, 0.65},
    {{"fended", "off"}, "clashes", "", kClashes, 0.75},
    // "an advancement attempt", "an infiltration attempt": the attempt was fought off or not
    {{"advancement", "attempt"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"advance", "attempt"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"advancing", "attempt"}, "clashes", "attempted advance", kClashes, 0.75},
    {{"military", "operation"}, "clashes", "offensive", kClashesWeak, 0.65},
    {{"military", "operations"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"security", "operation"}, "clashes", "security operation", kClashesWeak, 0.6},
    {{"launched", "~", "operation"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"conducted", "~", "operation"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"launched", "~", "operations"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"conducted", "~", "operations"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"under", "~", "fire"}, "clashes", "", kClashesWeak, 0.55},
    {{"action", "against"}, "clashes", "", kClashesWeak, 0.55},
    {{"counterattack"}, "clashes", "counter-attack", kClashes, 0.8},
    {{"counter", "attack"}, "clashes", "counter-attack", kClashes, 0.8},
    {{"counteroffensive"}, "clashes", "counter-offensive", kClashes, 0.8},
    {{"counter", "offensive"}, "clashes", "counter-offensive", kClashes, 0.8},
    {{"offensive"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"assault"}, "clashes", "offensive", kClashesWeak, 0.6},
    {{"attack"}, "clashes", "", kClashesWeak, 0.5},
    {{"attacks"}, "clashes", "", kClashesWeak, 0.5},
    {{"attacked"}, "clashes", "", kClashesWeak, 0.55},
    {{"attacking"}, "clashes", "", kClashesWeak, 0.5},
    // "snipers targeted regime positions", "fighters targeted a checkpoint": a weapon or an
    // aircraft named in the sentence makes it a strike of its kind (a stronger cue)
    // (below "other": an IED or a car bomb that targeted a patrol is an explosion)
    {{"targeted"}, "clashes", "", kOther - 1, 0.5, Needs::nothing, true},
    {{"targeting"}, "clashes", "", kOther - 1, 0.45, Needs::nothing, true},
    {{"destroyed"}, "clashes", "", kOther - 1, 0.45, Needs::nothing, true},
    {{"destroy"}, "clashes", "", kOther - 1, 0.4, Needs::nothing, true},
    {{"destroying"}, "clashes", "", kOther - 1, 0.4, Needs::nothing, true},
    // displacement
    {{"displaced"}, "displacement", "", kDisplacement, 0.9},
    {{"displacement"}, "displacement", "", kDisplacement, 0.9},
    {{"displacing"}, "displacement", "", kDisplacement, 0.85},
    {{"fled"}, "displacement", "", kDisplacement, 0.85},
    {{"fleeing"}, "displacement", "", kDisplacement, 0.85},
    {{"flee"}, "displacement", "", kDisplacement, 0.75},
    {{"exodus"}, "displacement", "", kDisplacement, 0.85},
    {{"refugees"}, "displacement", "", kDisplacement, 0.6},
    {{"uprooted"}, "displacement", "", kDisplacement, 0.8},
    {{"left", "their", "homes"}, "displacement", "", kDisplacement, 0.8},
    // other events
    {{"reinforcements"}, "other", "reinforcements", kOther, 0.8},
    {{"reinforced"}, "other", "reinforcements", kOther, 0.7},
    {{"build", "up"}, "other", "military build-up", kOther, 0.7},
    {{"buildup"}, "other", "military build-up", kOther, 0.7},
    {{"deployed"}, "other", "deployment", kOther, 0.7},
    {{"massed"}, "other", "military build-up", kOther, 0.7},
    {{"massing"}, "other", "military build-up", kOther, 0.7},
    {{"amassed"}, "other", "military build-up", kOther, 0.7},
    {{"amassing"}, "other", "military build-up", kOther, 0.7},
    {{"deployment"}, "other", "deployment", kOther, 0.7},
    {{"sent", "~", "troops"}, "other", "reinforcements", kOther, 0.7},
    {{"ceasefire"}, "other", "ceasefire", kOther, 0.85},
    {{"cease", "fire"}, "other", "ceasefire", kOther, 0.85},
    {{"truce"}, "other", "ceasefire", kOther, 0.85},
    {{"pause"}, "other", "ceasefire", kOther, 0.6},
    {{"de", "escalation"}, "other", "ceasefire", kOther, 0.6},
    {{"talks"}, "other", "talks", kOther, 0.75},
    {{"negotiations"}, "other", "talks", kOther, 0.75},
    {{"summit"}, "other", "talks", kOther, 0.75},
    {{"meeting"}, "other", "talks", kOther, 0.6},
    {{"met"}, "other", "talks", kOther, 0.55},
    {{"reopened"}, "other", "reopening", kOther, 0.8},
    {{"reopening"}, "other", "reopening", kOther, 0.8},
    {{"reopen"}, "other", "reopening", kOther, 0.7},
    {{"opened", "~", "road"}, "other", "reopening", kOther, 0.7},
    {{"opened", "~", "airport"}, "other", "reopening", kOther, 0.7},
    {{"opened", "~", "roadway"}, "other", "reopening", kOther, 0.7},
    {{"opened", "~", "highway"}, "other", "reopening", kOther, 0.7},
    {{"opened", "~", "crossing"}, "other", "reopening", kOther, 0.7},
    {{"evacuation"}, "other", "evacuation", kOther, 0.8},
    {{"evacuated"}, "other", "evacuation", kOther, 0.8},
    {{"humanitarian", "operation"}, "other", "humanitarian operation", kOther, 0.8},
    {{"leaflets"}, "other", "leaflets", kOther, 0.75},
    {{"leaflet"}, "other", "leaflets", kOther, 0.7},
    {{"flyers"}, "other", "leaflets", kOther, 0.7},
    {{"pamphlets"}, "other", "leaflets", kOther, 0.7},
    {{"humanitarian", "corridor"}, "other", "humanitarian operation", kOther, 0.8},
    {{"humanitarian", "corridors"}, "other", "humanitarian operation", kOther, 0.8},
    {{"convoy"}, "other", "convoy", kOther, 0.7},
    {{"convoys"}, "other", "convoy", kOther, 0.7},
    {{"car", "bomb"}, "other", "explosion", kOther, 0.85},
    {{"car", "bombing"}, "other", "explosion", kOther, 0.85},
    {{"suicide", "bomber"}, "other", "explosion", kOther, 0.85},
    {{"suicide", "bombing"}, "other", "explosion", kOther, 0.85},
    {{"suicide", "attack"}, "other", "explosion", kOther, 0.85},
    {{"explosion"}, "other", "explosion", kOther, 0.75},
    {{"blast"}, "other", "explosion", kOther, 0.75},
    {{"landmine"}, "other", "explosion", kOther, 0.75},
    {{"ied"}, "other", "explosion", kOther, 0.75},
    {{"ieds"}, "other", "explosion", kOther, 0.75},
    {{"roadside", "bomb"}, "other", "explosion", kOther, 0.85},
    {{"roadside", "bombs"}, "other", "explosion", kOther, 0.85},
    {{"explosive", "devices"}, "other", "explosion", kOther, 0.8},
    {{"assassinated"}, "other", "assassination", kOther, 0.8},
    {{"assassination"}, "other", "assassination", kOther, 0.8},
    {{"assassinations"}, "other", "assassination", kOther, 0.8},
    {{"assassinate"}, "other", "assassination", kOther, 0.75},
    {{"assassinating"}, "other", "assassination", kOther, 0.75},
    {{"landmines"}, "other", "explosion", kOther, 0.75},
    {{"mines"}, "other", "explosion", kOther, 0.6},
    {{"grenade"}, "other", "explosion", kOther, 0.75},
    {{"grenades"}, "other", "explosion", kOther, 0.75},
    {{"vbied"}, "other", "explosion", kOther, 0.8},
    {{"vbieds"}, "other", "explosion", kOther, 0.8},
    {{"svbied"}, "other", "explosion", kOther, 0.8},
    {{"svbieds"}, "other", "explosion", kOther, 0.8},
    {{"booby", "trapped"}, "other", "explosion", kOther, 0.8},
    {{"booby", "trap"}, "other", "explosion", kOther, 0.8},
    {{"explosions"}, "other", "explosion", kOther, 0.75},
    {{"explosives"}, "other", "explosion", kOther, 0.7},
    {{"blew", "up"}, "other", "explosion", kOther, 0.7},
    {{"blown", "up"}, "other", "explosion", kOther, 0.7},
    {{"detonating"}, "other", "explosion", kOther, 0.7},
    {{"detonation"}, "other", "explosion", kOther, 0.7},
    {{"shot", "down"}, "other", "aircraft shot down", kOther, 0.8},
    {{"shot", "dead"}, "other", "shooting", kOther, 0.75},
    {{"shot", "and", "killed"}, "other", "shooting", kOther, 0.75},
    {{"opened", "fire"}, "other", "shooting", kOther, 0.7},
    {{"sniper"}, "other", "shooting", kOther, 0.7},
    {{"snipers"}, "other", "shooting", kOther, 0.75},
    {{"sniped"}, "other", "shooting", kOther, 0.8},
    {{"sniping"}, "other", "shooting", kOther, 0.75},
    {{"shot"}, "other", "shooting", kOther, 0.6, Needs::armed},
    {{"shots"}, "other", "shooting", kOther, 0.6, Needs::armed},
    {{"shooting"}, "other", "shooting", kOther, 0.55, Needs::armed},
    {{"gunshot"}, "other", "shooting", kOther, 0.6, Needs::armed},
    {{"gunshots"}, "other", "shooting", kOther, 0.6, Needs::armed},
    {{"fired"}, "other", "shooting", kOther, 0.5, Needs::armed},
    {{"open", "fire"}, "other", "shooting", kOther, 0.7, Needs::armed},
    {{"opens", "fire"}, "other", "shooting", kOther, 0.7, Needs::armed},
    {{"opening", "fire"}, "other", "shooting", kOther, 0.7, Needs::armed},
    {{"opened", "~", "fire"}, "other", "shooting", kOther, 0.7, Needs::armed},
    {{"stabbed"}, "other", "killing", kOther, 0.65, Needs::armed},
    {{"murdered"}, "other", "killing", kOther, 0.7, Needs::armed},
    {{"found", "dead"}, "other", "killing", kOther, 0.65},
    {{"body"}, "other", "killing", kOther, 0.6, Needs::found},
    {{"bodies"}, "other", "killing", kOther, 0.6, Needs::found},
    {{"corpse"}, "other", "killing", kOther, 0.6, Needs::found},
    {{"corpses"}, "other", "killing", kOther, 0.6, Needs::found},
    {{"beheaded"}, "other", "killing", kOther, 0.75},
    {{"kidnapping"}, "other", "abduction", kOther, 0.7, Needs::armed},
    {{"kidnappings"}, "other", "abduction", kOther, 0.7, Needs::armed},
    {{"kidnap"}, "other", "abduction", kOther, 0.6, Needs::armed},
    {{"arrests"}, "other", "arrests", kOther, 0.65, Needs::armed},
    {{"arrest"}, "other", "arrests", kOther, 0.55, Needs::armed},
    {{"surrendered"}, "other", "surrender", kOther, 0.65, Needs::armed},
    {{"gunfire"}, "other", "shooting", kOther, 0.65},
    {{"exploded"}, "other", "explosion", kOther, 0.75},
    {{"detonated"}, "other", "explosion", kOther, 0.75},
    {{"explosive", "device"}, "other", "explosion", kOther, 0.8},
    {{"protest"}, "other", "protest", kOther, 0.7},
    {{"protests"}, "other", "protest", kOther, 0.7},
    {{"protested"}, "other", "protest", kOther, 0.7},
    {{"demonstration"}, "other", "protest", kOther, 0.7},
    {{"demonstrators"}, "other", "protest", kOther, 0.65},
    {{"downed"}, "other", "aircraft shot down", kOther, 0.7},
    {{"arrested"}, "other", "arrests", kOther, 0.7},
    {{"detained"}, "other", "arrests", kOther, 0.7},
    {{"kidnapped"}, "other", "abduction", kOther, 0.7},
    {{"abducted"}, "other", "abduction", kOther, 0.7},
    {{"executed"}, "other", "killing", kOther, 0.7},
    {{"assassinated"}, "other", "killing", kOther, 0.7},
    {{"killed"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"killing"}, "other", "casualties", kCasualtiesOnly, 0.4},
    {{"wounded"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"injured"}, "other", "casualties", kCasualtiesOnly, 0.35},
    {{"dead"}, "other", "casualties", kCasualtiesOnly, 0.3},
    {{"kill"}, "other", "casualties", kCasualtiesOnly, 0.3},
    {{"kills"}, "other", "casualties", kCasualtiesOnly, 0.3},
    {{"died"}, "other", "casualties", kCasualtiesOnly, 0.3},
};

static_assert(names_event_types(kCues), "a cue's type is not in core/event_types.hpp (an empty type only blocks)");

constexpr std::array<std::string_view, 11> kAircraft = {"warplanes", "warplane", "jets", "jet", "aircraft", "planes",
                                                        "plane", "helicopters", "helicopter", "gunships", "bombers"};
constexpr std::array<std::string_view, 4> kDrones = {"drone", "drones", "uav", "uavs"};
constexpr std::array<std::string_view, 31> kStrikeVerbs = {
    "struck", "strike", "strikes", "striking", "hit", "hits", "hitting", "bombed", "targeted", "targeting",
    "targets", "pounded", "pounding", "attacked", "attacking", "raided", "raids", "raid", "dropped", "dropping",
    "fired", "launched", "carried", "shelled", "killed", "blitzed", "blitz", "bombarded", "hammered",
    "pummelled", "pummeled"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view w) {
    return std::find(set.begin(), set.end(), w) != set.end();
}

bool clause_break(const Word& w) { return w.comma_before || w.stop_before; }

// Cues by their first word, built once (thread-safe static initialisation, read-only after).
const std::unordered_map<std::string_view, std::vector<const CueDef*>>& cues_by_first_word() {
    static const auto index = [] {
        std::unordered_map<std::string_view, std::vector<const CueDef*>> m;
        for (const CueDef& cue : kCues) m[cue.words[0]].push_back(&cue);
        return m;
    }();
    return index;
}

// Matches cue words from word i; returns the index one past the last matched word, or 0.
std::size_t match_cue(const Words& w, std::size_t i, const CueDef& cue) {
    std::size_t k = i;
    for (std::size_t p = 0; p < cue.words.size() && !cue.words[p].empty(); ++p) {
        if (cue.words[p] == "~") {
            // gap: the next cue word within 0..3 words, same clause
            const std::string_view next = p + 1 < cue.words.size() ? cue.words[p + 1] : std::string_view{};
            std::size_t g = k;
            bool found = false;
            for (std::size_t steps = 0; steps <= 3 && g < w.size(); ++steps, ++g) {
                if (g > k && clause_break(w[g])) break;
                if (w[g].lower == next) {
                    found = true;
                    break;
                }
            }
            if (!found) return 0;
            k = g;
            continue;
        }
        if (k >= w.size() || w[k].lower != cue.words[p]) return 0;
        if (k > i && clause_break(w[k])) return 0;
        ++k;
    }
    return k;
}

// Word i follows a cue of fighting between two sides: "exchange(s) of fire", "exchanged fire",
// "clashes", "fighting", "battles". Weapons named after it ("with shells and heavy machine
// guns") are what the sides fought with, not a bombardment of their own: an exchange of fire
// is clashes whatever the weapon.
bool fighting_ends_at(const Words& w, std::size_t i) {
    if (i == 0 || clause_break(w[i])) return false;
    const std::string& p = w[i - 1].lower;
    if (p == "fire" && i >= 2) {
        const std::string& q = w[i - 2].lower;
        if (q == "exchanged" || q == "exchanging") return true;
        if (q == "of" && i >= 3 && (w[i - 3].lower == "exchange" || w[i - 3].lower == "exchanges")) return true;
    }
    return p == "clashes" || p == "fighting" || p == "battles" || p == "firefight" || p == "gunfight" ||
           p == "skirmishes" || p == "clashed" || p == "fought";
}

// Words that state an aim, not an event: the infinitive after "in a bid to", "an attempt to",
// "a push to", "trying to", "failed to", "in order to" ("massed 7,000 insurgents in their bid
// to capture the city" captures nothing). From the verb after "to" to the end of the clause.
// An attempt made ("attempted to advance", "tried to storm", "failed to capture") is marked
// kAttempted: the fighting it took is an event even though nothing was taken.
enum : char { kNotIntended = 0, kAimed = 1, kAttempted = 2 };

std::vector<char> intended_words(const Words& w) {
    static constexpr std::array<std::string_view, 44> kAims = {
        "bid", "bids", "attempt", "attempts", "attempted", "attempting", "effort", "efforts", "push", "drive",
        "aim", "aims", "aimed", "aiming", "plan", "plans", "planned", "planning", "seek", "seeks", "seeking",
        "sought", "try", "tries", "tried", "trying", "order", "failed", "fail", "fails", "failing", "threatened",
        "threatening", "threatens", "vowed", "vows", "pledged", "intend", "intends", "intended", "want", "wants",
        "wanted", "bidding"};
    // past attempts (not "will try to", "plans to", "in a bid to")
    static constexpr std::array<std::string_view, 6> kAttempts = {"attempted", "attempting", "tried", "trying", "failed",
                                                                  "attempt"};
    std::vector<char> intended(w.size(), kNotIntended);
    for (std::size_t i = 1; i + 1 < w.size(); ++i) {
        if (w[i].lower != "to" || clause_break(w[i]) || !in(kAims, w[i - 1].lower)) continue;
        // "an attempt to" is an attempt made; "their attempt to" or "in an attempt to" an aim
        bool attempted = in(kAttempts, w[i - 1].lower);
        if (w[i - 1].lower == "attempt")
            attempted = i >= 2 && (w[i - 2].lower == "an" || w[i - 2].lower == "another") &&
                        !(i >= 3 && w[i - 3].lower == "in");
        for (std::size_t k = i + 1; k < w.size() && k < i + 10; ++k) {
            if (k > i + 1 && clause_break(w[k])) break;
            const std::string& v = w[k].lower;
            if (k > i + 1 && (v == "but" || v == "and" || v == "while" || v == "after" || v == "before" || v == "when" ||
                              v == "despite" || v == "amid" || v == "as" || v == "during")) break;
            intended[k] = attempted ? kAttempted : kAimed;
        }
    }
    return intended;
}

// Ground after a cue ending at word `end` (exclusive): a place noun, a name or "from" after at
// most a few fillers ("took the town of", "took Tal Hamad from", "controlled most of the
// district", "took several villages"); not "took office", "took him to", "secured a deal".
bool territory_follows(const Words& w, std::size_t end) {
    static constexpr std::array<std::string_view, 45> kGround = {
        "town", "towns", "village", "villages", "city", "cities", "area", "areas", "hill", "hills", "neighbourhood",
        "neighborhood", "neighbourhoods", "neighborhoods", "district", "districts", "position", "positions", "base",
        "bases", "checkpoint", "checkpoints", "post", "posts", "airport", "airbase", "farms", "outskirts", "territory",
        "territories", "road", "highway", "mountain", "mountains", "valley", "camp", "quarter", "points", "sites",
        "front", "dam", "field", "fields", "suburb", "hilltop"};
    static constexpr std::array<std::string_view, 28> kFillers = {
        "the", "a", "an", "most", "much", "all", "part", "parts", "large", "of", "several", "two", "three", "four",
        "five", "new", "strategic", "important", "nearby", "remaining", "key", "and", "entire", "whole", "over",
        "back", "rest", "many"};
    static constexpr std::array<std::string_view, 19> kNotNames = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (std::size_t k = end; k < w.size() && k < end + 5; ++k) {
        if (clause_break(w[k])) return false;
        const std::string& v = w[k].lower;
        if (in(kGround, v) || (k > end && v == "from")) return true;
        if (w[k].capitalized && !w[k].is_number && !in(kNotNames, v)) return true;
        if (!in(kFillers, v)) return false;
    }
    return false;
}

// "the fight against terrorism", "their fight for freedom": the noun after a determiner is a
// campaign, not a fight that happened ("continued to fight", "a fight with regime forces").
bool after_determiner(const Words& w, std::size_t i) {
    if (i == 0 || clause_break(w[i])) return false;
    const std::string& p = w[i - 1].lower;
    return p == "the" || p == "their" || p == "its" || p == "his" || p == "her" || p == "our" || p == "this";
}

std::size_t match_group(const Words& w, std::size_t i);

// An armed side named anywhere in the sentence: fighters, gunmen, snipers, forces, troops,
// militants, a known group (IS, HTS, YPG, Hezbollah ...). Not the police, a government or a
// coalition alone, nor one gunman (a crime story's word).
bool names_armed_side(const Words& w) {
    static constexpr std::array<std::string_view, 36> kArmed = {
        "forces", "troops", "army", "militia", "militias", "rebels", "rebel", "fighters", "fighter", "insurgents",
        "insurgent", "militants", "militant", "soldiers", "soldier", "gunmen", "jihadists", "jihadist", "guerrillas",
        "paramilitaries", "loyalists", "extremists", "islamists", "factions", "faction", "cells", "brigades",
        "battalions", "snipers", "sniper", "militiamen", "regime", "commander", "warplanes", "brigade", "battalion"};
    static constexpr std::array<std::string_view, 7> kArmedWhat = {"group", "groups", "men", "gang", "gangs", "cell", "man"};
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (in(kArmed, w[i].lower) || match_group(w, i) > 0) return true;
        // "two armed groups", "armed men"
        if (w[i].lower == "armed" && i + 1 < w.size() && in(kArmedWhat, w[i + 1].lower)) return true;
    }
    return false;
}

// "the body of a fighter was found", "bodies were found dumped", "found three bodies": a
// killing, whoever did it. `i` is the word "body" (or bodies, corpse, corpses).
bool found_with(const Words& w, std::size_t i) {
    for (std::size_t k = i + 1; k < w.size() && k <= i + 10; ++k) {
        if (w[k].stop_before) break;
        const std::string& x = w[k].lower;
        if (x == "found" || x == "discovered" || x == "dumped" || x == "recovered") return true;
    }
    for (std::size_t k = i, steps = 0; k > 0 && steps < 3 && !w[k].stop_before; --k, ++steps)
        if (w[k - 1].lower == "found" || w[k - 1].lower == "discovered") return true;
    return false;
}

// "launched a humanitarian operation" is no military one.
bool civil_operation(const Words& w, std::size_t end) {
    if (end < 2) return false;
    const std::string& last = w[end - 1].lower;
    if (last != "operation" && last != "operations") return false;
    const std::string& kind = w[end - 2].lower;
    return kind == "humanitarian" || kind == "rescue" || kind == "aid" || kind == "relief" || kind == "evacuation" ||
           kind == "medical" || kind == "surgical" || kind == "sting" || kind == "business";
}

// A strike verb or weapon whose load is leaflets ("bombarding it with leaflets", "planes
// dropped leaflets") is a message, not an attack: leaflets within four words after the cue.
bool leaflets_follow(const Words& w, std::size_t last) {
    for (std::size_t k = last + 1; k < w.size() && k <= last + 4; ++k) {
        if (clause_break(w[k])) return false;
        const std::string& v = w[k].lower;
        if (v == "leaflets" || v == "leaflet" || v == "flyers" || v == "pamphlets") return true;
    }
    return false;
}

bool bare_bombing(std::string_view v) { return v == "bombing" || v == "bombings" || v == "bombed"; }

// "the bombing of the Syrian army sites", "bombed regime positions": the object (within five
// words, same clause) is the government side's.
bool targets_government(const Words& w, std::size_t i) {
    for (std::size_t k = i + 1; k < w.size() && k <= i + 5; ++k) {
        if (clause_break(w[k])) return false;
        const std::string& v = w[k].lower;
        if (v == "army" || v == "regime" || v == "government" || v == "military" || v == "troops" || v == "soldiers")
            return !w[k].hyphen_before && !(k + 1 < w.size() && w[k + 1].hyphen_before);  // not "regime-held"
    }
    return false;
}

bool names_aircraft(const Words& w) {
    for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string& v = w[i].lower;
        if (in(kAircraft, v) || in(kDrones, v) || v == "airforce" || v == "aerial" || (v == "force" && i > 0 && w[i - 1].lower == "air"))
            return true;
    }
    return false;
}

// Words covered by supporting phrases ("backed by air strikes", "with the support of Russian
// jets", "amid shelling"): from the marker to the end of the clause, at most 8 words.
std::vector<bool> supporting_words(const Words& w) {
    std::vector<bool> support(w.size(), false);
    for (std::size_t i = 0; i < w.size(); ++i) {
        std::size_t start = w.size();
        const std::string& v = w[i].lower;
        if ((v == "backed" || v == "aided" || v == "supported" || v == "covered" || v == "helped" || v == "assisted") &&
            i + 1 < w.size() && w[i + 1].lower == "by")
            start = i;
        else if (v == "support" && i >= 2 && w[i - 1].lower == "the" && w[i - 2].lower == "with")
            start = i - 2;
        else if (v == "help" && i >= 2 && w[i - 1].lower == "the" && w[i - 2].lower == "with")
            start = i - 2;
        else if (v == "cover" && i >= 1 && w[i - 1].lower == "under")
            start = i - 1;
        else if (v == "amid" || v == "amidst")
            start = i;
        else if (v == "with" && fighting_ends_at(w, i))
            start = i;  // "an exchange of fire with shells and machine guns": the weapons of the fighting
        if (start == w.size()) continue;
        for (std::size_t k = start; k < w.size() && k < start + 9; ++k) {
            if (k > i + 1 && clause_break(w[k])) break;
            support[k] = true;
        }
    }
    return support;
}

std::string slice(std::string_view s, const Words& w, std::size_t first, std::size_t last) {
    return std::string(s.substr(w[first].begin, w[last].end - w[first].begin));
}

struct Hit {
    std::string_view type, subtype;
    int priority = 0;
    double confidence = 0.0;
    std::size_t first = 0, last = 0;
    bool supporting = false;
    bool generic = false;
};

// "warplanes struck", "raids by Russian jets", "a drone hit": an aircraft noun and a strike verb
// within five words of each other in one clause, outside supporting phrases.
std::optional<Hit> aircraft_strike(const Words& w, const std::vector<bool>& support) {
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool drone = in(kDrones, w[i].lower);
        if (!drone && !in(kAircraft, w[i].lower)) continue;
        if (support[i] || (i > 0 && w[i].hyphen_before && w[i - 1].lower == "anti")) continue;
        const std::size_t lo = i >= 5 ? i - 5 : 0, hi = std::min(w.size() - 1, i + 5);
        for (std::size_t k = lo; k <= hi; ++k) {
            if (k == i || support[k] || !in(kStrikeVerbs, w[k].lower)) continue;
            if (leaflets_follow(w, std::max(i, k))) continue;
            // same clause: no comma or stop between the noun and the verb
            bool broken = false;
            for (std::size_t m = std::min(i, k) + 1; m <= std::max(i, k); ++m) broken = broken || clause_break(w[m]);
            if (broken) continue;
            Hit h;
            h.type = drone ? "drone_strike" : "air_strike";
            h.priority = drone ? kDrone - 1 : kAirInferred;
            h.confidence = 0.7;
            h.first = std::min(i, k);
            h.last = std::max(i, k);
            return h;
        }
    }
    return std::nullopt;
}

// Words that make the sentence one side's claim or a denial.
std::string claim_status(const Words& w) {
    static constexpr std::array<std::string_view, 22> kParties = {
        "army", "military", "forces", "troops", "rebels", "government", "regime", "ministry", "spokesman",
        "spokesperson", "commander", "militants", "group", "media", "sana", "coalition", "insurgents", "fighters",
        "hezbollah", "ypg", "sdf", "command"};
    bool claimed = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string& v = w[i].lower;
        if (v == "denied" || v == "denies" || v == "deny" || v == "denying" || v == "refuted" || v == "dismissed")
            return "disputed";
        if (v == "claimed" || v == "claims" || v == "claim" || v == "claiming") {
            const std::string next = i + 1 < w.size() ? w[i + 1].lower : std::string();
            if (next == "responsibility") continue;
            if (next == "the" && i + 2 < w.size() && w[i + 2].lower == "lives") continue;
            if (next == "lives" || (i + 2 < w.size() && w[i + 2].lower == "lives")) continue;
            claimed = true;
        }
        if (v == "allegedly" || v == "purportedly" || v == "alleged" || v == "reportedly") claimed = true;
        if (v == "said" || v == "says" || v == "announced" || v == "stated") {
            for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
                if (in(kParties, w[k].lower)) claimed = true;
        }
    }
    return claimed ? "claimed" : "reported";
}

// ---------------------------------------------------------------------------------------------
// Actors

constexpr std::array<std::string_view, 41> kActorHeads = {
    "forces", "force", "troops", "army", "armies", "militia", "militias", "rebels", "fighters", "insurgents",
    "warplanes", "warplane", "jets", "aircraft", "helicopters", "helicopter", "drones", "drone", "militants",
    "regime", "government", "coalition", "soldiers", "gunmen", "jihadists", "guerrillas", "paramilitaries",
    "opposition", "police", "units", "gunships", "bombers", "loyalists", "extremists", "islamists", "military",
    "factions", "faction", "cells", "brigades", "battalions"};

// Heads that are as often modifiers ("regime bombardment", "military post"): an actor only when
// a clause break or a verb follows ("the regime said", "the Turkish military shelled").
constexpr std::array<std::string_view, 5> kWeakHeads = {"military", "government", "regime", "opposition", "coalition"};

bool verb_like(std::string_view v) {
    static constexpr std::array<std::string_view, 14> kVerbs = {"said", "says", "has", "have", "had", "is", "was",
                                                                "were", "are", "will", "would", "also", "struck", "hit"};
    static constexpr std::array<std::string_view, 12> kEventNouns = {"airstrikes", "strikes", "air", "shelling", "bombardment",
                                                                      "artillery", "offensive", "attack", "attacks", "raids",
                                                                      "warplanes", "jets"};
    if (in(kVerbs, v) || in(kEventNouns, v)) return true;
    return v.size() > 3 && v.substr(v.size() - 2) == "ed";
}

constexpr std::array<std::string_view, 34> kActorModifiers = {
    "pro", "government", "regime", "opposition", "rebel", "allied", "state", "security", "special", "elite",
    "ground", "loyalist", "jihadist", "islamist", "foreign", "hardline", "backed", "led", "armed", "military",
    "militant", "fighter", "war", "air", "naval", "paramilitary", "tribal", "local", "insurgent", "army",
    "militia", "coalition", "shiite", "sunni"};

// Words never part of an actor phrase even when capitalised.
constexpr std::array<std::string_view, 28> kNotModifiers = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "by", "as", "after", "when", "while", "with",
    "from", "for", "to", "that", "which", "since", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"};

struct Group {
    std::array<std::string_view, 5> words;
    bool acronym;  // must be written in capitals ("IS", not "is")
};

constexpr Group kGroups[] = {
    {{"hayat", "tahrir", "al", "sham"}, false},  {{"tahrir", "al", "sham"}, false},
    {{"jabhat", "fatah", "al", "sham"}, false},  {{"jabhat", "fateh", "al", "sham"}, false},
    {{"jabhat", "al", "nusra"}, false},          {{"al", "nusra", "front"}, false},
    {{"nusra", "front"}, false},                 {{"al", "nusra"}, false},
    {{"ahrar", "al", "sham"}, false},            {{"islamic", "state"}, false},
    {{"free", "syrian", "army"}, false},         {{"syrian", "arab", "army"}, false},
    {{"syrian", "democratic", "forces"}, false}, {{"syrian", "national", "army"}, false},
    {{"national", "front", "for", "liberation"}, false},
    {{"jaish", "al", "islam"}, false},           {{"jaish", "al", "izza"}, false},
    {{"jaish", "al", "fatah"}, false},           {{"army", "of", "conquest"}, false},
    {{"levant", "conquest", "front"}, false},    {{"tiger", "forces"}, false},
    {{"republican", "guard"}, false},            {{"revolutionary", "guards"}, false},
    {{"us", "led", "coalition"}, false},         {{"faylaq", "al", "sham"}, false},
    {{"nour", "al", "din", "al", "zenki"}, false}, {{"nur", "al", "din", "al", "zinki"}, false},
    {{"fourth", "division"}, false},             {{"4th", "division"}, false},
    {{"liwa", "al", "quds"}, false},             {{"quds", "force"}, false},
    {{"turkistan", "islamic", "party"}, false},  {{"hurras", "al", "din"}, false},
    {{"al", "qaeda"}, false},                    {{"al", "qaida"}, false},
    {{"hezbollah"}, false},                      {{"hizbollah"}, false},
    {{"hizbullah"}, false},                      {{"daesh"}, false},
    {{"wagner"}, false},                         {{"ypg"}, true},
    {{"ypj"}, true},                             {{"sdf"}, true},
    {{"hts"}, true},                             {{"isis"}, true},
    {{"isil"}, true},                            {{"is"}, true},
    {{"fsa"}, true},                             {{"nfl"}, true},
    {{"saa"}, true},                             {{"sna"}, true},
    {{"irgc"}, true},                            {{"pkk"}, true},
    {{"pyd"}, true},
};

const std::unordered_map<std::string_view, std::vector<const Group*>>& groups_by_first_word() {
    static const auto index = [] {
        std::unordered_map<std::string_view, std::vector<const Group*>> m;
        for (const Group& g : kGroups) m[g.words[0]].push_back(&g);
        return m;
    }();
    return index;
}

// Words of a known group starting at word i (0 if none).
std::size_t match_group(const Words& w, std::size_t i) {
    std::size_t best = 0;
    const auto& index = groups_by_first_word();
    const auto it = index.find(w[i].lower);
    if (it == index.end()) return 0;
    for (const Group* group : it->second) {
        const Group& g = *group;
        std::size_t n = 0;
        while (n < g.words.size() && !g.words[n].empty()) ++n;
        if (i + n > w.size() || n <= best) continue;
        bool ok = true;
        for (std::size_t k = 0; k < n && ok; ++k) {
            ok = w[i + k].lower == g.words[k] && (k == 0 || !clause_break(w[i + k]));
            if (g.acronym) ok = ok && w[i + k].all_upper;
        }
        if (ok) best = n;
    }
    return best;
}

bool is_head(const Words& w, std::size_t i) {
    if (!in(kActorHeads, w[i].lower)) return false;
    if (i > 0 && w[i].hyphen_before && w[i - 1].lower == "anti") return false;  // anti-aircraft
    if (i + 1 < w.size() && !clause_break(w[i + 1]) && !w[i].possessive) {
        if (w[i + 1].hyphen_before) return false;                   // government-held, regime-controlled
        if (in(kActorHeads, w[i + 1].lower)) return false;          // "government forces": the head is forces
        if (in(kWeakHeads, w[i].lower) && !verb_like(w[i + 1].lower)) return false;
    }
    return true;
}

// A capitalised nationality adjective: Syrian, Russian, Turkish, Lebanese, Iraqi.
bool demonym_like(const Word& x) {
    const std::string& v = x.lower;
    if (!x.capitalized || x.all_upper || v.size() < 4) return false;
    const auto ends = [&](std::string_view suffix) {
        return v.size() > suffix.size() && v.compare(v.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("an") || ends("ish") || ends("ese") || ends("i");
}

// Extends an actor head to the left over its modifiers; returns the first word.
std::size_t actor_start(const Words& w, std::size_t head, const std::vector<bool>& taken) {
    std::size_t first = head;
    while (first > 0) {
        const Word& cur = w[first];
        const Word& prev = w[first - 1];
        if (taken[first - 1]) break;
        // "Syrian and Russian warplanes"
        if (prev.lower == "and" && first >= 2 && first < head && demonym_like(cur) && demonym_like(w[first - 2]) &&
            !taken[first - 2] && !clause_break(prev) && !clause_break(cur)) {
            first -= 2;
            continue;
        }
        if (clause_break(cur) || prev.possessive) break;
        if (cur.hyphen_before) {  // US-led, Iranian-backed, pro-government
            --first;
            continue;
        }
        if (in(kNotModifiers, prev.lower)) break;
        if (in(kActorModifiers, prev.lower) || (prev.capitalized && !prev.is_number)) {
            --first;
            continue;
        }
        break;
    }
    return first;
}

// ---------------------------------------------------------------------------------------------
// Casualties

enum class Toll { Killed, Injured, Displaced };

std::optional<Toll> toll_word(std::string_view v) {
    if (v == "killed" || v == "killing" || v == "dead" || v == "died" || v == "deaths" || v == "kills" || v == "fatalities" ||
        v == "executed" || v == "executing")
        return Toll::Killed;
    if (v == "wounded" || v == "injured" || v == "wounding" || v == "injuring" || v == "hurt" || v == "injuries")
        return Toll::Injured;
    if (v == "displaced" || v == "displacing" || v == "fled" || v == "flee" || v == "uprooted" || v == "homeless")
        return Toll::Displaced;
    return std::nullopt;
}

bool active_form(std::string_view v) {
    return v == "killing" || v == "wounding" || v == "injuring" || v == "displacing" || v == "killed" || v == "wounded" ||
           v == "injured" || v == "displaced" || v == "kills" || v == "executed" || v == "executing";
}

bool is_qualifier(std::string_view v) {
    return v == "least" || v == "nearly" || v == "almost" || v == "more" || v == "than" || v == "over" || v == "about" ||
           v == "around" || v == "some" || v == "up" || v == "to" || v == "approximately" || v == "roughly" || v == "at" ||
           v == "than" || v == "estimated" || v == "an";
}

bool is_vague(std::string_view v) {
    return v == "dozens" || v == "hundreds" || v == "thousands" || v == "scores" || v == "several" || v == "many" ||
           v == "numerous" || v == "tens" || v == "dozen";
}

bool is_person(std::string_view v) {
    static constexpr std::array<std::string_view, 30> kPersons = {
        "child", "civilian", "man", "woman", "boy", "girl", "person", "soldier", "fighter", "member",
        "baby", "resident", "rebel", "militant", "doctor", "nurse", "journalist", "worker", "commander", "officer",
        "leader", "shepherd", "farmer", "teenager", "student", "driver", "policeman", "detainee", "activist", "paramedic"};
    return in(kPersons, v);
}

// Plural nouns for people after a count: "killed three soldiers", "two SDF members".
bool is_people(std::string_view v) {
    static constexpr std::array<std::string_view, 18> kPeople = {
        "people", "civilians", "persons", "soldiers", "fighters", "members", "children", "women", "men",
        "militants", "rebels", "troops", "residents", "others", "gunmen", "policemen", "workers", "families"};
    return in(kPeople, v) || is_person(v);
}

bool is_be(std::string_view v) {
    return v == "were" || v == "was" || v == "been" || v == "are" || v == "is" || v == "being" || v == "be" || v == "got";
}

struct Amount {
    std::size_t first = 0, last = 0;  // words of the amount (with qualifiers)
    std::optional<long> value;
};

// "a family of five" / "a family of 5" at word i: the number of its members, else 0.
long family_size(const Words& w, std::size_t i) {
    if (i + 3 >= w.size() || w[i + 1].lower != "family" || w[i + 2].lower != "of" || clause_break(w[i + 3])) return 0;
    const Word& n = w[i + 3];
    return n.is_number ? n.value : std::max(0L, scan::number_word_value(n.lower));
}

// A quantity at word i: 12 | 1,000 | twenty-five | two hundred | a child | dozens | several.
std::optional<Amount> amount_at(const Words& w, std::size_t i) {
    const Word& x = w[i];
    Amount a;
    a.first = a.last = i;
    if (x.is_number) {
        if (x.value < 0) return std::nullopt;
        // a year or day of a date is not a count
        if (i + 1 < w.size()) {
            const std::string& n = w[i + 1].lower;
            static constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march", "april", "may", "june",
                                                                         "july", "august", "september", "october", "november", "december"};
            if (in(kMonths, n)) return std::nullopt;
        }
        if (i > 0) {
            const std::string& p = w[i - 1].lower;
            const bool year_like = !x.grouped && x.value >= 1900 && x.value <= 2100;
            if (p == "on" || ((p == "in" || p == "since" || p == "by") && year_like)) return std::nullopt;
        }
        a.value = x.value;
    } else if (long v = scan::number_word_value(x.lower); v >= 0) {
        a.value = v;
        if (v >= 20 && i + 1 < w.size() && w[i + 1].hyphen_before) {  // twenty-five
            const long u = scan::number_word_value(w[i + 1].lower);
            if (u > 0 && u < 10) a.value = v + u, a.last = i + 1;
        }
    } else if ((x.lower == "a" || x.lower == "an") && i + 1 < w.size()) {
        if (w[i + 1].lower == "dozen") {
            a.value = 12, a.last = i + 1;
        } else if (const long members = family_size(w, i); members > 1) {
            a.value = members, a.last = i + 3;  // "killing a family of five"
        } else if (is_person(w[i + 1].lower)) {
            a.value = 1, a.last = i + 1;
        } else if (i + 2 < w.size() && is_person(w[i + 2].lower) && !clause_break(w[i + 2])) {
            a.value = 1, a.last = i + 2;  // a local journalist, an elderly man
        } else if (i + 3 < w.size() && is_person(w[i + 3].lower) && !clause_break(w[i + 2]) && !clause_break(w[i + 3])) {
            a.value = 1, a.last = i + 3;  // a former rebel commander
        } else {
            return std::nullopt;
        }
    } else if (is_vague(x.lower)) {
        if (x.lower == "tens" && i + 2 < w.size() && w[i + 1].lower == "of") a.last = i + 2;  // tens of thousands
    } else {
        return std::nullopt;
    }
    // two hundred, three thousand, 1.5 million is read as 1 (rare in incident reports)
    if (a.value && a.last + 1 < w.size()) {
        const std::string& m = w[a.last + 1].lower;
        if (m == "hundred") a.value = *a.value * 100, ++a.last;
        else if (m == "thousand") a.value = *a.value * 1000, ++a.last;
    }
    // qualifiers before: at least, more than, nearly, some, up to
    while (a.first > 0 && is_qualifier(w[a.first - 1].lower) && !clause_break(w[a.first])) --a.first;
    return a;
}

// Amounts inside "including three children" or "among them two women" are parts, not totals.
bool inside_including(const Words& w, std::size_t first) {
    for (std::size_t k = first, steps = 0; k > 0 && steps < 3; --k, ++steps) {
        const std::string& p = w[k - 1].lower;
        if (p == "including" || p == "among") return true;
    }
    return false;
}

// "a woman and two children": the amount before "and" (within three words) is added.
void add_coordinated(const Words& w, Amount& a, const std::vector<bool>& used) {
    if (!a.value || a.first < 2 || w[a.first - 1].lower != "and" || clause_break(w[a.first])) return;
    const std::size_t and_at = a.first - 1;
    for (std::size_t j = and_at, steps = 0; j > 0 && steps < 3; ++steps) {
        if (clause_break(w[j])) return;
        --j;
        if (used[j] || toll_word(w[j].lower)) return;
        if (auto b = amount_at(w, j); b && b->value && b->last < and_at) {
            a.value = *a.value + *b->value;
            a.first = b->first;
            return;
        }
    }
}

// The amount a casualty word refers to: after an active verb ("killing 12", "killed two
// people"), else the nearest one before it in the clause ("five civilians were killed").
std::optional<Amount> amount_for(const Words& w, std::size_t k, const std::vector<bool>& used) {
    const std::string& v = w[k].lower;
    const bool shot_dead = v == "dead" && k > 0 && w[k - 1].lower == "shot";
    const bool passive = k > 0 && (is_be(w[k - 1].lower) || (k > 1 && is_be(w[k - 2].lower) && w[k - 1].lower == "been"));
    if ((active_form(v) || shot_dead) && !passive) {
        for (std::size_t j = k + 1; j < w.size() && j <= k + 4; ++j) {
            if (clause_break(w[j]) || toll_word(w[j].lower)) break;
            if (is_qualifier(w[j].lower)) continue;
            if (auto a = amount_at(w, j); a && !used[j]) return a;
            break;
        }
    }
    // backward: the nearest amount within ten words (commas allowed: "12 people, including
    // three children, were killed"), not one inside "including ..."
    for (std::size_t j = k, steps = 0; j > 0 && steps < 10; ++steps) {
        if (w[j].stop_before) break;
        --j;
        if (used[j] || toll_word(w[j].lower)) break;
        if (auto a = amount_at(w, j)) {
            // the nearest word may end a longer amount: "twenty-five", "a dozen", "two hundred"
            for (std::size_t back = 0; back < 2 && a->first > 0 && !used[a->first - 1]; ++back) {
                auto longer = amount_at(w, a->first - 1);
                if (!longer || longer->last < a->last) break;
                a = longer;
            }
            if (inside_including(w, a->first)) continue;
            add_coordinated(w, *a, used);
            return a;
        }
    }
    return std::nullopt;
}

bool installation_noun(std::string_view v) {
    static constexpr std::array<std::string_view, 16> kNouns = {
        "factory", "factories", "plant", "plants", "facility", "facilities", "depot", "depots",
        "stockpile", "stockpiles", "programme", "program", "base", "bases", "launchpad", "launchpads"};
    return in(kNouns, v);
}

}  // namespace

namespace {
std::optional<Classification> classify_latin(std::string_view sentence, std::size_t cue_from);
}  // namespace

// Latin cues first; Arabic script (checked by a byte scan) only when they find nothing.
std::optional<Classification> classify_event(std::string_view sentence, std::size_t cue_from) {
    std::optional<Classification> c = classify_latin(sentence, cue_from);
    if (!c && arabic::has_arabic(sentence)) c = arabic::classify(sentence, cue_from);
    return c;
}

namespace {
std::optional<Classification> classify_latin(std::string_view sentence, std::size_t cue_from) {
    const Words w = scan::scan_words(sentence);
    if (w.empty()) return std::nullopt;
    const std::vector<bool> support = supporting_words(w);
    const std::vector<char> intended = intended_words(w);
    std::vector<Hit> hits;
    std::size_t i = 0;
    while (i < w.size()) {
        const CueDef* best = nullptr;
        std::size_t best_end = 0;
        const auto& index = cues_by_first_word();
        if (const auto it = index.find(w[i].lower); it != index.end()) {
            for (const CueDef* cue : it->second) {
                const std::size_t end = match_cue(w, i, *cue);
                if (end > best_end) best = cue, best_end = end;  // longest cue at this word
            }
        }
        if (best == nullptr) {
            ++i;
            continue;
        }
        // A cue starting before the asked part is skipped whole: its tail ("strike" of "drone
        // strike") is no cue of its own.
        if (w[i].begin < cue_from) {
            i = best_end;
            continue;
        }
        // A weapon named before an installation is not an attack on it: "a chemical weapons
        // factory", "an artillery base", "a missile launchpad".
        if (best_end < w.size() && !clause_break(w[best_end]) && installation_noun(w[best_end].lower) &&
            (best->type == "chemical_attack" || best->type == "shelling" || best->type == "air_strike" ||
             best->type == "drone_strike")) {
            i = best_end;
            continue;
        }
        // "took place", "controlled by": no cue at this word
        if (best->type.empty()) {
            i = best_end;
            continue;
        }
        // "took office", "regime-controlled": a verb of taking without ground after it, or one
        // joined to the word before it, is no capture
        if (best->needs == Needs::territory && (w[i].hyphen_before || !territory_follows(w, best_end))) {
            i = best_end;
            continue;
        }
        if (best->needs == Needs::armed && !names_armed_side(w)) {
            i = best_end;
            continue;
        }
        if (best->needs == Needs::found && !found_with(w, i)) {
            i = best_end;
            continue;
        }
        if (best->needs == Needs::not_infinitive && i > 0 && w[i - 1].lower == "to") {
            i = best_end;
            continue;
        }
        if (best->needs == Needs::attempt && intended[i] != kAttempted) {
            i = best_end;
            continue;
        }
        if (best->needs == Needs::no_determiner && after_determiner(w, i)) {
            i = best_end;
            continue;
        }
        if (best->type == "clashes" && civil_operation(w, best_end)) {
            ++i;  // "launched a humanitarian operation": the operation is still a cue of its own
            continue;
        }
        // An aim is no event ("in a bid to capture"); an attempt made ("attempted to advance",
        // "tried to storm the village") is a fight that took nothing; a bombardment with leaflets
        // is no attack.
        if (intended[i] != kNotIntended && best->type != "other") {
            if (intended[i] == kAttempted && (best->type == "capture_of_territory" || best->type == "clashes"))
                hits.push_back(Hit{"clashes",
                                   best->type == "capture_of_territory" ? std::string_view("attempted advance")
                                   : best->subtype.empty()              ? std::string_view("attempted attack")
                                                                        : best->subtype,
                                   kClashesWeak, 0.55, i, best_end - 1, support[i]});
            i = best_end;
            continue;
        }
        if ((best->type == "shelling" || best->type == "air_strike" || best->type == "drone_strike") &&
            leaflets_follow(w, best_end - 1)) {
            i = best_end;
            continue;
        }
        // The bombing of army sites is not from the air: the side without aircraft bombs
        // government positions, unless an aircraft is named.
        if (best->type == "air_strike" && best_end == i + 1 && bare_bombing(w[i].lower) && targets_government(w, i) &&
            !names_aircraft(w)) {
            hits.push_back(Hit{"shelling", "bombing", kShelling, 0.6, i, i, support[i]});
            i = best_end;
            continue;
        }
        Hit h{best->type, best->subtype, best->priority, best->confidence, i, best_end - 1, support[i], best->generic};
        hits.push_back(h);
        i = best_end;
    }
    // "Turkish drones targeted a car": the pair counts when its later word is asked about (the
    // aircraft before it is context)
    if (auto h = aircraft_strike(w, support); h && intended[h->first] == kNotIntended && w[h->last].begin >= cue_from) hits.push_back(*h);
    if (hits.empty()) return std::nullopt;

    const auto rank = [](const Hit& h) { return h.supporting ? h.priority - 1000 : h.priority; };
    const Hit* best = &hits.front();
    for (const Hit& h : hits)
        if (rank(h) > rank(*best) || (rank(h) == rank(*best) && h.first < best->first)) best = &h;

    Classification c;
    c.type = std::string(best->type);
    c.subtype = std::string(best->subtype);
    // a weapon word names the subtype of a strike ("rockets", "barrel bombs") when the type agrees
    if (c.subtype.empty())
        for (const Hit& h : hits)
            if (h.type == best->type && !h.subtype.empty() && !h.supporting) {
                c.subtype = std::string(h.subtype);
                break;
            }
    c.cue = slice(sentence, w, best->first, best->last);
    c.confidence = best->supporting ? best->confidence * 0.6 : best->confidence;
    c.supporting = best->supporting;
    c.generic = best->generic;
    c.status = claim_status(w);
    return c;
}
}  // namespace

std::vector<std::string> find_actors(std::string_view sentence) {
    const Words w = scan::scan_words(sentence);
    struct Found {
        std::size_t first, last;
    };
    std::vector<Found> found;
    std::vector<bool> taken(w.size(), false);
    for (std::size_t i = 0; i < w.size();) {
        if (const std::size_t n = match_group(w, i)) {
            std::size_t last = i + n - 1;
            std::size_t first = i;
            // "Islamic State fighters": a following actor head makes the longer phrase
            if (last + 1 < w.size() && !clause_break(w[last + 1]) && is_head(w, last + 1)) ++last;
            // "Lebanon's Hezbollah" stays "Hezbollah"; "US-led coalition" is in the list
            found.push_back({first, last});
            for (std::size_t k = first; k <= last; ++k) taken[k] = true;
            i = last + 1;
            continue;
        }
        ++i;
    }
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (taken[i] || !is_head(w, i)) continue;
        std::size_t first = actor_start(w, i, taken);
        while (first < i && taken[first]) ++first;
        // a lone head keeps its article: "the army", "the regime"
        if (first == i && i > 0 && w[i - 1].lower == "the" && !clause_break(w[i])) first = i - 1;
        bool overlaps = false;
        for (std::size_t k = first; k <= i; ++k) overlaps = overlaps || taken[k];
        if (overlaps) continue;
        found.push_back({first, i});
        for (std::size_t k = first; k <= i; ++k) taken[k] = true;
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.first < b.first; });
    std::vector<std::string> actors, keys;  // keys: lower case, for deduplication
    for (const Found& f : found) {
        std::string key;
        for (std::size_t k = f.first; k <= f.last; ++k) key += (k > f.first ? " " : "") + w[k].lower;
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        keys.push_back(std::move(key));
        actors.push_back(slice(sentence, w, f.first, f.last));
    }
    if (arabic::has_arabic(sentence))
        for (std::string& a : arabic::find_actors(sentence)) actors.push_back(std::move(a));
    return actors;
}

Casualties find_casualties(std::string_view sentence) {
    if (arabic::has_arabic(sentence)) {
        Casualties a = arabic::find_casualties(sentence);
        if (!a.text.empty()) return a;
    }
    const Words w = scan::scan_words(sentence);
    Casualties c;
    std::vector<bool> used(w.size(), false);
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    for (std::size_t k = 0; k < w.size(); ++k) {
        auto toll = toll_word(w[k].lower);
        // "death toll rose to 30", "the toll reached 30"
        if (!toll && w[k].lower == "toll") {
            for (std::size_t j = k + 1; j < w.size() && j <= k + 5; ++j) {
                if (clause_break(w[j])) break;
                if (is_qualifier(w[j].lower)) continue;
                if (auto a = amount_at(w, j); a && a->value) {
                    if (!c.killed) c.killed = a->value;
                    pieces.emplace_back(k > 0 && w[k - 1].lower == "death" ? k - 1 : k, a->last);
                    for (std::size_t m = a->first; m <= a->last; ++m) used[m] = true;
                    break;
                }
            }
            continue;
        }
        if (!toll) continue;
        // a label and its figure: "Civilians killed: 3", "Deaths reported: 4"
        if (std::size_t j = k + 1 < w.size() && w[k + 1].lower == "reported" && !w[k + 1].stop_before ? k + 2 : k + 1;
            j < w.size() && w[j].stop_before && sentence.substr(w[j - 1].end, w[j].begin - w[j - 1].end).find(':') != std::string_view::npos) {
            if (auto a = amount_at(w, j); a && a->value && !used[j]) {
                std::optional<long>& slot = *toll == Toll::Killed ? c.killed : *toll == Toll::Injured ? c.injured : c.displaced;
                if (!slot) slot = a->value;
                for (std::size_t m = a->first; m <= a->last; ++m) used[m] = true;
                pieces.emplace_back(k > 0 && is_people(w[k - 1].lower) && !w[k].stop_before ? k - 1 : k, a->last);
                continue;
            }
        }
        auto a = amount_for(w, k, used);
        if (!a) continue;
        std::optional<long>& slot = *toll == Toll::Killed ? c.killed : *toll == Toll::Injured ? c.injured : c.displaced;
        if (a->value && !slot) slot = a->value;
        for (std::size_t m = a->first; m <= a->last; ++m) used[m] = true;
        // the phrase: from the amount (or the verb) to the amount's end or the verb
        std::size_t first = std::min(a->first, k), last = std::max(a->last, k);
        if (w[k].lower == "dead" && k > 0 && w[k - 1].lower == "shot") first = std::min(first, k - 1);
        // "five civilians were killed": keep the noun after the amount up to the verb
        for (std::size_t n = last + 1; a->first > k && n < w.size() && n <= last + 2 && !clause_break(w[n]); ++n) {
            if (is_people(w[n].lower)) {
                last = n;
                break;
            }
        }
        pieces.emplace_back(first, last);
    }
    // merge touching pieces into one phrase ("1,000 militants were killed and over 2,000 injured")
    std::sort(pieces.begin(), pieces.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& p : pieces) {
        if (!merged.empty() && p.first <= merged.back().second + 2 && !clause_break(w[p.first]))
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

}  // namespace toponym::events
