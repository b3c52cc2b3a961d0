"""One member's commands at the same time keep their rules on both engines: SQLite runs one transaction at a
time; PostgreSQL serialises transactions scoped to the member (advisory locks), other members' run beside."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from bot.db.run_storage_base import record_windows
from bot.db.store import Store
from bot.errors import UserError
from bot.running.models import Run
from bot.running.services import shoes

GUILD, ME, OTHER = 1, 42, 43


async def outcomes(db: Store, *commands) -> list[object]:
    """The commands' results (or exceptions), run at once on a pool with its connections already open."""
    await asyncio.gather(*(db.fetchone("SELECT 1") for _ in range(4)))
    return await asyncio.gather(*commands, return_exceptions=True)


async def test_the_active_shoe_limit_holds_when_adds_race(db: Store) -> None:
    extra = 5
    results = await outcomes(
        db,
        *(shoes.add_shoe(db, GUILD, ME, f"Shoe {n}", None) for n in range(shoes.MAX_ACTIVE_SHOES + extra)),
        shoes.add_shoe(db, GUILD, OTHER, "Shoe 0", None),  # another member's limit is their own
    )
    refused = [r for r in results if isinstance(r, UserError)]
    assert len(refused) == extra and all("active shoes" in str(r) for r in refused)
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, UserError)]
    assert len(await shoes.list_shoes(db, GUILD, ME, active_only=True)) == shoes.MAX_ACTIVE_SHOES
    assert len(await shoes.list_shoes(db, GUILD, OTHER)) == 1


async def test_one_name_added_twice_at_once_is_one_shoe(db: Store) -> None:
    results = await outcomes(
        db, *(shoes.add_shoe(db, GUILD, ME, name, None) for name in ("Pegasus", "PEGASUS", "pegasus"))
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 2 and all(isinstance(r, UserError) and "already have" in str(r) for r in refused)
    assert [s.name for s in await shoes.list_shoes(db, GUILD, ME)] in (["Pegasus"], ["PEGASUS"], ["pegasus"])


async def test_retiring_twice_at_once_retires_once(db: Store) -> None:
    await shoes.add_shoe(db, GUILD, ME, "Pegasus", None)
    results = await outcomes(
        db, shoes.retire_shoe(db, GUILD, ME, "pegasus"), shoes.retire_shoe(db, GUILD, ME, "Pegasus")
    )
    assert sum(isinstance(r, UserError) and "already retired" in str(r) for r in results) == 1


async def test_two_processes_preparing_the_record_distances_at_once(db: Store) -> None:
    """Two storages on one database (as two shards at start-up) rebuild the changed distances once, cleanly."""
    await db.runs.prepare()
    async with db.transaction() as tx:
        await tx.execute("UPDATE record_distances SET max_m = max_m + 1")  # as an older rule left it
    await outcomes(db)
    await asyncio.gather(db.driver.run_storage(db).prepare(), db.driver.run_storage(db).prepare())
    rows = await db.fetchall("SELECT label, distance_m, min_m, max_m FROM record_distances")
    assert sorted(tuple(r) for r in rows) == sorted(record_windows())


async def test_an_edit_and_a_delete_of_one_run_at_once(db: Store) -> None:
    storage = db.runs
    logged = [await storage.log_run(GUILD, ME, Run(0, date(2026, 11, 2 + n), 5000, 1500), None) for n in range(3)]
    target = logged[0].run.id
    results = await outcomes(
        db,
        storage.edit_run(GUILD, ME, target, lambda run: replace(run, duration_s=1400), None),
        storage.delete_run(GUILD, ME, target),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert await storage.get_run(GUILD, ME, target) is None
    records = await storage.member_records(GUILD, ME)
    assert [r.run_id for r in records if not r.inside_run] == [logged[1].run.id]
