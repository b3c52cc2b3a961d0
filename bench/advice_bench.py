"""Advice search latency: 5,000 tips in one server, and 1,000 servers x 200 tips (200,000 tips).

    python -m bench.advice_bench [--servers 1000] [--per-server 200] [--big 5000] [--searches 2000]
    python -m bench.advice_bench --breakdown   # only the in-process /advice breakdown (seconds)

Server tips are realistic text: sentences of the built-in library recombined. Questions mix the
ordinary questions and red-flag phrasings people send, so triage is timed too.

The breakdown times each piece of one `/advice` answer in process, for the e2e bench's question in a
server without tips of its own (the built-ins' index), and counts the round trips to the database
thread per search.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.common import fmt, percentiles, timed
from bot.advice.library import load_library
from bot.advice.redflags import triage
from bot.advice.services.builtins import sync_library
from bot.advice.services.search import advise, query_words
from bot.advice.thesaurus import expansions
from bot.db.factory import open_sqlite
from bot.db.store import Store

QUESTIONS = [
    "my lower back spasms at mile 17 of my long run",
    "shin pain after speed work",
    "what gel should I take and how often",
    "how fast should my long run be",
    "knee hurts going downhill",
    "how often should I replace my shoes",
    "best stretches after a run",
    "core exercises for runners",
    "I keep getting side stitches",
    "how much should I drink on a hot day",
    "chafing on my thighs on long runs",
    "tired all the time in my marathon block",
    "what to wear for running in freezing weather",
    "heel pain in the morning",
    "numbness in my foot after 10 miles",
    "my pee is dark brown after the ultra",
]


def seed(path: Path, servers: int, per_server: int, big: int, rng: random.Random) -> int:
    """Insert server tips straight through SQLite (the triggers keep the index); return the big server's id."""
    library = load_library()
    sentences = [s for tip in library.tips for s in re.split(r"(?<=[.!?])\s+", tip.body) if s]
    titles = [tip.title for tip in library.tips]
    topics = list(library.topics)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    big_guild = servers + 1

    def rows():
        plan = [(g, per_server) for g in range(1, servers + 1)] + [(big_guild, big)]
        for guild, count in plan:
            for i in range(count):
                body = " ".join(rng.sample(sentences, 4))[:1500]
                yield (guild, rng.choice(topics), f"{rng.choice(titles)} ({i})"[:100], body, "Club coach", "")

    with conn:
        conn.executemany(
            "INSERT INTO tips (guild_id, topic, kind, title, body, source, tags, created_at, updated_at)"
            " VALUES (?, ?, 'general', ?, ?, ?, ?, '2026-01-01', '2026-01-01')",
            rows(),
        )
    conn.execute("ANALYZE")
    conn.close()
    return big_guild


async def main(servers: int, per_server: int, big: int, searches: int) -> list[str]:
    report: list[str] = []
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "advice.db"
        db = await open_sqlite(path)
        await db.migrate()
        await sync_library(db)
        await db.close()
        started = time.perf_counter()
        big_guild = seed(path, servers, per_server, big, rng)
        elapsed = time.perf_counter() - started
        report.append(f"seeded {servers} servers x {per_server} tips + 1 server x {big} tips in {elapsed:.1f} s")
        db = await open_sqlite(path)
        started = time.perf_counter()
        for guild in [*range(1, servers + 1), big_guild]:
            await db.tips.index_server(guild)
        report.append(f"built {servers + 1} server indexes in {time.perf_counter() - started:.1f} s")

        async def in_big() -> None:
            await advise(db, big_guild, None, rng.choice(QUESTIONS))

        async def in_small() -> None:
            await advise(db, rng.randint(1, servers), None, rng.choice(QUESTIONS))

        for _ in range(50):  # warm the page cache
            await in_big()
            await in_small()
        for name, search in ((f"advice search, {big:,} tips in one server", in_big),
                             (f"advice search, {servers:,} servers x {per_server} tips", in_small)):  # fmt: skip
            cpu = time.process_time()
            samples = await timed(search, searches)
            cpu_ms = (time.process_time() - cpu) * 1000 / searches  # all threads: a figure other load can't inflate
            report.append(fmt(name, percentiles(samples), "p99 <= 5 ms") + f"  cpu/search {cpu_ms:.2f} ms")
        await db.close()

    async def one_triage() -> None:
        triage.__wrapped__(rng.choice(QUESTIONS))  # not the per-text memory: the work of a new question

    report.append(fmt("red-flag triage alone, a new text", percentiles(await timed(one_triage, 20_000))))
    return report


BREAKDOWN_QUESTION = "back spasms"  # what bench.e2e_bench asks


def _best_of(fn, repeat: int = 300, rounds: int = 15) -> float:
    """Microseconds per call, the best of a few rounds (other load only ever adds)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


async def _best_of_async(fn, repeat: int = 100, rounds: int = 15) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(repeat):
            await fn()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


class _TripCounter:
    """Counts the calls to aiosqlite's thread (each one is a round trip) on one database."""

    def __init__(self, db: Store) -> None:
        self.trips = 0
        conn = db.db._conn
        for name in ("execute", "execute_fetchall", "executemany"):
            original = getattr(conn, name)

            def counted(*args, _original=original, **kwargs):
                self.trips += 1
                return _original(*args, **kwargs)

            setattr(conn, name, counted)


async def breakdown(question: str = BREAKDOWN_QUESTION) -> list[str]:
    """Each piece of one /advice answer in process: microseconds, best of 15 rounds."""
    from bot.advice.services import search
    from cogs.advice import vote_buttons
    from cogs.ui.kit import DISCLAIMER
    from cogs.ui.tips import advice_reply_text, tip_embed

    report = [f"in-process /advice breakdown for {question!r} (built-ins' index; best of 15 rounds):"]
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_sqlite(Path(tmp) / "advice.db")
        try:
            await db.migrate()
            await sync_library(db)
            guild = 7
            answer = await advise(db, guild, None, question)
            words, extra = query_words(question), expansions(question)
            phrases = [search._quoted(w) for w in words]
            extras = [p for p in dict.fromkeys(search._quoted(e) for e in extra) if p not in phrases]
            match = " OR ".join(phrases + phrases + extras if extras else phrases)
            ranked = [tip for tip, _, _ in await db.tips.search(guild, match, None, search.CANDIDATES)]

            def reply() -> None:
                advice_reply_text(answer.banner, None)
                embeds = [tip_embed(tip) for tip in answer.tips]
                embeds[-1].set_footer(text=DISCLAIMER)
                vote_buttons(answer.tips)

            pieces = [
                ("triage, first time (no cache)", _best_of(lambda: triage.__wrapped__(question), 100)),
                ("triage, remembered", _best_of(lambda: triage(question))),
                ("query words + thesaurus", _best_of(lambda: (query_words(question), expansions(question)))),
                ("self care first, pick top", _best_of(lambda: search.pick_top(search.self_care_first(ranked), None))),
                ("the search query (one trip, 20 tips)", await _best_of_async(
                    lambda: db.tips.search(guild, match, None, search.CANDIDATES))),
                ("a trip doing nothing (SELECT 1)", await _best_of_async(lambda: db.fetchall("SELECT 1"))),
                ("advise() in all", await _best_of_async(lambda: advise(db, guild, None, question))),
                ("the reply: text, embeds, vote buttons", _best_of(reply, 100)),
            ]  # fmt: skip
            report += [f"  {name:<44} {us:8.1f} us" for name, us in pieces]
            counter = _TripCounter(db)
            for text in (question, "my pee is dark brown after the ultra", "crushing chest pain on the hill"):
                counter.trips = 0
                await advise(db, guild, None, text)
                report.append(f"  round trips for {text!r}: {counter.trips}")
        finally:
            await db.close()
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--servers", type=int, default=1000)
    parser.add_argument("--per-server", type=int, default=200)
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=2000)
    parser.add_argument("--breakdown", action="store_true", help="only the in-process breakdown of one /advice")
    args = parser.parse_args()
    lines = asyncio.run(breakdown())
    if not args.breakdown:
        lines += asyncio.run(main(args.servers, args.per_server, args.big, args.searches))
    for line in lines:
        print(line)
