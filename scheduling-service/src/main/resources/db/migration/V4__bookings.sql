-- Paid bookings (issue 9, seed 002 §2-§3). A slot's teaching session id is chosen here at its first
-- hold and kept: session-service and every booking of the slot use it. A generated bookable time
-- becomes a slot of its own when booked (generated = true). cancelled_at: the tutor cancelled the
-- session; no seat of it can be taken again.
ALTER TABLE teaching_slot
    ADD COLUMN teaching_session_id UUID UNIQUE,
    ADD COLUMN generated           BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN cancelled_at        TIMESTAMPTZ;

-- Seed 001's cancellation policy: 'flexible' is seed 002's full refund any time before the start;
-- '24_hours' refunds late_cancel_refund_percent of the price when a student cancels within 24 hours.
ALTER TABLE tutor_profile
    ADD COLUMN cancellation_policy        TEXT     NOT NULL DEFAULT 'flexible'
        CHECK (cancellation_policy IN ('flexible', '24_hours')),
    ADD COLUMN late_cancel_refund_percent SMALLINT NOT NULL DEFAULT 0
        CHECK (late_cancel_refund_percent BETWEEN 0 AND 100);

-- One student's seat in one slot. The slot's booked_count (guarded in SQL) counts the bookings that
-- hold a seat: HELD, PENDING_PAYMENT and CONFIRMED. The slot's times and type are copied so the
-- booking reads the same after the slot cleanup. refund_minor: what was asked back;
-- refunded_minor: what Stripe confirmed.
CREATE TABLE booking (
    id                  UUID PRIMARY KEY,
    slot_id             BIGINT      NOT NULL,
    teaching_session_id UUID        NOT NULL,
    tutor_id            BIGINT      NOT NULL,
    student_id          BIGINT      NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('HELD', 'PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED',
                                                               'EXPIRED', 'PAYMENT_FAILED', 'REFUSED')),
    payment_status      TEXT        NOT NULL CHECK (payment_status IN ('REQUIRES_PAYMENT', 'SUCCEEDED', 'FAILED',
                                                    'CANCELLED', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    session_type        TEXT        NOT NULL,
    max_participants    INT         NOT NULL,
    starts_at           TIMESTAMPTZ NOT NULL,
    ends_at             TIMESTAMPTZ NOT NULL,
    timezone            TEXT        NOT NULL,
    student_timezone    TEXT,
    subject             TEXT,
    notes               TEXT,
    price_minor         BIGINT      NOT NULL CHECK (price_minor >= 0),
    currency            CHAR(3)     NOT NULL,
    refund_minor        BIGINT      NOT NULL DEFAULT 0 CHECK (refund_minor BETWEEN 0 AND price_minor),
    refunded_minor      BIGINT      NOT NULL DEFAULT 0 CHECK (refunded_minor BETWEEN 0 AND price_minor),
    payment_intent_id   TEXT,
    client_secret       TEXT,
    hold_expires_at     TIMESTAMPTZ NOT NULL,
    saga_id             UUID UNIQUE,
    cancelled_by        TEXT CHECK (cancelled_by IN ('STUDENT', 'TUTOR', 'SYSTEM')),
    reason              TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
-- A student holds at most one live seat per slot, whatever the race.
CREATE UNIQUE INDEX booking_one_live_seat ON booking (slot_id, student_id)
    WHERE status IN ('HELD', 'PENDING_PAYMENT', 'CONFIRMED');
CREATE INDEX booking_by_student ON booking (student_id, starts_at DESC, id);
CREATE INDEX booking_by_tutor ON booking (tutor_id, starts_at DESC, id);
CREATE INDEX booking_by_session ON booking (teaching_session_id);
CREATE INDEX booking_hold_due ON booking (hold_expires_at) WHERE status IN ('HELD', 'PENDING_PAYMENT');

-- Students waiting for a seat of a full slot, first come first offered. OFFERED: the student was given
-- a hold (booking_id); LEFT: they left the list.
CREATE TABLE waitlist_entry (
    id         BIGSERIAL PRIMARY KEY,
    slot_id    BIGINT      NOT NULL,
    student_id BIGINT      NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('WAITING', 'OFFERED', 'LEFT')),
    booking_id UUID,
    student_timezone TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX waitlist_one_place ON waitlist_entry (slot_id, student_id) WHERE status = 'WAITING';
CREATE INDEX waitlist_queue ON waitlist_entry (slot_id, id) WHERE status = 'WAITING';
