-- +goose Up
-- M9 acts only on suspended and banned accounts, and on erased ones that
-- were banned: a sign-up reads its near-match candidates' states in this
-- small covering index, which stays in cache, rather than in the accounts
-- table at random (a tenth of a sign-up at 1,000,000 accounts).
CREATE INDEX accounts_sanctioned ON accounts (id, status, banned_at)
    WHERE status IN ('suspended', 'banned') OR (status = 'erased' AND banned_at IS NOT NULL);

-- +goose Down
DROP INDEX accounts_sanctioned;
