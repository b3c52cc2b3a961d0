-- Every run updates its server's row of the week in guild_weeks. With room left on each page the update is
-- HOT (no index entry, the old version pruned in place); full pages left thousands of dead versions for the
-- digest's one-row read to step over (14 ms after 4,000 runs in a week, measured by bench.club_bench).
ALTER TABLE guild_weeks SET (fillfactor = 50);
