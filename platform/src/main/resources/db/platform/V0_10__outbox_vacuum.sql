-- The outbox is a queue in a table that keeps a day of published rows (RetentionJob). Publishing a row
-- leaves a dead version of it and a dead entry in outbox_event_pending, which every relay claim walks until
-- VACUUM removes it. The default trigger (a fifth of the table dead) lets a day's table gather millions of
-- them between runs; a fixed threshold keeps the walk short. Index cleanup on every run: by default VACUUM
-- skips the indexes while few of the table's pages hold dead rows, which in a table this size is always.
ALTER TABLE outbox_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
                              vacuum_index_cleanup = on);
