-- The id Discord gave each message of a scheduled post that went out, so the post's kind is told them when
-- the post settles (bot/reminders/outbox.py, PostKind.settled): e.g. the card of a weekly group run's next
-- occurrence, to edit it later. NULL for messages not sent, or sent before this column existed.
ALTER TABLE scheduled_post_messages ADD COLUMN message_id INTEGER;
