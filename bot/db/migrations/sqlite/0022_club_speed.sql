-- Club life, faster where it is read and written most.
-- 1. A challenge participant's run: their membership row is updated once (the goal check folds into the
--    same statement as the sum), and a club-mode challenge's total once; an individual challenge keeps no
--    total (nothing shows one), so their /run log costs about a non-participant's.
-- 2. The weekly digest's club totals: one row per server and week (members with a run, runs, distance,
--    time), kept by triggers on member_weeks, instead of summing every member's week.
-- 3. A challenge's participant count kept on its row by the join and leave transactions.
DROP TRIGGER runs_challenges_insert;
DROP TRIGGER runs_challenges_delete;
DROP TRIGGER runs_challenges_update;

CREATE TRIGGER runs_challenges_insert AFTER INSERT ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END,
        reached_on = CASE WHEN mode = 'club' AND reached_on IS NULL AND total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END >= goal THEN NEW.run_date ELSE reached_on END
    WHERE guild_id = NEW.guild_id AND mode = 'club' AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET value = value + c.amount,
        finished_on = CASE WHEN finished_on IS NULL AND c.mode = 'individual' AND value + c.amount >= c.goal THEN NEW.run_date ELSE finished_on END
    FROM (SELECT id, mode, goal, CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END AS amount FROM challenges
        WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')) AS c
    WHERE challenge_members.challenge_id = c.id AND challenge_members.user_id = NEW.user_id AND challenge_members.active = 1;
END;

CREATE TRIGGER runs_challenges_delete AFTER DELETE ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total - CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
    WHERE guild_id = OLD.guild_id AND mode = 'club' AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1);
    UPDATE challenge_members SET value = value - c.amount
    FROM (SELECT id, mode, goal, CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END AS amount FROM challenges
        WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')) AS c
    WHERE challenge_members.challenge_id = c.id AND challenge_members.user_id = OLD.user_id AND challenge_members.active = 1;
END;

CREATE TRIGGER runs_challenges_update AFTER UPDATE OF guild_id, user_id, run_date, distance_m, duration_s, elevation_gain_m
ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1) OR EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total - CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
    WHERE guild_id = OLD.guild_id AND mode = 'club' AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1);
    UPDATE challenge_members SET value = value - c.amount
    FROM (SELECT id, mode, goal, CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END AS amount FROM challenges
        WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')) AS c
    WHERE challenge_members.challenge_id = c.id AND challenge_members.user_id = OLD.user_id AND challenge_members.active = 1;
    UPDATE challenges SET total = total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END,
        reached_on = CASE WHEN mode = 'club' AND reached_on IS NULL AND total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END >= goal THEN NEW.run_date ELSE reached_on END
    WHERE guild_id = NEW.guild_id AND mode = 'club' AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET value = value + c.amount,
        finished_on = CASE WHEN finished_on IS NULL AND c.mode = 'individual' AND value + c.amount >= c.goal THEN NEW.run_date ELSE finished_on END
    FROM (SELECT id, mode, goal, CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END AS amount FROM challenges
        WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')) AS c
    WHERE challenge_members.challenge_id = c.id AND challenge_members.user_id = NEW.user_id AND challenge_members.active = 1;
END;

CREATE TABLE guild_weeks (
    guild_id    INTEGER NOT NULL,
    week_start  TEXT    NOT NULL,
    members     INTEGER NOT NULL,
    runs        INTEGER NOT NULL,
    distance_m  REAL    NOT NULL,
    duration_s  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, week_start)
) WITHOUT ROWID;
INSERT INTO guild_weeks (guild_id, week_start, members, runs, distance_m, duration_s)
SELECT guild_id, week_start, count(*), sum(runs), sum(distance_m), sum(duration_s) FROM member_weeks
GROUP BY guild_id, week_start;

CREATE TRIGGER member_weeks_guild_insert AFTER INSERT ON member_weeks
BEGIN
    INSERT INTO guild_weeks (guild_id, week_start, members, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.week_start, 1, NEW.runs, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET members = members + 1, runs = runs + excluded.runs,
        distance_m = distance_m + excluded.distance_m, duration_s = duration_s + excluded.duration_s;
END;

CREATE TRIGGER member_weeks_guild_update AFTER UPDATE ON member_weeks
BEGIN
    UPDATE guild_weeks SET runs = runs - OLD.runs, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s, members = members - 1
    WHERE guild_id = OLD.guild_id AND week_start = OLD.week_start;
    INSERT INTO guild_weeks (guild_id, week_start, members, runs, distance_m, duration_s)
    VALUES (NEW.guild_id, NEW.week_start, 1, NEW.runs, NEW.distance_m, NEW.duration_s)
    ON CONFLICT DO UPDATE SET members = members + 1, runs = runs + excluded.runs,
        distance_m = distance_m + excluded.distance_m, duration_s = duration_s + excluded.duration_s;
END;

CREATE TRIGGER member_weeks_guild_delete AFTER DELETE ON member_weeks
BEGIN
    UPDATE guild_weeks SET members = members - 1, runs = runs - OLD.runs, distance_m = distance_m - OLD.distance_m,
        duration_s = duration_s - OLD.duration_s
    WHERE guild_id = OLD.guild_id AND week_start = OLD.week_start;
    DELETE FROM guild_weeks WHERE guild_id = OLD.guild_id AND week_start = OLD.week_start AND members = 0;
END;

ALTER TABLE challenges ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
UPDATE challenges SET participants = (SELECT count(*) FROM challenge_members m
    WHERE m.challenge_id = challenges.id AND m.active = 1);

-- The digest reads guild_weeks now; this index only cost every run's write.
DROP INDEX member_weeks_guild_week;
