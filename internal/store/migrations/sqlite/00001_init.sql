-- +goose Up
CREATE TABLE docs (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT '',
    search     TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX docs_kind_status ON docs (kind, status, id);
CREATE INDEX docs_kind_id ON docs (kind, id);

CREATE TABLE doc_refs (
    ref    TEXT NOT NULL,
    kind   TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    at     INTEGER NOT NULL,
    PRIMARY KEY (ref, kind, doc_id)
);
CREATE INDEX doc_refs_doc ON doc_refs (doc_id);
CREATE INDEX doc_refs_at ON doc_refs (ref, kind, at);

CREATE TABLE audit_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    at         INTEGER NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX audit_account ON audit_events (account_id, seq);

CREATE TABLE jobs (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    due_at     INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX jobs_due ON jobs (due_at);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE idempotency (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX idempotency_created ON idempotency (created_at);

CREATE TABLE signals (
    kind       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    account_id TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (kind, hash, account_id)
) WITHOUT ROWID;
CREATE INDEX signals_account ON signals (account_id);

CREATE TABLE ledger (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    owner  TEXT NOT NULL,
    bucket TEXT NOT NULL,
    amount INTEGER NOT NULL,
    ref    TEXT NOT NULL,
    memo   TEXT NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX ledger_owner ON ledger (owner, bucket);

CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL,
    event_type  TEXT NOT NULL,
    body        TEXT NOT NULL,
    due_at      INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    delivered_at INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (delivered_at, due_at);

CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE meta;
DROP TABLE outbox;
DROP TABLE ledger;
DROP TABLE signals;
DROP TABLE idempotency;
DROP TABLE api_keys;
DROP TABLE jobs;
DROP TABLE audit_events;
DROP TABLE doc_refs;
DROP TABLE docs;
