-- Roles revoked by an admin (coachwork.identity.user.roles_changed.v1), latest state per user and role:
-- a token issued before revoked_at loses the role unless it was granted again since (regranted_at).
CREATE TABLE role_revocation (
    user_id      BIGINT      NOT NULL,
    role         TEXT        NOT NULL,
    revoked_at   TIMESTAMPTZ NOT NULL,
    regranted_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, role)
);

-- Each instance reloads the recent, still-standing revocations every few seconds.
CREATE INDEX role_revocation_recent ON role_revocation (revoked_at) WHERE regranted_at IS NULL;
