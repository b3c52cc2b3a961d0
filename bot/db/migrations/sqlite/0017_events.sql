-- Group runs: an event with a start instant, its card, and members' answers (going, maybe, no). A weekly
-- event is a series: each occurrence is a row of its own (`series_id` is the first one's id), the next one
-- made when the current one starts. The answer counts are kept in the answering transaction.
CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    guild_id            INTEGER NOT NULL,
    series_id           INTEGER,                 -- weekly: the first occurrence's id (itself for the first)
    organiser_id        INTEGER NOT NULL,
    title               TEXT    NOT NULL,
    starts_at           TEXT    NOT NULL,        -- UTC instant
    zone                TEXT    NOT NULL,        -- the zone `when` was read in (a weekly series keeps its wall clock)
    place               TEXT,
    distance_m          REAL,
    pace_s_per_km       REAL,
    details             TEXT,
    repeat              TEXT    NOT NULL DEFAULT 'none' CHECK (repeat IN ('none', 'weekly')),
    channel_id          INTEGER NOT NULL,
    message_id          INTEGER,                 -- its card, once known
    discord_event_id    INTEGER,                 -- the matching Discord scheduled event, where Stride may make one
    going               INTEGER NOT NULL DEFAULT 0,
    maybe               INTEGER NOT NULL DEFAULT 0,
    declined            INTEGER NOT NULL DEFAULT 0,
    cancelled_at        TEXT,
    cancelled_by        INTEGER,
    created_at          TEXT    NOT NULL
);
CREATE INDEX events_guild_start ON events (guild_id, starts_at);
CREATE UNIQUE INDEX events_series_start ON events (series_id, starts_at) WHERE series_id IS NOT NULL;

CREATE TABLE event_rsvps (
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    answer       TEXT    NOT NULL CHECK (answer IN ('going', 'maybe', 'no')),
    answered_at  TEXT    NOT NULL,
    PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
-- The DM an hour before, and the names on the card: the Going answers of one event, oldest first.
CREATE INDEX event_rsvps_answer ON event_rsvps (event_id, answer, answered_at);
CREATE INDEX event_rsvps_member ON event_rsvps (guild_id, user_id);
