"""Head injury and concussion, stroke, collapse and altered consciousness, eyes, and nerves.

Sources: NHS "Head injury and concussion" (A&E after a knock with vomiting, a worsening headache, memory loss
or having been knocked out; 999 with a fit, clear fluid from the nose or ears, or not waking), UK Concussion
Guidelines for Grassroots Sport (2023), NHS "Stroke" (FAST) and "Sudden severe headache", NHS "Fainting",
Resuscitation Council UK basic life support, NHS "Retinal detachment" and "Glaucoma" (flashes, floaters, a
shadow; a red painful eye with halos), NHS "Cauda equina syndrome".
"""

from __future__ import annotations

from bot.advice.lexicon.base import ASLEEP, JOKING, POSTURAL, SLEEPY, Severity, Sign

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO

HEAD_KNOCK = (
    r"(?:hit|banged|bumped|knocked|smacked|whacked|clonked|bashed|cracked|clipped|thumped|conked|walloped|split"
    r"|clattered|clobbered|bonked|thwacked|slammed|smashed|headbutted|caught|cut)"
    r" (?:\S+ ){0,3}?(?:my |his |her |their |the )?(?:back of (?:my |his |her |the )?|side of (?:my |his |her )?"
    r"|front of (?:my )?)?(?:head|hed|skull|forehead|temple)"
    r"|(?:head|skull|forehead) (?:\S+ ){0,3}(?:hit|smacked|banged|bounced|bashed|cracked|slammed|went into|hit off)"
    r"|faceplant\w*|face ?plant\w*|face planted|(?:went|fell|landed) face (?:first|down)|landed on (?:my |his "
    r"|her )?face"
    r"|(?:fell|fall|fallen|went flying|tripped|slipped|stacked it|went over|came off"
    r"|crashed|wiped out) (?:\S+ ){0,7}(?:head|face|forehead|skull)"
    # a helmet that broke took a blow hard enough to count as a head injury (UK concussion guidelines)
    r"|(?:helmet|lid) (?:\S+ ){0,2}(?:cracked|split|broke|broken|smashed|snapped|dented|in bits|in pieces)"
    r"|(?:cracked|split|broke|smashed|snapped|dented) (?:my |his |her |their |the )?(?:bike |cycling )?helmet"
    r"|head (?:injury|injuries|knock|clash|bang|bump)|knock to (?:the|my) head|blow to (?:the|my) head"
    r"|clash(?:ed)? (?:of )?heads|heads? clash\w*|head ?butt\w*"
    r"|(?:took|taken|got|caught|had) (?:a |an )?(?:\S+ ){0,2}(?:to|in|on) (?:the |my |his |her )(?:head|face|temple)"
    r"|(?:ball|elbow|knee|boot|shoe|branch|stick|brick|stone) (?:to|in|on) (?:the |my |his |her )(?:head|face|temple)"
    r"|concuss\w*|(?:knocked (?:\S+ ){0,1}out cold|knocked out{KO_NOT}|knocked unconscious|knocked me out)"
)
UNCONSCIOUS = (
    r"unconscious|unresponsive|(?:barely|hardly|only just|slow to|slow at|not really) (?:\S+ ){0,1}respond\w*"
    r"|barely (?:conscious|awake)|c[ao]me (?:round|to) (?:\S+ ){0,2}(?:seconds?|minutes?|mins?|bit|moment|while|floor"
    r"|ground|ambulance|tent)|not responding|isnt responding|wasnt responding|wont respond|didnt respond|not answering"
    r"|isnt answering|wasnt answering|no response|not waking|wont wake|wouldnt wake|hasnt woken|didnt wake|cant wake"
    r"|(?:can|could) (?:hardly|barely|only just) wake|(?:cant|couldnt|cannot|wont) be (?:woken|roused|wakened|woke)"
    r"|couldnt wake|hard to wake|out cold|knocked out{KO_NOT}|lost consciousness|loss of consciousness"
    r"|came to (?:on|in|with)"
    r"|woke up (?:on the ground|on the floor|with (?:medics|paramedics|people)|in (?:the|an) (?:medical tent"
    r"|ambulance))"
    r"|eyes (?:\S+ ){0,2}(?:open|rolling) (?:\S+ ){0,3}(?:not|no|isnt|wasnt|nothing)"
)

# Memory loss after a knock: the fall, the last mile or how they got home is gone, or the same questions again.
AMNESIA = (
    r"(?:cant|couldnt|cannot|dont|doesnt|didnt|unable to) (?:\S+ ){0,1}remember (?:\S+ ){0,2}(?:the (?:fall|crash"
    r"|last|race|finish|run|end|start|way)|how (?:i|he|she|they|we) got|getting|what happened|anything|falling"
    r"|hitting|the rest)|(?:memory|mind) (?:\S+ ){0,2}(?:blank|gone|hazy|fuzzy|patchy)|no memory of|lost (?:\S+ ){0,2}"
    r"(?:minutes|memory)|(?:asking|asks|asked) (?:\S+ ){0,2}(?:same (?:questions?|thing)(?! (?:about|on|re)\b)"
    r"|where (?:she|he|they|i|we)"
    r" (?:is|are|am|was|were)|what (?:happened|day it is))|(?:doesnt|didnt|dont) know"
    r" what happened|(?:repeating|repeats|repeated) (?:himself|herself|myself|themselves)"
)
# What a bystander sees in another runner that first aid treats as altered consciousness: call for help. About
# the writer the same words are often everyday ("I was acting strange all week", "I felt sleepy"), so these count
# only where the nearest person named is someone else.
OBSERVED_ALTERED = (
    r"(?:acting|behaving|being) (?:\S+ ){0,1}(?:strange\w*|weird\w*|odd\w*|drunk|confused|bizarre\w*|out of"
    r" character|funny)|not making (?:any )?sense|(?:talking|speaking|spouting) (?:\S+ ){0,1}?(?:nonsense|rubbish"
    r"|gibberish|drivel|funny|weird|strange)(?! (?:about|on|re)\b)|barely (?:talking|moving|awake|with it|there)"
    r"|glazed|vacant|eyes (?:\S+ ){0,1}rolling"
    r"|staring (?:into space|blankly|into nothing|at nothing)|blank stare|(?:doesnt|didnt|dont|cant) (?:\S+ ){0,2}"
    r"(?:know|recogni[sz]e) who (?:his|her|their|i|we) (?:\S+ )?(?:is|are|am|was)"
    r"|(?:cant|couldnt|cannot|doesnt|didnt|dont|wont|wasnt able to) (?:\S+ ){0,2}(?:tell (?:me|us|anyone) |say"
    r" |remember |know )(?:(?:what|which) (?:day|year|month|time) (?:it|of|today|we)|where (?:he|she|they) (?:is|was"
    r"|are|were)|who (?:i|we|he|she|they) (?:am|are|is|was|were)|(?:his|her|their) (?:own )?(?:name|address|age)"
    r"|what (?:had )?happened)|(?:doesnt|didnt) (?:\S+ ){0,1}recogni[sz]e"
    r"|(?:asking|asks|asked) (?:\S+ ){0,2}(?:what day|where (?:he|she|they|we) (?:is|are|was|were)|who (?:we|they)"
    r" (?:are|were)|what (?:had )?happened|the same (?:questions?|thing)(?! (?:about|on|regarding|re)\b))"
    r"|{OUT_OF_IT}|not with it|not all there|slumped|(?:wont|cant|couldnt|not) (?:\S+ ){0,1}open (?:his|her|their) eyes"
    r"|not moving|lying (?:still|motionless)|not (?:himself|herself|themselves)|floppy|{COLLAPSE}"
    r"|(?:just|suddenly) dropped|dropped (?:like a (?:stone|sack)|on the spot|in front of)"
    r"|(?:went|gone|turned|going) (?:\S+ ){0,1}(?:grey|gray|ashen|blue|white as a sheet)(?! hair)"
    r"|(?:wont|cant|couldnt|not able to) (?:\S+ ){0,1}(?:swallow|wake|stand(?! on (?:\S+ ){0,2}(?:leg|foot|feet|toes"
    r"|tiptoes?))|sit up|stay awake|talk|answer|focus)"
    r"|(?:keep|keeps|cant|couldnt) (?:\S+ ){0,1}(?:keep (?:his|her|their|my) eyes open|wake (?:him|her|them))"
    r"|(?:drops?|dropping|drifts?|drifting|nods?|nodding) off again"
    r"|(?:mumbl\w*|stumbl\w*|stagger\w*|slurr\w*|weaving|wobbl\w*|pale|grey|gray|clammy|shaking) (?:and|&) (?:\S+ )?"
    r"(?:mumbl\w*|stumbl\w*|stagger\w*|slurr\w*|weaving|wobbl\w*|pale|grey|gray|clammy|sweat\w*|confused|sleepy)"
    r"|looks? (?:\S+ ){0,1}(?:like death|grey|gray|ashen|ghostly|blue)"
)

# A faint at the sight of a needle or giving blood: the vasovagal kind, nothing to do with running (NHS "Fainting")
NOT_A_FAINT = (
    r"blood (?:taken|test|donation)|having blood|giving blood|gave blood|donat\w*|(?:a |the )?needles?|injection|jab"
    r"|vaccin\w*"
)
# A collapse read about or watched (news, a video): talk about others' emergencies, not one happening now.
MEDIA = (
    r"(?:the|a|that) (?:\S+ ){0,1}(?:footballer|player|elite|athlete|celebrity|actor|presenter|character) (?:who|that)"
    r"|in (?:casualty|eastenders|corrie|coronation street|emmerdale|hollyoaks|holby|greys anatomy|a soap)"
    r"|(?:read|reading|heard|hearing) (?:about|that|an? (?:article|story|report))|(?:saw|seen|watch|watched|watching)"
    r" (?:\S+ ){0,3}(?:on the news|on tv|on telly|video|clip|footage|documentary|on youtube|online|article|game|match"
    r"|on (?:the )?(?:telly|tv)|euros|olympics|world cup"
    r"|final)"
    r"|in the (?:news|papers?)|news (?:story|report)|on the news"
    # asking how common it is: information about others' collapses, not one happening now
    r"|(?:is|was) (?:that|it|this) (?:\S+ ){0,1}(?:common|rare|normal)|how (?:common|rare|often|likely)"
    r"|does (?:that|it|this) happen (?:often|a lot)"
    # blotted out of memory: "blacked out the race from my memory"
    r"|black(?:ed)? out (?:\S+ ){0,3}(?:from|of) (?:my |his |her )?(?:memory|mind)"
)

# fmt: off
SIGNS: tuple[Sign, ...] = (
    # --- head injury and concussion ---------------------------------------------------------------------
    Sign("head-injury", E, "a head injury with warning signs", (
        HEAD_KNOCK,
        rf"{UNCONSCIOUS}|{{VOMITING}}|(?:threw|thrown|throwing) up|{{HEADACHE}} (?:\S+ ){{0,4}}(?:worse|worsening"
        rf"|getting"
        r" worse|not going|wont go|wont shift|painkillers)|(?:worse|worsening) (?:\S+ ){0,2}{HEADACHE}"
        r"|seeing double|seeing (?:two|2) of|(?:blurred|blurry) vision|vision (?:\S+ ){0,2}blurr\w*"
        r"|clear (?:\S+ ){0,3}(?:fluid|liquid|stuff)|watery (?:stuff|fluid)|fluid (?:\S+ ){0,4}(?:nose|ears?)"
        r"|bleeding from (?:\S+ ){0,2}ears?|(?:cant|couldnt|dont|doesnt|didnt) remember|memory|forgot|forgetting"
        r"|{CONFUSED}|fuzzy|drowsy|sleepy|cant stay awake|seizure|fit|fitting|slurr\w*|double vision"
        r"|(?:weak|numb) (?:\S+ ){0,2}(?:arm|leg|side)|queasy (?:\S+ ){0,4}(?:fuzzy|confused|dizzy)"
        r"|was out for|out for (?:\S+ ){0,2}(?:a few|a couple|\d+|some) (?:seconds|secs|minutes|mins)"
        r"|out for a (?:moment|bit|second|sec|while)|zoned out|spaced out|blacked out|passed out|went (?:out|down)"
        r" (?:\S+ ){0,2}(?:didnt|wasnt|couldnt|not) (?:\S+ ){0,1}mov\w*|went down like a|out like a light"
        r"|{HEADACHE} (?:\S+ ){0,4}(?:ramping|building|worse and worse|getting heavier|intensifying|getting stronger)"
        r"|(?:losing|lost|loses|cant find|couldnt find|forgetting|mixing up|muddling) (?:\S+ ){0,1}words"
        r"|words (?:\S+ ){0,2}(?:wont|wouldnt|not) (?:\S+ ){0,1}come"
        r"|(?:acting|behaving) (?:\S+ ){0,1}(?:weird\w*|strange\w*|odd\w*|out of character)",
    ), (r"(?:bike|cycling) helmet (?:\S+ ){0,3}(?:saved|fine)",)),
    Sign("head-injury", E, "a head injury with warning signs", (AMNESIA, "{IMPACT}")),
    Sign("head-injury", T, "concussion symptoms after a knock to the head", (
        HEAD_KNOCK,
        r"{HEADACHE}|dizzy|dizziness|foggy|fog|fuzzy|groggy|(?:light|noise) (?:\S+ ){0,3}(?:bugs|bothers|hurts|sensitiv"
        r"\w*)|bright lights?|sensitive to (?:light|noise)|blurr\w*|not (?:feeling )?(?:right|myself)|off balance"
        r"|nause\w*|queasy|feel sick|tired|exhausted|irritable|emotional|cant concentrate|slow",
    )),
    # --- stroke: FAST, sudden vision loss, thunderclap headache -----------------------------------------
    Sign("stroke", E, "a sudden severe headache", (
        r"(?:sudden|suddenly|severe|worst|thunderclap|excruciating|blinding|explosive|agonising|agonizing|intense"
        r"|horrendous|crippling|splitting) (?:\S+ ){0,3}?{HEADACHE}"
        r"|{HEADACHE} (?:\S+ ){0,5}?(?:suddenly|out of nowhere|thunderclap|of my life|exploded|like being hit"
        r"|like (?:a|being) (?:hit|struck|kicked)|like a bat|came on like|stiff neck)"
        r"|worst headache|thunderclap",
    )),
    Sign("stroke", E, "slurred speech or a drooping face", (
        r"slurr(?:ed|ing|y)(?: (?:\S+ ){0,2}(?:speech|words|talking))?|speech (?:\S+ ){0,2}(?:slurred|garbled|jumbled)"
        r"|(?:words|speech|talking) (?:\S+ ){0,3}(?:funny|jumbled|garbled|slurred|wrong|mixed up|wouldnt come)"
        r"|words (?:\S+ ){0,1}(?:wont|wouldnt|arent|werent)(?: (?:come|coming|come out))?"
        r"|(?:couldnt|cant|cannot) (?:speak|get (?:my|the|his|her) words out|find (?:my |the )?words)"
        r"|talking gibberish|speaking gibberish|gibberish"
        r"|face (?:\S+ ){0,3}(?:droop\w*|dropped|sagging|saggy|sagged|fallen|lopsided|wonky)"
        r"|(?:talking|speaking|talks|speaks|sounds?|sounding|speech) (?:\S+ ){0,1}(?:like|as if) (?:\S+ ){0,2}(?:drunk"
        r"|pissed|hammered|had a few|had a skinful|had (?:\S+ ){0,1}(?:pints|beers|drinks))"
        r"|droop(?:ing|ed|y)? (?:\S+ ){0,2}(?:face|mouth|eye)|(?:smile|mouth) (?:\S+ ){0,3}(?:lopsided|crooked|wonky"
        r"|droop\w*|dropped)|lopsided (?:smile|face)"
        r"|mix(?:ing|ed|es)? up (?:my |his |her |their )?words",
    ), (r"drinks|pints|beers|wine|christmas do|works do|office do|night out|party"
        r"|(?<!like )(?<!as if )(?:was|is|were|got|getting|gets|been|hes|shes|im|theyre|very"
        r"|bit|quite|really|blind) drunk",)),
    Sign("stroke", E, "weakness or numbness on one side", (
        r"(?:one|left|right) side of (?:my |his |her |the )?(?:body|face) (?:\S+ ){0,3}(?:weak|numb|dead|droop"
        r"|drooped|wouldnt move|went|gone|tingl\w*)"
        r"|(?:weakness|weak|numbness|numb|no strength|clumsy|heavy) (?:in |down )?(?:my |his |her |the )?(?:left|right"
        r"|one) (?:arm|hand|side|leg and arm|arm and leg)"
        r"|(?:left|right) (?:arm|hand) (?:\S+ ){0,3}(?:weak|clumsy|numb|dead|useless|wouldnt work|wont work)"
        r"|(?:couldnt|cant|cannot|unable to) (?:lift|move|raise) (?:my |his |her )?(?:left |right )?(?:arm|hand)"
        r"|(?:arm|hand|leg|face) (?:\S+ ){0,5}(?:dead|heavy|weak|numb|useless|floppy|droop\w*) (?:\S+ ){0,2}on (?:one"
        r"|the (?:left|right)|my (?:left|right)|his (?:left|right)|her (?:left|right)) side"
        r"|(?:one|left|right) (?:arm|hand|leg) (?:\S+ ){0,3}(?:went|gone|going|is|feels?) (?:\S+ ){0,1}(?:dead|heavy"
        r"|weak|useless|floppy)"
        r"|(?:left|right|one) (?:arm|hand|leg) (?:and (?:arm|hand|leg) )?(?:\S+ ){0,3}(?:hanging|dangling|useless"
        r"|floppy"
        r"|(?:like )?it belongs to someone else|not (?:my own|mine)"
        r"|limp|weak|heavy|numb|went from under|gave way|gave out|buckled|wont work|like a (?:sack|bag|lump|log"
        r"|dead weight)"
        r"|wouldnt work|not working|dead|like a wet)|keeps? dropping (?:things|stuff|her|his|my|the)"
        r"|(?:slid|slipped|fell) (?:\S+ ){0,1}out (?:of )?(?:my|his|her) hand|dropp?(?:ed|ing) (?:the |my |his "
        r"|her )?(?:cup"
        r"|mug|bottle|phone|keys|fork)",
        r"(?:left|right|one|side|arm|hand)",
    ), (r"{CHEST}",)),
    Sign("stroke", E, "sudden loss of vision on one side with unsteadiness", (
        r"{CANT} see (?:\S+ ){0,2}(?:out of |out |off |on |to |from )?(?:the |my |his |her |their )?(?:left|right"
        r"|one side|one eye)|(?:left|right|one) (?:side|eye) (?:\S+ ){0,3}(?:went|gone|going) (?:\S+ ){0,1}(?:dark"
        r"|black|blank|grey|gray)|half (?:of )?(?:my |his |her |the )?(?:vision|sight|view)|curtain"
        r"|(?:left|right|one) side of (?:\S+ ){0,2}(?:just )?(?:disappeared|vanished|went (?:dark|black|blank))"
        r"|(?:vision|sight|eye) (?:\S+ ){0,1}(?:on|in|out of|to) (?:the |my |his |her )?(?:left|right|one side)"
        r" (?:\S+ ){0,2}(?:went|gone|going|is|was) (?:\S+ ){0,1}(?:dark|black|blank|grey|gray|blurry|blurred|dim)",
        r"stumbl\w*|stagger\w*|veer\w*|wobbl\w*|weaving|unsteady|off balance|lost (?:my |his |her )?balance"
        r"|(?:walking|moving|going) (?:\S+ ){0,2}like (?:\S+ ){0,2}drunk|like (?:\S+ ){0,2}drunk|falling to one side"
        r"|legs (?:\S+ ){0,2}(?:gone|went|going)"
        r"|(?:leg|arm|hand|side) (?:\S+ ){0,2}(?:went|gone|going|is|feels?|felt) (?:\S+ ){0,1}(?:weak|heavy|dead|numb"
        r"|useless)",
    ), (r"sweat|suncream|sun cream|sunscreen|contact lens|glasses|goggles|fogged|steamed up|peak|hood|head ?torch"
        r"|(?:roots|rocks|mud|ice) ", JOKING)),
    Sign("vision-loss", E, "sudden loss of vision", (
        r"(?:half|part|side) (?:of )?(?:my |the |everything )?(?:\S+ ){0,3}(?:vision|sight|view) (?:\S+ ){0,3}(?:gone"
        r"|went|vanished|disappeared|missing|black|dark)|lost (?:the )?(?:\S+ ){0,2}(?:vision|sight)"
        r"|went blind|(?:vision|sight) (?:\S+ ){0,3}(?:vanished|disappeared|gone|went black|went dark)"
        r"|(?:sudden|suddenly) (?:\S+ ){0,2}double vision",
    )),
    # "seeing double" is also what an exhausted runner jokes about: a laugh in its clause drops it
    Sign("vision-loss", E, "sudden loss of vision", (r"seeing double",), (JOKING,)),
    Sign("vision-loss", E, "sudden loss of vision", (
        r"(?:vision|sight|eye|eyesight) (?:\S+ ){0,4}(?:went|gone|going|turned|go) (?:\S+ ){0,2}(?:dark|black|blurry"
        r"|blurred|dim|grey|gray|misty|cloudy|white|blank)|(?:cant|couldnt|cannot) see (?:\S+ ){0,2}(?:out of|with"
        r"|through)|lost (?:\S+ ){0,5}(?:vision|sight)|(?:vision|sight) (?:\S+ ){0,3}(?:vanished|disappeared|gone)",
        r"{SUDDEN}|halfway|mid (?:run|race|rep|session)|during|while|now|since|(?:hasnt|hadnt|not|never|wont|didnt)"
        r" (?:\S+ ){0,1}(?:come|came|gone|went) back|still (?:\S+ ){0,2}"
        r"(?:dark|black|blurry|blurred|dim|grey|gone|cant)|for (?:\S+ ){0,2}(?:minutes|hours?|mins)",
    ), (r"sweat|suncream|sun cream|sunscreen|contact lens|glasses|goggles", POSTURAL)),
    Sign("stroke", E, "a sudden severe headache with changes in vision", (
        r"{HEADACHE}",
        r"(?:blurred|blurry|double|lost (?:my )?|loss of) vision|vision (?:\S+ ){0,2}(?:went|blurred|blurry|gone)",
    ), (r"sweat|suncream|sun cream|sunscreen",)),
    # --- collapse and altered consciousness -------------------------------------------------------------
    Sign("consciousness", E, "collapse or fainting", (
        r"{NOT_A_BODY}collaps(?:e|ed|es|ing)(?! of )(?! (?:on|onto|into|in) (?:the |my |a )?(?:sofa|couch|bed|chair"
        r"|settee"
        r"|armchair))|keel(?:ed|s|ing)? over(?! (?:laughing|with laughter))|crumpled|hit the (?:deck|floor|ground)"
        r"|went limp|dropped (?:to the (?:floor"
        r"|ground))"
        r"|faint(?:ed|ing)(?! (?:drizzle|smell|line|hope))|feinted|(?:felt|feel|feeling|went|go|going|nearly|almost"
        r"|about to"
        r"|was) faint(?! (?:drizzle|smell|line|hope))"
        r"|(?<!going to )(?<!gonna )(?<!about to )(?<!like id )(?<!i would )(?<!id )(?:pass(?:ed|ing|es)? out"
        r"|black(?:ed|ing|s)? out{BO_NOT}|blackout(?! blinds?| curtains?))"
        r"|(?:everything|it all|world|vision|it) went (?:black|dark|grey|gray|white)"
        r"|went down (?:at|near|just|mid|during|on the (?:ground|floor|track|road))|hit the deck"
        r"|(?:runner|man|woman|guy|lad|lady|bloke|someone|somebody|person|girl|boy|he|she|friend"
        r"|mate) (?:\S+ ){0,2}down"
        r" (?:on|at|by|near|in) (?:the )?(?:ground|floor|path|track|road|canal|trail|finish)"
        rf"|{UNCONSCIOUS}",
    ), (POSTURAL, ASLEEP, MEDIA, NOT_A_FAINT, r"(?:went|died|passed away|passed) at (?:\d\d)|both (?:just )?dropped"
        r"|(?:with|from) (?:hunger|excitement|nerves|laughing|laughter|relief)|hungry"
        r"|(?:collaps\w*|keel\w* over|fell over|passed out|died) (?:\S+ ){0,1}(?:laughing|with laughter|in fits)")),
    Sign("consciousness", T, "fainting", (
        r"faint(?:ed|ing)(?! (?:drizzle|smell|line|hope))|feinted|(?<!going to )(?<!gonna )(?<!about to )(?<!like id )"
        r"(?<!i would )(?<!id )(?:pass(?:ed|ing)? out|black(?:ed|ing)? out{BO_NOT}|blackout(?! blinds?| curtains?))"
        r"|{NOT_A_BODY}collaps(?:ed|ing)(?! (?:on|onto|into|in) (?:the |my |a )?(?:sofa|couch|bed|chair|settee"
        r"|armchair))",
    ), (ASLEEP, JOKING, MEDIA, NOT_A_FAINT, r"(?:with|from) (?:hunger|excitement|nerves|laughing|laughter|relief)"
        r"|hungry"

        r"|(?:collaps\w*|keel\w* over|fell over|passed out|died) (?:\S+ ){0,1}(?:laughing|with laughter|in fits)")),
    # "how do I breathe … I'm so confused" is puzzlement at a training question
    Sign("consciousness", E, "confusion", ("{CONFUSED}",), (r"heard both|conflicting|mixed (?:messages|advice)"
        r"|how (?:do|should|can|am) i (?:\S+ ){0,3}breathe|nose or mouth|mouth or nose|in for (?:\d|three|two) out"
        r"|contradict\w*|(?:plan|schedule|pace|zones?|app|garmin|strava"
        r"|course|map|directions|route|rules|instructions|training (?:plan|schedule|block|zones?|load|paces?)|watch"
        r"|form|which|whether)", SLEEPY, JOKING)),
    Sign("consciousness", E, "someone who is confused, drowsy or not responding", (OBSERVED_ALTERED,), (
        JOKING, POSTURAL, SLEEPY, MEDIA, NOT_A_FAINT,
        r"(?:acting|behaving) (?:\S+ ){0,2}(?:about|towards|with me|around)|sofa|couch"
        r"|(?:at|in) (?:work|the office|school|meetings?)|stand (?:hills|the heat|running|it)",
    ), observed=True),
    Sign("consciousness", E, "someone who is confused, drowsy or not responding", (
        r"drowsy|(?:nodding|drifting|dozing) off|(?:cant|cannot|couldnt|can barely|can hardly|barely|hardly|struggling"
        r" to) (?:\S+ ){0,1}keep (?:his|her|their) eyes open",
        r"{IMPACT}|race|finish\w*|ultra|marathon|mile|heat|hot|cold|head|sugar|diabetic|drank|collaps\w*|bench|tent",
    ), (JOKING, SLEEPY), observed=True),
    Sign("breathing", E, "someone who is not breathing normally", (
        r"(?:not|isnt|wasnt|stopped|barely|hardly) breathing(?: (?:properly|normally|right))?"
        r"|breathing (?:\S+ ){0,1}(?:funny"
        r"|strange|weird|odd|noisy|noisily|gurgl\w*)|gasping",
    ), (JOKING,), observed=True),
    Sign("consciousness", E, "a seizure", (
        r"seizures?|(?:had|having|has) a fit|fitting|convulsions?|convulsing"
        r"|(?:jerking|shaking|twitching|thrashing) (?:\S+ ){0,4}(?:on the (?:floor|ground)|uncontrollably|all over)"
        r"|(?:on the (?:floor|ground)) (?:\S+ ){0,3}(?:jerking|shaking|twitching|fitting)",
    ), (r"(?:seizure|fit) ?free|no (?:seizures|fits) (?:for|in)|(?:years?|months?) ago|as a (?:kid|child)",)),
    Sign("consciousness", E, "drowsiness or not being able to stand", (
        r"(?:drowsy|cant stay awake|keeps? (?:\S+ ){0,1}(?:drifting off|nodding off|falling asleep)|barely conscious"
        r"|floppy|limp and)",
        r"(?:race|run|finish|ultra|marathon|heat|cold|head|fell|fall|sugar|diabetic|session|training|track|workout"
        r"|match"
        r"|game|parkrun|long run)",
    ), (SLEEPY,)),
    Sign("consciousness", E, "confusion", (
        r"{CONFUSED}",
        r"{CANT} (?:\S+ ){0,1}(?:stand|stay upright|walk straight)|mumbling|slurr\w*|staggering|stumbling",
    )),
    # --- eyes -----------------------------------------------------------------------------------------
    Sign("eyes", E, "a shadow or curtain over your vision", (
        r"(?:curtain|shadow|veil|shade|cloud|blind) (?:\S+ ){0,6}(?:vision|eye|eyes|sight|view|across|over|down|coming"
        r"|creeping|from the side)"
        r"|(?:vision|sight|eye) (?:\S+ ){0,8}(?:curtain|shadow|veil)",
        r"eye|eyes|vision|sight|seeing|see",
    )),
    Sign("eyes", E, "a red, painful eye with blurred vision or halos", (
        r"eye (?:\S+ ){0,3}(?:red|painful|pain|hurts|agony|killing)|(?:red|painful) eye",
        r"halos?|blurr\w*|misty|cloudy|foggy|hazy|cant see|vision|rainbow|headache|vomit\w*|sick",
    )),
    # a red, painful eye in a contact lens wearer, or one that hurts in the light (NHS "Red eye": same day)
    Sign("eyes", T, "a red, painful eye", (
        r"eye (?:\S+ ){0,3}(?:red|painful|pain|hurts|agony|killing|sore)|(?:red|painful|sore) eye",
        r"contacts|contact lens\w*|lenses|light (?:\S+ ){0,1}(?:hurts|bothers|kills)|sensitive to (?:the )?light"
        r"|(?:cant|couldnt) (?:\S+ ){0,1}(?:look at|stand) (?:the )?light|photophobi\w*|{PAIN}|agony",
    ), (JOKING, r"(?:sweat|suncream|sun cream|sunscreen|chlorine|pool) (?:\S+ ){0,3}(?:in|into) (?:my |the )?eyes?",)),
    Sign("eyes", T, "new flashes or floaters", (
        r"floaters?|flashes|flashing (?:lights?|in)|flashes of light|sparkles in (?:my )?(?:vision|eye)"
        r"|(?:black|dark|grey) (?:dots|spots|specks|bits) (?:\S+ ){0,2}float\w*",
    ), (r"(?:always|for years|years)|(?<!like )(?<!like a )camera(?! light| flash)|photographer"
        r"|flashing (?:bike |head )?(?:light|torch|lamp)s? (?:on|for)"
        r"|hi ?vis|high ?vis",)),
    # "seeing stars" is also what runners say of an all-out effort, laughing
    Sign("eyes", T, "new flashes or floaters", (
        r"(?:seeing|see) (?:\S+ ){0,1}(?:sparks|stars|spots)(?! when i stand)",
    ), (JOKING, r"(?:always|for years|years)|sprint\w*|all out|max effort|(?:worth|for) (?:it|the pb)")),
    Sign("eyes", T, "an eye injury or a sudden change in vision", (
        r"(?:poked|scratched|hit|caught|whipped|branch|twig|stick|something|mud|dirt|grit|sand|dust|flicked|insect|fly"
        r"|bug|chemical) (?:\S+ ){0,4}(?:in )?(?:my |the )?eye"
        r"|(?:sudden|suddenly) (?:\S+ ){0,2}(?:blurred|blurry|misty|cloudy) (?:vision|sight|eye)"
        r"|(?:vision|sight) (?:\S+ ){0,2}(?:went|gone|suddenly) (?:\S+ ){0,1}(?:blurry|blurred|misty|cloudy)",
    ), (r"sweat|suncream|sun cream|sunscreen|contact lens|rain|glasses|goggles|tears",)),
    # --- cauda equina ----------------------------------------------------------------------------------
    Sign("cauda-equina", E, "numbness in the saddle area or bladder or bowel changes", (
        r"(?:numb(?:ness)?|tingl\w*|no feeling|lost (?:\S+ ){0,1}feeling|pins and needles) (?:\S+ ){0,3}(?:groin|crotch"
        r"|genitals|privates|bum|buttocks|bottom|inner thighs|between (?:my|the) legs|saddle|down below|down there)"
        r"|(?:groin|crotch|genitals|privates|bum|bottom|saddle area|down below|down there|between (?:my|the|his|her)"
        r" legs) (?:\S+ ){0,5}(?:numb\w*"
        r"|tingl\w*|no feeling|feels? dead)"
        r"|saddle (?:area |region )?(?:numbness|numb|anaesthesia|anesthesia)"
        r"|(?:numb\w*|tingl\w*|no feeling|cant feel|dead) (?:\S+ ){0,4}(?:when (?:i )?wip\w*|wiping|toilet (?:roll"
        r"|paper)"
        r"|loo (?:roll|paper)|where (?:i|id|you|youd) (?:would )?sit|(?:go|going|went|sit|sitting|on) (?:\S+ ){0,2}"
        r"(?:toilet|loo))|(?:toilet|loo) (?:roll"
        r"|paper) (?:\S+ ){0,3}(?:numb"
        r"|cant feel|feels? (?:\S+ ){0,1}(?:odd|weird|strange|different|numb))"
        r"|(?:loss of|lost|losing|lose|no|cant|cannot|couldnt) (?:\S+ ){0,2}(?:bladder|bowel) control"
        r"|{CANT} (?:\S+ ){0,1}(?:control|hold) (?:my )?(?:bladder|bowels?|pee|wee|urine|poo)"
        r"|(?:wiping|wipe|wiped|toilet (?:roll|paper)|loo (?:roll|paper)) (?:\S+ ){0,2}(?:numb\w*|cant feel|dead"
        r"|feels? (?:\S+ ){0,1}(?:odd|weird|strange|different|numb))"
        r"|incontinen(?:ce|t)|wet myself",
    ), (r"runners trots|trots|diarrh\w*|(?:dodgy|upset) (?:stomach|tummy)|porta ?loo|portaloo"
        # a numb bum from sitting: a long drive, a flight, a hard seat
        r"|numb bum (?:\S+ ){0,2}(?:after|from|on) (?:\S+ ){0,3}(?:drive|driving|car|journey|flight|sitting|sat|seat"
        r"|chair|coach|train|bus)|(?:since|after)"
        r" (?:a |the |my )?(?:bike|cycle|ride|spin|turbo|sportive)|cycling|riding|on the bike|bike rides?|saddle sore"
        r"|saddle advice|(?:since"
        r"|after)"
        r" (?:giving birth|having (?:the |my )?baby|birth)|postnatal|postpartum|pregnan\w*|leak\w* (?:a bit|a little"
        r"|when i (?:cough|sneeze|jump|laugh))",)),
    Sign("cauda-equina", E, "numbness in the saddle area or bladder or bowel changes", (
        r"(?:cant|couldnt|not) (?:\S+ ){0,1}feel (?:\S+ ){0,3}(?:wipe\w*|down there|bum|saddle|privates|genitals)"
        r"|{CANT} (?:\S+ ){0,1}(?:pee|wee|urinate) (?:properly|at all)|dribbl\w*",
        r"back|spine|sciatica|disc|lumbar",
    ), (r"prostate|old age|after (?:\S+ ){0,2}(?:coffee|beer|pints)",)),
    Sign("cauda-equina", E, "numbness in the saddle area or bladder or bowel changes", (
        r"numb (?:\S+ ){0,1}where (?:you|youd|you would|i|id) sit|leak\w* (?:\S+ ){0,3}(?:wee|pee"
        r"|urine) (?:\S+ ){0,1}without"
        r" (?:\S+ ){0,1}(?:noticing|knowing|feeling)|wet (?:myself|himself|herself) without"
        r"|(?:bit|part|area|bits) (?:i|you|he|she) sit on (?:\S+ ){0,6}(?:numb|dead|injection|novocaine|anaesthetic"
        r"|no feeling|pins)|(?:like|as if) (?:\S+ ){0,4}(?:dentist|injection|anaesthetic|novocaine|local)"
        r"|(?:didnt|dont|couldnt|cant) (?:know|feel|tell|realise) (?:\S+ ){0,2}(?:needed|need) (?:a )?(?:wee|pee|poo)",
        r"back|spine|sciatica|disc|lumbar|deadlift\w*",
    ), (r"dentist (?:\S+ ){0,3}(?:today|this morning|yesterday)|had a filling",)),
    Sign("cauda-equina", E, "bladder or bowel changes with back pain", (
        r"(?:trouble|difficulty|problems|struggling) (?:\S+ ){0,1}(?:peeing|weeing|urinating|passing urine|to pee"
        r"|to wee)"
        r"|{CANT} (?:\S+ ){0,2}(?:start|get going|get started|go) (?:\S+ ){0,1}(?:peeing|weeing|urinating|a wee|a pee)"
        r"|(?:havent|hasnt|not|couldnt) been able to (?:pee|wee|urinate|go)"
        r"|(?:bladder|pee|wee) (?:\S+ ){0,2}(?:wont|doesnt|didnt) (?:\S+ ){0,1}(?:empty|start|come|go)"
        r"|(?:peeing|weeing|bladder|urinating) (?:is |feels |has been )?(?:weird|strange|different|odd|funny|not right)"
        r"|{CANT} (?:\S+ ){0,1}(?:tell|feel) (?:when|if) (?:i|he|she) (?:need|needs|needed) (?:a |to )?(?:wee|pee|poo"
        r"|toilet|go)|(?:accident|accidents) (?:\S+ ){0,2}(?:bowels?|bladder|pants)"
        r"|(?:bowels?|bladder) (?:\S+ ){0,3}(?:accident|gave way|let go|didnt feel)",
        r"back|spine|sciatica|legs?|disc|lumbar|deadlift\w*",
    ), (r"runners trots|trots|diarrh\w*|(?:dodgy|upset) (?:stomach|tummy)|gel|gels|porta ?loo|portaloo",)),
    Sign("cauda-equina", E, "back pain with weakness or sciatica in both legs", (
        r"(?:both|two) legs (?:\S+ ){0,3}(?:weak|numb|tingl\w*|give way|giving way|gave way|dead|heavy)"
        r"|(?:both|two) feet (?:\S+ ){0,3}(?:weak|numb|flop\w*|slap\w*|drop\w*|dragging|dead|give way)"
        r"|(?:tripping|catching|dragging) (?:\S+ ){0,3}(?:both|two) feet"
        r"|sciatica (?:\S+ ){0,2}(?:both|two) legs|(?:my|his|her) legs (?:\S+ ){0,2}(?:weak|numb\w*|tingl\w*"
        r"|pins and needles)|(?:down|in|into|through|across) both legs|legs (?:\S+ ){0,2}(?:give"
        r"|gave|giving) way"
        r"|(?:bedroom|sex|erection|sexual) (?:\S+ ){0,3}(?:not working|isnt working|arent working|problems|trouble)"
        r"|(?:things|stuff|nothing) (?:\S+ ){0,2}(?:not working|arent working|isnt working) (?:\S+ ){0,2}bedroom",
        r"back|spine|sciatica|disc|lumbar|deadlift\w*",
    )),
    # a foot that slaps or catches, or can't be lifted: a nerve or the spine, seen the same day when it is new
    Sign("nerve", T, "a foot that drops", (
        r"foot (?:\S+ ){0,2}(?:slapping|slaps|slapped|drop|dropping|flopping|flops)|foot drop|drop foot"
        r"|{CANT} (?:\S+ ){0,1}lift (?:my |his |her |the )?(?:toes|foot|front of)|(?:catching|catch|catches|scuffing)"
        r" (?:my |his |her )?toes (?:\S+ ){0,4}(?:trip\w*|kerbs?|curbs?|fall\w*)",
        r"started|new|suddenly|since|days?|this week|now|today|yesterday",
    ), (r"(?:years?|months?) ago|always (?:\S+ ){0,2}(?:slapped|scuffed)|tired|fatigue|end of (?:a |the )?(?:race|ultra"
        r"|marathon)",)),
    Sign("head-injury", E, "a head injury with warning signs", (
        r"clear (?:\S+ ){0,3}(?:fluid|liquid|watery|water)|watery (?:\S+ ){0,3}(?:nose|ear)|(?:nose|ear) (?:\S+ ){0,3}"
        r"(?:dripping|leaking|running) (?:\S+ ){0,1}(?:clear|water)|pupils? (?:\S+ ){0,3}(?:bigger|smaller|different"
        r"|uneven|unequal|not the same)|(?:one|left|right) pupil|black (?:middle )?(?:bit|part|dot"
        r"|circle) (?:\S+ ){0,6}"
        r"(?:bigger|smaller|different)",
        r"{IMPACT}|head|branch|saw stars|clipped|bonked|bumped",
    ), (r"hay ?fever|cold|flu",)),
    Sign("eyes", E, "an eye injury with blurred sight", (
        r"(?:bramble|branch|twig|stick|finger|thorn|ball|elbow|grit|something) (?:\S+ ){0,3}(?:to|in|into) (?:my |the "
        r"|his |her )?"
        r"eye|(?:poked|scratched|caught|hit|whacked|jabbed|whipped) (?:\S+ ){0,2}(?:in )?(?:the |my |his |her )?eye",
        r"blurr\w*|cant see|(?:lost|losing) (?:\S+ ){0,1}(?:sight|vision)|vision (?:\S+ ){0,2}(?:gone|going|funny)",
    )),
    Sign("eyes", T, "an eye injury", (
        r"(?:bramble|branch|twig|stick|finger|thorn|ball|elbow|grit|something) (?:\S+ ){0,3}(?:to|in|into) (?:my |the "
        r"|his |her )?"
        r"eye|(?:poked|scratched|caught|hit|whacked|jabbed) (?:\S+ ){0,2}(?:in )?(?:the |my |his |her )?eye",
        r"red|pain\w*|sore|blurr\w*|watering|cant (?:open|see)|sting\w*",
    )),
    Sign("eyes", E, "sudden double vision", (
        r"(?:seeing|see|seen) double|double vision|everything(?:s| is)? in twos|(?:seeing|see) (?:2|two) of (?:every\w*"
        r"|each)",
        r"sudden\w*|out of nowhere|came on|since|hasnt gone|wont go|still",
    ), (r"twins?|(?:after|from) (?:\S+ ){0,2}(?:drinks|pints|beers|wine)",)),
    # a fit: limbs jerking after going down (NHS "What to do if someone has a seizure": 999 for a first fit)
    Sign("consciousness", E, "a seizure", (
        r"(?:arms|legs|limbs|body|whole body|he|she|they) (?:\S+ ){0,3}(?:jerking|twitching|convuls\w*|thrashing"
        r"|shaking"
        r" (?:\S+ ){0,1}(?:uncontrollably|all over|violently))|seizure|seizing|fitting|(?:having|had) a fit",
        r"went down|collaps\w*|on the (?:floor|ground|track|grass|path)|fell|dropped|jerking|fitting|seizure|seizing",
    ), (r"(?:epilepsy|epileptic) (?:\S+ ){0,3}(?:controlled|well controlled|meds)|years ago|as a (?:kid|child)"
        r"|(?:seizure|fit) ?free|no (?:seizures|fits) (?:for|in)",)),
    Sign("consciousness", E, "someone who is hard to wake", (
        r"(?:shak\w*|shook|nudg\w*|prod\w*) (?:him|her|them) (?:\S+ ){0,8}(?:drops? off|dropping off|drifts? off"
        r"|wont wake|doesnt wake|not waking|mumbl\w*|barely (?:wakes|responds))|(?:cant|couldnt|hard to|struggling to)"
        r" (?:\S+ ){0,1}(?:wake|rouse) (?:him|her|them)",
    ), (r"baby|toddler|kids? (?:\S+ ){0,2}(?:school|bed)|alarm|teenager|hangover|hungover",)),
    # --- nerves: numbness or tingling in a limb ---------------------------------------------------------
    Sign("nerve", P, "numbness or tingling", (
        r"numb|numbness|numbed|tingle|tingles|tingling|tingled|tingly|pins (?:and|n) needles"
        r"|(?:no|lost|lose|losing|loss of|not much|little|without|zero) (?:any )?(?:feeling|sensation) (?:in|on)"
        r"|{CANT} (?:feel|sense) (?:my |the |any |his |her )?(?:\S+ )?(?:foot|feet|toes?|legs?|hands?|fingers?|heels?"
        r"|arms?)|(?:dead|deadness) (?:feeling )?in (?:my )?(?:foot|toes|leg|hand)|foot (?:\S+ ){0,2}(?:feels? dead"
        r"|went dead|slapping|slaps|slapped|drop)|(?:foot|feet|toes?|hand|fingers?|leg|shin|side of (?:my |the )?foot)"
        r" (?:\S+ ){0,4}(?:wrapped in|clingfilm|cling film|cotton wool|not mine|someone elses|belong to someone)"
        r"|{CANT} (?:\S+ ){0,1}lift (?:my |his |her |the )?(?:toes|foot|front of)",
    ), (r"(?:toes|fingers|hands|feet|legs|thighs|ears|face) (?:\S+ ){0,4}(?:cold|freezing|white|{COLD})"
        r"|numb (?:bum|bottom|backside|butt|leg|legs|foot) (?:\S+ ){0,2}(?:after|from|on) (?:\S+ ){0,3}(?:drive|driving"
        r"|car|journey|flight|sitting|sat|seat|chair|coach|train|bus)|(?:cold|freezing)"
        r" (?:\S+ ){0,3}(?:toes|fingers|hands|feet|legs|thighs)"
        r"|(?:after|from|on) (?:a |the |my )?(?:bike|cycle|ride|spin|turbo)|cycling|saddle"
        r"|numbskull|mind ?numbing|(?:mouth|lips?|tongue|throat) (?:\S+ ){0,2}(?:tingl\w*|numb)"
        r"|warmed up|warming up|warm again|(?:feeling|sensation) (?:\S+ ){0,1}back"
        r"|lac(?:e|es|ed|ing) (?:\S+ ){0,3}tight|tight(?:ly)? lac\w*|loosen\w* (?:\S+ ){0,3}(?:stopped|went|gone|fine)"
        r"|(?:face|cheeks|ears|nose) (?:\S+ ){0,8}(?:cold|freezing|frozen|icy|wind\w*|winter|frost\w*)"
        r"|tingl\w* (?:\S+ ){0,2}(?:mouth|lips?|tongue|throat)|numb(?:ly)? boring|emotionally numb"
        r"|(?:hold|holding|grip|gripping|carry|carrying)"
        r" (?:\S+ ){0,2}(?:phone|bottle|water|handheld|poles)|(?:laces|shoes|watch strap) (?:\S+ ){0,2}(?:too )?tight"
        r"|on pins and needles|nettles?|stung|stinging"
        r"|(?:sleep\w*|slept|lying|lay|laid) on (?:it|my arm|my hand)"
        r"|sat (?:\S+ ){0,1}cross legged|sitting (?:\S+ ){0,1}cross legged"
        r"|tight (?:laces|shoes)|(?:face|cheeks|lips|nose|ears) (?:\S+ ){0,4}(?:cold|freezing|frozen|icy|wind\w*)"
        r"|(?:cold|freezing|frozen|icy|wind\w*) (?:\S+ ){0,3}(?:face|cheeks|lips|nose|ears)", JOKING)),
)
# fmt: on
