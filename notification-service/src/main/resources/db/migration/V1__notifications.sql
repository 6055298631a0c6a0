-- Notification service: the in-app inbox (source of truth for what each user was told), the
-- delivery log of every channel, per-type preferences, and what reminders need to know about
-- coaching sessions. Platform tables (outbox, inbox, dead letters, directory) come from db/platform.

CREATE TABLE notification (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT      NOT NULL,
    type        TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    data        JSONB       NOT NULL DEFAULT '{}',
    -- One notification per fact and person, however often the fact is delivered or a job re-runs.
    dedupe_key  TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    read_at     TIMESTAMPTZ
);
CREATE INDEX notification_by_user ON notification (user_id, id DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;

-- Every channel attempt: email (queued here, sent by the email worker) and push.
CREATE TABLE delivery (
    id              BIGSERIAL PRIMARY KEY,
    notification_id BIGINT      NOT NULL REFERENCES notification (id),
    user_id         BIGINT      NOT NULL,
    type            TEXT        NOT NULL,
    channel         TEXT        NOT NULL CHECK (channel IN ('email', 'push')),
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    recipient       TEXT,
    subject         TEXT,
    body_text       TEXT,
    body_html       TEXT,
    attempts        INT         NOT NULL DEFAULT 0,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    -- Lease of the worker sending it; an expired lease (crashed worker) makes the row claimable again.
    claimed_until   TIMESTAMPTZ
);
CREATE INDEX delivery_email_open ON delivery (id) WHERE channel = 'email' AND status IN ('pending', 'sending');
CREATE INDEX delivery_by_user ON delivery (user_id, id DESC);
CREATE INDEX delivery_by_status ON delivery (status, id DESC);

-- Only choices that differ from the defaults (email and push on) are stored.
CREATE TABLE notification_preference (
    user_id    BIGINT      NOT NULL,
    type       TEXT        NOT NULL,
    email      BOOLEAN     NOT NULL,
    push       BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, type)
);

-- Coaching sessions as their events describe them: who takes part, when, where to join.
CREATE TABLE coaching_session (
    session_id  BIGINT PRIMARY KEY,
    tutor_id    BIGINT      NOT NULL,
    title       TEXT,
    status      TEXT        NOT NULL,
    start_time  TIMESTAMPTZ,
    end_time    TIMESTAMPTZ,
    view_link   TEXT,
    student_ids BIGINT[]    NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Reminders of scheduled sessions, computed for the session's current start time.
CREATE TABLE scheduled_reminder (
    session_id    BIGINT      NOT NULL REFERENCES coaching_session (session_id) ON DELETE CASCADE,
    kind          TEXT        NOT NULL,
    session_start TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    processed_at  TIMESTAMPTZ,
    outcome       TEXT CHECK (outcome IN ('sent', 'skipped')),
    PRIMARY KEY (session_id, kind)
);
CREATE INDEX scheduled_reminder_due ON scheduled_reminder (due_at) WHERE processed_at IS NULL;
