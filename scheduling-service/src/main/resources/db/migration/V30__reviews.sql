-- Seed 001's session reviews. A (session, student) pair becomes reviewable when session-service
-- announces the session COMPLETED with that student BOOKED and having attended; cancelled and
-- no-show sessions never arrive here. review_requested_at marks the daily job's one request.
CREATE TABLE reviewable_session (
    session_id          TEXT        NOT NULL,
    student_id          BIGINT      NOT NULL,
    tutor_id            BIGINT      NOT NULL,
    completed_at        TIMESTAMPTZ NOT NULL,
    review_requested_at TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, student_id)
);
CREATE INDEX reviewable_session_unrequested ON reviewable_session (completed_at) WHERE review_requested_at IS NULL;

-- One review per participant and session; category ratings are optional, each 1-5.
CREATE TABLE session_review (
    id             BIGSERIAL PRIMARY KEY,
    session_id     TEXT        NOT NULL,
    student_id     BIGINT      NOT NULL,
    tutor_id       BIGINT      NOT NULL,
    reviewer_name  TEXT,
    rating         SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    knowledge      SMALLINT    CHECK (knowledge BETWEEN 1 AND 5),
    communication  SMALLINT    CHECK (communication BETWEEN 1 AND 5),
    punctuality    SMALLINT    CHECK (punctuality BETWEEN 1 AND 5),
    value          SMALLINT    CHECK (value BETWEEN 1 AND 5),
    comment        TEXT,
    response       TEXT,
    responded_at   TIMESTAMPTZ,
    hidden         BOOLEAN     NOT NULL DEFAULT FALSE,
    hidden_reason  TEXT,
    hidden_at      TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (session_id, student_id),
    FOREIGN KEY (session_id, student_id) REFERENCES reviewable_session (session_id, student_id)
);
CREATE INDEX session_review_by_tutor ON session_review (tutor_id, created_at DESC, id DESC);
CREATE INDEX session_review_by_student ON session_review (student_id, created_at DESC, id DESC);
CREATE INDEX session_review_by_time ON session_review (created_at DESC, id DESC);

-- Every moderation decision (hide, unhide), never updated or deleted.
CREATE TABLE review_audit (
    id         BIGSERIAL PRIMARY KEY,
    review_id  BIGINT      NOT NULL REFERENCES session_review (id),
    action     TEXT        NOT NULL CHECK (action IN ('hidden', 'unhidden')),
    actor_id   BIGINT      NOT NULL,
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_audit_by_review ON review_audit (review_id, id);
