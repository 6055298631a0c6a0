-- Whether each user has a Discord account linked, as session-service announces it on
-- coachwork.session.accounts (seed 003). Where Discord is the meeting-room provider, booking and
-- joining a waitlist need a link. The newest announcement (occurred_at) wins.
CREATE TABLE discord_link (
    user_id     BIGINT      PRIMARY KEY,
    linked      BOOLEAN     NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);
