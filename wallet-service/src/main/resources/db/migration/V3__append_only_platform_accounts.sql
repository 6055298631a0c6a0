-- Platform accounts take one side of every tutor's movement; a cached balance there made every
-- purchase wait for one locked row. They are append-only now: their balance is the sum of their
-- entries, their entries carry no balance_after, and account.balance stays 0 for them.
ALTER TABLE ledger_entry ALTER COLUMN balance_after DROP NOT NULL;
UPDATE ledger_entry e SET balance_after = NULL FROM account a WHERE a.id = e.account_id AND a.owner_id IS NULL;
UPDATE account SET balance = 0 WHERE owner_id IS NULL;
ALTER TABLE account ADD CONSTRAINT platform_balance_not_cached CHECK (owner_id IS NOT NULL OR balance = 0);
