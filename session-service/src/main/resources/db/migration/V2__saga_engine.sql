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

-- Each coaching session has one saga (reserve at creation, then settle at the end or release on
-- cancel), under the id of its former reservation step: wallet-service knows that id already.
ALTER TABLE coaching_session ADD COLUMN saga_id UUID UNIQUE;

UPDATE coaching_session c SET saga_id = r.saga_id
FROM session_saga r WHERE r.session_id = c.id AND r.step = 'reserve';

-- The latest step of each session says where its saga stands; unanswered ones are resent at once.
INSERT INTO saga_instance (saga_id, saga_type, state, step, data, attempts, next_attempt_at, step_deadline, failure,
                           created_at, updated_at)
SELECT c.saga_id, 'coaching-session',
       CASE WHEN l.state = 'awaiting_reply' THEN 'awaiting'
            WHEN l.state = 'refused' THEN 'failed'
            WHEN l.step = 'reserve' THEN 'idle'
            ELSE 'completed' END,
       l.step,
       jsonb_build_object('session_id', c.id, 'tutor_id', c.tutor_id, 'minutes', c.minutes_reserved,
                          'used_minutes', c.minutes_used),
       l.attempts,
       CASE WHEN l.state = 'awaiting_reply' THEN now() END,
       NULL,
       CASE WHEN l.state = 'refused' THEN c.failure_reason END,
       c.created_at, now()
FROM coaching_session c
JOIN LATERAL (SELECT * FROM session_saga s WHERE s.session_id = c.id AND s.state <> 'abandoned'
              ORDER BY s.created_at DESC LIMIT 1) l ON TRUE
WHERE c.saga_id IS NOT NULL;

INSERT INTO saga_reply (saga_id, step, reply_type, payload, applied, received_at)
SELECT c.saga_id, s.step, s.reply_type, s.reply, s.state <> 'abandoned', s.replied_at
FROM session_saga s JOIN coaching_session c ON c.id = s.session_id
WHERE s.replied_at IS NOT NULL AND c.saga_id IS NOT NULL
ON CONFLICT (saga_id, step) DO NOTHING;

DROP TABLE session_saga;
