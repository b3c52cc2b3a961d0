-- Tips search reads every word, as SQLite's FTS5 index does: English stemming without the stop-word list
-- (the list drops words that matter to runners' questions: "off", "up", "out", "down", "over", "again").
-- The question's own filler words are left out by the search (bot/advice/search.py STOPWORDS) on both engines.
CREATE TEXT SEARCH DICTIONARY stride_english_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION stride_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION stride_english ALTER MAPPING REPLACE english_stem WITH stride_english_stem;

DROP INDEX tips_search;
ALTER TABLE tips DROP COLUMN search;
ALTER TABLE tips ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('stride_english', title), 'A')
    || setweight(to_tsvector('stride_english', replace(tags, ',', ' ')), 'B')
    || setweight(to_tsvector('stride_english', body), 'C')
) STORED;
CREATE INDEX tips_search ON tips USING gin (search);
