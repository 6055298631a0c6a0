CREATE TABLE test_effect (
    id      BIGSERIAL PRIMARY KEY,
    name    TEXT   NOT NULL,
    amount  INT    NOT NULL,
    user_id BIGINT NOT NULL
);

-- Names listed here make the test consumer fail, until the test removes them.
CREATE TABLE test_blocker (
    name TEXT PRIMARY KEY
);
