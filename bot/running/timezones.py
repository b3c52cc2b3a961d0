"""Which time zone a member means: IANA names, plus the abbreviations and cities people type.

Fixed-offset zones (`EST`, `GMT+5`, `UTC-3`) have no summer time, so a reminder set in one drifts an
hour for half the year; they are refused with the zone the member most likely means (for an offset, the
places on that offset today), unless the member insists with an explicit `Etc/…` name. UTC and GMT, the
same clock, are both accepted, saying that they have no summer time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from bot.errors import UserError

EXAMPLE = "Use a city zone like `Europe/Berlin` or `America/New_York` (the list suggests them as you type)."

# Abbreviation → the zones it most often means, most likely first.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("est", "edt", "et", "eastern"), ("America/New_York", "America/Toronto")),
    **dict.fromkeys(("cst", "cdt", "ct", "central"), ("America/Chicago", "America/Mexico_City")),
    **dict.fromkeys(("mst", "mdt", "mt", "mountain"), ("America/Denver", "America/Phoenix")),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific"), ("America/Los_Angeles", "America/Vancouver")),
    **dict.fromkeys(("akst", "akdt"), ("America/Anchorage",)),
    **dict.fromkeys(("hst", "hast"), ("Pacific/Honolulu",)),
    **dict.fromkeys(("ast", "adt"), ("America/Halifax",)),
    **dict.fromkeys(("nst", "ndt"), ("America/St_Johns",)),
    **dict.fromkeys(("gmt", "bst", "uk"), ("Europe/London", "Europe/Dublin")),
    **dict.fromkeys(("wet", "west"), ("Europe/Lisbon",)),
    **dict.fromkeys(("cet", "cest", "met", "mest"), ("Europe/Berlin", "Europe/Paris", "Europe/Amsterdam")),
    **dict.fromkeys(("eet", "eest"), ("Europe/Athens", "Europe/Helsinki")),
    **dict.fromkeys(("msk",), ("Europe/Moscow",)),
    **dict.fromkeys(("ist",), ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem")),
    **dict.fromkeys(("pkt",), ("Asia/Karachi",)),
    **dict.fromkeys(("sgt",), ("Asia/Singapore",)),
    **dict.fromkeys(("hkt",), ("Asia/Hong_Kong",)),
    **dict.fromkeys(("jst",), ("Asia/Tokyo",)),
    **dict.fromkeys(("kst",), ("Asia/Seoul",)),
    **dict.fromkeys(("awst",), ("Australia/Perth",)),
    **dict.fromkeys(("acst", "acdt"), ("Australia/Adelaide",)),
    **dict.fromkeys(("aest", "aedt"), ("Australia/Sydney", "Australia/Brisbane", "Australia/Melbourne")),
    **dict.fromkeys(("nzst", "nzdt"), ("Pacific/Auckland",)),
    **dict.fromkeys(("sast",), ("Africa/Johannesburg",)),
    **dict.fromkeys(("eat",), ("Africa/Nairobi",)),
    **dict.fromkeys(("wat",), ("Africa/Lagos",)),
    **dict.fromkeys(("brt",), ("America/Sao_Paulo",)),
    **dict.fromkeys(("art",), ("America/Argentina/Buenos_Aires",)),
}

# Zones offered first when the member has typed nothing yet.
COMMON_ZONES = (
    "UTC", "Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Madrid",
    "Europe/Rome", "Europe/Stockholm", "Europe/Warsaw", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Toronto", "America/Vancouver", "America/Mexico_City", "America/Sao_Paulo",
    "Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    "Africa/Johannesburg",
)  # fmt: skip

# Names in the IANA database that are an offset or a rule rather than a place (EST, MST7MDT, GMT0).
_LEGACY = re.compile(r"^(?:EST|MST|HST|CET|EET|MET|WET|[A-Z]{3}[0-9][A-Z]{3}|GMT|GMT[+-]?0|UCT|Universal|Zulu)$")
_OFFSET = re.compile(r"^(?:utc|gmt|z)?\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?$")
_KEEP_AS_IS = frozenset({"UTC", "Etc/UTC"})  # the default zone, fixed but never surprising
_UTC_WORDS = frozenset({"utc", "gmt", "etc/utc", "etc/gmt", "z", "zulu", "uct", "universal"})


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    name: str  # the IANA name to store
    note: str | None = None  # said in the reply when the member typed something else ("Berlin")


@functools.cache
def _zones() -> dict[str, str]:
    """Lower-cased name → IANA name, for every zone on this system."""
    names = {n for n in available_timezones() if n not in ("localtime", "posixrules", "Factory")} | {"UTC"}
    return {n.lower(): n for n in sorted(names)}


@functools.cache
def _cities() -> dict[str, list[str]]:
    """'new york' → ['America/New_York']: the last part of every place zone, spaces for underscores."""
    cities: dict[str, list[str]] = {}
    for name in _zones().values():
        if "/" in name and not is_fixed_offset(name):
            cities.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), []).append(name)
    return cities


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def is_fixed_offset(name: str) -> bool:
    """`EST`, `MST7MDT`, `Etc/GMT+5`, `GMT`: zones with no place behind them (UTC aside)."""
    return name.startswith("Etc/") or bool(_LEGACY.match(name))


def _offsets(name: str) -> tuple[timedelta | None, timedelta | None]:
    zone = ZoneInfo(name)
    return datetime(2026, 1, 15, tzinfo=zone).utcoffset(), datetime(2026, 7, 15, tzinfo=zone).utcoffset()


def _etc_name(sign: str, hours: int) -> str:
    # POSIX signs: Etc/GMT+5 is five hours *behind* UTC.
    return "Etc/UTC" if hours == 0 else f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"


def _fixed_offset_refusal(typed: str, suggestions: tuple[str, ...], etc: str | None) -> UserError:
    meant = " or ".join(f"`{s}`" for s in suggestions[:3])
    guess = f" Did you mean {meant}?" if meant else f" {EXAMPLE}"
    insist = f" To keep a fixed offset anyway, use `{etc}`." if etc else ""
    return UserError(
        f"`{typed}` is a fixed offset with no summer time, so reminders would be an hour off "
        f"whenever clocks change.{guess}{insist}",
        "timezone",
    )


def resolve_timezone(text: str) -> ZoneChoice:
    """The IANA zone the member means, or a UserError that suggests one."""
    typed = " ".join((text or "").split())[:40].replace("`", "'")
    key = _key(text or "")
    if not key:
        raise UserError(f"Please give a time zone. {EXAMPLE}", "timezone")
    if key in _UTC_WORDS:  # one clock, however it is written: say what it lacks rather than refuse some names
        named = "UTC," if typed == "UTC" else f"`{typed}` → UTC,"
        return ZoneChoice(
            "UTC",
            f"{named} which has no summer time (if your clocks change, pick a city zone like `Europe/London`)",
        )
    exact = _zones().get(key.replace(" ", "_"))
    if exact is not None and (exact in _KEEP_AS_IS or exact.startswith("Etc/") or not is_fixed_offset(exact)):
        return ZoneChoice(exact, None if exact.lower() == typed.lower() else f"`{typed}` → {exact}")
    if key in ABBREVIATIONS:
        winter, summer = _offsets(exact) if exact is not None else (None, None)
        if winter is not None and winter == summer:  # EST, MST, HST, GMT exist as fixed zones
            hours = int(winter.total_seconds() // 3600)
            raise _fixed_offset_refusal(typed, ABBREVIATIONS[key], _etc_name("+" if hours >= 0 else "-", abs(hours)))
        meant = " or ".join(f"`{s}`" for s in ABBREVIATIONS[key][:3])
        raise UserError(
            f"`{typed}` is an abbreviation, and its clock changes with the seasons. Did you mean {meant}?", "timezone"
        )
    offset = _OFFSET.match(key)
    if offset:
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        etc = _etc_name(sign, hours) if minutes == 0 and hours <= 12 else None
        raise _fixed_offset_refusal(typed, tuple(zones_at_offset(sign, hours, minutes)), etc)
    if exact is not None:  # a legacy fixed name such as EST5EDT or GMT0
        raise _fixed_offset_refusal(typed, (), None)
    cities = _cities().get(key, [])
    if len(cities) == 1:
        return ZoneChoice(cities[0], f"`{typed}` → {cities[0]}")
    hints = cities or ([name for _, name in suggest_zones(key, limit=3)] if len(key) >= 3 else [])
    message = f"Couldn't find the time zone `{typed}`. {EXAMPLE}"
    if hints:
        message += " Did you mean " + " or ".join(f"`{h}`" for h in hints[:3]) + "?"
    raise UserError(message, "timezone")


def suggest_zones(current: str, limit: int = 25) -> list[tuple[str, str]]:
    """Autocomplete: (label, IANA name) pairs — abbreviations and cities first; fixed-offset zones only
    when the member types `Etc/`."""
    key = _key(current or "")
    picked: dict[str, str] = {}
    offset = _OFFSET.match(key) if key else None
    if not key:
        picked = {z: z for z in COMMON_ZONES if z.lower() in _zones()}
    elif offset:  # `UTC+1`: the places on that offset today
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        shown = _offset_label(sign, hours, minutes)
        picked = {zone: f"{zone} ({shown} now)" for zone in zones_at_offset(sign, hours, minutes)}
        if key.startswith("etc") or (minutes == 0 and hours <= 12):
            etc = _etc_name(sign, hours)
            picked.setdefault(etc, f"{etc} (fixed {shown}, no summer time)")
    else:
        for zone in ABBREVIATIONS.get(key, ()):
            picked.setdefault(zone, f"{zone} ({current.strip().upper()[:10]})")
        if key in _UTC_WORDS:
            picked.setdefault("UTC", "UTC (no summer time)")
        for zone in _cities().get(key, []):
            picked.setdefault(zone, zone)
        insisting = key.startswith("etc")
        needle = key.replace(" ", "_")
        # An abbreviation means its zones: not every zone that happens to contain the letters (`est`: Budapest).
        anywhere = key not in ABBREVIATIONS
        matches = [
            name
            for lowered, name in _zones().items()
            if (_starts_part(lowered, needle) if not anywhere else needle in lowered)
            and (insisting or name in _KEEP_AS_IS or not is_fixed_offset(name))
        ]
        common = {z: i for i, z in enumerate(COMMON_ZONES)}
        matches.sort(key=lambda n: (n not in common, common.get(n, 0), not _starts_part(n.lower(), needle), n))
        for name in matches:
            picked.setdefault(name, name)
    return [(label, name) for name, label in list(picked.items())[: max(0, limit)]]


def _offset_label(sign: str, hours: int, minutes: int) -> str:
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zones_at_offset(sign: str, hours: int, minutes: int = 0, now: datetime | None = None) -> list[str]:
    """Place zones whose clocks are at that offset from UTC today, the common ones first."""
    wanted = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    return _zones_at(wanted, (now or datetime.now(UTC)).date().isoformat())


@functools.lru_cache(maxsize=64)
def _zones_at(offset: timedelta, day: str) -> list[str]:
    instant = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
    found = [
        name
        for name in _zones().values()
        if "/" in name and not is_fixed_offset(name) and instant.astimezone(ZoneInfo(name)).utcoffset() == offset
    ]
    common = {z: i for i, z in enumerate(COMMON_ZONES)}
    return sorted(found, key=lambda n: (n not in common, common.get(n, 0), n))


def _starts_part(lowered: str, needle: str) -> bool:
    return lowered.startswith(needle) or f"/{needle}" in lowered
