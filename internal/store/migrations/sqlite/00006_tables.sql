-- +goose Up
-- One table per aggregate (issue 10): typed columns for everything a query
-- filters, joins, counts or constrains; JSON text only for the nested parts
-- no query reads (`data`). Times are TEXT in UTC, fixed width
-- 'YYYY-MM-DD HH:MM:SS.ffffff', the form SQLite's datetime() and strftime()
-- read and compare with; dates are 'YYYY-MM-DD'; booleans are 0 or 1.
-- Foreign keys are checked at commit, so a use case may write an aggregate
-- before the one it points at within a transaction. Migration 00007 moves
-- the documents of 00001's `docs` table here; 00008 drops it.

CREATE TABLE accounts (
    id                  TEXT PRIMARY KEY,
    external_id         TEXT UNIQUE,
    email               TEXT NOT NULL,
    name                TEXT NOT NULL,
    country             TEXT NOT NULL,
    date_of_birth       TEXT,
    status              TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'banned', 'closed', 'erased')),
    status_rule         TEXT,
    status_notice       TEXT,
    prior_status        TEXT CHECK (prior_status IN ('active', 'suspended', 'banned', 'closed', 'erased')),
    verification_status TEXT NOT NULL CHECK (verification_status IN ('unverified', 'requested', 'verified', 'rejected')),
    freelancer          BOOLEAN NOT NULL,
    client              BOOLEAN NOT NULL,
    plan                TEXT NOT NULL,
    connects            INTEGER NOT NULL CHECK (connects >= 0),
    visibility          TEXT NOT NULL,
    availability        TEXT NOT NULL,
    job_success         INTEGER CHECK (job_success BETWEEN 0 AND 100),
    top_rated           BOOLEAN NOT NULL DEFAULT FALSE,
    badge_loss_until    TEXT,
    closed_at           TEXT,
    close_reason        TEXT,
    banned_at           TEXT,
    suspended_at        TEXT,
    respond_by          TEXT,
    last_activity_at    TEXT NOT NULL,
    dormancy_notice_at  TEXT,
    erased              BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TEXT NOT NULL,
    version             BIGINT NOT NULL CHECK (version > 0),
    data                TEXT -- restrictions, verification times, strike log, fraud hold, profile, exceptions
);
CREATE INDEX accounts_status ON accounts (status, id);
CREATE INDEX accounts_email ON accounts (lower(email), id);
CREATE INDEX accounts_name ON accounts (lower(name), id);
CREATE INDEX accounts_created ON accounts (created_at);
CREATE INDEX accounts_respond_by ON accounts (respond_by) WHERE respond_by IS NOT NULL;

-- The statement of reasons of every decision (DSA art. 17).
CREATE TABLE notices (
    id                  TEXT PRIMARY KEY,
    account_id          TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    action              TEXT NOT NULL,
    rule                TEXT NOT NULL,
    summary             TEXT NOT NULL,
    facts               TEXT NOT NULL,
    automated_detection BOOLEAN NOT NULL,
    automated_decision  BOOLEAN NOT NULL,
    remedy              TEXT NOT NULL,
    respond_by          TEXT,
    appeal_until        TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    capability          TEXT,
    ends_at             TEXT,
    content_date        TEXT,
    content_type        TEXT,
    prior_status        TEXT,
    strike_id           TEXT,
    follows             TEXT REFERENCES notices DEFERRABLE INITIALLY DEFERRED,
    monetary            BOOLEAN NOT NULL DEFAULT FALSE,
    data                TEXT -- evidence
);
CREATE INDEX notices_account ON notices (account_id, id);
CREATE INDEX notices_created ON notices (created_at, id, rule, action, automated_decision); -- DSA pages, report edges

-- The transparency report's counts by UTC day, kept by the database as
-- notices are written: a year's report reads a few thousand rows, not
-- a year of notices.
CREATE TABLE notice_days (
    day                TEXT NOT NULL,
    rule               TEXT NOT NULL,
    action             TEXT NOT NULL,
    automated_decision BOOLEAN NOT NULL,
    count              INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, rule, action, automated_decision)
);
-- +goose StatementBegin
CREATE TRIGGER notices_count AFTER INSERT ON notices BEGIN
    INSERT INTO notice_days (day, rule, action, automated_decision, count)
    VALUES (substr(NEW.created_at, 1, 10), NEW.rule, NEW.action, NEW.automated_decision, 1)
    ON CONFLICT (day, rule, action, automated_decision) DO UPDATE SET count = count + 1;
END;
-- +goose StatementEnd

CREATE TABLE cases (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('appeal', 'linkage_review', 'violation_review', 'closure_assistance',
                            'reactivation', 'multiple_account_exception', 'new_account_request', 'self_disclosure', 'report')),
    account_id          TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    channel             TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'resolved', 'withdrawn')),
    body                TEXT NOT NULL,
    rule                TEXT,
    notice_id           TEXT REFERENCES notices DEFERRABLE INITIALLY DEFERRED,
    assignee            TEXT,
    due_at              TEXT NOT NULL,
    outcome             TEXT,
    reason              TEXT,
    reporter_account_id TEXT REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    automated           BOOLEAN NOT NULL,
    created_at          TEXT NOT NULL,
    resolved_at         TEXT,
    version             BIGINT NOT NULL CHECK (version > 0),
    data                TEXT, -- who opened it
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX cases_kind_status ON cases (kind, status, id);
-- The queues: unfinished cases in due order, of every kind or of one,
-- covering the views' filters and counts (assignee, overdue): a small part
-- of all cases, read without a sort.
CREATE INDEX cases_unfinished ON cases (due_at, id, kind, assignee) WHERE status IN ('open', 'in_review');
CREATE INDEX cases_unfinished_kind ON cases (kind, due_at, id, assignee) WHERE status IN ('open', 'in_review');
CREATE INDEX cases_account ON cases (account_id, status);
-- Covers the transparency report's appeal counts and median time to decide.
CREATE INDEX cases_kind_created ON cases (kind, created_at, outcome, resolved_at, id);

-- The accounts a case concerns besides its subject (a linkage cluster).
CREATE TABLE case_accounts (
    case_id    TEXT NOT NULL REFERENCES cases ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos        INTEGER NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (case_id, pos)
);
CREATE INDEX case_accounts_account ON case_accounts (account_id);

-- A case's notes and history, in order.
CREATE TABLE case_events (
    case_id    TEXT NOT NULL REFERENCES cases ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    list       TEXT NOT NULL CHECK (list IN ('note', 'history')),
    pos        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT,
    PRIMARY KEY (case_id, list, pos)
);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('organization', 'agency')),
    name       TEXT NOT NULL,
    owner_id   TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    status     TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    closed_at  TEXT,
    created_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version > 0),
    data       TEXT
);
CREATE INDEX teams_owner ON teams (owner_id);

CREATE TABLE team_members (
    team_id    TEXT NOT NULL REFERENCES teams ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos        INTEGER NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'member')),
    since      TEXT NOT NULL,
    PRIMARY KEY (team_id, pos),
    UNIQUE (team_id, account_id)
);
CREATE UNIQUE INDEX team_members_one_owner ON team_members (team_id) WHERE role = 'owner';
CREATE INDEX team_members_account ON team_members (account_id);

CREATE TABLE job_posts (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES teams DEFERRABLE INITIALLY DEFERRED,
    posted_by       TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    connects_price  INTEGER NOT NULL CHECK (connects_price >= 0),
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    close_reason    TEXT,
    hired           BOOLEAN NOT NULL,
    created_at      TEXT NOT NULL,
    version         BIGINT NOT NULL CHECK (version > 0),
    data            TEXT
);
CREATE INDEX job_posts_organization ON job_posts (organization_id, status);

CREATE TABLE proposals (
    id             TEXT PRIMARY KEY,
    job_id         TEXT NOT NULL REFERENCES job_posts DEFERRABLE INITIALLY DEFERRED,
    account_id     TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    agency_id      TEXT REFERENCES teams DEFERRABLE INITIALLY DEFERRED,
    cover_letter   TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn', 'accepted', 'closed')),
    connects_spent INTEGER NOT NULL CHECK (connects_spent >= 0),
    refunded       BOOLEAN NOT NULL,
    created_at     TEXT NOT NULL,
    version        BIGINT NOT NULL CHECK (version > 0),
    data           TEXT
);
CREATE INDEX proposals_job ON proposals (job_id, status);
CREATE INDEX proposals_account ON proposals (account_id, status);
CREATE INDEX proposals_agency ON proposals (agency_id, status) WHERE agency_id IS NOT NULL;

CREATE TABLE contracts (
    id                    TEXT PRIMARY KEY,
    job_id                TEXT NOT NULL REFERENCES job_posts DEFERRABLE INITIALLY DEFERRED,
    organization_id       TEXT NOT NULL REFERENCES teams DEFERRABLE INITIALLY DEFERRED,
    freelancer_account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    agency_id             TEXT REFERENCES teams DEFERRABLE INITIALLY DEFERRED,
    kind                  TEXT NOT NULL CHECK (kind IN ('hourly', 'fixed')),
    hourly_rate_cents     BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    escrow_cents          BIGINT NOT NULL CHECK (escrow_cents >= 0),
    paid_cents            BIGINT NOT NULL CHECK (paid_cents >= 0),
    status                TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    billed_through        TEXT,
    client_rating         INTEGER CHECK (client_rating BETWEEN 1 AND 5),
    created_at            TEXT NOT NULL,
    ended_at              TEXT,
    version               BIGINT NOT NULL CHECK (version > 0),
    data                  TEXT, -- hours logged
    CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX contracts_freelancer ON contracts (freelancer_account_id, status);
CREATE INDEX contracts_organization ON contracts (organization_id, status);
CREATE INDEX contracts_agency ON contracts (agency_id, status) WHERE agency_id IS NOT NULL;
CREATE INDEX contracts_job ON contracts (job_id);

CREATE TABLE invoices (
    id                    TEXT PRIMARY KEY,
    contract_id           TEXT NOT NULL REFERENCES contracts DEFERRABLE INITIALLY DEFERRED,
    organization_id       TEXT NOT NULL REFERENCES teams DEFERRABLE INITIALLY DEFERRED,
    freelancer_account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    week_start            TEXT NOT NULL,
    hours                 REAL NOT NULL CHECK (hours >= 0),
    amount_cents          BIGINT NOT NULL CHECK (amount_cents >= 0),
    status                TEXT NOT NULL CHECK (status IN ('unpaid', 'paid')),
    paid_at               TEXT,
    created_at            TEXT NOT NULL,
    version               BIGINT NOT NULL CHECK (version > 0),
    data                  TEXT,
    UNIQUE (contract_id, week_start), -- one billing week per contract
    CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
CREATE INDEX invoices_organization ON invoices (organization_id, status);

CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('message', 'invitation')),
    job_id          TEXT REFERENCES job_posts DEFERRABLE INITIALLY DEFERRED,
    from_account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    to_account_id   TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    body            TEXT NOT NULL,
    body_delivered  TEXT,
    status          TEXT NOT NULL CHECK (status IN ('delivered', 'redacted', 'held')),
    first_contact   BOOLEAN NOT NULL,
    rule            TEXT,
    notice_id       TEXT REFERENCES notices DEFERRABLE INITIALLY DEFERRED,
    has_contract    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    version         BIGINT NOT NULL CHECK (version > 0),
    data            TEXT -- sketch, findings, review
);
CREATE INDEX messages_from ON messages (from_account_id, created_at);
CREATE INDEX messages_first ON messages (from_account_id, created_at) WHERE first_contact;
CREATE INDEX messages_to ON messages (to_account_id);
CREATE INDEX messages_held ON messages (status, id) WHERE status = 'held';

CREATE TABLE reviews (
    id                 TEXT PRIMARY KEY,
    contract_id        TEXT NOT NULL REFERENCES contracts DEFERRABLE INITIALLY DEFERRED,
    author_account_id  TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    subject_account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text               TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('published', 'voided')),
    created_at         TEXT NOT NULL,
    version            BIGINT NOT NULL CHECK (version > 0),
    data               TEXT
);
CREATE INDEX reviews_subject ON reviews (subject_account_id);

-- Payments credited to a freelancer's pending balance; the money itself is
-- in the ledger.
CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    memo         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    data         TEXT
);
CREATE INDEX payments_account ON payments (account_id, created_at);

CREATE TABLE withdrawals (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    status       TEXT NOT NULL CHECK (status IN ('paid')),
    created_at   TEXT NOT NULL,
    data         TEXT
);
CREATE INDEX withdrawals_account ON withdrawals (account_id, created_at);

-- Two accounts that met (V3's first contact, V5's contract exemption).
CREATE TABLE pairs (
    id           TEXT PRIMARY KEY,
    first_met    TEXT NOT NULL,
    has_contract BOOLEAN NOT NULL,
    version      BIGINT NOT NULL CHECK (version > 0),
    data         TEXT
);

-- Content refused at intake (C3), kept for the transparency report.
CREATE TABLE refusals (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    surface    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    data       TEXT -- categories
);
CREATE INDEX refusals_account ON refusals (account_id);

CREATE TABLE webhook_endpoints (
    id         TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('active', 'deleted')),
    created_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version > 0),
    data       TEXT -- events
);

-- An account's M9 encodings (HMACs only), read when it is a candidate.
CREATE TABLE account_encodings (
    account_id TEXT PRIMARY KEY REFERENCES accounts DEFERRABLE INITIALLY DEFERRED,
    version    BIGINT NOT NULL CHECK (version > 0),
    data       TEXT NOT NULL
);

-- +goose Down
DROP TABLE account_encodings;
DROP TABLE webhook_endpoints;
DROP TABLE refusals;
DROP TABLE pairs;
DROP TABLE withdrawals;
DROP TABLE payments;
DROP TABLE reviews;
DROP TABLE messages;
DROP TABLE invoices;
DROP TABLE contracts;
DROP TABLE proposals;
DROP TABLE job_posts;
DROP TABLE team_members;
DROP TABLE teams;
DROP TABLE case_events;
DROP TABLE case_accounts;
DROP TABLE cases;
DROP TABLE notice_days;
DROP TABLE notices;
DROP TABLE accounts;
