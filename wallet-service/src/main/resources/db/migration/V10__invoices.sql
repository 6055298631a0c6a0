-- Invoices of paid tier periods (seed 004): one per subscription charge, written in the charge's transaction.

-- The last number issued per calendar year (UTC). A charge takes the next number by updating this row in its
-- own transaction: concurrent charges queue on the row and a rolled-back charge gives its number back, so the
-- numbers have no gaps (a PostgreSQL sequence would leave one for every rollback).
CREATE TABLE invoice_number_counter (
    year        INT    PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last_number BIGINT NOT NULL CHECK (last_number > 0)
);

CREATE TABLE invoice (
    id                    BIGSERIAL PRIMARY KEY,
    number                TEXT          NOT NULL UNIQUE,
    tutor_id              BIGINT        NOT NULL,
    -- The paid-tier saga whose charge this invoice is for.
    saga_id               TEXT          NOT NULL UNIQUE,
    tier                  TEXT          NOT NULL,
    period_start          TIMESTAMPTZ   NOT NULL,
    currency              TEXT          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Prices include tax: subtotal + tax = total, the amount the ledger moved.
    subtotal_minor        BIGINT        NOT NULL CHECK (subtotal_minor >= 0),
    tax_name              TEXT          NOT NULL,
    tax_rate_percent      NUMERIC(5, 2) NOT NULL CHECK (tax_rate_percent BETWEEN 0 AND 100),
    tax_minor             BIGINT        NOT NULL CHECK (tax_minor >= 0),
    total_minor           BIGINT        NOT NULL CHECK (total_minor > 0 AND subtotal_minor + tax_minor = total_minor),
    status                TEXT          NOT NULL CHECK (status IN ('PAID')),
    ledger_transaction_id BIGINT        NOT NULL UNIQUE REFERENCES ledger_transaction (id),
    transaction_ref       TEXT          NOT NULL,
    issued_at             TIMESTAMPTZ   NOT NULL
);

CREATE INDEX invoice_tutor_idx ON invoice (tutor_id, id DESC);
