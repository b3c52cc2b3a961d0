"""The evaluation sets: each a directory of up to three files, in the format the blind writers used.

- ``redflags.tsv``: ``category<TAB>severity<TAB>message`` (severity: emergency, doctor-today, doctor-or-physio);
- ``controls.txt``: look-alikes that must raise no banner, one per line;
- ``questions.tsv``: ``topics<TAB>question``, the topics the first tip may come from, ``|``-separated.

Lines starting with ``#`` and blank lines are skipped. Every directory next to this file holding one of those
files is a set: ``team`` (the project's own), ``blind_dev`` (written by someone who never read the lexicon) and,
when the integrator adds it, ``blind_aside`` (held out: never read while tuning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
FILES = ("redflags.tsv", "controls.txt", "questions.tsv")
SEVERITY_NAMES = {"emergency": 3, "doctor-today": 2, "doctor-or-physio": 1}


@dataclass(frozen=True, slots=True)
class RedFlagCase:
    category: str
    severity: str
    text: str

    @property
    def level(self) -> int:
        return SEVERITY_NAMES[self.severity]


@dataclass(frozen=True, slots=True)
class QuestionCase:
    topics: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    red_flags: tuple[RedFlagCase, ...] = ()
    controls: tuple[str, ...] = ()
    questions: tuple[QuestionCase, ...] = field(default=())


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = (line.strip().strip("\ufeff") for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _fields(line: str, n: int, path: Path) -> list[str]:
    parts = [p.strip() for p in line.split("\t")]
    if len(parts) < n or not all(parts[:n]):
        raise ValueError(f"{path}: expected {n} tab-separated fields in {line!r}")
    return [*parts[: n - 1], "\t".join(parts[n - 1 :]).strip()]


def load_set(directory: Path) -> EvalSet:
    red_flags, questions = [], []
    for line in _lines(directory / "redflags.tsv"):
        category, severity, text = _fields(line, 3, directory / "redflags.tsv")
        if category.lower() == "category":  # a header row
            continue
        severity = severity.lower().replace(" ", "-").replace("_", "-")
        if severity not in SEVERITY_NAMES:
            raise ValueError(f"{directory / 'redflags.tsv'}: unknown severity {severity!r} in {line!r}")
        red_flags.append(RedFlagCase(category.lower(), severity, text))
    for line in _lines(directory / "questions.tsv"):
        topics, text = _fields(line, 2, directory / "questions.tsv")
        if topics.lower() in ("topic", "topics"):
            continue
        questions.append(QuestionCase(frozenset(t.strip().lower() for t in topics.split("|") if t.strip()), text))
    return EvalSet(directory.name, tuple(red_flags), tuple(_lines(directory / "controls.txt")), tuple(questions))


def set_directories(root: Path = HERE) -> list[Path]:
    """Every set next to this file, the team's first, then in name order."""
    found = [d for d in root.iterdir() if d.is_dir() and any((d / f).is_file() for f in FILES)]
    return sorted(found, key=lambda d: (d.name != "team", d.name))
