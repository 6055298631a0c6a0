-- RetentionJob deletes published outbox rows and expired Idempotency-Key answers by age, in batches.
-- Both tables are written in created_at order, so a BRIN index finds the old pages at almost no cost per insert.
CREATE INDEX outbox_event_created_brin ON outbox_event USING brin (created_at);
CREATE INDEX idempotency_key_created_brin ON idempotency_key USING brin (created_at);
