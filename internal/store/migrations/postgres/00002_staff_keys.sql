-- +goose Up
CREATE TABLE staff_members (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
    created_at  BIGINT NOT NULL,
    disabled_at BIGINT
);
-- One active member per email; a disabled member's email may come back.
CREATE UNIQUE INDEX staff_members_email ON staff_members (lower(email)) WHERE disabled_at IS NULL;

ALTER TABLE api_keys ADD COLUMN staff_id TEXT REFERENCES staff_members (id);
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
ALTER TABLE api_keys ADD COLUMN revoked_at BIGINT;
CREATE INDEX api_keys_staff ON api_keys (staff_id);

-- +goose Down
DROP INDEX api_keys_staff;
ALTER TABLE api_keys DROP COLUMN revoked_at;
ALTER TABLE api_keys DROP COLUMN last_used_at;
ALTER TABLE api_keys DROP COLUMN staff_id;
DROP TABLE staff_members;
