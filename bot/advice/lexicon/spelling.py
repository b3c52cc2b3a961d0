"""Misspellings: words of five letters or more that a misspelt word is corrected to (one edit, transpositions
included), and common English words one edit away from one of them that are never corrected ("never" is not
"fever", "looked" is not "locked"). NOT_TYPOS: the 30,000 most frequent English words (wordfreq) one edit from a
lexicon word, plus the earlier hand-made list. Shorter words are too easily mistaken for others: their
misspellings are in the patterns."""

from __future__ import annotations

FUZZY_WORDS: frozenset[str] = frozenset(
    """
    accident aches achilles aching allergic allergy amenorrhea amenorrhoea anaphylactic anaphylaxis answering
    arrhythmia asthma babies barely basal black blacked blackout bladder bleeding blinding bloated bloating
    blood bloody blueish bluish blurred blurry bottles bowel bowels breastbone breath breathe breathing
    breathless breathlessness brown brownish buckled buckles buckling burning buttocks calves cardiomyopathy
    cellulitis chest chills clammy closing clots cloudy clumsy collapse collapsed collapsing color colored
    colour coloured compartment concrete concussed concussion confused confusion consciousness contractions
    control convulsions coughed coughing crushing curtain delirious dextrose diabetes diabetic discharge
    discomfort disorientated disorientation disoriented dizziness dizzy double drank drinking drooping droopy
    drowsy embolism epipen erratic excruciating exhaustion fainted fainting feeling femoral fever feverish
    fevers fibrillation fitting flank flashes flashing flight floaters fluid fluttering flutters fluttery
    fracture fractured fractures freezing galloping garbled gasping genitals getting gibberish giving glucose
    groin guzzled halos hammering hamstring headache headaches heatstroke heavy helping hereditary hoarse hobbling
    hopping hornet hurting hurts hyponatraemia hyponatremia hypos hypothermia hypothermic incontinence infected
    infection inhaler inherited insulin irregular jelly jerking jumbled kidney kidneys knocked libido ligament
    lightheaded limping liters litres locked locking lopsided massively memory menstruation metatarsal
    metatarsals midwife migraine missed misty muddled mumbling nausea nauseous needles night nonsense numbness
    oozing overdrank overheated overheating painful pains palpitation palpitations passed peanut peanuts peeing
    pelvis period periods pinpoint popped postnatal postpartum pounding pregnancy pregnant pressure privates
    pubic puffy puking purple queasy racing reaction reactions redness reliever remember responding resting
    rhabdo rhabdomyolysis rhythm rupture ruptured sacrum saddle salbutamol sciatica seizure seizures sensation
    sentences severe shadow shaking shivering shortness skipped skipping sleet slurred slurring slurry snapped
    sodium speech spinning splitting spotting squeezing staggering sternum sting stool stopped straighten streak
    stress stroke struggling stumbling stung sudden suddenly sugar swallow swallowing sweating swelled swelling
    swollen temperature tender tenderness tendon testosterone throat thrombosis throwing thumping thunderclap
    tibia tight tightening tightenings tightness tingle tingles tingling tingly tiptoe tongue travelling trembly
    trimester twitching unconscious unresponsive unstable urine ventolin vertigo vision vomit vomited vomiting
    watery weakness weeing weight wheezing wheezy wobbly woozy worse worsening
    """.split()
)

NOT_TYPOS: frozenset[str] = frozenset(
    """
    flushes flushed flushing chesty
    spouting spouted humbled tumbled fumbled rumbled mumbled bumbled jumbles jumble helpings yelping whelping
    accidents acres acting alight alves arches ashes babes backed barley basalt basel basil battles believer
    belly bender betting binding blacks blank blending blight blinking block blocked blocking blond bloods bloom
    blown blush boating bottle bottled bowed bowels bowen bower bowers bowles bowls bracing breach breaching
    breadth breathed breather breathes breaths breeding brine brood browne browns brows brushing buckle buckley
    buffy burying caves certain cheat chess chests childs chill chilli chilly ching chopping clashes clocked
    cloning cloth cloths cloud clouds coarse collapses colon colors colours colts compartments concession
    confuse confuses conor contraction controls crank crashing crest crown cubic curtail curtains cushing
    delicious discharged discharges diving doable docked docking doubled doubles doubly drink drooling dropping
    drown drunk duffy dwelling eight elvis emory facing feeding feelin feelings fender fewer fight fittings
    flanks flashed flask flattering fleet flights floated floating flood fluids flurry flushing flutter founding
    frank freeing fright frown fueling gains gaping gassed gender genital gettin grain grasping groan grown
    halls halves healy height hills hitting hoping hopped horne horned horner hornets horse huddled humbling
    hunting hunts hurling hurst infections infested inhale inhaled injected injection jingle jolly kelly kissed
    knight lacked lacking ladder lashes lashing lender letting lever levers licked licking ligaments light
    lightening liners liter litre living lizzy locke locker looked looking losing mains messed might migraines
    mingle misled misses missy misused mocked mocking morse nasal needle needless nelly nesting netting never
    nights norse pacing paddle paine paint painted painting paints pairs passer passes passively pasted paused
    pawns peeling peering peking pelvic petting pinning pissed pitting plains plank plight plots podium poking
    popping prank pressured pressures primates private propped public puffs puzzled rabies racking raging rains
    raping rapture rarely rating raving reactions redress reeling relieve relieved remembers render renting
    revere rhythms right rocked rocking rounding rushing scrum seating seeing selling sender sensations sentence
    sentenced setting seung sever severed severn shading shadows shadowy shallow shaming shaping sharing shaving
    sheet shelled shelling shipped shipping shopped shopping sidney sight single singles sipping sitting skipper
    slack slapped slashing sleek sleep slept slight sling slipped slipping slots smelled smelling snapper
    soaking sounding spanning spelled spelling spitting sporting spurred steak stepped stings stingy stink stint
    stoke stood stools stoop stopper streaks stream strike string strokes strung stunt sugars sugary suing
    swallows swapped swearing sweet swing switching swung tainted tangle telly temperatures tended tenders
    tendons testing threat throats tights tinder tongues topped topping towel towels tracing traveling tremble
    tumbling turning typos valves vetting visions vowel vowels water waters weeping weigh weighs weights
    wheeling whopping wight wobble wobbling woody worsen worst wounding wreath wright
    """.split()
)

# Texting shorthand, spelled out before reading ("head hit bollard, asking same q over n over", "2 wks", "thru").
SHORTHAND: dict[str, str] = {
    "thru": "through", "n": "and", "nothin": "nothing", "outta": "out of", "b4": "before", "2day": "today",
    "2nite": "tonight", "tmrw": "tomorrow", "wk": "week", "wks": "weeks", "yr": "year", "yrs": "years",
    "mins": "minutes", "bc": "because", "cos": "because", "coz": "because", "cuz": "because", "tho": "though",
    "rn": "right now", "abt": "about", "smth": "something", "q": "question", "qs": "questions", "ppl": "people",
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "bf": "boyfriend", "gf": "girlfriend",
    "hubby": "husband", "sicked": "sick", "mara": "marathon", "thx": "thanks", "x2": "twice", "x3": "three times",
    "x4": "four times", "x5": "five times", "sob": "short of breath", "hx": "history", "c o": "complaining of",
}  # fmt: skip
