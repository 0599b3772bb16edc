-- +goose Up
-- Every document moved into its aggregate's table in 00007.
DROP TABLE doc_refs;
DROP TABLE docs;

-- +goose Down
-- The tables come back empty: a downgrade past 00007 loses the aggregates.
CREATE TABLE docs (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT '',
    search     TEXT NOT NULL DEFAULT '',
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    data       TEXT NOT NULL
);
CREATE TABLE doc_refs (
    ref    TEXT NOT NULL,
    kind   TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    at     BIGINT NOT NULL,
    PRIMARY KEY (ref, kind, doc_id)
);
