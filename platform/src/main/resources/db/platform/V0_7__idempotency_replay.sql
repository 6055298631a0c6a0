-- Idempotency-Key as a state machine (issue 7): each claim carries a token so that only its own
-- attempt stores or releases it, and a replay repeats the headers that matter, not only the type.
ALTER TABLE idempotency_key ADD COLUMN claim_token UUID;
ALTER TABLE idempotency_key ADD COLUMN response_headers TEXT;
ALTER TABLE idempotency_key DROP COLUMN content_type;
