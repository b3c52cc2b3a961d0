"""Who a clause is about: the writer, or someone else (a bystander's report: "my training partner keeled over",
"runner next to me stumbling and mumbling", "friend can't tell me what day it is").

The nearest person named before a sign is its subject: a first-person subject ("I", "I'm") is the writer; a
pronoun or a noun for another person is someone else. "me" and "my" are not subjects ("the runner next to me",
"my mate"): they say nothing about who the clause is about.
"""

from __future__ import annotations

SELF: frozenset[str] = frozenset("i im ive id ill myself".split())

OTHERS: frozenset[str] = frozenset(
    """
    he she hes shes him her his they theyre theyve them their himself herself themselves
    friend friends mate mates buddy pal partner husband hubby wife boyfriend girlfriend bf gf fiance fiancee
    son daughter dad father mum mom mother brother sister bro sis uncle aunt cousin grandad grandma nan kid child
    runner runners someone somebody anyone anybody guy bloke man woman lady lad girl boy fella chap dude
    teammate clubmate colleague person athlete member marshal parkrunner
    """.split()
)
# "my husband's talking gibberish": a possessive or a contraction reads as the noun plus "s" once apostrophes go
OTHERS = OTHERS | frozenset(w + "s" for w in OTHERS if len(w) > 3 and not w.endswith("s") and not w.startswith("the"))
