"""Heart, breathing, severe allergic reactions and blood clots.

Sources: NHS "Chest pain", "Heart palpitations", "Fainting" (call 999 if someone faints while exercising or
with chest pain or a pounding heartbeat), "Asthma attack" (999 if the inhaler is not helping, too breathless to
speak, blue lips), "Anaphylaxis" (swelling of lips, tongue or throat, breathing trouble), "DVT" and "Pulmonary
embolism"; 2020 ESC guidelines on sports cardiology (exertional symptoms, family history of sudden death).
"""

from __future__ import annotations

from bot.advice.lexicon.base import JOKING, POSTURAL, Severity, Sign

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

# chest muscles worked in the gym, a chest cold or a heart-rate strap are not chest pain; "on the bench" is a seat
GYM_CHEST = (
    r"push ?ups?(?! (?:a |the )?(?:hill|climb|slope|incline|bank))|press ?ups?|bench(?:ing| press\w*)"
    r"|(?<!on the )(?<!on a )(?<!sat on the )(?<!at the )bench"
    r"|chest day|pecs|chest fly|dips|chest (?:strap|monitor|hair|cold"
    r"|infection|chafing|rub)|chesty|chafed|chafing|nipples?|sports bra"
    r"|(?:from|after|with) (?:all )?(?:the |my |a )?(?:coughing|cough)"
)
# heartburn explains a burning or aching chest, never a heavy, crushing or tight one, nor pain spreading to the jaw
# (NHS "Chest pain": a heart attack is often mistaken for indigestion)
NOT_CHEST = (GYM_CHEST, r"(?<!like )(?<!like a )(?<!as if its )(?:heartburn|indigestion|acid reflux)")
ACHING = r"pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|achy|discomfort|burning|stabbing|sharp|sore"
PRESSING = (
    r"heavy|heaviness|pressure|squeez\w*|crush\w*|squash\w*|squish\w*|compress\w*|gripping|gripped|vice|weight"
    r"|bricks?|anvil|elephant|(?:sitting|sat|standing|stood|parked|kneeling|dumped|put|landed) (?:\S+ ){0,3}on"
    r" (?:it|my chest|me)"
)
# a course or a class about resuscitation is not a resuscitation
COURSE = (
    r"(?:cpr|first aid|defib\w*|resus\w*|life ?saving) (?:course|training|class|session|refresher|qualification"
    r"|cert\w*)"
)
TIGHT = r"{CHEST_TIGHT}"


def _chest(feel: str) -> str:
    """A chest named with a feeling, in the orders runners write it ("chest went tight", "a band across my chest")."""
    return (
        rf"{{CHEST}} (?:\S+ ){{0,3}}?(?:{feel})|{{CHEST}} (?:\S+ ){{0,2}}like (?:\S+ ){{0,4}}(?:{feel})"
        rf"|(?:{feel}) (?:feeling |sensation |ache )?(?:in|across|on|around|at|behind|under|through|over|into)"
        rf" (?:the (?:middle|centre|center|left side|left|front) of )?(?:\S+ ){{0,3}}?{{CHEST}}|(?:{feel}) {{CHEST}}"
    )


# A rate over 210 that starts and stops at once, at rest or on an easy run, is how an SVT is written (BHF "SVT"):
# "heart went to 230 randomly and clicked back to normal".
SUDDEN_RATE = (
    r"(?:heart|hr|heart rate|pulse|bpm|watch) (?:\S+ ){0,5}?(?:2\d\d|[3-9]\d\d)(?! ?(?:m|metres|meters|k|km|yards"
    r"|miles|kcal|calories|steps|spm|watts|w))(?: \S+){0,5} (?:randomly|at random|out of nowhere|for no reason"
    r"|in (?:like |about )?(?:\d+|a few|two|three) (?:seconds|secs)"
    r"|suddenly|at rest|while resting|sitting|(?:on|during) (?:an? )?(?:easy|slow|gentle)|(?:click\w*|switch\w*"
    r"|flick\w*|snap\w*|flip\w*|drop\w*) (?:\S+ ){0,1}(?:back|off|down))"
    r"|(?:randomly|out of nowhere|suddenly|for no reason) (?:\S+ ){0,5}(?:2\d\d|[3-9]\d\d)(?! ?(?:m|k|km|miles))"
)
PALPITATION = (
    r"palpitations?|arrhythmias?|afib|a fib|atrial fibrillation|svt|ectopics?|ectopic beats?"
    r"|(?:hearts?|heartbeat|heart beat|pulse|heart rate|hr) (?:\S+ ){0,4}?(?:fluttering|fluttery|flutters|fluttered"
    r"|flutter|skipping|skipped|skips|skippy|missing beats|jumping|jumpy|flipping|flip flopping|irregular|erratic"
    r"|all over the place|out of rhythm|out of sync|going mad|going mental|going crazy|went mad|went mental"
    r"|went crazy|bouncing|stuttering|stuttered|galloping|banging out of|jumped to 2\d\d|stuck (?:at|on) 2\d\d"
    r"|wouldnt come down|wont come down|didnt come down|wouldnt slow|wont slow|didnt slow|wouldnt settle|wont settle"
    # lay idioms for a heart out of control: "thumping all over the shop", "going like the clappers", "buzzing",
    # "like someone flicked a switch"
    r"|all over the shop|like the clappers|buzzing|(?:flicked|flipped|hit) a switch|not slowing|isnt slowing)"
    r"|(?:skipped|skipping|missed|missing|extra|dropped) (?:a )?(?:heart ?)?beats?(?! when| as| at the| because)"
    r"|irregular (?:heart ?beat|heartbeat|pulse|heart rate|rhythm|heart rhythm)s?|(?:fluttering|flutter) in my chest"
    r"|heart (?:\S+ ){0,3}?(?:racing|raced|pounding|pounded|thumping|hammering|banging) (?:\S+ ){0,6}?(?:after i"
    r" stopped|after stopping|even after|at rest|while resting|when resting|sitting|lying|in bed|out of nowhere"
    r"|for no reason|randomly|at random|on (?:easy|slow|gentle) runs?|while (?:jogging|walking)"
    r"|wouldnt slow|wont slow|didnt slow|wouldnt settle|wont settle|cooling down|cool down|for ages"
    r"|for (?:an|over an|half an) hour)"
    r"|(?:out of nowhere|for no reason|at rest|while resting|sitting still|lying in bed) (?:\S+ ){0,4}heart"
    r" (?:\S+ ){0,3}(?:racing|raced|pounding|thumping|hammering)"
    rf"|{SUDDEN_RATE}"
)
# a reading the runner doubts: the strap slipped, the wrist sensor is rubbish, the chest strap read normal
DEVICE_ERROR = (
    r"(?:watch|strap|sensor|garmin|fitbit|monitor|wrist|optical|reading|hrm) (?:\S+ ){0,4}(?:slipped|loose|rubbish"
    r"|wrong|faulty|glitch\w*|dodgy|playing up|useless|unreliable|inaccurate|broken|cadence lock\w*|misread\w*"
    r"|(?:read|reading|reads|showed|shows|said|says) (?:\S+ ){0,1}(?:totally |completely |perfectly )?normal)"
)
NOT_PALPITATION = (
    r"excite\w*|nerves|nervous|adrenaline|start line|starting line|when i saw|in my mouth|sprint finish"
    r"|after (?:i )?sprint(?:ed|ing)? (?:the |a )?(?:last|final|finish)"
    r"|(?:pace|age) group|crush|proposed|the clock|the results",
    DEVICE_ERROR,
    JOKING,
)
FAINT = (
    r"faint(?:ed|ing|s)?|(?:felt|feel|feeling|went|go|going|nearly|almost|about to|was) (?:\S+ )?faint"
    r"|light ?headed"
    r"|pass(?:ed|ing|es)? out|black(?:ed|ing|s)? out{BO_NOT}|blackout(?! blinds?| curtains?)|dizzy|giddy|dizziness"
    r"|woozy|{COLLAPSE}"
    r"|swimmy|(?:edges|vision|eyes|everything) (?:\S+ ){0,1}(?:went|going|gone) (?:dark|black|grey|gray)"
)
BREATHLESS = (
    r"(?:short|out) of breath|breathless\w*|cant (?:\S+ ){0,1}(?:breathe|breath|catch (?:my |his |her )?breath)"
    r"|(?:cant|couldnt|cannot|could not) (?:get|find) (?:my |his |her |a |any |enough )?breath"
    r"|struggling (?:for|to) (?:breath|breathe)|struggling for air|gasping|cant get (?:\S+ ){0,2}air"
)

# What the effort explains: dizzy right after stopping a sprint, breathless going up hills or on fast reps, or a
# question whether it is just fitness (NHS: see a GP if breathlessness is new, lasting or at rest).
EXERTION_DIZZY = (
    r"after (?:stopping|finishing|i stop\w*) (?:\S+ ){0,2}(?:sprint\w*|hard|reps?|intervals?|effort|max)"
    r"|after (?:a |the |my )?(?:sprint|hard effort|max effort|all out effort)"
    r"|after (?:the |my |a |those )?(?:\S+ ){0,1}(?:sprints|reps|repeats|intervals|efforts|400s|800s|sprint finish)"
    r"|(?:at|by) the end of (?:a |the |my )?(?:\S+ ){0,1}(?:sprint|rep|interval|effort|finish|\d00s|\d+m reps)"
    r"|(?:stopping|stopped|stop) (?:dead|suddenly|abruptly) (?:\S+ ){0,2}(?:at )?(?:the )?(?:finish|end)"
    r"|(?:doing|during|after) (?:\S+ ){0,3}(?:burpees|sprints|hard set|max effort|all out)"
    r"|(?:right |just )?(?:when|as) (?:i|you) stopped (?:at (?:the )?finish|after the finish)|(?:at"
    r"|after) the finish line"
    r"|sprint finish|after the (?:finish )?line"
)
# dizziness that keeps coming back with effort is a sign whatever the effort (NHS "Dizziness": see a GP if it
# keeps happening)
RECURRING = (
    r"every time|each time|whenever|keeps? (?:\S+ ){0,1}(?:getting|going|feeling|happening)|always|every (?:run|session"
    r"|rep)|most runs|(?:\d+|several|a few|three|four) times|again and again|(?:started|starting) happening"
)
# Climbing a steep hill explains breathlessness even when walking ("walking up the steep hill to the start")
UPHILL = (
    r"(?:on|up|going up|running up|climbing|walking up) (?:the |a )?(?:steep |big |long |massive )?(?:hills?|climb)"
)
EXERTION_BREATHLESS = (
    rf"{UPHILL}|uphill|hill (?:sprints|reps)|sprint\w*"
    r"|intervals|reps|(?:hard|max|all out) efforts?|fitness|unfit|out of shape"
)

# A little breathless while chatting: the talk test asking about pace, not a new symptom.
TALK_TEST = (
    r"(?:chatting|talking) (?:\S+ ){0,1}(?:on|during|while|when) (?:\S+ ){0,2}(?:runs?|jog\w*|running)|talk test"
    r"|slow (?:\S+ ){0,1}down|(?:a |the )?(?:little|bit|touch|tad|slightly) (?:out of breath"
    r"|breathless)(?! (?:\S+ ){0,6}(?:never|new|weeks|lately|recently|worse))"
)

EXERTIONAL_FAINT = (
    r"(?:{COLLAPSE}|went down) (?:\S+ ){0,4}"
    r"(?:during|while|whilst|mid|halfway|in the middle of|on (?:my|the|a) (?:last |final |first )?(?:run|hill|climb|rep"
    r"|reps|interval|tempo"
    r"|track|sprint|parkrun)|running|sprinting|near the top|at the top|going up|up a hill)"
    r"|(?:during|while|whilst|mid|on) (?:my |the |a )?(?:run|race|intervals?|reps?|sprint|tempo|climb|hill)"
    r" (?:\S+ ){0,4}(?:faint(?:ed)?|{COLLAPSE})"
)
# The heart's pain where it spreads, without the chest: arms, jaw, neck, upper back, shoulder blades
ARMS_JAW_BACK = (
    r"(?:arm|arms|jaw|neck|upper back|shoulder ?blades?|shoulders) (?:\S+ ){0,4}?(?:{PAIN}|heavy|heaviness|tight\w*"
    r"|pressure|dead|numb)|(?:{PAIN}|heavy|heaviness|pressure|tight\w*) (?:\S+ ){0,4}?(?:in )?(?:(?:both|my|his"
    r"|her|the|left|right) )?(?:arm|arms|jaw|neck|upper back|shoulder ?blades?)"
)
NOT_ARMS_JAW_BACK = (
    GYM_CHEST,
    r"(?:after|from|during) (?:\S+ ){0,3}(?:gym|weights|boxing|rows|pull ?ups|deadlifts?|lifting|swim\w*|climbing"
    r"|bouldering|press ?ups|push ?ups)|stretch\w*|grey (?:hair|top|kit|shirt|shorts|sky|day)"
    r"|(?:gray|grey) (?:\S+ ){0,2}(?:morning|weather|clouds)",
    JOKING,
)
# Light-headed because a meal was missed, and put right by eating: low fuel, not the heart (NHS "Dizziness")
NOT_FED = (
    r"(?:(?:skipped|missed|forgot|no|without|before) (?:my |a |any )?(?:breakfast|lunch|dinner|tea|meal|food|eating)"
    r"|(?:hadnt|had not|didnt|did not|havent|not) (?:\S+ ){0,1}(?:eaten|eat|had (?:any |my )?(?:breakfast|lunch"
    r"|dinner|food))|empty stomach|fasted|on no food) (?:\S+ ){0,12}(?:fine|sorted|better|ok|okay|all good"
    r"|right as rain|back to normal)"
)
# A known wheeze that the reliever settles, as it should ("inhaler sorts it"): asthma under control
CONTROLLED = (
    r"(?:inhaler|reliever|puffer|ventolin|pump|puffs?) (?:\S+ ){0,2}(?:sorts|sorted|fixes|fixed|settles|clears)"
    r"|(?:usual|normal|regular|my) (?:\S+ ){0,2}(?:puffs?|inhaler|reliever) (?:\S+ ){0,8}(?:fine|sorted|settled|cleared"
    r"|better|ok|okay)"
)
# Seen afterwards in a photo or a video ("blue lips in my race photos"): history, not what is happening now
PHOTO = r"(?:in|on|from) (?:\S+ ){0,3}(?:photos?|pictures?|pics?|videos?|footage|selfies?)"
COLD_AIR = (
    r"(?:cold|freezing|icy|frosty|winter|chilly) (?:\S+ ){0,4}(?:makes|gives|leaves) (?:\S+ ){0,2}(?:chest|lungs)"
    r" (?:\S+ ){0,1}(?:burn|tight|sore|hurt)\w*|"
    r"(?:tight|tightness|tightens|tighter) (?:\S+ ){0,4}(?:in|from|with|when) (?:the )?(?:cold|freezing|icy|frosty"
    r"|chilly)"
    r" air"
    r"|(?:fine|ok|okay|better|eased|eases|goes|went) (?:\S+ ){0,2}(?:once|when|after) (?:\S+ ){0,2}warm\w* up"
)
# What makes an allergic reaction an emergency, beside swelling (NHS "Anaphylaxis")
ALLERGY_GRAVE = (
    r"wheez\w*|(?:properly |really |very )?faint\w*|dizzy|(?:hard|difficult|struggling|trouble) (?:\S+ ){0,1}(?:to )?"
    r"breath\w*|throat (?:\S+ ){0,2}(?:tight|closing)"
)
NOT_EXERTIONAL = (
    POSTURAL,
    r"after (?:i )?(?:stopped|finishing|the finish)",
    # nearly fainting ("felt like I was going to pass out on the last rep") is dizziness, not a faint
    r"(?:going to|gonna|about to|like id|i would|id) (?:\S+ ){0,1}(?:pass out|faint|black out|collapse|keel over)",
)

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- cardiac: chest pain and its spread, palpitations, exertional fainting, family history ----------------
    Sign("cardiac", E, "chest pain", (_chest(ACHING),), NOT_CHEST),
    # "like someone parked a car on my chest": the weight says it, unless something really sat there
    Sign("cardiac", E, "chest pain", (
        r"(?:sitting|sat|standing|stood|parked|kneeling|knelt|put|dumped|landed|dropped) (?:\S+ ){0,3}on (?:my|his|her)"
        r" chest|(?:elephant|brick|anvil|weight|lorry|truck|car) (?:\S+ ){0,2}(?:sat|sitting|standing|stood|parked) on"
        r" (?:him|her|me|them)|clutch\w* (?:at )?(?:his |her |my |their )?chest",
    ), (*NOT_CHEST, r"cat|dog|baby|toddler|kids?|son|daughter|puppy|kitten|bar|barbell|weights?")),
    Sign("cardiac", E, "chest pain", (
        _chest(PRESSING) + r"|{CHEST} (?:\S+ ){0,4}(?:someone|something|an elephant|a weight) (?:\S+ ){0,2}(?:sat"
        r"|sitting|standing|on it|on me)|(?:someone|something|an? elephant|a weight|a brick|a ton|a car) (?:\S+ ){0,2}"
        r"(?:sat|sitting|standing|pressing|parked|on) (?:on )?(?:my|his|her|their|the) chest"
        r"|angina|cardiac arrest|(?:grabb\w*|clutch\w*|holding|held|clasp\w*|rubbing) (?:\S+ ){0,1}(?:his|her|their"
        r"|my|the) chest|(?:doing|giving|gave|did|started|start|starting|performing|needed|needs|need) (?:\S+ ){0,2}"
        r"(?:cpr|chest compressions|rescue breaths)|(?:used|using|fetch\w*|grabbed|got|get|brought|getting)"
        r" (?:\S+ ){0,2}(?:the |a )?defib\w*",
    ), (GYM_CHEST, COURSE, r"(?:get|buy|buying|fund\w*|raise|raising|install\w*|have|has|need|needs) (?:\S+ ){0,2}"
        r"(?:a |an |one of those )?(?:defib\w*|aed)s? (?:\S+ ){0,1}(?:at|for|in) (?:the |our |a )?(?:club|clubhouse"
        r"|track"
        r"|gym|office|school|park)|fundrais\w*|committee|(?:watched|watching|saw) (?:\S+ ){0,3}(?:game|match|final)")),
    # a chest tight in cold air that eases once warmed up is the airway's reaction to cold, not the heart's
    Sign("cardiac", E, "chest pain", (_chest(TIGHT),), (GYM_CHEST, r"{ASTHMA}", COLD_AIR)),
    # "heart attack" as a figure of speech (a pace, a hill, a fright) or a relative's history is no chest pain
    Sign("cardiac", E, "chest pain", (r"heart attack",), (
        r"(?:gave|give|gives|giving|nearly|almost|practically|near|mini|about to give) (?:\S+ ){0,2}heart attacks?"
        r"|heart attack (?:pace|hill|speed|territory|inducing|levels?|on a plate|of a|material)"
        r"|(?:youll|you will|youre going to|youre gonna|gonna|will|going to) (?:\S+ ){0,1}(?:have"
        r"|give yourself) a heart"
        r" attack"
        r"|(?:dad|father|mum|mother|brother|sister|uncle|aunt|grandad|grandfather|grandma|nan|granny|cousin|parents?"
        r"|family|relative) (?:\S+ ){0,4}(?:had|has|died of|suffered|survived) (?:\S+ ){0,2}heart attacks?"
        r"|(?:dad|father|mum|mother|brother|sister|uncle|aunt|grandad|grandfather|grandma|nan|granny|cousin) heart"
        r" attacks?",
        JOKING,
    )),
    # the spread of a heart's pain: to the arm, jaw, neck, shoulder blades or back, from a chest or a pressing pain
    Sign("cardiac", E, "pain spreading to the arm, jaw, neck or back", (
        r"(?:{PAIN}|{CHEST_FEEL}|{CHEST}) (?:\S+ ){0,4}(?:spreading|spread|spreads|radiating|radiates|shooting|shoots"
        r"|(?:going|gone|moving|moved|travel\w*|creeping) (?:up|down|into|to|through|across|round)|down|up into|into)"
        r" (?:\S+ ){0,4}(?:arm|arms|jaw|neck|shoulder|shoulders|shoulder blades?|(?:my|his|her|the|upper|middle) back"
        r"(?! (?:to|into|on|from|in|up|down|of)\b))",
        rf"{{CHEST}}|{TIGHT}|{PRESSING}",
    ), (GYM_CHEST,)),
    Sign("cardiac", E, "chest pain", (
        r"(?:left|right) arm (?:\S+ ){0,3}(?:heavy|weird|funny|dead|numb|aching|hurts|tingl\w*)"
        r"|jaw (?:\S+ ){0,2}(?:ache|aches|aching|hurts|pain)",
        r"{CHEST}",
    ), (GYM_CHEST,)),
    # the arm and the jaw together, or an ache between the shoulder blades with faintness or sickness: the spread
    # of a heart's pain without the chest named (ESC, BHF: women describe it so more often)
    Sign("cardiac", E, "pain spreading to the arm, jaw, neck or back", (
        r"arm|arms|shoulder", r"jaw",
        r"{PAIN}|clutch\w*|grabb\w*|holding|heavy|heaviness|tight\w*|numb|weird|funny|dead",
    ), (GYM_CHEST, r"dentist|tooth|teeth|wisdom|grinding|clench\w*|(?:slept|sleeping|sleep|lying|lay) (?:\S+ ){0,2}"
        r"(?:funny|awkward\w*|wrong|badly|on it)|pillow")),
    Sign("cardiac", E, "pain spreading to the arm, jaw, neck or back", (
        r"(?:{PAIN}|pressure|heavy|heaviness|tight\w*) (?:\S+ ){0,3}between (?:\S+ ){0,1}shoulder ?blades",
        rf"{FAINT}|{{VOMIT}}|sweat\w*|clammy|{BREATHLESS}|grey|gray|pale",
    ), (GYM_CHEST, r"(?:after|from) (?:\S+ ){0,2}(?:gym|rows|pull ?ups|deadlifts?|lifting|swim\w*)|posture|desk")),
    # the heart's pain felt only where it spreads (arms, jaw, neck, upper back) with the body's alarm (clammy, grey,
    # a cold sweat, sick): a heart attack without chest pain, commoner in women and older runners (BHF, ESC)
    Sign("cardiac", E, "pain in the arms, jaw or back with sweating or sickness", (
        # soaked in sweat after a run is normal: a clammy skin, a cold sweat or a grey or pale colour is the alarm
        ARMS_JAW_BACK, r"clammy|cold sweat|grey|gray|ashen|pale (?:and|&) (?:\S+ ){0,1}(?:sweat\w*|clammy|sick)"
        r"|sweat\w* (?:\S+ ){0,2}(?:and|&) (?:\S+ ){0,1}(?:breathless|short of breath|out of breath|grey|gray|pale)",
    ), NOT_ARMS_JAW_BACK),
    # with sickness alone, a hard session named as the cause explains it ("arms heavy and sick after the hills")
    Sign("cardiac", E, "pain in the arms, jaw or back with sweating or sickness", (
        ARMS_JAW_BACK, r"{VOMIT}|(?:gonna|going to|about to|want to|wants to) (?:\S+ ){0,1}(?:throw up|be sick|puke"
        r"|spew)",
    ), (*NOT_ARMS_JAW_BACK, r"(?:after|from|during) (?:a |the |my |that |this )?(?:hard |tough |big |brutal )?(?:hill"
        r"|hills|intervals?|session|efforts?|sprints?|reps|track|speedwork|workout)|hard effort"
        r"|(?:sick|nause\w*|queasy|threw up|puked|vomited) (?:\S+ ){0,1}(?:from|because|cos) (?:of )?"
        r"(?:the |a |that |my )?"
        r"(?:mud|water|gel|gels|food|drink|sprint|bug|smell)")),
    # clutching or holding the chest, seen by a bystander or told, with sweat, pallor or sickness
    Sign("cardiac", E, "chest pain", (
        r"(?:clutch\w*|grabb\w*|gripp\w*|holding|rubbing|pressing) (?:at )?(?:my|his|her|their|the) (?:\S+ )?{CHEST}",
        rf"sweat\w*|clammy|grey|gray|pale|ashen|{{VOMIT}}|{BREATHLESS}|{FAINT}|{{COLLAPSE}}",
    ), (GYM_CHEST, JOKING, r"laugh\w*|dramatic\w*|pretend\w*|mock\w*|jokingly")),
    Sign("cardiac", E, "a racing or irregular heartbeat with faintness, chest pain or breathlessness", (
        PALPITATION,
        rf"{FAINT}|{{CHEST}}|{BREATHLESS}|(?:hasnt|hadnt|didnt|wont|wouldnt|not) (?:\S+ ){{0,1}}(?:calmed|calm|settled"
        r"|settle|slowed|slow|come down|gone)(?: down)? (?:\S+ ){0,3}(?:rest|resting|stopping|stopped|sitting)",
    ), (*NOT_PALPITATION, POSTURAL)),
    Sign("cardiac", T, "palpitations", (PALPITATION,), NOT_PALPITATION),
    Sign("cardiac", E, "fainting during exercise", (EXERTIONAL_FAINT,), NOT_EXERTIONAL),
    # the effort told first, the fall later in the story: "going up the last hill rep ... went down like a sack"
    Sign("cardiac", E, "fainting during exercise", (
        r"(?:going|running|sprinting|halfway) up (?:\S+ ){0,3}(?:hill|climb|rep)|(?:hill|last|final) reps?|mid (?:run"
        r"|race|rep|tempo|sprint)|halfway through (?:the |my |a )?(?:sprint|race|run|rep|tempo|parkrun)",
        r"{COLLAPSE}",
    ), (*NOT_EXERTIONAL, JOKING, r"(?:read|watched|saw) (?:\S+ ){0,4}(?:about|video|news|tv)")),
    # the same years ago: history that still needs a heart check before running (ESC 2020)
    Sign("cardiac", P, "fainting during exercise in the past", (EXERTIONAL_FAINT,), NOT_EXERTIONAL),
    Sign("cardiac", T, "dizziness", (
        r"dizzy|dizziness|light ?headed|light ?headedness|woozy|room (?:was )?spinning|vertigo|faint (?:feeling"
        r"|spells?)"
        r"|dizzy spells?|funny turns?|(?:feel|felt|feeling|going|went) (?:a bit |really |very )?faint"
        # nearly fainting, in the future tense runners use for it: "felt like I was going to pass out"
        r"|(?:going to|gonna|about to) (?:\S+ ){0,1}(?:pass out|faint|black out|keel over|collapse)",
    ), (JOKING, NOT_FED, r"(?:with|from) (?:excitement|joy|happiness|nerves|relief|pride|hunger|laughing|laughter)"
        r"|spinning class|spin class|altitude|acclimati\w*|(?:giving|gave|given|donat\w*) blood"
        r"|roundabout|rollercoaster|(?:was|were|is|got|are) (?:\S+ ){0,2}dizzy with|(?:spinning|spun"
        r"|twirl\w*) (?:\S+ )?"
        r"(?:round|around)", POSTURAL, EXERTION_DIZZY)),
    Sign("cardiac", T, "dizziness", (
        r"dizzy|dizziness|light ?headed|light ?headedness|woozy|faint (?:feeling|spells?)", RECURRING,
    ), (JOKING, POSTURAL, NOT_FED, r"(?:with|from) (?:excitement|joy|happiness|nerves|relief|pride|hunger|laughing"
        r"|laughter)|(?:was|were|is|got|are) (?:\S+ ){0,2}dizzy with|spinning class|spin class|roundabout"
        r"|rollercoaster")),
    Sign("cardiac", P, "a family history of sudden death or an inherited heart condition", (
        r"(?:dropped dead|died suddenly|sudden (?:cardiac )?death|sudden death|cardiac arrest|heart attack"
        r"|died of a heart"
        r"|died (?:\S+ ){0,3}(?:running|playing|training|in (?:his|her|their) (?:sleep|20s|30s|teens))"
        r"|died (?:very |so |really )?(?:suddenly|out of the blue|without warning)|went the same way"
        r"|(?:went|died|passed|gone|dropped) at (?:[1-4]\d)(?![0-9])"
        r"|inherited (?:heart|cardiac)?|hereditary|runs in (?:the|my) family|hcm|hypertrophic cardiomyopathy"
        r"|cardiomyopathy|long qt|brugada|marfan|wolff parkinson|wpw)",
        r"(?:dad|father|mum|mother|brother|sister|cousin|uncle|aunt|grandad|grandfather|grandma|nan|family|relative"
        r"|son|daughter|twin|sibling|parent|inherited|hereditary|genetic|hcm|cardiomyopathy|long qt|brugada|marfan"
        r"|wolff parkinson|wpw)",
    ), (r"(?:hes|shes|he is|she is|theyre|they are) (?:\S+ ){0,2}(?:fine|ok|okay|well|grand|good) (?:now|these days)"
        r"|how common|just curious|(?:totally |completely )?unrelated"
        r"|(?:friend|friends|mate|mates|colleague|colleagues|neighbour|neighbours|boss|partners?)"
        r" (?:\S+ ){0,1}(?:dad|father|mum|mother|brother|sister|uncle|aunt|cousin|grandad|grandma) (?:\S+ ){0,4}heart"
        r" attack"
        r"|(?:at|aged|age) (?:[6-9]\d|1\d\d)|in (?:his|her|their) (?:60s|70s|80s|90s|sixties|seventies|eighties"
        r"|nineties)|old age",)),
    Sign("cardiac", T, "palpitations", (
        r"fluttery|flutter(?:s|ed|ing)?|skippy|skipping(?: about| around)?|all of a flutter|out of rhythm|irregular",
        r"heart|hearts|heartbeat|heart beat|ticker|pulse|heart rate|hr",
    ), (*NOT_PALPITATION, r"skipped a beat|(?:heart|hearts) (?:\S+ ){0,2}skip(?:ped|s)? a beat|butterflies")),
    Sign("cardiac", T, "palpitations", (
        r"(?:heart|hr|heart rate|pulse|bpm|watch) (?:\S+ ){0,5}?(?:2[1-9]\d|[3]\d\d)(?! ?(?:m|metres|meters|k|km|yards"
        r"|miles|kcal|calories|steps|spm|watts|w))",
        r"(?:lasted|for|about|like|stayed|stuck|sat) (?:\S+ ){0,1}(?:about |like |around )?(?:\d+|ten|fifteen|twenty"
        r"|thirty)"
        r" ?(?:mins?|minutes)",
    ), NOT_PALPITATION),
    # --- breathing: asthma attack, inhaler not helping, can't speak in sentences, blue lips -------------------
    Sign("breathing", E, "trouble breathing", (
        r"{CANT} (?:\S+ ){0,1}(?:breathe|breath|breathing|get (?:\S+ ){0,2}(?:air|breath)(?! back)|get (?:a )?(?:proper"
        r" |full |deep )?breath in)|struggling (?:for|to get) (?:breath|air)|fighting for (?:breath|air)"
        r"|(?:short|out) of breath (?:\S+ ){0,3}(?:at rest|lying|sitting|resting|in bed|while resting|on the sofa)",
    ), (r"(?:got|get|getting|caught|catch) (?:my |his |her )?breath back|back to normal|once i stopped"
        r"|after (?:a|the) (?:sprint|800|400|200|rep|interval)",)),
    Sign("breathing", E, "too breathless to speak", (
        r"(?:{CANT}|(?:can|could) (?:barely|hardly|only just)) (?:\S+ ){0,2}(?:speak|talk|finish (?:a |my |her |his )?"
        r"sentences?|get (?:\S+ ){0,2}(?:words?|sentences?) out)"
        r"|(?:only|just) (?:get|say|manage|getting) (?:\S+ ){0,3}words"
        r"|{CANT} (?:say|get out|manage|speak) more than (?:a |one |two |three |a few |\d )?(?:words?|couple)"
        r"|(?:too|so) (?:out of breath|breathless|puffed"
        r"|winded) to (?:talk|speak)|(?:one|two|three|[1-3]|a few) words? (?:\S+ ){0,2}(?:at a time|between (?:gasps"
        r"|breaths))|ribs (?:\S+ ){0,2}(?:sucking|sucked|pulling) in|sucking in (?:\S+ ){0,2}ribs",
        r"breath\w*|gasps?|gasping|puffed|puffing|panting|winded|wheez\w*|{ASTHMA}|air|ribs|{CHEST}",
    )),
    Sign("breathing", E, "trouble breathing", (
        r"(?:sats|saturation|spo2|oxygen) (?:\S+ ){0,4}(?:[5-8]\d|9[0-1])(?: ?%| percent)?(?![0-9])|tripod\w*"
        r"|(?:rr|resp rate|respiratory rate|breathing rate|breaths a minute) (?:\S+ ){0,1}(?:3[5-9]|[4-9]\d)(?![0-9])",
    ), (r"(?:altitude|everest|kilimanjaro|at \d{4} ?m)",)),
    Sign("breathing", E, "blue or grey lips", (
        r"(?:lips|face|fingers|fingertips|mouth|skin) (?:\S+ ){0,4}(?:{BLUE})"
        r"|(?:{BLUE}) (?:\S+ ){0,2}(?:lips|face)|turning blue|turned blue|went blue",
    ), (r"(?:toes|fingers) (?:\S+ ){0,3}(?:cold|white|raynaud)|raynaud|blue (?:shoes|top|kit|shirt)|blue in the face"
        r"|(?:from|after) (?:the |a |that |my )?(?:\S+ )?(?:slush\w*|lolly|lollies|ice pops?|sweets|blueberr\w*|dye"
        r"|face paint|lipstick|filter)", PHOTO)),
    Sign("breathing", E, "an asthma attack the inhaler isn't helping", (
        r"(?:inhaler|ventolin|salbutamol|reliever|puffer|blue pump|pump) (?:\S+ ){0,4}(?:not (?:helping|working)"
        r"|isnt (?:helping|working)|didnt (?:help|work|do)|did nothing|does nothing|doing nothing|no help|no difference"
        r"|not making|hasnt (?:helped|worked))"
        r"|(?:\d+|ten|several|lots of|loads of|multiple) puffs (?:\S+ ){0,6}(?:still|not|no better|worse)"
        r"|(?:still|getting worse|worse) (?:\S+ ){0,4}(?:after|despite) (?:\S+ ){0,3}(?:inhaler|puffs|ventolin)"
        r"|asthma attack",
    ), (r"insulin pump",)),
    Sign("breathing", T, "breathlessness or wheezing that is new or getting worse", (
        r"short(?:ness)? of breath|shortnes of breath|breathlessness|wheezing|wheezy|wheeze|wheezed"
        r"|(?:trouble|difficulty|problems?) (?:with )?breathing|hard to breathe"
        r"|{CANT} catch (?:my |his |her )?breath"
        r"|breathless (?:\S+ ){0,4}?(?:easy|slow|walking|stairs|rest|every run|all the time|lately|recently|lying"
        r"|sitting|for days|for weeks)"
        r"|(?:walking|stairs|easy runs?|easy pace|slow runs?|at rest) (?:\S+ ){0,3}(?:breathless|out of breath)"
        r"|asthma (?:\S+ ){0,3}(?:bad|worse|rough|flaring|flared|playing up|terrible|awful)"
        r"|(?:needing|need|needed|using|used|taking|took|reaching for) (?:my |the )?(?:inhaler|reliever|puffer|ventolin"
        r"|salbutamol|blue pump) (?:\S+ ){0,3}(?:more|every|before and after|all the time|loads|daily|most days"
        r"|(?:\d+|several|a few|few|many|multiple|three|four|five|six) (?:times|x) (?:a|per|each) (?:day|night))"
        r"|(?:coughing|cough|wheezing) (?:\S+ ){0,3}(?:at night|in the night|wakes|waking)"
        r"|(?:chest|breathing|breath|lungs) (?:\S+ ){0,2}(?:whistl\w*|rattl\w*|crackl\w*)|whistl\w* (?:\S+ ){0,2}chest",
    ), (r"(?:cold|freezing|icy|frosty|winter) (?:\S+ ){0,3}(?:air )?(?:makes|gives) (?:\S+ ){0,2}"
        r"(?:wheez\w*|breathless\w*)",
        r"(?:got|get|getting|caught|catch) (?:my |his |her )?breath back|back to normal (?:\S+ ){0,2}(?:within|after"
        r"|in)|recovered (?:within|after|in)|until (?:i|you) (?:\S+ ){0,1}warm(?:ed)? up|first (?:mile|km|kilometre"
        r"|few minutes|10 minutes|ten minutes)|(?:then|after that) (?:\S+ ){0,2}(?:fine|settles|ok|okay)"
        r"|(?:fine|ok|okay|settles|settled|eased|cleared|goes) (?:once|when|after) (?:\S+ ){0,2}warm\w*", JOKING,
        EXERTION_BREATHLESS, TALK_TEST, CONTROLLED)),
    # breathless where effort does not explain it (easy runs, walking, stairs, at rest) or new for weeks: the
    # runner's own "probably just unfit" is a guess, not the explanation (NHS "Shortness of breath")
    Sign("breathing", T, "breathlessness or wheezing that is new or getting worse", (
        r"(?:short|out) of (?:breath|puff)|breathless\w*|{CANT} (?:\S+ ){0,1}catch (?:my |his |her )?breath|puffed out"
        r"|gasping|panting|winded|gassed|huffing|puffing|sucking (?:air|wind)",
        r"(?:on|during) (?:\S+ ){0,1}(?:easy|slow|gentle|recovery) (?:runs?|jogs?|pace|miles)|walking|stairs|at rest"
        r"|on the flat|(?:normally|usually|used to) (?:\S+ ){0,3}(?:manage|do|run|fine|no bother|no problem|chat)"
        r"|(?:on|during) (?:an? )?(?:easy|slow|gentle) (?:\d+ ?k|parkrun|jog|plod)|easy \d+ ?k"
        r"|(?:these|the) (?:last )?(?:few )?days"
        r"|lying|sitting|in bed|new for me|never used to|for (?:days|weeks)|(?:\d+|a few|two|three|four|several)"
        r" weeks|(?:lately|recently) (?:\S+ ){0,2}(?:easy|walking|stairs)",
    ), (r"(?:each|every) week (?:\S+ ){0,3}(?:better|easier|improving)|getting (?:better|easier)",
        r"(?:cold|freezing|icy|frosty|winter) (?:\S+ ){0,3}(?:air )?(?:makes|gives) (?:\S+ ){0,2}(?:wheez\w*"
        r"|breathless\w*)",
        r"(?:got|get|getting|caught|catch) (?:my |his |her )?breath back|back to normal (?:\S+ ){0,2}(?:within|after"
        r"|in)|recovered (?:within|after|in)|until (?:i|you) (?:\S+ ){0,1}warm(?:ed)? up|first (?:mile|km|kilometre"
        r"|few minutes|10 minutes|ten minutes)|how (?:should|do"
        r"|can) (?:i|you|we) (?:\S+ ){0,2}breath\w*|how (?:am i|are you|do i) (?:meant"
        r"|supposed) to breathe", TALK_TEST, JOKING, UPHILL,
        CONTROLLED)),
    # needing to be propped up to breathe at night, or waking gasping: breathlessness lying flat, a sign of the
    # heart or lungs failing (NHS "Shortness of breath": see a GP urgently)
    Sign("breathing", T, "breathlessness lying down or at night", (
        r"(?:prop\w*|sit\w*|sat) (?:\S+ ){0,2}up (?:\S+ ){0,4}(?:pillows?|to breathe|to (?:get|catch) (?:my |a )?"
        r"breath)|(?:extra|more|two|three|four|five|several|stack of|pile of|[2-9]) pillows"
        r"|(?:wake|woke|waking|wakes|woken) (?:\S+ ){0,4}(?:gasping|breathless|short of breath|fighting for breath"
        r"|struggling to breathe|cant breathe)"
        r"|(?:cant|couldnt) (?:\S+ ){0,1}(?:lie|lay|sleep) flat",
        r"breath\w*|gasp\w*|puff\w*|stairs|wind\w*|air",
    ), (r"nightmare|bad dream|(?:feet|legs|leg|foot) (?:\S+ ){0,1}up|elevat\w*"
        r"|gasping for (?:a |some )?(?:water|drink|cuppa|tea|coffee"
        r"|brew|pint|beer)", JOKING)),
    Sign("breathing", T, "breathlessness lying down or at night", (
        r"(?:cant|couldnt|cannot) (?:\S+ ){0,1}(?:lie|lay|sleep) flat (?:\S+ ){0,2}without (?:\S+ ){0,1}(?:gasp\w*"
        r"|(?:getting |feeling |being )?(?:breathless|short of breath|wheez\w*)|struggling for breath|choking)",
    )),
    # a tight chest with asthma named is the asthma's (NHS "Asthma"): getting worse needs a doctor today, and the
    # severity signs above (can't speak, blue lips, reliever not helping) make it an emergency
    Sign("breathing", T, "breathlessness or wheezing that is new or getting worse", (
        r"{CHEST} (?:\S+ ){0,3}?{CHEST_TIGHT}|{CHEST_TIGHT} (?:\S+ ){0,2}?{CHEST}", r"{ASTHMA}",
    ), (JOKING, r"(?:then|after that|and) (?:\S+ ){0,2}(?:im |i was |it was |its )?(?:fine|ok|okay|settles|settled)"
        r"|first (?:few )?(?:mins|minutes|mile|km)")),
    # --- anaphylaxis: swelling of the lips, tongue or throat; wheeze or faintness after a trigger -------------
    # the reliever needed far more than usual: asthma out of control (NHS "Asthma": see a GP)
    Sign("breathing", T, "needing your reliever inhaler far more than usual", (
        r"(?:blue |reliever )?(?:inhaler|reliever|puffer|ventolin|salbutamol)",
        r"(?:\d+|several|loads of|many|ten|eight|six) times a day (?:\S+ ){0,6}(?:normally|usually|when its normally)"
        r"|(?:far|way|much|loads|a lot) more (?:\S+ ){0,2}(?:than usual|than normal|often)",
    ), (JOKING,)),
    Sign("anaphylaxis", E, "swelling of the lips, tongue, face or throat", (
        r"(?:lips?|tongue|mouth|throat|face|cheeks?|eyelids?|eyes) (?:\S+ ){0,3}(?:swelling|swelled|swollen|swell"
        r"|puffing up|puffed up|puffy|blowing up|blew up|ballooning|ballooned|closing|closed|tight|tightening"
        r"|itchy and swollen|huge|massive|enormous|twice the size)|(?:tongue|lips?) (?:\S+ ){0,3}(?:too big|so big|fat"
        r"|thick)"
        r"|(?:swelling|swollen|puffy) (?:\S+ ){0,2}(?:lips?|tongue|throat|face|cheeks?)"
        r"|throat (?:\S+ ){0,5}?(?:closing|closed|tight|tightening|narrowing|swelling)"
        r"|(?:voice|speech) (?:\S+ ){0,3}(?:funny|hoarse|croaky|strange|weird|different)"
        r"|(?:hard|difficult|struggling|cant|trouble) (?:\S+ ){0,1}(?:to )?swallow(?:ing)?",
        r"(?:lips?|tongue|mouth|throat|face|eyelids?|voice|swallow\w*)",
    ), (r"(?:face|cheeks) (?:\S+ ){0,3}(?:red|beetroot|flushed)|after (?:a |the )?(?:fall|crash|faceplant)"
        r"|hit (?:my )?face|sore throat|throat (?:\S+ ){0,2}sore|scratchy throat|cold|flu|hay ?fever|tonsil",)),
    Sign("anaphylaxis", E, "a severe allergic reaction", (
        r"anaphyla\w*|epi ?pen|epipens|adrenaline (?:pen|auto ?injector|injector|shot)|auto ?injector|jext|emerade",
    ), (r"(?:have|got|own|carry|carries|carrying|bring|take|remember) (?:\S+ ){0,2}(?:epi ?pen|auto ?injector)"
        r"(?! (?:\S+ ){0,3}(?:used|needed|didnt))",)),
    Sign("anaphylaxis", E, "breathing trouble or faintness after a sting or food", (
        r"{ALLERGEN}",
        rf"wheez\w*|{BREATHLESS}|{FAINT}|(?:hard|difficult|struggling|trouble) (?:\S+ ){{0,1}}(?:to )?breath\w*"
        r"|(?:face|lips?|tongue|throat|eyes?|eyelids?) (?:\S+ ){0,3}(?:swell\w*"
        r"|puff\w*|shut|closing)|hives all over|itchy (?:everywhere|all over)|hoarse|croaky"
        r"|(?:voice|speech) (?:\S+ ){0,4}(?:muffled|pillow|thick|different)|mouth (?:\S+ ){0,3}(?:stuffed|cotton wool"
        r"|thick)"
        r"|(?:voice|throat) (?:\S+ ){0,2}(?:funny|gone|going|tight"
        r"|closing)|heart (?:\S+ ){0,2}(?:pounding|racing|hammering)|(?:all over|spreading) (?:\S+ ){0,3}(?:faint|dizzy"
        r"|light ?headed|wheez\w*|breath\w*)",
    ), (r"nettles?|midges?|mosquito|hay ?fever|pollen|(?:with|from) hunger|hungry|before breakfast|empty stomach",
        NOT_FED)),
    # whatever set it off (food at an aid station, a sting, a new washing powder): swelling with breathing trouble,
    # faintness or dread, or hives all over with the same
    Sign("anaphylaxis", E, "swelling of the lips, tongue, face or throat", (
        r"(?:face|lips?|tongue|throat|mouth) (?:\S+ ){0,4}(?:swell\w*|swollen|puff\w*|ballooned|blown up)",
        rf"{ALLERGY_GRAVE}|something (?:\S+ ){{0,1}}(?:terrible|awful|bad) (?:\S+ ){{0,2}}(?:happen\w*)"
        r"|(?:going|gonna) to die"
        r"|sense of doom|doom|hoarse|croaky|cant swallow",
    ), (r"dental|dentist|filling|tooth|punched|hit in the face|fell on (?:my |his |her )?face|sunburn\w*",)),
    Sign("anaphylaxis", E, "breathing trouble or faintness after a sting or food", (
        r"hives|welts|rash|itchy (?:bumps|lumps|blotches)|blotch\w*",
        rf"(?:face|lips?|tongue|throat|eyes?|eyelids?) (?:\S+ ){{0,3}}(?:swell\w*|puff\w*|shut|closing)"
        rf"|{ALLERGY_GRAVE}",
    ), (r"nettles?|heat rash|sweat rash|chafing",)),
    # --- DVT and pulmonary embolism ------------------------------------------------------------------------
    Sign("dvt-pe", T, "a swollen, warm calf", (
        r"blood clots?|clot|clots|dvt|deep vein thrombosis|thrombosis|embolism"
        r"|one (?:leg|calf) (?:is )?(?:\S+ ){0,2}(?:more swollen|bigger|fatter|thicker|puffier)"
        r"|(?:leg|calf) (?:\S+ ){0,3}(?:more swollen|bigger|fatter|thicker|puffier) than the other",
    ), (r"clots? (?:in|with) (?:my )?(?:period|menstrual)|clotted cream",)),
    Sign("dvt-pe", T, "a swollen, warm calf", (
        r"{CALF} (?:\S+ ){0,4}?{SWELL}|{SWELL} (?:\S+ ){0,2}?{CALF}|{CALF} (?:\S+ ){0,4}(?:warm(?!(?:ed|ing)? up"
        r"| down)|hot|red"
        r"|throbbing)",
        r"warm(?!(?:ed|ing)? up| down)|warmer|hot|hotter|red|redness|throbbing|{TRAVEL}|one side|only one"
        r"|than the other",
    ), (r"hot weather|in the heat|hot day|red shoes|cramp|cramps|goes in a minute|both (?:calves|legs)",)),
    # one calf swollen, warm and red, said anywhere in the message: a calf muscle strain is rarely all three, and
    # members often guess "cramp?" (NHS "DVT")
    Sign("dvt-pe", T, "a swollen, warm calf", (
        r"(?<!both )(?:calf|lower leg|one leg|(?:left|right) leg)(?! muscles)|back of (?:my |the |his |her )?(?:leg"
        r"|knee)"
        r"|behind (?:my |the |his |her )?knee|leg below the knee",
        r"{SWELL}",
        r"warm(?!(?:ed|ing)? up| down)|warmer|hot|hotter|red|redness",
    ), (r"hot weather|red shoes|hot bath|hot water|sunburn\w*|both (?:calves|legs)|calves|cramp"
        r"|cramps"
        r"|(?:kicked|kick|knock|knocked|bang|banged|stud|studs|tackle|fell|fall) (?:\S+ ){0,3}(?:calf|leg|shin)",)),
    Sign("dvt-pe", T, "a swollen, warm calf", (
        r"(?:calf|leg) (?:\S+ ){0,8}(?:bigger|fatter|thicker|puffier|more swollen) than the (?:other|left|right)"
        r"|(?:one|right|left) (?:calf|leg) (?:\S+ ){0,4}{SWELL}",
        r"pill|contracepti\w*|hrt|{TRAVEL}|{PREGNANT}|operation|surgery|no (?:injury|knock)|than the (?:other|left"
        r"|right)"
        r"|tender|squeeze|warm|red",
    ), (r"both (?:calves|legs)|cramp(?!\?)|kick\w*|knock(?:ed)? (?:it|my)|(?:years?|months?) ago",)),
    Sign("dvt-pe", E, "breathlessness or chest pain with a swollen leg", (
        r"{CALF} (?:\S+ ){0,4}?(?:{SWELL}|sore|tender|warm|hot)|{SWELL} (?:\S+ ){0,2}?{CALF}|dvt|clot|{TRAVEL}"
        r"|(?:sore|tender|painful|achy|aching) {CALF}",
        rf"{BREATHLESS}|{{CHEST}} (?:\S+ ){{0,3}}{{CHEST_FEEL}}|cough\w* (?:up )?blood|blood (?:\S+ ){{0,2}}cough\w*",
    )),
    Sign("dvt-pe", E, "sudden breathlessness with chest pain on breathing in", (
        rf"{{SUDDEN}} (?:\S+ ){{0,9}}(?:{BREATHLESS})|(?:{BREATHLESS}) (?:\S+ ){{0,5}}{{SUDDEN}}",
        r"(?:{PAIN}|sharp|stabbing|catches|catching) (?:\S+ ){0,5}(?:breathe|breathing|inhale|inhaling|breath in"
        r"|deep breath|breathe in)|(?:breathe|breathing|inhale|inhaling|breath) (?:\S+ ){0,4}(?:hurts|{PAIN}|sharp)"
        r"|cough\w* (?:up )?blood|(?:every|each) breath (?:\S+ ){0,4}(?:like a knife|knife|stab(?!l)\w*|sharp|hurts"
        r"|pain\w*)"
        r"|cough\w* (?:\S+ ){0,3}(?:pink|pinkish|red|bloody|blood stained) (?:spit|phlegm|froth|sputum|mucus)"
        # pain on breathing in (pleuritic): "a sharp stab in my chest every time I breathe in"
        r"|(?:{PAIN}|sharp|stab(?!l)\w*|catch\w*) (?:\S+ ){0,8}?(?:every time|each time|whenever|when|if)"
        r" (?:i |you |he |she )?(?:breathe|breath|inhale|take a (?:deep |big )?breath)",
    )),
    Sign("dvt-pe", E, "sudden breathlessness with chest pain on breathing in", (
        r"(?:sharp|stab(?!l)\w*|knife|catch\w*) (?:\S+ ){0,4}(?:when|every time|whenever|as) (?:i |you |he "
        r"|she )?(?:breathe"
        r"|take a breath|breath)"
        r"|(?:every|each) breath (?:\S+ ){0,4}(?:like a knife|knife|stab(?!l)\w*|sharp|hurts|pain\w*)"
        r"|cough\w* (?:\S+ ){0,3}(?:pink|pinkish|red|bloody|blood stained) (?:spit|phlegm|froth|sputum|mucus)",
        r"{TRAVEL}|(?:on|taking) (?:the |my )?(?:pill|contracepti\w*|hrt)|{PREGNANT}|operation|surgery|puffing"
        r"|breathless\w*"
        r"|short of breath|cough\w*",
    )),
    Sign("dvt-pe", E, "coughing up blood with breathlessness", (
        r"cough\w* (?:\S+ ){0,4}blood|blood (?:\S+ ){0,3}cough\w*|blood in (?:my |his |her )?(?:spit|phlegm|sputum)",
        BREATHLESS,
    )),
)
# fmt: on
