-- Calendly sync (seed 004): a tutor connects their Calendly user; Calendly's signed invitee webhooks
-- become busy time in their availability.

-- One connection per tutor; a disconnected one is kept (history) and stops applying. A Calendly user
-- belongs to at most one connected tutor.
CREATE TABLE calendly_connection (
    tutor_id        BIGINT      PRIMARY KEY,
    user_uri        TEXT        NOT NULL,
    default_mode    TEXT        NOT NULL CHECK (default_mode IN ('busy', 'ignore')),
    connected_at    TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    disconnected_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX calendly_connection_user ON calendly_connection (user_uri) WHERE disconnected_at IS NULL;

-- How each Calendly event type counts: busy (with buffers around it) or ignored.
CREATE TABLE calendly_event_type_mapping (
    tutor_id              BIGINT   NOT NULL REFERENCES calendly_connection (tutor_id) ON DELETE CASCADE,
    event_type_uri        TEXT     NOT NULL,
    mode                  TEXT     NOT NULL CHECK (mode IN ('busy', 'ignore')),
    buffer_before_minutes SMALLINT NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes  SMALLINT NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    position              SMALLINT NOT NULL,
    PRIMARY KEY (tutor_id, event_type_uri)
);

-- Every accepted webhook delivery, once per (invitee, event): a repeat changes nothing. status: pending
-- (to apply; next_attempt_at is also the retry job's lease), applied, ignored (event type mapped to
-- ignore), dead (failed every attempt, or nobody to apply it to; an admin replays it).
CREATE TABLE calendly_delivery (
    id                  BIGSERIAL   PRIMARY KEY,
    event               TEXT        NOT NULL CHECK (event IN ('invitee.created', 'invitee.canceled')),
    invitee_uri         TEXT        NOT NULL,
    scheduled_event_uri TEXT        NOT NULL,
    event_type_uri      TEXT,
    user_uri            TEXT        NOT NULL,
    starts_at           TIMESTAMPTZ NOT NULL,
    ends_at             TIMESTAMPTZ NOT NULL,
    payload             TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('pending', 'applied', 'ignored', 'dead')),
    tutor_id            BIGINT,
    attempts            INT         NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    last_error          TEXT,
    received_at         TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (invitee_uri, event)
);
CREATE INDEX calendly_delivery_due ON calendly_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX calendly_delivery_dead ON calendly_delivery (updated_at DESC, id DESC) WHERE status = 'dead';

-- The tutor's busy time from Calendly, one interval per invitee, buffers included. Slot search reads
-- a tutor's intervals ending after the window's start in one index range.
CREATE TABLE calendly_busy (
    id             BIGSERIAL   PRIMARY KEY,
    tutor_id       BIGINT      NOT NULL,
    invitee_uri    TEXT        NOT NULL UNIQUE,
    event_type_uri TEXT,
    starts_at      TIMESTAMPTZ NOT NULL,
    ends_at        TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX calendly_busy_by_tutor ON calendly_busy (tutor_id, ends_at) INCLUDE (starts_at);
