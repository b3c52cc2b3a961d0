"""Club life's scheduled posts, sent by the reminder dispatcher through the outbox (bot.reminders.outbox):
a challenge's congratulations and results, a group run's DM an hour before, its cancellation, a weekly
series' next card, the weekly digest, and a member's run in the feed.

Queuing happens inside the transaction of the change that calls for the post, keyed so that queuing twice
changes nothing; each renderer reads fresh state when the post is due. Keys end in ':' or a suffix after
one, so cancelling by the prefix "12:" never touches challenge or event 120.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

from bot.club.cards import GOLD, Card
from bot.club.challenges import Board
from bot.club.digest import digest_card, next_instant
from bot.club.events import Event, event_card
from bot.club.feed import feed_card, from_payload
from bot.club.goals import format_value, fraction
from bot.club.services.digest_reads import build
from bot.club.services.zone import server_zone
from bot.db import challenges as challenges_db
from bot.db import club_settings
from bot.db import events as events_db
from bot.db.engine import Database, Tx
from bot.db.members import get_profile
from bot.db.store import Store
from bot.reminders.messages import Button, Field, Outgoing
from bot.reminders.outbox import FollowUp, Post, PostKind, Rendered, cancel_posts, channel_message, queue_post
from bot.running.units import format_distance, format_pace
from bot.text import no_links

log = logging.getLogger(__name__)

CONGRATS = "challenge.congrats"
RESULTS = "challenge.results"
EVENT_DM = "event.reminder"
EVENT_CANCELLED = "event.cancelled"
EVENT_NEXT = "event.next"
MEDALS = ("🥇", "🥈", "🥉")
RESULTS_TOP = 10


def message(card: Card, *, channel_id: int | None = None, dm_user_id: int | None = None) -> Outgoing:
    """A card as the dispatcher sends it (no pings: Outgoing mentions nobody unless told)."""
    return Outgoing(
        content=card.content,
        title=card.title[:256],
        body=card.description[:4000] or None,
        footer=card.footer,
        buttons=tuple(Button(b.label, b.custom_id, b.style) for b in card.buttons if not b.disabled),
        fields=tuple(Field(name[:256], value[:1024], inline) for name, value, inline in card.fields),
        colour=card.colour,
        channel_id=channel_id,
        dm_user_id=dm_user_id,
    )


# ---- challenges ------------------------------------------------------------------------------------------


async def schedule_results(tx: Tx, guild_id: int, challenge_id: int, ends_at: datetime) -> None:
    await queue_post(tx, guild_id=guild_id, kind=RESULTS, key=f"{challenge_id}:auto", due=ends_at,
                     payload={"challenge_id": challenge_id})  # fmt: skip


async def results_now(tx: Tx, guild_id: int, challenge_id: int, now: datetime) -> None:
    """A manager ended it early: the results go out now instead of at the end date."""
    await cancel_posts(tx, guild_id=guild_id, kind=RESULTS, key_prefix=f"{challenge_id}:auto")
    await queue_post(tx, guild_id=guild_id, kind=RESULTS, key=f"{challenge_id}:end", due=now,
                     payload={"challenge_id": challenge_id})  # fmt: skip


async def challenge_deleted(tx: Tx, guild_id: int, challenge_id: int) -> None:
    for kind in (RESULTS, CONGRATS):
        await cancel_posts(tx, guild_id=guild_id, kind=kind, key_prefix=f"{challenge_id}:")


async def settle_congratulations(db: Database, guild_id: int | None, now: datetime) -> int:
    """Queue the congratulations the runs triggers marked as owed (a goal reached), each once: the mark is
    taken in the same transaction as the queuing. Run after a participant's runs change, and at start-up
    (a run committed just before a crash)."""
    queued = 0
    for kind, challenge_id, user_id in await challenges_db.owed(db, guild_id):
        row = await db.fetchone("SELECT guild_id FROM challenges WHERE id = ?", (challenge_id,))
        if row is None:
            continue
        async with db.transaction(row[0], 0) as tx:
            if not await challenges_db.mark_congratulated(tx, kind, challenge_id, user_id):
                continue  # another process took it
            queued += await queue_post(
                tx,
                guild_id=row[0],
                kind=CONGRATS,
                key=f"{challenge_id}:{user_id}",
                due=now,
                payload={"challenge_id": challenge_id, "user_id": user_id},
            )
    return queued


class ChallengeCongrats:
    grace = None  # late is better than never

    async def render(self, db: Store, post: Post) -> Rendered:
        challenge = await challenges_db.get(db, post.guild_id, int(post.payload["challenge_id"]))
        if challenge is None:
            return Rendered([])
        goal = format_value(challenge.metric, challenge.goal, challenge.units)
        user_id = int(post.payload.get("user_id") or 0)
        if user_id:
            text = f"🎉 <@{user_id}> reached the goal of **{goal}** in **{challenge.name}**! Well run."
        else:
            text = f"🎉 The club reached **{goal}** together in **{challenge.name}**! Thank you, everyone."
        return Rendered([Outgoing(content=text, channel_id=challenge.channel_id)])


def results_card(board: Board) -> Card:
    c = board.challenge
    goal = format_value(c.metric, c.goal, c.units)
    fields: tuple[tuple[str, str, bool], ...]  # (name, value, inline)
    if c.mode == "club":
        share = fraction(c.total, c.goal)
        verdict = "✅ Goal reached!" if share >= 1 else "Not quite this time."
        lines = [f"Together: **{format_value(c.metric, c.total, c.units)}** of {goal} ({share:.0%}). {verdict}"]
        top = [f"{MEDALS[i] if i < 3 else f'{i + 1}.'} <@{s.user_id}> — {format_value(c.metric, s.value, c.units)}"
               for i, s in enumerate(board.leaders)]  # fmt: skip
        fields = (("Top contributors", "\n".join(top) or "Nobody took part.", False),)
    else:
        lines = [f"**{board.finishers} of {board.participants}** reached {goal}."]
        podium = [f"{MEDALS[i]} <@{s.user_id}> — {format_value(c.metric, s.value, c.units)}"
                  for i, s in enumerate(board.leaders[:3])]  # fmt: skip
        finishers = [f"<@{s.user_id}>" for s in board.leaders if s.done(c.goal)]
        fields = (
            ("Podium", "\n".join(podium) or "Nobody took part.", False),
            ("Finishers", " ".join(finishers)[:1024] or "None this time.", False),
        )
    return Card(f"🏁 Results: {c.name}", "\n".join(lines), fields, footer="Final results", colour=GOLD)


class ChallengeResults:
    grace = None

    async def render(self, db: Store, post: Post) -> Rendered:
        challenge = await challenges_db.get(db, post.guild_id, int(post.payload["challenge_id"]))
        if challenge is None:
            return Rendered([])
        leaders, participants, finishers, _ = await challenges_db.board(db, challenge, None, RESULTS_TOP)
        board = Board(challenge, leaders, participants, finishers)
        return Rendered([message(results_card(board), channel_id=challenge.channel_id)])


# ---- group runs ------------------------------------------------------------------------------------------


async def schedule_event(tx: Tx, event: Event, now: datetime) -> None:
    """The DM an hour before (now, when that is already past) and, for a weekly event, its next card."""
    due = max(event.starts_at - timedelta(hours=1), now)
    await queue_post(tx, guild_id=event.guild_id, kind=EVENT_DM, key=f"{event.id}:", due=due,
                     payload={"event_id": event.id})  # fmt: skip
    if event.series_id is not None:
        await queue_post(tx, guild_id=event.guild_id, kind=EVENT_NEXT, key=f"{event.series_id}:{event.unix}",
                         due=event.starts_at, payload={"event_id": event.id})  # fmt: skip


async def remind_late(tx: Tx, event: Event, user_id: int, now: datetime) -> bool:
    """A member's own DM, now: they answered Going after the moment the reminder for everyone went out."""
    return await queue_post(tx, guild_id=event.guild_id, kind=EVENT_DM, key=f"{event.id}:{user_id}", due=now,
                            payload={"event_id": event.id, "user_id": user_id})  # fmt: skip


async def event_cancelled(tx: Tx, event: Event, now: datetime, *, whole_series: bool) -> None:
    await cancel_posts(tx, guild_id=event.guild_id, kind=EVENT_DM, key_prefix=f"{event.id}:")
    if whole_series and event.series_id is not None:
        await cancel_posts(tx, guild_id=event.guild_id, kind=EVENT_NEXT, key_prefix=f"{event.series_id}:")
    await queue_post(tx, guild_id=event.guild_id, kind=EVENT_CANCELLED, key=f"{event.id}:", due=now,
                     payload={"event_id": event.id})  # fmt: skip


def _details(event: Event) -> str:
    parts = [f"<t:{event.unix}:F> (<t:{event.unix}:R>)"]
    if event.place:
        parts.append(f"at {no_links(event.place)}")
    if event.distance_m:
        parts.append(format_distance(event.distance_m, "km"))
    if event.pace_s_per_km:
        parts.append(f"at {format_pace(1000.0, event.pace_s_per_km, 'km')}")
    return ", ".join(parts)


class EventReminder:
    """The DM before a group run: the one an hour before, to every member then Going, and a member's own when
    they answer Going after that (payload `user_id`). Each member is taken by one of them, once
    (bot.db.events.remind_all / take_own_reminder), so nobody gets two."""

    grace = timedelta(hours=1)  # a reminder after the start is no use

    async def render(self, db: Store, post: Post) -> Rendered:
        event = await events_db.get(db, post.guild_id, int(post.payload["event_id"]))
        if event is None or event.cancelled:
            return Rendered([])
        member = post.payload.get("user_id")
        if member is not None:
            going = [int(member)] if await events_db.owes_own_reminder(db, event.id, int(member)) else []
        else:
            async with db.transaction(event.guild_id, 0) as tx:
                going = await events_db.remind_all(tx, event.id)
        text = f"⏰ **{no_links(event.title)}** starts in about an hour: {_details(event)}."
        if event.details:
            text += f"\n{no_links(event.details)}"
        text += f"\nYou said you're going (group run #{event.id}). See you there!"
        return Rendered([Outgoing(content=text[:2000], dm_user_id=user) for user in going])


class EventCancelled:
    grace = None

    async def render(self, db: Store, post: Post) -> Rendered:
        event = await events_db.get(db, post.guild_id, int(post.payload["event_id"]))
        if event is None:
            return Rendered([])
        going = await events_db.going_ids(db, event.id)
        text = f"❌ **{no_links(event.title)}** ({_details(event)}) is cancelled. You had said you're going."
        return Rendered([Outgoing(content=text[:2000], dm_user_id=user) for user in going])


class EventNext:
    """When an occurrence of a weekly event starts, the next one is made (once) and its card posted.
    `on_card` (the Discord side: its matching scheduled event) is called with the new occurrence once its
    card is out and the post settled, after that transaction commits; it must not block."""

    grace = None

    def __init__(self, on_card: Callable[[Event], None] | None = None) -> None:
        self.on_card = on_card

    async def render(self, db: Store, post: Post) -> Rendered:
        event = await events_db.get(db, post.guild_id, int(post.payload["event_id"]))
        if event is None or event.series_id is None:
            return Rendered([])
        now = datetime.now(event.starts_at.tzinfo)
        async with db.transaction(event.guild_id, 0) as tx:
            following = await events_db.next_occurrence(tx, event, event.next_start(), now)
        if following.cancelled:
            return Rendered([])
        card = event_card(following, [])
        follow_ups: list[FollowUp] = [
            (EVENT_DM, f"{following.id}:", following.starts_at - timedelta(hours=1), {"event_id": following.id}),
            (EVENT_NEXT, f"{following.series_id}:{following.unix}", following.starts_at, {"event_id": following.id}),
        ]
        return Rendered([message(card, channel_id=following.channel_id)], follow_ups)

    async def settled(self, tx: Tx, post: Post, sent: dict[str, int]) -> None:
        """The card's message id, so cancelling the occurrence before anyone answers still edits its card."""
        event = await events_db.get(tx, post.guild_id, int(post.payload["event_id"]))
        if event is None or event.series_id is None:
            return
        following = await events_db.occurrence(tx, event.series_id, event.next_start())
        card_id = sent.get(channel_message(following.channel_id)) if following is not None else None
        if following is None or card_id is None:
            return
        await events_db.card_posted(tx, following.id, card_id)
        if self.on_card is not None and following.discord_event_id is None and not following.cancelled:
            tx.after_commit(partial(self.on_card, replace(following, message_id=card_id)))


# ---- the weekly digest -----------------------------------------------------------------------------------

DIGEST = "digest"


async def schedule_digest(tx: Tx, guild_id: int, due: datetime, *, replace: bool = False) -> None:
    if replace:
        await cancel_digest(tx, guild_id)
    await queue_post(tx, guild_id=guild_id, kind=DIGEST, key=f"w{int(due.timestamp())}", due=due, payload={})


async def cancel_digest(tx: Tx, guild_id: int) -> None:
    await cancel_posts(tx, guild_id=guild_id, kind=DIGEST, key_prefix="w")


class WeeklyDigest:
    grace = timedelta(hours=12)  # a digest half a day late still reads well; older ones are skipped

    async def render(self, db: Store, post: Post) -> Rendered:
        settings = await club_settings.settings(db, post.guild_id)
        if settings.digest_channel_id is None or settings.digest_day is None or settings.digest_time is None:
            return Rendered([])
        zone = await server_zone(db, post.guild_id)
        built = await build(db, post.guild_id, post.due, zone)
        following = next_instant(settings.digest_day, settings.digest_time, zone, post.due + timedelta(minutes=1))
        return Rendered(
            [message(digest_card(built), channel_id=settings.digest_channel_id)],
            [(DIGEST, f"w{int(following.timestamp())}", following, {})],
        )


# ---- the feed ---------------------------------------------------------------------------------------

FEED = "feed.run"  # queued in the transaction of the member's new run (bot.club.services.feed)


class FeedRun:
    """A member's run (or an import's summary) in the feed, with its Kudos button: nothing when the server
    turned the feed off, the member left it, or `/me forget` erased the post since it was queued."""

    grace = None  # a run's post late is better than a run missing from the feed

    async def render(self, db: Store, post: Post) -> Rendered:
        user_id, item = from_payload(post.payload)
        channel_id = await club_settings.feed_post_channel(db, post.guild_id, user_id, item.run_id)
        if channel_id is None:
            return Rendered([])
        units = (await get_profile(db, post.guild_id, user_id)).units
        return Rendered([message(feed_card(item, user_id, 0, units), channel_id=channel_id)])

    async def settled(self, tx: Tx, post: Post, sent: dict[str, int]) -> None:
        """The message's id beside the run's feed entry."""
        for message_id in sent.values():
            await club_settings.feed_posted(tx, post.guild_id, int(post.payload["run_id"]), message_id)


def kinds() -> dict[str, PostKind]:
    """The challenges', the digest's and the feed's post kinds and their renderers, for
    `Dispatcher.register_post_kind` (the group runs' are `event_kinds`)."""
    return {
        CONGRATS: ChallengeCongrats(),
        RESULTS: ChallengeResults(),
        DIGEST: WeeklyDigest(),
        FEED: FeedRun(),
    }


def event_kinds(on_next_card: Callable[[Event], None] | None = None) -> dict[str, PostKind]:
    """The group runs' post kinds; `on_next_card` as `EventNext.on_card`."""
    return {
        EVENT_DM: EventReminder(),
        EVENT_CANCELLED: EventCancelled(),
        EVENT_NEXT: EventNext(on_next_card),
    }
