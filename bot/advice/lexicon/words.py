"""Word groups the signs share: ``{NAME}`` in a pattern stands for the group (groups may name groups).

Text is normalised first: lower case, apostrophes dropped ("can't" is "cant"), hyphens and slashes are spaces.
"""

from __future__ import annotations

GROUPS: dict[str, str] = {
    "CANT": r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to|wasnt able to|struggling to|struggled to"
    r"|struggle to|(?:havent|hasnt|hadnt|not) been able to)",
    "PAIN": r"(?:pain|pains|pian|painful|paining|hurt|hurts|hurting|ache|aches|aching|achy|sore|soreness|throbbing"
    r"|throbs"
    r"|throb|agony|kills|killing|tender|stabbing)",
    "SEVERE_PAIN": r"(?:agony|agonising|agonizing|excruciating|unbearable|killing me|worst pain|screaming|severe"
    r"|horrendous|crippling|(?:pain|pains|its) (?:is |at |a )?(?:a )?(?:10|ten|9|nine)(?: out of (?:10|ten))?(?![0-9])"
    r"|(?:{INTENSE}) (?:\S+ ){0,1}{PAIN}|{PAIN} (?:\S+ ){0,2}(?:crazy|insane|unreal|off the"
    r" (?:charts|scale)|(?:10|ten) out of (?:10|ten)|through the roof|like nothing (?:else|before)))",
    # an intensifier that makes pain severe ("insanely painful", "crazy sore")
    "INTENSE": r"(?:insanely|crazy|crazily|ridiculously|unbelievably|incredibly|stupidly|seriously|horribly|terribly"
    r"|extremely|massively|hugely|so so|really really|properly|brutally|savagely|immensely)",
    # a heart-rate strap or a gym day is no chest
    "CHEST": r"(?:(?:chest|chst)(?! (?:strap|straps|monitor|hrm|belt|hair|day|press|fly|flies))|sternum|breastbone"
    r"|top half"
    r"|breast bone)",
    "CHEST_FEEL": r"(?:{CHEST_HURT}|{CHEST_TIGHT})",
    "CHEST_HURT": r"(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|achy|heavy|heaviness|pressure"
    r"|squeezing|squeeze|squeezed|crushing|crushed|discomfort|burning|stabbing|sharp|sore|gripping)",
    # tightness is also how asthma feels (NHS "Asthma"): with asthma named it is the airway's sign
    "CHEST_TIGHT": r"(?:tight|tightness|tightening|band|belt)",
    "ASTHMA": r"(?:asthma|asthmatic|inhaler|inhalers|reliever|puffers?|ventolin|salbutamol|blue pump|preventer"
    r"|wheez\w*)",
    "WEIRD": r"(?:weird|funny|strange|odd|wrong|not right|off|scary|horrible|awful)",
    "URINE": r"(?:urine|pee|pees|peed|wee|weed|wees|piss|pisses|urinating|peeing|weeing|pissing"
    # the older word: "passed very little water", "my water is the colour of strong tea"
    r"|(?<=passed )(?:\S+ ){0,2}water|(?<=passing )(?:\S+ ){0,2}water|(?:(?<=my )|(?<=his )|(?<=her ))water"
    r"(?= (?:is|was|has|had|looks|looked|went|came|been))|water works|waterworks)",
    "DARK": r"(?:dark(?:er)?(?! yellow| orange| amber)|brown|brownish|black|blackish|rusty|rust)",
    "DRINK_COLOUR": r"(?:cola|coke|coca cola|tea|strong tea|coffee|guinness|port|red wine|marmite)",
    "CONFUSED": r"(?:confused(?! (?:about|by|as to|why|what|which|how|whether|over|with|if|regarding|re"
    r"|on (?:which|what|how|whether|why|where))\b)|"
    r"confusion(?! (?:about|over|with|on|regarding|as to|between)\b)|disorientated|disoriented|disorientation|"
    r"delirious|muddled|befuddled|(?:talking|mumbling|speaking|spouting) (?:\S+ ){0,1}?(?:nonsense|rubbish|gibberish"
    r"|drivel)(?! (?:about|on|re)\b)"
    r"|(?:cant|couldnt|cannot|not able to) think (?:straight|clearly|properly)?|not thinking (?:straight|clearly)"
    r"|making no sense|made no sense|(?:not|isnt|wasnt|arent) making (?:any |much )?sense|(?:didnt|doesnt|dont) make"
    r" (?:any |much )?sense|(?:answering|talking|replying) (?:\S+ ){0,2}(?:with )?random (?:stuff|things|nonsense)"
    r"|{OUT_OF_IT}"
    r"|not with it|away with the fairies"
    r"|didnt know where (?:i|he|she|they) (?:was|were)|(?:doesnt|didnt|dont) know what day (?:it|of|today)"
    r"|didnt know who|(?:cant|couldnt) remember (?:my (?:name|address)|his (?:name|address)|her (?:name|address)"
    r"|where (?:i|he|she|they) (?:am|is|are|was|were|live)|who (?:i|he|she) (?:am|is|was)|what day (?:it|of|today))"
    r"|confused (?:about|as to) (?:where|who|which way|what day)|(?:feel|feels|feeling|felt) (?:weirdly "
    r"|really )?drunk|(?:asking|asks|asked) (?:\S+ ){0,2}same (?:questions?|things?)(?! (?:about|on|re)\b)"
    r"|(?:repeating|repeats|repeated) (?:himself|herself|myself|themselves|the same)"
    r"|(?:cant|couldnt|doesnt|didnt) (?:\S+ ){0,1}(?:tell|say|remember|know) (?:me |us )?(?:(?:his|her|their"
    r"|my) (?:own )?"
    r"(?:name|address|postcode)|where (?:he|she|they) (?:\S+ ){0,1}(?:parked|is|was|are)|where (?:we are|the car is)"
    r"|what (?:mile|km|lap"
    r"|loop) (?:\S+ ){0,2}(?:on|at|it is))"
    r"|talking (?:absolute|utter|complete|total) (?:nonsense|rubbish|gibberish|drivel|garbage|crap)"
    r"|thinks (?:its|it is) (?:\S+ ){0,1}(?:19\d\d|20\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|christmas|the morning|night)|radio between stations"
    r"|unlike (?:himself|herself|themselves)|where (?:we|i|he|she|they) (?:left|parked) (?:the |our )?car"
    r"|calling (?:me|us|her|him|them) (?:by )?(?:\S+ ){0,2}(?:wrong )?name|(?:wander\w*|walk\w*|stagger\w*"
    r"|drift\w*) (?:off )?"
    r"(?:into|onto) the road"
    r"|(?:asks?|asking|asked) (?:\S+ ){0,2}(?:what race|who won|what (?:\S+ )?(?:race|event|run|day) (?:this|it) is)"
    r"|(?:cant|couldnt|cannot|doesnt|didnt|dont) (?:\S+ ){0,1}(?:tell"
    r"|say|remember|know) (?:me |us |you )?(?:(?:what|which) (?:day|year|month) (?:it|of|today|we)|where (?:he|she|they"
    r"|i) (?:is|was|are"
    r"|am|were)|who (?:i|we|he|she) (?:am|are|is|was))|(?:doesnt|didnt) (?:seem to )?recogni[sz]e)",
    # dazed; not seeing "out of it" (an eye), getting a lot "out of it" (a session)
    "OUT_OF_IT": r"(?<!blurry )(?<!blurred )"
    r"(?<!see )(?<!properly )(?<!clearly )(?<!lot )(?<!most )(?<!much )(?<!get )(?<!got )(?<!getting )"
    r"(?<!make )(?<!made )(?<!bit )out of it",
    # "it was sick" is slang for great
    "VOMIT": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|thrown up|throw up|being sick|been sick|sick up"
    r"|{SLANG_SICK}"
    r"|(?<!it )(?<!that )(?<!this )(?<!which )(?<!so )was sick"
    r"|keep being sick|puking|puked|puke|nausea|nauseous|nauseated|queasy|feel sick|feeling sick|felt sick)",
    # the lay words for vomiting ("spewed", "chundered", "barfed", "brought it all back up")
    "SLANG_SICK": r"(?:spew(?:ed|ing|s)?|chunder(?:ed|ing|s)?|barf(?:ed|ing|s)?|upchuck(?:ed|ing)?|bok(?:e|ed|ing|es)"
    r"|retch(?:ed|ing)|heav(?:ed|ing) (?:\S+ ){0,1}up|brought (?:\S+ ){0,2}back up|sick (?:twice|again|\d+ times"
    r"|three times|a few times|several times|everywhere)|been sick)",
    "VOMITING": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|thrown up|throw up|being sick|been sick"
    r"|{SLANG_SICK}"
    r"|puking|puked)",
    "HEADACHE": r"(?:headache|headaches|headachey|head ache|migraine|head pain|head hurts|head is pounding"
    r"|pounding head"
    r"|heads pounding|head (?:is |was )?(?:throbbing|splitting|pounding)|(?:my )?head hurt|splitting head)",
    "CALF": r"(?:calf|calves|lower leg|one leg|leg|shin)",
    "SWELL": r"(?:swollen|swelling|swelled|swells|swelling up|puffy|puffed|puffed up|puffing up|bigger|fatter"
    r"|double the size|twice the size|water balloon|balloon\w*"
    r"|thicker|ballooned|ballooning|blown up|bloated)",
    "PERIOD": r"(?:period|periods|cycle|menstruation|menstrual cycle|time of the month)",
    "HOT": r"(?:heat|hot|sun|sunny|humid|humidity|heatwave|degrees|scorching|boiling|sweltering|overheated|desert"
    r"|summer|overheating|overheat|baking|roasting|muggy|tropical|burning (?:up|hot|to (?:the )?touch)|red hot)",
    "COLD": r"(?:freezing|frozen|frost|frosty|sleet|snow|snowy|icy|blizzard|hail|hailstones|hailing|river|lake"
    r"|reservoir|sea|open water|wild swim\w*|cold water|swim\w*|towels?"
    r"|soaked|drenched|wet through|sodden|winter|wintry|december|january|february|wind ?chill|below zero|sub zero"
    r"|minus \d+|fell run|fell race|mountain|hypothermic|cold (?:water|rain|wind|weather|day|morning|night|run|race))",
    # "a flight of stairs" is no journey
    "TRAVEL": r"(?:flight(?! of (?:stairs|steps))|flew|flying|plane|long haul|car journey|long drive|drive home"
    r"|(?:out of|in) (?:a |the )?(?:cast|plaster|boot)"
    r"|travel|travelling|traveling|"
    r"train journey|coach trip|bus journey|road trip|(?:drove|driving|drive|sat in the car) (?:\S+ ){0,3}(?:\d+|ten"
    r"|eight|six|five|four|several|many) (?:hours?|hrs?)|(?:\d+|ten|eight|six|five|four|several|many) (?:hours?|hrs?)"
    r" (?:\S+ ){0,2}(?:drive|driving|in the car|on the coach|on the train|on the bus)"
    r"|(?:\d+|ten|eight|six|five|four|several|many) ?(?:hours?|hrs?|h) (?:\S+ )?(?:drive|journey|flight|trip))",
    "WATER_LOTS": r"(?:(?:drank|drink|drinking|downed|downing|chugged|chugging|had|gulped|drunk|guzzled|guzzling"
    r"|necked|sinking) (?:\S+ ){0,4}?(?:loads|lots|a lot|a ton|tons|litres|liters|gallons|bottles?|way too much"
    r"|too much|so much|plenty|heaps|pints)"
    r"|(?:drank|drink|drinking|downed|downing|drunk|guzzled|guzzling) (?:\S+ ){0,2}(?:tonnes|constantly|non ?stop"
    r"|all the time|the whole (?:way|time|race)|at every (?:chance|opportunity))"
    r"|(?:loads|lots|a lot|tons|litres|liters|too much|so much|heaps|gallons) of (?:\S+ )?water"
    r"|(?:drank|drink|drinking|downed|had|chugged) (?:\S+ ){0,2}(?:[4-9]|1\d) ?(?:l|litres|liters|ltrs?)(?![a-z])"
    r"|water (?:\S+ ){0,3}every (?:station|stop|aid station|table|mile|km|drinks station)"
    r"|(?:drank|drink|drinking|had|grabbed|took) (?:\S+ ){0,5}every (?:\S+ ){0,2}(?:station|stop|table|aid station)"
    r"|(?:drank|drink|drinking|had|stopped|grabbed) (?:\S+ ){0,2}(?:at |from )?every (?:water|aid|drinks?)"
    r" (?:stop|station|table)|bottle after bottle|cup after cup"
    r"|(?:guzzled|guzzling|chugged|chugging|downing|downed|necking|necked|knocking back) (?:\S+ ){0,2}water"
    r"|(?:drinking|necking|guzzling|chugging) (?:\S+ ){0,2}(?:water|fluids?) (?:\S+ ){0,2}(?:for hours|all day"
    r"|non ?stop)"
    r"|the more (?:she|he|i|they) drinks?"
    r"|(?:peed|peeing|pee|wee|weed|urine) (?:\S+ ){0,2}(?:clear|like water)"
    r"|water (?:nonstop|non stop|constantly|all day|all the way|the whole (?:way|race|time)|all through)"
    r"|overdrank|overdrink|overdrinking|overdrunk|overhydrated|overhydrating|overhydration)",
    "DIABETES": r"(?:diabetic|diabetes|type ?(?:1|one|2|two)|t1d?|t2d?|insulin|pump|cgm|libre|dexcom|basal|bolus"
    r"|blood sugar|blood glucose|sugars?|glucose|bgs?|hypo|hypos|hypoglycaemi\w*|hypoglycemi\w*)",
    "PREGNANT": r"(?:pregnant|pregnancy|trimester|expecting|postpartum|post partum|postnatal|post natal"
    r"|after (?:giving )?birth|gave birth|since (?:the )?birth|since (?:having|i had) (?:the |my )?baby"
    r"|since (?:the |my |our )?baby (?:arrived|was born|came)|(?:weeks|days|months) since (?:the |my |our )?baby"
    r"|(?:had|having|delivered) (?:my|the|our|a|her) (?:\S+ )?(?:baby|son|daughter|twins) (?:\S+ ){0,2}(?:ago|weeks"
    r"|days|months)|(?:weeks|days|months) (?:post ?partum|postnatal|post natal|pp|post baby|after (?:the )?birth)"
    r"|c ?section|caesarean|cesarean|newborn|midwife|(?:my )?baby is \d+ (?:weeks|months)"
    r"|(?:^(?:at |about |around |nearly |almost )?|(?:im|i am|shes|she is|currently|now) )(?:[4-9]|[1-3]\d"
    r"|4[0-2]) ?(?:weeks?"
    r"|wks?)(?! (?:into|of|in"
    r"|out|until|til|till|from|away|before|to go|training|plan|program|programme|ago|since|after|off|later|block"
    r"|streak|running|post|clean|sober|injured|back))"
    r"|(?:[4-9]|[1-3]\d|4[0-2]) ?(?:weeks?|wks?) (?:pregnant|along|gone|pp)"
    r"|(?:wife|partner|girlfriend|missus|wifey|fiancee|other half|better half|sister|daughter|friend) (?:is |shes )?"
    r"(?:[4-9]|[1-3]\d|4[0-2]) ?(?:weeks?"
    r"|wks?)(?! (?:into|of|in|out|until|til|till|from|away|before|to go|training|plan|ago|off|later)))",
    "BLUE": r"(?:blue|bluish|blueish|blue ?ish|bluey|grey|greyish|gray|grayish|grey ?ish|greyey|purple|purplish|purply"
    r"|dusky|ashen)",
    "FACE": r"(?:face|lips?|tongue|mouth|eyes?lids?|eyes)",
    "ALLERGEN": r"(?:sting|stung|wasp|bee|hornet|nut|nuts|peanuts?|nut bar|allergic|allergy|allergies|reaction"
    r"|shellfish|prawns?|ate|eating|after (?:a |the )?(?:gel|bar|flapjack|snack|sandwich)|trail mix|cereal bar"
    r"|energy (?:bar|balls?)|protein bar|sesame|seafood)",
    "SUDDEN": r"(?:sudden|suddenly|out of nowhere|out of the blue|all of a sudden|came on (?:fast|quickly|like)"
    r"|from nowhere|without warning)",
    "ONE_SIDE": r"(?:one side|left side|right side|half of|(?:left|right) (?:arm|hand|leg|side of))",
    "WALKING": r"(?:walk|walking|walk on|to walk|limp|limping|hobbl\w*|weight bear\w*|stand on it)",
    # "knocked out a PB", "blacked out my calendar": an achievement or a crossing-out, not unconsciousness
    "KO_NOT": r"(?! (?:a|an|my|another|\d+)\b)(?! the (?:session|workout|run|reps|intervals|miles))",
    "BO_NOT": r"(?! (?:my|the|a|his|her|our|those|these|some|all) (?:\S+ )?(?:calendar|diary|dates?|days?|windows?"
    r"|curtains?|blinds?|weekend|schedule|names?|text|screen))",
    # falling down: fainting or collapsing, in the words bystanders use
    "COLLAPSE": r"(?:{NOT_A_BODY}(?:collaps(?:e|ed|es|ing)(?! of (?:the |our |my )?(?:\S+ )?(?:committee|club|team"
    r"|plan|deal|market|company|economy|government|season|talks|tent|roof))|keel(?:ed|s|ing)? over(?! (?:laughing"
    r"|with laughter))"
    r"|crumpl(?:ed|ing)|(?:went|go|goes|going) down (?:like a|in a heap|and (?:didnt|wasnt|couldnt))|dropped to the"
    r" (?:floor|ground)|hit the (?:deck|floor|ground)|went limp|faint(?:ed|ing)|pass(?:ed|ing)? out"
    r"|black(?:ed|ing)? out{BO_NOT}|drop(?:ped)? down (?:at|on|in|during|mid|and)"
    # the bystander's and the runner's own words for it: "went down like a sack of spuds", "his legs went from
    # under him", "next thing I'm lying on the path"
    r"|legs? (?:just |simply )?(?:went|gone|go|goes|gave (?:way|out)) (?:from )?under (?:him|her|me|them)"
    r"|next thing (?:\S+ ){0,2}(?:lying|laid|flat|on the (?:floor|ground|path|track|road|grass|deck))))",
    # what collapses without being a body: "my pace collapsed", "the tent collapsed"
    "NOT_A_BODY": r"(?<!lungs )(?<!lungs were )(?<!lungs are )(?<!pace )(?<!splits )(?<!speed )(?<!form )(?<!plan )"
    r"(?<!time )(?<!tent )(?<!gazebo )(?<!race )"
    r"(?<!season )(?<!wheels )",
    # a knock or a fall: confusion, drowsiness or memory loss after it is a head injury until shown otherwise
    "IMPACT": r"(?:(?:fell|fall|fallen|falling)(?! (?:asleep|behind|apart|off the pace|in love|short|back|into (?:a "
    r"|the )?"
    r"(?:rhythm|groove|pace)))|tripped|trip(?:ped)? (?:over|on)|slipped|went flying|stacked it|wiped out"
    r"|crash(?:ed|ing)? (?:into|onto|on|off|and|hard|badly|down)|(?:bike|cycling|bad|nasty|big) crash|collided"
    r"|came off (?:the |my |his |her |their )?(?:bike|horse|scooter|board|skateboard|wall)"
    r"|collision|ran (?:straight |right |smack |full pelt |head ?first )?into|run into|walked (?:\S+ ){0,1}into"
    r"|smacked|whacked|banged|bumped"
    r"|clonked|head ?first|head (?:\S+ ){0,1}(?:hit|smacked|banged|bashed|clipped|cracked|whacked|bounced|slammed)"
    r"|bonked|clobbered|thwacked|walloped|head ?butt\w*"
    r"|knocked (?:over|down|out|into|(?:my|his|her|their) head)|clattered|went down hard|hit (?:my|his|her|their|the"
    r"|a) (?:head|face|ground|floor|deck|tarmac"
    r"|pavement|kerb|curb|rock|post|wall|tree|branch)|head (?:injury|knock|clash|bang)|concuss\w*|face ?plant\w*)",
}
