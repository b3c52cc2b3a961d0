-- Runs imported from GPX, TCX and FIT files or Strava/Garmin exports (issue 14): what a file tells beyond
-- date, distance and time, and the fastest stretches inside each run. Runs logged by hand leave these NULL.
ALTER TABLE runs ADD COLUMN started_at TEXT;  -- ISO 8601 UTC; the duplicate check of a later import compares it
ALTER TABLE runs ADD COLUMN elevation_gain_m REAL;
ALTER TABLE runs ADD COLUMN avg_heart_rate INTEGER;
ALTER TABLE runs ADD COLUMN avg_cadence_spm INTEGER;  -- steps a minute, both feet
ALTER TABLE runs ADD COLUMN source TEXT;  -- 'import:strava', 'import:garmin', 'import:file' and the file name
ALTER TABLE runs ADD COLUMN title TEXT;  -- the activity's name in the file

-- The fastest stretch of each effort distance inside an imported run (bot.importing.EFFORT_DISTANCES).
-- The runs triggers of 0007 need no change: an imported run is an ordinary row of runs, and its efforts go
-- with it (ON DELETE CASCADE; foreign keys are on for every connection).
CREATE TABLE best_efforts (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    user_id         INTEGER NOT NULL,
    run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    label           TEXT    NOT NULL,
    distance_m      REAL    NOT NULL,
    seconds         REAL    NOT NULL CHECK (seconds > 0),
    start_offset_m  REAL    NOT NULL,
    start_offset_s  REAL    NOT NULL
);
-- The fastest effort per member and distance is the first entry of one index range.
CREATE INDEX best_efforts_member ON best_efforts (guild_id, user_id, distance_m, seconds);
CREATE INDEX best_efforts_run ON best_efforts (run_id);
-- The duplicate check of an import reads the archive's date range of runs_member_date (0001).
