-- Refused adjustments are audited too: they move nothing, so they have no ledger transaction, and an
-- amount beyond what a wallet can hold has no minor-unit value (the refusal text quotes it).
ALTER TABLE audit_log
    ADD COLUMN outcome TEXT NOT NULL DEFAULT 'applied' CHECK (outcome IN ('applied', 'refused')),
    ADD COLUMN refusal TEXT,
    ALTER COLUMN ledger_transaction_id DROP NOT NULL,
    ALTER COLUMN amount_minor DROP NOT NULL,
    ADD CONSTRAINT audit_log_applied_has_movement
        CHECK (outcome = 'refused' OR (ledger_transaction_id IS NOT NULL AND amount_minor IS NOT NULL));
