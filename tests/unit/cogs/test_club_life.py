"""After a run, club life queues the congratulations owed when the member takes part in a challenge: the run's
own read answers that from the database, so a member who joined through another process is congratulated
by this one (two stores on one database stand for two processes, each with its club cog)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from bot.club import posts
from bot.club.services import challenges as service
from bot.club.services.challenges import ChallengeForm
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from bot.running.services import runs
from bot.running.services.runs import RunForm
from cogs.club import ClubLife
from tests.postgres import on_postgres

GUILD, ADMIN, ANA, BEN = 1, 10, 42, 43


async def another_process(db: Store) -> Store:
    """A second store on the same database, opened before anything below happens (as a running bot is)."""
    inner: Any = db.db
    return await open_postgres(inner.url, size=2) if on_postgres() else await open_sqlite(inner.path)


async def test_a_member_who_joined_through_another_process_is_congratulated_here(db: Store) -> None:
    here = await another_process(db)
    try:
        life = ClubLife(SimpleNamespace(store=here))  # type: ignore[arg-type]
        now = datetime.now(UTC)
        today = now.date()
        form = ChallengeForm("Ten", "distance", "10k", (today - timedelta(days=3)).isoformat(),
                             (today + timedelta(days=10)).isoformat())  # fmt: skip
        challenge = await service.create(db, GUILD, ADMIN, 555, form, now)
        await service.join(db, GUILD, ANA, challenge, now)  # in the other process

        logged = await runs.log_run(here, GUILD, ANA, RunForm("10k", "50:00"), now)
        assert logged.in_challenge
        await life.runs_changed(GUILD, ANA, logged.in_challenge)
        rows = await db.fetchall("SELECT post_key FROM scheduled_posts WHERE kind = ?", (posts.CONGRATS,))
        assert [row[0] for row in rows] == [f"{challenge.id}:{ANA}"]

        outside = await runs.log_run(here, GUILD, BEN, RunForm("10k", "50:00"), now)
        assert not outside.in_challenge  # the same read: no congratulation to look for after the reply
    finally:
        await here.close()
