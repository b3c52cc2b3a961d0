"""The command tree's checks and error mapping, without Discord."""

from __future__ import annotations

from types import SimpleNamespace

import discord
from discord import app_commands

from bot.client import REPLACES_PROGRESS, RESTARTING, StrideTree, explain, send_ephemeral
from bot.errors import NotFound, UserError
from bot.wording import APOLOGY


class Response:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def is_done(self) -> bool:
        return False

    async def send_message(self, content: str, **_: object) -> None:
        self.sent.append(content)

    async def autocomplete(self, choices: list[object]) -> None:
        self.sent.append(f"choices {choices}")


def interaction(kind: discord.InteractionType, guild_id: int | None, draining: bool = False) -> SimpleNamespace:
    client = SimpleNamespace(draining=draining)
    return SimpleNamespace(type=kind, guild_id=guild_id, extras={}, response=Response(), client=client)


async def test_while_stopping_commands_are_told_to_retry_and_autocomplete_gets_no_choices() -> None:
    command = interaction(discord.InteractionType.application_command, 5, draining=True)
    assert not await StrideTree.interaction_check(None, command)  # type: ignore[arg-type]
    assert command.response.sent == [RESTARTING]
    typing = interaction(discord.InteractionType.autocomplete, 5, draining=True)
    assert not await StrideTree.interaction_check(None, typing)  # type: ignore[arg-type]
    assert typing.response.sent == ["choices []"]  # an answer all the same: not "loading options failed"


async def test_outside_a_server_commands_are_refused_with_a_message_but_autocomplete_silently() -> None:
    command = interaction(discord.InteractionType.application_command, None)
    assert not await StrideTree.interaction_check(None, command)  # type: ignore[arg-type]
    assert command.response.sent == ["Stride works inside a server: use its commands there."]
    typing = interaction(discord.InteractionType.autocomplete, None)
    assert not await StrideTree.interaction_check(None, typing)  # type: ignore[arg-type]
    assert typing.response.sent == []  # an autocomplete can only be answered with choices
    inside = interaction(discord.InteractionType.autocomplete, 5)
    assert await StrideTree.interaction_check(None, inside)  # type: ignore[arg-type]


def test_explain_maps_each_kind_of_failure_once() -> None:
    assert explain(UserError("No such shoe.", "shoe")) == ("refused", "No such shoe.")
    assert explain(NotFound("Run #3 not found.")) == ("refused", "Run #3 not found.")
    assert explain(app_commands.MissingPermissions(["manage_guild"]))[0] == "forbidden"
    assert explain(app_commands.CheckFailure()) == ("forbidden", "You can't use this command here.")
    assert explain(RuntimeError("boom")) == ("error", APOLOGY)


async def test_an_error_replaces_a_progress_line_instead_of_following_it() -> None:
    edits: list[dict[str, object]] = []

    async def edit_original_response(**fields: object) -> None:
        edits.append(fields)

    command = interaction(discord.InteractionType.application_command, 5)
    command.extras[REPLACES_PROGRESS] = True
    command.edit_original_response = edit_original_response
    await send_ephemeral(command, "`a.gpx`: the file is empty.")  # type: ignore[arg-type]
    assert edits == [{"content": "`a.gpx`: the file is empty.", "embed": None, "view": None}]
    assert command.response.sent == []
