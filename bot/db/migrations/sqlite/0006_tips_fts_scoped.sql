-- Advice search per server: one full-text index of the built-ins, and one per server with tips of its
-- own (the built-ins plus that server's tips), so a search and its bm25 statistics read only its
-- server's index, however many tips other servers hold. Indexes are contentless (tips stays the one
-- copy of the text) and kept by bot/db/tips.py, which builds a server's index on first use and again
-- after a library update (`library` = the library version the index holds; -1 = not built).
DROP TRIGGER tips_ai;
DROP TRIGGER tips_ad;
DROP TRIGGER tips_au;
DROP TABLE tips_vocab;
DROP TABLE tips_fts;

CREATE TABLE tip_scopes (
    scope     INTEGER PRIMARY KEY,
    guild_id  INTEGER NOT NULL UNIQUE,
    library   INTEGER NOT NULL DEFAULT -1
);
INSERT INTO tip_scopes (guild_id) SELECT DISTINCT guild_id FROM tips WHERE guild_id IS NOT NULL ORDER BY guild_id;

CREATE VIRTUAL TABLE tips_fts_builtin USING fts5(
    title, body, tags, content='', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO tips_fts_builtin (rowid, title, body, tags) SELECT id, title, body, tags FROM tips WHERE guild_id IS NULL;
