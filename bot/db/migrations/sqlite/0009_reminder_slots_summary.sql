-- Reminders for real members (issues 9 and 11): the slots actually sent, and the weekly summary.

-- Every occurrence the dispatcher sent (reminder_id 0: the server's club ping), with the member's answer.
-- Written in the transaction that records the send; a button may only act on a slot listed here.
CREATE TABLE reminder_slots (
    guild_id     INTEGER NOT NULL,
    reminder_id  INTEGER NOT NULL,
    fire_utc     INTEGER NOT NULL,
    sent_at      TEXT    NOT NULL,
    answer       TEXT    CHECK (answer IN ('done', 'skipped', 'snoozed')),  -- the club ping keeps its Dones per member
    answered_at  INTEGER,
    PRIMARY KEY (guild_id, reminder_id, fire_utc)
) WITHOUT ROWID;

-- Slots sent before this migration: the last one of each reminder and club ping stays answerable.
INSERT INTO reminder_slots (guild_id, reminder_id, fire_utc, sent_at)
    SELECT guild_id, id, last_fire_utc, created_at FROM reminders WHERE last_fire_utc IS NOT NULL;
INSERT INTO reminder_slots (guild_id, reminder_id, fire_utc, sent_at)
    SELECT guild_id, 0, last_fire_utc, updated_at FROM server_reminders WHERE last_fire_utc IS NOT NULL;

-- The Monday summary DM is opt-in per member; it is delivered as a reminder of kind 'summary'.
ALTER TABLE members ADD COLUMN weekly_summary INTEGER NOT NULL DEFAULT 0;

-- SQLite cannot change a CHECK: rebuild reminders with the new kind, same columns and indexes.
CREATE TABLE reminders_new (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('stretch', 'core', 'custom', 'summary')),
    at_time        TEXT    NOT NULL,
    days_mask      INTEGER NOT NULL CHECK (days_mask BETWEEN 1 AND 127),
    timezone       TEXT    NOT NULL,
    target         TEXT    NOT NULL CHECK (target IN ('dm', 'channel')),
    channel_id     INTEGER,
    dm_channel_id  INTEGER,
    message        TEXT,
    paused         INTEGER NOT NULL DEFAULT 0,
    next_fire_utc  INTEGER NOT NULL,
    snooze_utc     INTEGER,
    due_utc        INTEGER NOT NULL,
    last_fire_utc  INTEGER,
    sends          INTEGER NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    CHECK ((target = 'channel') = (channel_id IS NOT NULL))
);
INSERT INTO reminders_new SELECT id, guild_id, user_id, kind, at_time, days_mask, timezone, target, channel_id,
    dm_channel_id, message, paused, next_fire_utc, snooze_utc, due_utc, last_fire_utc, sends, failures, created_at
    FROM reminders;
DROP TABLE reminders;
ALTER TABLE reminders_new RENAME TO reminders;
CREATE INDEX reminders_member ON reminders (guild_id, user_id);
CREATE INDEX reminders_due ON reminders (due_utc) WHERE paused = 0;
-- At most one summary per member and server.
CREATE UNIQUE INDEX reminders_one_summary ON reminders (guild_id, user_id) WHERE kind = 'summary';
