package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Doc is one stored aggregate: its JSON and the columns queries filter on.
// Refs index the document under other ids (its account, organization, job,
// a case kind ...) so that List can find it by any of them.
type Doc struct {
	ID        string
	Kind      string
	Status    string
	Search    string // lower-cased text matched by Query.Search
	Refs      []string
	Version   int64
	CreatedAt time.Time
	Data      any
}

// Put writes a document: version 1 inserts it, a later version replaces the
// previous one only if the stored version is exactly one less (else ErrConflict).
func (t *Tx) Put(ctx context.Context, d Doc) error {
	data, err := json.Marshal(d.Data)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", d.Kind, d.ID, err)
	}
	if d.Version <= 1 {
		_, err = t.exec(ctx, `INSERT INTO docs (id, kind, status, search, version, created_at, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			d.ID, d.Kind, d.Status, strings.ToLower(d.Search), d.Version, micros(d.CreatedAt), string(data))
		if isUniqueViolation(err) {
			return fmt.Errorf("insert %s %s: %w", d.Kind, d.ID, ErrExists)
		}
		if err != nil {
			return fmt.Errorf("insert %s %s: %w", d.Kind, d.ID, err)
		}
	} else {
		res, err := t.exec(ctx, `UPDATE docs SET status = $1, search = $2, version = $3, data = $4
			WHERE id = $5 AND version = $6`,
			d.Status, strings.ToLower(d.Search), d.Version, string(data), d.ID, d.Version-1)
		if err != nil {
			return fmt.Errorf("update %s %s: %w", d.Kind, d.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("update %s %s: %w", d.Kind, d.ID, ErrConflict)
		}
		if _, err := t.exec(ctx, `DELETE FROM doc_refs WHERE doc_id = $1`, d.ID); err != nil {
			return fmt.Errorf("update refs of %s: %w", d.ID, err)
		}
	}
	// Every reference in one statement: one round trip however many there are.
	args := []any{d.Kind, d.ID, micros(d.CreatedAt)}
	var rows []string
	for _, r := range slices.Compact(slices.Sorted(slices.Values(d.Refs))) {
		if r == "" {
			continue
		}
		args = append(args, r)
		rows = append(rows, fmt.Sprintf("($%d, $1, $2, $3)", len(args)))
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := t.exec(ctx, `INSERT INTO doc_refs (ref, kind, doc_id, at) VALUES `+strings.Join(rows, ", ")+`
		ON CONFLICT DO NOTHING`, args...); err != nil {
		return fmt.Errorf("index %s under %v: %w", d.ID, d.Refs, err)
	}
	return nil
}

// Get loads the document of a kind with id into dst, locking its row in a
// write transaction on PostgreSQL. A missing document, or one of another
// kind, is ErrNotFound.
func (t *Tx) Get(ctx context.Context, kind, id string, dst any) error {
	var data string
	err := t.queryRow(ctx, `SELECT data FROM docs WHERE id = $1 AND kind = $2`+t.forUpdate(), id, kind).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("get %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(data), dst); err != nil {
		return fmt.Errorf("decode %s: %w", id, err)
	}
	return nil
}

// LockDocs locks the rows of the documents with these ids, in ascending id
// order, on PostgreSQL in a write transaction (SQLite's write transactions
// are already serialized). Every transaction that changes several accounts
// locks them through it before reading them, so two transactions never wait
// for each other's rows in opposite orders: no deadlock by construction.
func (t *Tx) LockDocs(ctx context.Context, ids ...string) error {
	if t.forUpdate() == "" || len(ids) == 0 {
		return nil
	}
	sorted := slices.Compact(slices.Sorted(slices.Values(ids)))
	args := make([]any, len(sorted))
	ph := make([]string, len(sorted))
	for i, id := range sorted {
		args[i], ph[i] = id, fmt.Sprintf("$%d", i+1)
	}
	rows, err := t.query(ctx, `SELECT id FROM docs WHERE id IN (`+strings.Join(ph, ", ")+`) ORDER BY id FOR UPDATE`, args...)
	if err != nil {
		return fmt.Errorf("lock %v: %w", sorted, err)
	}
	defer rows.Close()
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("lock %v: %w", sorted, err)
	}
	return nil
}

// Query selects documents of one kind. Every Ref must index the document.
type Query struct {
	Kind   string
	Status []string
	Search string
	Refs   []string
	Since  time.Time // created at or after (zero: no bound)
	After  string    // cursor: ids strictly after (before, if Desc) this one
	Limit  int       // 0: no limit
	Desc   bool
}

func (t *Tx) where(q Query) (string, []any) {
	var sb strings.Builder
	args := []any{q.Kind}
	sb.WriteString(` FROM docs WHERE kind = $1`)
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if len(q.Status) > 0 {
		ph := make([]string, len(q.Status))
		for i, s := range q.Status {
			ph[i] = arg(s)
		}
		sb.WriteString(` AND status IN (` + strings.Join(ph, ", ") + `)`)
	}
	if q.Search != "" {
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(q.Search))
		sb.WriteString(` AND search LIKE ` + arg("%"+esc+"%") + ` ESCAPE '\'`)
	}
	for _, r := range q.Refs {
		sb.WriteString(` AND id IN (SELECT doc_id FROM doc_refs WHERE ref = ` + arg(r) + ` AND kind = $1)`)
	}
	if !q.Since.IsZero() {
		sb.WriteString(` AND created_at >= ` + arg(micros(q.Since)))
	}
	if q.After != "" {
		op := ">"
		if q.Desc {
			op = "<"
		}
		sb.WriteString(` AND id ` + op + ` ` + arg(q.After))
	}
	return sb.String(), args
}

// List returns the JSON of the documents matching q, ordered by id.
func (t *Tx) List(ctx context.Context, q Query) ([]json.RawMessage, error) {
	where, args := t.where(q)
	order := " ORDER BY id"
	if q.Desc {
		order += " DESC"
	}
	limit := ""
	if q.Limit > 0 {
		limit = fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.query(ctx, `SELECT data`+where+order+limit, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", q.Kind, err)
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("list %s: %w", q.Kind, err)
		}
		out = append(out, json.RawMessage(s))
	}
	return out, rows.Err()
}

// Count returns how many documents match q (Limit and After are ignored).
func (t *Tx) Count(ctx context.Context, q Query) (int, error) {
	q.After, q.Limit = "", 0
	where, args := t.where(q)
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*)`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", q.Kind, err)
	}
	return n, nil
}

// ListAs decodes the documents matching q into values of T.
func ListAs[T any](ctx context.Context, t *Tx, q Query) ([]T, error) {
	raw, err := t.List(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		var v T
		if err := json.Unmarshal(r, &v); err != nil {
			return nil, fmt.Errorf("decode %s: %w", q.Kind, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// Rewrite passes every stored text that concerns an account through fix
// and writes back what changed: its documents (data and search text), its
// audit events, and webhook bodies naming it; remembered idempotent answers
// naming it are deleted. Erasure (L10) uses it to take personal data out of
// every copy the account's history made.
func (t *Tx) Rewrite(ctx context.Context, accountID string, fix func(string) string) error {
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(accountID) + "%"
	for _, r := range []struct{ sel, upd, arg string }{
		{`SELECT id, data FROM docs WHERE id = $1 OR id IN (SELECT doc_id FROM doc_refs WHERE ref = $1)`,
			`UPDATE docs SET data = $1 WHERE id = $2`, accountID},
		{`SELECT id, search FROM docs WHERE id = $1 OR id IN (SELECT doc_id FROM doc_refs WHERE ref = $1)`,
			`UPDATE docs SET search = $1 WHERE id = $2`, accountID},
		{`SELECT id, data FROM audit_events WHERE account_id = $1`, `UPDATE audit_events SET data = $1 WHERE id = $2`, accountID},
		{`SELECT id, body FROM outbox WHERE body LIKE $1 ESCAPE '\'`, `UPDATE outbox SET body = $1 WHERE id = $2`, like},
	} {
		if err := t.rewrite(ctx, r.sel, r.upd, r.arg, fix); err != nil {
			return fmt.Errorf("rewrite %s: %w", accountID, err)
		}
	}
	if _, err := t.exec(ctx, `DELETE FROM idempotency WHERE body LIKE $1 ESCAPE '\'`, like); err != nil {
		return fmt.Errorf("rewrite %s: %w", accountID, err)
	}
	return nil
}

// rewrite runs sel (selecting key and text), passes each text through fix
// and runs upd (text, key) for those that changed.
func (t *Tx) rewrite(ctx context.Context, sel, upd, arg string, fix func(string) string) error {
	rows, err := t.query(ctx, sel, arg)
	if err != nil {
		return err
	}
	changed := map[string]string{}
	for rows.Next() {
		var key, text string
		if err := rows.Scan(&key, &text); err != nil {
			rows.Close()
			return err
		}
		if f := fix(text); f != text {
			changed[key] = f
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, key := range slices.Sorted(maps.Keys(changed)) { // one order: no deadlock between two erasures
		if _, err := t.exec(ctx, upd, changed[key], key); err != nil {
			return err
		}
	}
	return nil
}

// Texts runs a query of one text column and returns every value (tests and
// operator checks).
func (t *Tx) Texts(ctx context.Context, query string) ([]string, error) {
	rows, err := t.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("texts: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
