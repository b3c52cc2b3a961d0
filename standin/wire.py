"""What the stand-in's HTTP handlers share: the API prefix, Discord's JSON and error shapes, request bodies.

Its own module so the handlers (server.py, rest.py, oauth.py) depend on it rather than on one another.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from .state import Attachment, Json, World

API = "/api/v10"


def json_response(data: Any, status: int = 200) -> web.Response:
    """discord.py only parses bodies whose Content-Type is exactly "application/json" (no charset)."""
    return web.Response(body=json.dumps(data).encode(), status=status, content_type="application/json")


class DiscordError(Exception):
    """Raised by handlers; answered the way Discord does: {"message": ..., "code": ...}."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        body: Json | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {message}")
        self.status, self.headers = status, headers or {}
        self.body = body or {"message": message, "code": code}

    def response(self) -> web.Response:
        response = json_response(self.body, self.status)
        response.headers.update(self.headers)
        return response


async def read_body(request: web.Request, world: World) -> tuple[Json, list[Attachment]]:
    """JSON body, or multipart `payload_json` + `files[n]` parts (as discord.py sends them)."""
    if not request.content_type.startswith("multipart/"):
        raw = await request.read()
        return (json.loads(raw) if raw else {}), []
    params: Json = {}
    files: list[Attachment] = []
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        data = await part.read()
        if part.name == "payload_json":
            params = json.loads(data)
        elif part.name and part.name.startswith("files["):
            content_type = part.headers.get("Content-Type")
            files.append(world.add_blob(part.filename or "file", bytes(data), content_type))
    return params, files
