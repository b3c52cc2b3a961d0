-- Mirrors SQLite's 0026_members_feed: the feed opt-in on the members row too (kept by triggers on
-- feed_members), so the member cache's profile says whether /run log queues a feed post. A change is
-- announced to every process by members' own trigger (0008).
ALTER TABLE members ADD COLUMN feed INTEGER NOT NULL DEFAULT 0;
UPDATE members SET feed = 1 WHERE EXISTS (SELECT 1 FROM feed_members f
    WHERE f.guild_id = members.guild_id AND f.user_id = members.user_id);

CREATE FUNCTION stride_feed_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO members (guild_id, user_id, created_at, feed)
        VALUES (NEW.guild_id, NEW.user_id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'), 1)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET feed = 1;
    ELSE
        UPDATE members SET feed = 0 WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER feed_members_in AFTER INSERT ON feed_members FOR EACH ROW EXECUTE FUNCTION stride_feed_member();
CREATE TRIGGER feed_members_out AFTER DELETE ON feed_members FOR EACH ROW EXECUTE FUNCTION stride_feed_member();
