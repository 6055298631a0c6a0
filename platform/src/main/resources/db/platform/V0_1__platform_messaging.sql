-- Platform tables every service with a database carries (versions 0.x stay below the services' own).

-- Events written in the same transaction as the state change, published to Kafka by the relay.
CREATE TABLE outbox_event (
    seq            BIGSERIAL PRIMARY KEY,
    id             UUID        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    message_key    TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    payload        TEXT        NOT NULL,
    traceparent    TEXT,
    correlation_id TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_until  TIMESTAMPTZ,
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;

-- Events a consumer has applied; inserted in the same transaction as the effect.
CREATE TABLE inbox_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Records that kept failing after retries; also published to <topic>.dlt. Admins list and replay them.
CREATE TABLE dead_letter (
    id            BIGSERIAL PRIMARY KEY,
    consumer      TEXT        NOT NULL,
    topic         TEXT        NOT NULL,
    kafka_partition INT       NOT NULL,
    kafka_offset  BIGINT      NOT NULL,
    message_key   TEXT,
    event_id      TEXT,
    event_type    TEXT,
    payload       TEXT        NOT NULL,
    error         TEXT        NOT NULL,
    attempts      INT         NOT NULL,
    failed_at     TIMESTAMPTZ NOT NULL,
    replayed_at   TIMESTAMPTZ,
    UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);

-- Idempotency-Key: the first successful answer to a POST, replayed to retries of the same key.
CREATE TABLE idempotency_key (
    user_id       BIGINT      NOT NULL,
    idem_key      TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status_code   INT,
    content_type  TEXT,
    response_body BYTEA,
    created_at    TIMESTAMPTZ NOT NULL,
    completed_at  TIMESTAMPTZ,
    PRIMARY KEY (user_id, idem_key)
);

-- Who a user id is, from the identity topic and from the claims of the user's own calls.
CREATE TABLE directory_user (
    user_id    BIGINT PRIMARY KEY,
    name       TEXT,
    email      TEXT,
    roles      TEXT        NOT NULL DEFAULT '',
    time_zone  TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);
