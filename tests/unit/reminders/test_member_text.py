"""A delivered reminder shows the member's words, and a server's tip, with links as typed; built-in tips
(written by Stride, no member text) are left as they are."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.advice.models import Tip
from bot.reminders.messages import member_message
from bot.reminders.models import Reminder, ReminderKind, Target

FIRE = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
LINK = "[free gels](https://evil.example/x)"


def reminder(kind: ReminderKind, message: str | None) -> Reminder:
    return Reminder(
        id=3, guild_id=1, user_id=2, kind=kind, at=time(7, 30), days_mask=127, timezone="UTC",
        target=Target.CHANNEL, channel_id=9, dm_channel_id=None, message=message, paused=False,
        next_fire=FIRE, snooze=None, last_fire=None, sends=0, failures=0,
    )  # fmt: skip


def tip(builtin: bool) -> Tip:
    return Tip(7, "stretching", "stretch", "Calf stretch", f"Hold 30 s. {LINK}", None, (), builtin)


def test_the_members_words_and_a_servers_tip_show_links_as_typed() -> None:
    custom = member_message(reminder(ReminderKind.CUSTOM, f"gym time {LINK}"), FIRE, None)
    assert custom.content == r"<@2> ⏰ Reminder: gym time \[free gels\](https://evil.example/x)"
    stretch = member_message(reminder(ReminderKind.STRETCH, LINK), FIRE, tip(builtin=False))
    assert stretch.content.endswith(r"\[free gels\](https://evil.example/x)")
    assert stretch.body == r"Hold 30 s. \[free gels\](https://evil.example/x)"
    assert member_message(reminder(ReminderKind.STRETCH, None), FIRE, tip(builtin=True)).body == f"Hold 30 s. {LINK}"
