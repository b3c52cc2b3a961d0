"""Pregnancy and after birth, and low energy availability (RED-S).

Sources: ACOG Committee Opinion 804 (2020), warning signs to stop exercising in pregnancy (bleeding, regular
painful contractions, fluid leaking, breathlessness before exertion, dizziness, headache, chest pain, calf pain
or swelling); NHS "Pre-eclampsia" (headache, vision problems, sudden swelling: call your maternity unit) and
"Post-partum haemorrhage" (heavy bleeding, large clots, faintness: 999); UK CMO guidance on physical activity in
pregnancy (2019); Goom, Donnelly and Brockwell (2019), returning to running postnatal; the IOC consensus on
RED-S (Mountjoy 2023): missed periods, repeated bone stress injuries, low libido and illness in men too.
"""

from __future__ import annotations

from bot.advice.lexicon.base import Severity, Sign

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

PREGNANCY_SYMPTOM = (
    # a little leak when running, coughing or jumping is the pelvic floor (a physio's), not waters
    r"bleed\w*|blood|spotting|clots?|contractions?|tightenings?|cramping|cramps|waters|fluid|discharge"
    r"|leaking(?! (?:\S+ ){0,3}(?:when|while|as|if) (?:i |you )?(?:run|jog|cough|sneeze|laugh|jump))"
    r"|dizzy|faint\w*|light ?headed|{HEADACHE}|seeing (?:spots|stars|flashing)|spots|blurr\w*|vision"
    r"|{CHEST} (?:\S+ ){0,3}{CHEST_FEEL}|(?:short|out) of breath|breathless|struggling (?:for|to) breath\w*"
    r"|(?:calf|leg) (?:\S+ ){0,3}(?:swollen|pain|sore|hot)|swollen (?:face|hands|fingers)|sudden swelling"
    r"|(?:{SUDDEN}|really|very|badly|massively) (?:\S+ ){0,1}swollen (?:feet|ankles|legs)"
    r"|(?:baby|babys|bump) (?:\S+ ){0,3}(?:moving less|not moving|stopped moving|quiet|less active)|reduced movements?"
    r"|(?:pelvic|tummy|stomach|abdominal|bump) (?:\S+ ){0,2}{PAIN}|{PAIN} (?:\S+ ){0,2}(?:pelvis|tummy|stomach|bump)"
    r"|temperature|fever|smelly|wound (?:\S+ ){0,2}(?:red|opening|oozing|weeping)|stitches (?:\S+ ){0,2}(?:open|burst)"
    r"|leaking (?:\S+ ){0,2}(?:wee|urine) (?:\S+ ){0,2}(?:every|each|whenever)|heaviness|dragging|bulge|prolapse"
)
NOT_PREGNANCY_TALK = (
    r"(?:can|should|could|is it (?:ok|okay|safe)) (?:i |to )?(?:keep|still|carry on|continue)? ?(?:run|running|doing"
    r"|jog)(?! (?:\S+ ){0,4}(?:bleed|blood|pain|contraction))",
)

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- pregnancy and after birth -------------------------------------------------------------------
    Sign("pregnancy", E, "heavy bleeding, chest pain or breathlessness in or after pregnancy", (
        r"{PREGNANT}",
        r"(?:heavy|heavily|lots of|loads of|a lot of|gushing|soaking|pouring) (?:\S+ ){0,2}(?:bleeding|blood|bleed)"
        r"|bleeding (?:\S+ ){0,3}(?:heavily|heavy|a lot|loads)|(?:big|large|huge|golf ball) (?:\S+ ){0,1}clots"
        r"|soak(?:ed|ing)? (?:\S+ ){0,2}(?:pad|pads)|(?:bleeding|bled|soaking|soaked|going|gone|getting|through)"
        r" through (?:\S+ ){0,2}pads?|pads? (?:\S+ ){0,2}(?:every|an|each|within an?) (?:hour|half hour)"
        r"|{CHEST} (?:\S+ ){0,3}{CHEST_FEEL}"
        r"|{CHEST_FEEL} (?:\S+ ){0,3}{CHEST}"
        r"|{CANT} (?:\S+ ){0,1}(?:breathe|catch (?:my )?breath)|struggling (?:for|to) breath\w*|fainted|passed out"
        # a fit is a seizure; "fit running back in" is finding time
        r"|collapsed|seizure|(?:had|having|has|took|in) a fit|(?:she|he|i|im|shes|hes|was|is|started) fitting",
    )),
    # bleeding with pain or cramps in pregnancy (abruption, miscarriage, labour: NHS "Vaginal bleeding in
    # pregnancy", call 999 with bleeding and tummy pain); after birth, bleeding with cramps is the usual lochia
    Sign("pregnancy", E, "bleeding with pain or cramps in pregnancy", (
        r"{PREGNANT}", r"bleed\w*|blood|bled",
        r"cramp\w*|contractions?|tightenings?|(?:tummy|stomach|belly|bump|abdominal|pelvic|back) (?:\S+ ){0,2}{PAIN}"
        r"|{PAIN} (?:\S+ ){0,2}(?:tummy|stomach|belly|bump|abdomen)|(?:comes?|coming|came) in waves",
    ), (r"postpartum|post partum|postnatal|post natal|after (?:giving )?birth|gave birth|since (?:the )?birth"
        r"|(?:had|delivered) (?:my|the|our|a|her) (?:\S+ )?(?:baby|son|daughter|twins)|weeks (?:pp|post)|c ?section"
        r"|nose ?bleed|blister|gums",)),
    # pre-eclampsia's severe features together: a bad headache with vision changes or sudden swelling (ACOG)
    Sign("pregnancy", E, "a headache with vision changes or sudden swelling in pregnancy", (
        r"{PREGNANT}", r"{HEADACHE}",
        r"flashing|flashes|seeing (?:spots|stars)|spots|blurr\w*|vision|(?:{SUDDEN}) (?:\S+ ){0,4}(?:swell\w*|puff\w*)"
        r"|(?:face|hands|fingers) (?:\S+ ){0,5}(?:{SUDDEN}) (?:\S+ ){0,1}(?:swell\w*|swollen|puff\w*)|swollen face",
    ), NOT_PREGNANCY_TALK),
    Sign("pregnancy", T, "a warning sign in pregnancy or after birth", ("{PREGNANT}", PREGNANCY_SYMPTOM),
         NOT_PREGNANCY_TALK),
    # waters going with tightenings: labour, early or not, is the maternity unit's now (NHS "Signs that labour
    # has begun"; before 37 weeks "call your midwife or maternity unit immediately")
    Sign("pregnancy", E, "signs of labour", (
        r"{PREGNANT}",
        r"waters (?:\S+ ){0,2}(?:broke|broken|went|leaking|gone|going)|leak\w* (?:\S+ ){0,2}(?:water|fluid)"
        r"|(?:water|fluid) (?:\S+ ){0,2}(?:leak\w*|trickl\w*|gush\w*)",
        r"contractions?|tightenings?|(?:tummy|bump|belly) (?:\S+ ){0,2}(?:tight\w*|hard\w*)|(?:comes?|coming"
        r"|came) in waves",
    ), NOT_PREGNANCY_TALK),
    Sign("pregnancy", T, "a warning sign in pregnancy", (
        r"(?:regular|painful|strong) (?:\S+ ){0,1}(?:contractions|tightenings)|contractions (?:\S+ ){0,4}(?:every"
        r"|regular|not stopping|wont stop)|tightenings (?:\S+ ){0,4}(?:every|regular|not stopping|wont stop)"
        r"|waters (?:\S+ ){0,2}(?:broke|broken|went|leaking|gone)|leaking (?:\S+ ){0,2}(?:amniotic )?fluid"
        r"|(?:baby|babys) (?:\S+ ){0,3}(?:moving less|not moving|stopped moving|kicking less|not kicking|quieter)"
        r"|(?:hasnt|havent|not|hadnt) (?:\S+ ){0,2}(?:felt )?(?:the )?(?:baby|him|her|bump) (?:move|moved|moving"
        r"|kick\w*)"
        r"|(?:baby|babys|bump) (?:hasnt|hadnt|isnt|wasnt) (?:\S+ ){0,1}(?:moved|moving|kicked|kicking)"
        r"|(?:baby|babys|bump) (?:\S+ ){0,1}(?:barely|hardly) (?:moved|moving|kicked|kicking)"
        r"|(?:been )?(?:quiet|still) since (?:\S+ ){0,2}(?:\d\S*|this|last|yesterday)|fewer kicks|less kicks"
        r"|not as kicky"
        r"|reduced (?:fetal |baby )?movements?|(?:fewer|less) (?:kicks|movements)"
        # the weeks or the bump named, then the baby barely kicking ("36 weeks and the wee one has barely kicked")
        r"|(?:(?:2\d|3\d|4[0-2]) weeks|{PREGNANT}|bump|in there) (?:\S+ ){0,8}(?:barely|hardly|not|stopped|havent felt"
        r"|hasnt) (?:\S+ ){0,1}(?:kicked|kicking|moved|moving)(?! (?:at|in) the (?:end|finish))",
    )),
    # --- RED-S: low energy availability --------------------------------------------------------------
    Sign("red-s", P, "missed periods or repeated bone injuries", (
        r"{PERIOD} (?:\S+ ){0,3}?(?:stopped|stop|gone|went away|disappeared|vanished|missing|irregular|has gone"
        r"|awol|mia|missing in action|nowhere to be seen"
        r"|all over the place|erratic|haywire)|{PERIOD} (?:\S+ ){0,8}?(?:now|then|have|has|just) (?:stopped|vanished"
        r"|disappeared|gone)"
        r"|(?:missed|missing|lost|no|not had|havent had|hasnt had|havent got|skipped|skipping|not had a) (?:\S+ ){0,2}?"
        r"{PERIOD}|never (?:\S+ ){0,2}(?:had|have|got|started) (?:\S+ ){0,2}{PERIOD}|{PERIOD} (?:\S+ ){0,2}(?:never"
        r"|not yet|havent|hasnt) (?:\S+ ){0,1}(?:started|come|been regular|regular)|amenorrh(?:o)?ea|amenorrhoea"
        r"|\bred s\b|reds\b|relative energy deficiency|low energy availability"
        r"|female athlete triad|underfuel\w*|under fuel\w*"
        r"|(?:keep getting|another|second|third|fourth|fifth|multiple|repeated|recurrent|recurring|several|two|three"
        r"|2nd|3rd|4th|[2-9])"
        r" (?:\S+ ){0,2}?(?:stress fractures?|bone (?:stress )?injur(?:y|ies)|stress reactions?|fractures"
        r"|broken bones)",
    ), (r"(?:pregnant|pregnancy|postpartum|postnatal|menopause|breastfeeding|(?:the|my|a) pill|contracepti\w*|coil"
        r"|implant|mirena)",)),
    Sign("red-s", P, "signs of under-fuelling for your training", (
        r"(?:lost|losing|dropped|dropping|cutting|cut) (?:\S+ ){0,3}(?:weight|kg|kilos|pounds|lbs|stone|race weight)"
        r"|under ?eating|not eating enough|restrict\w*|(?:to |trying to )?get lighter|lose weight|race weight"
        r"|(?:eating|on|about) (?:\S+ ){0,2}1[0-5]00 ?(?:cals?|calories|kcal)|leaning (?:up|out)",
        r"exhausted|knackered|tired all the time|no energy|zero energy|always cold|no (?:sex drive|libido)"
        r"|low (?:libido|sex drive)|stress fractures?|bone stress|keep getting (?:ill|injured)|ill all the time"
        r"|(?:libido|sex drive) (?:\S+ ){0,1}(?:gone|dead|vanished|zero|nil)|shattered|cold all the time"
        r"|(?:zero|no|nil) (?:libido|sex drive)|keep getting (?:colds|sick|bugs)",
    ), (r"(?:years?|months?) ago|(?:gained|put on) weight",)),
    # very low intake for the training with the cost: always exhausted, injured again and again
    Sign("red-s", P, "signs of under-fuelling for your training", (
        r"(?:eating|eat|ate|on|having) (?:about |around |only |just |like |roughly )?"
        r"(?:[5-9]\d\d|1[0-4]\d\d|1 ?[0-4]00) ?(?:cals|calories|kcal)",
        r"(?:keep|kept|always|constantly) (?:\S+ ){0,2}injur\w*|injur(?:y|ies) (?:\S+ ){0,2}(?:keep|again)"
        r"|(?:always|constantly|permanently) (?:\S+ ){0,1}(?:knackered|exhausted|tired|shattered|wiped)",
    )),
    Sign("red-s", P, "signs of under-fuelling for your training", (
        r"(?:libido|sex drive) (?:\S+ ){0,2}(?:gone|low|dropped|disappeared|vanished|zero|non existent)"
        r"|(?:low|no|lost (?:my )?) (?:libido|sex drive)|low testosterone|(?:lost|losing|dropped) (?:\S+ ){0,3}(?:kilos"
        r"|kg|pounds|lbs|stone|weight) (?:\S+ ){0,2}without (?:trying|meaning)|(?:always|constantly|keep getting"
        r"|forever)"
        r" (?:\S+ ){0,1}(?:ill|sick|getting ill|getting colds|run down)",
        r"(?:training|miles|mileage|volume|running|runner|runs|marathon|ultra|block|km|k a week)",
        r"(?:libido|sex drive|testosterone|ill|sick|colds|stress (?:reaction|fracture)|freezing|cold|period|kilos|kg"
        r"|weight|tired|exhausted)",
    )),
)
# fmt: on
