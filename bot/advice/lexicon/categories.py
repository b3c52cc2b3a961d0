"""The red-flag categories: the warning signs that clinicians publish for exercise and first aid (NHS "call
999" and "see a GP urgently" pages, Resuscitation Council UK and first-aid guidance, sports-medicine red-flag
lists), each with who to see. An emergency banner always says to get urgent help now; the other two name who.
Tips about a category carry the tag ``redflag-<id>``.
"""

from __future__ import annotations

from bot.advice.lexicon.base import Category

URGENT_CARE = "a doctor today: urgent care or A&E"
SPORTS = "a sports doctor or physiotherapist"

CATEGORIES: dict[str, Category] = {
    # heart, lungs and blood
    "cardiac": Category("heart", before_running="a doctor (ask about a heart check)"),
    "breathing": Category("breathing"),
    "anaphylaxis": Category("severe allergic reaction"),
    "dvt-pe": Category("blood clot"),
    # brain, nerves and senses
    "head-injury": Category("head injury", today="a doctor (A&E or urgent care)"),
    "stroke": Category("stroke"),
    "consciousness": Category("collapse or confusion"),
    "eyes": Category("eyes", today="an eye casualty or urgent care"),
    "cauda-equina": Category("back pain with nerve signs"),
    "nerve": Category("numbness or tingling"),
    # the body's balance: heat, cold, water, sugar, muscle and kidneys
    "heat": Category("heat illness"),
    "hypothermia": Category("hypothermia"),
    "hyponatraemia": Category("drinking too much water"),
    "hypoglycaemia": Category("low blood sugar in diabetes", today="your diabetes team or a doctor"),
    "rhabdomyolysis": Category("muscle breakdown"),
    "kidney": Category("kidneys and urine", before_running="a doctor"),
    "bleeding": Category("bleeding"),
    "infection": Category("fever or infection", before_running="a doctor"),
    # bones, tendons and joints
    "bone-stress-shin": Category("bone stress: shin", before_running=SPORTS),
    "bone-stress-foot": Category("bone stress: foot", before_running=SPORTS),
    "bone-stress-hip": Category(
        "bone stress: hip, groin or thigh bone", today="a doctor (urgent care or A&E)", before_running=SPORTS
    ),
    "bone-stress-pelvis": Category("bone stress: pelvis", before_running=SPORTS),
    "bone-stress": Category("bone stress", before_running=SPORTS),  # a sign that names no site
    "compartment": Category("compartment syndrome", before_running=SPORTS),
    "tendon-rupture": Category("tendon rupture", today="a doctor (urgent care or A&E)"),
    "knee": Category("knee", today="a doctor (urgent care or A&E)"),
    "acute-injury": Category("acute injury", today="a doctor (urgent care or A&E)"),
    # women's health
    "pregnancy": Category("pregnancy and after birth", today="your midwife, maternity unit or doctor",
                          before_running="your midwife or doctor"),
    "red-s": Category("low energy availability (RED-S)", before_running="a doctor, ideally a sports doctor"),
}  # fmt: skip

BONE_STRESS_SITES: tuple[tuple[str, str], ...] = (
    # (category, where a message names the site): the first site named in the message wins
    ("bone-stress-pelvis", r"pelvis|pelvic bone|pubic|pubis|pubic bone|sacrum|sacral|sit bones?|sitting bones?"
     r"|ischium|ischial|bum|buttocks?|tailbone|(?:where|were) the bones meet"),
    ("bone-stress-hip", r"hip|hips|groin|femur|femoral|thigh ?bone|top of (?:my |the )?thigh|high (?:up )?in (?:my "
        r"|the )?thigh"),
    ("bone-stress-shin", r"shin|shins|shinbone|tibia|tibial|fibula|lower leg bone"),
    ("bone-stress-foot", r"foot|feet|forefoot|midfoot|metatarsals?|navicular|heel|heels|calcaneus|instep|toe bone"
     r"|(?:long|little) bones? (?:\S+ ){0,2}(?:foot|feet)|arch"),
)  # fmt: skip
