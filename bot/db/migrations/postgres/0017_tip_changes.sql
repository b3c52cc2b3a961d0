-- A change counter per server's tips (guild_id 0: the built-ins), bumped by triggers on every write that can change
-- what /advice answers there: its tips, the built-ins it hides, its votes, and the built-ins themselves. /advice
-- remembers an answer with the sum of its server's counter and the built-ins' as they were when it was read, and
-- reuses it while that sum is unchanged: one small read instead of the search, right in every process that shares
-- the database.
CREATE TABLE tip_changes (
    guild_id BIGINT PRIMARY KEY,
    version  BIGINT NOT NULL
);

CREATE FUNCTION stride_tip_changed(g BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO tip_changes (guild_id, version) VALUES (coalesce(g, 0), 1)
    ON CONFLICT (guild_id) DO UPDATE SET version = tip_changes.version + 1
$$;

CREATE FUNCTION stride_tip_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stride_tip_changed(NEW.guild_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.guild_id IS DISTINCT FROM NEW.guild_id) THEN
        PERFORM stride_tip_changed(OLD.guild_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tip_changes AFTER INSERT OR UPDATE OR DELETE ON tips
    FOR EACH ROW EXECUTE FUNCTION stride_tip_changes();
CREATE TRIGGER tip_changes AFTER INSERT OR UPDATE OR DELETE ON hidden_tips
    FOR EACH ROW EXECUTE FUNCTION stride_tip_changes();
CREATE TRIGGER tip_changes AFTER INSERT OR UPDATE OR DELETE ON tip_votes
    FOR EACH ROW EXECUTE FUNCTION stride_tip_changes();
