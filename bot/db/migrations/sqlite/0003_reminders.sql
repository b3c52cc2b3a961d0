-- Reminders. Instants are unix seconds (UTC); wall-clock times are 'HH:MM' in the row's time zone.

-- A member's own reminders (at most 10 per member and server, enforced in bot/reminders/service.py).
CREATE TABLE reminders (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('stretch', 'core', 'custom')),
    at_time        TEXT    NOT NULL,
    days_mask      INTEGER NOT NULL CHECK (days_mask BETWEEN 1 AND 127),
    timezone       TEXT    NOT NULL,
    target         TEXT    NOT NULL CHECK (target IN ('dm', 'channel')),
    channel_id     INTEGER,               -- the server channel for target 'channel'
    dm_channel_id  INTEGER,               -- the member's DM channel, learnt at the first DM
    message        TEXT,                  -- custom text (kind 'custom'), at most 200 characters
    paused         INTEGER NOT NULL DEFAULT 0,
    next_fire_utc  INTEGER NOT NULL,      -- the next regular slot
    snooze_utc     INTEGER,               -- a one-off re-send (Snooze 1 h)
    due_utc        INTEGER NOT NULL,      -- min(next_fire_utc, snooze_utc): what the dispatcher waits for
    last_fire_utc  INTEGER,               -- the slot last sent; its buttons refer to it
    sends          INTEGER NOT NULL DEFAULT 0,  -- rotates the tip
    failures       INTEGER NOT NULL DEFAULT 0,  -- deliveries refused in a row
    created_at     TEXT    NOT NULL,
    CHECK ((target = 'channel') = (channel_id IS NOT NULL))
);
CREATE INDEX reminders_member ON reminders (guild_id, user_id);
-- The dispatcher's only scan: the earliest due active reminders.
CREATE INDEX reminders_due ON reminders (due_utc) WHERE paused = 0;

-- The daily club ping: one per server, in a channel, optionally mentioning one role.
CREATE TABLE server_reminders (
    guild_id       INTEGER PRIMARY KEY,
    channel_id     INTEGER NOT NULL,
    at_time        TEXT    NOT NULL,
    timezone       TEXT    NOT NULL,
    role_id        INTEGER,
    kind           TEXT    NOT NULL CHECK (kind IN ('stretch', 'core')),
    next_fire_utc  INTEGER NOT NULL,
    last_fire_utc  INTEGER,
    failures       INTEGER NOT NULL DEFAULT 0,
    set_by         INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX server_reminders_due ON server_reminders (next_fire_utc);

-- One row per member per reminder slot they marked Done (reminder_id 0: the server's club ping).
-- Kept when a reminder is removed, so the streak survives; erased by /me forget.
CREATE TABLE reminder_dones (
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    reminder_id  INTEGER NOT NULL,
    fire_utc     INTEGER NOT NULL,
    local_date   TEXT    NOT NULL,      -- the day (reminder's zone) the slot belongs to
    done_at      TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id, reminder_id, fire_utc)
) WITHOUT ROWID;
CREATE INDEX reminder_dones_days ON reminder_dones (guild_id, user_id, local_date);
