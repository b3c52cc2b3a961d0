-- Challenges: a goal for a date window, members who joined, and each one's progress. Progress is kept
-- by triggers in the statement that inserts, edits or deletes a run (as the run aggregates of 0007 are),
-- so no command reads a member's history or all participants' runs; joining late sums the member's runs
-- already in the window once (bot/db/challenges.py). A challenge stops counting at `ends_at` (the
-- instant after its end date in the server's zone, or when a manager ended it): its results stay fixed.
-- `finished_on` / `reached_on` are set the first time the goal is reached and never cleared, so the
-- congratulation goes out once even if an edit drops below the goal and back.
CREATE TABLE challenges (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    metric         TEXT    NOT NULL CHECK (metric IN ('distance', 'time', 'runs', 'elevation')),
    goal           REAL    NOT NULL CHECK (goal > 0),  -- metres, seconds or runs
    mode           TEXT    NOT NULL CHECK (mode IN ('individual', 'club')),
    units          TEXT    NOT NULL DEFAULT 'km',      -- how the card shows distances (its creator's units)
    start_date     TEXT    NOT NULL,                   -- inclusive, compared with each run's local date
    end_date       TEXT    NOT NULL,
    ends_at        TEXT    NOT NULL,                   -- UTC instant when counting stops
    channel_id     INTEGER NOT NULL,
    message_id     INTEGER,                            -- its card
    created_by     INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    ended_by       INTEGER,                            -- a manager who ended it early
    total          REAL    NOT NULL DEFAULT 0,         -- all participants' progress together
    reached_on     TEXT,                               -- club mode: the day the total first reached the goal
    congratulated  INTEGER NOT NULL DEFAULT 0          -- club mode: its congratulation is queued
);
CREATE INDEX challenges_guild ON challenges (guild_id, ends_at);

CREATE TABLE challenge_members (
    challenge_id   INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    value          REAL    NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1,         -- 0 once they left (kept: a rejoin is not congratulated twice)
    joined_at      TEXT    NOT NULL,
    finished_on    TEXT,                               -- individual mode: the day they first reached the goal
    congratulated  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (challenge_id, user_id)
) WITHOUT ROWID;
-- The runs triggers' only probe for a member who joined nothing.
CREATE INDEX challenge_members_member ON challenge_members (guild_id, user_id) WHERE active = 1;
-- /challenge show: the leaders are the first entries of one range.
CREATE INDEX challenge_members_rank ON challenge_members (challenge_id, value, user_id) WHERE active = 1;
-- Congratulations owed and not yet queued.
CREATE INDEX challenge_members_owed ON challenge_members (guild_id) WHERE finished_on IS NOT NULL AND congratulated = 0;

-- "Take this member's club lock": PostgreSQL's 0010 makes an insert here wait for the member's runs in
-- flight (and theirs for it); SQLite has one writer at a time, so the insert is simply dropped.
CREATE TABLE club_locks (guild_id INTEGER NOT NULL, user_id INTEGER NOT NULL);
CREATE TRIGGER club_locks_take BEFORE INSERT ON club_locks BEGIN SELECT RAISE(IGNORE); END;

CREATE TRIGGER runs_challenges_insert AFTER INSERT ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END
    WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET value = value + (SELECT CASE c.metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END
        FROM challenges c WHERE c.id = challenge_members.challenge_id)
    WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1 AND challenge_id IN (SELECT id FROM challenges
        WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
    UPDATE challenges SET reached_on = NEW.run_date
    WHERE guild_id = NEW.guild_id AND mode = 'club' AND reached_on IS NULL AND total >= goal AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET finished_on = NEW.run_date
    WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1 AND finished_on IS NULL
        AND value >= (SELECT c.goal FROM challenges c WHERE c.id = challenge_members.challenge_id
            AND c.mode = 'individual' AND NEW.run_date BETWEEN c.start_date AND c.end_date AND c.ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;

CREATE TRIGGER runs_challenges_delete AFTER DELETE ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total - CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
    WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1);
    UPDATE challenge_members SET value = value - (SELECT CASE c.metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
        FROM challenges c WHERE c.id = challenge_members.challenge_id)
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1 AND challenge_id IN (SELECT id FROM challenges
        WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;

CREATE TRIGGER runs_challenges_update AFTER UPDATE OF guild_id, user_id, run_date, distance_m, duration_s, elevation_gain_m
ON runs WHEN EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1) OR EXISTS (SELECT 1 FROM challenge_members WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1)
BEGIN
    UPDATE challenges SET total = total - CASE metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
    WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1);
    UPDATE challenge_members SET value = value - (SELECT CASE c.metric WHEN 'distance' THEN OLD.distance_m WHEN 'time' THEN OLD.duration_s WHEN 'runs' THEN 1 ELSE coalesce(OLD.elevation_gain_m, 0) END
        FROM challenges c WHERE c.id = challenge_members.challenge_id)
    WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND active = 1 AND challenge_id IN (SELECT id FROM challenges
        WHERE guild_id = OLD.guild_id AND OLD.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
    UPDATE challenges SET total = total + CASE metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END
    WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET value = value + (SELECT CASE c.metric WHEN 'distance' THEN NEW.distance_m WHEN 'time' THEN NEW.duration_s WHEN 'runs' THEN 1 ELSE coalesce(NEW.elevation_gain_m, 0) END
        FROM challenges c WHERE c.id = challenge_members.challenge_id)
    WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1 AND challenge_id IN (SELECT id FROM challenges
        WHERE guild_id = NEW.guild_id AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
    UPDATE challenges SET reached_on = NEW.run_date
    WHERE guild_id = NEW.guild_id AND mode = 'club' AND reached_on IS NULL AND total >= goal AND NEW.run_date BETWEEN start_date AND end_date AND ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        AND id IN (SELECT challenge_id FROM challenge_members
        WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1);
    UPDATE challenge_members SET finished_on = NEW.run_date
    WHERE guild_id = NEW.guild_id AND user_id = NEW.user_id AND active = 1 AND finished_on IS NULL
        AND value >= (SELECT c.goal FROM challenges c WHERE c.id = challenge_members.challenge_id
            AND c.mode = 'individual' AND NEW.run_date BETWEEN c.start_date AND c.end_date AND c.ends_at > strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;
