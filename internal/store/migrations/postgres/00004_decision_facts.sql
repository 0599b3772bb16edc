-- +goose Up
-- The facts of every automated decision (issue 16): what its decider read,
-- what it did, under which settings, so that it can be decided again.
CREATE TABLE decision_facts (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    event_id       TEXT NOT NULL DEFAULT '',  -- the audit event it was recorded with
    kind           TEXT NOT NULL,             -- message, spam, refusal, signup, later_link, verification, deadline, staff, legacy
    account_id     TEXT NOT NULL,
    at             BIGINT NOT NULL,
    rule           TEXT NOT NULL DEFAULT '',  -- the subject's outcome
    action         TEXT NOT NULL DEFAULT '',
    replayable     BOOLEAN NOT NULL,
    settings_hash  TEXT NOT NULL DEFAULT '',
    policy_version TEXT NOT NULL DEFAULT '',
    facts          JSONB NOT NULL DEFAULT '{}',
    outcome        JSONB NOT NULL DEFAULT '[]'
);
CREATE INDEX decision_facts_at ON decision_facts (at, seq);
CREATE INDEX decision_facts_account ON decision_facts (account_id, at);
CREATE INDEX decision_facts_rule ON decision_facts (rule, action, at);

-- The settings a decision was taken under, by hash (secrets left out).
CREATE TABLE policy_settings (
    hash       TEXT PRIMARY KEY,
    first_used BIGINT NOT NULL,
    data       JSONB NOT NULL
);

-- What-if runs: their counts and the whole answer.
CREATE TABLE simulations (
    id              TEXT PRIMARY KEY,
    created_at      BIGINT NOT NULL,
    from_at         BIGINT NOT NULL,
    to_at           BIGINT NOT NULL,
    replayed        BIGINT NOT NULL,
    changed         BIGINT NOT NULL,
    not_replayable  BIGINT NOT NULL,
    staff_decisions BIGINT NOT NULL,
    data            JSONB NOT NULL
);

-- Decisions taken before facts were recorded cannot be replayed: each
-- automated sign-up, refusal and notice of the audit log counts as one.
INSERT INTO decision_facts (id, event_id, kind, account_id, at, rule, action, replayable, policy_version)
SELECT 'dec_legacy_' || id, id, 'legacy', account_id, at,
       COALESCE(data::jsonb->>'rule', ''), COALESCE(data::jsonb->>'action', ''), false,
       COALESCE(data::jsonb->>'policy_version', '')
FROM audit_events
WHERE (data::jsonb->>'automated')::boolean
  AND data::jsonb->>'action' IN ('signed_up', 'signup_refused', 'content_refused', 'notice_issued')
ORDER BY seq;

-- +goose Down
DROP TABLE simulations;
DROP TABLE policy_settings;
DROP TABLE decision_facts;
