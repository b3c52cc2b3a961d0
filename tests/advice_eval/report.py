"""Print the advice quality figures per evaluation set: `python -m tests.advice_eval.report [DIR ...]`.

Without arguments every set next to this module is scored (team, blind_dev, and blind_aside when present);
a directory argument scores that set instead (same format: redflags.tsv, controls.txt, questions.tsv).
`--brief` leaves out the list of misses.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from tests.advice_eval.ranking import fresh_database
from tests.advice_eval.scoring import SetScore, score_set
from tests.advice_eval.sets import load_set, set_directories

ROWS = (
    ("relevant answer (a top-3 tip on topic)", "relevance"),
    ("first tip right", "first_tip"),
    ("red flags routed first", "red_flags"),
    ("emergencies led by urgent help", "emergencies"),
    ("look-alikes over-triggered", "look_alikes"),
)


async def score_all(directories: list[Path]) -> list[SetScore]:
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(Path(tmp) / "eval.db") as db:
            for directory in directories:
                scores.append(await score_set(db, load_set(directory)))
    return scores


def table(scores: list[SetScore]) -> list[str]:
    width = max(len(label) for label, _ in ROWS)
    lines = [f"| {'':<{width}} | " + " | ".join(s.name for s in scores) + " |"]
    lines.append(f"|{'-' * (width + 2)}|" + "|".join("-" * (len(s.name) + 2) for s in scores) + "|")
    for label, attribute in ROWS:
        cells = [str(getattr(s, attribute)) for s in scores]
        lines.append(f"| {label:<{width}} | " + " | ".join(cells) + " |")
    return lines


def details(score: SetScore) -> list[str]:
    lines = [f"{score.name}:"]
    lines += [f"  NOT ROUTED [{c.category} {c.severity}] got {got}: {c.text}" for c, got in score.not_routed]
    lines += [f"  NOT LED    [{c.category}] got {got}: {c.text}" for c, got in score.not_led]
    lines += [f"  OVER       {text}  ->  {banner}" for text, banner in score.over_triggered]
    lines += [f"  FIRST TIP  {sorted(q.topics)} got {got}: {q.text}" for q, got in score.missed]
    lines += [f"  BANNER ON A QUESTION {text}  ->  {banner}" for text, banner in score.bannered_questions]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directories", nargs="*", type=Path, help="evaluation set directories (default: all)")
    parser.add_argument("--brief", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    directories = args.directories or set_directories()
    for directory in directories:
        if not directory.is_dir():
            parser.error(f"{directory} is not a directory")
    scores = asyncio.run(score_all(directories))
    for line in table(scores):
        print(line)
    if not args.brief:
        for score in scores:
            for line in details(score):
                print(line)


if __name__ == "__main__":
    main()
