package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AuditEvent is one event of an account's audit log, as it is appended.
type AuditEvent struct {
	ID        string
	AccountID string
	At        time.Time
	Event     any // stored as JSON
}

// Audit appends events to their accounts' append-only audit logs, in one
// statement and in the order given.
func (t *Tx) Audit(ctx context.Context, events ...AuditEvent) error {
	if len(events) == 0 {
		return nil
	}
	args := make([]any, 0, 4*len(events))
	rows := make([]string, len(events))
	for i, e := range events {
		b, err := json.Marshal(e.Event)
		if err != nil {
			return fmt.Errorf("encode audit event: %w", err)
		}
		rows[i] = "(" + bind[any](&args, e.ID, e.AccountID, micros(e.At), string(b)) + ")"
	}
	if _, err := t.exec(ctx, `INSERT INTO audit_events (id, account_id, at, data) VALUES `+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("append audit events: %w", err)
	}
	return nil
}

// AuditEvents returns the account's events in order, after sequence number
// after, at most limit of them, with the sequence number of each.
func (t *Tx) AuditEvents(ctx context.Context, accountID string, after int64, limit int) ([]json.RawMessage, []int64, error) {
	rows, err := t.query(ctx, `SELECT seq, data FROM audit_events WHERE account_id = $1 AND seq > $2
		ORDER BY seq LIMIT $3`, accountID, after, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("audit events: %w", err)
	}
	defer rows.Close()
	var out []json.RawMessage
	var seqs []int64
	for rows.Next() {
		var seq int64
		var s string
		if err := rows.Scan(&seq, &s); err != nil {
			return nil, nil, fmt.Errorf("audit events: %w", err)
		}
		out, seqs = append(out, json.RawMessage(s)), append(seqs, seq)
	}
	return out, seqs, rows.Err()
}

// Job is a unit of work due at a time. Its id makes enqueueing idempotent:
// enqueueing an existing id moves its due time.
type Job struct {
	ID       string
	Kind     string
	Ref      string
	DueAt    time.Time
	Attempts int
}

// Enqueue schedules (or reschedules) jobs, in one statement; of jobs with
// one id, the last is kept (PostgreSQL refuses to write a row twice in one
// statement).
func (t *Tx) Enqueue(ctx context.Context, jobs ...Job) error {
	if len(jobs) == 0 {
		return nil
	}
	// Keep the last of jobs sharing an id (one statement cannot upsert a
	// row twice). Calls hold a job or two: a scan beats building a map.
	kept := jobs[:0:0]
	for i, j := range jobs {
		if !slices.ContainsFunc(jobs[i+1:], func(later Job) bool { return later.ID == j.ID }) {
			kept = append(kept, j)
		}
	}
	jobs = kept
	var args []any
	rows := make([]string, len(jobs))
	for i, j := range jobs {
		rows[i] = "(" + bind[any](&args, j.ID, j.Kind, j.Ref, micros(j.DueAt)) + ")"
	}
	_, err := t.exec(ctx, `INSERT INTO jobs (id, kind, ref, due_at) VALUES `+strings.Join(rows, ", ")+`
		ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, attempts = 0, last_error = ''`, args...)
	if err != nil {
		return fmt.Errorf("enqueue %s: %w", jobs[0].ID, err)
	}
	return nil
}

// Cancel removes a scheduled job, if it exists.
func (t *Tx) Cancel(ctx context.Context, id string) error {
	if _, err := t.exec(ctx, `DELETE FROM jobs WHERE id = $1`, id); err != nil {
		return fmt.Errorf("cancel job %s: %w", id, err)
	}
	return nil
}

// NextDue returns the earliest due time of any job, or false when none is scheduled.
func (db *DB) NextDue(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	if err := db.read.sql.QueryRowContext(ctx, `SELECT MIN(due_at) FROM jobs`).Scan(&v); err != nil {
		return time.Time{}, false, fmt.Errorf("next due: %w", err)
	}
	if !v.Valid {
		return time.Time{}, false, nil
	}
	return fromMicros(v.Int64), true, nil
}

// RunOne takes the earliest job due at now and runs fn on it inside one
// transaction, deleting the job when fn succeeds. The row lock is the lease:
// on PostgreSQL other replicas skip it (SKIP LOCKED), and a crash rolls the
// transaction back so the job stays due. When fn fails, its writes are
// undone to a savepoint and the job is put back with back-off in the same
// transaction, so no other runner can take it early. It reports whether a
// job was found, and fn's error.
func (db *DB) RunOne(ctx context.Context, now time.Time, fn func(*Tx, Job) error) (bool, error) {
	var job Job
	var jobErr error
	found := false
	err := db.Update(ctx, func(tx *Tx) error {
		found, jobErr = false, nil
		lock := ""
		if db.Engine == Postgres {
			lock = " FOR UPDATE SKIP LOCKED"
		}
		var due int64
		err := tx.queryRow(ctx, `SELECT id, kind, ref, due_at, attempts FROM jobs
			WHERE due_at <= $1 ORDER BY due_at, id LIMIT 1`+lock, micros(now)).
			Scan(&job.ID, &job.Kind, &job.Ref, &due, &job.Attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("claim job: %w", err)
		}
		found = true
		job.DueAt = fromMicros(due)
		if _, err := tx.tx.ExecContext(ctx, `SAVEPOINT job`); err != nil {
			return fmt.Errorf("savepoint: %w", err)
		}
		if jobErr = fn(tx, job); jobErr != nil {
			if _, err := tx.tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT job`); err != nil {
				return fmt.Errorf("rollback job %s: %w", job.ID, err)
			}
			backoff := time.Duration(1<<min(job.Attempts, 10)) * 10 * time.Second
			_, err := tx.exec(ctx, `UPDATE jobs SET attempts = attempts + 1, due_at = $1, last_error = $2 WHERE id = $3`,
				micros(now.Add(backoff)), jobErr.Error(), job.ID)
			return err
		}
		if _, err := tx.tx.ExecContext(ctx, `RELEASE SAVEPOINT job`); err != nil {
			return fmt.Errorf("release: %w", err)
		}
		// The job may have rescheduled itself under the same id: delete only
		// the occurrence that ran.
		_, err = tx.exec(ctx, `DELETE FROM jobs WHERE id = $1 AND due_at = $2`, job.ID, due)
		return err
	})
	if err != nil {
		return found, err
	}
	if jobErr != nil {
		return found, fmt.Errorf("job %s: %w", job.ID, jobErr)
	}
	return found, nil
}

// Idem is a remembered answer to an idempotent request.
type Idem struct {
	RequestHash string
	Status      int
	Body        string
	CreatedAt   time.Time
}

// ClaimIdempotency claims key for the transaction t, which should be the one
// that also makes the request's effects and stores its answer with
// FinishIdempotency (see DB.Within): then a crash leaves either nothing (a
// retry runs the request, once) or the effects with their answer (a retry
// gets the answer). When the key already holds an answer younger than ttl,
// it returns that answer and false. A concurrent transaction holding the
// same key makes this one wait until it ends: on PostgreSQL the insert waits
// on the unique index; on SQLite write transactions take turns. A row left
// without an answer (claims of earlier versions, written in a transaction
// of their own) is taken over.
func (t *Tx) ClaimIdempotency(ctx context.Context, key, reqHash string, now time.Time, ttl time.Duration) (Idem, bool, error) {
	for range 3 {
		res, err := t.exec(ctx, `INSERT INTO idempotency (key, request_hash, status, body, created_at)
			VALUES ($1, $2, 0, '', $3) ON CONFLICT (key) DO NOTHING`, key, reqHash, micros(now))
		if err != nil {
			return Idem{}, false, fmt.Errorf("idempotency claim: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return Idem{}, true, nil
		}
		var got Idem
		var at int64
		err = t.queryRow(ctx, `SELECT request_hash, status, body, created_at FROM idempotency WHERE key = $1`, key).
			Scan(&got.RequestHash, &got.Status, &got.Body, &at)
		if errors.Is(err, sql.ErrNoRows) {
			continue // forgotten in between: claim again
		}
		if err != nil {
			return Idem{}, false, fmt.Errorf("idempotency lookup: %w", err)
		}
		got.CreatedAt = fromMicros(at)
		if got.Status != 0 && now.Sub(got.CreatedAt) < ttl {
			return got, false, nil
		}
		if _, err := t.exec(ctx, `DELETE FROM idempotency WHERE key = $1 AND created_at = $2 AND status = $3`,
			key, at, got.Status); err != nil {
			return Idem{}, false, fmt.Errorf("idempotency expire: %w", err)
		}
	}
	return Idem{}, false, fmt.Errorf("idempotency claim %s: the key kept changing", key)
}

// FinishIdempotency stores the answer of a key claimed in t.
func (t *Tx) FinishIdempotency(ctx context.Context, key string, status int, body []byte) error {
	if _, err := t.exec(ctx, `UPDATE idempotency SET status = $1, body = $2 WHERE key = $3`, status, string(body), key); err != nil {
		return fmt.Errorf("idempotency finish: %w", err)
	}
	return nil
}

// PurgeIdempotency deletes keys older than before.
func (t *Tx) PurgeIdempotency(ctx context.Context, before time.Time) error {
	_, err := t.exec(ctx, `DELETE FROM idempotency WHERE created_at < $1`, micros(before))
	if err != nil {
		return fmt.Errorf("purge idempotency: %w", err)
	}
	return nil
}

// SignalRow is one account seen with one keyed signal hash.
type SignalRow struct {
	Kind      string
	Hash      string
	AccountID string
	FirstSeen time.Time
	LastSeen  time.Time
}

// bind appends vals to a statement's arguments and returns their
// placeholders, comma separated: the one way a store statement with a
// variable number of values numbers them.
func bind[T any](args *[]any, vals ...T) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		*args = append(*args, v)
		ph[i] = "$" + strconv.Itoa(len(*args))
	}
	return strings.Join(ph, ", ")
}

// SignalKey is one keyed signal hash of a kind.
type SignalKey struct {
	Kind string
	Hash string
}

// AddSignals records, in one statement, that account showed each of the
// hashed signals at now: a pair seen before keeps its first_seen and moves
// its last_seen.
func (t *Tx) AddSignals(ctx context.Context, accountID string, now time.Time, sigs []SignalKey) error {
	sigs = slices.Compact(slices.SortedFunc(slices.Values(sigs), func(a, b SignalKey) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Hash, b.Hash))
	}))
	if len(sigs) == 0 {
		return nil
	}
	args := []any{accountID, micros(now)}
	rows := make([]string, len(sigs))
	for i, sg := range sigs {
		rows[i] = "(" + bind(&args, sg.Kind, sg.Hash) + ", $1, $2, $2)"
	}
	// One row can appear once only: PostgreSQL refuses to update a row
	// twice in one statement, hence the compacting above.
	if _, err := t.exec(ctx, `INSERT INTO signals (kind, hash, account_id, first_seen, last_seen) VALUES `+
		strings.Join(rows, ", ")+` ON CONFLICT (kind, hash, account_id) DO UPDATE SET last_seen = excluded.last_seen`, args...); err != nil {
		return fmt.Errorf("add signals: %w", err)
	}
	return nil
}

// Probe asks the signal index for at most Limit rows holding any of Hashes
// of Kind.
type Probe struct {
	Kind   string
	Hashes []string
	Limit  int
}

// Lookup answers probes in one statement, so a decision that seeks several
// signals pays one round trip: out[i] holds probe i's rows.
func (t *Tx) Lookup(ctx context.Context, probes []Probe) ([][]SignalRow, error) {
	out := make([][]SignalRow, len(probes))
	var args []any
	var parts []string
	for i, p := range probes {
		if len(p.Hashes) == 0 {
			continue
		}
		kind := bind(&args, p.Kind)
		parts = append(parts, fmt.Sprintf(`SELECT %d AS probe, kind, hash, account_id, first_seen, last_seen FROM (
			SELECT kind, hash, account_id, first_seen, last_seen FROM signals WHERE kind = %s AND hash IN (%s) LIMIT %d) AS p%d`,
			i, kind, bind(&args, p.Hashes...), p.Limit, i))
	}
	if len(parts) == 0 {
		return out, nil
	}
	rows, err := t.query(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return nil, fmt.Errorf("signal lookup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r SignalRow
		var i int
		var f, l int64
		if err := rows.Scan(&i, &r.Kind, &r.Hash, &r.AccountID, &f, &l); err != nil {
			return nil, fmt.Errorf("signal lookup: %w", err)
		}
		r.FirstSeen, r.LastSeen = fromMicros(f), fromMicros(l)
		out[i] = append(out[i], r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("signal lookup: %w", err)
	}
	return out, nil
}

// AccountsWith returns up to limit rows holding any of the hashes of kind.
func (t *Tx) AccountsWith(ctx context.Context, kind string, hashes []string, limit int) ([]SignalRow, error) {
	rows, err := t.Lookup(ctx, []Probe{{Kind: kind, Hashes: hashes, Limit: limit}})
	if err != nil {
		return nil, err
	}
	return rows[0], nil
}

// SignalsOf returns every signal row of an account.
func (t *Tx) SignalsOf(ctx context.Context, accountID string) ([]SignalRow, error) {
	rows, err := t.query(ctx, `SELECT kind, hash, account_id, first_seen, last_seen FROM signals WHERE account_id = $1`, accountID)
	if err != nil {
		return nil, fmt.Errorf("signals of %s: %w", accountID, err)
	}
	defer rows.Close()
	var out []SignalRow
	for rows.Next() {
		var r SignalRow
		var f, l int64
		if err := rows.Scan(&r.Kind, &r.Hash, &r.AccountID, &f, &l); err != nil {
			return nil, fmt.Errorf("signals of %s: %w", accountID, err)
		}
		r.FirstSeen, r.LastSeen = fromMicros(f), fromMicros(l)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Entry is one ledger movement of integer cents into (positive) or out of
// (negative) a bucket of an owner.
type Entry struct {
	Owner  string
	Bucket string
	Amount int64
	Ref    string
	Memo   string
	At     time.Time
}

// Post appends ledger entries. Callers post balanced pairs.
func (t *Tx) Post(ctx context.Context, entries ...Entry) error {
	for _, e := range entries {
		if _, err := t.exec(ctx, `INSERT INTO ledger (owner, bucket, amount, ref, memo, at) VALUES ($1, $2, $3, $4, $5, $6)`,
			e.Owner, e.Bucket, e.Amount, e.Ref, e.Memo, micros(e.At)); err != nil {
			return fmt.Errorf("post ledger entry: %w", err)
		}
	}
	return nil
}

// Balance sums an owner's bucket.
func (t *Tx) Balance(ctx context.Context, owner, bucket string) (int64, error) {
	var v sql.NullInt64
	if err := t.queryRow(ctx, `SELECT SUM(amount) FROM ledger WHERE owner = $1 AND bucket = $2`, owner, bucket).Scan(&v); err != nil {
		return 0, fmt.Errorf("balance %s/%s: %w", owner, bucket, err)
	}
	return v.Int64, nil
}

// LedgerSum sums every entry: zero when every movement is balanced.
func (t *Tx) LedgerSum(ctx context.Context) (int64, error) {
	var v sql.NullInt64
	if err := t.queryRow(ctx, `SELECT SUM(amount) FROM ledger`).Scan(&v); err != nil {
		return 0, fmt.Errorf("ledger sum: %w", err)
	}
	return v.Int64, nil
}

// Delivery is one webhook event for one endpoint in the outbox.
type Delivery struct {
	ID         string
	EndpointID string
	EventType  string
	Body       []byte
	Attempts   int
	Delivered  time.Time
	LastStatus int
	LastError  string
}

// AddDelivery writes a webhook delivery in the same transaction as the change it reports.
func (t *Tx) AddDelivery(ctx context.Context, d Delivery, now time.Time) error {
	if _, err := t.exec(ctx, `INSERT INTO outbox (id, endpoint_id, event_type, body, due_at) VALUES ($1, $2, $3, $4, $5)`,
		d.ID, d.EndpointID, d.EventType, string(d.Body), micros(now)); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// ClaimDeliveries leases up to limit due deliveries for lease, so that one
// replica sends each at a time; an expired lease makes it due again.
// Deliveries to the endpoints in skip (busy or failing ones) are left due.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int, skip []string) ([]Delivery, error) {
	var out []Delivery
	err := db.Update(ctx, func(tx *Tx) error {
		out = nil
		lock := ""
		if db.Engine == Postgres {
			lock = " FOR UPDATE SKIP LOCKED"
		}
		args := []any{micros(now)}
		not := ""
		if len(skip) > 0 {
			not = " AND endpoint_id NOT IN (" + bind(&args, skip...) + ")"
		}
		rows, err := tx.query(ctx, fmt.Sprintf(`SELECT id, endpoint_id, event_type, body, attempts FROM outbox
			WHERE delivered_at = 0 AND due_at <= $1 AND lease_until <= $1%s ORDER BY due_at LIMIT %d`+lock, not, limit), args...)
		if err != nil {
			return fmt.Errorf("claim deliveries: %w", err)
		}
		for rows.Next() {
			var d Delivery
			var body string
			if err := rows.Scan(&d.ID, &d.EndpointID, &d.EventType, &body, &d.Attempts); err != nil {
				rows.Close()
				return fmt.Errorf("claim deliveries: %w", err)
			}
			d.Body = []byte(body)
			out = append(out, d)
		}
		rows.Close()
		for _, d := range out {
			if _, err := tx.exec(ctx, `UPDATE outbox SET lease_until = $1 WHERE id = $2`, micros(now.Add(lease)), d.ID); err != nil {
				return fmt.Errorf("lease delivery: %w", err)
			}
		}
		return nil
	})
	return out, err
}

// DeferDelivery makes a leased delivery due again at dueAt without counting
// an attempt (its endpoint's circuit is open).
func (db *DB) DeferDelivery(ctx context.Context, id string, dueAt time.Time) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE outbox SET due_at = $1, lease_until = 0 WHERE id = $2`, micros(dueAt), id); err != nil {
			return fmt.Errorf("defer delivery %s: %w", id, err)
		}
		return nil
	})
}

// DropDeliveries deletes the deliveries of an endpoint not yet delivered.
func (t *Tx) DropDeliveries(ctx context.Context, endpointID string) error {
	if _, err := t.exec(ctx, `DELETE FROM outbox WHERE endpoint_id = $1 AND delivered_at = 0`, endpointID); err != nil {
		return fmt.Errorf("drop deliveries of %s: %w", endpointID, err)
	}
	return nil
}

// FinishDelivery records one attempt: delivered, or due again at retryAt.
func (db *DB) FinishDelivery(ctx context.Context, id string, now time.Time, status int, errText string, delivered bool, retryAt time.Time) error {
	return db.Update(ctx, func(tx *Tx) error {
		var err error
		if delivered {
			_, err = tx.exec(ctx, `UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, last_status = $2,
				last_error = '', lease_until = 0 WHERE id = $3`, micros(now), status, id)
		} else {
			_, err = tx.exec(ctx, `UPDATE outbox SET due_at = $1, attempts = attempts + 1, last_status = $2,
				last_error = $3, lease_until = 0 WHERE id = $4`, micros(retryAt), status, errText, id)
		}
		if err != nil {
			return fmt.Errorf("finish delivery %s: %w", id, err)
		}
		return nil
	})
}

// Deliveries lists the delivery log of an endpoint, newest first: up to
// limit deliveries older than the one whose id is before ("" for the newest).
func (t *Tx) Deliveries(ctx context.Context, endpointID, before string, limit int) ([]Delivery, error) {
	older := ""
	args := []any{endpointID, limit}
	if before != "" {
		older, args = ` AND id < $3`, append(args, before)
	}
	rows, err := t.query(ctx, `SELECT id, endpoint_id, event_type, body, attempts, delivered_at, last_status, last_error
		FROM outbox WHERE endpoint_id = $1`+older+` ORDER BY id DESC LIMIT $2`, args...)
	if err != nil {
		return nil, fmt.Errorf("deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var body string
		var at int64
		if err := rows.Scan(&d.ID, &d.EndpointID, &d.EventType, &body, &d.Attempts, &at, &d.LastStatus, &d.LastError); err != nil {
			return nil, fmt.Errorf("deliveries: %w", err)
		}
		d.Body = []byte(body)
		if at != 0 {
			d.Delivered = fromMicros(at)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MetaValue returns a stored setting of the installation (ErrNotFound if unset).
func (t *Tx) MetaValue(ctx context.Context, name string) (string, error) {
	var v string
	err := t.queryRow(ctx, `SELECT value FROM meta WHERE name = $1`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("meta %s: %w", name, err)
	}
	return v, nil
}

// SetMetaOnce stores value under name unless a value is already there, and
// returns the value that is stored afterwards.
func (t *Tx) SetMetaOnce(ctx context.Context, name, value string) (string, error) {
	if _, err := t.exec(ctx, `INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, value); err != nil {
		return "", fmt.Errorf("meta %s: %w", name, err)
	}
	return t.MetaValue(ctx, name)
}

// DeleteMeta forgets a stored setting of the installation.
func (t *Tx) DeleteMeta(ctx context.Context, name string) error {
	if _, err := t.exec(ctx, `DELETE FROM meta WHERE name = $1`, name); err != nil {
		return fmt.Errorf("meta %s: %w", name, err)
	}
	return nil
}
