-- The weekly digest and the feed: where each server wants them, who opted into the feed, what was posted
-- there (at most 5 runs a member a day), and kudos on those runs.
CREATE TABLE club_settings (
    guild_id          INTEGER PRIMARY KEY,
    digest_channel_id INTEGER,
    digest_day        INTEGER CHECK (digest_day BETWEEN 0 AND 6),   -- Monday 0
    digest_time       TEXT,                                          -- 'HH:MM' in the server's zone
    feed_channel_id   INTEGER,
    updated_by        INTEGER NOT NULL,
    updated_at        TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE feed_members (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    since      TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

CREATE TABLE feed_posts (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    run_id      INTEGER NOT NULL,      -- the run (the first one of an import's summary)
    local_date  TEXT    NOT NULL,      -- the member's day it was posted, for the daily limit
    runs        INTEGER NOT NULL DEFAULT 1,
    message_id  INTEGER,
    posted_at   TEXT    NOT NULL,
    PRIMARY KEY (guild_id, run_id)
) WITHOUT ROWID;
CREATE INDEX feed_posts_member_day ON feed_posts (guild_id, user_id, local_date);

CREATE TABLE kudos (
    guild_id   INTEGER NOT NULL,
    run_id     INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,       -- who gave it
    owner_id   INTEGER NOT NULL,       -- whose run it is
    given_at   TEXT    NOT NULL,
    PRIMARY KEY (guild_id, run_id, user_id)
) WITHOUT ROWID;
CREATE INDEX kudos_received ON kudos (guild_id, owner_id, given_at);
CREATE INDEX kudos_given ON kudos (guild_id, user_id);

-- The digest's reads of one server's week: every member's weekly totals, and the records set in it.
CREATE INDEX member_weeks_guild_week ON member_weeks (guild_id, week_start);
CREATE INDEX member_bests_guild_date ON member_bests (guild_id, run_date);
