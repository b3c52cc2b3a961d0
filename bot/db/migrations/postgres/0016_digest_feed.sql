-- The weekly digest and the feed, as SQLite's 0020: settings, feed opt-ins, feed posts (at most 5 runs a
-- member a day) and kudos.
CREATE TABLE club_settings (
    guild_id          BIGINT  PRIMARY KEY,
    digest_channel_id BIGINT,
    digest_day        INTEGER CHECK (digest_day BETWEEN 0 AND 6),   -- Monday 0
    digest_time       TEXT,                                          -- 'HH:MM' in the server's zone
    feed_channel_id   BIGINT,
    updated_by        BIGINT  NOT NULL,
    updated_at        TEXT    NOT NULL
);

CREATE TABLE feed_members (
    guild_id   BIGINT  NOT NULL,
    user_id    BIGINT  NOT NULL,
    since      TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE feed_posts (
    guild_id    BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    run_id      BIGINT  NOT NULL,      -- the run (the first one of an import's summary)
    local_date  TEXT    NOT NULL,      -- the member's day it was posted, for the daily limit
    runs        INTEGER NOT NULL DEFAULT 1,
    message_id  BIGINT,
    posted_at   TEXT    NOT NULL,
    PRIMARY KEY (guild_id, run_id)
);
CREATE INDEX feed_posts_member_day ON feed_posts (guild_id, user_id, local_date);

CREATE TABLE kudos (
    guild_id   BIGINT  NOT NULL,
    run_id     BIGINT  NOT NULL,
    user_id    BIGINT  NOT NULL,       -- who gave it
    owner_id   BIGINT  NOT NULL,       -- whose run it is
    given_at   TEXT    NOT NULL,
    PRIMARY KEY (guild_id, run_id, user_id)
);
CREATE INDEX kudos_received ON kudos (guild_id, owner_id, given_at);
CREATE INDEX kudos_given ON kudos (guild_id, user_id);

-- The digest's reads of one server's week: every member's weekly totals, and the records set in it.
CREATE INDEX member_weeks_guild_week ON member_weeks (guild_id, week_start);
CREATE INDEX member_bests_guild_date ON member_bests (guild_id, run_date);
