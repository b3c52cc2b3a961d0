"""Reminder use cases: what /remind, /server reminders and the reminder buttons do.

Every write is one transaction; after a change to a schedule `on_change` is called so the
dispatcher can wake up and look again at the earliest due reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.db import audit
from bot.db import reminders as db_rem
from bot.db.audit import DISCORD
from bot.db.engine import Tx
from bot.db.members import get_profile, update_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id
from bot.reminders.models import SERVER_PING, Answer, Reminder, ReminderKind, ServerReminder, Target
from bot.reminders.schedule import next_fire
from bot.reminders.schedule_input import parse_days, parse_time_of_day
from bot.running.timezones import resolve_timezone
from bot.text import clean, is_blank

MAX_PER_MEMBER = 10
MAX_MESSAGE = 200
MAX_SKIPPED_KEPT = 366  # slots skipped ahead that a change of zone keeps skipped
KINDS = (ReminderKind.STRETCH, ReminderKind.CORE, ReminderKind.CUSTOM)  # what /remind set offers
SERVER_KINDS = (ReminderKind.STRETCH, ReminderKind.CORE)
WHERES = tuple(Target)
SNOOZE = timedelta(hours=1)
SUMMARY_AT = time(8, 0)  # the weekly summary: Monday morning in the member's zone
MONDAY = 0b0000001  # bit 0 is Monday (schedule_input.parse_days)
# To someone pressing another member's reminder button: who owns it is none of their business.
NOT_YOURS = "This reminder isn't yours, so nothing happened. `/remind set` makes one of your own."

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def current_streak(days: list[date], today: date) -> int:
    """Consecutive days with a Done, ending today (or yesterday, while today is still open)."""
    done = set(days)
    day = today if today in done else today - timedelta(days=1)
    streak = 0
    while day in done:
        streak += 1
        day -= timedelta(days=1)
    return streak


async def reminder_streak(db: Store, guild_id: int, user_id: int, now: datetime) -> int:
    """The Done streak shown in /profile show (days in the member's profile time zone)."""
    profile = await get_profile(db, guild_id, user_id)
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    return current_streak(await db_rem.done_days(db, guild_id, user_id), today)


@dataclass(frozen=True, slots=True)
class DoneResult:
    counted: bool  # False: this slot was already answered (done, or skipped when `answer` says so)
    streak: int
    answer: Answer | None = None  # the slot's answer before this press, when it was final


@dataclass(frozen=True, slots=True)
class SkipResult:
    skipped: datetime | None  # the slot now skipped; None when it already was answered
    next_fire: datetime
    answer: Answer | None = None  # the slot's final answer before this press, if any


class SlotNotSent(UserError):
    """A button names a slot that was never sent (a forged or stale custom id)."""


def _not_sent() -> SlotNotSent:
    return SlotNotSent("This button doesn't match a reminder Stride sent, so nothing was counted.")


def _check_message(kind: str, message: str | None) -> str | None:
    text = " ".join(clean(message or "").split())
    if (message or "").strip() and is_blank(text):
        raise UserError("The message has no visible characters. Type a few words, e.g. `Foam-roll your calves`.")
    if kind == "custom" and not text:
        raise UserError("A custom reminder needs a `message`, e.g. `Foam-roll your calves`.", "message")
    if len(text) > MAX_MESSAGE:
        raise UserError(
            f"The message is {len(text)} characters; the limit is {MAX_MESSAGE}. Keep it short, e.g. "
            "`10 minutes of hip mobility`.",
            "message",
        )
    return text or None


def moved_to_zone(reminder: Reminder, zone: ZoneInfo, now: datetime) -> datetime:
    """The reminder's next slot once it moves to `zone`: its wall-clock time there, the first one after `now`
    unless the member had skipped slots ahead, which stay skipped (as many of them, in the new zone)."""
    old_zone = ZoneInfo(reminder.timezone)
    skipped, slot = 0, next_fire(now, reminder.at, reminder.days_mask, old_zone)
    while slot < reminder.next_fire and skipped < MAX_SKIPPED_KEPT:
        skipped += 1
        slot = next_fire(slot, reminder.at, reminder.days_mask, old_zone)
    moved = next_fire(now, reminder.at, reminder.days_mask, zone)
    for _ in range(skipped):
        moved = next_fire(moved, reminder.at, reminder.days_mask, zone)
    return moved


class ReminderService:
    def __init__(self, db: Store, *, clock: Clock = utcnow, on_change: Callable[[], None] | None = None) -> None:
        self.db = db
        self.clock = clock
        self._on_change = on_change

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    # ---------------------------------------------------------------- /remind

    async def set(
        self,
        guild_id: int,
        user_id: int,
        *,
        kind: str,
        time: str,
        days: str | None = None,
        timezone: str | None = None,
        where: str = Target.DM,
        channel_id: int | None = None,
        message: str | None = None,
    ) -> Reminder:
        if kind not in KINDS:
            raise UserError(f"The kind must be one of {', '.join(KINDS)}.", "kind")
        if where not in WHERES:
            raise UserError("`where` must be `dm` or `channel`.", "where")
        if where == Target.CHANNEL and channel_id is None:
            raise UserError("Run this in the channel the reminder should go to.", "where")
        at = parse_time_of_day(time)
        mask = parse_days(days)
        if timezone:
            zone = ZoneInfo(resolve_timezone(timezone).name)
        else:
            zone = ZoneInfo((await get_profile(self.db, guild_id, user_id)).timezone)
        text = _check_message(kind, message)
        first = next_fire(self.clock(), at, mask, zone)
        async with self.db.transaction(guild_id, user_id) as tx:  # the limit holds under concurrent commands
            if await db_rem.count_member(tx, guild_id, user_id) >= MAX_PER_MEMBER:
                raise UserError(
                    f"You already have {MAX_PER_MEMBER} reminders, the most one member can have. "
                    "Remove one with `/remind remove id` (`/remind list` shows the ids).",
                    "kind",
                )
            reminder_id = await db_rem.insert(
                tx,
                guild_id=guild_id,
                user_id=user_id,
                kind=kind,
                at=at,
                days_mask=mask,
                timezone=zone.key,
                target=where,
                channel_id=channel_id if where == Target.CHANNEL else None,
                message=text,
                next_fire=first,
                zone_from_profile=not timezone,
            )
            reminder = await db_rem.get(tx, reminder_id)
        self._changed()
        assert reminder is not None
        return reminder

    async def set_and_explain(self, guild_id: int, user_id: int, **options: Any) -> tuple[Reminder, str | None]:
        """`set`, and on a member's first reminder without a zone, which zone it uses and how to change it."""
        first = not options.get("timezone") and await db_rem.count_member(self.db, guild_id, user_id) == 0
        reminder = await self.set(guild_id, user_id, **options)
        note = None
        if first:
            note = (
                f"It uses your profile's time zone, {reminder.timezone}. Change it with "
                "`/profile set timezone:` (e.g. `Europe/Berlin`), or give `timezone:` here."
            )
        return reminder, note

    async def list(self, guild_id: int, user_id: int) -> list[Reminder]:
        return await db_rem.member_reminders(self.db, guild_id, user_id)

    async def _own(self, tx: Tx, guild_id: int | None, user_id: int, reminder_id: int) -> Reminder:
        """The member's reminder; anyone else's (or a missing one) is "not found"."""
        reminder = await db_rem.get(tx, reminder_id) if is_record_id(reminder_id) else None
        if reminder is None or reminder.user_id != user_id or guild_id not in (None, reminder.guild_id):
            raise NotFound(
                f"You have no reminder #{reminder_id}. `/remind list` shows your reminders and their ids.", "id"
            )
        return reminder

    async def _scope(self, guild_id: int | None, user_id: int, reminder_id: int) -> tuple[int, int]:
        """The lock scope of a member's command on a reminder: (guild, member), as every command of the member
        takes (`Database.transaction`). A button in a DM knows only the reminder: its guild is read first
        (never changes), unless the database has no other writer (SQLite) and needs no scope."""
        if guild_id is None and not self.db.exclusive:
            found = await db_rem.get(self.db, reminder_id) if is_record_id(reminder_id) else None
            guild_id = found.guild_id if found is not None else 0
        return guild_id or 0, user_id

    async def remove(self, guild_id: int, user_id: int, reminder_id: int) -> Reminder:
        async with self.db.transaction(guild_id, user_id) as tx:
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
            await db_rem.delete(tx, reminder_id)
            if reminder.kind == ReminderKind.SUMMARY:  # the profile's opt-in goes with it
                await update_profile(tx, reminder.guild_id, user_id, weekly_summary=False)
        self._changed()
        return reminder

    async def pause(self, guild_id: int, user_id: int, reminder_id: int) -> Reminder:
        async with self.db.transaction(guild_id, user_id) as tx:
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
            if reminder.paused:
                raise UserError(f"Reminder #{reminder_id} is already paused. `/remind resume` starts it again.", "id")
            await db_rem.set_paused(tx, reminder_id, True)
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
        self._changed()
        return reminder

    async def resume(self, guild_id: int, user_id: int, reminder_id: int) -> Reminder:
        """Back on schedule from now on: slots missed while paused are not sent."""
        async with self.db.transaction(guild_id, user_id) as tx:
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
            if not reminder.paused:
                raise UserError(f"Reminder #{reminder_id} is not paused.", "id")
            upcoming = next_fire(self.clock(), reminder.at, reminder.days_mask, ZoneInfo(reminder.timezone))
            await db_rem.set_schedule(tx, reminder_id, upcoming, None)
            await db_rem.set_paused(tx, reminder_id, False)
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
        self._changed()
        return reminder

    async def skip(self, guild_id: int | None, user_id: int, reminder_id: int) -> SkipResult:
        """Skip the next regular slot (again to skip the one after, and so on)."""
        async with self.db.transaction(*await self._scope(guild_id, user_id, reminder_id)) as tx:
            reminder = await self._own(tx, guild_id, user_id, reminder_id)
            result = await self._skip(tx, reminder, reminder.next_fire)
        self._changed()
        return result

    async def _skip(self, tx: Tx, reminder: Reminder, slot: datetime) -> SkipResult:
        if reminder.paused:
            raise UserError(f"Reminder #{reminder.id} is paused; nothing to skip. `/remind resume` restarts it.", "id")
        following = next_fire(slot, reminder.at, reminder.days_mask, ZoneInfo(reminder.timezone))
        await db_rem.set_schedule(tx, reminder.id, following, reminder.snooze)
        return SkipResult(slot, following)

    # ---------------------------------------------------------------- buttons on a delivered reminder
    # Every button acts on the slot its message was sent for, and only on a slot the dispatcher recorded
    # as sent (reminder_slots): a forged timestamp counts nothing.

    async def _pressed(self, tx: Tx, user_id: int, reminder_id: int, fire: datetime) -> tuple[Reminder, Answer | None]:
        """The owner's reminder and the slot's answer so far; refusals for anyone else or an unsent slot."""
        reminder = await db_rem.get(tx, reminder_id)
        if reminder is None:
            raise NotFound("This reminder was removed. `/remind list` shows the ones you have.")
        if reminder.user_id != user_id:
            raise UserError(NOT_YOURS)
        slot = await db_rem.get_slot(tx, reminder.guild_id, reminder_id, fire)
        if slot is None or reminder.kind == ReminderKind.SUMMARY:  # the summary has no buttons
            raise _not_sent()
        return reminder, slot.answer

    async def _answer(self, tx: Tx, reminder: Reminder, fire: datetime, answer: Answer) -> None:
        await db_rem.answer_slot(tx, reminder.guild_id, reminder.id, fire, answer)
        if reminder.snooze is not None and reminder.last_fire == fire:  # its pending re-send is moot now
            await db_rem.set_schedule(tx, reminder.id, reminder.next_fire, None)

    async def done(self, user_id: int, reminder_id: int, fire: datetime) -> DoneResult:
        async with self.db.transaction(*await self._scope(None, user_id, reminder_id)) as tx:
            reminder, before = await self._pressed(tx, user_id, reminder_id, fire)
            counted = False
            if before in (None, Answer.SNOOZED):
                await self._answer(tx, reminder, fire, Answer.DONE)
                day = fire.astimezone(ZoneInfo(reminder.timezone)).date()
                counted = await db_rem.add_done(tx, reminder.guild_id, user_id, reminder_id, fire, day)
        if counted:
            self._changed()
        streak = await reminder_streak(self.db, reminder.guild_id, user_id, self.clock())
        return DoneResult(counted, streak, None if counted else before or Answer.DONE)

    async def skip_slot(self, user_id: int, reminder_id: int, fire: datetime) -> SkipResult:
        """The Skip button: this slot is skipped (the schedule is unchanged; tomorrow's still comes)."""
        async with self.db.transaction(*await self._scope(None, user_id, reminder_id)) as tx:
            reminder, before = await self._pressed(tx, user_id, reminder_id, fire)
            if before in (Answer.DONE, Answer.SKIPPED):
                return SkipResult(None, reminder.next_fire, before)
            await self._answer(tx, reminder, fire, Answer.SKIPPED)
        self._changed()
        return SkipResult(fire, reminder.next_fire)

    async def snooze(self, user_id: int, reminder_id: int, fire: datetime) -> datetime:
        """Send this slot again in an hour (one extra fire; the regular schedule is unchanged), unless it
        is already answered."""
        until = self.clock() + SNOOZE
        async with self.db.transaction(*await self._scope(None, user_id, reminder_id)) as tx:
            reminder, before = await self._pressed(tx, user_id, reminder_id, fire)
            if before in (Answer.DONE, Answer.SKIPPED):
                raise UserError(f"This one is already marked {before.value}; nothing to snooze.")
            if reminder.paused:
                raise UserError(f"Reminder #{reminder_id} is paused. `/remind resume` starts it again.", "id")
            await db_rem.answer_slot(tx, reminder.guild_id, reminder_id, fire, Answer.SNOOZED)
            await db_rem.set_schedule(tx, reminder_id, reminder.next_fire, until)
            await db_rem.set_last_fire(tx, reminder_id, fire)
        self._changed()
        return until

    async def server_done(self, guild_id: int, user_id: int, fire: datetime) -> DoneResult:
        """Done on the club ping: counts for the member who pressed it, once per slot that was sent."""
        if await db_rem.get_slot(self.db, guild_id, SERVER_PING, fire) is None:
            raise _not_sent()
        server = await db_rem.get_server(self.db, guild_id)
        zone = server.timezone if server else (await get_profile(self.db, guild_id, user_id)).timezone
        day = fire.astimezone(ZoneInfo(zone)).date()
        async with self.db.transaction(guild_id, user_id) as tx:
            counted = await db_rem.add_done(tx, guild_id, user_id, SERVER_PING, fire, day)
        return DoneResult(counted, await reminder_streak(self.db, guild_id, user_id, self.clock()))

    # ---------------------------------------------------------------- the weekly summary

    async def set_summary(self, tx: Tx, guild_id: int, user_id: int, on: bool, timezone: str) -> None:
        """Inside the profile's transaction: the Monday summary reminder follows the profile setting (and
        its time zone)."""
        current = await db_rem.get_summary(tx, guild_id, user_id)
        if not on:
            if current is not None:
                await db_rem.delete(tx, current.id)
            return
        first = next_fire(self.clock(), SUMMARY_AT, MONDAY, ZoneInfo(timezone))
        if current is None:
            await db_rem.insert(
                tx,
                guild_id=guild_id,
                user_id=user_id,
                kind=ReminderKind.SUMMARY,
                at=SUMMARY_AT,
                days_mask=MONDAY,
                timezone=timezone,
                target=Target.DM,
                channel_id=None,
                message=None,
                next_fire=first,
            )
        elif current.timezone != timezone:
            await db_rem.set_timezone(tx, current.id, timezone, first)

    async def follow_profile_zone(self, tx: Tx, guild_id: int, user_id: int, timezone: str) -> int:
        """Inside the profile's transaction: reminders set without a zone of their own move to the profile's
        new zone, at the same wall-clock time there; how many moved."""
        zone = ZoneInfo(timezone)
        moved = 0
        for reminder in await db_rem.following_profile_zone(tx, guild_id, user_id):
            if reminder.timezone != timezone:
                await db_rem.move_to_zone(tx, reminder, timezone, moved_to_zone(reminder, zone, self.clock()))
                moved += 1
        return moved

    # ---------------------------------------------------------------- /server reminders

    async def set_server(
        self,
        guild_id: int,
        user_id: int,
        *,
        channel_id: int,
        time: str,
        timezone: str,
        role_id: int | None = None,
        kind: str = "stretch",
        via: str = DISCORD,
    ) -> ServerReminder:
        if kind not in SERVER_KINDS:
            raise UserError("The kind must be `stretch` or `core`.", "kind")
        if role_id == guild_id:
            raise UserError("Pick a role to mention (not @everyone), or leave `role` out.", "role")
        at = parse_time_of_day(time)
        zone = ZoneInfo(resolve_timezone(timezone).name)
        first = next_fire(self.clock(), at, 0b1111111, zone)
        async with self.db.transaction(guild_id) as tx:
            await db_rem.upsert_server(
                tx,
                guild_id=guild_id,
                channel_id=channel_id,
                at=at,
                timezone=zone.key,
                role_id=role_id,
                kind=kind,
                next_fire=first,
                set_by=user_id,
            )
            server = await db_rem.get_server(tx, guild_id)
            detail = {"channel_id": channel_id, "time": f"{at:%H:%M}", "timezone": zone.key, "kind": kind}
            await audit.record(tx, guild_id, user_id, "ping-set", None, {**detail, "role_id": role_id}, via=via)
        self._changed()
        assert server is not None
        return server

    async def server_off(self, guild_id: int, user_id: int, *, via: str = DISCORD) -> bool:
        async with self.db.transaction(guild_id) as tx:
            removed = await db_rem.delete_server(tx, guild_id)
            if removed:
                await audit.record(tx, guild_id, user_id, "ping-off", None, {}, via=via)
        self._changed()
        return removed > 0

    async def server(self, guild_id: int) -> ServerReminder | None:
        return await db_rem.get_server(self.db, guild_id)
