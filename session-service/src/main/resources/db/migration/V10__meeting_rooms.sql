-- Meeting rooms prepared ahead of teaching sessions (seeds 003, 004): a Discord voice channel or a
-- Zoom meeting per session and provider. The job claims a room by leasing it (lease_owner,
-- lease_until) in a committed statement, calls the provider with no transaction open, then records
-- the outcome only if it still holds the lease; a crashed worker's lease simply runs out.
-- PENDING (claimed for creation) → CREATED → OPEN (Discord: access granted) → DELETED;
-- a session cancelled or over before its room was made goes PENDING → DELETED without a call.
CREATE TABLE meeting_room (
    session_id          UUID        NOT NULL REFERENCES teaching_session (id),
    provider            TEXT        NOT NULL CHECK (provider IN ('DISCORD', 'ZOOM')),
    state               TEXT        NOT NULL CHECK (state IN ('PENDING', 'CREATED', 'OPEN', 'DELETED')),
    external_id         TEXT,
    join_url            TEXT,
    start_url           TEXT,
    -- The session's times the room was made (or last updated) for: a difference means it moved.
    room_starts_at      TIMESTAMPTZ,
    room_ends_at        TIMESTAMPTZ,
    -- Discord user ids holding a permission overwrite on the channel, sorted.
    granted_discord_ids TEXT[]      NOT NULL DEFAULT '{}',
    lease_owner         UUID,
    lease_until         TIMESTAMPTZ,
    attempts            INT         NOT NULL DEFAULT 0,
    last_error          TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    room_created_at     TIMESTAMPTZ,
    opened_at           TIMESTAMPTZ,
    updated_room_at     TIMESTAMPTZ,
    deleted_at          TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, provider),
    CHECK (state = 'PENDING' OR state = 'DELETED' OR external_id IS NOT NULL)
);
CREATE INDEX meeting_room_live ON meeting_room (provider, session_id) WHERE state <> 'DELETED';

-- A Coachwork user's linked Discord account (seed 003: OAuth2 identify + guilds.join).
CREATE TABLE discord_link (
    user_id          BIGINT PRIMARY KEY,
    discord_user_id  TEXT        NOT NULL UNIQUE,
    discord_username TEXT        NOT NULL,
    linked_at        TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- OAuth2 states already answered: a signed state is good for one callback only.
CREATE TABLE discord_oauth_state (
    nonce      TEXT PRIMARY KEY,
    user_id    BIGINT      NOT NULL,
    used_at    TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
