-- /run stats reads a member's longest run (ORDER BY distance_m DESC, run_date, id LIMIT 1). With an index on
-- (guild_id, user_id, distance_m) alone, every run tied at the longest distance was sorted first, and members
-- log round distances ("10k"): 13 ms at 20,000 such runs, a cost that grew with the member's history. This
-- index holds the runs in exactly that order, so the first entry is the answer.
DROP INDEX runs_member_distance;
CREATE INDEX runs_member_longest ON runs (guild_id, user_id, distance_m DESC, run_date, id);
