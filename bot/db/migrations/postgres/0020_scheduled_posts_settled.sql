-- Mirrors SQLite's 0023_scheduled_posts_settled: the oldest settled posts, for pruning.
CREATE INDEX scheduled_posts_settled ON scheduled_posts (settled_utc) WHERE settled_utc IS NOT NULL;
