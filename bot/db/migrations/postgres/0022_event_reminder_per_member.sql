-- Mirrors SQLite's 0025_event_reminder_per_member: which post DMs a Going member before a group run, 'all'
-- (the one an hour before) or 'own' (theirs, for a Going after that moment); set once.
ALTER TABLE event_rsvps ADD COLUMN reminder TEXT CHECK (reminder IN ('all', 'own'));
UPDATE event_rsvps SET reminder = 'all'
WHERE answer = 'going' AND EXISTS (
    SELECT 1 FROM events e JOIN scheduled_posts p
        ON p.guild_id = e.guild_id AND p.kind = 'event.reminder' AND p.post_key = CAST(e.id AS TEXT) || ':'
    WHERE e.id = event_rsvps.event_id AND p.state <> 'queued'
);
