-- Aggregates kept by triggers in the same statement as each run's insert, update or delete, so
-- /run log, /run stats and /run records read a few rows whatever the length of a member's history.
-- Weeks start on Monday: date(d, 'weekday 0', '-6 days') is the Monday of d's week.
CREATE TABLE member_weeks (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    week_start  TEXT    NOT NULL,
    runs        INTEGER NOT NULL,
    distance_m  REAL    NOT NULL,
    duration_s  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, week_start)
) WITHOUT ROWID;

CREATE TABLE member_totals (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    runs        INTEGER NOT NULL,
    distance_m  REAL    NOT NULL,
    duration_s  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

ALTER TABLE shoes ADD COLUMN distance_m REAL NOT NULL DEFAULT 0;

-- Which run distances count for each record distance. Filled from bot.running.records at start-up
-- (bot.db.sqlite_storage), which rebuilds member_bests whenever the rule changes.
CREATE TABLE record_distances (
    label       TEXT PRIMARY KEY,
    distance_m  REAL NOT NULL,
    min_m       REAL NOT NULL,
    max_m       REAL NOT NULL
);

-- The fastest qualifying run per member and record distance (the earliest one on a tie).
CREATE TABLE member_bests (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    label       TEXT    NOT NULL,
    run_id      INTEGER NOT NULL,
    duration_s  REAL    NOT NULL,
    run_date    TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id, label)
) WITHOUT ROWID;
CREATE INDEX member_bests_run ON member_bests (run_id);

-- Recomputing a best after its run changed reads only the runs of (nearly) that distance;
-- the all-time longest run is the last entry of one member's range.
CREATE INDEX runs_member_distance ON runs (guild_id, user_id, distance_m);
-- /run log's recent windows (the longest run in 8 weeks, pain notes within 3 weeks) read index entries
-- only, so a member who logs many runs a day does not make each log read the table.
CREATE INDEX runs_member_date_distance ON runs (guild_id, user_id, run_date, distance_m);
CREATE INDEX runs_member_pain ON runs (guild_id, user_id, run_date, pain) WHERE pain IS NOT NULL;

INSERT INTO member_weeks (guild_id, user_id, week_start, runs, distance_m, duration_s)
SELECT guild_id, user_id, date(run_date, 'weekday 0', '-6 days'), count(*), sum(distance_m), sum(duration_s)
FROM runs GROUP BY guild_id, user_id, date(run_date, 'weekday 0', '-6 days');

INSERT INTO member_totals (guild_id, user_id, runs, distance_m, duration_s)
SELECT guild_id, user_id, count(*), sum(distance_m), sum(duration_s) FROM runs GROUP BY guild_id, user_id;

UPDATE shoes SET distance_m = coalesce((SELECT sum(r.distance_m) FROM runs r WHERE r.shoe_id = shoes.id), 0);

CREATE TRIGGER runs_aggregates_insert AFTER INSERT ON runs
BEGIN
    INSERT OR IGNORE INTO members (guild_id, user_id, created_at)
    VALUES (NEW.guild_id, NEW.user_id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
    INSERT INTO member_weeks (guild_id, user_id, week_start, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, date(NEW.run_date, 'weekday 0', '-6 days'), 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
    INSERT INTO member_totals (guild_id, user_id, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
    UPDATE shoes SET distance_m = distance_m + NEW.distance_m WHERE id = NEW.shoe_id;
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT NEW.guild_id, NEW.user_id, d.label, NEW.id, NEW.duration_s * d.distance_m / NEW.distance_m, NEW.run_date
    FROM record_distances d WHERE NEW.distance_m BETWEEN d.min_m AND d.max_m
    ON CONFLICT DO UPDATE SET run_id = excluded.run_id, duration_s = excluded.duration_s, run_date = excluded.run_date
    WHERE excluded.duration_s < member_bests.duration_s
        OR (excluded.duration_s = member_bests.duration_s
            AND (excluded.run_date, excluded.run_id) < (member_bests.run_date, member_bests.run_id));
END;

CREATE TRIGGER runs_aggregates_delete AFTER DELETE ON runs
BEGIN
    UPDATE member_weeks SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND week_start = date(OLD.run_date, 'weekday 0', '-6 days');
    DELETE FROM member_weeks WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id
        AND week_start = date(OLD.run_date, 'weekday 0', '-6 days') AND runs = 0;
    UPDATE member_totals SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id;
    DELETE FROM member_totals WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND runs = 0;
    UPDATE shoes SET distance_m = distance_m - OLD.distance_m WHERE id = OLD.shoe_id;
    DELETE FROM member_bests WHERE run_id = OLD.id;
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT OLD.guild_id, OLD.user_id, label, id, scaled_s, run_date FROM (
        SELECT d.label, r.id, r.duration_s * d.distance_m / r.distance_m AS scaled_s, r.run_date,
            row_number() OVER (PARTITION BY d.label
                ORDER BY r.duration_s * d.distance_m / r.distance_m, r.run_date, r.id) AS place
        FROM record_distances d JOIN runs r ON r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id
            AND r.distance_m BETWEEN d.min_m AND d.max_m
        WHERE NOT EXISTS (SELECT 1 FROM member_bests b
            WHERE b.guild_id = OLD.guild_id AND b.user_id = OLD.user_id AND b.label = d.label))
    WHERE place = 1;
END;

-- An edit is the old run taken out and the new one put in.
CREATE TRIGGER runs_aggregates_update AFTER UPDATE OF guild_id, user_id, run_date, distance_m, duration_s, shoe_id
ON runs
BEGIN
    UPDATE member_weeks SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND week_start = date(OLD.run_date, 'weekday 0', '-6 days');
    DELETE FROM member_weeks WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id
        AND week_start = date(OLD.run_date, 'weekday 0', '-6 days') AND runs = 0;
    INSERT INTO member_weeks (guild_id, user_id, week_start, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, date(NEW.run_date, 'weekday 0', '-6 days'), 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
    UPDATE member_totals SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id;
    DELETE FROM member_totals WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND runs = 0;
    INSERT INTO member_totals (guild_id, user_id, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
    UPDATE shoes SET distance_m = distance_m - OLD.distance_m WHERE id = OLD.shoe_id;
    UPDATE shoes SET distance_m = distance_m + NEW.distance_m WHERE id = NEW.shoe_id;
    DELETE FROM member_bests WHERE run_id = OLD.id;
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT OLD.guild_id, OLD.user_id, label, id, scaled_s, run_date FROM (
        SELECT d.label, r.id, r.duration_s * d.distance_m / r.distance_m AS scaled_s, r.run_date,
            row_number() OVER (PARTITION BY d.label
                ORDER BY r.duration_s * d.distance_m / r.distance_m, r.run_date, r.id) AS place
        FROM record_distances d JOIN runs r ON r.guild_id = OLD.guild_id AND r.user_id = OLD.user_id
            AND r.distance_m BETWEEN d.min_m AND d.max_m
        WHERE NOT EXISTS (SELECT 1 FROM member_bests b
            WHERE b.guild_id = OLD.guild_id AND b.user_id = OLD.user_id AND b.label = d.label))
    WHERE place = 1;
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT NEW.guild_id, NEW.user_id, d.label, NEW.id, NEW.duration_s * d.distance_m / NEW.distance_m, NEW.run_date
    FROM record_distances d WHERE NEW.distance_m BETWEEN d.min_m AND d.max_m
    ON CONFLICT DO UPDATE SET run_id = excluded.run_id, duration_s = excluded.duration_s, run_date = excluded.run_date
    WHERE excluded.duration_s < member_bests.duration_s
        OR (excluded.duration_s = member_bests.duration_s
            AND (excluded.run_date, excluded.run_id) < (member_bests.run_date, member_bests.run_id));
END;
