-- +goose Up
-- Staff members sign in to the console with a password (issue 14): the
-- argon2id hash in PHC form, which carries its own salt and costs, so the
-- costs can be raised later and old hashes still read. NULL: no password
-- (the member signs in with OpenID Connect or a key, or not at all).
ALTER TABLE staff_members ADD COLUMN password_hash TEXT;
ALTER TABLE staff_members ADD COLUMN password_set_at INTEGER;

-- +goose Down
ALTER TABLE staff_members DROP COLUMN password_set_at;
ALTER TABLE staff_members DROP COLUMN password_hash;
