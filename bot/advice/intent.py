"""What a question asks about: the topic of the first cue it names ("how long should I warm up before a race
on a freezing morning" asks about warming up; the freezing morning is its setting). The search boosts that
topic's tips as it does a topic the member picks, so a rare word of the setting ("freezing", "workout") does not
outrank the subject. Cues are the words members use for a topic, not the library's wording.
"""

from __future__ import annotations

import re
from functools import lru_cache

CUES: tuple[tuple[str, str], ...] = (
    # a massage or a physio: choosing between them asks who to see
    (
        "professional",
        r"(?:sports )?massage (?:\S+ ){0,6}(?:or|vs|versus) (?:\S+ ){0,5}physio\w*"
        r"|physio\w* (?:\S+ ){0,4}(?:or|vs|versus) (?:\S+ ){0,4}(?:sports )?massage",
    ),
    # how to warm up, or a warm-up routine, asks for the routine itself, whatever it is before (timed to the start
    # line or race morning, it is the race's morning below)
    (
        "stretching",
        r"(?:how (?:should|do|can|to|would) (?:i |you |we )?(?:best )?warm(?:ing)? ?up"
        r"|warm(?:ing)? ?up (?:routine|drills?|exercises?|stretches))"
        r"(?! (?:\S+ ){0,3}(?:on )?(?:race (?:day|morning)|before the (?:start|gun)))",
    ),
    # a warm-up for a race is part of the race's morning (the race-day checklist), not a stretching question
    (
        "race-day",
        r"warm(?:ing)? ?ups? (?:\S+ ){0,3}(?:on )?(?:race (?:day|morning)|before the (?:start|gun))"
        r"|warm(?:ing)? ?ups? (?:\S+ ){0,2}before (?:a |the |my |our )?(?:\S+ )?(?:race|parkrun|5k|10k|half|marathon)",
    ),
    # going off too fast, told as what happens: "sprints the first lap and dies"
    (
        "pacing",
        r"(?:sprint\w*|blast\w*|flies|fly|tear\w*|rush\w*|charg\w*) (?:\S+ ){0,1}(?:the |his |her |my )?"
        r"(?:first|opening) (?:lap|mile|km|k|400m?|200m?|part|bit|half)",
    ),
    (
        "speed",
        r"faster|quicker|speed ?work|speed sessions?|pbs?|personal best|sprint finish|intervals|tempo runs?"
        r"|track sessions?|reps|strides|vo2|sprint\w*",
    ),
    (
        "taper",
        r"taper\w*|race week|(?:days|weeks?) before (?:the|my|a) (?:race|half|marathon|10k|5k)"
        r"|stop (?:doing |my |the )?(?:long runs|running long)|last long run|cut(?:ting)? back the miles"
        r"|how much (?:do|should|to|can|would) (?:i |you |we )?(?:cut|drop|reduce) (?:back|down)?"
        r"|weeks? out (?:from|before)|(?:how many|two|three|2|3) weeks out"
        r"|(?:race|half|marathon|10k|5k|ultra) (?:is )?in (?:\d+|a few|few|two|three|four|five|six|seven|eight"
        r"|nine|ten) days",
    ),
    (
        "rest",
        r"rest days?|days? off|(?:6|7|six|seven) days (?:a|per) week"
        r"|(?:a |one |two )?weeks? off|time off|(?:a )?break from running|run(?:ning)? every"
        r" (?:single )?day|run ?streak\w*|daily running|(?:two|2|three|3) days in a row|days in a row"
        r"|back to back (?:days|runs)|consecutive days",
    ),
    # doing too much: the load, before the tiredness it causes
    ("load", r"overdo(?:ing)? it|overdid it|too much training|training (?:too )?(?:more|harder) than|overtrain\w*"),
    # how much to run in a week, and easier weeks planned in, are the load
    (
        "load",
        r"how many (?:times|days) (?:a|per) week should i run|how often should i run"
        r"|(?:go|going|get|getting|step\w*|mov\w*|jump\w*) (?:up )?from (?:a |the )?(?:\d+ ?(?:k|km|miles?)|couch|c25k)"
        r" (?:\S+ ){0,2}to|(?:add|adding) (?:a |an |another )?(?:\S+ )?run"
        r"|(?:third|fourth|fifth|sixth|3rd|4th|5th|6th|extra) run"
        r"|how (?:much|far|many (?:miles|km|kms|k)) (?:\S+ ){0,3}(?:per|a|each) week|more (?:miles|mileage|kms?|volume)"
        r"|(?:rest|recovery|down|easy|cutback) weeks?|deload\w*",
    ),
    # building up to a distance is the long run (to a weekly distance, the load)
    (
        "long-run",
        r"first time (?:running|doing|going|run) (?:\d+|ten|twelve|fifteen|twenty)\+? ?(?:miles|mile|km|k)\b"
        r"|(?:furthest|farthest) (?:i'?ve |i have )?(?:ever )?(?:run|gone)",
    ),
    ("long-run", r"build(?:ing)? up to (?:a |my |the )?(?:\S+ ){0,2}runs?(?! (?:a|per|each) week)"),
    # coming back after a break is rebuilding the load (after an injury or a birth, those topics are named first)
    (
        "load",
        r"(?:coming|come|getting|get|easing|ease) back (?:\S+ ){0,2}(?:after|from) (?:\S+ ){0,2}(?:months?|years?"
        r"|weeks?|break|layoff|time off|holiday)|(?:months?|years?) off|layoff",
    ),
    (
        "recovery",
        r"recover\w*|bounce back|rest after|after (?:a |the |my )?(?:marathon|half|ultra|race|10k|5k|parkrun|long runs?"
        r"|hard (?:run|session))|post (?:marathon|race)|doms"
        r"|sore legs|heavy legs|dead legs|burn(?:t|ed) out"
        r"|legs? (?:feel|feels|feeling|felt|are|is) (?:\S+ ){0,3}(?:dead|heavy|wrecked|trashed|battered|tired|jelly"
        r"|like lead)"
        r"|foam roll\w*|massage|ice baths?|knackered|exhausted|fatigue|sluggish|tired\w*",
    ),
    (
        "stretching",
        r"stretch\w*|warm(?:ing)? ?ups?|cool(?:ing)? ?downs?|mobility|flexib\w*"
        r"|(?:hamstrings?|hip flexors?|quads?) (?:\S+ ){0,2}tight|tight (?:hamstrings?|hip flexors?|quads?)",
    ),
    (
        "core",
        r"core|planks?|planking|abs|pelvic floor|glute med\w*|weak hips|hip strength|bodyweight"
        r"|(?:weak|lazy|sleepy|activat\w*) (?:\S+ ){0,1}glutes?"
        r"|glutes? (?:\S+ ){0,2}(?:weak|lazy|not firing|activat\w*)"
        r"|strengthen\w* (?:my |your |the )?(?:lower )?(?:hips?|glutes?|core|bum|butt|trunk|back)"
        r"|strong(?:er)? (?:lower )?(?:hips|glutes|core|back|trunk)"
        r"|(?:no|without (?:a |any )?)(?:gym|kit|equipment|weights)|strength (?:routine|work|exercises?|sessions?)",
    ),
    ("breathing", r"breath\w*|stitch\w*|gasp\w*|puffed|puffing|wheez\w*"),
    # running out of energy, or of steam on long runs, is fuelling; before pacing so it wins at one position
    (
        "nutrition",
        r"(?:run\w*|ran) out of (?:energy|fuel|juice)|no energy (?:left|by)"
        r"|(?:run\w*|ran) out of (?:steam|gas|puff)(?= (?:\S+ ){0,6}(?:long ?runs?|training runs?))"
        r"|(?:long ?runs?|training runs?) (?:\S+ ){0,4}(?:run\w*|ran) out of (?:steam|gas|puff)",
    ),
    (
        "pacing",
        r"pac(?:e|ing)|too fast|blow(?:ing|n)? up|blew up"
        r"|negative splits?|(?:run\w*|ran) out of (?:steam|gas|puff)|fad(?:e|es|ing) (?:at|in|on"
        r"|towards|over) the (?:end|last)|last lap|(?:go|goes|going|went|set|setting) off too (?:fast|quick\w*"
        r"|hard)|start(?:ing)? too (?:fast|quick\w*|hard)|easy enough|stop walking|(?:have|need) to (?:stop|walk)"
        r"|heart rate|hr zones?|zone 2",
    ),
    ("long-run", r"long ?runs?|longest run"),
    (
        "hydration",
        r"hydrat\w*|dehydrat\w*|drink\w*|water|bottles?|handhelds?|fountains?|electrolytes?"
        r"|salt (?:tabs|tablets|pills|caps\w*)|sodium|sweat rate",
    ),
    (
        "nutrition",
        r"eat|eating|food|fuel\w*|hangry|hungry|starving|gels?|carbs?|carb loading|iron|protein|diet|breakfast"
        r"|brekk(?:ie|y)|vegetarian|veggie"
        r"|vegan|caffeine|(?:hit|hits|hitting) the wall|bonk\w*|fasted|fasting|empty stomach|before breakfast",
    ),
    (
        "sleep",
        r"sleep\w*|slept|insomnia|naps?|napp\w*|before bed|bedtime|late at night|night shifts?|shift work\w*"
        r"|on nights",
    ),
    (
        "pregnancy",
        r"pregnan\w*|postnatal|postpartum|post partum|c ?-?section|caesarean|cesarean|after (?:giving )?birth"
        r"|gave birth"
        r"|trimester|expecting (?:a |my |our )?(?:baby|bab(?:y|ies)|twins|first|second)|due date"
        r"|(?:my|baby|with a|growing) bump(?! (?:on|in|to|into|from|after|at|under|over|above|below))"
        r"|bump (?:is |was |keeps )?(?:gets |getting |got )?(?:in the way|bigger|heavier|heavy|growing)"
        r"|giving birth|breast ?feed\w*|bubs?|bubba|newborn|bab(?:y|ies)(?! steps)|new (?:mum|mom|mam)|mum of|mom of",
    ),
    (
        "race-day",
        r"(?:race|marathon|half|10k|5k|parkrun) (?:day|morning)|start line|nothing new|night before(?! bed)"
        r"|on the morning"
        r"|(?:morning|day) of (?:the |my |a |your )?(?:race|marathon|half|10k|5k|parkrun|event)|on the day"
        r"|(?:race|marathon|half|10k|5k|parkrun|ultra) (?:is |on )?(?:tomorrow|tmrw|tmr|tonight"
        r"|this (?:morning|weekend))"
        r"|last[ -]minute|nerves|nervous|jitters|bag drop|baggage|start pens?|corrals?"
        r"|race (?:bib|number)|bib"
        r"|at the start of (?:a |the |my )?(?:\S+ )?(?:race|marathon|half|10k|5k|parkrun)"
        r"|(?:get to|arrive at|arriving at|turn up to"
        r"|turn up at)"
        r" (?:\S+ ){0,2}(?:race|start)|before the start"
        r"|porta ?(?:loos?|lo{2}s?|potty|potties|johns?)|portaloos?|toilet (?:queues?|stops?)"
        r"|(?:toilet|loo|bathroom) (?:\S+ ){0,3}(?:during|in|mid) (?:a |the |my )?(?:race|marathon|half|10k|5k|parkrun)"
        r"|triathlon\w*|duathlon\w*|transitions? (?:tips|area|zone)|wetsuits?",
    ),
    (
        "load",
        r"mileage|10 ?% rule|ten percent|weekly (?:distance|volume)|how many miles|how much (?:of (?:my"
        r"|your) )?(?:running|mileage)"
        r"|build(?:ing)? up|runs a week|(?:miles|km|k) (?:a|per) week|weekly (?:km|kms|k|miles|mileage)"
        r"|build (?:my |up )?(?:\S+ ){0,1}(?:mileage|miles|km|kms|volume)|cutback|training load|doing too much"
        r"|too much too soon",
    ),
    (
        "cross-training",
        r"cross ?train\w*|swimming|swim|swims|rowing|cycling|(?<!my )(?<!menstrual )cycle|bike|elliptical|aqua jogging"
        r"|keep (?:my )?fitness|(?<!no )(?<!without a )(?<!without any )gym|indoors?|stuck inside"
        r"|instead of (?:a |my |going for a )?run\w*|hik\w*|climbing stairs"
        r"|stair ?(?:climb\w*|master|running|machine)|step machine|weights|weight training"
        r"|lift\w* weights|strength training"
        r"|non ?run(?:ning)? days?|can'?t (?:get|go) (?:out|outside)"
        r"|spin class\w*",
    ),
    # something rubbing is chafing, before "my arms" is read as their swing
    (
        "skin",
        r"(?:(?:my|your|the|his|her) )?(?:thighs?|arms?|bra|straps?|armpits?|waistband) (?:\S+ ){0,1}rub\w*"
        r"|rubb(?:ing|ed) raw",
    ),
    (
        "form",
        r"knees? (?:\S+ ){0,2}(?:cave|caves|caving|collaps\w*|rolls? in|turns? in|knock\w*)|knock knee\w*|valgus"
        r"|form|cadence|stride|over ?strid\w*|clomp\w*|posture|hunch\w*|slouch\w*|slump\w*"
        r"|(?:stay|run|running|stand) tall"
        r"|foot ?strike|technique|arm swing|efficien\w*"
        r"|running economy"
        r"|(?:feet|foot) (?:\S+ ){0,2}slap\w*"
        r"|land(?:ing)? on (?:my |the |your )?(?:toes|heels?|forefoot|midfoot|balls)|heel strik\w*|forefoot|midfoot"
        r"|(?:feet|toes) (?:\S+ ){0,1}(?:point\w*|turn\w*|splay\w*) (?:out|in)|run like a duck|duck footed"
        r"|(?:my|your|the|with|of) arms|elbows?|hands? (?:\S+ ){0,2}(?:clench\w*|fists?|tense)|chicken wing\w*"
        r"|(?:heavy|loud|noisy) (?:footed|feet|footsteps|landing)|land(?:ing)? (?:too )?(?:heavy|heavily|loud\w*)"
        r"|arms? (?:\S+ ){0,2}(?:cross\w*|swing\w*"
        r"|flail\w*)|camber\w*|slope of the road",
    ),
    ("shoes", r"shoes?|trainers|footwear|gait analysis"),
    (
        "skin",
        r"chaf\w*|blisters?|hotspot|sun ?cream|sun ?burn\w*|sunscreen|sun ?block|spf|nipples?|skin",
    ),
    (
        "weather",
        r"heat ?wave|hot weather|warm weather|cold weather|humid\w*|wind\w*|rain\w*|snow\w*|icy"
        r"|thunder\w*|lightning|storms?|in the dark|after dark|dark (?:mornings?|evenings?|nights?)|head ?torch\w*"
        r"|hi[ -]?vis\w*|reflective|visib\w*|night runs?|running at night"
        r"|smog\w*|aqi|air quality|(?:air )?pollution|polluted|(?:wildfire|bushfire|fire) smoke|haze|hazy",
    ),
    ("knee", r"knees?|knee ?caps?|patella\w*|itb|it band"),
    ("shin", r"shins?|shin splints"),
    (
        "foot",
        r"feet|foot|heels?|arch(?:es)?|achilles|toenails?|ankles?|bunions?|metatarsal\w*|neuroma|big toe|little toe"
        r"|toe joint",
    ),
    (
        "back",
        r"back (?:pain|ache|spasms?|gets|is|hurts|tight|stiff\w*|feels?|felt|feeling|went|seiz\w*|locks?|locked)"
        r"|(?:stiff|sore|tight) back|lower back|backache|(?:in|of|across) (?:my|the) (?:lower |upper )?back"
        r"(?! (?:of|to|into|home|on|in|up|from))",
    ),
    (
        "injury",
        r"niggl\w*|injur\w*|sprain\w*|strain\w*|pulled"
        r"|(?:rolled|twisted|turned|jarred) (?:my |an |his |her |a )?(?:ankle|knee)"
        r"|run(?:ning)? through (?:it|the pain|pain)|bruis\w*|(?:fell|came|come) off|fell over|tripped"
        r"|(?:sore|hurt\w*|aching|achy|painful|niggling|tight) for (?:weeks|months|a (?:week|fortnight|month)"
        r"|\d+ (?:weeks|days))"
        r"|(?:sore|tweaked|achy|aching|painful|niggly) (?:left |right )?(?:hip flexor|hamstring|calf|glute|groin|quad"
        r"|adductor|piriformis)s?"
        r"|(?:hip flexor|hamstring|calf|glute|groin|quad|adductor)s? (?:is |has been |feels |keeps )?"
        r"(?:sore|hurt\w*|aching|painful|niggl\w*|twing\w*)"
        r"|(?:went|gone|go|going|goes) over on (?:my |an |his |her |the )?ankle"
        r"|(?:took|had) a (?:fall|tumble)|won'?t (?:go away|settle|shift|clear)"
        r"|(?:isn'?t|not) (?:going away|settling|getting better)|lingering",
    ),
    # a professional named as the source of the advice ("physio says my core is weak") is not who to see
    (
        "professional",
        r"(?:physio\w*|doctor|gp|podiatrist|osteopath)(?! (?:says|said|saying|told|tells|keeps|recommended|suggested"
        r"|wants"
        r"|gave|thinks|reckons|has me|had me))|(?:a|running) coach|coaching"
        r"|(?:should i|need to|to|go and|go) see (?:someone|somebody|anyone|a professional|a specialist)"
        r"|mri|x ?rays?|(?:a|an) (?:scan|ultrasound)"
        r"|get (?:it|this) (?:checked|looked at)|who (?:should|do|can) i see",
    ),
)

# Topics that frame the whole question wherever they are named: speedwork while pregnant is a pregnancy question,
# cutting mileage in the taper a taper question. The weather is a setting: it is what is asked only when nothing
# else is ("rainy afternoon, what indoor workout instead?" asks for cross-training).
FRAMING = frozenset({"pregnancy", "taper"})
SETTING = frozenset({"weather"})
_CUES = tuple((topic, re.compile(rf"(?<![a-z])(?:{cue})(?![a-z])")) for topic, cue in CUES)
# Classes that are a way to train something else: asked about only when nothing else is ("is pilates good for my
# core?" asks about the core, "yoga or pilates, which is better?" about the classes, as cross-training).
MEANS: tuple[tuple[str, str], ...] = (("cross-training", r"yoga|pilates|barre|tai chi"),)
_MEANS = tuple((topic, re.compile(rf"(?<![a-z])(?:{cue})(?![a-z])")) for topic, cue in MEANS)
_SOURCE = re.compile(
    r"(?<![a-z])(?:physio\w*|doctor|gp|podiatrist|osteopath|coach)s? (?:(?:keeps|kept|always|often|just|also) )?"
    r"(?:says|said|saying|told|telling|tells|recommended|recommends|suggested|suggests|wants|gave|thinks|reckons"
    r"|has me|had me|has told|has said)(?![a-z])"
)


# What a question asks for can frame it whatever it names first, below the framing topics (pregnancy, the taper):
# whether to see (or pay) a professional, or have a scan ("at what point is a niggle worth paying a physio for?",
# "do I need an MRI for my knee?"), and keeping fit without running ("dodgy knee, how do I keep fit?").
FRAMES: tuple[tuple[str, str], ...] = (
    (
        "professional",
        r"(?:worth|should i|do i need|need to|when (?:should|do) i|time to|have to) (?:\S+ ){0,5}?"
        r"(?:a |an |the )?(?:sports )?(?:physio\w*|podiatrist|doctor|gp|osteo\w*|chiropractor|specialist|professional"
        r"|mri|scan|x[ -]?rays?)(?![a-z])(?! (?:says|said|told|recommended|suggested|wants|gave|thinks|reckons|has me"
        r"|had me))"
        # one or the other: "gait analysis at a shop or see a podiatrist?"
        r"|(?:or|vs|versus) (?:should i |do i |just )?(?:see|seeing|go to|visit|book|pay for) (?:a |an |the )?"
        r"(?:sports )?"
        r"(?:physio\w*|podiatrist|doctor|gp|osteo\w*|chiropractor|specialist|professional)",
    ),
    (
        "cross-training",
        r"keep(?:ing)? (?:my |up my |up )?fit(?:ness)?|stay(?:ing)? fit|maintain(?:ing)? (?:my )?fitness"
        r"|(?:los(?:e|ing)|lose) (?:my |any |much )?fitness"
        # another sport in place of a run: "shin sore, can I swim instead?"
        r"|(?:swim|swimming|cycle|cycling|bike|biking|ride|row|rowing|spin|aqua ?jog\w*|cross ?train\w*|elliptical"
        r"|cross trainer)(?: \S+){0,2} instead(?! of (?:a |the )?(?:swim|bike|ride|cycle|row))"
        # another sport on the days off: the days are when, the sport what is asked
        r"|(?:yoga|pilates|swim\w*|cycl\w*|bik\w*|spin|row\w*|gym|weights|strength training|cross ?train\w*)"
        r" (?:\S+ ){0,2}on (?:my |the |your |our )?(?:rest|off|non ?running) days?",
    ),
)
_FRAMES = tuple((topic, re.compile(rf"(?<![a-z])(?:{cue})(?![a-z])")) for topic, cue in FRAMES)

# Asking whether it is all too much frames the question as the load, whatever tiredness it describes first.
_VERDICT = re.compile(r"(?<![a-z])am i (?:over ?train\w*|overdo\w* it|doing too much|training too much)(?![a-z])")
# Asking whether to rest or to carry on running frames the question as that choice, whatever it describes first
# ("tired all week, legs heavy: take a few days off or push through?"): with a niggle or a pain it is the
# injury's (how much pain is too much to run on), without one the rest days'.
_REST_OR_RUN = re.compile(
    r"(?<![a-z])(?:rest (?:it )?or (?:run|keep|carry|push|train|go)"
    r"|(?:run|keep (?:on )?running|keep going|carry on|push on|push through|train|run through it) (?:\S+ ){0,3}?or"
    r" (?:rest|take (?:\S+ ){0,3}?off|back off|have (?:\S+ ){0,3}?off)"
    r"|(?:take|taking|have|having) (?:a |an |the |some |few |a few |couple of |a couple of )?(?:\S+ )?"
    r"(?:days?|week|time)"
    r" off (?:\S+ ){0,3}?or (?:\S+ ){0,1}?(?:push|run|keep|carry|train|race))(?![a-z])"
)
_PAIN = re.compile(
    r"(?<![a-z])(?:niggl\w*|pain\w*|hurt\w*|injur\w*|tweak\w*|strain\w*|twing\w*|ach(?:e|es|ing|y))(?![a-z])"
)


def _rank(topic: str) -> int:
    return 0 if topic in FRAMING else 3 if topic in SETTING else 2


@lru_cache(maxsize=2048)
def asked_topic(question: str) -> str | None:
    """The topic of the cue named first in the question (read in its one sense), a framing topic (or asking whether
    to see a professional, keeping fit: FRAMES) wherever it is named, a setting only when nothing else is, or None."""
    text = question.lower()
    if _VERDICT.search(text) and not any(cue.search(text) for topic, cue in _CUES if topic in FRAMING):
        return "load"
    found = [(_rank(topic), m.start(), n, topic) for n, (topic, cue) in enumerate(_CUES) if (m := cue.search(text))]
    found += [(1, m.start(), n, topic) for n, (topic, frame) in enumerate(_FRAMES) if (m := frame.search(text))]
    found += [(3, m.start(), n, topic) for n, (topic, means) in enumerate(_MEANS) if (m := means.search(text))]
    if choice := _REST_OR_RUN.search(text):
        found.append((1, choice.start(), len(_FRAMES), "injury" if _PAIN.search(text) else "rest"))
    return min(found)[3] if found else None


_ASKS_WHO = re.compile(
    r"(?<![a-z])(?:(?:should i|need to|to|go and|go) see (?:someone|somebody|anyone|a professional|a specialist)"
    r"|get (?:it|this|them) (?:checked|looked at)"
    r"|who (?:should|do|can) i see)(?![a-z])"
)


def asks_who_to_see(question: str) -> bool:
    """Whether the question asks who to see without naming a profession ("when should I see someone about it")."""
    return bool(_ASKS_WHO.search(question.lower()))


def without_sources(question: str) -> str:
    """The question without the professionals named as the source of advice ("my physio says my glutes are
    weak"): what is left says whether the member asks who to see."""
    return _SOURCE.sub(" ", question.lower())
