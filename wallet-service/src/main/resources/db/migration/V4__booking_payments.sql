-- Booking payments (seed 002 §2-§3): a student's card payment for a booked seat is held in the
-- platform's booking escrow until the session completes (then split between the platform's
-- commission and the tutor's earnings) or is refunded through Stripe.
ALTER TABLE account DROP CONSTRAINT account_code_check;
ALTER TABLE account ADD CONSTRAINT account_code_check
    CHECK (code IN ('wallet', 'hours_available', 'hours_held', 'stripe_clearing', 'hours_sales', 'subscription_sales',
                    'adjustments', 'hours_issued', 'hours_consumed', 'booking_escrow', 'platform_commission',
                    'earnings'));
ALTER TABLE ledger_transaction DROP CONSTRAINT ledger_transaction_kind_check;
ALTER TABLE ledger_transaction ADD CONSTRAINT ledger_transaction_kind_check
    CHECK (kind IN ('top_up', 'hours_purchase', 'subscription', 'adjustment', 'hours_reserve', 'hours_settle',
                    'hours_release', 'booking_payment', 'booking_refund', 'booking_release'));

-- The tier's commission in percent, as the newest subscription or tier event said (NULL: the configured default).
ALTER TABLE tutor_plan ADD COLUMN commission_rate NUMERIC(5, 2) CHECK (commission_rate BETWEEN 0 AND 100);

CREATE TABLE booking_payment (
    booking_id             TEXT PRIMARY KEY,
    -- The booking saga that created the payment; webhook outcomes are replied to it.
    saga_id                TEXT        NOT NULL,
    reply_topic            TEXT        NOT NULL,
    student_id             BIGINT      NOT NULL,
    tutor_id               BIGINT      NOT NULL,
    slot_id                BIGINT      NOT NULL,
    amount_minor           BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency               TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status                 TEXT        NOT NULL CHECK (status IN ('REQUIRES_PAYMENT', 'SUCCEEDED', 'FAILED', 'CANCELLED',
                                                                  'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED',
                                                                  'RELEASED', 'REFUSED')),
    payment_intent_id      TEXT UNIQUE,
    client_secret          TEXT,
    failure_reason         TEXT,
    -- What Stripe collected (set by payment_intent.succeeded), refunded (charge.refunded) and what went to the tutor.
    paid_minor             BIGINT      NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    refund_requested_minor BIGINT      NOT NULL DEFAULT 0 CHECK (refund_requested_minor >= 0),
    refunded_minor         BIGINT      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    refund_id              TEXT,
    refund_saga_id         TEXT,
    refund_reply_topic     TEXT,
    released_minor         BIGINT      NOT NULL DEFAULT 0 CHECK (released_minor >= 0),
    commission_minor       BIGINT      NOT NULL DEFAULT 0 CHECK (commission_minor >= 0),
    commission_rate        NUMERIC(5, 2),
    teaching_session_id    TEXT,
    released_at            TIMESTAMPTZ,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CHECK (commission_minor <= released_minor)
);
CREATE INDEX booking_payment_tutor_released ON booking_payment (tutor_id, released_at) WHERE released_at IS NOT NULL;
