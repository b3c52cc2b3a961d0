-- Run aggregates, mirroring SQLite's run-aggregate migration (branch `storage`): per-member weekly and
-- all-time totals, each shoe's distance and each member's best run per record distance, kept by a
-- trigger in the same statement as each run's insert, update or delete. Weeks start on Monday.
CREATE FUNCTION stride_week_start(run_date TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_char(date_trunc('week', run_date::date), 'YYYY-MM-DD') $$;

CREATE TABLE member_weeks (
    guild_id    BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    week_start  TEXT   NOT NULL,
    runs        BIGINT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    duration_s  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id, week_start)
);

CREATE TABLE member_totals (
    guild_id    BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    runs        BIGINT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    duration_s  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

ALTER TABLE shoes ADD COLUMN distance_m DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Which run distances count for each record distance; filled by the storage engine at start-up.
CREATE TABLE record_distances (
    label       TEXT PRIMARY KEY,
    distance_m  DOUBLE PRECISION NOT NULL,
    min_m       DOUBLE PRECISION NOT NULL,
    max_m       DOUBLE PRECISION NOT NULL
);

-- The fastest qualifying run per member and record distance (the earliest one on a tie).
CREATE TABLE member_bests (
    guild_id    BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    label       TEXT   NOT NULL,
    run_id      BIGINT NOT NULL,
    duration_s  DOUBLE PRECISION NOT NULL,
    run_date    TEXT   NOT NULL,
    PRIMARY KEY (guild_id, user_id, label)
);
CREATE INDEX member_bests_run ON member_bests (run_id);
CREATE INDEX runs_member_distance ON runs (guild_id, user_id, distance_m);
CREATE INDEX runs_member_date_distance ON runs (guild_id, user_id, run_date, distance_m);
CREATE INDEX runs_member_pain ON runs (guild_id, user_id, run_date, pain) WHERE pain IS NOT NULL;

-- Every aggregate recomputed from the runs: for this migration, after a bulk load (`stride copy` loads
-- runs with the trigger off, then calls this) and when the record distances change.
CREATE FUNCTION stride_rebuild_run_aggregates() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM member_weeks;
    DELETE FROM member_totals;
    DELETE FROM member_bests;
    INSERT INTO members (guild_id, user_id, created_at)
    SELECT DISTINCT guild_id, user_id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
    FROM runs ON CONFLICT DO NOTHING;
    INSERT INTO member_weeks (guild_id, user_id, week_start, runs, distance_m, duration_s)
    SELECT guild_id, user_id, stride_week_start(run_date), count(*), sum(distance_m), sum(duration_s)
    FROM runs GROUP BY guild_id, user_id, stride_week_start(run_date);
    INSERT INTO member_totals (guild_id, user_id, runs, distance_m, duration_s)
    SELECT guild_id, user_id, count(*), sum(distance_m), sum(duration_s) FROM runs GROUP BY guild_id, user_id;
    UPDATE shoes SET distance_m = coalesce((SELECT sum(r.distance_m) FROM runs r WHERE r.shoe_id = shoes.id), 0);
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT guild_id, user_id, label, id, scaled_s, run_date FROM (
        SELECT r.guild_id, r.user_id, d.label, r.id, r.duration_s * d.distance_m / r.distance_m AS scaled_s,
            r.run_date, row_number() OVER (PARTITION BY r.guild_id, r.user_id, d.label
                ORDER BY r.duration_s * d.distance_m / r.distance_m, r.run_date, r.id) AS place
        FROM record_distances d JOIN runs r ON r.distance_m BETWEEN d.min_m AND d.max_m) ranked
    WHERE place = 1;
END $$;

SELECT stride_rebuild_run_aggregates();

-- A run counted into every aggregate (the insert half of SQLite's triggers).
CREATE FUNCTION stride_run_added(r runs) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO members (guild_id, user_id, created_at)
    VALUES (r.guild_id, r.user_id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'))
    ON CONFLICT DO NOTHING;
    INSERT INTO member_weeks AS w (guild_id, user_id, week_start, runs, distance_m, duration_s)
    VALUES (r.guild_id, r.user_id, stride_week_start(r.run_date), 1, r.distance_m, r.duration_s)
    ON CONFLICT (guild_id, user_id, week_start) DO UPDATE SET runs = w.runs + 1,
        distance_m = w.distance_m + excluded.distance_m, duration_s = w.duration_s + excluded.duration_s;
    INSERT INTO member_totals AS t (guild_id, user_id, runs, distance_m, duration_s)
    VALUES (r.guild_id, r.user_id, 1, r.distance_m, r.duration_s)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET runs = t.runs + 1,
        distance_m = t.distance_m + excluded.distance_m, duration_s = t.duration_s + excluded.duration_s;
    UPDATE shoes SET distance_m = distance_m + r.distance_m WHERE id = r.shoe_id;
    INSERT INTO member_bests AS b (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT r.guild_id, r.user_id, d.label, r.id, r.duration_s * d.distance_m / r.distance_m, r.run_date
    FROM record_distances d WHERE r.distance_m BETWEEN d.min_m AND d.max_m
    ON CONFLICT (guild_id, user_id, label) DO UPDATE SET run_id = excluded.run_id,
        duration_s = excluded.duration_s, run_date = excluded.run_date
    WHERE excluded.duration_s < b.duration_s
        OR (excluded.duration_s = b.duration_s AND (excluded.run_date, excluded.run_id) < (b.run_date, b.run_id));
END $$;

-- A run taken out of every aggregate; a best it held goes to the member's next fastest run.
CREATE FUNCTION stride_run_removed(r runs) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE member_weeks SET runs = runs - 1, distance_m = distance_m - r.distance_m,
        duration_s = duration_s - r.duration_s
    WHERE guild_id = r.guild_id AND user_id = r.user_id AND week_start = stride_week_start(r.run_date);
    DELETE FROM member_weeks WHERE guild_id = r.guild_id AND user_id = r.user_id
        AND week_start = stride_week_start(r.run_date) AND runs = 0;
    UPDATE member_totals SET runs = runs - 1, distance_m = distance_m - r.distance_m,
        duration_s = duration_s - r.duration_s
    WHERE guild_id = r.guild_id AND user_id = r.user_id;
    DELETE FROM member_totals WHERE guild_id = r.guild_id AND user_id = r.user_id AND runs = 0;
    UPDATE shoes SET distance_m = distance_m - r.distance_m WHERE id = r.shoe_id;
    DELETE FROM member_bests WHERE run_id = r.id;
    INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)
    SELECT r.guild_id, r.user_id, label, id, scaled_s, run_date FROM (
        SELECT d.label, o.id, o.duration_s * d.distance_m / o.distance_m AS scaled_s, o.run_date,
            row_number() OVER (PARTITION BY d.label
                ORDER BY o.duration_s * d.distance_m / o.distance_m, o.run_date, o.id) AS place
        FROM record_distances d JOIN runs o ON o.guild_id = r.guild_id AND o.user_id = r.user_id
            AND o.id <> r.id AND o.distance_m BETWEEN d.min_m AND d.max_m
        WHERE NOT EXISTS (SELECT 1 FROM member_bests b
            WHERE b.guild_id = r.guild_id AND b.user_id = r.user_id AND b.label = d.label)) ranked
    WHERE place = 1;
END $$;

CREATE FUNCTION stride_runs_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An edit is the old run taken out and the new one put in.
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM stride_run_removed(OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stride_run_added(NEW);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER runs_aggregates AFTER INSERT OR DELETE
    OR UPDATE OF guild_id, user_id, run_date, distance_m, duration_s, shoe_id ON runs
    FOR EACH ROW EXECUTE FUNCTION stride_runs_aggregates();
