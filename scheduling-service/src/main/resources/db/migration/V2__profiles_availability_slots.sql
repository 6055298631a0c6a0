-- Tutor profiles (seeds 001, 003, 004): one row per tutor, keyed by the JWT subject.
CREATE TABLE tutor_profile (
    tutor_id                BIGINT PRIMARY KEY,
    display_name            TEXT,
    bio                     TEXT,
    achievements            TEXT[]      NOT NULL DEFAULT '{}',
    video_url               TEXT,
    tags                    TEXT[]      NOT NULL DEFAULT '{}',
    experience_level        TEXT        NOT NULL DEFAULT 'intermediate',
    hourly_rate_minor       BIGINT      CHECK (hourly_rate_minor >= 0),
    currency                CHAR(3)     NOT NULL DEFAULT 'USD',
    -- Decimals of the currency (2 for USD, 0 for JPY): the directory compares prices in major units.
    currency_digits         SMALLINT    NOT NULL DEFAULT 2,
    default_duration        INT         NOT NULL DEFAULT 60,
    minimum_duration        INT         NOT NULL DEFAULT 30,
    maximum_duration        INT         NOT NULL DEFAULT 120,
    booking_increment       INT         NOT NULL DEFAULT 30,
    buffer_before           INT         NOT NULL DEFAULT 0,
    buffer_after            INT         NOT NULL DEFAULT 0,
    minimum_notice          INT         NOT NULL DEFAULT 120,
    accepting_students      BOOLEAN     NOT NULL DEFAULT TRUE,
    time_zone               TEXT        NOT NULL DEFAULT 'UTC',
    -- Kept for reviews (a later issue): the directory already filters and sorts on it.
    rating                  NUMERIC(3, 2),
    review_count            INT         NOT NULL DEFAULT 0,
    status                  TEXT        NOT NULL DEFAULT 'draft',
    rejection_reason        TEXT,
    applied_at              TIMESTAMPTZ,
    decided_at              TIMESTAMPTZ,
    calendar_token          TEXT UNIQUE,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT tutor_profile_status CHECK (status IN ('draft', 'pending', 'approved', 'rejected'))
);
CREATE INDEX tutor_profile_listed ON tutor_profile (status, accepting_students);

-- Subjects ("games" in seed 001), each with a level or rank and optionally its own rate.
CREATE TABLE tutor_subject (
    tutor_id          BIGINT NOT NULL REFERENCES tutor_profile (tutor_id) ON DELETE CASCADE,
    subject           TEXT   NOT NULL,
    level             TEXT,
    hourly_rate_minor BIGINT CHECK (hourly_rate_minor >= 0),
    PRIMARY KEY (tutor_id, subject)
);
CREATE INDEX tutor_subject_by_subject ON tutor_subject (lower(subject));

-- Every application and decision (seed 003's approval), never updated or deleted.
CREATE TABLE profile_audit (
    id         BIGSERIAL PRIMARY KEY,
    tutor_id   BIGINT      NOT NULL,
    action     TEXT        NOT NULL,
    actor_id   BIGINT      NOT NULL,
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX profile_audit_by_tutor ON profile_audit (tutor_id, id);

-- Weekly schedules (seed 004's CoachingAvailabilitySchedule): several per tutor, at most one default.
CREATE TABLE availability_schedule (
    id         BIGSERIAL PRIMARY KEY,
    tutor_id   BIGINT      NOT NULL,
    name       TEXT        NOT NULL,
    is_default BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tutor_id, name)
);
CREATE UNIQUE INDEX availability_schedule_one_default ON availability_schedule (tutor_id) WHERE is_default;

-- Blocks in the tutor's zone; weekday 1 = Monday (ISO).
CREATE TABLE schedule_block (
    id          BIGSERIAL PRIMARY KEY,
    schedule_id BIGINT NOT NULL REFERENCES availability_schedule (id) ON DELETE CASCADE,
    weekday     SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time  TIME     NOT NULL,
    -- 00:00 as an end means midnight, the end of the day.
    end_time    TIME     NOT NULL
);
CREATE INDEX schedule_block_by_schedule ON schedule_block (schedule_id);

-- A date whose blocks replace the weekday's; no blocks means closed that day.
CREATE TABLE date_override (
    schedule_id   BIGINT NOT NULL REFERENCES availability_schedule (id) ON DELETE CASCADE,
    override_date DATE   NOT NULL,
    PRIMARY KEY (schedule_id, override_date)
);
CREATE TABLE override_block (
    schedule_id   BIGINT NOT NULL,
    override_date DATE   NOT NULL,
    start_time    TIME   NOT NULL,
    end_time      TIME   NOT NULL,
    FOREIGN KEY (schedule_id, override_date) REFERENCES date_override (schedule_id, override_date) ON DELETE CASCADE
);

-- Days (in the tutor's zone) with no availability at all.
CREATE TABLE holiday (
    id         BIGSERIAL PRIMARY KEY,
    tutor_id   BIGINT      NOT NULL,
    start_date DATE        NOT NULL,
    end_date   DATE        NOT NULL,
    note       TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (start_date <= end_date)
);
CREATE INDEX holiday_by_tutor ON holiday (tutor_id, end_date);

-- Seed 002's TeachingSlot: local date and times in the slot's zone, plus the UTC instants they mean.
-- booked_count is the seat guard the booking issue updates in SQL (booked_count < max_participants).
CREATE TABLE teaching_slot (
    id               BIGSERIAL PRIMARY KEY,
    tutor_id         BIGINT      NOT NULL,
    slot_date        DATE        NOT NULL,
    start_time       TIME        NOT NULL,
    end_time         TIME        NOT NULL,
    duration_minutes INT         NOT NULL,
    session_type     TEXT        NOT NULL CHECK (session_type IN ('ONE_TO_ONE', 'GROUP')),
    max_participants INT         NOT NULL CHECK (max_participants BETWEEN 1 AND 20),
    booked_count     INT         NOT NULL DEFAULT 0,
    timezone         TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK (booked_count BETWEEN 0 AND max_participants),
    CHECK (starts_at < ends_at)
);
CREATE INDEX teaching_slot_by_tutor ON teaching_slot (tutor_id, starts_at);
CREATE INDEX teaching_slot_unbooked_by_end ON teaching_slot (ends_at) WHERE booked_count = 0;
