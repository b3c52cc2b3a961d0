-- The audit log says where each change was made: 'discord' (a slash command) or 'web' (the admins' dashboard).
-- Changes before this migration were all made in Discord.
ALTER TABLE tip_audit ADD COLUMN via TEXT NOT NULL DEFAULT 'discord';
