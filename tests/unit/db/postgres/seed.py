"""A realistic club in a SQLite database, written through the bot's own code (services and db modules)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.advice.models import TipFields
from bot.advice.services import admin
from bot.advice.services.builtins import sync_library
from bot.club.feed import FeedItem
from bot.club.services import challenges, events, races
from bot.club.services import digest as club_digest
from bot.club.services import feed as club_feed
from bot.db import club_settings, copy
from bot.db import outbox as db_outbox
from bot.db import reminders as db_rem
from bot.db import tips as tips_db
from bot.db.factory import open_sqlite
from bot.db.members import set_notice, update_profile
from bot.db.store import Store
from bot.importing import read_upload
from bot.reminders.outbox import queue_post
from bot.reminders.services.reminders import ReminderService
from bot.running.services.imports import import_single_file, plan_import
from bot.running.services.runs import RunForm, delete_run, log_run
from bot.running.services.shoes import add_shoe, retire_shoe
from tests.unit.importing.samples import ten_miler_gpx

# Real snowflakes are over 2**53: they must survive both engines exactly.
CLUB, OTHER = 1_180_000_000_000_000_001, 1_190_000_000_000_000_002
ALICE, BOB, CARA = 900_000_000_000_000_011, 900_000_000_000_000_022, 900_000_000_000_000_033
NOW = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)


async def seed(path: Path) -> None:
    db = await open_sqlite(path)
    await db.migrate()
    try:
        await sync_library(db)
        async with db.transaction() as tx:
            await update_profile(tx, CLUB, ALICE, units="mi", timezone="Europe/Berlin", goal_race="Berlin Marathon")
            await update_profile(tx, CLUB, BOB, leaderboard=0, weekly_goal_m=30_000.0)
            await set_notice(tx, CLUB, CARA, "Your DM reminder was paused: Discord refused it three times.")
        await add_shoe(db, CLUB, ALICE, "Pegasus 40", None)
        await add_shoe(db, CLUB, ALICE, "Old trail shoes", "600")
        await retire_shoe(db, CLUB, ALICE, "Old trail shoes")
        await add_shoe(db, OTHER, BOB, "Clifton 9", "700km")
        runs = [
            (CLUB, ALICE, RunForm("13.1mi", "1:52:07", "2026-11-22", "race", 9, None, "Pegasus 40", "PB! 🎉")),
            (CLUB, ALICE, RunForm("5k", "24:10", "2026-11-20", "tempo", 7, "left knee ache")),
            (CLUB, ALICE, RunForm("8", "1:05:00", "2026-11-18", "easy", None, None, "Pegasus 40", "with @everyone")),
            (CLUB, BOB, RunForm("10k", "48:30", "2026-11-21", "long", 6, "lower back spasms at 17 mi")),
            (CLUB, CARA, RunForm("3.3k", "20:00", "2026-11-24", "recovery")),
            (OTHER, BOB, RunForm("marathon", "3:59:59", "2026-11-01", "race", 10, None, "Clifton 9")),
        ]
        ids = [(await log_run(db, guild, user, form, NOW)).run.id for guild, user, form in runs]
        await delete_run(db, CLUB, CARA, ids[4])  # a gap in the ids, as a real database has
        await log_run(db, CLUB, CARA, RunForm("4k", "25:00", "2026-11-25"), NOW)
        # An imported GPS run: the import columns and its best efforts.
        gpx = ten_miler_gpx(datetime(2026, 11, 15, 8, tzinfo=UTC)).encode()
        plan = await plan_import(db, CLUB, BOB, "ten.gpx", read_upload("ten.gpx", gpx))
        await import_single_file(db, CLUB, BOB, plan)

        form = challenges.ChallengeForm("November 100k", "distance", "100k", "2026-11-01", "2026-12-31")
        challenge = await challenges.create(db, CLUB, ALICE, 55, form, NOW)
        await challenges.join(db, CLUB, ALICE, challenge, NOW)
        group_run = await events.create(db, CLUB, BOB, 55, events.EventForm("Sunday long run", "sun 08:00"), NOW)
        await events.answer(db, CLUB, ALICE, group_run.event.id, "going", NOW)
        await races.add(db, CLUB, ALICE, "Valencia Marathon", "2026-12-06", "marathon", "3:15:00", True, NOW)
        await club_digest.set_feed(db, CLUB, ALICE, 77)
        async with db.transaction() as tx:
            await club_settings.set_feed_member(tx, CLUB, ALICE, True)
        async with db.transaction(CLUB, ALICE) as tx:  # the feed's post of her half marathon, as /run log queues it
            item = FeedItem(ids[0], 21097.5, 6727, "race")
            assert await club_feed.queue_feed_post(tx, CLUB, ALICE, NOW.date(), NOW, item)
        await club_settings.give_kudos(db, CLUB, ids[0], BOB)

        own = await admin.add_tip(
            db, CLUB, ALICE, TipFields("back", "general", "Hill reps for a strong back", "Drive with your arms.",
                                       "Club coach", ("back", "hills")),
        )  # fmt: skip
        gone = await admin.add_tip(
            db, CLUB, ALICE, TipFields("shoes", "general", "Rotate two pairs", "Alternate shoes.", None, ())
        )
        await admin.edit_tip(db, CLUB, ALICE, own, body="Drive with your arms; keep the core braced on climbs.")
        await admin.set_removed(db, CLUB, ALICE, gone, True)
        sleep = TipFields("sleep", "general", "Sleep 8 hours", "Recovery happens.", None, ())
        await admin.add_tip(db, OTHER, BOB, sleep)
        builtin = (await db.fetchone("SELECT id FROM tips WHERE guild_id IS NULL ORDER BY id LIMIT 1"))["id"]
        await admin.set_hidden(db, CLUB, ALICE, builtin, True)
        await tips_db.vote(db, CLUB, ALICE, own, 1)
        await tips_db.vote(db, CLUB, BOB, own, -1)
        await tips_db.vote(db, OTHER, BOB, builtin, 1)

        service = ReminderService(db, clock=lambda: NOW)
        stretch = await service.set(CLUB, ALICE, kind="stretch", time="07:30", days="weekdays")
        await service.set(CLUB, BOB, kind="custom", time="7:30pm", where="channel", channel_id=55, message="Core!")
        paused = await service.set(OTHER, BOB, kind="core", time="06:00")
        await service.pause(OTHER, BOB, paused.id)
        sent, club_sent = datetime(2026, 11, 24, 6, 30, tzinfo=UTC), datetime(2026, 11, 24, 6, 45, tzinfo=UTC)
        async with db.transaction() as tx:  # as the dispatcher records what it sent
            await db_rem.record_sent(tx, [(CLUB, stretch.id, sent), (CLUB, db_rem.SERVER_PING, club_sent)])
        await service.done(ALICE, stretch.id, sent)
        await service.set_server(CLUB, ALICE, channel_id=77, time="06:45", timezone="Europe/London", role_id=88)
        await service.server_done(CLUB, BOB, club_sent)
        async with db.transaction() as tx:
            await db_rem.learn_dm_channels(tx, [(stretch.id, 4242)])
        async with db.transaction() as tx:  # a scheduled post half sent (one of its two DMs recorded)
            due = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
            await queue_post(tx, guild_id=CLUB, kind="digest", key="2026-W48", due=due, payload={"to": [ALICE, BOB]})
            post = await tx.fetchone("SELECT id FROM scheduled_posts")
            await db_outbox.record(tx, [(post["id"], f"u{ALICE}#0", "sent", NOW, 987654321)])
    finally:
        await db.close()


async def dump(db: Store) -> dict[str, list[tuple]]:
    """Every row of every copied table (derived columns aside), in a stable order."""
    found = {}
    for table in copy.TABLES:
        columns = [row[1] for row in await db.fetchall(f"PRAGMA table_info({table})")]
        columns = [c for c in columns if c not in copy.DERIVED_COLUMNS.get(table, set())]
        rows = await db.fetchall(f"SELECT {', '.join(columns)} FROM {table}")
        found[table] = sorted(tuple(r) for r in rows)
    return found
