"""/me export: the runs CSV a spreadsheet can read; the JSON keeps the stored values."""

import csv
import io
import json

from bot.running.export import IMPORTED_COLUMNS, export_files

RUN = {
    "id": 2, "run_date": "2026-10-15", "distance_m": 6437.376, "duration_s": 2280, "run_type": "easy",
    "effort": 4, "pain": "=HYPERLINK(\"x\")", "shoe_id": 7, "notes": "club loop, felt good", "created_at": "x",
}  # fmt: skip


def _csv(data):
    return list(csv.reader(io.StringIO(export_files(data)["stride-runs.csv"].decode())))


def test_miles_member_gets_miles_and_km_time_pace_and_shoe_name():
    data = {"members": [{"units": "mi"}], "shoes": [{"id": 7, "name": "Pegasus 40"}], "runs": [RUN]}
    header, row = _csv(data)
    assert header == ["id", "date", "distance_mi", "distance_km", "time", "pace_per_mi", "type", "effort",
                      "pain", "shoe", "notes", *IMPORTED_COLUMNS]  # fmt: skip
    assert row == ["2", "2026-10-15", "4.000", "6.437", "0:38:00", "9:30", "easy", "4",
                   "'=HYPERLINK(\"x\")", "Pegasus 40", "club loop, felt good", "", "", "", "", "", ""]  # fmt: skip


def test_km_member_and_no_profile_get_km():
    for data in ({"members": [{"units": "km"}], "runs": [RUN]}, {"runs": [RUN]}):
        header, row = _csv(data)
        assert header[2:5] == ["distance_km", "time", "pace_per_km"]
        assert row[2:5] == ["6.437", "0:38:00", "5:54"]
        assert row[header.index("shoe")] == ""


def test_header_even_without_runs_and_json_keeps_raw_values():
    files = export_files({"members": [{"units": "km"}], "runs": [RUN]})
    assert json.loads(files["stride-data.json"])["runs"][0]["distance_m"] == 6437.376
    assert _csv({"runs": []}) == [["id", "date", "distance_km", "time", "pace_per_km", "type", "effort", "pain",
                                   "shoe", "notes", *IMPORTED_COLUMNS]]  # fmt: skip
