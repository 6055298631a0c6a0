-- The platform saga engine's tables (io.coachwork.platform.saga), the same shape as session-service's.
-- One row per saga: the step whose command is out, its attempts and when it
-- is resent or given up; data is the saga definition's state record.
CREATE TABLE saga_instance (
    saga_id         UUID PRIMARY KEY,
    saga_type       TEXT        NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('awaiting', 'compensating', 'idle', 'completed', 'failed')),
    step            TEXT        NOT NULL,
    data            JSONB       NOT NULL,
    attempts        INT         NOT NULL CHECK (attempts >= 1),
    next_attempt_at TIMESTAMPTZ CHECK ((next_attempt_at IS NOT NULL) = (state IN ('awaiting', 'compensating'))),
    step_deadline   TIMESTAMPTZ,
    failure         TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX saga_instance_due ON saga_instance (next_attempt_at) WHERE state IN ('awaiting', 'compensating');
CREATE INDEX saga_instance_state ON saga_instance (state, updated_at DESC);

-- The first reply to each step of a saga: a repeated one is not applied again. `applied` is false for
-- a reply that came after the saga moved on (a payment created after the hold expired).
CREATE TABLE saga_reply (
    saga_id     UUID        NOT NULL REFERENCES saga_instance (saga_id),
    step        TEXT        NOT NULL,
    reply_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    applied     BOOLEAN     NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (saga_id, step)
);
