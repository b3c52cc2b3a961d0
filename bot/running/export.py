"""A member's data as files: everything as JSON (raw stored values), runs also as a readable CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bot.running.units import METRES_PER_KM, metres_per_unit

# Cells a spreadsheet would run as a formula: member text starting with these is quoted with a '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a run imported from a file adds (empty for runs logged by hand); the stored column names.
IMPORTED_COLUMNS = ["started_at", "title", "elevation_gain_m", "avg_heart_rate", "avg_cadence_spm", "source"]


def run_csv_columns(units: str) -> list[str]:
    """The CSV header: distance in the member's units (and km), time, pace, then the details."""
    distance = ["distance_km"] if units != "mi" else ["distance_mi", "distance_km"]
    return ["id", "date", *distance, "time", f"pace_per_{'mi' if units == 'mi' else 'km'}",
            "type", "effort", "pain", "shoe", "notes", *IMPORTED_COLUMNS]  # fmt: skip


def _hms(seconds: float) -> str:
    hours, rest = divmod(max(0, round(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def _pace(metres: float, seconds: float, units: str) -> str:
    if metres <= 0:
        return ""
    minutes, secs = divmod(round(seconds / (metres / metres_per_unit(units))), 60)
    return f"{minutes}:{secs:02d}"


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def run_csv_rows(data: dict[str, list[dict[str, Any]]]) -> list[dict[str, str]]:
    members = data.get("members") or [{}]
    units = "mi" if members[0].get("units") == "mi" else "km"
    shoes = {shoe["id"]: shoe.get("name") for shoe in data.get("shoes", [])}
    rows = []
    for run in data.get("runs", []):
        metres, seconds = float(run["distance_m"]), float(run["duration_s"])
        row = {
            "id": str(run["id"]),
            "date": str(run["run_date"]),
            "distance_km": f"{metres / METRES_PER_KM:.3f}",
            "time": _hms(seconds),
            f"pace_per_{units}": _pace(metres, seconds, units),
            "type": _text(run.get("run_type")),
            "effort": "" if run.get("effort") is None else str(run["effort"]),
            "pain": _text(run.get("pain")),
            "shoe": _text(shoes.get(run.get("shoe_id"))),
            "notes": _text(run.get("notes")),
        }
        row.update({column: _text(run.get(column)) for column in IMPORTED_COLUMNS})
        if units == "mi":
            row["distance_mi"] = f"{metres / metres_per_unit('mi'):.3f}"
        rows.append(row)
    return rows


def export_files(data: dict[str, list[dict[str, Any]]]) -> dict[str, bytes]:
    """File name → contents. CPU-bound for big histories: call it off the event loop."""
    as_json = json.dumps({"format": "stride-member-export", "version": 1, **data}, indent=2, default=str)
    members = data.get("members") or [{}]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=run_csv_columns(str(members[0].get("units", "km"))))
    writer.writeheader()
    writer.writerows(run_csv_rows(data))
    return {"stride-data.json": as_json.encode(), "stride-runs.csv": buffer.getvalue().encode()}
