-- The platform saga engine's tables (io.coachwork.platform.saga; the same in every service that
-- orchestrates sagas). One row per saga: the step whose command is out, its attempts and when it
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
-- a reply that came after the saga moved on (a reservation answered after the session was cancelled).
CREATE TABLE saga_reply (
    saga_id     UUID        NOT NULL REFERENCES saga_instance (saga_id),
    step        TEXT        NOT NULL,
    reply_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    applied     BOOLEAN     NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (saga_id, step)
);

-- The paid-tier saga moves from charge_saga onto the engine's tables. At most one charge in flight
-- per tutor: a second paid change waits for the first.
CREATE UNIQUE INDEX saga_instance_one_open_charge ON saga_instance (((data ->> 'tutor_id')::bigint))
    WHERE saga_type = 'paid-tier' AND state IN ('awaiting', 'compensating');

INSERT INTO saga_instance (saga_id, saga_type, state, step, data, attempts, next_attempt_at, step_deadline, failure,
                           created_at, updated_at)
SELECT saga_id, 'paid-tier',
       CASE state WHEN 'charging' THEN 'awaiting' WHEN 'completed' THEN 'completed' ELSE 'failed' END,
       'charge',
       jsonb_build_object('tutor_id', tutor_id, 'kind', kind, 'tier_code', tier_code, 'tutor_type', tutor_type,
                          'auto_renew', auto_renew, 'amount_minor', amount_minor, 'currency', currency,
                          'requested_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'transaction_ref', transaction_ref),
       1,
       CASE WHEN state = 'charging' THEN now() END,
       NULL,
       CASE WHEN state = 'refused' THEN outcome END,
       created_at, updated_at
FROM charge_saga;

DROP TABLE charge_saga;
