"""Red-flag triage read from a symptom's course (lexicon/signs_course.py) and the concepts of round 7: each case a
rule written in our own words, with the near misses it must leave alone (the evaluation sets are kept apart)."""

import pytest

from bot.advice.lexicon import Severity
from bot.advice.redflags import normalise, triage

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


def found(text: str) -> set[tuple[str, Severity]]:
    return {(f.category, f.severity) for f in triage(text).findings}


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a symptom in a high-risk system and a course that says it is not passing, anywhere in the message
        ("wheezing like an old accordion. its been forty minutes since I stopped", "breathing", T),
        ("did a gentle jog and was panting like a dog, still puffing an hour later at my desk", "breathing", T),
        ("my heart is hammering away, sat down twenty minutes ago and it hasn't calmed down", "cardiac", T),
        ("pulse galloping since I finished, not slowing at all, and I feel woozy", "cardiac", E),
        ("chest feels like a fist is squeezing it. stopped running 15 mins ago, not easing", "cardiac", E),
        ("30 degrees at the 10k, mate has a thumping headache and is queasy, not improving in the shade", "heat", E),
        ("hot one today and I'm still wobbly and sick hours later", "heat", E),
        # a long journey, a cast, an operation or a birth make breathlessness or chest pain a clot's
        ("suddenly short of breath and it stabs when I breathe in, flew back from Sydney on Monday", "dvt-pe", E),
        ("since my knee op I get breathless walking to the car and my chest catches", "dvt-pe", T),
        # one calf swollen, warm and red anywhere in the message, even asked as "cramp?"
        ("Right calf. It's puffed up, warm to touch and a bit red. cramp??", "dvt-pe", T),
        # after a blow the leg need not be called tight: pain out of proportion with numbness or on moving the toes
        (
            "took a boot to the shin in the match, pain is way more than it should be and my foot is tingling",
            "compartment",
            E,
        ),
        ("calf got kicked, he screams when you move his toes", "compartment", E),
        # chronic: at the same point of each run, gone a while after stopping
        ("every run at 3k both calves go tight and burning, 15 mins later its gone", "compartment", P),
        # the hop test with a simile for the pain; the site named as the inside of the lower leg
        ("hopped on my right leg and it was like a knife going into the shin", "bone-stress-shin", P),
        ("tender bump on the bone on the inside of my lower leg, sore to poke", "bone-stress-shin", P),
        ("top of my left foot aches even walking to the shop now", "bone-stress-foot", P),
        # too breathless to speak, said of panting or a chest
        ("can't say more than two words at a time, panting hard", "breathing", E),
        # labour: waters and tightenings in pregnancy; a partner's weeks of pregnancy
        ("33 weeks and I think my waters are leaking, tightenings coming every few minutes", "pregnancy", E),
        ("my partner is 30 weeks, bad headache and seeing flashing lights since lunch", "pregnancy", E),
        # no urine for many hours after a hard session, with the muscles swollen
        ("not weed since the crossfit session yesterday and my thighs are swollen", "rhabdomyolysis", E),
    ],
)
def test_the_sign_is_found_at_its_severity(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        # the course without a high-risk symptom, or the symptom that passed
        "legs still sore two days later, classic DOMS",
        "kid came in puffing after the xc but was chatting away a couple of mins later",
        "a bit puffed still five minutes after the tempo, normal?",
        "heart pounding at the finish but it calmed down in a minute or two",
        "chest tight from the cold air, fine once I warmed up",
        "hot bath after the long run and still a bit sore this morning",
        # both calves, or a known knock, are not a clot's calf
        "both calves a bit swollen and warm after the marathon",
        # 31 minutes is no temperature
        "did the 10k in 31 and felt sick at the end, fine after a drink",
    ],
)
def test_what_passes_or_is_explained_raises_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


def test_degrees_are_read_as_heat() -> None:
    assert "degrees" in normalise("ran in 31°C today")


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # slurred said alone, then a limb that hangs: a stroke (the "slurred" pattern once needed a word after it)
        ("he slurred at me and his right arm is just dangling", "stroke", E),
        # confusion in lay words; someone who can't be woken
        ("my mate doesn't know where she parked and is talking utter rubbish", "consciousness", E),
        ("gave him a shake and he mumbled then drifts off again, cant wake him properly", "consciousness", E),
        # a wound pumping through pressure, vomiting blood, blood in poo
        ("cut my knee open on a rock, pressed on it for ages and its still pumping", "bleeding", E),
        ("threw up twice and there was blood in it", "bleeding", E),
        ("blood mixed in with my poo after long runs this month", "bleeding", T),
        # a measured fever; a virus with the heart racing at rest
        ("temp is 38.9 but parkrun is tomorrow", "infection", T),
        ("had a virus all week and my heart is racing lying on the sofa", "infection", T),
        # bone through the skin, a limb pointing the wrong way; a fall on the hand with a wrist that won't grip
        ("tripped on the trail and his ankle is pointing the wrong way", "acute-injury", E),
        ("slipped on ice, landed on my hand, wrist swollen and I can't grip my mug", "acute-injury", T),
        # knees plural; the foot that drops; standing on her left leg
        ("both knees locked and I can't straighten them", "knee", T),
        ("since Tuesday my foot slaps down and I can't lift the front of it", "nerve", T),
        ("she can't stand on her left leg, deep ache at the pubic bone", "bone-stress-pelvis", P),
        # something heavy resting on the chest
        ("feels like someone has put a sofa on my chest", "cardiac", E),
    ],
)
def test_the_concepts_of_round_7(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        # taken back, or a phrase held up in quotes with a laugh
        "think I'm having a heart attack on these hills. jk, just unfit",
        "saw flashing lights on the last lap, oh wait that was the disco at the rugby club",
        '"can\'t feel my legs" - me after every parkrun 😂',
        # a course's contents, what happens to anyone, a story, a sheet being written
        "first aid night at the club, they cover strokes and seizures",
        "what actually happens when you tear an achilles?",
        "my dad tells a story about a runner who collapsed in the 90s",
        "we're writing a safety sheet for marshals: blood in pee, chest pain, who to call",
        "what's a pubic stress fracture?",
        # explained or passed: bending down, a couple of minutes, a cold hand warmed up, the pill, altitude
        "dizzy for a moment bending over to tie my shoe",
        "heart going like mad at the finish but it settled within a couple of minutes",
        "fingers went numb on the frosty run but they warmed up in the car",
        "periods stopped since I started the pill, my GP said that's expected",
        "lightheaded at altitude the first day, fine since",
        "my knee locked eyes with a deer on the trail",
    ],
)
def test_the_look_alikes_of_round_7_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # the writer's own guess at a harmless cause explains nothing for an urgent sign
        ("one calf swollen, hot and red since the flight home. probably just cramp?", "dvt-pe", T),
        ("calf is swollen warm and red on one side, cramp maybe", "dvt-pe", T),
    ],
)
def test_a_guessed_harmless_cause_does_not_explain_an_urgent_sign(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


def test_a_stated_cause_still_explains() -> None:
    assert not triage("calf a bit swollen and warm from cramp, eased off after stretching")


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a heart word with flutter or skip words anywhere; a rate over 210 that lasted minutes
        ("the old ticker was all of a flutter on my walk, racing then skipping", "cardiac", T),
        ("hr sat at 235 on my watch for about 15 minutes on an easy jog", "cardiac", T),
        # a relative who died suddenly young
        (
            "my brother died very suddenly at 35 on a football pitch, should I get checked before starting?",
            "cardiac",
            P,
        ),
        # can't get a sentence out
        ("she can't get a sentence out, breathing really fast and wheezy", "breathing", E),
        # breathless on the flat where one normally manages miles
        ("out of breath on the flat lately, I normally do 10k no bother", "breathing", T),
        # the older word for urine
        ("passed hardly any water since the 24 hour race and it looks like cola", "rhabdomyolysis", E),
        ("my water has been pink after my last few runs", "kidney", T),
        # a head-first collision, a seizure, open water cold
        ("ran head first into a gate and now keeps asking what day it is", "head-injury", E),
        ("he went down on the track and his arms and legs are jerking", "consciousness", E),
        ("pale and blue after the open water swim, clumsy and barely making sense", "hypothermia", E),
        # blood in the toilet with the bowel named anywhere
        ("seen blood in the toilet a few times lately, dark and mixed in", "bleeding", T),
    ],
)
def test_the_concepts_of_round_7c(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "took my usual two puffs before the run and was fine all the way round",
        "what even is a stress fracture?",
        "dizzy for a sec at the end of the 400s, fine once I walked",
        "my heart skipped a beat when I saw the finish clock",
    ],
)
def test_the_look_alikes_of_round_7c_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # texting shorthand and an ellipsis
        ("L arm + leg gone numb n heavy outta nowhere", "stroke", E),
        ("cant.. get words out, inhaler did nothing", "breathing", E),
        ("fell, bone poking thru skin on my shin", "acute-injury", E),
        # clear fluid from the nose or one pupil bigger after a knock; sudden double vision
        ("hit my head on a branch and now clear watery stuff is dripping from my nose", "head-injury", E),
        ("everything is in twos since halfway round, came on suddenly", "eyes", E),
        # hives all over with the face swelling, whatever set it off
        ("came out in hives all over and my lips are swelling up", "anaphylaxis", E),
        # coughing a mouthful of bright red blood
        ("coughing up bright red blood after the session, a mouthful each time", "bleeding", E),
        # a bare fever in degrees with the body hot
        ("body is hot 39 degrees and joints paining, light jog to sweat it out?", "infection", T),
        # a guess assumed or insisted on by someone else
        ("pee pink after long runs, assumed beetroot but I haven't had any", "kidney", T),
        # giddy with the head paining in the heat, not settling
        ("hot day, still giddy and head still paining 40 min after stopping", "heat", E),
        # weeks since the baby arrived, breathless sitting down
        ("3 weeks since baby arrived and I'm short of breath just sitting on the sofa", "pregnancy", T),
    ],
)
def test_the_concepts_of_round_7d(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "best blackout blinds for sleeping before an early start?",
        "the collapse of the club committee is the real emergency lol",
        "broke my wrist in 2018, all healed, running great",
        "we should get a defib at the clubhouse, who do I ask on the committee?",
        "had DVT after an op in 2015, treated, no problems since",
        "heart going like the clappers after I sprinted the last 200, back to normal by the time I got my token",
        "read about a runner who had an asthma attack at a race, the first aiders were great",
        "carry my epipen in my vest pocket, any better ideas?",
        "shins a bit achy, goes after warm up and no pain walking",
    ],
)
def test_the_look_alikes_of_round_7d_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


def test_a_ruptured_tendon_is_for_a_and_e_now_not_an_ambulance() -> None:
    result = triage("felt a snap at the back of my ankle like someone kicked me, now I can't go up on tiptoe")
    assert result.severity == E and "tendon-rupture" in result.categories
    banner = result.banner() or ""
    assert "A&E or an urgent treatment centre now" in banner and "999" not in banner


def test_a_pop_alone_is_still_for_a_doctor_today() -> None:
    assert ("tendon-rupture", T) in found("heard a pop in my calf on the hill, it's sore")
    assert ("tendon-rupture", E) not in found("heard a pop in my calf on the hill, it's sore")


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a leg that went from under one side with words that won't come: a stroke, not a seizure
        ("she said the words won't come and her right leg went from under her", "stroke", E),
        # a collapse mid-effort is the heart's until shown otherwise
        ("he just dropped mid rep on the track and isn't answering properly", "cardiac", E),
        # the face or tongue swelling with wheeze or dread, whatever set it off
        ("ate a cereal bar and his tongue has puffed right up, he's wheezy", "anaphylaxis", E),
        # a nosebleed past twenty minutes, or on blood thinners
        ("nosebleed for 30 mins now, pinching it, won't stop", "bleeding", E),
        # saddle numbness or a bladder that dribbles with the back gone
        ("back went on the run and now I can't feel it when I wipe", "cauda-equina", E),
        # flu on day six and no better
        ("day 6 of flu, temp still up and no better, can barely get off the sofa", "infection", T),
        # cooling tried without naming the heat, 40 minutes ago, still unwell
        ("got him in the shade with ice 40 mins ago and he's still got a pounding head and is dizzy", "heat", E),
        # a guess a few words before "maybe"
        ("lost the sight in my left eye an hour ago and it hasn't come back. sweat in it maybe?", "eyes", E),
        # something pushing against the skin, pointing a weird way
        ("ankle's pointing a weird way and something's pushing against the skin", "acute-injury", E),
    ],
)
def test_the_concepts_of_round_7e(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "bit light headed after giving blood this morning so skipping the run",
        "my uncle had a heart attack years ago, he's fine now, what's a good beginner plan?",
        "my mate says you'll have a heart attack running that much lol",
    ],
)
def test_the_look_alikes_of_round_7e_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a rate of 200+ that came and went at once is an SVT's, not reassurance
        ("my heart suddenly went 200+ on the warm up and then switched back to normal after a min", "cardiac", T),
        # a low reading still dropping in a type 1; jelly babies held, not chewed
        ("type 1 mate, libre says 2.6 and dropping, shaky", "hypoglycaemia", E),
        ("my diabetic friend just holds the jelly babies and won't chew", "hypoglycaemia", E),
        # reduced movements in the lay words
        ("32 weeks and haven't felt the baby move since last night", "pregnancy", T),
        # RED-S in men: cutting weight with exhaustion and a stress fracture
        ("cutting for race weight, knackered all the time, had a stress fracture in spring", "red-s", P),
        # the black middle bit of one eye bigger after a knock
        ("hit my head yesterday and the black middle bit of my left eye is bigger than the other", "head-injury", E),
        # a knee like a grapefruit within the hour after a twist
        ("twisted it and within an hour my knee's like a grapefruit", "knee", T),
        # can't take four steps after a roll
        ("rolled my ankle and can't manage even 4 steps on it", "acute-injury", T),
        # pleuritic pain told as every breath, with a long trip or the pill
        ("on the pill and every breath in is like a knife since the long coach trip", "dvt-pe", E),
        # the back of the leg like a water balloon after a flight
        ("since the flight the back of my leg is like a water balloon and warm", "dvt-pe", T),
        # the bit you sit on numb like a dentist's injection, with the back
        ("back's been bad and the bit I sit on feels like a dentist's injection", "cauda-equina", E),
        # "-3" is three below zero
        ("-3 out and my mate is tripping over nothing and talking like he's had pints", "hypothermia", E),
        # urine like rosé
        ("after long runs my wee comes out like rosé wine", "kidney", T),
    ],
)
def test_the_concepts_of_round_7f(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "heart rate steady, no flutters, no palpitations, just no motivation",
        "nothing like a pop, just an achy calf after hills",
        "none of the swelling or dark pee stuff, just sore arms",
        "saw the optician about my floaters, retina all fine, good to go",
        "GP said growing pains, he's full of beans in the day",
        "the footballer who collapsed on the pitch, is that why they screen athletes?",
        "my mate fainted when she had blood taken lol",
        "got a bit lightheaded doing burpees, sat for a sec and it passed",
    ],
)
def test_the_look_alikes_of_round_7f_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a plan asked as a question is not what explains the sign
        (
            "drank at every water station, hands puffy and been sick. keep drinking water to rehydrate?",
            "hyponatraemia",
            E,
        ),
        # a snap above the kneecap with the leg that won't straighten is the quadriceps tendon's
        ("heard a snap above my kneecap and my leg won't straighten", "tendon-rupture", E),
        # boked: vomited
        ("boked after the session and it was like coffee grounds", "bleeding", E),
        # one calf bigger than the other on the pill
        ("on the pill and my left calf is bigger than the right and tender", "dvt-pe", T),
        # a collapse at mile 4 is the heart's too
        ("my buddy went down at mile 4 and he's not answering me", "cardiac", E),
        # a fever in Fahrenheit
        ("still running 101 degrees f after the flu, ok for easy miles?", "infection", T),
    ],
)
def test_the_concepts_of_round_7g(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "my mate fainted at a blood donation once, never fainted running myself",
        "a bit light-headed for a few seconds after the line, walked it off",
        "got lightheaded right when I stopped at the finish, was fine in a minute",
        "went down hard on the descent and grazed my knee, all fine otherwise",
    ],
)
def test_the_look_alikes_of_round_7g_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a paramedic's numbers: sats under 92, tripoding, a breathing rate over 35
        ("she's tripoding, sats 88% on my finger probe, wheezy", "breathing", E),
        # SOB is short of breath; hx is history; a past clot with breathlessness now
        ("SOB just walking up the stairs since sunday, never been like this", "breathing", T),
        ("hx of DVT, now suddenly short of breath with a sharp pain when I breathe in", "dvt-pe", E),
        # a measured fever feeling rough
        ("woke up 38.5 and feeling rough, relay tomorrow", "infection", T),
        # the writer who is a nurse does not reassure herself
        ("no period for 7 months and a second stress fracture, I'm a nurse and everyone says it's normal", "red-s", P),
        # can't get her to eat the jelly babies, type 1
        ("type 1 friend is shaky and we can't get her to eat the jelly babies", "hypoglycaemia", E),
        # the shin tense enough to burst with the toes barely lifting
        ("front of my shin feels like it'll burst, shiny and hard, can barely lift my toes", "compartment", E),
        # water drunk for hours, worse the more she drinks
        ("she's been necking water for hours, bloated and muddled", "hyponatraemia", E),
        # a calf raise impossible after a pop, as if a stone was lobbed at the heel
        ("felt like someone lobbed a stone at my heel and now can't do a single calf raise", "tendon-rupture", E),
    ],
)
def test_the_concepts_of_round_7h(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "epilepsy runner, seizure free for 4 years and my neuro's happy, belt recommendations?",
        "wee a bit dark after the sunny 10 miler but it's pale straw again now",
        "doing a first aid course, what should I ask about for runners collapsing?",
    ],
)
def test_the_look_alikes_of_round_7h_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a headache after a knock that won't shift days later
        ("took a whack off a low branch on Saturday and the headache won't shift", "head-injury", T),
        # numb where you'd sit, a leak without noticing, with the back; a guessed cause asked
        ("back's been awful all week, numb where you'd sit on a saddle. too much cycling??", "cauda-equina", E),
        # a wrist bent like an S that has gone a funny colour
        ("landed on my hand, wrist bent like an S and gone a funny colour", "acute-injury", E),
        # can't tell me her own address; a plan given as an imperative question explains nothing
        ("my friend can't tell me her own address and is very sleepy. sit her in the car?", "consciousness", E),
        # blood in his water
        ("one of our gents has had blood in his water a few times", "kidney", T),
        # a 39 temp
        ("got a 39 temp and aching all over but it's the champs Sunday", "infection", T),
        # the baby barely moved today
        ("28 weeks and baby's barely moved today", "pregnancy", T),
        # two of everything
        ("seeing two of everything since the drive home and it hasn't gone", "eyes", E),
    ],
)
def test_the_concepts_of_round_7i(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


def test_an_asthmatic_whose_wheeze_settled_after_the_warm_up_raises_nothing() -> None:
    assert not triage("asthmatic, bit wheezy at the start but it settled after the warm up")


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        ("type 1 friend is shaky, answering me with random stuff, won't eat the jelly babies", "hypoglycaemia", E),
        ("T1D, CGM screaming low, brain all foggy, already had my last gels", "hypoglycaemia", E),
        ("he's gone a funny blue round the lips and is wheezing loudly", "breathing", E),
        ("breathing fast and noisy 15 min after the finish, inhaler barely touching it", "breathing", E),
        ("wee was red again this morning, he blames the beetroot but hasn't had any", "kidney", T),
        ("top of her foot is swollen and hurts when she presses on the long bones", "bone-stress-foot", P),
        ("on about 1500 cals a day for an ultra, zero libido, keep getting colds, shin's gone again", "red-s", P),
    ],
)
def test_the_concepts_of_round_7j(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was blue in the face after that last rep 😂 kidding",
        "do I stretch before or after? I've heard both and I'm confused",
        "how am I meant to breathe? out of puff even on easy runs",
        "went a bit dizzy when I stopped dead at the end, fine after a sit",
    ],
)
def test_the_look_alikes_of_round_7j_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # pushing up a hill is no push-up: pressure across the chest on every climb
        ("every time I push up a hill I get this pressure across my chest, goes once I walk", "cardiac", E),
        ("walked into a lamppost and now keeps asking what day it is", "head-injury", E),
        ("peed after my long run and it was properly red, second time this month", "kidney", T),
        ("blacked out for a sec on the last hill sprint, came round on the grass", "cardiac", E),
        ("type 1 clubmate is shaky, just staring, we've got jelly babies but he won't take them", "hypoglycaemia", E),
        ("whipped in the eye by a branch, really red and everything's blurry", "eyes", E),
        ("my wife is 35 wks, after her walk she's got a bad headache and flashing lights", "pregnancy", E),
        (
            "half the vision in my right eye has gone and my right hand feels like it belongs to someone else",
            "stroke",
            E,
        ),
        ("she can't tell me where we left the car and keeps drifting into the road", "consciousness", E),
        ("on the pill and there's a sharp stab in my chest when I breathe in", "dvt-pe", E),
        ("he's thrown up a load of dark red stuff after the race", "bleeding", E),
        ("about 20 weeks, bit of spotting after my run", "pregnancy", T),
        ("i can press on one exact spot on the top of my foot and nearly hit the ceiling", "bone-stress-foot", P),
        ("got her into the shade and soaked her with water 40 min ago. still pounding head and sick", "heat", E),
    ],
)
def test_the_concepts_of_round_7k(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "heart going like the clappers at the finish, settled back down after a couple of mins walking",
        "my daughter asked me what heatstroke is, how would you explain it to a 9 year old?",
        "my uncle has a story about a guy fainting at a race in the 80s. do people still keel over at races?",
    ],
)
def test_the_look_alikes_of_round_7k_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


def test_puzzled_by_a_breathing_question_is_not_confusion() -> None:
    assert not triage("how do i breathe when running? mouth, nose, in for 3 out for 2? i'm so confused")
    assert ("hyponatraemia", E) in found("had 5 litres of water in the ultra, hands like balloons and I'm confused")


def test_nearly_fainting_on_the_last_rep_is_not_a_faint() -> None:
    assert ("cardiac", E) not in found("felt like I was going to pass out on the last rep, fine after a minute")
