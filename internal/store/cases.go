package store

import (
	"context"
	"fmt"
	"time"
)

// Cases is the table of support cases (POLICY.md section 9), with the
// accounts a case concerns besides its subject (case_accounts) and its
// notes and history (case_events). Who opened it is nested JSON in data.
var Cases = &Table{Name: "cases", key: "id", accounts: []string{"account_id", "reporter_account_id"}, cols: []Column{
	col("id", text), col("kind", text), col("account_id", text), col("channel", text), col("status", text),
	col("body", text), col("rule", optText), col("notice_id", optText), col("assignee", optText), col("due_at", stamp),
	col("outcome", optText), col("reason", optText), col("reporter_account_id", optText), col("automated", boolean),
	col("created_at", stamp), col("resolved_at", optStamp), col("version", integer),
}, children: []child{
	{table: "case_accounts", parent: "case_id", field: "related_account_ids", cols: []Column{{name: "account_id", path: []string{""}, kind: text}}},
	{table: "case_events", parent: "case_id", field: "notes", fixed: []string{"list", "note"}, cols: caseEventCols},
	{table: "case_events", parent: "case_id", field: "history", fixed: []string{"list", "history"}, cols: caseEventCols},
}}

var caseEventCols = []Column{
	col("at", stamp), col("actor_kind", text, "actor", "kind"), col("actor_id", text, "actor", "id"),
	col("action", text), col("detail", optText),
}

// Appeals summarizes the appeals opened in [from, to) for the transparency
// report.
type Appeals struct {
	Received, Granted, Denied int
	MedianHours               *float64 // of those decided; nil when none is
}

// AppealTally counts the appeals opened in [from, to) and their outcomes,
// and finds the median time to decide them, in SQL.
func (t *Tx) AppealTally(ctx context.Context, from, to time.Time) (Appeals, error) {
	var out Appeals
	var decided int
	window := `FROM cases WHERE kind = 'appeal' AND created_at >= $1 AND created_at < $2`
	args := []any{t.stampArg(from), t.stampArg(to)}
	if err := t.queryRow(ctx, `SELECT COUNT(*), COUNT(CASE WHEN outcome = 'grant' THEN 1 END),
		COUNT(CASE WHEN outcome = 'deny' THEN 1 END), COUNT(resolved_at) `+window, args...).Scan(
		&out.Received, &out.Granted, &out.Denied, &decided); err != nil {
		return out, fmt.Errorf("appeal tally: %w", err)
	}
	// The median: the middle one or two of the decided appeals by time taken,
	// ordered in SQL and measured here to the microsecond.
	taken := `julianday(resolved_at) - julianday(created_at)`
	if t.engine == Postgres {
		taken = `resolved_at - created_at`
	}
	rows, err := t.query(ctx, `SELECT created_at, resolved_at `+window+` AND resolved_at IS NOT NULL ORDER BY `+taken+`, id
		LIMIT $3 OFFSET $4`, append(args, 2-decided%2, (decided-1)/2)...)
	if err != nil {
		return out, fmt.Errorf("appeal tally: %w", err)
	}
	defer rows.Close()
	var sum float64
	var n int
	for rows.Next() {
		var created, resolved any
		if err := rows.Scan(&created, &resolved); err != nil {
			return out, fmt.Errorf("appeal tally: %w", err)
		}
		c, err := scanStamp(created)
		if err != nil {
			return out, err
		}
		r, err := scanStamp(resolved)
		if err != nil {
			return out, err
		}
		sum, n = sum+r.Sub(c).Hours(), n+1
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("appeal tally: %w", err)
	}
	if n > 0 {
		m := sum / float64(n)
		out.MedianHours = &m
	}
	return out, nil
}

// CaseConcerns holds for the cases of an account: as their subject or
// among the accounts they concern.
func CaseConcerns(accountID string) Cond {
	return Cond{text: "(account_id = ? OR id IN (SELECT case_id FROM case_accounts WHERE account_id = ?))",
		cols: []string{"account_id"}, args: []any{accountID, accountID}}
}

// Unfinished holds for the cases still to be worked: open or in review. It
// is written as the queue index's predicate, literally, so that both
// engines can use that partial index.
var Unfinished = Cond{text: "status IN ('open', 'in_review')", cols: []string{"status"}}

// QueueCounts counts the unfinished cases (of one kind, or all): in all,
// assigned to assignee, assigned to nobody, and past their due time at now.
// One pass over the queue index.
func (t *Tx) QueueCounts(ctx context.Context, kind, assignee string, now time.Time) (all, mine, unassigned, overdue int, err error) {
	query := `SELECT COUNT(*), COUNT(CASE WHEN assignee = $1 THEN 1 END), COUNT(CASE WHEN assignee IS NULL THEN 1 END),
		COUNT(CASE WHEN due_at < $2 THEN 1 END) FROM cases WHERE status IN ('open', 'in_review')`
	args := []any{assignee, t.stampArg(now)}
	if kind != "" {
		query += ` AND kind = $3`
		args = append(args, kind)
	}
	if err = t.queryRow(ctx, query, args...).Scan(&all, &mine, &unassigned, &overdue); err != nil {
		err = fmt.Errorf("queue counts: %w", err)
	}
	return
}
