-- Role administration (seed 004): the roles an admin set for a user, the source of truth the
-- identity provider follows (roles_changed on identity.users). A user no admin has touched has no
-- row here: their roles are what the identity provider says (directory_user).
CREATE TABLE user_roles (
    user_id    BIGINT PRIMARY KEY,
    roles      TEXT[]      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Every grant and revocation: who, when, why, the roles before and after. Append-only.
CREATE TABLE role_change (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT      NOT NULL,
    action       TEXT        NOT NULL CHECK (action IN ('grant', 'revoke')),
    role         TEXT        NOT NULL,
    roles_before TEXT[]      NOT NULL,
    roles_after  TEXT[]      NOT NULL,
    changed_by   BIGINT      NOT NULL,
    reason       TEXT        NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX role_change_user ON role_change (user_id, changed_at DESC, id DESC);
CREATE INDEX role_change_recent ON role_change (changed_at DESC, id DESC);
