-- The race calendar: members' races (shared with the club unless they say not), and the run that holds
-- the result once `/race result` logged it.
CREATE TABLE races (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    race_date     TEXT    NOT NULL,
    distance_m    REAL    NOT NULL,
    goal_s        INTEGER,
    shared        INTEGER NOT NULL DEFAULT 1,
    result_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    result_s      INTEGER,
    created_at    TEXT    NOT NULL
);
-- The club list: shared races of the coming weeks; a member's own list and next race.
CREATE INDEX races_club ON races (guild_id, race_date) WHERE shared = 1;
CREATE INDEX races_member ON races (guild_id, user_id, race_date);
CREATE INDEX races_result_run ON races (result_run_id) WHERE result_run_id IS NOT NULL;
