-- Mirrors SQLite's 0024_post_message_ids: the id Discord gave each message of a scheduled post that went out.
ALTER TABLE scheduled_post_messages ADD COLUMN message_id BIGINT;
