-- A change counter per server's tips (guild_id 0: the built-ins), bumped by triggers on every write that can change
-- what /advice answers there: its tips, the built-ins it hides, its votes, and the built-ins themselves. /advice
-- remembers an answer with the sum of its server's counter and the built-ins' as they were when it was read, and
-- reuses it while that sum is unchanged: one small read instead of the search, right in every process that shares
-- the database. (A trigger's INSERT OR IGNORE would follow the outer statement's conflict rule: NOT EXISTS instead.)
CREATE TABLE tip_changes (
    guild_id INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL
);

CREATE TRIGGER tip_changes_tip_added AFTER INSERT ON tips BEGIN
    INSERT INTO tip_changes (guild_id, version) SELECT coalesce(NEW.guild_id, 0), 0
        WHERE NOT EXISTS (SELECT 1 FROM tip_changes WHERE guild_id = coalesce(NEW.guild_id, 0));
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = coalesce(NEW.guild_id, 0);
END;
CREATE TRIGGER tip_changes_tip_changed AFTER UPDATE ON tips BEGIN
    INSERT INTO tip_changes (guild_id, version) SELECT coalesce(NEW.guild_id, 0), 0
        WHERE NOT EXISTS (SELECT 1 FROM tip_changes WHERE guild_id = coalesce(NEW.guild_id, 0));
    UPDATE tip_changes SET version = version + 1 WHERE guild_id IN (coalesce(NEW.guild_id, 0), coalesce(OLD.guild_id, 0));
END;
CREATE TRIGGER tip_changes_tip_removed AFTER DELETE ON tips BEGIN
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = coalesce(OLD.guild_id, 0);
END;

CREATE TRIGGER tip_changes_hidden AFTER INSERT ON hidden_tips BEGIN
    INSERT INTO tip_changes (guild_id, version) SELECT NEW.guild_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM tip_changes WHERE guild_id = NEW.guild_id);
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER tip_changes_unhidden AFTER DELETE ON hidden_tips BEGIN
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;

CREATE TRIGGER tip_changes_voted AFTER INSERT ON tip_votes BEGIN
    INSERT INTO tip_changes (guild_id, version) SELECT NEW.guild_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM tip_changes WHERE guild_id = NEW.guild_id);
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER tip_changes_revoted AFTER UPDATE ON tip_votes BEGIN
    UPDATE tip_changes SET version = version + 1 WHERE guild_id IN (NEW.guild_id, OLD.guild_id);
END;
CREATE TRIGGER tip_changes_unvoted AFTER DELETE ON tip_votes BEGIN
    UPDATE tip_changes SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;
