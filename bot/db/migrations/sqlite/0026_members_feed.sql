-- Whether a member posts their runs to the server's feed, on their members row too: the profile (which the
-- member cache keeps) then tells `/run log` whether the feed's post is queued in the run's transaction,
-- with no read of its own. feed_members stays the record of who opted in; these triggers keep the flag.
ALTER TABLE members ADD COLUMN feed INTEGER NOT NULL DEFAULT 0;
UPDATE members SET feed = 1 WHERE EXISTS (SELECT 1 FROM feed_members f
    WHERE f.guild_id = members.guild_id AND f.user_id = members.user_id);

CREATE TRIGGER feed_members_in AFTER INSERT ON feed_members
BEGIN
    INSERT INTO members (guild_id, user_id, created_at, feed)
    VALUES (NEW.guild_id, NEW.user_id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 1)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET feed = 1;
END;

CREATE TRIGGER feed_members_out AFTER DELETE ON feed_members
BEGIN
    UPDATE members SET feed = 0 WHERE guild_id = OLD.guild_id AND user_id = OLD.user_id;
END;
