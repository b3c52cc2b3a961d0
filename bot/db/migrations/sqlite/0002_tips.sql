-- Tips: the built-in library (guild_id NULL, keyed by builtin_key) and each server's own tips.
CREATE TABLE tips (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER,
    builtin_key  TEXT UNIQUE,
    topic        TEXT    NOT NULL,
    kind         TEXT    NOT NULL DEFAULT 'general',
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    source       TEXT,
    tags         TEXT    NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    CHECK ((guild_id IS NULL) = (builtin_key IS NOT NULL))
);
CREATE INDEX tips_guild_topic ON tips (guild_id, topic);
CREATE INDEX tips_kind ON tips (kind, guild_id);

CREATE VIRTUAL TABLE tips_fts USING fts5(
    title, body, tags, content='tips', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER tips_ai AFTER INSERT ON tips BEGIN
    INSERT INTO tips_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER tips_ad AFTER DELETE ON tips BEGIN
    INSERT INTO tips_fts (tips_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER tips_au AFTER UPDATE OF title, body, tags ON tips BEGIN
    INSERT INTO tips_fts (tips_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
    INSERT INTO tips_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;

-- Built-in tips a server does not want.
CREATE TABLE hidden_tips (
    guild_id  INTEGER NOT NULL,
    tip_id    INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, tip_id)
) WITHOUT ROWID;

-- One vote per member per tip; +1 helpful, -1 not helpful.
CREATE TABLE tip_votes (
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    tip_id    INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
    vote      INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    PRIMARY KEY (guild_id, tip_id, user_id)
) WITHOUT ROWID;

CREATE TABLE tip_audit (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    tip_id      INTEGER,
    detail      TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL
);
CREATE INDEX tip_audit_guild ON tip_audit (guild_id, id);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
