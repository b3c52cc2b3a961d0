-- /leaderboard sums one server's runs over a date range: a covering index means the query reads
-- only index entries (date range, then member and distance), never the table rows.
CREATE INDEX runs_guild_date ON runs (guild_id, run_date, user_id, distance_m);
