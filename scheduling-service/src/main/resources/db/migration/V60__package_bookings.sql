-- Bookings paid with a session-package credit (issue 11): wallet-service spends and gives back the
-- credit; the booking's payment reads PACKAGE_PENDING (credit asked for), PACKAGE_CREDIT (spent) or
-- CREDIT_RETURNED (given back on a cancel or refusal). The booking costs nothing by card (price 0).
ALTER TABLE booking DROP CONSTRAINT booking_payment_status_check;
ALTER TABLE booking ADD CONSTRAINT booking_payment_status_check
    CHECK (payment_status IN ('REQUIRES_PAYMENT', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUND_PENDING', 'REFUNDED',
                              'PARTIALLY_REFUNDED', 'PACKAGE_PENDING', 'PACKAGE_CREDIT', 'CREDIT_RETURNED'));

-- Which purchase pays a booking.
CREATE TABLE booking_package (
    booking_id  UUID PRIMARY KEY REFERENCES booking (id),
    purchase_id UUID NOT NULL
);
CREATE INDEX booking_package_by_purchase ON booking_package (purchase_id);

-- A read model of each purchase's credits from wallet-service's coachwork.payment.package.* events,
-- for a clear synchronous refusal ("No credits left in this package"); the booking saga and
-- wallet-service stay authoritative. occurred_at keeps the newest fact only.
CREATE TABLE package_credit_view (
    purchase_id      UUID PRIMARY KEY,
    tutor_id         BIGINT      NOT NULL,
    student_id       BIGINT      NOT NULL,
    status           TEXT        NOT NULL,
    duration_minutes INT         NOT NULL,
    credits_total    INT         NOT NULL,
    credits_left     INT         NOT NULL,
    expires_at       TIMESTAMPTZ,
    occurred_at      TIMESTAMPTZ NOT NULL
);
