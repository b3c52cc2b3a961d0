"""The red-flag lexicon: how runners write warning signs, grouped by category and severity.

Each sign is one or more patterns over normalised text (lower case, apostrophes dropped, one space
between words, so "can't" is "cant"). ``{NAME}`` stands for a word group below and ``…`` for a gap of
up to three words. A sign with several patterns needs all of them somewhere in the message (e.g.
drinking a lot of water *and* vomiting). Misspellings of words of five letters or more are fixed
before matching (see :data:`FUZZY_WORDS`); shorter ones are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    DOCTOR_OR_PHYSIO = 1  # see a doctor or physio before running again
    DOCTOR_TODAY = 2
    EMERGENCY = 3


@dataclass(frozen=True, slots=True)
class Sign:
    category: str
    severity: Severity
    label: str  # what the banner names, e.g. "chest pain"
    patterns: tuple[str, ...]


E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

GROUPS: dict[str, str] = {
    "CANT": r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to|wasnt able to|struggling to|struggled to)",
    "PAIN": r"(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|sore|soreness|throbbing|throbs)",
    "CHEST": r"(?:chest|sternum|breastbone)",
    "CHEST_FEEL": r"(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|tight|tightness|tightening|heavy|"
    r"heaviness|pressure|squeezing|squeeze|squeezed|crushing|crushed|discomfort|burning|stabbing|sharp)",
    "URINE": r"(?:urine|pee|wee|wees|piss|urinating|peeing|weeing)",
    "DARK": r"(?:dark(?! yellow| orange| amber)|brown|brownish|black|blackish|rusty|rust)",
    "DRINK_COLOUR": r"(?:cola|coke|coca cola|tea|coffee|guinness|port|red wine)",
    "CONFUSED": r"(?:confused(?! (?:about|by|as to|why|what|which|how|whether|over|with|on|if|regarding|re)\b)|"
    r"confusion(?! (?:about|over|with|on|regarding|as to|between)\b)|disorientated|disoriented|disorientation|"
    r"delirious|muddled|talking nonsense|(?:cant|couldnt|cannot|not able to) think (?:straight|clearly)|"
    r"not thinking (?:straight|clearly)|talking gibberish|making no sense|made no sense|not making sense|"
    r"didnt make sense|didnt know where (?:i|he|she|they) (?:was|were)|didnt know who|"
    r"couldnt remember (?:my|his|her|where|who|what day))",
    "VOMIT": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|throw up|being sick|been sick|was sick|"
    r"keep being sick|puking|puked|puke|nausea|nauseous|nauseated|feel sick|feeling sick|felt sick)",
    "VOMITING": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|throw up|being sick|been sick|puking|puked)",
    "HEADACHE": r"(?:headache|headaches|head ache|migraine|head pain|head hurts|head is pounding|pounding head|"
    r"head (?:is |was )?(?:throbbing|splitting)|(?:my )?head hurt)",
    "CALF": r"(?:calf|calves|lower leg|one leg|leg)",
    "SWELL": r"(?:swollen|swelling|swelled|puffy|bigger|fatter)",
    "PERIOD": r"(?:period|periods|cycle|menstruation|menstrual cycle|time of the month)",
    "HOT": r"(?:heat|hot|sun|sunny|humid|humidity|heatwave|degrees|scorching|boiling|sweltering|overheated|"
    r"overheating|overheat)",
    "TRAVEL": r"(?:flight|flew|flying|plane|long haul|car journey|long drive|drive home|travel|travelling|traveling|"
    r"train journey|coach trip|bus journey)",
    "WATER_LOTS": r"(?:(?:drank|drink|drinking|downed|chugged|had|gulped|drunk) (?:\S+ ){0,4}?(?:loads|lots|a lot|"
    r"a ton|tons|litres|liters|gallons|bottles|way too much|too much|so much|plenty|heaps|pints)|"
    r"(?:loads|lots|a lot|tons|litres|liters|too much|so much|heaps) of (?:\S+ )?water|"
    r"water (?:\S+ )?(?:at )?every (?:station|stop|aid station|table|mile|km|drinks station)|"
    r"(?:drank|drink|drinking|had|stopped) (?:\S+ ){0,2}(?:at |from )?every (?:water|aid|drinks?)"
    r" (?:stop|station|table)|"
    r"water (?:nonstop|non stop|constantly|all day|all the way)|overdrank|overdrink|overdrinking|overdrunk|"
    r"overhydrated|overhydrating|overhydration)",
}

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- cardiac -----------------------------------------------------------------------------------
    Sign("cardiac", E, "chest pain", (
        r"{CHEST} (?:\S+ ){0,3}?{CHEST_FEEL}"
        r"|{CHEST_FEEL} (?:feeling |sensation )?(?:in|across|on|around|at) (?:the (?:middle|centre|center|left side"
        r"|left|front) of )?(?:\S+ ){0,3}?{CHEST}"
        r"|(?:tight|heavy|crushing|squeezing) {CHEST}"
        r"|heart attack|angina",
    )),
    Sign("cardiac", E, "pain spreading to the arm or jaw", (
        r"(?:{PAIN}|{CHEST_FEEL}|{CHEST}) (?:\S+ ){0,3}(?:spreading|spread|going|radiating|shooting|moving)"
        r" (?:\S+ ){0,3}(?:arm|jaw)",
    )),
    Sign("cardiac", T, "palpitations", (
        r"palpitations?|arrhythmias?|afib|atrial fibrillation|ectopics?|ectopic beats?"
        r"|heart(?:beat)? (?:\S+ ){0,3}?(?:fluttering|flutters|fluttered|flutter|skipping|skipped|skips|missing beats"
        r"|jumping|flipping|flip flopping|irregular|erratic|all over the place|out of rhythm|going mad|bouncing)"
        r"|(?:skipped|skipping|missed|missing|extra|dropped) (?:a )?(?:heart ?)?beats?"
        r"|irregular (?:heart ?beat|heartbeat|pulse|heart rate|rhythm|heart rhythm)s?"
        r"|heart (?:\S+ ){0,3}?(?:racing|raced|pounding|pounded|thumping|hammering|banging) (?:\S+ ){0,6}?(?:after i"
        r" stopped|after stopping|even after|at rest|while resting|when resting|sitting|lying|in bed|out of nowhere"
        r"|for no reason|wouldnt slow|wont slow|didnt slow|wouldnt settle|wont settle|cooling down|cool down)"
        r"|(?:out of nowhere|for no reason|at rest|while resting|sitting still|lying in bed) (?:\S+ ){0,4}heart"
        r" (?:\S+ ){0,3}(?:racing|raced|pounding|thumping|hammering)",
    )),
    # --- breathing ---------------------------------------------------------------------------------
    Sign("breathing", E, "trouble breathing", (
        r"{CANT} (?:\S+ ){0,1}(?:breathe|breath|breathing|get (?:any |enough )?air)"
        r"|(?:short|out) of breath (?:\S+ ){0,3}(?:at rest|lying|sitting|resting|in bed|while resting|on the sofa)"
        r"|(?:lips|face|fingers) (?:\S+ ){0,2}(?:blue|grey|gray)"
        r"|throat (?:\S+ ){0,5}?(?:closing|swelling|swelled|swollen|closed)",
    )),
    Sign("breathing", T, "breathlessness", (
        r"short(?:ness)? of breath|breathlessness|wheezing|wheezy|wheeze"
        r"|(?:trouble|difficulty|problems?) (?:with )?breathing|hard to breathe"
        r"|{CANT} catch (?:my |his |her )?breath"
        r"|breathless (?:\S+ ){0,4}?(?:easy|slow|walking|stairs|rest|every run|all the time|lately|recently|lying"
        r"|sitting|for days|for weeks)"
        r"|(?:walking|stairs|easy runs?|easy pace|slow runs?|at rest) (?:\S+ ){0,3}(?:breathless|out of breath)",
    )),
    # --- neurological ------------------------------------------------------------------------------
    Sign("neurological", E, "a sudden severe headache", (
        r"(?:sudden|suddenly|severe|worst|thunderclap|excruciating|blinding|explosive|agonising|agonizing|intense"
        r"|horrendous|crippling) (?:\S+ ){0,3}?{HEADACHE}"
        r"|{HEADACHE} (?:\S+ ){0,4}?(?:suddenly|out of nowhere|thunderclap|of my life|exploded|like being hit)",
    )),
    Sign("neurological", E, "confusion", ("{CONFUSED}",)),
    Sign("neurological", E, "slurred speech or a drooping face", (
        r"slurr(?:ed|ing|y) (?:\S+ ){0,2}(?:speech|words|talking)?|speech (?:\S+ ){0,2}(?:slurred|garbled)"
        r"|(?:words|speech|talking) (?:\S+ ){0,2}(?:funny|jumbled|garbled|slurred)"
        r"|couldnt (?:speak|get my words out)"
        r"|face (?:\S+ ){0,2}(?:droop|drooped|drooping|dropped|sagging|sagged)|droop(?:ing|ed|y)? (?:\S+ ){0,2}face",
    )),
    Sign("neurological", E, "weakness or numbness on one side", (
        r"(?:one|left|right) side of (?:my |his |her |the )?(?:body|face) (?:\S+ ){0,3}(?:weak|numb|dead|droop"
        r"|drooped|wouldnt move|went|gone)"
        r"|(?:weakness|weak|numbness|numb|no strength) (?:in |down )?(?:my |his |her |the )?(?:left|right|one)"
        r" (?:arm|hand|side)"
        r"|(?:couldnt|cant|cannot|unable to) (?:lift|move|raise) (?:my |his |her )?(?:left |right )?(?:arm|hand)",
    )),
    Sign("neurological", E, "a seizure", (r"seizures?|(?:had|having) a fit|fitting|convulsions?|convulsing",)),
    Sign("neurological", E, "sudden change in vision", (
        r"(?:blurred|blurry|double|lost (?:my )?|loss of) vision|vision (?:\S+ ){0,2}(?:went|blurred|blurry|gone)"
        r"|went blind",
    )),
    # --- nerves --------------------------------------------------------------------------------------
    Sign("nerve", E, "numbness in the saddle area or bladder or bowel changes", (
        r"numb(?:ness)? (?:\S+ ){0,3}(?:groin|crotch|genitals|privates|bum|buttocks|bottom|inner thighs"
        r"|between (?:my|the) legs|saddle)|saddle (?:area |region )?(?:numbness|numb|anaesthesia|anesthesia)"
        r"|(?:loss of|lost|losing|lose|no|cant|cannot|couldnt) (?:\S+ ){0,2}(?:bladder|bowel) control"
        r"|{CANT} (?:\S+ ){0,1}(?:control|hold) (?:my )?(?:bladder|bowels?|pee|wee|urine|poo)"
        r"|(?:trouble|difficulty|problems) (?:\S+ ){0,1}(?:peeing|weeing|urinating|passing urine)"
        r"|incontinen(?:ce|t)|wet myself",
    )),
    Sign("nerve", P, "numbness or tingling", (
        r"numb|numbness|numbed|tingle|tingles|tingling|tingled|tingly|pins (?:and|n) needles"
        r"|(?:no|lost|lose|losing|loss of|not much|little|without|zero) (?:any )?(?:feeling|sensation) (?:in|on)"
        r"|{CANT} (?:feel|sense) (?:my |the |any |his |her )?(?:\S+ )?(?:foot|feet|toes?|legs?|hands?|fingers?|heels?"
        r"|arms?)|(?:dead|deadness) (?:feeling )?in (?:my )?(?:foot|toes|leg|hand)",
    )),
    # --- collapse ----------------------------------------------------------------------------------
    Sign("collapse", E, "collapse or fainting", (
        r"collaps(?:e|ed|es|ing)(?! (?:on|onto|into|in) (?:the |my |a )?(?:sofa|couch|bed|chair|settee|armchair))"
        r"|faint(?:ed|ing|s)|(?:felt|feel|feeling|went|go|going|nearly|almost|about to|was) faint"
        r"|pass(?:ed|ing|es)? out|black(?:ed|ing|s)? out|blackout"
        r"|(?:everything|it all|world|vision|it) went (?:black|dark|grey|gray|white)"
        r"|lost consciousness|loss of consciousness|unconscious|unresponsive|not responding|isnt responding"
        r"|wasnt responding|came to (?:on|in|with)|woke up (?:on the ground|on the floor|with (?:medics|paramedics)"
        r"|in (?:the|an) (?:medical tent|ambulance))"
        r"|went down (?:at|near|just|mid|during|hard|on the (?:ground|floor|track|road))|hit the deck",
    )),
    Sign("collapse", T, "dizziness", (
        r"dizzy|dizziness|light ?headed|light ?headedness|woozy|room (?:was )?spinning|vertigo",
    )),
    # --- heat illness ------------------------------------------------------------------------------
    Sign("heat", E, "signs of heat stroke", (
        r"heat ?stroke|heat exhaustion|sun ?stroke|hyperthermia|heat illness"
        r"|(?:stopped|stop|stops|no longer|not) sweating|skin (?:\S+ ){0,2}(?:hot and dry|dry and hot|burning hot"
        r"|red hot)|hot dry skin|(?:temp|temperature) (?:\S+ ){0,3}(?:through the roof|sky high|4[0-2])",
    )),
    Sign("heat", E, "signs of heat stroke", (
        "{HOT}",
        r"{CONFUSED}|collaps(?:e|ed|ing)|pass(?:ed)? out|stumbling|staggering|wobbling|talking nonsense|{VOMITING}"
        r"|(?:felt|feel|feeling) (?:strange|weird|odd)|couldnt cool down|cant cool down",
    )),
    # --- hyponatraemia -----------------------------------------------------------------------------
    Sign("hyponatraemia", E, "signs of drinking too much water", (
        r"hyponatra?emi[ac]|hyponatraemic|hyponatremic|water intoxication|low sodium|low blood sodium",
    )),
    Sign("hyponatraemia", E, "signs of drinking too much water", (
        "{WATER_LOTS}",
        r"{VOMIT}|{HEADACHE}|{CONFUSED}|bloated|bloating|(?:hands|fingers) (?:\S+ ){0,2}(?:swollen|puffy)"
        r"|swollen (?:hands|fingers)|rings? (?:\S+ ){0,2}(?:too )?tight",
    )),
    # --- rhabdomyolysis ----------------------------------------------------------------------------
    Sign("rhabdo", T, "dark urine", (
        r"{DARK} (?:\S+ ){0,2}?(?:coloured |colored |color |colour )?{URINE}"
        r"|{URINE} (?:\S+ ){0,4}?{DARK}"
        r"|{URINE} (?:\S+ ){0,4}?(?:like|colour of|color of|coloured|colored) (?:\S+ ){0,1}{DRINK_COLOUR}"
        r"|{DRINK_COLOUR} (?:coloured|colored|color|colour) {URINE}"
        r"|{URINE} (?:\S+ ){0,3}?{DRINK_COLOUR} (?:coloured|colored|color|colour)"
        r"|rhabdo|rhabdomyolysis",
    )),
    # --- blood clot --------------------------------------------------------------------------------
    Sign("clot", T, "a swollen, warm calf", (
        r"blood clot|clot|clots|dvt|deep vein thrombosis|thrombosis|embolism"
        r"|one (?:leg|calf) (?:is )?(?:much |a lot )?(?:more swollen|bigger|fatter|thicker)",
    )),
    Sign("clot", T, "a swollen, warm calf", (
        r"{CALF} (?:\S+ ){0,4}?{SWELL}|{SWELL} (?:\S+ ){0,2}?{CALF}",
        r"warm|hot|red|redness|{TRAVEL}",
    )),
    # --- bone stress -------------------------------------------------------------------------------
    Sign("bone-stress", P, "signs of a bone stress injury", (
        r"stress (?:fractures?|reactions?|injur(?:y|ies))|bone stress|fractur(?:e|ed|es)|cracked (?:a )?bone"
        r"|broken (?:bone|toe|foot|ankle|leg|metatarsal|hip|shin)"
        r"|(?:pinpoint|one spot|a spot|tender spot|specific spot|single spot|one point) (?:\S+ ){0,5}?(?:bone"
        r"|tender\w*|{PAIN})"
        r"|{PAIN} (?:\S+ ){0,3}(?:when|if) i (?:press|push|touch|prod)"
        r"|bone (?:pain|ache|aches|aching|hurts|is sore|tender\w*)|(?:pain|tender\w*|sore) (?:on|in) (?:the |my )?"
        r"(?:\S+ )?bone|{PAIN} (?:\S+ ){0,3}(?:hop|hopping|hops)|(?:hop|hopping) (?:\S+ ){0,4}(?:hurts|pain"
        r"|painful|sore)",
    )),
    Sign("bone-stress", P, "pain at rest or at night", (
        r"night pain|{PAIN} (?:\S+ ){0,4}?(?:at night|in the night|during the night|in bed|at rest|when resting"
        r"|when i rest|while resting|sitting still)|{PAIN} (?:\S+ ){0,5}?(?:wakes|woke|waking|wake) me"
        r"|(?:woken|woke|wakes|waking) (?:me )?(?:up )?(?:by|with|from|because of) (?:the |my )?{PAIN}",
    )),
    Sign("bone-stress", P, "pain that keeps getting worse", (
        r"{PAIN} (?:\S+ ){0,5}?(?:getting|gets|got|growing|keeps getting|keep getting) worse"
        r"|worsening (?:\S+ ){0,2}(?:pain|ache)|{PAIN} (?:\S+ ){0,5}?(?:worse and worse|worse every|worse each)",
    )),
    Sign("bone-stress", P, "pain when walking", (
        r"{PAIN} (?:\S+ ){0,2}?(?:to walk\b|to walk on|when (?:i )?walk(?:ing)?\b|while walking|walking on it"
        r"|(?:even|just) (?:to )?walk(?:ing)?\b)",
    )),
    # --- acute tendon or ligament injury -----------------------------------------------------------
    Sign("tendon-ligament", P, "a pop or snap", (
        r"(?:heard|felt|hear|feel) (?:a |an |this |something |like a )?(?:loud |audible |big |sudden |sort of )?"
        r"(?:pop|popp|snap|crack|ping|tear|rip)\b"
        r"|something (?:\S+ ){0,1}(?:popped|snapped|went pop|went snap|tore|ripped|gave way)"
        r"|(?:went|goes|gone) (?:pop|snap|ping)|(?:achilles|tendon|hamstring|calf|knee|acl|ligament) (?:\S+ ){0,2}"
        r"(?:snapped|popped|ruptured|tore)"
        r"|(?:kicked|hit) (?:me )?(?:in )?(?:the )?back of (?:my |the )?(?:leg|ankle|calf|heel)"
        r"|(?:like|as if) (?:someone|somebody) (?:kicked|hit|shot)|ruptur(?:e|ed|es)"
        r"|(?:torn|tore) (?:my |an |a )?(?:acl|ligament|achilles|tendon|meniscus|hamstring|calf)",
    )),
    Sign("tendon-ligament", P, "can't push off or go up on your toes", (
        r"{CANT} (?:\S+ ){0,1}(?:push off|go up on (?:my )?(?:toes|tiptoes?|tip toes)|stand on (?:my )?"
        r"(?:toes|tiptoes?)|go on (?:my )?(?:toes|tiptoes?))",
    )),
    Sign("tendon-ligament", P, "a knee that locks or gives way", (
        r"(?:knee|ankle) (?:\S+ ){0,3}?(?:locks|locking|locked|lock|gives way|gave way|giving way|gives out|gave out"
        r"|buckles|buckled|buckling|unstable|keeps going)"
        r"|(?:locking|giving way|gave way|buckling) (?:\S+ ){0,2}knee",
    )),
    Sign("tendon-ligament", P, "can't bear weight or walk", (
        r"{CANT} (?:\S+ ){0,1}(?:put|bear|take) (?:any |much )?weight|non weight bearing"
        r"|{CANT} (?:\S+ ){0,2}(?:walk\b|stand up|stand on it|stand on my)"
        r"|(?:can|could) (?:barely|hardly|only just) (?:walk|stand)|limping badly",
    )),
    Sign("tendon-ligament", P, "sudden heavy swelling", (
        r"(?:swelled|swelling|swollen|ballooned|blew up) (?:up )?(?:\S+ ){0,1}?(?:massively|straight away"
        r"|immediately|instantly|like a balloon|badly|a lot|huge|hugely)|swelled up"
        r"|(?:badly|massively|hugely|really|very|super|so|severely|extremely) swollen"
        r"|(?:severe|massive|huge|lots of|a lot of|loads of|significant) swelling"
        r"|(?:the )?size of an? (?:melon|golf ball|tennis ball|orange|grapefruit|balloon|egg|cricket ball)",
    )),
    # --- low energy availability -------------------------------------------------------------------
    Sign("low-energy", P, "missed periods or repeated bone injuries", (
        r"{PERIOD} (?:\S+ ){0,3}?(?:stopped|stop|gone|went away|disappeared|vanished|missing|irregular)"
        r"|(?:missed|missing|lost|no|not had|havent had|hasnt had|havent got|skipped|skipping) (?:\S+ ){0,2}?{PERIOD}"
        r"|amenorrh(?:o)?ea|amenorrhoea|\bred s\b|relative energy deficiency|low energy availability"
        r"|female athlete triad"
        r"|(?:keep getting|another|second|third|fourth|multiple|repeated|recurrent|recurring|several|two|three)"
        r" (?:\S+ ){0,2}?(?:stress fractures?|bone stress injur(?:y|ies)|stress reactions?)",
    )),
    # --- bleeding ----------------------------------------------------------------------------------
    Sign("bleeding", T, "blood where it shouldn't be", (
        r"blood (?:\S+ ){0,1}in (?:my |the |his |her )?(?:\S+ )?(?:urine|pee|wee|poo|poop|stool|stools|vomit|sick"
        r"|spit|phlegm|mucus|it)"
        r"|(?:peeing|pissing|weeing|passing|pooing|pooping|coughed up|coughing up|cough up|vomited|vomiting|threw up"
        r"|throwing up|spat|spitting|sick) (?:\S+ ){0,1}blood"
        r"|(?:bloody|red|pink|blood stained|bloodstained) (?:\S+ ){0,1}(?:urine|pee|wee|stool|stools|poo|poop"
        r"|diarrhoea|diarrhea|vomit|sick)"
        r"|{URINE} (?:\S+ ){0,2}?(?:red|pink|bloody)"
        r"|bleeding from (?:my |the |his |her )?(?:bum|backside|bottom|rectum|anus|mouth|ears?|behind)"
        r"|(?:bleeding|bleed|bleeds) (?:\S+ ){0,3}(?:wont stop|wouldnt stop|doesnt stop|a lot|heavily|badly|loads)"
        r"|(?:heavy|heavily|lots of|a lot of|loads of) (?:bleeding|blood)|blood everywhere|rectal bleeding"
        r"|haematuria|hematuria",
    )),
    # --- fever / infection -------------------------------------------------------------------------
    Sign("infection", T, "fever or infection", (
        r"(?<!hay )(?<!cabin )(?<!race )(?<!marathon )(?<!running )(?<!spring )(?<!gold )(?<!club )"
        r"(?:fever|fevers|feverish)(?! (?:pitch|dream)s?)"
        r"|(?:high|a|running a|got a) (?:temperature|temp)(?! (?:outside|today|drop))|(?:temp|temperature) (?:of )?"
        r"(?:3[89]|40)|chills|night sweats|shivering (?:\S+ ){0,3}(?:temp|temperature|fever|unwell|ill)"
        r"|infected|infection|pus|oozing|red streaks?|redness (?:\S+ ){0,2}spreading|cellulitis",
    )),
)

# fmt: on

# Words of five letters or more that a misspelling is corrected to (edit distance 1, transpositions
# included). Shorter words are too easily mistaken for others, so their misspellings are in the patterns.
FUZZY_WORDS: frozenset[str] = frozenset(
    """
    chest sternum breastbone pains painful hurts hurting aches aching tight tightness heavy pressure squeezing
    crushing discomfort palpitation palpitations arrhythmia fibrillation fluttering flutters skipping skipped
    irregular racing pounding breathe breath breathing shortness breathless breathlessness wheezing struggling
    sudden suddenly severe headache headaches migraine thunderclap excruciating blinding confused confusion
    disorientated disoriented disorientation delirious muddled nonsense slurred slurring speech drooping
    weakness seizure seizures convulsions blurred blurry vision numbness tingling tingle tingles tingly needles
    feeling sensation bladder bowel control incontinence collapse collapsed collapsing fainted fainting passed
    blacked blackout unconscious consciousness unresponsive responding dizzy dizziness lightheaded woozy
    spinning vertigo stroke heatstroke exhaustion sweating stumbling staggering hyponatraemia hyponatremia
    sodium litres liters drinking drank overdrank vomit vomiting vomited throwing nausea nauseous puking bloated
    swollen swelling urine peeing weeing brown brownish black coloured colored colour color rhabdo
    rhabdomyolysis thrombosis embolism flight travelling calves fracture fractures fractured stress reaction
    pinpoint tender tenderness hopping night resting worse worsening getting snapped popped ruptured rupture
    achilles tendon ligament hamstring locking locked buckles buckled buckling unstable weight barely limping
    massively swelled periods period stopped missed amenorrhea amenorrhoea menstruation bleeding blood bloody
    stool coughed coughing fever fevers feverish temperature chills shivering infected infection oozing streak
    redness cellulitis
    """.split()
)

# Common English words one edit away from a lexicon word ("never" is not "fever", "looked" is not "locked"):
# never corrected. Listed from the 30,000 most frequent English words.
NOT_TYPOS: frozenset[str] = frozenset(
    """
    acres acting alight alves arches ashes backed barley bender betting binding blacks blank blending blight
    blinking block blocked blocking blond bloods bloom blown bowed bowels bowen bower bracing breach breaching
    breadth breathed breather breathes breaths breeding brine brood browne browns brows brushing buckle buckley
    caves cheat chess chests childs chill chilli chilly ching chopping clocked collapses colon colors colours
    confuse confuses conor controls crank crashing crest crown cushing delicious docked docking drink drooling
    dropping drown drunk dwelling eight facing feeding feelin feelings fender fewer fight flattering flights
    floated flood flurry flutter founding frank fright frown fueling gains gassed gender gettin grown halves
    healy height hills hoping hopped horse huddled hunting hunts hurling hurst infections infested injected
    injection jingle kissed knight lacked lacking ladder lender letting lever levers licked licking ligaments
    light liners liter litre lizzy locke locker looked looking mains messed might migraines mingle misled misses
    misused mocked mocking morse needle needless nesting netting never nights norse pacing paine paint painted
    painting paints pairs passer passes passively pasted paused pawns peeling peering peking petting pinning
    pissed plains plight podium poking popping prank pressured pressures propped racking raging rains raping
    rapture rarely rating raving reactions redress reeling render renting revere right rocked rocking rounding
    rushing seating seeing selling sender sensations setting sever severed severn shelled shelling shipped
    shipping shopped shopping sight single singles sipping skipper slack slapped slight slipped slipping smelled
    smelling snapper sounding spanning spelled spelling spurred steak stepped stoke stood stools stoop stopper
    streaks stream strike strokes swapped swearing tainted tangle temperatures tended tenders tendons testing
    tights tinder topped topping towel tracing traveling tumbling valves vetting visions vowel weeping weigh
    weighs weights wheeling whopping wight woody worsen worst wounding wreath wright
    """.split()
)
