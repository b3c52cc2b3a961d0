-- The outbox for scheduled posts (bot/reminders/outbox.py): posts queued by the club features (challenge
-- results, event DMs, digests) and sent by the reminder dispatcher with the same exactly-once rules.
-- Instants are unix seconds (UTC).
CREATE TABLE scheduled_posts (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,            -- a registered post kind
    post_key    TEXT    NOT NULL,            -- the queuer's name for it: queuing it again changes nothing
    due_utc     INTEGER NOT NULL,            -- when it should go out
    wake_utc    INTEGER,                     -- when the dispatcher looks at it next: its due instant, a retry,
                                             -- or the end of a lease; NULL while claimed without lease or settled
    claimed_by  TEXT,                        -- the dispatcher sending it now
    tries       INTEGER NOT NULL DEFAULT 0,  -- rounds that left messages to retry
    payload     TEXT    NOT NULL,            -- JSON, handed to the kind's renderer
    state       TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'skipped', 'failed')),
    created_at  TEXT    NOT NULL,
    settled_utc INTEGER,
    UNIQUE (guild_id, kind, post_key)
);
CREATE INDEX scheduled_posts_wake ON scheduled_posts (wake_utc) WHERE wake_utc IS NOT NULL;
CREATE INDEX scheduled_posts_claimed ON scheduled_posts (claimed_by) WHERE claimed_by IS NOT NULL;

-- Each message of a post that was handled (sent, refused or given up on), so a post sent again after a crash
-- sends only what is missing. `target` names the message: 'c<channel id>' or 'u<user id>', then '#n'.
CREATE TABLE scheduled_post_messages (
    post_id  INTEGER NOT NULL REFERENCES scheduled_posts (id) ON DELETE CASCADE,
    target   TEXT    NOT NULL,
    status   TEXT    NOT NULL CHECK (status IN ('sent', 'refused', 'failed')),
    at_utc   INTEGER NOT NULL,
    PRIMARY KEY (post_id, target)
) WITHOUT ROWID;
