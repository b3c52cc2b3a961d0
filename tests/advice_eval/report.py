"""Print the advice quality figures: `python -m tests.advice_eval.report`."""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from pathlib import Path

from tests.advice_eval.ranking import score_questions
from tests.advice_eval.sets import control_cases, false_positives, score_red_flags


def red_flag_report() -> list[str]:
    score = score_red_flags()
    lines = ["Red-flag recall (category recognised), per category and severity:"]
    for key in sorted(score.total):
        lines.append(f"  {key[0]:<16} {key[1]:<17} {score.found[key]:>3}/{score.total[key]}")
    by_severity: Counter = Counter()
    found_severity: Counter = Counter()
    for (_, severity), n in score.total.items():
        by_severity[severity] += n
        found_severity[severity] += score.found[(_, severity)]
    for severity in sorted(by_severity):
        lines.append(f"  all {severity:<29} {found_severity[severity]:>3}/{by_severity[severity]}")
    total, found = sum(score.total.values()), sum(score.found.values())
    lines.append(f"  TOTAL recall {found}/{total} = {100 * found / total:.1f}%")
    lines.append(f"  banner less urgent than the case: {len(score.wrong_severity)}")
    lines += [f"    MISS [{c.category}] {c.text}" for c in score.misses]
    lines += [f"    LOW  [{c.category} {c.severity} got {s}] {c.text}" for c, s in score.wrong_severity]
    fps, controls = false_positives(), len(control_cases())
    lines.append(f"Look-alike controls flagged: {len(fps)}/{controls} = {100 * len(fps) / controls:.1f}%")
    lines += [f"    FP {labels} {text}" for text, labels in fps]
    return lines


async def ranking_report() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        score = await score_questions(Path(tmp) / "eval.db")
    n = score.total
    lines = [
        f"Ordinary questions: first tip on topic {score.first}/{n} = {100 * score.first / n:.1f}%, "
        f"top-3 {score.top3}/{n} = {100 * score.top3 / n:.1f}%, banner on {len(score.bannered)}"
    ]
    for topic in sorted(score.per_topic):
        first, total = score.per_topic[topic]
        lines.append(f"  {topic:<16} first tip {first}/{total}")
    lines += [f"    MISS {sorted(c.topics)} got {got} {c.text}" for c, got in score.misses]
    lines += [f"    BANNER {text}" for text in score.bannered]
    return lines


def main() -> None:
    for line in red_flag_report():
        print(line)
    for line in asyncio.run(ranking_report()):
        print(line)


if __name__ == "__main__":
    main()
