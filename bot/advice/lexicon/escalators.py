"""What makes a sign more urgent or names its cause, whatever words the sign itself was written in.

**A treatment that isn't working** is itself a warning sign: NHS "Asthma attack" (call 999 if the reliever isn't
helping), "Low blood sugar" (999 if sugar isn't bringing it up), "Heat exhaustion and heatstroke" (999 if not
better after 30 minutes of cooling); acute compartment syndrome (pain that doesn't ease with rest or
painkillers, BOA). A sentence naming the treatment and saying it isn't working ("my reliever isn't touching
it", "still dropping even with sugar", "rested 2 hours and it's no better") raises the signs of its categories
to an emergency; some treatments name their category by themselves (a reliever is for asthma).

**A cause names an altered state** (first aid: confusion after a knock is a head injury until shown otherwise;
a diabetic who is barely responding may be having a low; Resuscitation Council UK, St John Ambulance): a sign of
collapse or confusion with the cause in the message adds the cause's category at the same severity, first.
"""

from __future__ import annotations

from dataclasses import dataclass

# Saying a treatment isn't working. "still" counts before a symptom or a worsening, not alone ("still did a PB").
NOT_WORKING = (
    r"(?:isnt|is not|not|hasnt|has not|havent|have not|didnt|did not|doesnt|does not|wasnt|arent|wont)"
    r" (?:\S+ ){0,1}(?:touching|touched|touch|helping|helped|help|working|worked|work|doing (?:anything|a thing|much)"
    r"|done (?:anything|a thing|much)|do (?:anything|a thing|much)|making (?:any |a |much )?(?:difference|dent)"
    r"|made (?:any |a |much )?(?:difference|dent)|make (?:any |a |much )?(?:difference|dent)|shifting|shifted"
    r"|easing|eased|ease|settling|settled|settle|improving|improved|improve|come back up|coming up|came up|going up"
    r"|gone up|getting better|got better|get better)"
    r"|no (?:better|different|difference|change|improvement|effect)|not (?:any |much |getting |feeling )?better"
    r"|(?:barely|hardly|not really) (?:touching|touched|helping|helped|working|doing anything)|made no (?:difference"
    r"|dent)|(?:did|does|doing|done|do) (?:\S+ ){0,1}nothing|nothing (?:helps|helped|works|worked"
    r"|changed|is helping)|(?:getting|got|gets|gone|went) worse|worse (?:now|than before|since)"
    r"|(?:still|keeps?|kept) (?:\S+ ){0,2}(?:dropping|falling|going down|low|lower|getting worse|worse|the same|bad"
    r"|there|dizzy|sick|puking|vomiting|throwing up|wheez\w*|breathless|struggling|gasping|hot|burning|boiling"
    r"|confused|shaking|shivering|numb|tingl\w*|swollen|swelling|tight|{PAIN}|{SEVERE_PAIN}|cant|cannot|couldnt"
    r"|not|no|out of it|drowsy|faint\w*|light ?headed|blue|grey|gray|pale|spreading)"
    r"|even (?:with|after|though i)|despite"
    r"|still (?:\S+ ){0,1}(?:[0-3]\.\d|[0-3](?! ?(?:miles?|km|k|hours?|hrs?|mins?|minutes|laps?|weeks?|days?)))"
    r"(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class Treatment:
    label: str  # what the banner names when it fails
    pattern: str  # the treatment ("my reliever", "in the shade", "rested 2 hours")
    escalates: tuple[str, ...]  # categories whose signs become an emergency when it fails
    implies: str | None = None  # the category its failure is by itself (a reliever that isn't helping: asthma)
    context: str | None = None  # needed in the message for ``implies`` (sugar is a treatment for a diabetic)


TREATMENTS: tuple[Treatment, ...] = (
    Treatment(
        "an asthma attack the inhaler isn't helping",
        r"inhalers?|reliever|puffer|ventolin|salbutamol|blue pump|puffs?|nebuli[sz]er",
        ("breathing",),
        implies="breathing",
    ),
    # "pump" is also an insulin pump: it names asthma's reliever only beside the chest or the breath
    Treatment(
        "an asthma attack the inhaler isn't helping",
        r"(?<!insulin )pump",
        ("breathing",),
        implies="breathing",
        context=r"breath\w*|wheez\w*|whistl\w*|chest|asthma\w*|gasp\w*",
    ),
    Treatment(
        "low blood sugar that isn't coming up with sugar",
        r"sugar|sugary|glucose|dextrose|jelly babies|jellies|sweets|juice|coke|cola|gels?|tabs|glucotabs|lucozade"
        r"|haribo|honey|carbs|hypo treatment",
        ("hypoglycaemia",),
        implies="hypoglycaemia",
        context=r"diabetic|diabetes|type ?(?:1|one)|t1d?|insulin|cgm|libre|dexcom|hypo|hypos|bgs?|went low|going low",
    ),
    Treatment(
        "heat illness that isn't getting better with cooling",
        r"shade|shaded|cold water|iced? water|ice (?:packs?|towels?|bath)|ice|wet towels?|cool(?:ed|ing)? (?:\S+ ){0,2}"
        r"down|cooling|cooled|a fan|fanning|fanned|air ?con|hosed|sponged|cold shower",
        ("heat",),
        implies="heat",
        context=r"dizzy|sick|puking|vomit\w*|throwing up|confused|{HEADACHE}|faint\w*|cramp\w*|hot|burning up"
        r"|boiling|clammy|weak|shaky|collaps\w*|out of it|light ?headed",
    ),
    Treatment(
        "symptoms that aren't easing with rest",
        r"rest|rested|resting|sat down|sitting down|sat still|sitting still|lying down|lay down|laid down|lie down"
        r"|stopped|stopping|elevat\w*|feet up|legs? up|(?:\d+|ten|fifteen|twenty|thirty|forty|half an?|an|a few|a"
        r" couple of) (?:mins?|minutes|hours?|hrs?) (?:after|since|later|ago|in)|(?:after|since) (?:stopping|finishing"
        r"|i stopped|i finished|the finish)|for (?:ages|hours|an hour|over an hour|half an hour)",
        ("compartment", "heat", "breathing"),
    ),
    Treatment(
        "pain that painkillers aren't touching",
        r"painkillers?|pain killers?|ibuprofen|paracetamol|co ?codamol|codeine|naproxen|nurofen|anadin|aspirin"
        r"|tablets|pills",
        ("compartment", "head-injury"),
    ),
)


@dataclass(frozen=True, slots=True)
class Cause:
    of: tuple[str, ...]  # the categories of the signs it explains
    pattern: str  # the cause in the message
    category: str  # the category it adds, at the severity of the sign it explains
    label: str


CAUSES: tuple[Cause, ...] = (
    Cause(("consciousness",), r"{IMPACT}", "head-injury", "a head injury with warning signs"),
    Cause(("consciousness",), r"{DIABETES}", "hypoglycaemia", "low blood sugar with confusion or drowsiness"),
    # a bad headache after drinking a lot is hyponatraemia's until shown otherwise (its sign says so too)
    Cause(("consciousness", "stroke"), r"{WATER_LOTS}", "hyponatraemia", "signs of drinking too much water"),
    Cause(("consciousness",), r"{HOT}|heat exhaustion", "heat", "signs of heat stroke"),
    # a collapse mid-effort: a cardiac arrest until shown otherwise (NHS "Fainting": call 999 if someone faints
    # while exercising)
    Cause(
        ("consciousness",),
        r"mid (?:rep|run|race|session|interval|sprint)|(?:hill )?sprint|(?:last|final) rep|(?:during"
        r"|in the middle of) (?:the |a |his |her |my )?(?:run"
        r"|race"
        r"|rep|session|intervals?|sprint)|while (?:running|racing|sprinting)|on the track|(?:at|near) the finish"
        r"|(?:up|on) (?:the |a )?(?:hill|climb|descent|ridge)|(?:at|on|around) (?:mile|km) \d+"
        r"|during (?:\S+ ){0,2}(?:run|race"
        r"|parkrun|trot|marathon|half)|off the (?:ridge|summit|top)",
        "cardiac",
        "a collapse during exercise",
    ),
    # breathlessness or chest pain after a long journey, a cast, an operation or a birth: a clot until shown
    # otherwise (NHS "Pulmonary embolism": the risk factors)
    Cause(
        ("breathing", "cardiac"),
        r"{TRAVEL}|(?:had|after|since|recovering from) (?:an? |my |the |his |her )?(?:\S+ )?(?:operation|surgery|op)"
        r"|{PREGNANT}|(?:on|taking) (?:the |my )?(?:pill|contracepti\w*|hrt)|dvt|blood clots?|pulmonary embolism"
        r"|(?:history|had) of (?:a )?(?:clot|pe)|rivaroxaban|apixaban|edoxaban|warfarin|anticoagula\w*",
        "dvt-pe",
        "a possible blood clot",
    ),
    Cause(("consciousness",), r"{COLD}|hypotherm\w*", "hypothermia", "signs of hypothermia"),
)
