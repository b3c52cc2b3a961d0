"""The red-flag categories: the warning signs that clinicians publish for exercise and first aid (NHS "call
999" and "see a GP urgently" pages, Resuscitation Council UK and first-aid guidance, sports-medicine red-flag
lists), each with who to see. An emergency banner always says to get urgent help now; the other two name who.
Tips about a category carry the tag ``redflag-<id>``.
"""

from __future__ import annotations

from bot.advice.lexicon.base import Category

URGENT_CARE = "a doctor today: urgent care or A&E"
SPORTS = "a sports doctor or physiotherapist"

# The body systems of the safety net (signs_net.py): it adds nothing to a system the categories already flagged.
HEART, LUNGS, ALLERGY, BRAIN, BALANCE, BLEEDING = "heart", "airway", "allergy", "brain", "balance", "bleeding"
BONES, WOMEN = "bones", "pregnancy"

CATEGORIES: dict[str, Category] = {
    # heart, lungs and blood
    "cardiac": Category("heart", HEART, before_running="a doctor (ask about a heart check)"),
    "breathing": Category("breathing", LUNGS),
    "anaphylaxis": Category("severe allergic reaction", ALLERGY),
    "dvt-pe": Category("blood clot", HEART),
    # brain, nerves and senses
    "head-injury": Category("head injury", BRAIN, today="a doctor (A&E or urgent care)"),
    "stroke": Category("stroke", BRAIN),
    "consciousness": Category("collapse or confusion", BRAIN),
    "eyes": Category("eyes", BRAIN, today="an eye casualty or urgent care",
                     now="go to an eye casualty or A&E now (call 999 if you can't get there safely)"),
    "cauda-equina": Category("back pain with nerve signs", BRAIN),
    "nerve": Category("numbness or tingling", BRAIN),
    # the body's balance: heat, cold, water, sugar, muscle and kidneys
    "heat": Category("heat illness", BALANCE),
    "hypothermia": Category("hypothermia", BALANCE),
    "hyponatraemia": Category("drinking too much water", BALANCE),
    "hypoglycaemia": Category("low blood sugar in diabetes", BALANCE, today="your diabetes team or a doctor"),
    "rhabdomyolysis": Category("muscle breakdown", BALANCE),
    "kidney": Category("kidneys and urine", BLEEDING, before_running="a doctor"),
    "bleeding": Category("bleeding", BLEEDING),
    "infection": Category("fever or infection", BALANCE, before_running="a doctor"),
    # bones, tendons and joints
    "bone-stress-shin": Category("bone stress: shin", BONES, before_running=SPORTS),
    "bone-stress-foot": Category("bone stress: foot", BONES, before_running=SPORTS),
    "bone-stress-hip": Category(
        "bone stress: hip, groin or thigh bone", BONES, today="a doctor (urgent care or A&E)", before_running=SPORTS
    ),
    "bone-stress-pelvis": Category("bone stress: pelvis", BONES, before_running=SPORTS),
    "bone-stress": Category("bone stress", BONES, before_running=SPORTS),  # a sign that names no site
    "compartment": Category("compartment syndrome", BONES, before_running=SPORTS),
    # NHS "Achilles tendon rupture": go to an urgent treatment centre or A&E (not an ambulance)
    "tendon-rupture": Category("tendon rupture", BONES, today="a doctor (urgent care or A&E)",
                               now="stop, keep off it and go to A&E or an urgent treatment centre now"),
    "knee": Category("knee", BONES, today="a doctor (urgent care or A&E)"),
    # NHS "Broken bones": A&E; 999 if a bone is through the skin, it bleeds heavily or the limb is pale, cold or numb
    "acute-injury": Category("acute injury", BONES, today="a doctor (urgent care or A&E)",
                             now="keep it still and get to A&E now, or call 999 if a bone is through the skin, it is"
                                 " bleeding heavily or the limb below is pale, cold or numb"),
    # women's health
    "pregnancy": Category("pregnancy and after birth", WOMEN, today="your midwife, maternity unit or doctor",
                          before_running="your midwife or doctor"),
    "red-s": Category("low energy availability (RED-S)", WOMEN, before_running="a doctor, ideally a sports doctor"),
}  # fmt: skip

# A bone named says the site better than a region ("pain in her groin near the sit bone" is the pelvis): bones
# first, then regions; within each the first named in the message wins.
BONE_STRESS_BONES: tuple[tuple[str, str], ...] = (
    ("bone-stress-pelvis", r"pubic bone|pubis|sacrum|sacral|sit bones?|sitting bones?|ischium|ischial|tailbone"
     r"|front bone (?:\S+ ){0,1}down (?:below|there)|bone down (?:below|there)|(?:butt|bum|backside) bone"
     r"|(?:bone|bit) (?:\S+ ){0,3}front (?:\S+ ){0,1}down (?:below|there)|above my bits"
     r"|tail bone|coccyx"),
    ("bone-stress-hip", r"femur|femoral|femoral neck|thigh ?bone"),
    ("bone-stress-shin", r"tibia|tibial|fibula|shinbone"),
    ("bone-stress-foot", r"metatarsals?|navicular|calcaneus|toe bone"),
)  # fmt: skip
BONE_STRESS_SITES: tuple[tuple[str, str], ...] = (
    # (category, where a message names the site)
    ("bone-stress-pelvis", r"pelvis|pelvic bone|pubic|pubis|pubic bone|sacrum|sacral|sit bones?|sitting bones?"
     r"|ischium|ischial|bum|buttocks?|butt|butt cheek|bum cheek|tailbone|tail bone|coccyx|(?:where"
     r"|were) the bones meet"),
    ("bone-stress-hip", r"hip|hips|groin|front pocket|(?:hip |groin )?crease|femur|femoral|thigh ?bone"
        r"|top of (?:my |the )?thigh|high (?:up )?in (?:my "
        r"|the )?thigh"),
    ("bone-stress-shin", r"shin|shins|shinbone|tibia|tibial|fibula|lower leg bone|lower leg"
     r"|inside of (?:my |the |his |her )?(?:lower )?leg"),
    ("bone-stress-foot", r"foot|foots|feet|forefoot|midfoot|metatarsals?|navicular|heel|heels|calcaneus|instep|toe bone"
     r"|(?:long|little) bones? (?:\S+ ){0,2}(?:foot|feet)|arch"),
)  # fmt: skip
ONE_EYE = r"(?:one|my (?:left|right)|the (?:left|right)|left|right|that|an) eye|one of my eyes|in (?:my|the) eye"

# A sign whose category is a key here is named from the message: the first of the options the message names
# (tier by tier), else the default. Bone stress by its site; a sudden loss of vision in one eye is the eye's
# emergency (eye casualty), in both or half the field of view a stroke's.
RESOLVED: dict[str, tuple[tuple[tuple[tuple[str, str], ...], ...], str]] = {
    "bone-stress": ((BONE_STRESS_BONES, BONE_STRESS_SITES), "bone-stress"),
    "vision-loss": (((("eyes", ONE_EYE),),), "stroke"),
}
