-- Reminder slots claimed with a lease (issue 13): several dispatchers may share a PostgreSQL database, so a
-- claimed row names its holder and keeps its slot until the holder has sent it. While a row is claimed its
-- due_utc is the lease's end: the other dispatchers pass it by until then, and take it over after (a process
-- that died). The club ping gets a due_utc of its own for the same reason (next_fire_utc otherwise).
-- SQLite has one dispatcher and never claims with a lease: claimed_by stays NULL here, and due_utc follows
-- next_fire_utc. The columns exist so both engines run the same statements.
ALTER TABLE reminders ADD COLUMN claimed_by TEXT;
ALTER TABLE server_reminders ADD COLUMN due_utc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE server_reminders ADD COLUMN claimed_by TEXT;
UPDATE server_reminders SET due_utc = next_fire_utc;
DROP INDEX server_reminders_due;
CREATE INDEX server_reminders_due ON server_reminders (due_utc);
CREATE INDEX reminders_claimed ON reminders (claimed_by) WHERE claimed_by IS NOT NULL;
