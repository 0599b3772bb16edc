package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Tables lists every aggregate's table, in an order in which each table's
// foreign keys point at tables listed before it.
var Tables = []*Table{Accounts, Notices, Cases, Teams, Jobs, Proposals, Contracts, Invoices, Messages, Reviews,
	Payments, Withdrawals, Pairs, Refusals, Webhooks, Encodings}

// LockAccounts locks the rows of the accounts with these ids, in ascending id
// order, on PostgreSQL in a write transaction (SQLite's write transactions
// are already serialized). Every transaction that changes several accounts
// locks them through it before reading them, so two transactions never wait
// for each other's rows in opposite orders: no deadlock by construction.
func (t *Tx) LockAccounts(ctx context.Context, ids ...string) error {
	if t.forUpdate() == "" || len(ids) == 0 {
		return nil
	}
	sorted := slices.Compact(slices.Sorted(slices.Values(ids)))
	var args []any
	rows, err := t.query(ctx, `SELECT id FROM accounts WHERE id IN (`+bind(&args, sorted...)+`) ORDER BY id FOR UPDATE`, args...)
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

// Rewrite passes every stored text that concerns an account through fix
// and writes back what changed: the aggregates that name it (in a column or
// a child table: its cases, teams, messages ...), its audit events, and
// webhook bodies naming it; remembered idempotent answers naming it are
// deleted. Erasure (L10) uses it to take personal data out of every copy the
// account's history made. An aggregate passes through fix as its JSON.
func (t *Tx) Rewrite(ctx context.Context, accountID string, fix func(string) string) error {
	for _, tb := range Tables {
		if err := t.rewriteTable(ctx, tb, accountID, fix); err != nil {
			return fmt.Errorf("rewrite %s: %w", accountID, err)
		}
	}
	like := containing(accountID)
	for _, r := range []struct{ sel, upd, arg string }{
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

// likeEscape escapes LIKE's wildcards and its escape character, a backslash.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// containing is the LIKE pattern (with ESCAPE backslash) of text holding s anywhere.
func containing(s string) string { return "%" + likeEscape.Replace(s) + "%" }

// rewriteTable rewrites the aggregates of tb that name the account, in key
// order (one order: no deadlock between two erasures), keeping their
// versions.
func (t *Tx) rewriteTable(ctx context.Context, tb *Table, accountID string, fix func(string) string) error {
	var or []string
	for _, c := range tb.accounts {
		or = append(or, c+" = $1")
	}
	for _, ch := range tb.children {
		if slices.ContainsFunc(ch.cols, func(c Column) bool { return c.name == "account_id" }) {
			or = append(or, tb.key+" IN (SELECT "+ch.parent+" FROM "+ch.table+" WHERE account_id = $1)")
		}
	}
	if len(or) == 0 {
		return nil
	}
	keys, err := t.Texts(ctx, "SELECT "+tb.key+" FROM "+tb.Name+" WHERE "+strings.Join(or, " OR ")+" ORDER BY "+tb.key, accountID)
	if err != nil || len(keys) == 0 {
		return err
	}
	objs, err := t.find(ctx, tb, Q{Where: []Cond{In(tb.key, keys...)}})
	if err != nil {
		return err
	}
	for _, o := range objs {
		fixed := fix(string(o))
		if fixed == string(o) {
			continue
		}
		m, err := decodeObject([]byte(fixed))
		if err != nil {
			return fmt.Errorf("%s: the rewritten aggregate is not JSON: %w", tb.Name, err)
		}
		if err := t.store(ctx, tb, m, inPlace); err != nil {
			return err
		}
	}
	return nil
}

// Dump returns the JSON of every aggregate of a table, in key order: what
// an operator's export or a test of erasure reads.
func (t *Tx) Dump(ctx context.Context, tb *Table) ([]string, error) {
	objs, err := t.find(ctx, tb, Q{})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = string(o)
	}
	return out, nil
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

// Texts runs a query of one text column and returns every value.
func (t *Tx) Texts(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := t.query(ctx, query, args...)
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
