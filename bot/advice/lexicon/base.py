"""What a warning sign and a category are; the lexicon's modules list them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

# Faint or dizzy on standing up (blood pressure catching up): not a sign of its own (NHS "Fainting": see a GP
# if it keeps happening), unlike faintness while running.
POSTURAL = (
    r"(?:when|whenever|if|after|as|once) (?:i |you )?(?:stand|stood|get up|got up|sit up|standing|getting up)"
    r"|(?:stand|stood|get|got|getting|standing) up (?:too |really |very |a bit )?(?:quick|quickly|fast)|head ?rush"
    r"|(?:bending|bent|bend|leaning|leant|stooping) (?:down|over)"
)
# Plainly asleep: "out cold on the coach, snoring away" is sleep, not a collapse.
ASLEEP = (
    r"snoring away|(?:fast|sound|soundly) asleep|asleep (?:on|in) the (?:coach|bus|train|car|minibus|sofa)"
    r"|(?:for|had|have|having|took|take) a (?:\S+ )?(?:nap|kip|snooze)|napp(?:ed|ing)|slept (?:for )?(?:\d+|a few|two"
    r"|three|four|ten|twelve) hours"
)
# Sleepy, drowsy or "out of it" for an ordinary reason: an early start, a short night, the night before.
SLEEPY = (
    r"\d+ ?am|early (?:start|run|morning|alarm)|before work|(?:short|bad|no|little) sleep|slept|jet ?lag|hangover"
    r"|hungover|night shifts?|in (?:his|her|their|my) sleep|in the (?:car|train|bus|plane)(?! park)|on the way (?:back"
    r"|home)"
    rf"|{ASLEEP}"
    r"|(?:from|after) the night before|(?:after|from) (?:the |a |too many )?(?:drinks|party|pub|beers?|wine)"
)
# Who can reassure: someone who examined or tested it. "My mum says it's nothing", "she says that's normal for
# runners" or "he reckons it's indigestion" is no reassurance (denial is common in missed periods and heart pain).
PROFESSIONAL = (
    r"(?:doctor|doctors|doc|docs|gp|physio|physios|physiotherapist|cardiologist|consultant|nurse|midwife|obstetrician"
    r"|neuro|neurologist|diabetes team|dsn"
    r"|specialist|surgeon|paramedics?|medics?|hospital|a and e|urgent care|optician|optometrist|podiatrist|ecg|echo"
    r"|scans?|tests?|bloods|x ?rays?|mri)"
)
# A professional has already looked and reassured: a sign that isn't an emergency needs no banner telling them to
# see one ("my doctor said the palpitations were harmless ectopics", "physio gave me the all clear").
# "said it's not normal" is no reassurance: no negation between the saying and the all-clear
_UNDENIED = r"(?:(?!(?:not|isnt|wasnt|arent|no|never|far from) )\S+ )"
# The writer's own job is no second opinion ("I'm a nurse and everyone says it's normal")
_NOT_ME = r"(?<!im a )(?<!i am a )(?<!as a )(?<!im an )(?<!i am an )(?<!as an )"
REASSURED = (
    rf"{_NOT_ME}{PROFESSIONAL} (?:\S+ ){{0,6}}?(?:said|says"
    r"|told (?:me|him|her|us|them)|confirmed|reckons|thinks|showed|shows"
    rf"|came back) {_UNDENIED}{{0,4}}(?:harmless|benign|nothing to worry|nothing serious|normal|fine|ok|okay|clear"
    rf"|expected)"
    rf"|(?:saw|seen|visited|went to|checked by|examined by|assessed by) (?:the |my |a |an )?{PROFESSIONAL}"
    r" (?:\S+ ){0,14}(?:all (?:normal|fine|good|ok|okay|clear)|nothing (?:wrong|to worry)|harmless|benign|nowhere near"
    r"|all good|good to go)"
    rf"|{_NOT_ME}{PROFESSIONAL} (?:\S+ ){{0,3}}(?:happy|pleased|not worried|unconcerned)"
    rf"|{_NOT_ME}{PROFESSIONAL} (?:\S+ ){{0,3}}(?:said|says|told (?:me|him|her|us)) (?:\S+ ){{0,2}}(?:growing pains"
    rf"|ectopics?"
    r"|harmless|normal)"
    rf"|{_NOT_ME}{PROFESSIONAL} (?:\S+ ){{0,6}}(?:checked|examined|looked at|saw|seen|did|listened|scanned|tested"
    rf"|assessed)"
    rf" (?:\S+ ){{0,12}}(?:all (?:normal|fine"
    r"|good|ok|okay|clear)|nothing (?:wrong|to worry))"
    r"|(?:ecg|echo|scans?|tests?|bloods|x ?rays?|mri) (?:\S+ ){0,3}(?:was|were|came back|looked|all) (?:all |totally "
    r"|completely |perfectly )?(?:normal|fine|clear|ok|okay)"
    r"|cleared (?:me|to run|for running)|(?:the |an |got the |given the |gave me the )all clear"
    r"|checked (?:\S+ ){0,2}(?:and|out) (?:\S+ ){0,1}(?:fine|ok|okay|normal|clear)"
)
# Over at once ("back to normal within a minute", "gone in a minute"), or never had by the writer ("is blood in
# urine a thing? never had it myself"): like a professional's reassurance, it leaves only the emergencies.
PASSED = (
    r"(?:back to normal|normal again|fine again|settled|calmed (?:down )?) by the time"
    r"|(?:was |felt )?(?:good|fine|ok|okay) (?:again )?(?:within|in) (?:a|one|1) (?:minute|min)"
    r"|(?<!switched )(?<!flicked )(?<!clicked )(?<!snapped )(?<!flipped )(?:back to normal|normal again|fine again|gone"
    r"|went away|goes away|passed|settled|stopped|eased off)"
    r" (?:\S+ ){0,2}(?:within|in|after) (?:(?:a|about a|one|1) (?:minute|min)|(?:a few |a couple of |\d+ |thirty "
    r"|ten |few )?(?:seconds|secs)|a (?:second|sec|moment)|(?:a couple of|a few|couple of|two|three|2|3) (?:mins?"
    r"|minutes))"
    r"|lasted (?:a|one|1) (?:second|sec|moment)"
    r"|(?:sat|stopped|rested) (?:\S+ ){0,3}(?:and|then) (?:it )?(?:passed|went|settled)"
    r"|(?:gone|went|passed|fine|ok|okay|settled) (?:again )?(?:straight away|right away|immediately|instantly|at once)"
    # never had it *myself* is talk; "never had this before" says it is new, the opposite of reassurance
    r"|never had (?:it|them|one|any)(?! (?:\S+ ){0,2}(?:before|until|till|happen))"
    r"|(?:havent|have not|not) (?:ever )?had (?:it|this|that|one) (?:myself"
    r"|personally)"
)
# A recent episode told as over ("collapsed at parkrun last week"), with nothing said to be going on now: with a
# professional's all-clear it is history that has been seen to, and needs no banner at all.
RECENT_PAST = (
    r"last (?:week|weekend|month|time|year|sunday|saturday|monday|tuesday|wednesday|thursday|friday)|(?:a|one|two|three"
    r"|four|five|a few|few|a couple of|couple of|\d+) (?:days?|weeks?|months?|years?) ago|yesterday|the other day"
)
GOING_ON = r"now|still|today|tonight|at the moment|currently|this (?:morning|afternoon|evening)|keeps?|kept|ongoing"
# Long ago: a sign in a sentence about years ago is history, not what is happening now. It still counts for
# "see a doctor or physio before you run again" (a faint during a race two years ago), never for more.
LONG_AGO = (
    r"(?:(?:\d+|a|one|two|three|four|five|a few|few|several|many|some) )?(?:years?|decades?) ago|last year|ages ago"
    r"|a long time ago|years back|(?:back )?in the (?:[5-9]0s|19\d0s|fifties|sixties|seventies|eighties|nineties)"
    r"|(?:in|back in|since|during) (?:\S+ ){0,1}(?:19\d\d|20[01]\d|202[0-4])(?! ?(?:m|k|km|metres|meters|miles|kcal))"
    r"|as a (?:kid|child|teen|teenager)|when (?:i|he|she|they) (?:was|were) (?:a kid|a child"
    r"|young|younger|little|small|a teenager|at school)|in (?:my|his|her) (?:teens|twenties|20s)"
)
# Laughing it off: a sensation runners joke about (breathless on the stairs, dizzy with excitement) is not a sign
# when the message laughs; an emergency sign never has this in its ``unless``.
JOKING = (  # laughing emoji are read as "lol"
    r"lol|lolol|haha\w*|hehe\w*|lmao|rofl|jk|only joking|with laughter|from laughing|laughing so hard"
)
# Taken back by the writer after saying it ("jk they're purple from the squash", "oh wait, that was the fireworks",
# "no, thank god, it was the red gel"): nothing the message said before it is a sign.
RETRACTED = (
    r"jk|j k|just kidding|just joking|only joking|(?:im|i am|i was|only) kidding|lol kidding|oh wait|false alarm"
    r"|(?:slight|bit of an?|a little) exaggeration|(?:im|i am|i was|ok|okay) (?:\S+ ){0,1}exaggerating"
    r"|thank (?:god|goodness|fuck|christ)(?: (?:it was|its|it is|that was|thats|just))|no thank (?:god|goodness)"
    r"|phew (?:it was|its|that was|just)"
    # a sheet or a quiz being written: the whole message is talk
    r"|(?:writing|making|putting together|updating|drafting) (?:\S+ ){0,4}(?:sheet|leaflet|poster|guide|policy|handout"
    r"|quiz|briefing)"
)


class Severity(IntEnum):
    DOCTOR_OR_PHYSIO = 1  # see a doctor or physio before running again
    DOCTOR_TODAY = 2
    EMERGENCY = 3


@dataclass(frozen=True, slots=True)
class Sign:
    """One way a warning sign is written. Every pattern must match somewhere in the message, outside a
    negation; no ``unless`` pattern may match anywhere (a context that makes it something else, e.g. faint
    *when I stand up*). A category named in ``RESOLVED`` (categories.py) is resolved from what the message names,
    e.g. ``bone-stress`` to the site. An ``observed`` sign counts only in a report about someone else: "he is
    acting strange" is a bystander seeing an altered state; "I feel strange" is not the same sign."""

    category: str
    severity: Severity
    label: str  # what the banner names, e.g. "chest pain"
    patterns: tuple[str, ...]
    unless: tuple[str, ...] = ()
    observed: bool = False  # counts only where someone else is described (a bystander's report)


@dataclass(frozen=True, slots=True)
class Category:
    """A category of the clinical list: its name, and who to see at each severity (the banner says so)."""

    name: str
    system: str  # the body system: the safety net adds nothing to a system the categories already flagged
    today: str = "a doctor"  # "please see {today} today, and don't run until you have"
    before_running: str = "a doctor or physiotherapist"  # "please see {before_running} before you run again"
    now: str = ""  # an emergency that needs A&E rather than an ambulance: what to do now (else call 999)
