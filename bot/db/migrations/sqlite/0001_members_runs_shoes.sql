-- Members, their runs and shoes. Every row is scoped by guild_id and user_id.
CREATE TABLE members (
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    units          TEXT    NOT NULL DEFAULT 'km' CHECK (units IN ('km', 'mi')),
    timezone       TEXT    NOT NULL DEFAULT 'UTC',
    goal_race      TEXT,
    goal_date      TEXT,
    weekly_goal_m  REAL,
    leaderboard    INTEGER NOT NULL DEFAULT 1,
    notice         TEXT,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

CREATE TABLE shoes (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    retire_at_m  REAL    NOT NULL,
    retired      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX shoes_member_name ON shoes (guild_id, user_id, name COLLATE NOCASE);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    run_date    TEXT    NOT NULL,
    distance_m  REAL    NOT NULL CHECK (distance_m > 0),
    duration_s  INTEGER NOT NULL CHECK (duration_s > 0),
    run_type    TEXT,
    effort      INTEGER CHECK (effort BETWEEN 1 AND 10),
    pain        TEXT,
    shoe_id     INTEGER REFERENCES shoes (id) ON DELETE SET NULL,
    notes       TEXT,
    created_at  TEXT    NOT NULL
);
-- History pages, stats and insights all read one member's runs by date.
CREATE INDEX runs_member_date ON runs (guild_id, user_id, run_date, id);
CREATE INDEX runs_shoe ON runs (shoe_id) WHERE shoe_id IS NOT NULL;
