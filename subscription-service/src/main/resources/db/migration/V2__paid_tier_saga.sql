-- Paid tiers are charged to the tutor's wallet (NGN) through a saga with wallet-service.
-- List prices in USD stay for display; NGN prices are what the wallet is charged.
INSERT INTO tier_price (tier_code, currency, amount_minor)
VALUES ('free', 'NGN', 0),
       ('basic', 'NGN', 5850000),
       ('professional', 'NGN', 14850000),
       ('expert', 'NGN', 37350000),
       ('grand_master', 'NGN', 74850000);

-- A renewal whose charge was refused leaves the subscription past_due from this instant; after the
-- grace period the tutor returns to the free tier.
ALTER TABLE tutor_subscription ADD COLUMN past_due_since TIMESTAMPTZ;

-- One row per charge: the state of the saga survives restarts; a reply moves it on exactly once.
CREATE TABLE charge_saga (
    saga_id         UUID PRIMARY KEY,
    tutor_id        BIGINT      NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('subscribe', 'renewal')),
    tier_code       TEXT        NOT NULL REFERENCES tier (code),
    tutor_type      TEXT        NOT NULL,
    auto_renew      BOOLEAN     NOT NULL,
    amount_minor    BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency        CHAR(3)     NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('charging', 'completed', 'refused')),
    outcome         TEXT,
    transaction_ref TEXT,
    command_sent_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- At most one charge in flight per tutor: a second paid change waits for the first.
CREATE UNIQUE INDEX charge_saga_one_open ON charge_saga (tutor_id) WHERE state = 'charging';
