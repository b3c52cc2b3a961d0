"""A member's data as files: everything as JSON, runs also as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

RUN_CSV_COLUMNS = (
    "id", "run_date", "distance_m", "duration_s", "run_type", "effort", "pain", "shoe_id", "notes", "created_at",
)  # fmt: skip


def export_files(data: dict[str, list[dict[str, Any]]]) -> dict[str, bytes]:
    """File name → contents. CPU-bound for big histories: call it off the event loop."""
    as_json = json.dumps({"format": "stride-member-export", "version": 1, **data}, indent=2, default=str)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RUN_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(data.get("runs", []))
    return {"stride-data.json": as_json.encode(), "stride-runs.csv": buffer.getvalue().encode()}
