-- Scheduling service baseline: the platform tables (outbox, inbox, dead letters, idempotency keys,
-- user directory) come from db/platform; this service's own tables arrive with its feature work.
COMMENT ON SCHEMA public IS 'coachwork scheduling-service';
