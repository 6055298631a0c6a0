-- Teaching sessions (seed 002) as their events describe them, for reminders and completion
-- summaries: who is booked, when, and when it really started. Ids are session-service's (text).
CREATE TABLE teaching_session (
    session_id          TEXT PRIMARY KEY,
    tutor_id            BIGINT      NOT NULL,
    title               TEXT,
    session_type        TEXT,
    status              TEXT        NOT NULL,
    starts_at           TIMESTAMPTZ,
    ends_at             TIMESTAMPTZ,
    -- When the started event happened: the completion summary's real duration.
    started_at          TIMESTAMPTZ,
    booked_student_ids  BIGINT[]    NOT NULL DEFAULT '{}',
    -- Of the latest event applied: an older event arriving late does not roll the session back.
    occurred_at         TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

-- Reminders of scheduled teaching sessions, for the session's current start time.
CREATE TABLE teaching_reminder (
    session_id    TEXT        NOT NULL REFERENCES teaching_session (session_id) ON DELETE CASCADE,
    kind          TEXT        NOT NULL,
    session_start TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    processed_at  TIMESTAMPTZ,
    outcome       TEXT CHECK (outcome IN ('sent', 'skipped')),
    PRIMARY KEY (session_id, kind)
);
CREATE INDEX teaching_reminder_due ON teaching_reminder (due_at) WHERE processed_at IS NULL;
