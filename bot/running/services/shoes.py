"""Shoe use cases: add with a retirement distance, list with wear, retire."""

from __future__ import annotations

from bot.db import shoes as shoes_db
from bot.db.members import get_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError
from bot.running.models import Shoe
from bot.running.parsing import check_text, parse_distance
from bot.running.units import METRES_PER_MILE

SHOE_NAME_MAX = 60
DEFAULT_RETIRE_M = {"km": 800_000.0, "mi": 500 * METRES_PER_MILE}
MAX_ACTIVE_SHOES = 25  # Discord autocomplete shows at most 25 choices


def wear_fraction(shoe: Shoe) -> float:
    return shoe.distance_m / shoe.retire_at_m if shoe.retire_at_m else 0.0


async def list_shoes(db: Store, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]:
    """The member's shoes with the distance run in each, active ones first."""
    return await db.runs.shoes(guild_id, user_id, active_only=active_only)


async def add_shoe(db: Store, guild_id: int, user_id: int, name: str, retire_at: str | None) -> Shoe:
    clean = check_text("name", name, SHOE_NAME_MAX)
    if clean is None:
        raise UserError("Give the shoe a name, e.g. `Pegasus 40`.", "name")
    profile = await get_profile(db, guild_id, user_id)
    retire_m = (
        parse_distance(retire_at, profile.units, min_m=50_000, max_m=5_000_000, field="retire_at")
        if retire_at
        else DEFAULT_RETIRE_M[profile.units]
    )
    async with db.transaction(guild_id, user_id) as tx:
        active = await shoes_db.list_shoes(tx, guild_id, user_id, active_only=True)
        if len(active) >= MAX_ACTIVE_SHOES:
            raise UserError(f"You have {MAX_ACTIVE_SHOES} active shoes; retire one with `/shoes retire` first.", "name")
        shoe_id = await shoes_db.add_shoe(tx, guild_id, user_id, clean, retire_m)
        if shoe_id is None:
            raise UserError(f"You already have a shoe called `{clean}`. Pick another name.", "name")
    return Shoe(id=shoe_id, name=clean, retire_at_m=retire_m, distance_m=0.0, retired=False)


async def retire_shoe(db: Store, guild_id: int, user_id: int, name: str) -> Shoe:
    async with db.transaction(guild_id, user_id) as tx:
        shoe = await shoes_db.find_shoe(tx, guild_id, user_id, name.strip())
        if shoe is None:
            raise NotFound(f"You have no shoe called `{name.strip()[:60]}`. `/shoes list` shows yours.")
        if shoe.retired:
            raise UserError(f"`{shoe.name}` is already retired.", "name")
        await shoes_db.retire_shoe(tx, guild_id, user_id, shoe.id)
    return shoe
