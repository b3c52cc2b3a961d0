-- Mirrors SQLite's 0019_reminder_zone_from_profile: a reminder set without a time zone of its own follows
-- the member's profile zone when that changes; existing ones in the profile's current zone follow it.
ALTER TABLE reminders ADD COLUMN zone_from_profile INTEGER NOT NULL DEFAULT 0;
UPDATE reminders SET zone_from_profile = 1
WHERE kind <> 'summary' AND timezone = coalesce(
    (SELECT m.timezone FROM members m WHERE m.guild_id = reminders.guild_id AND m.user_id = reminders.user_id),
    'UTC'
);
