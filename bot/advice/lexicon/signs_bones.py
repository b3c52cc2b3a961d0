"""Bone stress (by site), compartment syndrome, tendon rupture, the knee, and acute injuries.

Sources: Warden, Davis and Fredericson (2014), bone stress injuries in runners (focal tenderness, pain on
hopping, at rest or at night, pain that worsens run after run; femoral neck and pubic sites high risk); BJSM's
hip and groin consensus; NHS "Compartment syndrome" and BOA guidance (acute: pain out of proportion, a tense
limb, numbness — an emergency; chronic exertional: pain and tightness at the same point of every run, easing
on stopping); NHS "Achilles tendon rupture" (a pop, being kicked, can't stand on tiptoe); NHS "Knee pain"
(A&E when the knee locks or can't bear weight, or swells fast after an injury); the Ottawa ankle and knee rules.
Category ``bone-stress`` becomes ``bone-stress-<site>`` from the site the message names (categories.py).
"""

from __future__ import annotations

from bot.advice.lexicon.base import Severity, Sign

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

BONE_SITE = (
    r"shin|shins|shinbone|tibia|tibial|fibula|foot|feet|forefoot|midfoot|metatarsals?|navicular|heel|heels"
    r"|calcaneus|instep|hip|hips|groin|femur|femoral|thigh|pelvis|pelvic|pubic|pubis|sacrum|sacral|bum|buttocks?|butt"
    r"|sit bones?|bone|bones"
)
ONE_LEG = (
    r"(?:hop|hopping|hops|hopped)|(?:stand|standing|stood|balance|balancing) on (?:one|1|that|(?:my|his|her|the)"
    r" (?:left|right|bad|sore)) (?:leg|foot)|(?:land|landing|lands|landed|push|pushing|pushes|load"
    r"|loading) (?:\S+ ){0,1}(?:on|off"
    r"|through) (?:that|one|my (?:left|right|bad|sore)|the (?:left|right|bad|sore)) (?:leg|foot|side)"
)
# Pain that now comes with everyday walking or at night, said in passing ("now it's there walking to work too",
# "worse when I land on that leg and at night"): bone stress when it is on a bone site.
SPREADING = (
    r"(?:now|even|too|also|still|and) (?:(?!no |not |never |without )\S+ ){0,4}(?:walking|when (?:i|im) walk\w*|to walk"
    r"|walk to|walk around"
    r"|on (?:the )?stairs)|(?:walking|walk) (?:\S+ ){0,4}(?:too|as well|now)"
    r"|(?:and|or|also|even|especially|plus) (?:\S+ ){0,1}(?:at night|in bed|at rest|in the night|when resting"
    r"|lying down)|every step"
)
NOT_AFTER_A_RACE = (
    r"after (?:a |the |my )?(?:marathon|race|ultra|long run|downhill)|stairs are|quads?|blisters?|doms|stiff"
    r"|loosen|(?:lace|laces) (?:\S+ ){0,3}(?:press\w*|dig\w*|rub\w*)"
    r"|(?:sore|achy|aching) (?:\S+ ){0,2}after (?:\S+ ){0,3}runs? on",
)

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- bone stress: site-resolved -------------------------------------------------------------------------
    Sign("bone-stress", P, "signs of a bone stress injury", (
        r"stress (?:fractures?|fractrues?|reactions?|injur(?:y|ies))|bone stress|fractur(?:e|ed|es)|cracked (?:a )?bone"
        r"|broken (?:bone|toe|foot|metatarsal|hip|shin)|hairline (?:crack|fracture)",
    ), (r"(?:years?|months?) ago|(?:fully |completely )?healed|how (?:fast|quickly|soon) can i|(?:avoid|prevent)\w*"
        r"|(?:in|since|back in) (?:19\d\d|20[01]\d|202[0-4])(?![a-z0-9])|since with|zero (?:issues|problems)"
        r"|broke (?:my |a )?(?:pb|record)"
        # someone else's fracture, healed and cleared: a happy story, not a sign
        r"|pain free|cleared (?:her|him|them)|(?:she|he|shes|hes|theyre) (?:\S+ ){0,2}back running",)),
    Sign("bone-stress", P, "pain you can point to on the bone", (
        r"(?:pinpoint|one spot|a spot|tender spot|specific spot|single spot|one point|one sharp point|sharp point"
        r"|(?:one |an |a )?exact (?:spot|point|place)"
        r"|fingertip|finger ?tip|one place|one bone|tender lump|lump on (?:the|my) bone|one small area) (?:\S+ ){0,10}?"
        r"(?:bones?|tender\w*|{PAIN}|press|push|touch)"
        r"|(?:{PAIN}|tender\w*|kills) (?:\S+ ){0,4}(?:when|if) (?:i|you|u|he|she|someone) (?:press\w*|push\w*|touch\w*"
        r"|prod\w*|pok\w*|squeez\w*)|(?:squeez\w*|pinch\w*) (?:\S+ ){0,3}(?:from )?(?:both|either) sides"
        r"|(?:can|could) point to (?:\S+ ){0,1}(?:where|the spot|one spot|it)|(?:little |small )?(?:bump|lump)"
        r" (?:\S+ ){0,6}(?:tender|sore|{PAIN})"
        r"|(?:hurts|{PAIN}|tender) to (?:press|push|touch)(?: on)?"
        r"|(?:press\w*|push\w*|touch\w*) (?:on )?(?:one |an |a |the )?(?:exact |specific |single )?(?:spot|point)"
        r"|bone (?:\S+ ){0,2}(?:pain|ache|aches|aching|hurts|is sore|tender\w*|that hurts)|(?:pain|tender\w*|sore|ache)"
        r" (?:\S+ ){0,2}(?:on|in|of) (?:the |my |a )?(?:\S+ )?bone|(?:feels|feel|felt) like (?:\S+ ){0,2}bone"
        r"|(?:{PAIN}|sharp|tender\w*) (?:\S+ ){0,6}?(?:shin|foot|hip|thigh|heel|leg|pubic|pelvic|sit|toe) ?bones?"
        r"|(?:on|in|into) the bone|deep (?:\S+ ){0,2}(?:in|inside) (?:the |my )?(?:bone|hip|joint|groin|buttocks?|bum"
        r"|pelvis)|deep (?:\S+ ){0,1}(?:{PAIN}) (?:\S+ ){0,3}(?:groin|hip|pelvis|buttocks?|thigh bone)",
        BONE_SITE,
    ), (r"shin splints? (?:again|agai)|(?:funny|elbow)",)),
    Sign("bone-stress", P, "pain on hopping or standing on one leg", (
        rf"(?:{{PAIN}}|agony|wincing|wince|impossible|cant|cannot|couldnt|worse|sharp|stabs?|stabbing) (?:\S+ ){{0,5}}"
        rf"(?:{ONE_LEG})"
        rf"|(?:{ONE_LEG}) (?:\S+ ){{0,12}}?like (?:a |an )?(?:\S+ )?(?:nail|knife|needle|dagger|stab|spike|hammer)"
        rf"|(?:{ONE_LEG}) (?:\S+ ){{0,8}}?(?:hurts|{{PAIN}}|painful|sore|impossible|agony|wincing|kills|sharp|ouch"
        rf"|nope|no go|no chance"
        r"|no way)"
        rf"|{{CANT}} (?:\S+ ){{0,1}}(?:{ONE_LEG})",
        BONE_SITE,
    ), (r"(?:can|could) (?:\S+ ){0,1}(?:hop|stand on one leg) (?:\S+ ){0,2}(?:fine|ok|okay|no problem|without)",)),
    Sign("bone-stress", P, "pain at rest or at night", (
        r"night pain|keeps? (?:me|him|her) (?:up|awake) at night|wakes? (?:me|him|her) (?:up )?at night"
        r"|{PAIN} (?:\S+ ){0,7}?(?:at night|in the night|during the night|in bed|at rest|when resting"
        r"|when i rest|while resting|sitting still|(?:even )?when i lie down|lying down)|{PAIN} (?:\S+ ){0,5}?(?:wakes"
        r"|woke|waking|wake) me|(?:woken|woke|wakes|waking) (?:me )?(?:up )?(?:by|with|from|because of) (?:the |my )?"
        r"{PAIN}|(?:even )?at rest now|(?:throbs|throbbing|aches) (?:\S+ ){0,2}at night"
        r"|{PAIN} even (?:\S+ ){0,1}(?:when"
        r" )?(?:i )?(?:rest|resting|lying|lie down|sitting)",
    ), (r"(?:cramp|cramps|restless|stomach|tummy|belly|head|teeth|tooth|ear|throat)",)),
    Sign("bone-stress", P, "pain that keeps getting worse", (
        r"{PAIN} (?:\S+ ){0,5}?(?:getting|gets|got|growing|keeps getting|keep getting) worse"
        r"|more and more (?:sore|painful|tender)|(?:hurts|{PAIN}) more (?:each|every|with every|with each|after each)"
        r"|(?:coming on|comes on|starting|starts|kicking in|kicks in) (?:\S+ ){0,1}earlier (?:\S+ ){0,1}(?:each|every"
        r"|and earlier)"
        r"|worsening (?:\S+ ){0,2}(?:pain|ache)|{PAIN} (?:\S+ ){0,5}?(?:worse and worse|worse every|worse each"
        r"|worse by the)|(?:worse|more painful) (?:each|every|with every|with each) (?:run|mile|week|day)",
        BONE_SITE,
    )),
    Sign("bone-stress", P, "swelling on the top of the foot", (
        r"(?:top of (?:my |the )?foot|on (?:the )?top|instep|long bones|metatarsals?) (?:\S+ ){0,12}?{SWELL}"
        r"|{SWELL} (?:\S+ ){0,3}(?:on (?:the )?top"
        r"|(?:top|middle) of (?:my |the |his |her )?(?:left |right )?foot|instep)",
        r"foot|feet|metatarsals?|instep|toes",
        r"{PAIN}|limp\w*|hobbl\w*|{WALKING}",
    ), (r"pregnan\w*|ankles|(?:hot|heat|flight|plane)",)),
    Sign("bone-stress", P, "pain that now comes with walking or at night", (
        SPREADING, r"{PAIN}",
        r"shin|shins|shinbone|tibia|metatarsals?|forefoot|midfoot|(?:top|middle) of (?:my |the |his |her )?(?:left "
        r"|right )?foot|hip|groin|pelvis"
        r"|pelvic|pubic|tailbone|sacrum|buttocks?|bone|heel|(?:outer|outside) (?:edge|side) of (?:my |the |his |her )?"
        r"foot",
    ), (*NOT_AFTER_A_RACE, r"cramp|(?:stomach|tummy|belly|head|teeth|tooth|ear|throat)")),
    Sign("bone-stress-hip", T, "hip or groin pain with a limp or that stopped your run", (
        r"(?:hip|hips|groin|thigh bone|front pocket|crease) (?:\S+ ){0,3}(?:{PAIN})|(?:{PAIN}) (?:\S+ ){0,5}(?:hip"
        r"|hips|groin"
        r"|thigh bone|front pocket|crease)",
        r"had to (?:walk|hobble|limp|stop|get a lift)|every step|limp\w*|hobbl\w*|stopped (?:my|the|his|her) run"
        r"|{CANT} (?:\S+ ){0,2}stand on|{CANT} (?:\S+ ){0,2}(?:put (?:\S+ ){0,1}weight"
        r"|bear weight|take weight|run|jog)|(?:couldnt|cant) (?:\S+ ){0,1}(?:carry on|finish)"
        r"|(?:barely|hardly) (?:\S+ ){0,1}walk",
    ), (r"(?<!its a )(?<!its just a )(?<!just a )(?<!probably a )(?<!only a )tight (?:\S+ ){0,1}hip flexors?"
        r"|hip flexors? (?:\S+ ){0,2}tight|(?<!its )(?<!just )(?<!a )tight hips?(?! flexors?)|stiff|doms"
        r"|(?:after|from) (?:\S+ ){0,2}(?:squats|lunges|leg day|gym)",)),
    Sign("bone-stress", P, "pain when walking", (
        r"(?:{PAIN}|sharp|agony|kills) (?:\S+ ){0,4}(?:walk|walking|to walk|walk on|limp|limping|hobbl\w*|on the way"
        r" to work|going downstairs|down stairs|downstairs)|(?:walking|limping|hobbling) (?:\S+ ){0,3}(?:hurts|{PAIN}"
        r"|painful)|(?:limping|limps|limped|hobbling|hobbled)",
        r"shin|shins|shinbone|tibia|tibial|metatarsals?|forefoot|midfoot|(?:top|middle) of (?:my |the |his "
        r"|her )?(?:left |right )?foot"
        r"|hip|groin|pelvis|pelvic|pubic|bone|heel",
    ), (*NOT_AFTER_A_RACE, r"(?:no|not|without (?:a )?|never) (?:\S+ ){0,1}limp\w*")),
    # --- compartment syndrome ------------------------------------------------------------------------------
    Sign("compartment", E, "a tense, swollen leg with pain out of proportion", (
        r"(?:leg|legs|shin|shins|calf|calves|lower legs?|forearm|thigh) (?:\S+ ){0,9}(?:tight|hard|tense|shiny|{SWELL}"
        r"|rock hard|like a drum|as a drum|burst\w*)|(?:tight|tense|hard) (?:\S+ ){0,2}(?:calf|shin|leg)",
        r"(?:pain|painkillers?|ibuprofen|paracetamol|co ?codamol|codeine|tablets|pills) (?:\S+ ){0,4}(?:way worse"
        r"|worse than it"
        r" should|out of proportion"
        r"|(?:way )?too much|more than (?:it |a kick |that )?should|way more"
        r"|doing nothing|did nothing|(?:not|arent|isnt|hasnt|havent|didnt) (?:\S+ ){0,1}(?:helping|helped|touching"
        r"|touched|working|worked)|unbearable)|{SEVERE_PAIN}|even (?:after|with) (?:\S+ ){0,2}(?:painkillers?|ibuprofen"
        r"|paracetamol|pills|tablets)",
        r"numb\w*|tingl\w*|pins and needles|(?:foot|toes) (?:\S+ ){0,2}(?:dead|cold|pale|wont move)"
        r"|{CANT} (?:\S+ ){0,1}"
        r"(?:move|feel) (?:my )?(?:foot|toes)|kick|kicked|fell|fall|crash|blow|impact|tackle|stamped",
    )),
    # after a blow the limb may not be said to be tight: pain out of proportion with numbness, or agony when the
    # toes are moved for you (pain on passive stretch), is the sign clinicians check first
    Sign("compartment", E, "a tense, swollen leg with pain out of proportion", (
        r"(?:pain|hurts?|hurting) (?:\S+ ){0,4}(?:way worse|worse than it should|out of proportion|way more|far more"
        r"|more than (?:it |a kick |that )?should)|{SEVERE_PAIN}|screams?|screaming|agony",
        r"(?:numb\w*|tingl\w*|pins and needles)|(?:bend|bending|bent|move|moving|moved|pull\w*|stretch\w*|touch\w*)"
        r" (?:\S+ ){0,3}(?:toes|foot|ankle)",
        r"kick|kicked|fell|fall|crash|blow|impact|tackle|stamped|stood on|trodden|whack\w*|knock\w*|hit|boot\w*"
        r"|studs?|took a (?:\S+ ){0,1}(?:ball|stick|club|bat)",
        r"leg|legs|shin|shins|calf|calves|lower legs?|forearm",
    )),
    Sign("compartment", E, "a tense, swollen leg with pain out of proportion", (
        r"burst\w*|shiny|rock hard|hard as (?:a )?(?:rock|wood|plank)|like (?:wood|a plank|a drum)|tense",
        r"shin|shins|calf|calves|lower leg|front of (?:my |the |his |her )?(?:leg|shin)",
        r"(?:cant|barely|hardly|can barely|can hardly) (?:\S+ ){0,1}(?:lift|move|feel|bend) (?:my |his |her )?(?:toes"
        r"|foot)"
        r"|numb\w*|tingl\w*|pins and needles",
    )),
    Sign("compartment", P, "leg pain and tightness that comes at the same point of every run", (
        r"(?:shins?|calf|calves|lower legs?|legs|front of (?:my |the )?legs?) (?:\S+ ){0,6}(?:tight|tighten\w*"
        r"|tightness|burning|pressure|concrete|bursting|swell\w*|hard|numb)|(?:tightness|pressure|burning"
        r"|bursting) (?:\S+ ){0,6}(?:shins?"
        r"|calf|calves|lower legs?)",
        r"(?:every|each|same point|same time|same distance|same place|at about|after about|at around|always at)"
        r" (?:\S+ ){0,4}(?:run|runs|point|time|minutes?|mins?|\d+ ?k|km|miles?)"
        r"|same point (?:\S+ ){0,2}(?:every|each)|(?:after|about|around) (?:\d+|ten|fifteen|twenty|five) (?:mins?"
        r"|minutes) (?:\S+ ){0,2}(?:of )?(?:running|jogging|in)",
        r"(?:ok|okay|fine|better|eases|goes away|go away|goes|settles|disappears|fades|gone|stops) (?:\S+ ){0,4}(?:once"
        r"|when|after"
        r"|as soon as|within|minutes|mins) (?:\S+ ){0,2}(?:i )?(?:stop|stopping|stopped|rest|walking|walk)"
        r"|(?:fine|ok|okay|better) (?:\S+ ){0,3}(?:after|once) (?:\S+ ){0,2}(?:stopping|resting|a rest)"
        r"|(?:have|had|has) to (?:\S+ ){0,1}(?:stop|walk)"
        r"|(?:after|once|when|as soon as) (?:\S+ ){0,2}(?:stop|stopping|stopped|rest|resting) (?:\S+ ){0,3}(?:gone|fine"
        r"|ok|okay|better|disappears|goes|settles|eases)"
        r"|(?:gone|fine|ok|okay|better|eased) (?:\S+ ){0,1}(?:\d+|ten|five|a few|few) (?:mins?|minutes) (?:later|after)"
        r"|(?:\d+|ten|five|a few|few) (?:mins?|minutes) (?:later|after) (?:\S+ ){0,2}(?:gone|fine|ok|okay|better|eased"
        r"|normal)|(?:gone|fine|ok|okay|better|eased|settles|goes) (?:\S+ ){0,1}(?:in|within|after) (?:\d+|ten|five"
        r"|a few"
        r"|few|fifteen|twenty) (?:mins?|minutes)"
        r"|(?:stop|stopping) (?:\S+ ){0,3}"
        r"(?:goes away|eases|fine|settles)|(?:settles|eases|goes|fades|disappears|calms|subsides|better) (?:\S+ ){0,2}"
        r"(?:with|after|on|once|when) (?:\S+ ){0,1}(?:rest|resting|stopping|walking)",
    ), (r"cramp|cramps|goes in a minute",)),
    # --- tendon rupture ----------------------------------------------------------------------------------
    Sign("tendon-rupture", T, "a pop or snap", (
        r"(?:heard|felt|hear|feel) (?:a |an |this |something |like a |some )?(?:loud |audible |big |sudden |sort of"
        r" |sharp )?(?:pop|popp|popping|snap|snapping|crack|ping|tear|rip|ripping)\b"
        r"|something (?:\S+ ){0,1}(?:popped|snapped|went pop|went snap|tore|ripped|rip|gave way|went|pinged)"
        r"|(?:went|goes|gone) (?:pop|snap|ping)|(?:popped|snapped|pinged) (?:\S+ ){0,3}(?:sprint|hill|jump|step"
        r"|finish|rep|push)|sharp snap|(?:a|the) (?:pop|snap|ping)"
        r"|(?:achilles|tendon|hamstring|calf|quad|quads|patella|patellar) (?:\S+ ){0,2}(?:snapped|popped|ruptured"
        r"|tore|gone|went)|(?:kicked|hit|shot) (?:me )?(?:in )?(?:the )?(?:back of (?:my |the )?)?(?:leg|ankle|calf"
        r"|heel)|(?:like|as if) (?:someone|somebody) (?:kicked|hit|shot)|ruptur(?:e|ed|es)"
        r"|(?:torn|tore) (?:my |an |a )?(?:achilles|tendon|hamstring|calf|quad|patellar tendon)"
        r"|(?:dip|gap|dent|hollow) (?:\S+ ){0,3}(?:above|below) (?:\S+ ){0,1}(?:kneecap|knee cap)"
        r"|(?:kneecap|knee cap) (?:\S+ ){0,3}(?:higher|lower) than the other",
        r"achilles|tendon|heel|ankle|calf|hamstring|back of (?:my |the )?(?:leg|thigh|knee)|kneecap|knee cap|quad"
        r"|thigh|patella|tiptoe|tip toe|toes|push off",
    ), (r"(?<!above my )(?<!above the )(?<!above his )(?<!above her )(?:knee|acl|meniscus|ligament)(?! ?cap)",)),
    # a snap or a kick-like blow with the push-off or the straight leg gone: a rupture, for A&E now
    Sign("tendon-rupture", E, "a ruptured tendon", (
        r"{CANT} (?:\S+ ){0,1}(?:push off|go up on (?:my )?(?:toes|tiptoes?|tip toes)|stand on (?:my )?"
        r"(?:toes|tiptoes?|tip toes)|go on (?:my )?(?:toes|tiptoes?)|tiptoe|tip toe"
        r"|straighten (?:my |the |his |her )?(?:leg|knee)"
        r"|lift (?:my |the |his |her )?(?:leg|foot) (?:up )?straight)|walking flat footed|flat footed"
        r"|(?:leg|knee) (?:wont|wouldnt|doesnt|will not) straighten"
        r"|{CANT} (?:\S+ ){0,2}(?:a single |one )?(?:calf raise|heel raise|single leg raise)",
        r"(?:heard|felt|hear|feel) (?:\S+ ){0,2}(?:pop|snap|crack|ping)|(?:went|go|goes) (?:pop|snap|ping)"
        r"|something (?:\S+ ){0,1}(?:popped|snapped|gave|went|tore|ripped)|popped|snapped"
        r"|(?:like|as if) (?:someone|somebody) (?:had )?(?:kicked|hit|shot|whacked|lobbed|threw|thrown|chucked|booted"
        r"|smacked|punched)"
        r"|(?:dip|gap|dent|hollow) (?:\S+ ){0,4}(?:above|below|in|at|behind)|ruptur\w*|sitting higher",
    ), (r"(?:knee )?locked|locking|stuck bent|(?:years?|months?) ago",)),
    Sign("tendon-rupture", T, "can't push off, stand on tiptoe or straighten the leg", (
        r"{CANT} (?:\S+ ){0,1}(?:push off|go up on (?:my )?(?:toes|tiptoes?|tip toes)|stand on (?:my )?"
        r"(?:toes|tiptoes?|tip toes)|go on (?:my )?(?:toes|tiptoes?)|tiptoe|tip toe"
        r"|straighten (?:my |the |his |her )?(?:leg|knee)"
        r"|lift (?:my |the )?(?:leg|foot) (?:up )?straight)|walking flat footed|flat footed|(?:only|can only) shuffle",
        r"pop|popped|snap|snapped|rip|ripped|tear|tore|torn|kicked|achilles|tendon|heel|ankle|calf|jump|jumped|step"
        r"|sprint|kneecap|knee cap|rupture",
    ), (r"(?:knee )?locked|locking|stuck bent",)),
    # --- knee: locking, giving way, fast swelling after a twist --------------------------------------------
    Sign("knee", T, "a locked knee", (
        r"knees? (?:\S+ ){0,3}?(?:locked|locks|locking|stuck|jammed|wont straighten|cant straighten|wont bend)"
        r"|{CANT} (?:\S+ ){0,1}(?:straighten|bend|fully straighten) (?:my |the |his |her )?(?:knee|leg)",
        r"knees?",
    ), (r"locked eyes",)),
    # a hot, red knee with a fever: an infected joint (NHS "Septic arthritis": see a GP urgently)
    Sign("knee", T, "a hot, red, swollen knee with a fever", (
        r"knee (?:\S+ ){0,4}(?:hot|red|warm|inflamed)|(?:hot|red|warm|inflamed) (?:\S+ ){0,2}knee",
        r"temperature|fever\w*|shivery|shivering|chills|unwell|flu ?like",
    )),
    Sign("knee", T, "a knee that swelled fast after a twist or pop", (
        r"knee|acl|meniscus|cartilage|ligament",
        r"(?:swelled|swelling|swollen|ballooned|blew up|puffed up) (?:up )?(?:\S+ ){0,2}?(?:massively|straight away"
        r"|immediately|instantly|like a (?:balloon|grapefruit|melon|football)|badly|a lot|huge|hugely|within)"
        r"|(?:badly|massively|hugely|really|very|super|severely|extremely) swollen|size of an? (?:melon|golf ball"
        r"|tennis ball|orange|grapefruit|balloon|egg)|{CANT} (?:\S+ ){0,2}(?:weight bear|bear weight"
        r"|put (?:any )?weight)"
        r"|(?:popp?|pop|snap|crack|ping)\b|went sideways|twisted|twist",
        r"(?:swell\w*|swollen|puff\w*|balloon\w*|weight)",
    )),
    Sign("knee", P, "a knee that gives way or feels unstable", (
        r"knee (?:\S+ ){0,3}?(?:gives way|gave way|giving way|gives out|gave out|giving out|buckles|buckled|buckling"
        r"|unstable|wobbly|keeps going|clunks|clunking|catches|catching|sticks|slips|slipping|shifts|went sideways)"
        r"|(?:locking|giving way|gave way|buckling|gives out|gave out|catch\w*|jam\w*|clunk\w*) (?:\S+ ){0,3}knee"
        r"|knee (?:\S+ ){0,4}(?:jams|jammed|jamming|locks up|gets stuck)"
        r"|knee (?:\S+ ){0,3}(?:puffs up|swells up|swells) (?:\S+ ){0,2}(?:after|every)",
    ), (r"(?:a bit|slightly) stiff|stiff (?:\S+ ){0,3}(?:loosen|first thing)",)),
    Sign("knee", T, "a knee that swelled fast after a twist", (
        r"knee",
        r"twist\w*|pop\w*|turned|landed|went over",
        r"like an? (?:grapefruit|balloon|melon|orange|football|tennis ball)|(?:within|in) (?:an|the|half an) hour"
        r" (?:\S+ ){0,3}(?:swell\w*|swollen|puff\w*|like)|ballooned|blew up",
    )),
    # --- acute injury: can't bear weight, heavy swelling -------------------------------------------------
    Sign("acute-injury", T, "can't bear weight or walk", (
        r"{CANT} (?:\S+ ){0,1}(?:put|bear|take) (?:any |much |full )?weight|{CANT} (?:\S+ ){0,1}weight bear"
        r"|non weight bearing|{CANT} (?:\S+ ){0,2}(?:walk\b|walk on it|walk on my|stand up|stand on it|stand on my)"
        r"|(?:can|could) (?:barely|hardly|only just) (?:walk|stand|hobble)|limping badly|(?:couldnt|cant) walk home"
        r"|{CANT} (?:\S+ ){0,2}(?:4|four|a few|any|a single|one) steps?",
    ), (r"(?:cant|can barely|can hardly|could barely|could hardly) walk (?:\S+ ){0,2}(?:properly )?(?:down|up) ?stairs"
        r"|leg day|squats|lunges|(?:can|could) (?:barely|hardly) walk (?:\S+ ){0,4}"
        r"(?:doms|after (?:a |the |my )?(?:marathon|race|ultra|leg day|squats))|stairs are",)),
    # bone through or against the skin, or a limb pointing the wrong way: 999 (NHS "Broken bones")
    Sign("acute-injury", E, "a bone through the skin or a badly bent limb", (
        r"(?:looks?|looking|gone|is) (?:\S+ ){0,1}(?:wonky|deformed|misshapen|crooked|the wrong shape)|(?:bent"
        r"|pointing)"
        r" (?:\S+ ){0,1}(?:funny|weird|wrong|odd)"
        r"|(?:bone|bones|something|somethings) (?:\S+ ){0,2}(?:sticking|poking|pushing|coming|showing) (?:\S+ ){0,1}"
        r"(?:out|through|against) (?:\S+ ){0,1}(?:skin|the skin)|(?:bone|bones) (?:\S+ ){0,2}(?:sticking|poking) out"
        r"|bent like an? (?:s|z|banana|dinner fork|fork)|(?:gone|turned|going) (?:a )?(?:funny|weird|odd|blue|white"
        r"|grey"
        r"|purple|dusky) colou?r"
        r"|(?:pointing|facing|sitting|bent) (?:\S+ ){0,3}(?:a |at a )?(?:weird|wrong|funny|odd|strange) (?:way|angle"
        r"|direction)"
        r"|(?:bent|pointing|facing|twisted|turned) (?:\S+ ){0,2}(?:the wrong way|backwards|sideways)"
        r"|(?:see|seen|can see) (?:the )?bone",
        r"ankle|foot|wrist|knee|toe|leg|arm|hand|elbow|shoulder|shin|skin|fell|fall|slipped|landed",
    ), (r"(?:knee|elbow|thumb|finger)s? (?:\S+ ){0,2}bend (?:\S+ ){0,2}backwards|hypermobil\w*|double jointed",)),
    # a fall on the hand, then a wrist that swells, can't grip or is sore at the thumb side: a fracture until an
    # X-ray says otherwise (NHS "Broken wrist"; the scaphoid)
    Sign("acute-injury", T, "sudden heavy swelling or a misshapen joint", (

        r"(?:fell|fall|slipped|tripped|landed|came down|went down) (?:\S+ ){0,5}(?:hand|wrist|arm)"
        r"|(?:fell|fall|slipped|tripped|landed)",
        r"{CANT} (?:\S+ ){0,1}(?:grip|hold|turn|bend|move|lift|use)|{SWELL}|thumb side|snuff ?box",
        r"{CANT} (?:\S+ ){0,1}(?:grip|hold|turn|bend|move|lift|use)|(?:bone|thumb side|snuff ?box) (?:\S+ ){0,3}"
        r"(?:{PAIN}|tender)|(?:{PAIN}|tender) (?:\S+ ){0,4}(?:bone|thumb side|snuff ?box)",
        r"wrist|hand|thumb",
    ), (r"(?:years?|months?) ago|healed",)),
    # a wrist "bent like a dinner fork" after a fall: the classic broken wrist
    Sign("acute-injury", T, "sudden heavy swelling or a misshapen joint", (
        r"(?:bent|shaped|looks?) like a (?:dinner |silver )?fork|dinner fork",
    )),
    Sign("acute-injury", T, "sudden heavy swelling or a misshapen joint", (
        r"(?:swelled|swelling|swollen|ballooned|blew up) (?:up )?(?:\S+ ){0,1}?(?:massively|straight away"
        r"|immediately|instantly|like a balloon|badly|a lot|huge|hugely)|swelled up"
        r"|(?:badly|massively|hugely|really|very|super|severely|extremely) swollen"
        r"|(?:severe|massive|huge|lots of|a lot of|loads of|significant) swelling"
        r"|(?:the )?size of an? (?:melon|golf ball|tennis ball|orange|grapefruit|balloon|egg|cricket ball)"
        r"|like an? (?:melon|golf ball|tennis ball|orange|grapefruit|balloon|cricket ball)"
        r"|(?:looks|look|is|was) (?:\S+ ){0,1}(?:deformed|misshapen|the wrong shape|bent|out of place)|dislocat\w*"
        # a joint out of shape, however it is said (Ottawa rules: deformity needs an X-ray the same day)
        r"|(?:bent|deformed|misshapen|crooked|wonky) looking|looks? (?:\S+ ){0,2}(?:crooked|wonky|deformed"
        r"|misshapen)|(?:at|sitting at|pointing at) (?:a |an )?(?:weird|funny|odd|strange|wrong|awkward|horrible)"
        r" angle|(?:bent|pointing) (?:sideways|the wrong way|backwards)|bent (?:funny|weird|wrong|odd)"
        r"|(?:swelling|swelled|swollen|swells) (?:up )?(?:really |super |so )?(?:fast|quickly|rapidly|straight away)",
        r"ankle|foot|wrist|knee|toe|finger|leg|arm|hand|elbow|shoulder|rolled|twisted|fell|fall|landed",
    ), (r"lips?|tongue|throat|face|fingers (?:\S+ ){0,2}(?:puffy|swollen)",)),
)
# fmt: on
