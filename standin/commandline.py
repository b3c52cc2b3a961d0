"""Read a slash command typed as in Discord's message box: `/run log distance:5k time:25:00 notes:"easy one"`.

The command path is the longest run of words that names a synced command (`run log`); each option is
`name:value`, a value with spaces in double quotes (`\\"` for a quote inside). Values stay text here:
`typed_value` turns one into what the option's type needs, the way Discord's client would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .options import BOOLEAN, CHANNEL, INTEGER, MENTIONABLE, NUMBER, ROLE, SUB_COMMAND, SUB_COMMAND_GROUP, USER
from .state import Guild, Json, World


class CommandLineError(ValueError):
    """What the person typed cannot be sent; the message says how to fix it."""


@dataclass(frozen=True)
class CommandLine:
    path: str  # "run log"
    values: dict[str, str] = field(default_factory=dict)  # option name -> the text typed
    # The option being typed at the end of the line (for completion), and what was typed of it so far.
    focused: str | None = None
    partial: str = ""


def command_paths(commands: list[Json]) -> dict[str, list[Json]]:
    """Every runnable command path ("run log", "help") -> its option schemas."""
    paths: dict[str, list[Json]] = {}

    def walk(prefix: str, options: list[Json]) -> None:
        subs = [o for o in options if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if not subs:
            paths[prefix] = options
        for sub in subs:
            walk(f"{prefix} {sub['name']}", sub.get("options") or [])

    for command in commands:
        if command.get("type", 1) == 1:
            walk(command["name"], command.get("options") or [])
    return paths


def split_words(text: str) -> list[str]:
    """Split on spaces outside double quotes; quotes group, `\\"` is a literal quote."""
    words: list[str] = []
    current: list[str] = []
    quoted = escaped = started = False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
            started = True
        elif ch.isspace() and not quoted:
            if started or current:
                words.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
    if quoted:
        raise CommandLineError('A quote is not closed: end the value with another `"`.')
    if started or current:
        words.append("".join(current))
    return words


def parse_command_line(text: str, paths: dict[str, list[Json]], *, completing: bool = False) -> CommandLine:
    """The command and its option values. With `completing`, an unfinished last word is not an error: it
    becomes the focused option (`distance:5`) or a partial path."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        raise CommandLineError("Commands start with `/`, e.g. `/run log distance:5k time:25:00`.")
    try:
        words = split_words(stripped[1:])
    except CommandLineError:
        if not completing:
            raise
        words = split_words(stripped[1:] + '"')
    path_words: list[str] = []
    for word in words:
        if ":" in word or " ".join([*path_words, word]) not in _prefixes(paths):
            break
        path_words.append(word)
    path = " ".join(path_words)
    if path not in paths:
        if completing:
            return CommandLine(path=path, partial=" ".join(words[len(path_words) :]))
        known = sorted({p.split()[0] for p in paths})
        raise CommandLineError(f"No command `/{' '.join(words[:2])}`. Try `/help`; commands: " + ", ".join(known))
    names = {o["name"] for o in paths[path]}
    values: dict[str, str] = {}
    rest = words[len(path_words) :]
    for index, word in enumerate(rest):
        name, colon, value = word.partition(":")
        last = index == len(rest) - 1
        if not colon:
            if completing and last:
                return CommandLine(path, values, None, word)
            raise CommandLineError(f"`{word}` is not an option: write options as `name:value`, e.g. `page:2`.")
        if name not in names:
            if completing and last:
                return CommandLine(path, values, None, word)
            raise CommandLineError(f"/{path} has no option `{name}`; its options: {', '.join(sorted(names))}.")
        values[name] = value
    if completing and rest and ":" in rest[-1] and not stripped.endswith((" ", '"')):
        name, _, value = rest[-1].partition(":")
        values.pop(name, None)
        return CommandLine(path, values, name, value)
    return CommandLine(path, values)


def _prefixes(paths: dict[str, list[Json]]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        words = path.split()
        out.update(" ".join(words[: i + 1]) for i in range(len(words)))
    return out


def typed_value(schema: Json, text: str, world: World, guild: Guild | None) -> Any:
    """The typed text as the option's type (Discord's client picks users and channels from lists)."""
    kind, name = schema["type"], schema["name"]
    if kind == INTEGER:
        try:
            return int(text)
        except ValueError:
            raise CommandLineError(f"`{name}` takes a whole number, e.g. `{name}:2`.") from None
    if kind == NUMBER:
        try:
            return float(text)
        except ValueError:
            raise CommandLineError(f"`{name}` takes a number, e.g. `{name}:1.5`.") from None
    if kind == BOOLEAN:
        lowered = text.lower()
        if lowered not in ("true", "false", "yes", "no"):
            raise CommandLineError(f"`{name}` is True or False, e.g. `{name}:True`.")
        return lowered in ("true", "yes")
    if kind in (USER, MENTIONABLE) and guild is not None:
        wanted = text.removeprefix("@").lower()
        for member in guild.members.values():
            if member.name.lower() == wanted:
                return member
        if kind == USER:
            raise CommandLineError(f"`{name}` takes a member of this server, e.g. `{name}:@alice`.")
    if kind in (ROLE, MENTIONABLE) and guild is not None:
        wanted = text.removeprefix("@").lower()
        for role in guild.roles:
            if role.name.lower() == wanted:
                return role
        raise CommandLineError(f"`{name}` takes a role of this server, e.g. `{name}:@Member`.")
    if kind == CHANNEL and guild is not None:
        wanted = text.removeprefix("#").lower()
        for channel in guild.channels:
            if channel.name.lower() == wanted:
                return channel
        raise CommandLineError(f"`{name}` takes a channel of this server, e.g. `{name}:#general`.")
    choices = schema.get("choices")
    if choices:
        for choice in choices:
            if text in (str(choice["value"]), choice["name"]):
                return choice["value"]
        allowed = ", ".join(str(c["value"]) for c in choices)
        raise CommandLineError(f"`{name}` is one of: {allowed}.")
    return text
