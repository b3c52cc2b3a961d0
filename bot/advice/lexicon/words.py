"""Word groups the signs share: ``{NAME}`` in a pattern stands for the group (groups may name groups).

Text is normalised first: lower case, apostrophes dropped ("can't" is "cant"), hyphens and slashes are spaces.
"""

from __future__ import annotations

GROUPS: dict[str, str] = {
    "CANT": r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to|wasnt able to|struggling to|struggled to"
    r"|struggle to)",
    "PAIN": r"(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|achy|sore|soreness|throbbing|throbs"
    r"|throb|agony|kills|killing|tender|stabbing)",
    "SEVERE_PAIN": r"(?:agony|agonising|agonizing|excruciating|unbearable|killing me|worst pain|screaming|severe"
    r"|horrendous|crippling)",
    "CHEST": r"(?:chest|sternum|breastbone|breast bone)",
    "CHEST_FEEL": r"(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|achy|tight|tightness|tightening"
    r"|heavy|heaviness|pressure|squeezing|squeeze|squeezed|crushing|crushed|discomfort|burning|stabbing|sharp"
    r"|sore|gripping|band)",
    "WEIRD": r"(?:weird|funny|strange|odd|wrong|not right|off|scary|horrible|awful)",
    "URINE": r"(?:urine|pee|peed|wee|weed|wees|piss|urinating|peeing|weeing|pissing)",
    "DARK": r"(?:dark(?! yellow| orange| amber)|brown|brownish|black|blackish|rusty|rust)",
    "DRINK_COLOUR": r"(?:cola|coke|coca cola|tea|strong tea|coffee|guinness|port|red wine|marmite)",
    "CONFUSED": r"(?:confused(?! (?:about|by|as to|why|what|which|how|whether|over|with|on|if|regarding|re)\b)|"
    r"confusion(?! (?:about|over|with|on|regarding|as to|between)\b)|disorientated|disoriented|disorientation|"
    r"delirious|muddled|befuddled|talking nonsense|mumbling nonsense|talking rubbish|talking gibberish"
    r"|(?:cant|couldnt|cannot|not able to) think (?:straight|clearly|properly)?|not thinking (?:straight|clearly)"
    r"|making no sense|made no sense|not making sense|didnt make sense|out of it|not with it|away with the fairies"
    r"|didnt know where (?:i|he|she|they) (?:was|were)|(?:doesnt|didnt|dont) know what day|didnt know who"
    r"|(?:cant|couldnt) remember (?:my|his|her|where|who|what day)"
    r"|confused (?:about|as to) (?:where|who|which way|what day)|(?:feel|feels|feeling|felt) (?:weirdly "
    r"|really )?drunk)",
    "VOMIT": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|thrown up|throw up|being sick|been sick|was sick"
    r"|keep being sick|puking|puked|puke|nausea|nauseous|nauseated|queasy|feel sick|feeling sick|felt sick)",
    "VOMITING": r"(?:vomit|vomits|vomiting|vomited|throwing up|threw up|thrown up|throw up|being sick|been sick"
    r"|puking|puked)",
    "HEADACHE": r"(?:headache|headaches|headachey|head ache|migraine|head pain|head hurts|head is pounding"
    r"|pounding head"
    r"|heads pounding|head (?:is |was )?(?:throbbing|splitting|pounding)|(?:my )?head hurt|splitting head)",
    "CALF": r"(?:calf|calves|lower leg|one leg|leg|shin)",
    "SWELL": r"(?:swollen|swelling|swelled|swelling up|puffy|puffed up|puffing up|bigger|fatter)",
    "PERIOD": r"(?:period|periods|cycle|menstruation|menstrual cycle|time of the month)",
    "HOT": r"(?:heat|hot|sun|sunny|humid|humidity|heatwave|degrees|scorching|boiling|sweltering|overheated|"
    r"overheating|overheat|baking|roasting|muggy|tropical)",
    "COLD": r"(?:freezing|frozen|sleet|snow|snowy|icy|blizzard|river|lake|reservoir|sea|soaked|drenched|wet through"
    r"|sodden|winter|wintry|wind ?chill|below zero|sub zero|minus \d+|fell run|mountain|hypothermic|cold (?:water|rain"
    r"|wind|weather|day|morning|night|run))",
    "TRAVEL": r"(?:flight|flew|flying|plane|long haul|car journey|long drive|drive home|travel|travelling|traveling|"
    r"train journey|coach trip|bus journey)",
    "WATER_LOTS": r"(?:(?:drank|drink|drinking|downed|downing|chugged|chugging|had|gulped|drunk|guzzled|guzzling"
    r"|necked|sinking) (?:\S+ ){0,4}?(?:loads|lots|a lot|a ton|tons|litres|liters|gallons|bottles?|way too much"
    r"|too much|so much|plenty|heaps|pints)"
    r"|(?:loads|lots|a lot|tons|litres|liters|too much|so much|heaps|gallons) of (?:\S+ )?water"
    r"|water (?:\S+ )?(?:at )?every (?:station|stop|aid station|table|mile|km|drinks station)"
    r"|(?:drank|drink|drinking|had|stopped|grabbed) (?:\S+ ){0,2}(?:at |from )?every (?:water|aid|drinks?)"
    r" (?:stop|station|table)|bottle after bottle|cup after cup"
    r"|(?:guzzled|guzzling|chugged|chugging|downing|downed) (?:\S+ ){0,2}water"
    r"|(?:peed|peeing|pee|wee|weed|urine) (?:\S+ ){0,2}(?:clear|like water)"
    r"|water (?:nonstop|non stop|constantly|all day|all the way|the whole (?:way|race|time)|all through)"
    r"|overdrank|overdrink|overdrinking|overdrunk|overhydrated|overhydrating|overhydration)",
    "DIABETES": r"(?:diabetic|diabetes|type (?:1|one|2|two)|t1d?|t2d?|insulin|pump|cgm|libre|dexcom|basal|bolus"
    r"|blood sugar|blood glucose|sugars?|glucose|bgs?|hypo|hypos|hypoglycaemi\w*|hypoglycemi\w*)",
    "PREGNANT": r"(?:pregnant|pregnancy|trimester|expecting|postpartum|post partum|postnatal|post natal"
    r"|after (?:giving )?birth|gave birth|since (?:the )?birth|since (?:having|i had) (?:the |my )?baby"
    r"|c ?section|caesarean|cesarean|newborn|midwife|(?:my )?baby is \d+ (?:weeks|months)"
    r"|^(?:at )?(?:[4-9]|[1-3]\d|4[0-2]) ?(?:weeks?|wks?)(?! (?:into|of|in|out|until|before|to go|training|plan|ago"
    r"|since|after|off|later|later|block))|(?:[4-9]|[1-3]\d|4[0-2]) ?(?:weeks?|wks?) (?:pregnant|along|gone|pp))",
    "FACE": r"(?:face|lips?|tongue|mouth|eyes?lids?|eyes)",
    "ALLERGEN": r"(?:sting|stung|wasp|bee|hornet|nut|nuts|peanuts?|nut bar|allergic|allergy|allergies|reaction"
    r"|shellfish|prawns?|ate|eating|after (?:a |the )?(?:gel|bar|flapjack|snack|sandwich))",
    "SUDDEN": r"(?:sudden|suddenly|out of nowhere|out of the blue|all of a sudden|came on (?:fast|quickly|like)"
    r"|from nowhere|without warning)",
    "ONE_SIDE": r"(?:one side|left side|right side|half of|(?:left|right) (?:arm|hand|leg|side of))",
    "WALKING": r"(?:walk|walking|walk on|to walk|limp|limping|hobbl\w*|weight bear\w*|stand on it)",
}
