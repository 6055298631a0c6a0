-- Statistics and earnings statements (issue 11), kept from events only (docs/statistics.md).
-- One row per fact, keyed by what it is about (kind + source id: a session, a booking, a session and
-- student, a review), so a redelivered event, even under another event id, adds nothing. `at` is the
-- instant the fact is dated by (a session's or booking's scheduled start, an earning's release, a
-- review's publication); days are cut from it at query time in the zone asked for.
CREATE TABLE stat_fact (
    id               BIGSERIAL PRIMARY KEY,
    kind             TEXT        NOT NULL CHECK (kind IN ('session_scheduled', 'session_completed', 'session_cancelled',
                                                          'session_no_show', 'student_taught', 'booking_confirmed',
                                                          'booking_cancelled', 'earning', 'review')),
    source_id        TEXT        NOT NULL,
    tutor_id         BIGINT      NOT NULL,
    at               TIMESTAMPTZ NOT NULL,
    session_id       TEXT,
    booking_id       TEXT,
    student_id       BIGINT,
    -- booking price, or an earning's gross; with commission and net, minor units of `currency`
    amount_minor     BIGINT,
    commission_minor BIGINT,
    net_minor        BIGINT,
    currency         TEXT,
    duration_minutes INTEGER,
    rating           SMALLINT CHECK (rating BETWEEN 1 AND 5),
    -- a review's visibility and the time of the event that set it (an older event never overrides a newer)
    hidden           BOOLEAN     NOT NULL DEFAULT FALSE,
    state_at         TIMESTAMPTZ,
    recorded_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, source_id)
);
CREATE INDEX stat_fact_by_tutor ON stat_fact (tutor_id, kind, at);
CREATE INDEX stat_fact_by_kind ON stat_fact (kind, at);

-- Statement periods that got an earning since their last statement; the daily job claims the closed ones.
CREATE TABLE statement_due (
    tutor_id     BIGINT      NOT NULL,
    period       TEXT        NOT NULL CHECK (period IN ('weekly', 'monthly')),
    period_start DATE        NOT NULL,
    closes_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tutor_id, period, period_start)
);
CREATE INDEX statement_due_by_close ON statement_due (closes_at);

-- Earnings statements: frozen snapshots. A later earning in the same period makes a new version; no row
-- is ever updated, so a statement someone downloaded stays what it was.
CREATE TABLE earnings_statement (
    id           BIGSERIAL PRIMARY KEY,
    tutor_id     BIGINT      NOT NULL,
    period       TEXT        NOT NULL CHECK (period IN ('weekly', 'monthly')),
    period_start DATE        NOT NULL,
    period_end   DATE        NOT NULL,
    time_zone    TEXT        NOT NULL,
    version      INTEGER     NOT NULL,
    closed       BOOLEAN     NOT NULL,
    fact_count   INTEGER     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (tutor_id, period, period_start, version)
);
CREATE INDEX earnings_statement_by_tutor ON earnings_statement (tutor_id, period, period_start DESC, version DESC);

CREATE TABLE earnings_statement_line (
    statement_id     BIGINT      NOT NULL REFERENCES earnings_statement (id),
    line_no          INTEGER     NOT NULL,
    booking_id       TEXT        NOT NULL,
    session_id       TEXT,
    student_id       BIGINT,
    -- as the user directory knew the student when the statement was made
    student_name     TEXT,
    session_starts_at TIMESTAMPTZ,
    released_at      TIMESTAMPTZ NOT NULL,
    currency         TEXT        NOT NULL,
    gross_minor      BIGINT      NOT NULL,
    commission_minor BIGINT      NOT NULL,
    net_minor        BIGINT      NOT NULL,
    PRIMARY KEY (statement_id, line_no)
);
