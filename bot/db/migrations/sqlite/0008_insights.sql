-- Monthly totals for the /run stats chart of a year or all time (kept like member_weeks in 0007, by
-- triggers in the run's own statement), and whether a member was told which time zone their first
-- run was logged in.
CREATE TABLE member_months (
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    month_start  TEXT    NOT NULL,  -- 'YYYY-MM-01'
    runs         INTEGER NOT NULL,
    distance_m   REAL    NOT NULL,
    duration_s   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, month_start)
) WITHOUT ROWID;

INSERT INTO member_months (guild_id, user_id, month_start, runs, distance_m, duration_s)
SELECT guild_id, user_id, date(run_date, 'start of month'), count(*), sum(distance_m), sum(duration_s)
FROM runs GROUP BY guild_id, user_id, date(run_date, 'start of month');

CREATE TRIGGER runs_months_insert AFTER INSERT ON runs
BEGIN
    INSERT INTO member_months (guild_id, user_id, month_start, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, date(NEW.run_date, 'start of month'), 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
END;

CREATE TRIGGER runs_months_delete AFTER DELETE ON runs
BEGIN
    UPDATE member_months SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND month_start = date(OLD.run_date, 'start of month');
    DELETE FROM member_months WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id
        AND month_start = date(OLD.run_date, 'start of month') AND runs = 0;
END;

CREATE TRIGGER runs_months_update AFTER UPDATE OF guild_id, user_id, run_date, distance_m, duration_s ON runs
BEGIN
    UPDATE member_months SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND month_start = date(OLD.run_date, 'start of month');
    DELETE FROM member_months WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id
        AND month_start = date(OLD.run_date, 'start of month') AND runs = 0;
    INSERT INTO member_months (guild_id, user_id, month_start, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.user_id, date(NEW.run_date, 'start of month'), 1, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET runs = runs + 1, distance_m = distance_m + excluded.distance_m,
        duration_s = duration_s + excluded.duration_s;
END;

-- 1 once the member was told which zone their runs are dated in (or chose one). Members who already
-- logged runs or set a zone before this migration are not told again.
ALTER TABLE members ADD COLUMN zone_noticed INTEGER NOT NULL DEFAULT 0;
UPDATE members SET zone_noticed = 1 WHERE timezone <> 'UTC'
    OR EXISTS (SELECT 1 FROM runs r WHERE r.guild_id = members.guild_id AND r.user_id = members.user_id);
