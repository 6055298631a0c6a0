-- Double-entry ledger. Every movement is one ledger_transaction with entries that sum to zero per
-- unit; account.balance caches the sum of an account's entries and changes only together with them.

CREATE TABLE account (
    id         BIGSERIAL PRIMARY KEY,
    -- The tutor who owns it; NULL for the platform's own accounts (the other side of every movement).
    owner_id   BIGINT,
    code       TEXT        NOT NULL CHECK (code IN ('wallet', 'hours_available', 'hours_held', 'stripe_clearing',
                                                    'hours_sales', 'subscription_sales', 'adjustments',
                                                    'hours_issued', 'hours_consumed')),
    -- An ISO currency (balance in minor units) or MIN (balance in minutes).
    unit       TEXT        NOT NULL CHECK (unit ~ '^[A-Z]{3}$'),
    balance    BIGINT      NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT tutor_balance_not_negative CHECK (owner_id IS NULL OR balance >= 0)
);
CREATE UNIQUE INDEX account_tutor_key ON account (owner_id, code, unit) WHERE owner_id IS NOT NULL;
CREATE UNIQUE INDEX account_platform_key ON account (code, unit) WHERE owner_id IS NULL;

CREATE TABLE ledger_transaction (
    id          BIGSERIAL PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('top_up', 'hours_purchase', 'subscription', 'adjustment',
                                                     'hours_reserve', 'hours_settle', 'hours_release')),
    tutor_id    BIGINT,
    reference   TEXT        NOT NULL,
    description TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_transaction_tutor ON ledger_transaction (tutor_id, id);

CREATE TABLE ledger_entry (
    id             BIGSERIAL PRIMARY KEY,
    transaction_id BIGINT NOT NULL REFERENCES ledger_transaction (id),
    account_id     BIGINT NOT NULL REFERENCES account (id),
    amount         BIGINT NOT NULL CHECK (amount <> 0),
    balance_after  BIGINT NOT NULL
);
CREATE INDEX ledger_entry_account ON ledger_entry (account_id, id);
CREATE INDEX ledger_entry_transaction ON ledger_entry (transaction_id);

-- Card top-ups: created with a Stripe PaymentIntent, credited only by the signed succeeded webhook.
CREATE TABLE top_up (
    id                    UUID PRIMARY KEY,
    tutor_id              BIGINT      NOT NULL,
    amount_minor          BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency              TEXT        NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    payment_intent_id     TEXT UNIQUE,
    credited_minor        BIGINT,
    failure_reason        TEXT,
    ledger_transaction_id BIGINT REFERENCES ledger_transaction (id),
    created_at            TIMESTAMPTZ NOT NULL,
    completed_at          TIMESTAMPTZ
);
CREATE INDEX top_up_tutor ON top_up (tutor_id, created_at);

-- Seed 000's coaching_hours_purchases.
CREATE TABLE hours_purchase (
    id                    BIGSERIAL PRIMARY KEY,
    tutor_id              BIGINT      NOT NULL,
    minutes               BIGINT      NOT NULL CHECK (minutes > 0),
    price_per_hour_minor  BIGINT      NOT NULL CHECK (price_per_hour_minor >= 0),
    total_minor           BIGINT      NOT NULL CHECK (total_minor >= 0),
    currency              TEXT        NOT NULL,
    transaction_ref       TEXT        NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('completed')),
    ledger_transaction_id BIGINT      NOT NULL REFERENCES ledger_transaction (id),
    purchased_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX hours_purchase_tutor ON hours_purchase (tutor_id, id);

-- One hold of hours per coaching session, from reservation to settlement or release.
CREATE TABLE hours_hold (
    session_id       BIGINT PRIMARY KEY,
    tutor_id         BIGINT      NOT NULL,
    saga_id          TEXT        NOT NULL,
    minutes          BIGINT      NOT NULL CHECK (minutes >= 0),
    unlimited        BOOLEAN     NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('held', 'settled', 'released')),
    used_minutes     BIGINT      NOT NULL DEFAULT 0 CHECK (used_minutes >= 0),
    released_minutes BIGINT      NOT NULL DEFAULT 0 CHECK (released_minutes >= 0),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK (used_minutes + released_minutes <= minutes)
);
CREATE INDEX hours_hold_tutor ON hours_hold (tutor_id, status);

-- Saga commands applied, with the reply each got: a repeated command is answered from here.
CREATE TABLE saga_command (
    saga_id       TEXT        NOT NULL,
    command_type  TEXT        NOT NULL,
    reply_type    TEXT,
    reply_payload TEXT,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (saga_id, command_type)
);

-- Each tutor's plan as subscription events describe it; the newest event wins.
CREATE TABLE tutor_plan (
    tutor_id           BIGINT PRIMARY KEY,
    tier               TEXT        NOT NULL,
    unlimited_coaching BOOLEAN     NOT NULL,
    status             TEXT,
    event_time         TIMESTAMPTZ NOT NULL
);

-- The admin's price per coaching hour, from coaching settings events; the newest wins.
CREATE TABLE coaching_price (
    id                   SMALLINT PRIMARY KEY CHECK (id = 1),
    price_per_hour_minor BIGINT      NOT NULL CHECK (price_per_hour_minor >= 0),
    currency             TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    settings_updated_at  TIMESTAMPTZ NOT NULL
);

-- What admins did to wallets, and who did it.
CREATE TABLE audit_log (
    id                    BIGSERIAL PRIMARY KEY,
    admin_id              BIGINT      NOT NULL,
    action                TEXT        NOT NULL,
    tutor_id              BIGINT      NOT NULL,
    amount_minor          BIGINT      NOT NULL,
    currency              TEXT        NOT NULL,
    reason                TEXT        NOT NULL,
    ledger_transaction_id BIGINT      NOT NULL REFERENCES ledger_transaction (id),
    created_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_tutor ON audit_log (tutor_id, id);
