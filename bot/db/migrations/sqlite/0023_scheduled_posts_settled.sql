-- Settled scheduled posts are pruned once their key need not be remembered (bot/reminders/outbox.py,
-- KEEP_SETTLED): the dispatcher finds the oldest through this index.
CREATE INDEX scheduled_posts_settled ON scheduled_posts (settled_utc) WHERE settled_utc IS NOT NULL;
