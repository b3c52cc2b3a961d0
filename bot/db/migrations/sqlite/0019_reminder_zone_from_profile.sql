-- A reminder set without a time zone of its own follows the member's profile zone when that changes
-- (zone_from_profile = 1); one given `timezone:` keeps it. Reminders set before this knew no difference:
-- those in the zone the profile has now were set without one (or in the same zone), so they follow it.
ALTER TABLE reminders ADD COLUMN zone_from_profile INTEGER NOT NULL DEFAULT 0;
UPDATE reminders SET zone_from_profile = 1
WHERE kind <> 'summary' AND timezone = coalesce(
    (SELECT m.timezone FROM members m WHERE m.guild_id = reminders.guild_id AND m.user_id = reminders.user_id),
    'UTC'
);
