-- Session service: coaching sessions, their participants and time warnings, the hours saga with
-- wallet-service, and the admin coaching settings. Platform tables come from db/platform.

-- The admin's coaching settings: a single row, seeded with seed 000's defaults (10.0 NGN an hour).
-- Money in minor units of the currency. `announced` tells whether wallet-service has been sent them.
CREATE TABLE coaching_settings (
    id                        SMALLINT PRIMARY KEY CHECK (id = 1),
    price_per_hour_minor      BIGINT      NOT NULL CHECK (price_per_hour_minor > 0),
    currency                  CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    default_duration_minutes  INT         NOT NULL CHECK (default_duration_minutes BETWEEN 15 AND 480),
    warning_threshold_minutes INT         NOT NULL CHECK (warning_threshold_minutes BETWEEN 1 AND 60),
    auto_end_enabled          BOOLEAN     NOT NULL,
    announced                 BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO coaching_settings (id, price_per_hour_minor, currency, default_duration_minutes, warning_threshold_minutes,
                               auto_end_enabled)
VALUES (1, 1000, 'NGN', 60, 10, TRUE);

-- Coaching sessions. pending (hours being reserved) → scheduled | failed; scheduled → active → ended;
-- pending, scheduled or active → cancelled. Durations and hours in whole minutes.
CREATE TABLE coaching_session (
    id                BIGSERIAL PRIMARY KEY,
    tutor_id          BIGINT      NOT NULL,
    title             TEXT        NOT NULL,
    description       TEXT,
    start_time        TIMESTAMPTZ NOT NULL,
    end_time          TIMESTAMPTZ NOT NULL CHECK (end_time > start_time),
    duration_minutes  INT         NOT NULL CHECK (duration_minutes > 0),
    minutes_reserved  INT         NOT NULL CHECK (minutes_reserved >= 0),
    minutes_used      INT CHECK (minutes_used >= 0 AND minutes_used <= minutes_reserved),
    stream_call_id    TEXT        NOT NULL UNIQUE,
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'scheduled', 'active', 'ended', 'cancelled', 'failed')),
    failure_reason    TEXT,
    actual_start_time TIMESTAMPTZ,
    actual_end_time   TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX coaching_session_tutor ON coaching_session (tutor_id, start_time DESC);
CREATE INDEX coaching_session_active_end ON coaching_session (end_time) WHERE status = 'active';

-- Students invited to a session; invited once each.
CREATE TABLE coaching_session_participant (
    id         BIGSERIAL PRIMARY KEY,
    session_id BIGINT      NOT NULL REFERENCES coaching_session (id),
    student_id BIGINT      NOT NULL,
    invited_at TIMESTAMPTZ NOT NULL,
    joined_at  TIMESTAMPTZ,
    left_at    TIMESTAMPTZ,
    UNIQUE (session_id, student_id)
);
CREATE INDEX coaching_session_participant_student ON coaching_session_participant (student_id);

-- Time warnings sent (the warning point in minutes before the end), so each goes out once.
CREATE TABLE coaching_session_warning (
    session_id      BIGINT      NOT NULL REFERENCES coaching_session (id),
    warning_minutes INT         NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, warning_minutes)
);

-- The coaching-session saga with wallet-service: one row per command (reserve at creation, settle
-- at the end, release on cancel), each with its own saga_id that the reply carries back.
-- awaiting_reply steps are resent with the same saga_id until answered; `reply` keeps the reply's data.
CREATE TABLE session_saga (
    saga_id      UUID PRIMARY KEY,
    session_id   BIGINT      NOT NULL REFERENCES coaching_session (id),
    tutor_id     BIGINT      NOT NULL,
    step         TEXT        NOT NULL CHECK (step IN ('reserve', 'settle', 'release')),
    minutes      INT CHECK (minutes >= 0),
    state        TEXT        NOT NULL CHECK (state IN ('awaiting_reply', 'completed', 'refused', 'abandoned')),
    attempts     INT         NOT NULL CHECK (attempts >= 1),
    last_sent_at TIMESTAMPTZ NOT NULL,
    reply_type   TEXT,
    reply        TEXT,
    replied_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_saga_session ON session_saga (session_id);
CREATE INDEX session_saga_awaiting ON session_saga (last_sent_at) WHERE state = 'awaiting_reply';
