package store

import (
	"context"
	"fmt"
	"strings"
)

// Accounts is the accounts table (POLICY.md section 1). Restrictions, the
// strike log, the fraud hold, the profile, the M6 exceptions and the
// verification's times are nested JSON in data.
var Accounts = &Table{Name: "accounts", key: "id", accounts: []string{"id"}, cols: []Column{
	col("id", text), col("external_id", optText), col("email", text), col("name", text), col("country", text),
	col("date_of_birth", optDate), col("status", text), col("status_rule", optText), col("status_notice", optText),
	col("prior_status", optText), col("verification_status", text, "verification", "status"),
	col("freelancer", boolean), col("client", boolean), col("plan", text), col("connects", integer),
	col("visibility", text), col("availability", text), col("job_success", optInteger), col("top_rated", boolean),
	col("badge_loss_until", optStamp), col("closed_at", optStamp), col("close_reason", optText),
	col("banned_at", optStamp), col("suspended_at", optStamp), col("respond_by", optStamp),
	col("last_activity_at", stamp), col("dormancy_notice_at", optStamp), col("erased", boolean),
	col("created_at", stamp), col("version", integer),
}}

// AccountMatch is the condition of account search: q is an account id or
// an external id, or the start of an email or a name in either case; or the
// account is one of ids (the caller found them in the signal index from a
// canonical email or phone). Each arm is an index seek.
func AccountMatch(q string, ids ...string) Cond {
	low := strings.ToLower(q)
	// U+10FFFF sorts after every character in UTF-8 byte order ("C").
	text := "(id = ? OR external_id = ? OR lower(email){C} >= ? AND lower(email){C} < ? OR lower(name){C} >= ? AND lower(name){C} < ?"
	args := []any{q, q, low, low + "\U0010FFFF", low, low + "\U0010FFFF"}
	if len(ids) > 0 {
		text += " OR id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	return Cond{text: text + ")", cols: []string{"id", "external_id", "email", "name"}, args: args}
}

// AccountState is what linkage reads of a candidate account: its status and
// whether it was ever banned.
type AccountState struct {
	Status string
	Banned bool // it was banned at some time (an erased account keeps this)
}

// AccountStates reads the state of the accounts with these ids in one
// query, without assembling them; ids that name no account are absent.
func (t *Tx) AccountStates(ctx context.Context, ids []string) (map[string]AccountState, error) {
	return t.accountStates(ctx, ids, "")
}

// sanctioned is the condition of the accounts_sanctioned index, word for
// word: the accounts M9 acts on.
var sanctioned = Cond{text: `(status IN ('suspended', 'banned') OR (status = 'erased' AND banned_at IS NOT NULL))`,
	cols: []string{"status", "banned_at"}}

// SanctionedStates is AccountStates for the suspended and banned accounts
// among ids, and the erased ones that were banned; the others are absent.
// It reads the small accounts_sanctioned index only (named on SQLite, whose
// planner would take the primary key and read each row).
func (t *Tx) SanctionedStates(ctx context.Context, ids []string) (map[string]AccountState, error) {
	hint := ""
	if t.engine == SQLite {
		hint = " INDEXED BY accounts_sanctioned"
	}
	return t.accountStates(ctx, ids, hint, sanctioned)
}

// accountStates reads id, status and whether banned of the accounts with
// these ids that meet the further conditions, with an index hint.
func (t *Tx) accountStates(ctx context.Context, ids []string, hint string, and ...Cond) (map[string]AccountState, error) {
	out := make(map[string]AccountState, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	w, args, err := t.where(Accounts, Q{Where: append([]Cond{In("id", ids...)}, and...)})
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT id, status, banned_at IS NOT NULL FROM accounts`+hint+w, args...)
	if err != nil {
		return nil, fmt.Errorf("account states: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, status string
		var banned any
		if err := rows.Scan(&id, &status, &banned); err != nil {
			return nil, fmt.Errorf("account states: %w", err)
		}
		b, err := fromSQL(col("banned", boolean), banned)
		if err != nil {
			return nil, err
		}
		out[id] = AccountState{Status: status, Banned: b.(bool)}
	}
	return out, rows.Err()
}

// AccountContains is the fallback of account search when no account
// matches AccountMatch: q anywhere in an email or a name, either case. It
// reads every account; the caller tries AccountMatch first.
func AccountContains(q string) Cond {
	like := containing(strings.ToLower(q))
	return Cond{text: `(lower(email) LIKE ? ESCAPE '\' OR lower(name) LIKE ? ESCAPE '\')`, cols: []string{"email", "name"},
		args: []any{like, like}}
}
