"""What a warning sign and a category are; the lexicon's modules list them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

# Faint or dizzy on standing up (blood pressure catching up): not a sign of its own (NHS "Fainting": see a GP
# if it keeps happening), unlike faintness while running.
POSTURAL = (
    r"(?:when|whenever|if|after|as|once) (?:i |you )?(?:stand|stood|get up|got up|sit up|standing|getting up)"
    r"|(?:stand|stood|get|got|getting|standing) up (?:too |really |very |a bit )?(?:quick|quickly|fast)|head rush"
)


class Severity(IntEnum):
    DOCTOR_OR_PHYSIO = 1  # see a doctor or physio before running again
    DOCTOR_TODAY = 2
    EMERGENCY = 3


@dataclass(frozen=True, slots=True)
class Sign:
    """One way a warning sign is written. Every pattern must match somewhere in the message, outside a
    negation; no ``unless`` pattern may match anywhere (a context that makes it something else, e.g. faint
    *when I stand up*). Category ``bone-stress`` is resolved to the site the message names."""

    category: str
    severity: Severity
    label: str  # what the banner names, e.g. "chest pain"
    patterns: tuple[str, ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A category of the clinical list: its name, and who to see at each severity (the banner says so)."""

    name: str
    today: str = "a doctor"  # "please see {today} today, and don't run until you have"
    before_running: str = "a doctor or physiotherapist"  # "please see {before_running} before you run again"
