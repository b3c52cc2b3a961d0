-- Every change to a member's row is announced on the channel `stride_members` (payload "guild:user:1" when
-- the row now holds a notice, "guild:user:0" otherwise; "*" after a TRUNCATE), delivered at commit to every Stride process listening. A process keeps profiles
-- and "who has a notice waiting" in memory while it listens (bot/db/members.py), as the only process on
-- an SQLite file does, and drops an entry when it hears of a change, whichever process made it. Taking a
-- notice (setting it to NULL, nothing else) is not announced: no copy kept anywhere goes stale by it.
CREATE FUNCTION stride_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('stride_members', '*');
    ELSIF TG_OP = 'UPDATE' AND NEW.notice IS NULL AND to_jsonb(OLD) - 'notice' = to_jsonb(NEW) - 'notice' THEN
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('stride_members', OLD.guild_id || ':' || OLD.user_id || ':0');
    ELSE
        PERFORM pg_notify('stride_members',
            NEW.guild_id || ':' || NEW.user_id || ':' || CASE WHEN NEW.notice IS NULL THEN '0' ELSE '1' END);
        IF TG_OP = 'UPDATE' AND (OLD.guild_id, OLD.user_id) <> (NEW.guild_id, NEW.user_id) THEN
            PERFORM pg_notify('stride_members', OLD.guild_id || ':' || OLD.user_id || ':0');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER members_changed AFTER INSERT OR UPDATE OR DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION stride_member_changed();
CREATE TRIGGER members_truncated AFTER TRUNCATE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION stride_member_changed();
