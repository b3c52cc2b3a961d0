-- Club life, faster where it is read and written most (as SQLite's 0022): a participant's run updates their
-- membership row once and only a club-mode challenge's total; the digest reads one row per server and week (guild_weeks, kept by
-- triggers on member_weeks); a challenge keeps its participant count on its row.
CREATE OR REPLACE FUNCTION stride_challenges_count(r runs, sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    now_text TEXT := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"');
BEGIN
    PERFORM stride_club_lock(r.guild_id, r.user_id);
    IF NOT EXISTS (SELECT 1 FROM challenge_members m
            WHERE m.guild_id = r.guild_id AND m.user_id = r.user_id AND m.active = 1) THEN
        RETURN;
    END IF;
    UPDATE challenges c SET total = c.total + sign * stride_challenge_amount(c.metric, r),
        reached_on = CASE WHEN sign > 0 AND c.mode = 'club' AND c.reached_on IS NULL
            AND c.total + stride_challenge_amount(c.metric, r) >= c.goal THEN r.run_date ELSE c.reached_on END
    FROM challenge_members m
    WHERE m.guild_id = r.guild_id AND m.user_id = r.user_id AND m.active = 1 AND c.id = m.challenge_id
        AND c.mode = 'club' AND r.run_date BETWEEN c.start_date AND c.end_date AND c.ends_at > now_text;
    UPDATE challenge_members m SET value = m.value + sign * stride_challenge_amount(c.metric, r),
        finished_on = CASE WHEN sign > 0 AND c.mode = 'individual' AND m.finished_on IS NULL
            AND m.value + stride_challenge_amount(c.metric, r) >= c.goal THEN r.run_date ELSE m.finished_on END
    FROM challenges c
    WHERE m.guild_id = r.guild_id AND m.user_id = r.user_id AND m.active = 1 AND c.id = m.challenge_id
        AND r.run_date BETWEEN c.start_date AND c.end_date AND c.ends_at > now_text;
END $$;

CREATE TABLE guild_weeks (
    guild_id    BIGINT NOT NULL,
    week_start  TEXT   NOT NULL,
    members     BIGINT NOT NULL,
    runs        BIGINT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    duration_s  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, week_start)
);
INSERT INTO guild_weeks (guild_id, week_start, members, runs, distance_m, duration_s)
SELECT guild_id, week_start, count(*), sum(runs), sum(distance_m), sum(duration_s) FROM member_weeks
GROUP BY guild_id, week_start;

CREATE FUNCTION stride_guild_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE guild_weeks SET members = members - 1, runs = runs - OLD.runs,
            distance_m = distance_m - OLD.distance_m, duration_s = duration_s - OLD.duration_s
        WHERE guild_id = OLD.guild_id AND week_start = OLD.week_start;
        IF TG_OP = 'DELETE' THEN
            DELETE FROM guild_weeks WHERE guild_id = OLD.guild_id AND week_start = OLD.week_start AND members = 0;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO guild_weeks AS g (guild_id, week_start, members, runs, distance_m, duration_s)
        VALUES (NEW.guild_id, NEW.week_start, 1, NEW.runs, NEW.distance_m, NEW.duration_s)
        ON CONFLICT (guild_id, week_start) DO UPDATE SET members = g.members + 1, runs = g.runs + excluded.runs,
            distance_m = g.distance_m + excluded.distance_m, duration_s = g.duration_s + excluded.duration_s;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER member_weeks_guild AFTER INSERT OR UPDATE OR DELETE ON member_weeks
    FOR EACH ROW EXECUTE FUNCTION stride_guild_weeks();

ALTER TABLE challenges ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
UPDATE challenges SET participants = (SELECT count(*) FROM challenge_members m
    WHERE m.challenge_id = challenges.id AND m.active = 1);

-- The digest reads guild_weeks now; this index only cost every run's write.
DROP INDEX member_weeks_guild_week;
