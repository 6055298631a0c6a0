-- Session packages (issue 11): a tutor sells N sessions of one duration at a price (explicit, or a
-- discount off the hourly rate scheduling-service announced); a student pays one by card and spends
-- a credit per booking. Money: stripe_clearing → package_escrow at payment; package_escrow →
-- platform_commission + earnings (tutor) per completed session; package_escrow → package_forfeits
-- for credits that expired unused; package_escrow → stripe_clearing for a refund confirmed by Stripe.
ALTER TABLE account DROP CONSTRAINT account_code_check;
ALTER TABLE account ADD CONSTRAINT account_code_check
    CHECK (code IN ('wallet', 'hours_available', 'hours_held', 'stripe_clearing', 'hours_sales', 'subscription_sales',
                    'adjustments', 'hours_issued', 'hours_consumed', 'booking_escrow', 'platform_commission',
                    'earnings', 'package_escrow', 'package_forfeits'));
ALTER TABLE ledger_transaction DROP CONSTRAINT ledger_transaction_kind_check;
ALTER TABLE ledger_transaction ADD CONSTRAINT ledger_transaction_kind_check
    CHECK (kind IN ('top_up', 'hours_purchase', 'subscription', 'adjustment', 'hours_reserve', 'hours_settle',
                    'hours_release', 'booking_payment', 'booking_refund', 'booking_release', 'package_payment',
                    'package_release', 'package_expiry', 'package_refund'));

-- The hourly rate of each approved tutor, from scheduling-service's profile events (discount pricing).
CREATE TABLE package_tutor_rate (
    tutor_id          BIGINT PRIMARY KEY,
    hourly_rate_minor BIGINT      NOT NULL CHECK (hourly_rate_minor >= 0),
    currency          TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    decided_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE session_package (
    id               BIGSERIAL PRIMARY KEY,
    tutor_id         BIGINT       NOT NULL,
    name             TEXT         NOT NULL,
    session_count    INT          NOT NULL CHECK (session_count BETWEEN 1 AND 100),
    duration_minutes INT          NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    price_minor      BIGINT       NOT NULL CHECK (price_minor > 0),
    currency         TEXT         NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Set when the price was derived from the hourly rate (kept to show the saving).
    discount_percent NUMERIC(5, 2) CHECK (discount_percent BETWEEN 0 AND 100),
    hourly_rate_minor BIGINT,
    validity_days    INT          NOT NULL CHECK (validity_days BETWEEN 1 AND 730),
    active           BOOLEAN      NOT NULL,
    deleted_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX session_package_by_tutor ON session_package (tutor_id, id) WHERE deleted_at IS NULL;

-- A student's purchase: the package's terms copied at purchase time. Credits: used counts credits
-- spent on live bookings (a returned one is no longer counted); settled counts credits whose money
-- left the escrow (released to the tutor or forfeited at expiry), which orders the per-credit shares.
CREATE TABLE package_purchase (
    id                UUID PRIMARY KEY,
    package_id        BIGINT      NOT NULL REFERENCES session_package (id),
    tutor_id          BIGINT      NOT NULL,
    student_id        BIGINT      NOT NULL,
    name              TEXT        NOT NULL,
    session_count     INT         NOT NULL CHECK (session_count >= 1),
    duration_minutes  INT         NOT NULL,
    price_minor       BIGINT      NOT NULL CHECK (price_minor > 0),
    currency          TEXT        NOT NULL,
    validity_days     INT         NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('REQUIRES_PAYMENT', 'ACTIVE', 'FAILED', 'CANCELLED',
                                                             'REFUND_PENDING', 'REFUNDED', 'EXPIRED')),
    payment_intent_id TEXT UNIQUE,
    client_secret     TEXT,
    failure_reason    TEXT,
    paid_minor        BIGINT      NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    credits_used      INT         NOT NULL DEFAULT 0,
    credits_settled   INT         NOT NULL DEFAULT 0,
    credits_expired   INT         NOT NULL DEFAULT 0,
    released_minor    BIGINT      NOT NULL DEFAULT 0 CHECK (released_minor >= 0),
    commission_minor  BIGINT      NOT NULL DEFAULT 0 CHECK (commission_minor >= 0),
    forfeited_minor   BIGINT      NOT NULL DEFAULT 0 CHECK (forfeited_minor >= 0),
    refunded_minor    BIGINT      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    paid_at           TIMESTAMPTZ,
    expires_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK (credits_used BETWEEN 0 AND session_count),
    CHECK (credits_used + credits_expired <= session_count),
    CHECK (credits_settled <= session_count),
    CHECK (released_minor + forfeited_minor + refunded_minor <= paid_minor)
);
CREATE INDEX package_purchase_by_student ON package_purchase (student_id, created_at DESC);
CREATE INDEX package_purchase_by_tutor ON package_purchase (tutor_id, created_at DESC);
CREATE INDEX package_purchase_expiry_due ON package_purchase (expires_at) WHERE status = 'ACTIVE';

-- One credit spent on one booking. CONSUMED: the booking holds it; RETURNED: given back (cancelled
-- or refused booking); RELEASED: its session completed and its share went to the tutor.
CREATE TABLE package_credit (
    booking_id          TEXT PRIMARY KEY,
    purchase_id         UUID        NOT NULL REFERENCES package_purchase (id),
    status              TEXT        NOT NULL CHECK (status IN ('CONSUMED', 'RETURNED', 'RELEASED')),
    starts_at           TIMESTAMPTZ,
    share_minor         BIGINT,
    commission_minor    BIGINT,
    commission_rate     NUMERIC(5, 2),
    teaching_session_id TEXT,
    consumed_at         TIMESTAMPTZ NOT NULL,
    returned_at         TIMESTAMPTZ,
    released_at         TIMESTAMPTZ
);
CREATE INDEX package_credit_by_purchase ON package_credit (purchase_id, consumed_at);
