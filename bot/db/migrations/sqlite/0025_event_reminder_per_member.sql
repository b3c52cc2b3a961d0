-- Which post DMs a Going member before a group run (bot/club/posts.py): 'all', the one an hour before for
-- everyone then Going, or 'own', the member's own, queued when they answer Going after that moment (and
-- before the start). NULL until one of them takes the member: set once, so each member gets one such DM
-- however their answers change and however the two posts race.
ALTER TABLE event_rsvps ADD COLUMN reminder TEXT CHECK (reminder IN ('all', 'own'));
-- The members Going when an event's reminder already went out had theirs.
UPDATE event_rsvps SET reminder = 'all'
WHERE answer = 'going' AND EXISTS (
    SELECT 1 FROM events e JOIN scheduled_posts p
        ON p.guild_id = e.guild_id AND p.kind = 'event.reminder' AND p.post_key = CAST(e.id AS TEXT) || ':'
    WHERE e.id = event_rsvps.event_id AND p.state <> 'queued'
);
