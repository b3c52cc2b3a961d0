"""The safety net: what no category catches. An acute symptom in a high-risk system (airway, chest and heart,
head and nerves, consciousness, bleeding, pregnancy, a severe allergic reaction) gets at least "see a doctor
today". The severity words (can't breathe or speak, not responding, slurred, throat closing, face swelling,
blue lips, a fit, heavy bleeding) are emergency signs of their categories, so with them the banner is an
emergency. Each net sign is a system word and an acute word within a few words of each other, in either order,
outside negation, hypotheticals ("signs of", "how would you know"), jokes and the look-alikes below.
"""

from __future__ import annotations

from bot.advice.lexicon.base import JOKING, POSTURAL, SLEEPY, Severity, Sign

T = Severity.DOCTOR_TODAY

LOOK_ALIKES = (
    r"heart ?rate|\bhr\b|bpm|zones?|strap|monitor|watch|garmin|hrv|cadence|head ?wind|headwind|head ?torch|headband"
    r"|head start|heads? up|blood sugar (?:was |is )?(?:fine|ok|normal)|blood pressure|blood tests?|gave blood"
    r"|blood donor"
    r"|donat\w*|blood blister|bloodbath|bloody (?:hard|hell|brilliant|awful|great|tough|windy|hot|cold|long)"
    r"|heart (?:set|sank|sink|was in my mouth|in my mouth|skipped a beat|of|and soul)|by heart|heart ?break"
    r"|broken heart|heartbroken|excite\w*|nerves|nervous|adrenaline|start line|starting line"
    r"|(?:pregnant|expecting) (?:wife|partner|friend|sister|colleague)|my (?:wife|partner) is (?:pregnant|expecting)"
    r"|sweat|suncream|sun cream|sunscreen|contact lens|lens|lenses|smudge\w*|fogged|glasses|goggles|beetroot"
    r"|red (?:in the )?face|flushed"
    r"|itchy (?:bump|bumps|lump|lumps)|nettles?|midges?|mosquito|hay ?fever|pollen|sore throat|scratchy throat"
    # a heavy heart is grief, not a chest ("heart feels heavy since my dog died")
    r"|griev\w*|grief|bereave\w*|funeral|heavy heart|(?:dog|cat|pet|mum|dad|nan|gran|grandad|grandma|friend)"
    r" (?:\S+ ){0,1}(?:died|passed)",
    POSTURAL,
    JOKING,
)
_NEAR, _BEFORE = r" (?:\S+ ){0,4}?", r" (?:\S+ ){0,4}?"


def _near(system: str, acute: str) -> str:
    return rf"(?:{system}){_NEAR}(?:{acute})|(?:{acute}){_BEFORE}(?:{system})"


WEIRD = r"weird|funny|strange|odd|wrong|not right|scary|horrible|off"
# fmt: off
SIGNS: tuple[Sign, ...] = (
    Sign("breathing", T, "a new problem with your breathing", (_near(
        r"breathing|breath|breathe|airway|windpipe|lungs?",
        rf"{WEIRD}|noisy|rattl\w*|whistl\w*|crackl\w*|shallow|laboured|labored|raspy|stridor|not (?:\S+ ){{0,1}}right"
        r"|keeps? (?:\S+ ){0,1}stopping|scared",
    ),), (
        *LOOK_ALIKES,
        r"breathing (?:pattern|rhythm|technique|exercises?)|how (?:should|do|can) i breathe"
    )),
    Sign("cardiac", T, "a new symptom in your chest or heart", (_near(
        r"chest|heart|heartbeat|heart beat|pulse|ribcage",
        rf"{WEIRD}|flutter\w*|fluttery|jump\w*|thud\w*|thump\w*|flip\w*|squeez\w*|pressure|tight\w*|heav\w*|burn\w*"
        r"|stab(?!l)\w*|sharp|ache|aching|achy|hurt\w*|pain\w*|sore|discomfort|twinges?|tingl\w*|numb",
    ),), (
        *LOOK_ALIKES,
        r"{ASTHMA}|push ?ups?(?! (?:a |the )?(?:hill|climb|slope|incline|bank))|press ?ups?|bench|pecs|chest day"
        r"|chafing|chafed|nipples?|sports bra|heartburn"
        r"|indigestion|reflux|stitch|(?:from|after|with) (?:all )?(?:the |my |a )?(?:coughing|cough)"
        r"|(?:cold|freezing|icy|frosty|winter|chilly) (?:\S+ ){0,4}(?:makes|gives|leaves) (?:\S+ ){0,2}(?:chest|lungs)"
        r" (?:\S+ ){0,1}(?:burn|tight|sore|hurt)\w*"
        r"|(?:tight|tightness|tightens|tighter) (?:\S+ ){0,4}(?:in|from|with|when) (?:the )?(?:cold|freezing|icy|frosty"
        r"|chilly) air"
    )),
    Sign("stroke", T, "a sudden change in your face, speech, vision or strength", (_near(
        r"face|speech|speaking|words|talking|vision|eyesight|sight|one side|half (?:of )?(?:my|his|her|the)"
        r"|arm and leg|balance|brain",
        r"droop\w*|sagg\w*|numb\w*|tingl\w*|weak\w*|dead|slurr\w*|jumbled|garbled|muddled|blurr\w*|double|went dark"
        r"|gone|lost|black|spots|wonky|clumsy|wouldnt work|wont work|{WEIRD}|sudden\w*",
    ),), (
        *LOOK_ALIKES,
        r"lost (?:my )?(?:balance|footing)|balance (?:\S+ ){0,2}(?:exercises?|work|board|training)"
        r"|christmas do|works do|office do|night out|after (?:the |a )?(?:drinks|party|pub)"
        r"|(?:face|cheeks|lips|nose|ears) (?:\S+ ){0,8}(?:cold|freezing|frozen|icy|wind\w*|winter|frost\w*)"
        r"|(?:poor|bad|work on|improve) (?:\S+ ){0,1}balance|red|sunburn\w*|wind ?burn|chapped|dry skin"
    )),
    Sign("consciousness", T, "a change in how alert or aware someone is", (
        r"spaced out|zoned out|vacant|glazed (?:eyes|over|look)|not (?:himself|herself|themselves|myself|making sense)"
        r"|acting (?:strange\w*|weird\w*|odd\w*|drunk)|behaving (?:strangely|oddly|weirdly)|didnt (?:know|recognise"
        r"|recognize) (?:me|us|where)|keeps? (?:\S+ ){0,1}(?:nodding|drifting) off|(?:very|really|so) drowsy|groggy and"
        r"|not (?:fully )?(?:with it|there)|(?:drifting|slipping) in and out",
    ), (
        *LOOK_ALIKES,
        r"brain fog|(?:after|before) (?:my |a |the )?(?:5am|early|morning) run|coffee|caffeine|sleep", SLEEPY
    )),
    Sign("bleeding", T, "bleeding that needs a doctor", (_near(
        r"blood|bleed\w*|haemorrhag\w*|hemorrhag\w*",
        r"wont stop|wouldnt stop|keeps? (?:\S+ ){0,1}(?:coming|going)|lots|loads|a lot|heavy|heavily|pouring|gushing"
        r"|soaking|dripping|from (?:my|the|his|her) (?:\S+ )?(?:ears?|nose|mouth|eyes?|bum|bottom|back passage)"
        r"|in (?:my|the|his|her) (?:\S+ )?(?:pee|urine|wee|poo|stool|vomit|sick|spit|cough|toilet)|cough\w*|vomit\w*"
        r"|throw\w* up|threw up|spat|spitting|clots?",
    ),), (
        *LOOK_ALIKES,
        r"blisters?|nipples?|grazed?|scraped?|scratch\w*|little cut|small cut|paper cut|shaving"
    )),
    Sign("pregnancy", T, "a new symptom in pregnancy or after birth", (
        "{PREGNANT}",
        rf"{{PAIN}}|{WEIRD}|unwell|worried|worrying|concerned|sudden\w*|swell\w*|swollen|puff\w*|bleed\w*|blood|dizzy"
        r"|faint\w*|breathless|(?:short|out) of breath",
    ), (
        *LOOK_ALIKES,
        r"(?:can|should|could|is it (?:ok|okay|safe)) (?:i |to )?(?:keep|still|carry on|continue)? ?"
        r"(?:run|running|doing|jog|parkrun)(?! (?:\S+ ){0,4}(?:bleed|blood|pain|contraction|dizzy|faint))"
        r"|pace (?:\S+ ){0,2}dropped|slower|by feel|(?:when|how) (?:can|do|should) i (?:start|get back|return)"
        # ankles or feet swollen by the evening are common in pregnancy (NHS); sudden swelling has its own sign
        r"|(?:swollen|puffy) (?:feet|ankles)|(?:feet|ankles) (?:\S+ ){0,2}(?:swollen|puffy|swell)"
    )),
    Sign("anaphylaxis", T, "an allergic reaction", (_near(
        r"allerg\w*|anaphyla\w*|reaction|sting|stung|hives|bitten|bite|nuts?|peanuts?|shellfish",
        r"swell\w*|swollen|puff\w*|hives|rash|all over|spreading|dizzy|faint\w*|wheez\w*|breath\w*|throat|tongue|lips"
        r"|face|vomit\w*|sick|itchy all over|worse|bad|severe|blotchy|welts",
    ),), (
        *LOOK_ALIKES,
        r"(?:nut|peanut) (?:butter|bar|free)(?! (?:\S+ ){0,3}(?:swell|throat|lips|hives))"
        r"|allergic to (?:cats|dogs|dust|running|mornings|hills|effort)|tiny|little (?:lump|bump|red)"
        r"|(?:didnt|did not|never|without) (?:\S+ ){0,1}sting|(?:wasnt|werent|not) stung"
    )),
)
# fmt: on
