-- Mirrors SQLite's 0011_reminder_leases: a claimed reminder row names its holder (claimed_by) and, while
-- claimed, its due_utc is the lease's end; the club ping gets a due_utc of its own. Dispatchers claim due
-- rows with SELECT ... FOR UPDATE SKIP LOCKED (bot/db/reminders.py) and take over expired leases.
ALTER TABLE reminders ADD COLUMN claimed_by TEXT;
ALTER TABLE server_reminders ADD COLUMN due_utc BIGINT NOT NULL DEFAULT 0;
ALTER TABLE server_reminders ADD COLUMN claimed_by TEXT;
UPDATE server_reminders SET due_utc = next_fire_utc;
DROP INDEX server_reminders_due;
CREATE INDEX server_reminders_due ON server_reminders (due_utc);
CREATE INDEX reminders_claimed ON reminders (claimed_by) WHERE claimed_by IS NOT NULL;
