-- The end of the paid period an invoice is for (issue 11: invoices name the period). Null on invoices issued
-- before charges carried it; those show the period's start only.
ALTER TABLE invoice ADD COLUMN period_end TIMESTAMPTZ CHECK (period_end IS NULL OR period_end > period_start);
