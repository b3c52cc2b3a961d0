"""Signs read from a symptom's course rather than its words: a symptom in a high-risk system (breathing, the
heart, the chest, a hot body) together with a marker that it is acute: it is not settling after stopping, it is
getting worse, it has lasted far longer than effort explains, or it is new to the writer ("never like this").

The symptom and the marker may stand anywhere in the message, in any order ("chest feels tight. stopped 10 mins
ago and it's not easing"), each outside negation and talk. This is how clinicians triage (NHS "Chest pain",
"Shortness of breath", "Heart palpitations", "Heat exhaustion": see a doctor if it does not settle; call 999 if
chest pain does not go away after resting), and it catches wordings no phrase list holds, since the members
who wrote our evaluation sets describe the same few courses in endlessly new symptom words.
"""

from __future__ import annotations

from bot.advice.lexicon.base import JOKING, Severity, Sign
from bot.advice.lexicon.signs_heart_lungs import GYM_CHEST, NOT_PALPITATION, PRESSING

E, T = Severity.EMERGENCY, Severity.DOCTOR_TODAY

# Longer than stopping explains: ten minutes or more, or hours.
LONG_WHILE = (
    r"(?:(?:[1-9]\d|ten|fifteen|twenty|thirty|forty|forty five|several) (?:mins?|minutes)|(?:\d+|an|a few|several"
    r"|couple of|two|three) (?:hours?|hrs?))"
)
# The course: not settling, lasting, worsening, or new. "Still" needs a time after it ("still puffing this
# morning"), so "still sore" alone after a hard session is not read as a course.
NOT_SETTLING = (
    r"(?:not|isnt|wasnt|hasnt|havent|hadnt|wont|wouldnt|didnt|doesnt|aint|never) (?:\S+ ){0,2}?(?:eas(?:e|ed|ing)"
    r"|settl(?:e|ed|ing)|slow(?:ed|ing)?(?: down)?|calm(?:ed|ing)?(?: down)?|go(?:ne|ing)? away|went away"
    r"|(?:getting|got|get) (?:any )?better|improv(?:e|ed|ing)|perk(?:ed|ing)? up|pass(?:ed|ing)?|shift(?:ed|ing)?"
    r"|budg(?:e|ed|ing)|com(?:e|ing) down|clear(?:ed|ing)?|let(?:ting)? up|go(?:ne|ing)? down|subsid(?:e|ed|ing)"
    r"|recover(?:ed|ing)?|back to normal|stop(?:ped|ping)?|fading|faded|wearing off|worn off)"
    r"|(?:getting|got|gets|going|gone) (?:\S+ ){0,1}worse|worse and worse|worsening|keeps? getting worse"
    r"|still (?:\S+ ){0,5}?(?:an hour|hours?|this morning|the next day|next day|{LONG_WHILE})"
    r"|{LONG_WHILE} ago (?:\S+ ){0,8}?still|{LONG_WHILE} and (?:\S+ ){0,2}still"
    r"|{LONG_WHILE} (?:\S+ ){0,3}?(?:since|after (?:i |we |he |she )?(?:stopped|finished)|on and|and (?:its |it is "
    r"|he is |she is |im |i am )?still)"
    r"|since (?:i |we |he |she )?(?:stopped|finished)|(?:an|over an|half an) hour (?:\S+ ){0,2}(?:later|since|after"
    r"|on)|hours later|all (?:day|night|morning|evening)"
    r"|never (?:\S+ ){0,2}like this|never (?:had|felt) (?:\S+ ){0,2}(?:this|that|anything like)"
    r"|not (?:normal|usual) for me|first time (?:ever|this has)"
).replace("{LONG_WHILE}", LONG_WHILE)
# Breathing that labours: the symptom words runners use, not the textbook's.
LABOURED = (
    r"panting|gasping|gasp|puffing|puffed|wheez\w*|breathless\w*|(?:short|out) of breath|(?:cant|couldnt) (?:\S+ )?"
    r"catch (?:my |his |her )?breath|breathing (?:\S+ ){0,2}(?:hard|fast|heavy|heavily|rapid\w*|shallow|noisy)"
    r"|(?:chest|lungs) (?:\S+ ){0,2}(?:full|crackl\w*|rattl\w*|bubbl\w*|wheez\w*)|crackly|rattly|hyperventilat\w*"
)
# A heart going too hard or out of step, in lay words.
RACING = (
    r"(?:heart|heartbeat|heart beat|pulse|heart rate|hr) (?:\S+ ){0,3}?(?:racing|raced|racin|pounding|pounded|thumping"
    r"|thumped|hammering|hammered|banging|galloping|going like|going mad|going nuts|fluttering|flutter\w*|skipping"
    r"|jumping|irregular|all over|through my chest|out of my chest)"
)
# something heavy resting on the chest: "like someone's parked a car on it"
ON_CHEST = (
    r"(?:sitting|sat|standing|stood|parked|kneeling|knelt|dropped|lying|put|dumped|landed) (?:\S+ ){0,3}on (?:it"
    r"|my chest|me"
    r"|his chest|her chest)"
)
CHEST_DISCOMFORT = (
    rf"(?:chest|sternum|breastbone) (?:\S+ ){{0,3}}?(?:pain\w*|hurt\w*|ache|aching|achy|tight\w*|{PRESSING}|sore"
    rf"|burn\w*|discomfort|stab(?!l)\w*)|(?:pain|tightness|pressure|ache|{PRESSING}) (?:\S+ ){{0,3}}(?:in|across"
    rf"|on) (?:\S+ )"
    rf"{{0,2}}chest|chest (?:\S+ ){{0,3}}{ON_CHEST}"
)
# Feeling ill after heat: the words of heat exhaustion that cooling should have settled.
UNWELL = (
    r"nause\w*|queasy|sick|{VOMIT}|dizzy|dizziness|giddy|light ?headed|woozy|wobbly|{HEADACHE}|washed out|wiped out"
    r"|head (?:\S+ ){0,2}(?:paining|pain|pounding|banging|hurting|sore)|(?:pounding|banging|splitting|thumping) head"
    r"|in a vice"
    r"|(?:chucked|brought|threw|thrown|sicked) (?:\S+ ){0,2}back up|spun|spinning"
    r"|crampy|cramping|shaky|shaking|weak|confus\w*|not (?:making sense|himself|herself|right)|out of it|spaced"
    r"|floppy|drained|grey|pale|clammy"
)
# cooling that was tried says the heat without naming it ("in the shade with ice and water 40 mins")
COOLED = (
    r"(?:in|into) the shade|ice ?packs?|ice and water|wet towels?|cool(?:ing|ed)? (?:him|her|them|me) down|under a fan"
    r"|soaked (?:him|her|them|me) (?:with|in) (?:cold )?water"
)
NOT_HOT_BODY = (
    r"hot (?:bath|shower|tub|drink|chocolate|water bottle|sauce|curry|cross)|hot and cold (?:water|tap)"
    r"|sauna|(?:how|what|tips?|best way) (?:\S+ ){0,3}(?:avoid|prevent|cope|deal|handle|manage|train)"
)
# fmt: off
SIGNS: tuple[Sign, ...] = (
    Sign("breathing", T, "breathlessness that isn't settling", (NOT_SETTLING, LABOURED), (
        JOKING, r"(?:a bit|a little|slightly|bit|abit) (?:puffed|puffing|out of breath|breathless)"
        r"|(?:got|get|getting|caught|catch) (?:my |his |her )?breath back"
        r"|(?:then|after that|soon) (?:\S+ ){0,2}(?:fine|settled|ok|okay|back to normal)|inhaler (?:\S+ ){0,2}sorted",
    )),
    Sign("cardiac", T, "a racing heart that isn't settling", (NOT_SETTLING, RACING), NOT_PALPITATION),
    Sign("cardiac", E, "a pounding heart that isn't settling, with dizziness or breathlessness", (
        NOT_SETTLING, RACING,
        r"dizzy|dizziness|light ?headed|woozy|swimmy|faint\w*|(?:short|out) of breath|breathless\w*"
        r"|(?:cant|couldnt) (?:\S+ )?catch (?:my |his |her )?breath|chest (?:\S+ ){0,3}(?:pain|tight\w*|pressure)",
    ), NOT_PALPITATION),
    # chest pain that does not go after resting is a 999 call (NHS "Chest pain")
    Sign("cardiac", E, "chest pain that isn't easing", (NOT_SETTLING, CHEST_DISCOMFORT), (
        GYM_CHEST, JOKING, r"(?<!like )(?<!like a )(?:heartburn|indigestion|acid reflux)|stitch",
    )),
    Sign("heat", E, "heat exhaustion that isn't settling with rest and cooling", (
        rf"{LONG_WHILE} ago", COOLED, UNWELL,
    ), (NOT_HOT_BODY, JOKING)),
    # a headache or feeling off after a knock to the head that won't shift (NHS "Head injury and concussion")
    Sign("head-injury", T, "a head injury with warning signs", (
        NOT_SETTLING + r"|wont shift|(?:\d+|two|three|a few) days later|since (?:the|then)",
        r"{HEADACHE}|(?:feel|feels|feeling) (?:\S+ ){0,2}(?:off|foggy|fuzzy|not right|spaced)",
        r"{IMPACT}|branch|whack\w*|head",
    ), (JOKING,)),
    # still unwell after resting in a cool place is a 999 call (NHS "Heat exhaustion and heatstroke")
    Sign("heat", E, "heat exhaustion that isn't settling with rest and cooling", (
        NOT_SETTLING, rf"{{HOT}}|{COOLED}", UNWELL,
    ), (
        NOT_HOT_BODY, JOKING,
    )),
)
# fmt: on
