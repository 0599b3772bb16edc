-- +goose Up
-- A held message waits for a person until one releases or upholds it (V5):
-- the review's outcome becomes a column, so the queue of waiting messages
-- is a query (with its own small index) and not a filter over pages.
ALTER TABLE messages ADD COLUMN review_outcome TEXT CHECK (review_outcome IN ('release', 'uphold'));
UPDATE messages SET review_outcome = data->'review'->>'outcome'
    WHERE data->'review'->>'outcome' IS NOT NULL;
DROP INDEX messages_held;
CREATE INDEX messages_held ON messages (status, id) WHERE status = 'held' AND review_outcome IS NULL;

-- +goose Down
DROP INDEX messages_held;
CREATE INDEX messages_held ON messages (status, id) WHERE status = 'held';
ALTER TABLE messages DROP COLUMN review_outcome;
