-- The tier catalogue. A NULL limit means unlimited; billing_period_days NULL means the tier never ends (free).
CREATE TABLE tier (
    code                    TEXT PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,31}$'),
    name                    TEXT          NOT NULL,
    courses_limit           INT CHECK (courses_limit >= 0),
    communities_limit       INT CHECK (communities_limit >= 0),
    digital_downloads_limit INT CHECK (digital_downloads_limit >= 0),
    memberships_limit       INT CHECK (memberships_limit >= 0),
    unlimited_coaching      BOOLEAN       NOT NULL,
    commission_rate         NUMERIC(5, 2) NOT NULL CHECK (commission_rate >= 0 AND commission_rate <= 100),
    billing_period_days     INT CHECK (billing_period_days > 0),
    sort_order              INT           NOT NULL,
    active                  BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Prices per currency in minor units (cents, kobo).
CREATE TABLE tier_price (
    tier_code    TEXT    NOT NULL REFERENCES tier (code) ON DELETE CASCADE,
    currency     CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor BIGINT  NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (tier_code, currency)
);

-- Seed 000's five tiers.
INSERT INTO tier (code, name, courses_limit, communities_limit, digital_downloads_limit, memberships_limit,
                  unlimited_coaching, commission_rate, billing_period_days, sort_order)
VALUES ('free', 'Free', 2, 0, 0, 0, FALSE, 10.0, NULL, 0),
       ('basic', 'Basic', 5, 1, 0, 0, FALSE, 10.0, 30, 1),
       ('professional', 'Professional', 25, 1, 10, 0, FALSE, 10.0, 30, 2),
       ('expert', 'Expert', 100, 3, 20, 5, TRUE, 10.0, 30, 3),
       ('grand_master', 'Grand Master', NULL, NULL, NULL, NULL, TRUE, 10.0, 30, 4);

INSERT INTO tier_price (tier_code, currency, amount_minor)
VALUES ('free', 'USD', 0),
       ('basic', 'USD', 3900),
       ('professional', 'USD', 9900),
       ('expert', 'USD', 24900),
       ('grand_master', 'USD', 49900);

-- One row per tutor who ever subscribed; a tutor without a row is on the free tier.
CREATE TABLE tutor_subscription (
    id         BIGSERIAL PRIMARY KEY,
    tutor_id   BIGINT      NOT NULL UNIQUE,
    tutor_type TEXT        NOT NULL,
    tier_code  TEXT        NOT NULL REFERENCES tier (code),
    status     TEXT        NOT NULL CHECK (status IN ('active', 'past_due', 'expired', 'cancelled')),
    start_date TIMESTAMPTZ NOT NULL,
    end_date   TIMESTAMPTZ,
    auto_renew BOOLEAN     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX tutor_subscription_due ON tutor_subscription (end_date) WHERE end_date IS NOT NULL;

-- Every change of plan, for support and audit.
CREATE TABLE subscription_change (
    id         BIGSERIAL PRIMARY KEY,
    tutor_id   BIGINT      NOT NULL,
    from_tier  TEXT,
    to_tier    TEXT        NOT NULL,
    reason     TEXT        NOT NULL CHECK (reason IN ('subscribe', 'renewal', 'expiry')),
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscription_change_tutor ON subscription_change (tutor_id, changed_at);

-- Resources a tutor owns, from the catalogue's created/deleted events; usage is a count of these rows.
CREATE TABLE tutor_resource (
    tutor_id      BIGINT      NOT NULL,
    resource_type TEXT        NOT NULL CHECK (resource_type IN ('course', 'digital_download', 'community', 'membership')),
    resource_id   TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tutor_id, resource_type, resource_id)
);
