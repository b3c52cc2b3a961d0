-- Mirrors SQLite's 0008_insights: monthly totals for the year/all-time chart (kept by a trigger in the
-- run's own statement), and whether a member was told which time zone their first run was logged in.
CREATE FUNCTION stride_month_start(run_date TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_char(date_trunc('month', run_date::date), 'YYYY-MM-DD') $$;

CREATE TABLE member_months (
    guild_id     BIGINT NOT NULL,
    user_id      BIGINT NOT NULL,
    month_start  TEXT   NOT NULL,
    runs         BIGINT NOT NULL,
    distance_m   DOUBLE PRECISION NOT NULL,
    duration_s   BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id, month_start)
);

CREATE FUNCTION stride_rebuild_member_months() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM member_months;
    INSERT INTO member_months (guild_id, user_id, month_start, runs, distance_m, duration_s)
    SELECT guild_id, user_id, stride_month_start(run_date), count(*), sum(distance_m), sum(duration_s)
    FROM runs GROUP BY guild_id, user_id, stride_month_start(run_date);
END $$;

SELECT stride_rebuild_member_months();

CREATE FUNCTION stride_runs_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE member_months SET runs = runs - 1, distance_m = distance_m - OLD.distance_m,
            duration_s = duration_s - OLD.duration_s
        WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id AND month_start = stride_month_start(OLD.run_date);
        DELETE FROM member_months WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id
            AND month_start = stride_month_start(OLD.run_date) AND runs = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO member_months AS m (guild_id, user_id, month_start, runs, distance_m, duration_s)
        VALUES (NEW.guild_id, NEW.user_id, stride_month_start(NEW.run_date), 1, NEW.distance_m, NEW.duration_s)
        ON CONFLICT (guild_id, user_id, month_start) DO UPDATE SET runs = m.runs + 1,
            distance_m = m.distance_m + excluded.distance_m, duration_s = m.duration_s + excluded.duration_s;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER runs_months AFTER INSERT OR DELETE
    OR UPDATE OF guild_id, user_id, run_date, distance_m, duration_s ON runs
    FOR EACH ROW EXECUTE FUNCTION stride_runs_months();

ALTER TABLE members ADD COLUMN zone_noticed BIGINT NOT NULL DEFAULT 0;
UPDATE members SET zone_noticed = 1 WHERE timezone <> 'UTC'
    OR EXISTS (SELECT 1 FROM runs r WHERE r.guild_id = members.guild_id AND r.user_id = members.user_id);
