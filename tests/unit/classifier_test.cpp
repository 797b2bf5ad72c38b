// Unit tests of the event classifier, the actor finder and the casualty figures, on sentences
// written in the style of incident reporting from Syria (none taken from the seed articles).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "events/classifier.hpp"

using toponym::events::Casualties;
using toponym::events::classify_event;
using toponym::events::find_actors;
using toponym::events::find_casualties;

namespace {

struct TypeCase {
    const char* name;
    const char* sentence;
    const char* type;     // "" = not an event sentence
    const char* subtype;  // "*" = not checked
    const char* status;   // "*" = not checked
};

std::ostream& operator<<(std::ostream& out, const TypeCase& c) { return out << c.name; }

const TypeCase kTypeCases[] = {
    // air strikes
    {"air_strikes", "Russian air strikes hit a market in the town, killing nine civilians.", "air_strike", "", "*"},
    {"airstrike_one_word", "An airstrike destroyed the generator of the hospital.", "air_strike", "", "*"},
    {"air_raids_over_pounded", "Government air raids pounded the southern countryside.", "air_strike", "", "*"},
    {"jets_bombed", "Syrian jets bombed the outskirts of the city.", "air_strike", "", "*"},
    {"warplanes_with_strike_verb", "Warplanes struck a fuel depot near the highway.", "air_strike", "", "*"},
    {"killed_by_warplanes", "Five civilians were killed by Russian warplanes in the town.", "air_strike", "", "*"},
    {"raids_by_warplanes", "Raids by Russian warplanes targeted the village.", "air_strike", "", "*"},
    {"jets_without_strike_verb", "Jets were seen circling over the city.", "", "*", "*"},
    {"curly_quotes", "\u201cJets bombed us all night,\u201d a resident told reporters.", "air_strike", "", "*"},
    {"supporting_only_still_counts", "The operation was backed by Russian air strikes.", "air_strike", "*", "*"},
    // supporting phrases lose to the main event
    {"backed_by_air_strikes_capture", "Backed by air strikes from Syrian and Russian jets, the army had taken ground south of the town.", "capture_of_territory", "*", "*"},
    {"with_support_of_warplanes_capture", "With the support of Russian warplanes, government troops seized three hills.", "capture_of_territory", "*", "*"},
    {"amid_shelling_displacement", "Amid heavy shelling, thousands of residents fled toward the border.", "displacement", "*", "*"},
    {"under_cover_of_artillery_advance", "Under cover of artillery fire, militia fighters advanced into the farms.", "capture_of_territory", "advance", "*"},
    // drones
    {"drone_strike", "A drone strike killed a commander near the crossing.", "drone_strike", "", "*"},
    {"drones_struck", "Turkish drones struck a position of the SDF.", "drone_strike", "", "*"},
    {"drone_beats_air_strike", "A drone hit the convoy hours after air strikes on the town.", "drone_strike", "", "*"},
    {"surveillance_drones_no_event", "Surveillance drones circled over the valley.", "", "*", "*"},
    // chemical
    {"chlorine", "Activists accused the regime of a chlorine attack on the town.", "chemical_attack", "chlorine", "*"},
    {"toxic_gas_beats_air_strike", "Air strikes carrying toxic gas suffocated dozens.", "chemical_attack", "*", "*"},
    // shelling
    {"barrel_bombs_from_helicopters", "Helicopters dropped barrel bombs on the neighbourhood.", "shelling", "barrel bombs", "*"},
    {"artillery_bombardment", "An artillery bombardment hit the eastern districts.", "shelling", "artillery", "*"},
    {"mortars", "Mortar rounds fell on a school in the western quarter.", "shelling", "mortars", "*"},
    {"rockets", "Rebels fired rockets at a government-held neighbourhood.", "shelling", "rockets", "*"},
    {"killed_by_mortar", "A child was killed by a mortar round.", "shelling", "mortars", "*"},
    // capture of territory
    {"recaptured_beats_fighting", "Government forces recaptured the village after a week of fighting.", "capture_of_territory", "", "*"},
    {"took_full_control", "The army took full control of the town on Sunday.", "capture_of_territory", "", "*"},
    {"advanced_into", "Rebels advanced into the southern districts.", "capture_of_territory", "advance", "*"},
    {"advance_with_a_side", "The fighters were able to advance west of the town.", "capture_of_territory", "advance", "*"},
    {"made_progress", "Regime forces made progress in the villages north of the town.", "capture_of_territory", "advance", "*"},
    {"overran", "Militants overran an army post at dawn.", "capture_of_territory", "", "*"},
    {"fell_to", "The town fell to insurgents after heavy clashes.", "capture_of_territory", "", "*"},
    {"taken_over_positions", "Rebels had taken over several army positions.", "capture_of_territory", "", "*"},
    {"uppercase", "REBELS CAPTURED THE TOWN", "capture_of_territory", "", "*"},
    // withdrawal
    {"withdrew", "The militia withdrew from the hill overnight.", "withdrawal", "", "*"},
    {"pulled_out", "Turkish troops pulled out of the observation post.", "withdrawal", "", "*"},
    {"retreated", "Fighters retreated to the old city.", "withdrawal", "", "*"},
    // siege
    {"besieged", "Government forces have besieged the eastern districts for months.", "siege", "", "*"},
    {"cut_off_last_road", "The army cut off the last road into the city.", "siege", "", "*"},
    {"under_siege", "Some 300,000 people remain under siege.", "siege", "", "*"},
    // clashes
    {"clashes", "Clashes between rebels and the army left 12 dead.", "clashes", "", "*"},
    {"killed_in_fighting", "Five fighters were killed in fighting near the airport.", "clashes", "", "*"},
    {"exchange_of_fire", "An exchange of fire was reported on the front line.", "clashes", "", "*"},
    {"ambush", "Insurgents ambushed a patrol on the road.", "clashes", "ambush", "*"},
    {"offensive", "The army launched an offensive on the town.", "clashes", "offensive", "*"},
    {"pushed_back", "Pro-government forces pushed back the attackers.", "clashes", "", "*"},
    // displacement
    {"displaced", "More than 40,000 people have been displaced.", "displacement", "", "*"},
    {"fled", "Families fled toward the Turkish border.", "displacement", "", "*"},
    // other
    {"reinforcements", "Turkey sent reinforcements to its posts in the province.", "other", "reinforcements", "*"},
    {"ceasefire", "A ceasefire took effect at midnight.", "other", "ceasefire", "*"},
    {"talks", "Russian and Turkish officials held talks in the capital.", "other", "talks", "*"},
    {"reopening", "The highway reopened to traffic.", "other", "reopening", "*"},
    {"evacuation", "The evacuation of wounded civilians began at dawn.", "other", "evacuation", "*"},
    {"car_bombing_is_not_an_air_strike", "A car bombing killed seven people at a checkpoint.", "other", "explosion", "*"},
    {"casualties_only", "Two civilians were killed in the town.", "other", "casualties", "*"},
    {"israeli_strikes", "Israeli strikes targeted militia positions near the border.", "air_strike", "", "*"},
    {"shot_dead", "Unidentified gunmen shot dead a former commander.", "other", "shooting", "*"},
    {"ied_exploded", "An IED exploded in a vehicle near the roundabout.", "other", "explosion", "*"},
    {"protest", "Residents staged a protest against the local council.", "other", "protest", "*"},
    {"atgm", "Fighters targeted a tank with an ATGM.", "shelling", "missiles", "*"},
    {"truce_entered_into_force_is_not_a_capture", "A truce entered into force at midnight.", "other", "ceasefire", "*"},
    {"met_resistance_is_clashes", "The troops met fierce resistance near the hills.", "clashes", "", "*"},
    // not events
    {"background_fact", "The Syrian Observatory is based in Britain.", "", "*", "*"},
    {"population", "The city is home to about 200,000 people.", "", "*", "*"},
    {"empty", "", "", "*", "*"},
    // status
    {"denied_is_disputed", "Insurgents denied that government forces had captured the hill.", "capture_of_territory", "*", "disputed"},
    {"army_said_is_claimed", "The army said its troops had seized the village.", "capture_of_territory", "*", "claimed"},
    {"rebels_claimed_shoot_down", "Rebels claimed they had shot down a helicopter.", "other", "aircraft shot down", "claimed"},
    {"claimed_the_lives_is_reported", "Shelling claimed the lives of four children.", "shelling", "*", "reported"},
    {"monitor_said_is_reported", "The Syrian Observatory said air strikes hit the village.", "air_strike", "*", "reported"},
    // an exchange of fire is clashes whatever the weapons named with it
    {"exchanged_fire_with_machine_guns_and_mortars", "Rebels and government troops exchanged fire with heavy machine guns and mortars near the dam.", "clashes", "*", "*"},
    {"exchange_of_fire_with_rockets", "An exchange of fire with rockets and tank shells lasted until dawn.", "clashes", "*", "*"},
    {"fighting_with_artillery", "Fighting with artillery and tanks went on all night on the southern front.", "clashes", "*", "*"},
    {"shelled_with_rockets_is_shelling", "Artillery shelled the town with heavy rockets.", "shelling", "*", "*"},
    // an aim is no event: the infinitive after "in a bid to", "failed to", "a push to"
    {"massed_in_a_bid_to_capture", "Militants massed fighters near the airport in a bid to capture it.", "other", "military build-up", "*"},
    {"failed_to_seize", "Rebels failed to seize the checkpoint despite heavy fighting.", "clashes", "*", "*"},
    {"launched_a_push_to_retake", "The army launched a big push to retake the hills.", "clashes", "offensive", "*"},
    {"attempt_to_break_the_siege", "Islamic State fighters made an attempt to break the siege of the town.", "", "*", "*"},
    {"waged_an_offensive", "Rebels waged an offensive on the airport.", "clashes", "offensive", "*"},
    {"launched_a_major_offensive", "The army launched a major offensive against the town.", "clashes", "offensive", "*"},
    {"launched_air_strikes_stay_air_strikes", "The coalition launched air strikes on the town.", "air_strike", "*", "*"},
    {"managed_to_seize_is_a_capture", "The army managed to seize the hills after a week.", "capture_of_territory", "*", "*"},
    {"seized_in_an_attempt_to_encircle", "Government forces seized two villages in an attempt to encircle the town.", "capture_of_territory", "*", "*"},
    {"tried_to_storm_but_was_repelled", "Insurgents tried to storm the base but were repelled.", "clashes", "*", "*"},
    // leaflets are a message, not a bombardment
    {"dropped_leaflets", "Helicopters dropped leaflets on the town urging residents to leave.", "other", "leaflets", "*"},
    {"bombarded_with_leaflets", "The army bombarded the district with leaflets calling on fighters to surrender.", "other", "leaflets", "*"},
    {"bombed_after_leaflets", "Jets bombed the market a day after leaflets were dropped.", "air_strike", "*", "*"},
    // "aerial and artillery bombardment": the aircraft make it an air strike
    {"aerial_and_artillery_bombardment", "The district has been under heavy aerial and artillery bombardment for weeks.", "air_strike", "*", "*"},
    {"aerial_and_ground_bombardment", "Aerial and ground bombardment continued through the night.", "air_strike", "*", "*"},
    {"ground_bombardment_is_shelling", "Heavy ground bombardment continued through the night.", "shelling", "*", "*"},
    // places lost: the other side took them; lives lost are no capture
    {"villages_were_lost", "Two villages were lost to Islamic State fighters.", "capture_of_territory", "*", "*"},
    {"lost_control", "The army lost control of the crossing.", "capture_of_territory", "*", "*"},
    {"lost_their_lives_is_no_capture", "Five fighters lost their lives in the fighting.", "clashes", "*", "*"},
    {"lost_a_named_town", "Opposition factions lost Tal Hamra on Sunday.", "capture_of_territory", "*", "*"},
    {"lost_the_town_of", "The militants lost the town of Tal Hamra after a week.", "capture_of_territory", "*", "*"},
    {"lost_to_a_rival_is_no_capture", "The senator lost to a younger rival in the primary.", "", "*", "*"},
    {"entered_the_town", "Government forces entered the town after the rebels left.", "capture_of_territory", "*", "*"},
    {"entered_the_race_is_no_capture", "The mayor entered the race in the spring.", "", "*", "*"},
    // the bombing of government positions is not from the air unless an aircraft is named
    {"bombing_of_army_positions", "Rebels claimed the bombing of army positions south of the city.", "shelling", "bombing", "*"},
    {"bombed_regime_checkpoints", "Opposition factions bombed regime checkpoints at dawn.", "shelling", "bombing", "*"},
    {"airforce_bombing_of_rebel_positions", "The airforce intensified its bombing of rebel positions.", "air_strike", "*", "*"},
    {"bombing_of_the_market", "The bombing of the market killed twelve people.", "air_strike", "*", "*"},
    {"jets_bombing_army_positions", "Israeli jets continued the bombing of army positions near the capital.", "air_strike", "*", "*"},
    {"bombing_of_regime_held_areas", "The bombing of regime-held districts killed four.", "air_strike", "*", "*"},
    // the incident phrasings of short monitoring notes (issue 16)
    // exchanges of fire with the weapons between the words
    {"exchanged_machine_gun_fire", "Army units and rebel fighters exchanged heavy machine gun fire near the mill.", "clashes", "", "*"},
    {"exchange_of_small_arms_fire", "An exchange of small arms fire was reported at the checkpoint.", "clashes", "", "*"},
    {"exchange_of_targeting", "An exchange of targeting took place between the two sides on the eastern front.", "clashes", "", "*"},
    {"exchanged_targeting", "Regime forces and the factions exchanged targeting in the old quarter.", "clashes", "", "*"},
    {"fire_exchange", "A fire exchange broke out at the edge of the farms.", "clashes", "", "*"},
    {"clashing", "Rebel factions are clashing with the militia near the silos.", "clashes", "", "*"},
    {"continued_to_fight", "Militia fighters continued to fight the jihadists around the pumping station.", "clashes", "", "*"},
    {"engaged_in_combat", "The group engaged in combat with a rival faction at the crossroads.", "clashes", "", "*"},
    // ground raids and infiltrations
    {"carried_out_a_raid", "Jihadist fighters carried out a raid in the town in search of a cell.", "clashes", "raid", "*"},
    {"raided_a_post", "Rebel fighters raided an army post at night.", "clashes", "raid", "*"},
    {"raids_alone_stay_air_raids", "Raids hit the town at dawn.", "air_strike", "*", "*"},
    {"infiltration_attempt_repelled", "The militia repelled an infiltration attempt by jihadist fighters.", "clashes", "*", "*"},
    {"infiltrated", "Jihadist fighters infiltrated army positions on the hill.", "clashes", "infiltration", "*"},
    {"ambushing", "Militants killed three soldiers after ambushing a convoy.", "clashes", "ambush", "*"},
    // fending off
    {"repel_an_attack", "Government troops managed to repel an attack on the airbase.", "clashes", "", "*"},
    {"thwarted_an_advance", "Rebels thwarted an advance by the army south of the town.", "clashes", "*", "*"},
    {"beaten_back", "The attackers were beaten back after an hour.", "clashes", "", "*"},
    // attempts made are fights that took nothing; plans are no event
    {"attempted_to_advance", "Regime forces attempted to advance on the village front.", "clashes", "attempted advance", "*"},
    {"failed_to_advance", "The militants failed to advance against the army positions.", "clashes", "attempted advance", "*"},
    {"tried_to_enter", "Turkish-backed factions tried to enter the town held by the YPG.", "clashes", "attempted advance", "*"},
    {"attempted_to_infiltrate", "Jihadist cells attempted to infiltrate the village at night.", "clashes", "infiltration", "*"},
    {"during_clashes_after_an_attempt", "Government troops attempted to advance during clashes on the southern front.", "clashes", "*", "*"},
    {"plans_to_advance_is_no_event", "Rebels plan to advance on the town.", "", "*", "*"},
    {"advance_noun_is_no_event", "The vote was announced well in advance.", "", "*", "*"},
    // shootings by an armed side
    {"snipers_targeted", "Opposition snipers targeted army positions in the town.", "other", "shooting", "*"},
    {"sniped", "A militiaman was sniped near the bridge.", "other", "shooting", "*"},
    {"gunmen_shot", "Unknown gunmen shot a local council member outside his home.", "other", "shooting", "*"},
    {"gunmen_opened_small_arms_fire", "Unidentified gunmen opened small arms fire at a militia vehicle.", "other", "shooting", "*"},
    {"shot_in_a_crime_story_is_no_event", "A man was shot in the parking lot of a store.", "", "*", "*"},
    {"brawl_between_armed_groups", "A brawl broke out between two armed groups in the market.", "clashes", "*", "*"},
    {"brawl_without_an_armed_side_is_no_event", "A brawl broke out between fans after the match.", "", "*", "*"},
    {"raid_and_arrest_operations", "Faction fighters conducted raids and arrest operations across the district.", "clashes", "offensive", "*"},
    {"fired_from_a_job_is_no_event", "The county manager was fired in September.", "", "*", "*"},
    // explosions and killings
    {"landmine", "A landmine exploded under a farmer's tractor.", "other", "explosion", "*"},
    {"grenade", "A fighter threw a grenade at a checkpoint.", "other", "explosion", "*"},
    {"svbied", "Militants drove an SVBIED into the gate of the base.", "other", "explosion", "*"},
    {"booby_trapped", "A booby trapped motorbike went off in the market.", "other", "explosion", "*"},
    {"assassination_attempt", "Gunmen tried to assassinate a faction commander.", "other", "assassination", "*"},
    {"body_found", "The body of a militia fighter was found in an olive grove.", "other", "killing", "*"},
    {"found_bodies", "Residents found two bodies in the farms.", "other", "killing", "*"},
    {"body_in_a_health_story_is_no_event", "Exercise keeps the body healthy.", "", "*", "*"},
    // generic attack verbs: clashes unless a weapon says more
    {"targeted_a_checkpoint", "Faction fighters targeted a checkpoint with heavy weapons.", "clashes", "*", "*"},
    {"destroyed_a_tank", "Rebels destroyed a tank on the front line.", "clashes", "*", "*"},
    {"ied_targeted_is_an_explosion", "An IED targeted a patrol on the highway.", "other", "explosion", "*"},
    {"drones_targeted_is_a_drone_strike", "Turkish drones targeted a car on the road.", "drone_strike", "*", "*"},
    // taking and holding ground
    {"took_the_town_of", "Government troops took the town of Tal Hamra from the militants.", "capture_of_territory", "", "*"},
    {"took_a_name_from", "The SDF took Rajm Hamad from the jihadists on Friday.", "capture_of_territory", "", "*"},
    {"managed_to_take", "The militia managed to take the hilltop after dawn.", "capture_of_territory", "", "*"},
    {"controlled_the_village", "Rebels controlled the village of Tal Kabir after a day of fighting.", "capture_of_territory", "", "*"},
    {"managed_to_control", "The fighters managed to control Tal Kabir village.", "capture_of_territory", "", "*"},
    {"achieved_partial_control", "The army achieved partial control of the town.", "capture_of_territory", "", "*"},
    {"established_control", "The factions established control over the dam.", "capture_of_territory", "", "*"},
    {"restored_control", "Rebels restored control over the village after a counter-attack.", "capture_of_territory", "*", "*"},
    {"expelled", "The militia expelled the jihadists from the village.", "capture_of_territory", "", "*"},
    {"takeover", "The group declared its takeover of the town.", "capture_of_territory", "", "*"},
    {"regain", "Government forces were able to regain the village.", "capture_of_territory", "", "*"},
    {"secured_the_town", "The army secured the town after the militants left.", "capture_of_territory", "", "*"},
    {"cleared_of_fighters", "The village was completely cleared of the militants on Friday.", "capture_of_territory", "", "*"},
    {"cleared_from_fighters", "The hills were cleared from the jihadists.", "capture_of_territory", "", "*"},
    {"cleared_a_road_is_no_capture", "Workers cleared the rubble from the road.", "", "*", "*"},
    {"took_place_is_no_capture", "A meeting of the council took place on Sunday.", "other", "talks", "*"},
    {"took_office_is_no_event", "He took office in January.", "", "*", "*"},
    {"took_him_to_hospital_is_no_event", "Neighbours took him to hospital.", "", "*", "*"},
    {"secured_a_deal_is_no_event", "The parties secured a deal after long days.", "", "*", "*"},
    {"controlled_by_is_no_capture", "The areas controlled by the militants are quiet.", "", "*", "*"},
    {"regime_controlled_is_no_capture", "The regime-controlled town was quiet.", "", "*", "*"},
    {"the_control_of_is_no_capture", "The town remains under the control of the militants.", "", "*", "*"},
    // campaigns and civil operations are no incidents
    {"fight_against_terrorism", "The minister said the fight against terrorism will go on.", "", "*", "*"},
    {"to_combat_terrorism", "The countries agreed to combat terrorism together.", "", "*", "*"},
    {"humanitarian_operation", "The agencies launched a humanitarian operation in the city.", "other", "humanitarian operation", "*"},
    {"military_operation", "The army launched a military operation east of the town.", "clashes", "offensive", "*"},
};

class TypeCases : public ::testing::TestWithParam<TypeCase> {};

TEST_P(TypeCases, Classifies) {
    const TypeCase& c = GetParam();
    const auto got = classify_event(c.sentence);
    if (std::string(c.type).empty()) {
        EXPECT_FALSE(got.has_value()) << "got " << got->type << " from '" << got->cue << "'";
        return;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->type, c.type) << "cue '" << got->cue << "'";
    if (std::string(c.subtype) != "*") {
        EXPECT_EQ(got->subtype, c.subtype) << "cue '" << got->cue << "'";
    }
    if (std::string(c.status) != "*") {
        EXPECT_EQ(got->status, c.status);
    }
    EXPECT_FALSE(got->cue.empty());
    EXPECT_NE(std::string(c.sentence).find(got->cue), std::string::npos) << "the cue is quoted as written";
    EXPECT_GT(got->confidence, 0.0);
    EXPECT_LE(got->confidence, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Sentences, TypeCases, ::testing::ValuesIn(kTypeCases),
                         [](const ::testing::TestParamInfo<TypeCase>& param_info) { return std::string(param_info.param.name); });

TEST(Classifier, CuesFromAByteKeepTheContextBeforeIt) {
    const std::string s = "Rebels exchanged fire with mortars near the village.";
    const auto from_with = classify_event(s, s.find("with"));
    ASSERT_TRUE(from_with);
    EXPECT_TRUE(from_with->supporting) << "the mortars are the weapons of the exchange: " << from_with->type;
    EXPECT_FALSE(classify_event(s)->supporting);
    EXPECT_EQ(classify_event(s)->type, "clashes");

    const std::string two = "Jets struck Saraqib and artillery shelled Binnish.";
    EXPECT_EQ(classify_event(two)->type, "air_strike");
    EXPECT_EQ(classify_event(two, two.find("artillery"))->type, "shelling");
    EXPECT_FALSE(classify_event(two, two.size()).has_value()) << "no cue at or after the end";

    const std::string aim = "Fighters massed near the airport in a bid to capture the town near Saraqib.";
    const auto tail = classify_event(aim, aim.find("capture"));
    EXPECT_FALSE(tail.has_value()) << "the aim stays an aim when only its words are asked about";
}

TEST(Classifier, CueIsTheWordsAsWrittenIncludingGaps) {
    const auto c = classify_event("The army took full control of the town.");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->cue, "took full control");
}

TEST(Classifier, SupportingPhraseAloneHasLowerConfidence) {
    const auto supporting = classify_event("The operation was backed by Russian air strikes.");
    const auto direct = classify_event("Russian air strikes hit the town.");
    ASSERT_TRUE(supporting && direct);
    EXPECT_LT(supporting->confidence, direct->confidence);
}

struct ActorCase {
    const char* name;
    const char* sentence;
    std::vector<std::string> actors;
};

std::ostream& operator<<(std::ostream& out, const ActorCase& c) { return out << c.name; }

const ActorCase kActorCases[] = {
    {"adjective_and_head", "Russian warplanes struck the town.", {"Russian warplanes"}},
    {"two_phrases", "Syrian government forces and allied militias advanced on the hill.", {"Syrian government forces", "allied militias"}},
    {"article_kept_for_lone_head", "The army said it had repelled the attack.", {"The army"}},
    {"hyphenated_modifier", "Pro-government forces shelled the village.", {"Pro-government forces"}},
    {"group_with_head", "US-led coalition warplanes bombed the bridge.", {"US-led coalition warplanes"}},
    {"named_group_and_acronym", "Islamic State fighters attacked YPG positions.", {"Islamic State fighters", "YPG"}},
    {"acronym_needs_capitals", "The town is held by IS after the army withdrew.", {"IS", "the army"}},
    {"group_and_acronym_in_brackets", "Hayat Tahrir al-Sham (HTS) claimed the attack.", {"Hayat Tahrir al-Sham", "HTS"}},
    {"possessor_not_part", "Lebanon's Hezbollah and Iranian-backed militias joined the battle.", {"Hezbollah", "Iranian-backed militias"}},
    {"held_is_not_an_actor", "Shells hit government-held areas and rebel-held districts.", {}},
    {"anti_aircraft_is_not_an_actor", "Anti-aircraft guns were moved to the base.", {}},
    {"dedup_case_insensitive", "Rebels said rebels from the north had arrived.", {"Rebels"}},
    {"weak_head_with_verb", "The Turkish military said two soldiers were killed.", {"Turkish military", "soldiers"}},
    {"weak_head_as_modifier", "Shells hit a military post near the government hospital.", {}},
    {"weak_head_before_event_noun", "Russian-Syrian regime airstrikes hit the town.", {"Russian-Syrian regime"}},
    {"coordinated_demonyms", "Syrian and Russian warplanes pounded the area.", {"Syrian and Russian warplanes"}},
    {"group_then_coordinated_phrase", "Hezbollah and Iranian militias moved in.", {"Hezbollah", "Iranian militias"}},
    {"spelling_variant", "Jabhat Fatah al Sham and Ahrar al-Sham fighters took the base.", {"Jabhat Fatah al Sham", "Ahrar al-Sham fighters"}},
    {"opposition_fighters", "Opposition fighters ambushed a convoy.", {"Opposition fighters"}},
    {"long_group_name", "Fighters from the National Front for Liberation shelled the town.", {"Fighters", "National Front for Liberation"}},
    {"free_syrian_army_rebels", "Free Syrian Army rebels entered the town.", {"Free Syrian Army rebels"}},
    {"weekday_not_a_modifier", "On Monday government troops took the hill.", {"government troops"}},
    {"factions_and_cells", "Turkish-backed factions clashed with ISIS cells.", {"Turkish-backed factions", "ISIS cells"}},
    {"no_actor", "Three civilians were killed in the town.", {}},
};

class ActorCases : public ::testing::TestWithParam<ActorCase> {};

TEST_P(ActorCases, FindsActors) { EXPECT_EQ(find_actors(GetParam().sentence), GetParam().actors); }

INSTANTIATE_TEST_SUITE_P(Sentences, ActorCases, ::testing::ValuesIn(kActorCases),
                         [](const ::testing::TestParamInfo<ActorCase>& param_info) { return std::string(param_info.param.name); });

struct CasualtyCase {
    const char* name;
    const char* sentence;
    long killed, injured, displaced;  // -1 = none stated
    const char* text;
};

std::ostream& operator<<(std::ostream& out, const CasualtyCase& c) { return out << c.name; }

const CasualtyCase kCasualtyCases[] = {
    {"killing_n", "Jets struck the market, killing 12.", 12, -1, -1, "killing 12"},
    {"at_least_word_number_passive", "At least five civilians were killed in the raid.", 5, -1, -1, "At least five civilians were killed"},
    {"n_dead", "The clashes left 12 dead.", 12, -1, -1, "12 dead"},
    {"killed_n_people", "The strike killed two people.", 2, -1, -1, "killed two people"},
    {"killed_and_injured_with_separators", "Nearly 1,000 militants were killed and over 2,000 injured.", 1000, 2000, -1,
     "Nearly 1,000 militants were killed and over 2,000 injured"},
    {"vague_injured_keeps_text", "Shells hit the school, wounding several civilians.", -1, -1, -1, "wounding several civilians"},
    {"displaced_more_than", "More than 40,000 have been displaced.", -1, -1, 40000, "More than 40,000 have been displaced"},
    {"a_child", "A child was killed by sniper fire.", 1, -1, -1, "A child was killed"},
    {"dozens_vague", "Dozens were killed in the bombardment.", -1, -1, -1, "Dozens were killed"},
    {"including_is_not_the_total", "Twelve people, including three children, were killed.", 12, -1, -1, "*"},
    {"killed_and_wounded_active", "The blast killed 5 and wounded 12 others.", 5, 12, -1, "killed 5 and wounded 12 others"},
    {"death_toll", "The death toll rose to 30 on Tuesday.", 30, -1, -1, "death toll rose to 30"},
    {"date_is_not_a_count", "Four soldiers were killed on 31 July.", 4, -1, -1, "Four soldiers were killed"},
    {"year_is_not_a_count", "Those killed in 2016 were buried in the park.", -1, -1, -1, ""},
    {"hyphenated_number_word", "Twenty-five fighters died in the ambush.", 25, -1, -1, "Twenty-five fighters died"},
    {"hundred", "Two hundred families fled the village.", -1, -1, 200, "*"},
    {"a_dozen", "A dozen fighters were wounded.", -1, 12, -1, "A dozen fighters were wounded"},
    {"forced_to_flee", "The offensive forced 3,000 families to flee.", -1, -1, 3000, "*"},
    {"no_casualties", "Rebels captured the hill on Sunday.", -1, -1, -1, ""},
    {"fatalities_after_in", "Clashes on the front resulted in 4 fatalities.", 4, -1, -1, "4 fatalities"},
    {"shot_dead_person_phrase", "Gunmen shot dead a former rebel commander.", 1, -1, -1, "shot dead a former rebel commander"},
    {"executed_n", "Militants executed 12 people in the square.", 12, -1, -1, "executed 12 people"},
    {"people_noun_after_group_name", "Militants attacked a checkpoint, killing two SDF members.", 2, -1, -1, "killing two SDF members"},
    {"coordinated_amounts_add_up", "A woman and two children were killed when a shell hit the house.", 3, -1, -1,
     "A woman and two children were killed"},
    {"injured_before_killed", "Seven people were injured and one was killed.", 1, 7, -1, "*"},
};

class CasualtyCases : public ::testing::TestWithParam<CasualtyCase> {};

std::optional<long> stated(long n) { return n < 0 ? std::nullopt : std::optional<long>(n); }

TEST_P(CasualtyCases, FindsFigures) {
    const CasualtyCase& c = GetParam();
    const Casualties got = find_casualties(c.sentence);
    EXPECT_EQ(got.killed, stated(c.killed)) << got.text;
    EXPECT_EQ(got.injured, stated(c.injured)) << got.text;
    EXPECT_EQ(got.displaced, stated(c.displaced)) << got.text;
    if (std::string(c.text) != "*") {
        EXPECT_EQ(got.text, c.text);
    } else {
        EXPECT_FALSE(got.text.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(Sentences, CasualtyCases, ::testing::ValuesIn(kCasualtyCases),
                         [](const ::testing::TestParamInfo<CasualtyCase>& param_info) { return std::string(param_info.param.name); });

TEST(Classifier, AnyBytesNeitherThrowNorReadOutside) {
    // Fuzz-style: random bytes and random mixes of cue words (run under the sanitizer build
    // this also checks bounds).
    const char* vocabulary[] = {"killed", "were", "12", "1,000", "at", "least", "air", "strikes", "backed", "by", "Russian",
                                "jets", "IS", "al", "-", "Sham", "took", "control", ",", ".", "\xE2\x80\x99s", "\xE2\x80",
                                "including", "three", "twenty", "hundred", "a", "child", "toll", "rose", "to", "anti"};
    std::mt19937 rng(17022020);
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const int n = static_cast<int>(rng() % 14);
        for (int k = 0; k < n; ++k) {
            if (round % 3 == 0) {
                s.push_back(static_cast<char>(rng() % 256));
            } else {
                s += vocabulary[rng() % (sizeof vocabulary / sizeof *vocabulary)];
                if (rng() % 3 != 0) s += ' ';
            }
        }
        ASSERT_NO_THROW({
            const auto c = classify_event(s);
            if (c) {
                EXPECT_NE(s.find(c->cue), std::string::npos) << s;
            }
            for (const std::string& a : find_actors(s)) EXPECT_NE(s.find(a), std::string::npos) << s;
            const Casualties k = find_casualties(s);
            if (k.killed) {
                EXPECT_GE(*k.killed, 0) << s;
            }
        }) << s;
    }
}

}  // namespace
