"""The words and forms members type for a day (weekdays, months, ISO dates, `Nov 22`, `22 Nov`, `last friday`),
shared by the run log's dates (bot.running.dates) and the club's future ones (bot.club.days)."""

from __future__ import annotations

import re

WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
        ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
        ("nov", "november"), ("dec", "december"),
    ),
    start=1,
):  # fmt: skip
    MONTHS.update(dict.fromkeys(_names, _number))

ISO_DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
MONTH_DAY = re.compile(r"([a-z]+)\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+([0-9]{4}))?")
DAY_MONTH = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?\s*([a-z]+)\.?(?:,?\s+([0-9]{4}))?")
RELATIVE_DAY = re.compile(r"(last|next|this|coming)\s+([a-z]+)\.?")
