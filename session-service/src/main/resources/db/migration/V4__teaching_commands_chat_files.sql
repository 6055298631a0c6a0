-- Booking-saga commands applied to teaching sessions, with the reply each got: a repeated command
-- (same saga, same type) is answered from here and changes nothing.
CREATE TABLE teaching_command (
    saga_id       TEXT        NOT NULL,
    command_type  TEXT        NOT NULL,
    reply_type    TEXT,
    reply_payload TEXT,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (saga_id, command_type)
);

-- The "starting" notice (a few minutes before the start) goes out once per session.
ALTER TABLE teaching_session ADD COLUMN starting_sent_at TIMESTAMPTZ;

-- One open attendance row per person: a rejoin closes the dropped one before opening its own.
CREATE UNIQUE INDEX teaching_attendance_open ON teaching_attendance (session_id, user_id) WHERE left_at IS NULL;

-- Seed 002's SessionConversation + SessionMessage, ONE_TO_ONE sessions only: the session is the
-- conversation (one per session), so messages hang off the session directly.
CREATE TABLE teaching_message (
    id         BIGSERIAL PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES teaching_session (id),
    sender_id  BIGINT      NOT NULL,
    content    TEXT        NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX teaching_message_session ON teaching_message (session_id, created_at DESC, id DESC);

-- Seed 002's SessionFile: the bytes live in the file storage under storage_key.
CREATE TABLE teaching_file (
    id           UUID PRIMARY KEY,
    session_id   UUID        NOT NULL REFERENCES teaching_session (id),
    uploader_id  BIGINT      NOT NULL,
    file_name    TEXT        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL CHECK (size_bytes >= 0),
    storage_key  TEXT        NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX teaching_file_session ON teaching_file (session_id, created_at DESC);
