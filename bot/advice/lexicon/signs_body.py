"""Heat illness, hypothermia, hyponatraemia, low blood sugar in diabetes, muscle breakdown, kidneys, bleeding
and infection.

Sources: NHS "Heat exhaustion and heatstroke" (999 if not sweating, confused, a fit, unresponsive) and ACSM's
exertional heat illness consensus (2021); NHS "Hypothermia" (999: confusion, slurred speech, shivering that
stops); the 3rd International Exercise-Associated Hyponatremia Consensus (2015); NHS "Low blood sugar
(hypoglycaemia)" (999 if treatment is not working, confusion, unconsciousness); NHS "Rhabdomyolysis" and the
exertional rhabdomyolysis guideline (O'Connor 2020); NHS "Blood in urine" and "Kidney infection"; NHS "High
temperature (fever) in adults", "Cellulitis" and "Meningitis".
"""

from __future__ import annotations

from bot.advice.lexicon.base import Severity, Sign

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

NOT_HEAT_TALK = (
    r"(?:how|what|tips?|best way|ways?) (?:\S+ ){0,3}(?:avoid|prevent|stop|cope|deal|handle|manage|train)",
)
HEAT_STROKE_SIGN = (
    r"{CONFUSED}|collaps(?:e|ed|ing)|pass(?:ed)? out|stumbling|staggering|wobbling|talking nonsense|{VOMITING}"
    r"|(?:felt|feel|feeling) (?:strange|weird|odd)|couldnt cool down|cant cool down|not cooling down"
    r"|(?:stopped|stop|stops|no longer|not) sweating|hot (?:and|&) dry|burning hot|hot to (?:the )?touch|seizure|fit"
    r"|no sweat (?:at all|on (?:him|her))|(?:bone|completely) dry|dry as a bone|hot and (?:\S+ )?dry"
    r"|fitting|jerking|shaking (?:\S+ ){0,2}(?:floor|ground)|unresponsive|not responding"
    r"|went down (?:at|near|on|in|like|hard|and|mid|just|halfway|during)"
)

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- heat illness -----------------------------------------------------------------------------------
    Sign("heat", E, "signs of heat stroke", (
        r"heat ?stroke|sun ?stroke|hyperthermia|exertional heat illness"
        r"|(?:stopped|stop|stops|no longer|not) sweating|skin (?:\S+ ){0,2}(?:hot and dry|dry and hot|burning hot"
        r"|red hot)|hot dry skin|(?:temp|temperature) (?:\S+ ){0,3}(?:through the roof|sky high|4[0-2])"
        r"|burning hot to (?:the )?touch",
    ), (*NOT_HEAT_TALK, r"signs? of|symptoms? of|look out for|watch out for|what (?:is|are)")),
    Sign("heat", E, "signs of heat stroke", (HEAT_STROKE_SIGN, "{HOT}"), NOT_HEAT_TALK),
    Sign("heat", T, "heat exhaustion that hasn't settled", (
        r"heat exhaustion|overheated|overheating|{HOT}",
        r"dizzy|light ?headed|{HEADACHE}|{VOMIT}|cramps?|barely (?:\S+ ){0,2}(?:weed|peed|pee|wee)|not (?:\S+ ){0,2}"
        r"(?:weed|peed)|exhausted|faint|shaky|weak",
        r"still|since|today|hours later|next day|wont go|not going away|cant shake|persist\w*|all day|this morning"
        r"|heat exhaustion",
    ), (*NOT_HEAT_TALK, r"(?:felt|feel) (?:\S+ ){0,2}sick but finished|how (?:do|can|should) i")),
    # --- hypothermia ----------------------------------------------------------------------------------
    Sign("hypothermia", E, "signs of hypothermia", (
        r"hypotherm\w*|(?:stopped|stops|stop|no longer) shivering|not (?:even )?shivering (?:any ?more|now)",
        r"hypotherm\w*|{COLD}|cold|shiver\w*",
    ), (r"signs? of|symptoms? of|avoid|prevent|how (?:do|can|should) i",)),
    Sign("hypothermia", E, "signs of hypothermia", (
        r"{CONFUSED}|slurr\w*|clumsy|stumbling|staggering|mumbl\w*|drowsy|sleepy|(?:gone|went|going) (?:very |really "
        r"|so )?"
        r"(?:quiet|vague)|fumbl\w*|{CANT} (?:\S+ ){0,1}do (?:\S+ ){0,2}(?:zip|buttons|laces)"
        r"|tripping (?:over|up)|(?:talking|sounds?) like (?:\S+ ){0,2}(?:drunk|pints|had a few)|candle ?wax|waxy"
        r"|pale and|pale (?:\S+ ){0,3}(?:freezing|cold|confused)|(?:fingers|hands) (?:\S+ ){0,2}(?:wont|wouldnt|dont"
        r"|didnt) work|(?:cant|couldnt) stop (?:\S+ ){0,1}(?:shiver\w*|shaking|shakes)|(?:stopped|stops) shivering"
        r"|not (?:even )?shivering (?:any ?more|now)|words (?:\S+ ){0,3}slurr\w*|(?:lips|hands|fingers"
        r"|face) (?:\S+ ){0,3}"
        r"(?:{BLUE})|(?:{BLUE}) (?:\S+ ){0,1}(?:lips|hands|fingers)",
        r"{COLD}|cold|freez\w*|chill\w*|wet|shiver\w*|shivery",
    ), (r"got a cold|have a cold|head cold|a cold and|cold sore|caught a cold|signs? of|avoid|prevent|raynaud"
        r"|(?:in|on|from) (?:\S+ ){0,3}(?:photos?|pictures?|pics?|videos?|footage|selfies?)",)),
    # --- hyponatraemia: drinking too much -----------------------------------------------------------------
    Sign("hyponatraemia", E, "signs of drinking too much water", (
        r"hyponatra?emi[ac]|hyponatraemic|hyponatremic|water intoxication|low sodium|low blood sodium",
    ), (r"how (?:would|do|can|could) (?:you|i|we|one) (?:know|tell)|signs? of|symptoms? of|avoid|prevent|risk of",)),
    Sign("hyponatraemia", E, "signs of drinking too much water", (
        "{WATER_LOTS}",
        # a headache that has gone is not one
        r"{VOMIT}|{HEADACHE}(?! (?:\S+ ){0,1}(?:gone|went|passed|cleared|eased|better|fine))|{CONFUSED}|bloated"
        r"|bloating|swollen|puffy|(?:hands|fingers) (?:\S+ ){0,2}(?:swollen"
        r"|puffy|fat|sausages)|swollen (?:hands|fingers)|rings? (?:\S+ ){0,2}(?:too )?tight|slurr\w*|drowsy"
        r"|(?:fat|puffy|sausage) (?:fingers|hands)|groggy|spaced out|spacey|heavier|weigh\w* more|put on weight"
        r"|(?:feel|feels|feeling|felt) (?:weirdly |really |a bit )?drunk|seizure",
    ), (r"how (?:would|do|can|could) (?:you|i|we|one) (?:know|tell)|signs? of|symptoms? of|how much (?:should|to)"
        # drinking now to rehydrate after a race is not the drinking that dilutes
        r"|(?:drinking|having|sipping) (?:\S+ ){0,2}(?:now|since|to rehydrate|to catch up)|rehydrat\w*"
        # a symptom that has already gone ("a headache, but it went after a nap")
        r"|(?:it|that|headache|sickness|nausea) (?:\S+ ){0,1}(?:went|passed|cleared|eased|settled|gone)(?: away| off)?"
        r" (?:after|once|with|by|when)",)),
    # --- hypoglycaemia in diabetes ----------------------------------------------------------------------
    Sign("hypoglycaemia", E, "low blood sugar that isn't responding to sugar", (
        r"{DIABETES}",
        r"(?:still|not|no|isnt|wont|hasnt) (?:\S+ ){0,3}(?:going up|coming up|rising|better|improving|low|recovering"
        r"|responding)|(?:sugar|bg|glucose|level|reading) (?:\S+ ){0,3}(?:still )?(?:[0-2](?:\.\d)?|3\.[0-3]"
        r"|[2-5]\d) (?:\S+ ){0,5}(?:after|despite)|(?:after|despite) (?:\S+ ){0,3}(?:two|2|three|3|several|lots of"
        r"|loads of) (?:\S+ ){0,2}(?:dextrose|glucose|gels?|jelly babies|sweets|sugar|juice|coke|tabs|tablets)"
        r"|(?:gave|given|had|ate) (?:\S+ ){0,4}(?:jelly babies|dextrose|glucose|sweets|sugar|juice|gels?|coke)"
        r" (?:\S+ ){0,4}(?:no better|not better|still|didnt help|not helping|nothing)",
    ), (r"(?:not|non|isnt|arent|im not) (?:a )?diabetic|no diabetes|(?:sugar|bgs?|glucose|levels?"
        r"|reading) (?:\S+ ){0,2}"
        r"(?:fine|normal|ok|okay|stable|in range)",)),
    Sign("hypoglycaemia", E, "low blood sugar with confusion or drowsiness", (
        r"{DIABETES}",
        r"(?:wont|wouldnt|refus\w*) (?:take|eat|have) (?:them|it)|not (?:really )?answering|just staring"
        r"|staring blankly"
        r"|(?:wont|cant|couldnt|not|wouldnt|refus\w*) (?:\S+ ){0,1}(?:eat|take|have) (?:the |her |his |my "
        r"|any )?(?:jelly"
        r" babies|sweets|sugar|gels?|dextrose|glucose|juice|coke)|brain (?:\S+ ){0,2}(?:foggy|fog|mush|scrambled"
        r"|not working)"
        r"|can (?:barely|hardly) (?:type|think|see straight)"
        r"|(?:wont|cant|couldnt|not|wouldnt) (?:\S+ ){0,1}(?:chew|swallow)|just holds (?:it|them)|(?:talking|answering)"
        r" (?:\S+ ){0,2}(?:weird|funny|strange|odd|like)|(?:cant|cannot|couldnt) get (?:him|her|them) to (?:eat|chew"
        r"|swallow|take)|(?:talking|answering)"
        r" (?:\S+ ){0,2}(?:weird|funny|strange|odd|like)|spaced out|(?:libre|cgm|dexcom|bgs?|sugars?|glucose|reading"
        r"|levels?|meter) (?:\S+ ){0,2}(?:[12]\.\d|3\.0)(?![0-9]) (?:\S+ ){0,2}(?:and )?(?:dropping|falling"
        r"|going down)",
    )),
    Sign("hypoglycaemia", E, "low blood sugar with confusion or drowsiness", (
        r"(?:diabetic|diabetes|type ?(?:1|one)|t1d?|insulin|hypo|hypos|blood sugar|sugar (?:is |was )?low|going low"
        r"|gone low|went low)",
        r"{CONFUSED}|drowsy|unconscious|unresponsive|not responding|passed out|collaps\w*|seizure|fit|fitting"
        r"|slurr\w*|{CANT} (?:\S+ ){0,1}(?:think|stay awake|stand)",
    )),
    # a low on a run with the sugar used up or the head going: treat now, and help if it doesn't come up (NHS)
    Sign("hypoglycaemia", E, "low blood sugar that isn't responding to sugar", (
        r"(?:screaming|alarm\w*|beeping|buzzing|flashing) (?:\S+ ){0,1}low|(?:going|gone|went|dropping|crashing) low",
        r"{DIABETES}",
        r"(?:last|no more|out of|run out of|used (?:up )?(?:all )?(?:my )?) (?:\S+ ){0,1}(?:jelly babies|sweets|gels?"
        r"|sugar"
        r"|dextrose|glucose|tabs)|foggy|confus\w*|can (?:barely|hardly) (?:type|think)|cant think",
    )),
    Sign("hypoglycaemia", T, "repeated low blood sugar on runs", (
        r"(?:diabetic|diabetes|type ?(?:1|one)|t1d?|insulin|basal|bolus|pump|cgm|libre|dexcom)",
        r"hypos|(?:several|three|3|two|2|repeated|recurrent|keep|keeps|lots of|bad|another|frequent|second|third|fourth"
        r"|2nd|3rd|4th) (?:\S+ ){0,2}(?:hypos?|lows|going low)|(?:levels|sugars?|bgs?|glucose|numbers) (?:\S+ ){0,2}"
        r"(?:keep|keeps|always) (?:crashing|dropping|going low|tanking|plummeting|falling)"
        r"|(?:hypo|hypos|going low|sugar crash\w*) (?:\S+ ){0,3}(?:every|each|all|again)",
    )),
    # --- rhabdomyolysis -------------------------------------------------------------------------------
    Sign("rhabdomyolysis", T, "dark urine", (
        r"{DARK} (?:\S+ ){0,2}?(?:coloured |colored |color |colour )?{URINE}"
        r"|{URINE} (?:\S+ ){0,4}?{DARK}"
        r"|{URINE} (?:\S+ ){0,8}?(?:like|colour of|color of|coloured|colored|looks like|look like) (?:\S+ ){0,2}"
        r"{DRINK_COLOUR}|{DRINK_COLOUR} (?:coloured|colored|color|colour) {URINE}"
        r"|{URINE} (?:\S+ ){0,3}?{DRINK_COLOUR} (?:coloured|colored|color|colour)"
        r"|rhabdo|rhabdomyolysis",
    ), (r"dark yellow|darker yellow|bit darker|(?:beetroot|beets)|(?:normal|clear|pale|fine) (?:\S+ )?(?:again|now)"
        r"|back to (?:normal|pale|clear)|(?:drank|drink|drinking|a drink) (?:\S+ ){0,4}(?:normal|clear|pale|fine)"
        r"|(?:cleared|cleared up|went clear|went pale|lightened|got lighter|got paler) (?:\S+ ){0,2}(?:after|once|with"
        r"|when|by)",)),
    Sign("rhabdomyolysis", E, "dark urine with severe muscle pain or little urine", (
        r"{DARK} (?:\S+ ){0,2}?(?:coloured |colored |color |colour )?{URINE}|{URINE} (?:\S+ ){0,4}?{DARK}"
        r"|{URINE} (?:\S+ ){0,8}?(?:like|colour of|color of|coloured|colored|looks like|look like) (?:\S+ ){0,1}"
        r"{DRINK_COLOUR}|rhabdo\w*|(?:what|it) (?:comes|came) out (?:\S+ ){0,2}{DARK}"
        r"|{URINE} (?:\S+ ){0,3}?{DRINK_COLOUR} (?:coloured|colored|color|colour)",
        # barely any urine since, in the words runners use for going to the loo ("barely gone since yesterday")
        r"(?:hardly|barely|not) (?:\S+ ){0,1}(?:gone|been)(?= (?:\S+ ){0,1}(?:since|all day|for hours|at all))|"
        r"{SEVERE_PAIN}|(?:barely|hardly|cant|cannot) (?:\S+ ){0,1}(?:move|walk|stand|bend)|(?:legs?|quads?|thighs?"
        r"|calves|arms?|muscles?|hamstrings?|glutes) (?:\S+ ){0,3}(?:swollen|swelling|rock hard|hard as|killing|agony"
        r"|{PAIN}|wrecked|destroyed|trashed|ruined|battered|shot|weak|seized)|{PAIN} (?:\S+ ){0,2}(?:legs?|quads?"
        r"|thighs?|calves|arms?|muscles?)|not much of it"
        r"|(?:hardly|barely|not) (?:\S+ ){0,1}(?:peeing|weeing|passing|peed|weed)|little (?:urine|pee|wee)|{VOMITING}"
        r"|(?:passed|passing) (?:hardly|barely|very little|little|almost no|no) (?:any )?(?:water|urine|pee|wee)"
        r"|(?:and|but) (?:hardly|barely) any|(?:hardly|barely) any (?:pee|wee|urine|comes out|coming out)"
        r"|(?:cant|barely|hardly) (?:\S+ ){0,1}lift (?:my |his |her |their )?(?:arms|legs)",
    ), (r"dark yellow|darker yellow|bit darker",)),
    # no urine at all for many hours after a hard session, with muscles swollen, weak or sore (O'Connor 2020)
    Sign("rhabdomyolysis", E, "dark urine with severe muscle pain or little urine", (
        r"(?:hasnt|havent|hadnt|not|no|didnt|barely|hardly) (?:\S+ ){0,1}(?:peed|weed|pee|wee|been to the (?:loo"
        r"|toilet)"
        r"|passed (?:any )?(?:urine|water)|urinated)(?= (?:\S+ ){0,2}(?:since|all day|for|at all|in))",
        r"(?:legs?|quads?|thighs?|calves|arms?|muscles?|hamstrings?|glutes) (?:\S+ ){0,3}(?:swollen|swelling|rock hard"
        r"|hard as|killing|agony|{PAIN}|weak|seized)|{SEVERE_PAIN}|(?:barely|hardly|cant) (?:\S+ ){0,1}(?:stand|walk"
        r"|move)",
    )),
    Sign("kidney", T, "blood in your urine", (
        r"blood in (?:it|there|them)|(?:red|pink) (?:in|with) it",
        r"{URINE}|bladder",
    ), (r"beetroot|poo|stool|bum|toilet paper|the runs|trots",)),
    # a nosebleed past 15 minutes of pinching, or on blood thinners: A&E (NHS "Nosebleed")
    Sign("bleeding", E, "a nosebleed that won't stop", (
        r"nose ?bleed\w*|nose (?:\S+ ){0,1}(?:bleeding|pouring|pissing)|bleeding from (?:my |his |her |the )?nose",
        r"wont stop|wouldnt stop|(?:for|over|after) (?:\S+ ){0,1}(?:[2-9]\d|1[5-9]|\d{3}) ?(?:mins?|minutes)"
        r"|(?:going|been|bleeding|lasted) (?:\S+ ){0,2}(?:[2-9]\d|1[5-9]) ?(?:mins?|minutes)|soaked (?:through)?"
        r"|(?:for|over) (?:an|half an|over an) hour|blood thinners?|warfarin|apixaban|rivaroxaban|edoxaban"
        r"|anticoagulant\w*|clopidogrel|pouring",
    )),
    # --- kidneys and blood in urine -----------------------------------------------------------------------
    Sign("kidney", T, "blood in your urine", (
        r"blood (?:\S+ ){0,1}in (?:my |the |his |her )?(?:\S+ )?(?:urine|pee|wee|toilet|toilet bowl|loo)"
        r"|(?:peeing|pissing|weeing|passing|urinating) (?:\S+ ){0,1}blood"
        r"|(?:bloody|red|reddish|pink|pinkish|blood stained|bloodstained) (?:\S+ ){0,1}(?:urine|pee|wee)"
        r"|{URINE} (?:\S+ ){0,10}?(?:red|reddish|pink|pinkish|pinky|rosy|bloody|blood)(?! (?:face|faced|bull|wine|gel))"
        r"|haematuria|hematuria"
        r"|blood in (?:my |his |her )?water"
        r"|{URINE} (?:\S+ ){0,6}(?:like|colour of) (?:\S+ ){0,1}(?:ros[eé]?(?: wine)?|red wine|ribena|cranberry"
        r"|pink lemonade"
        r"|strawberry)",
    ), (r"beetroot|beets|red (?:gel|drink|sports drink)|food colouring",)),
    Sign("kidney", T, "pain in your side or back with fever or urine changes", (
        r"(?:flank|loin|kidney|kidneys|side|back) (?:\S+ ){0,4}(?:{PAIN}|sharp|colic)|(?:{PAIN}|sharp) (?:\S+ ){0,4}"
        r"(?:flank|loin|kidney|kidneys|(?:in|on) (?:\S+ ){0,2}(?:back|side) on one side)"
        r"|{PAIN} (?:in|down) (?:my |his |her |the )?(?:side|flank|loin)"
        r"|(?:one|left|right) side of (?:my |his |her |the )?(?:lower )?back",
        r"{URINE}|temperature|fever|shivering|shaking|chills|rigors|(?:comes?|coming) in waves",
    ), (r"stitch|side stitch|ribs|backpack|hydration vest|posture|long run|spasm",)),
    Sign("kidney", T, "pain in your side or back with fever or urine changes", (
        r"(?:flank|loin|kidney|kidneys|side|back|ribs) (?:\S+ ){0,4}(?:{PAIN}|sharp)|(?:{PAIN}|sharp) (?:\S+ ){0,4}"
        r"(?:flank|loin|kidney|kidneys|side|back)",
        r"fever\w*|temperature|temp|shiver\w*|the shivers|chills|rigors|shaking",
        r"(?:sting\w*|burn\w*|{PAIN}|painful) (?:\S+ ){0,2}(?:to |when (?:i |you )?|while )?(?:{URINE}|pee|wee|urinate)"
        r"|{URINE} (?:\S+ ){0,2}(?:stings?|burns?|burning|{PAIN}|cloudy|smell\w*)|cloudy (?:\S+ ){0,1}{URINE}",
    )),
    Sign("kidney", E, "not passing urine", (
        r"(?:havent|hasnt|not|cant|cannot|couldnt|unable to) (?:\S+ ){0,3}(?:peed|weed|pee|wee|urinated|passed urine"
        r"|passed water) (?:\S+ ){0,2}(?:since|for|all day|in \d+|at all)|no (?:urine|pee|wee) (?:since|for|all day)",
    )),
    # --- bleeding elsewhere -------------------------------------------------------------------------------
    Sign("bleeding", T, "blood where it shouldn't be", (
        r"blood (?:\S+ ){0,1}in (?:my |the |his |her )?(?:\S+ )?(?:poo|poop|stool|stools|vomit|sick|spit|phlegm|mucus)"
        r"|(?:pooing|pooping|coughed up|coughing up|cough up|coughing|vomited|vomiting|threw up|throwing up|spat"
        r"|spitting|sick) (?:\S+ ){0,1}blood"
        r"|(?:bloody|red|blood stained|bloodstained) (?:\S+ ){0,1}(?:stool|stools|poo|poop|diarrhoea|diarrhea|vomit"
        r"|sick)"
        r"|bleeding from (?:my |the |his |her )?(?:bum|backside|bottom|rectum|anus|mouth|ears?|behind)"
        r"|(?:bleeding|bleed|bleeds) (?:\S+ ){0,3}(?:wont stop|wouldnt stop|doesnt stop|a lot|heavily|badly|loads)"
        r"|(?:heavy|heavily|lots of|a lot of|loads of) (?:bleeding|blood)|blood everywhere|rectal bleeding"
        r"|(?:nose ?bleed|nose (?:\S+ ){0,1}bleeding) (?:\S+ ){0,4}(?:wont stop|wouldnt stop|for \d+|for (?:over )?"
        r"(?:half|an) hour|20 min|30 min)",
    ), (r"blood blister|nipples?|blister",)),
    Sign("bleeding", T, "blood where it shouldn't be", (
        r"(?:blood|bloody|bleeding) (?:in|with|on) (?:it|them|there)|there (?:was|is|were) (?:some |a bit of "
        r"|a little )?"
        r"blood|(?:streaks?|specks?|bits) of blood",
        r"{VOMIT}|sick|cough\w*|phlegm|spit|poo|poop|stool|stools|toilet|bowel|motion",
    ), (r"blood blister|nipples?|blister",)),
    Sign("bleeding", T, "a deep cut that needs closing or won't stop bleeding", (
        r"(?:gaping|gapes|gaped|wide open|split open|wont close|wont stay closed|edges (?:\S+ ){0,2}apart"
        r"|deep (?:cut|gash|wound|laceration)|(?:cut|gash|wound) (?:\S+ ){0,3}(?:deep|to the bone)"
        r"|can see (?:\S+ ){0,2}(?:fat|fatty|bone|tendon|yellow|white) ?\S*"
        r"|needs? (?:\S+ ){0,1}(?:stitches|stitching|glued|steri ?strips)"
        r"|(?:still )?(?:bleeding|oozing|dripping) (?:\S+ ){0,5}(?:after|despite) (?:\S+ ){0,3}(?:\d+|ten|fifteen"
        r"|twenty|half an hour) (?:mins?|minutes) (?:\S+ ){0,3}(?:pressure|pressing|pressed)"
        r"|(?:pressure|pressing|pressed) (?:\S+ ){0,5}(?:still|wont stop|not stopping) (?:\S+ ){0,1}(?:bleeding"
        r"|oozing))",
        r"cut|cuts|gash\w*|wound|laceration|sliced|blood|bleed\w*|ooz\w*|skin|split",
    ), (r"blood blister|blisters?|nipples?|paper cut",)),
    Sign("infection", T, "fever or infection", (
        r"red (?:line|lines|streak|streaks|track|tracks|mark) (?:\S+ ){0,3}(?:going|spreading|running|creeping|tracking"
        r"|moving|up|from)|(?:redness|red|swelling|the red) (?:\S+ ){0,3}(?:spread\w*|creeping|moving up|going up"
        r"|tracking|halfway up|up my|up his|up her)",
        r"blister|cut|wound|graze|scrape|toe|toenail|nail|bite|heel|foot|ankle|leg|skin|fluey|flu like|shivery|fever"
        r"|temperature",
    ), (r"sunburn\w*|sun burn\w*|chafing|rash from",)),
    # a wound still pumping through pressure, however the blood is named (NHS "Cuts and grazes": A&E if it won't
    # stop after 10 minutes of pressure)
    Sign("bleeding", E, "heavy bleeding", (
        r"pumping|spurting|pouring|gushing|soak(?:ing|ed|s)? (?:\S+ ){0,1}through|(?:wont|wouldnt"
        r"|not) (?:\S+ ){0,1}stop"
        r"|puddle|pool of|keeps? (?:\S+ ){0,2}(?:coming|going|soaking|pouring|pumping)",
        r"cut|cuts|gash\w*|wound|laceration|sliced|slashed|split (?:\S+ ){0,2}open|opened up|(?:sliced|cut|ripped)"
        r" (?:\S+ ){0,2}open|pressing|pressed|pressure|(?:knee|leg|shin|arm|hand|head|hand|foot) (?:is "
        r"|was )?(?:pouring"
        r"|pumping|gushing)",
    ), (r"blisters?|paper cut|nose ?bleed|(?:cut|cuts) (?:\S+ ){0,2}(?:mileage|miles|back|down|out|short)|rain|sweat"
        r"|blood pressure",)),
    Sign("bleeding", E, "coughing up blood", (
        r"cough\w* (?:up )?(?:\S+ ){0,7}blood|blood (?:\S+ ){0,3}cough\w*",
        r"mouthful|mouthfuls|(?:a )?(?:lot|lots|loads)|bright red|cupful|clots|not just (?:a )?(?:streak|fleck|spot)"
        r"|keeps? coming",
    ), (r"red (?:gel|drink|sweets)|nose ?bleed",)),
    # vomiting blood or "coffee grounds": A&E now (NHS "Vomiting blood")
    Sign("bleeding", E, "vomiting blood", (
        r"(?:{VOMIT}|sick|vomit|puke\w*|chunder\w*) (?:\S+ ){0,6}(?:dark red|bright red|coffee grounds|red stuff"
        r"|black stuff)"
        r"|(?:{VOMIT}|sick|vomit|puke\w*|chunder\w*) (?:\S+ ){0,12}blood|blood (?:\S+ ){0,3}(?:in|with) (?:my |the "
        r"|his "
        r"|her )?"
        r"(?:vomit|sick)|coffee grounds",
        r"{VOMIT}|sick|vomit|puke\w*|threw up|throw up|blood|bok(?:e|ed|ing)",
    ), (r"red (?:gel|drink|sports drink|sweets|jelly|beetroot)|beetroot|nose ?bleed",)),
    # blood in or with poo: see a GP, the same day when it is dark, mixed in or with tiredness
    Sign("bleeding", T, "blood in your poo", (
        r"blood (?:\S+ ){0,4}(?:poo|poop|pooping|pooped|stool|stools|bum|back passage|bowel|motion)|(?:poo|stool"
        r"|stools) (?:\S+ ){0,4}blood"
        r"|(?:black|tarry|tar) (?:\S+ ){0,1}(?:poo|stool|stools)|blood (?:\S+ ){0,12}(?:mixed in|on the paper"
        r"|toilet paper)"
        r"|(?:mixed in|on the paper|toilet paper) (?:\S+ ){0,4}blood",
    ), (r"beetroot|red (?:gel|drink|sports drink)",)),
    Sign("bleeding", T, "blood in your poo", (
        r"blood (?:\S+ ){0,2}when (?:i|you|he|she) (?:poop|poo|go)"
        r"|(?:red|blood) (?:\S+ ){0,2}(?:in|on) the (?:bowl|toilet|pan|loo|paper)",
        r"(?:every time|when|whenever) i go|trots|poo|bowel|the runs|wipe|wiping",
    ), (r"beetroot|red (?:gel|drink|sports drink)|period|pee|wee|urine",)),
    # "blood in the toilet" is the bowel's when the message says so anywhere: mixed in, the runs, on the paper
    Sign("bleeding", T, "blood in your poo", (
        r"blood (?:\S+ ){0,3}(?:toilet|loo|pan|bowl)",
        r"mixed in|poo|stool|stools|bum|back passage|paper|the runs|diarrh\w*|trots|bowel|motions?|black|tarry",
    ), (r"beetroot|red (?:gel|drink|sports drink)",)),
    Sign("bleeding", E, "heavy bleeding", (
        r"(?:spurting|pouring|gushing|soaking|soaked through|pumping out) (?:\S+ ){0,2}blood|blood (?:\S+ ){0,2}"
        r"(?:spurting|pouring|gushing|pumping)|bleeding (?:\S+ ){0,3}(?:heavily|badly) (?:\S+ ){0,4}(?:faint|dizzy"
        r"|pale|wont stop)|(?:bone|bones) (?:\S+ ){0,2}(?:sticking|poking) out",
    )),
    # --- fever and infection ------------------------------------------------------------------------------
    Sign("infection", T, "fever or infection", (
        r"(?<!hay )(?<!cabin )(?<!race )(?<!marathon )(?<!running )(?<!spring )(?<!gold )(?<!club )(?<!pitch )"
        r"(?:fever|fevers|feverish|fevrish|fevre)(?! (?:pitch|dream)s?)"
        r"|(?:high|a|running a|got a) (?:temperature|temp)(?! (?:outside|today|drop|of the))|(?:temp"
        r"|temperature) (?:of )?"
        r"(?:3[89]|40)|chills|night sweats|shivering (?:\S+ ){0,3}(?:temp|temperature|fever|unwell|ill)",
    ), (r"chest infection (?:last|a while|months|years) ago|(?:last|a) (?:year|month)|in case of infection"
        r"|prevent\w* infection|avoid\w* infection",
        # a fever with a cold or the flu: the neck check (rest tips), not a doctor today (NHS "High temperature")
        r"(?:with|got|have|having|from|caught) (?:a |the |this |my )?(?:head |heavy |bad |stinking )?(?:cold|flu|virus"
        r"|bug|lurgy)(?! (?:sweats?|water|weather))|man flu")),
    Sign("infection", T, "fever or infection", (
        r"infected|infection|pus|oozing|red streaks?|redness (?:\S+ ){0,2}spreading|cellulitis"
        r"|(?:smelly|foul|smelling) (?:\S+ ){0,1}discharge",
    ), (r"chest infection (?:last|a while|months|years) ago|(?:last|a) (?:year|month)|in case of infection"
        r"|prevent\w* infection|avoid\w* infection",)),
    # a measured fever of 38 or more, flu or not, with a run in mind: no running, and a doctor if unwell
    Sign("infection", T, "fever or infection", (
        r"(?:temp|temperature|fever|thermometer) (?:\S+ ){0,3}(?:3[89](?:\.\d)?|4[01](?:\.\d)?|10[0-4](?:\.\d)?)"
        r"(?! (?:\S+ ){0,1}(?:mins?|minutes|km|k|miles|seconds|secs|weeks|days))"
        r"|(?:3[89]|4[01])(?:\.\d)? (?:temp|temperature|fever)|(?:3[89]|4[01])\.\d (?:\S+ ){0,1}(?:temp|temperature"
        r"|fever|degrees|c)"
        r"|(?:running|got|have|had|with) (?:a |an )?(?:temp|fever)? ?(?:of )?(?:10[0-4])(?:\.\d)? ?(?:degrees"
        r"|f)?(?![0-9])"
        r"|10[0-4](?:\.\d)? degrees f",
    ), (r"(?:outside|out there|the air|in the shade|forecast|weather|sun|race day temp)",)),
    Sign("infection", T, "fever or infection", (
        r"(?:3[89]|4[01])\.\d(?! ?(?:km|k|mi|miles|mins?|minutes|secs?|seconds|kg|kgs|lbs?|percent|mph|kph|kmh|m))",
        r"cough\w*|chesty|aching|achy|flu|fluey|fever\w*|shiver\w*|chills|unwell|ill|temp|temperature|virus|bug|rough"
        r"|awful|terrible|grim|poorly|under the weather|immuno\w*|transplant|woke up"
        r"|sweat it out|hot and cold",
    )),
    Sign("infection", T, "fever or infection", (
        r"(?:3[89]|4[01])(?:\.\d)? degrees",
        r"body (?:\S+ ){0,2}(?:hot|burning)|fever\w*|temp|temperature|shiver\w*|chills|aching|achy|paining|unwell"
        r"|flu|malaria|virus|bug|sweat it out",
    ), (r"outside|out there|the air|in the shade|forecast|weather|sun|heat|humid\w*|race day",)),
    Sign("infection", T, "fever or infection", (
        r"(?:day|days) (?:[5-9]|1\d|five|six|seven|eight|nine|ten)|(?:[5-9]|five|six|seven|a week) days?"
        r"|over a week|for a week|since (?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"flu|fluey|fever\w*|temp|temperature|virus|bug|covid|chest infection",
        r"no better|not (?:getting )?(?:any )?better|not improving|getting worse|worse|barely (?:\S+ ){0,1}(?:get|move"
        r"|eat)|bed ?bound|(?:cant|can barely) get (?:off|out of)",
    ), (r"(?:last|a) (?:year|month)|(?:weeks|months|years) ago|jab|vaccin\w*",)),
    # a virus with a racing heart at rest, chest pain or breathlessness: the heart muscle (ESC 2020; NHS)
    Sign("infection", T, "fever or infection", (
        r"heart (?:\S+ ){0,3}(?:racing|races|raced|pounding|thumping|hammering|going)|palpitations"
        r"|chest (?:\S+ ){0,2}(?:pain|hurts"
        r"|tight)|breathless\w*|short of breath|chesty cough",
        r"flu|fluey|virus|viral|bug|covid|fever|temp|temperature|chest infection",
    ), (r"(?:last|a) (?:year|month)|(?:weeks|months|years) ago|jab|vaccin\w*|(?:each|every) week (?:\S+ ){0,3}(?:better"
        r"|easier|improving)|getting (?:better|easier)|post covid|after covid|since covid",)),
    Sign("infection", E, "fever with a stiff neck or a rash", (
        r"fever|temperature|temp|feverish|hot and cold",
        r"stiff neck|neck (?:\S+ ){0,2}stiff|rash (?:\S+ ){0,4}(?:glass|doesnt fade|not fading|wont fade)"
        r"|(?:light|bright light) (?:\S+ ){0,2}(?:hurts|bothers)",
    )),
)
# fmt: on
