-- +goose Up
-- Every foreign key's column leads an index. SQLite otherwise reads the
-- whole child table when a parent row is written while the transaction
-- holds a deferred violation (a sign-up writes its encodings, and a case
-- that opens for it, before the account: every sign-up read all of cases,
-- and writing a notice would read all of messages); PostgreSQL reads it
-- when a parent row is deleted.
CREATE INDEX notices_follows ON notices (follows);
CREATE INDEX cases_reporter ON cases (reporter_account_id);
CREATE INDEX cases_notice ON cases (notice_id);
CREATE INDEX job_posts_posted_by ON job_posts (posted_by);
CREATE INDEX invoices_freelancer ON invoices (freelancer_account_id);
CREATE INDEX messages_notice ON messages (notice_id);
CREATE INDEX messages_job ON messages (job_id);
CREATE INDEX reviews_author ON reviews (author_account_id);
CREATE INDEX reviews_contract ON reviews (contract_id);

-- +goose Down
DROP INDEX notices_follows;
DROP INDEX cases_reporter;
DROP INDEX cases_notice;
DROP INDEX job_posts_posted_by;
DROP INDEX invoices_freelancer;
DROP INDEX messages_notice;
DROP INDEX messages_job;
DROP INDEX reviews_author;
DROP INDEX reviews_contract;
