-- +goose Up
-- The facts of every automated decision (issue 16): what its decider read,
-- what it did, under which settings, so that it can be decided again.
CREATE TABLE decision_facts (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    event_id       TEXT NOT NULL DEFAULT '',  -- the audit event it was recorded with
    kind           TEXT NOT NULL,             -- message, spam, refusal, signup, later_link, verification, deadline, staff, legacy
    account_id     TEXT NOT NULL,
    at             INTEGER NOT NULL,
    rule           TEXT NOT NULL DEFAULT '',  -- the subject's outcome
    action         TEXT NOT NULL DEFAULT '',
    replayable     INTEGER NOT NULL CHECK (replayable IN (0, 1)),
    settings_hash  TEXT NOT NULL DEFAULT '',
    policy_version TEXT NOT NULL DEFAULT '',
    facts          TEXT NOT NULL DEFAULT '{}',
    outcome        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX decision_facts_at ON decision_facts (at, seq);
CREATE INDEX decision_facts_account ON decision_facts (account_id, at);
CREATE INDEX decision_facts_rule ON decision_facts (rule, action, at);

-- The settings a decision was taken under, by hash (secrets left out).
CREATE TABLE policy_settings (
    hash       TEXT PRIMARY KEY,
    first_used INTEGER NOT NULL,
    data       TEXT NOT NULL
);

-- What-if runs: their counts and the whole answer.
CREATE TABLE simulations (
    id              TEXT PRIMARY KEY,
    created_at      INTEGER NOT NULL,
    from_at         INTEGER NOT NULL,
    to_at           INTEGER NOT NULL,
    replayed        INTEGER NOT NULL,
    changed         INTEGER NOT NULL,
    not_replayable  INTEGER NOT NULL,
    staff_decisions INTEGER NOT NULL,
    data            TEXT NOT NULL
);

-- Decisions taken before facts were recorded cannot be replayed: each
-- automated sign-up, refusal and notice of the audit log counts as one.
INSERT INTO decision_facts (id, event_id, kind, account_id, at, rule, action, replayable, policy_version)
SELECT 'dec_legacy_' || id, id, 'legacy', account_id, at,
       COALESCE(json_extract(data, '$.rule'), ''), COALESCE(json_extract(data, '$.action'), ''), 0,
       COALESCE(json_extract(data, '$.policy_version'), '')
FROM audit_events
WHERE json_extract(data, '$.automated') = 1
  AND json_extract(data, '$.action') IN ('signed_up', 'signup_refused', 'content_refused', 'notice_issued')
ORDER BY seq;

-- +goose Down
DROP TABLE simulations;
DROP TABLE policy_settings;
DROP TABLE decision_facts;
