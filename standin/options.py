"""Turn `fake.slash(user, "run log", distance="10k")` into an APPLICATION_COMMAND `data` object.

Option types come from the command schema the bot synced (recorded by the fake), so a test fails
clearly when it uses an option the bot does not declare, a wrong type, or a value Discord's client
would not let a member send (not one of the choices, out of range, missing required option).
"""

from __future__ import annotations

from typing import Any

from .state import Attachment, Channel, Json, Member, Role, User

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11


class CommandUsageError(AssertionError):
    """The test asked for something a member could not do in Discord's client."""


def find_command(commands: list[Json], path: str) -> tuple[Json, list[Json], list[Json]]:
    """(top-level command, the subcommand/group chain, the leaf's option schemas) for "a b c"."""
    names = path.split()
    command = next((c for c in commands if c["name"] == names[0] and c.get("type", 1) == 1), None)
    if command is None:
        raise CommandUsageError(f"no slash command /{names[0]} synced here; have {[c['name'] for c in commands]}")
    chain: list[Json] = []
    schemas: list[Json] = command.get("options") or []
    for name in names[1:]:
        sub = next((o for o in schemas if o["name"] == name and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)), None)
        if sub is None:
            subs = [o["name"] for o in schemas if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise CommandUsageError(f"/{path}: no subcommand {name!r}; have {subs}")
        chain.append(sub)
        schemas = sub.get("options") or []
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schemas):
        subs = [o["name"] for o in schemas]
        raise CommandUsageError(f"/{path} needs a subcommand: {subs}")
    return command, chain, schemas


def build_data(command: Json, chain: list[Json], options: list[Json], resolved: Json) -> Json:
    for sub in reversed(chain):
        options = [{"type": sub["type"], "name": sub["name"], "options": options}]
    data: Json = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def convert_options(
    path: str,
    schemas: list[Json],
    values: dict[str, Any],
    *,
    base_url: str,
    permissions: int,
    focused: str | None = None,
) -> tuple[list[Json], Json]:
    """Option payloads (in schema order) and the `resolved` map for users/channels/roles/attachments."""
    by_name = {o["name"]: o for o in schemas}
    unknown = set(values) - set(by_name)
    if unknown:
        raise CommandUsageError(f"/{path} has no option(s) {sorted(unknown)}; options are {list(by_name)}")
    missing = [o["name"] for o in schemas if o.get("required") and o["name"] not in values and o["name"] != focused]
    if missing:
        raise CommandUsageError(f"/{path} requires option(s) {missing}")
    result: list[Json] = []
    resolved: Json = {}
    for schema in schemas:
        name = schema["name"]
        if name not in values:
            continue
        if name == focused:
            result.append({"type": schema["type"], "name": name, "value": str(values[name]), "focused": True})
            continue
        value = _convert(path, schema, values[name], resolved, base_url, permissions)
        result.append({"type": schema["type"], "name": name, "value": value})
    return result, resolved


def _convert(path: str, schema: Json, value: Any, resolved: Json, base_url: str, permissions: int) -> Any:
    kind, where = schema["type"], f"/{path} option {schema['name']!r}"
    if kind == STRING:
        if not isinstance(value, str):
            raise CommandUsageError(f"{where} is a string, got {value!r}")
        length = len(value)
        if length < schema.get("min_length", 0) or length > schema.get("max_length", 6000):
            raise CommandUsageError(f"{where}: length {length} outside the allowed range")
    elif kind in (INTEGER, NUMBER):
        ok = isinstance(value, int) if kind == INTEGER else isinstance(value, int | float)
        if not ok or isinstance(value, bool):
            raise CommandUsageError(f"{where} is {'an integer' if kind == INTEGER else 'a number'}, got {value!r}")
        low, high = schema.get("min_value"), schema.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise CommandUsageError(f"{where}: {value} outside [{low}, {high}]")
    elif kind == BOOLEAN:
        if not isinstance(value, bool):
            raise CommandUsageError(f"{where} is a boolean, got {value!r}")
    elif kind in (USER, MENTIONABLE) and isinstance(value, User | Member):
        user = value.user if isinstance(value, Member) else value
        resolved.setdefault("users", {})[str(user.id)] = user.payload()
        if isinstance(value, Member):
            member = value.payload(with_user=False, with_permissions=True)
            resolved.setdefault("members", {})[str(user.id)] = member
        return str(user.id)
    elif kind in (ROLE, MENTIONABLE) and isinstance(value, Role):
        resolved.setdefault("roles", {})[str(value.id)] = value.payload()
        return str(value.id)
    elif kind == CHANNEL and isinstance(value, Channel):
        types = schema.get("channel_types")
        if types and value.type not in types:
            raise CommandUsageError(f"{where} accepts channel types {types}, got {value.type}")
        resolved.setdefault("channels", {})[str(value.id)] = {
            **value.payload(),
            "permissions": str(permissions),
        }
        return str(value.id)
    elif kind == ATTACHMENT and isinstance(value, Attachment):
        resolved.setdefault("attachments", {})[str(value.id)] = value.payload(base_url)
        return str(value.id)
    else:
        raise CommandUsageError(f"{where} has type {kind}; cannot send {value!r}")
    choices = schema.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise CommandUsageError(f"{where} must be one of {[c['value'] for c in choices]}, got {value!r}")
    return value
