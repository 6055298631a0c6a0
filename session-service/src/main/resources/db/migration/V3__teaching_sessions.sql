-- Teaching sessions (seed 002 §4, §7): one per slot, created by scheduling-service's booking saga
-- (the id is scheduling's). SCHEDULED → IN_PROGRESS → COMPLETED; SCHEDULED → CANCELLED; SCHEDULED or
-- IN_PROGRESS → NO_SHOW. Times are UTC; `timezone` is the tutor's (for display).
CREATE TABLE teaching_session (
    id               UUID PRIMARY KEY,
    slot_id          BIGINT      NOT NULL UNIQUE,
    tutor_id         BIGINT      NOT NULL,
    session_type     TEXT        NOT NULL CHECK (session_type IN ('ONE_TO_ONE', 'GROUP')),
    max_participants INT         NOT NULL CHECK (max_participants BETWEEN 1 AND 20),
    title            TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    timezone         TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    channel_name     TEXT        NOT NULL UNIQUE,
    no_show          TEXT CHECK (no_show IN ('TUTOR', 'STUDENTS')),
    cancel_reason    TEXT,
    started_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX teaching_session_tutor ON teaching_session (tutor_id, starts_at DESC);
CREATE INDEX teaching_session_open ON teaching_session (starts_at) WHERE status IN ('SCHEDULED', 'IN_PROGRESS');

-- Seed 002's SessionParticipant: one row per booking (a student who cancels and books again has two).
CREATE TABLE teaching_participant (
    id         UUID PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES teaching_session (id),
    booking_id UUID        NOT NULL UNIQUE,
    student_id BIGINT      NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'REFUNDED')),
    booked_at  TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- A student holds at most one live seat in a session.
CREATE UNIQUE INDEX teaching_participant_one_seat ON teaching_participant (session_id, student_id) WHERE status = 'BOOKED';
CREATE INDEX teaching_participant_student ON teaching_participant (student_id);

-- Seed 002's SessionAttendance: one row per join; a rejoin after a dropped connection adds a row.
CREATE TABLE teaching_attendance (
    id         BIGSERIAL PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES teaching_session (id),
    user_id    BIGINT      NOT NULL,
    joined_at  TIMESTAMPTZ NOT NULL,
    left_at    TIMESTAMPTZ CHECK (left_at IS NULL OR left_at >= joined_at)
);
CREATE INDEX teaching_attendance_session ON teaching_attendance (session_id, user_id);
