-- +goose Up
-- Console sessions (issue 14): the cookie carries a random token, only its
-- SHA-256 is kept here. A session ends at idle_until or expires_at, whichever
-- comes first, or when ended_at is set (sign-out). key_id is the key it was
-- opened with; staff_id is left empty until named staff members sign in.
CREATE TABLE console_sessions (
    token_hash  TEXT PRIMARY KEY,
    key_id      TEXT NOT NULL,
    staff_id    TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL,
    csrf        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER
);
CREATE INDEX console_sessions_key ON console_sessions (key_id);
CREATE INDEX console_sessions_staff ON console_sessions (staff_id);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);

-- +goose Down
DROP TABLE console_sessions;
