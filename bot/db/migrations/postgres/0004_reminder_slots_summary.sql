-- Mirrors SQLite's 0009_reminder_slots_summary: the slots actually sent (reminder_id 0: the club ping)
-- with the member's answer, the opt-in weekly summary, and the 'summary' reminder kind.
CREATE TABLE reminder_slots (
    guild_id     BIGINT NOT NULL,
    reminder_id  BIGINT NOT NULL,
    fire_utc     BIGINT NOT NULL,
    sent_at      TEXT   NOT NULL,
    answer       TEXT   CHECK (answer IN ('done', 'skipped', 'snoozed')),
    answered_at  BIGINT,
    PRIMARY KEY (guild_id, reminder_id, fire_utc)
);

INSERT INTO reminder_slots (guild_id, reminder_id, fire_utc, sent_at)
    SELECT guild_id, id, last_fire_utc, created_at FROM reminders WHERE last_fire_utc IS NOT NULL;
INSERT INTO reminder_slots (guild_id, reminder_id, fire_utc, sent_at)
    SELECT guild_id, 0, last_fire_utc, updated_at FROM server_reminders WHERE last_fire_utc IS NOT NULL;

ALTER TABLE members ADD COLUMN weekly_summary BIGINT NOT NULL DEFAULT 0;

ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check CHECK (kind IN ('stretch', 'core', 'custom', 'summary'));
CREATE UNIQUE INDEX reminders_one_summary ON reminders (guild_id, user_id) WHERE kind = 'summary';
