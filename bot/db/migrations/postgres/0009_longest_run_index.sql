-- Mirrors SQLite's 0012_longest_run_index: /run stats' longest run (ORDER BY distance_m DESC, run_date, id
-- LIMIT 1) read from an index in exactly that order, instead of sorting every run tied at the longest distance.
DROP INDEX runs_member_distance;
CREATE INDEX runs_member_longest ON runs (guild_id, user_id, distance_m DESC, run_date, id);
