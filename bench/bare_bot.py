"""The bot with `/run log`'s insight work switched off: the "bare command" the stats benchmark compares
`/run log` against. `python -m bench.bare_bot` takes the same environment as `python -m bot`."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime

from bot.__main__ import main
from bot.db import runs as runs_db
from bot.db.members import get_profile
from bot.db.store import Store
from bot.running.models import Run
from bot.running.services import runs as service


async def bare_log_run(
    db: Store, guild_id: int, user_id: int, form: service.RunForm, now: datetime
) -> service.LogResult:
    """log_run without reading history, insights or records: parse, check, insert, answer."""
    profile = await get_profile(db, guild_id, user_id)
    today = service.member_today(profile, now)
    run = service._apply_form(Run(id=0, run_date=today, distance_m=1.0, duration_s=1), form, profile, today)
    async with db.transaction() as tx:
        run = replace(run, id=await runs_db.insert_run(tx, guild_id, user_id, run))
    return service.LogResult(run=run, profile=profile)


if __name__ == "__main__":
    service.log_run = bare_log_run  # the /run cog calls service.log_run at each command
    sys.exit(main([]))
