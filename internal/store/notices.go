package store

import (
	"context"
	"fmt"
	"time"
)

// Notices is the table of statements of reasons (POLICY.md section 2, DSA
// art. 17); their evidence is nested JSON in data.
var Notices = &Table{Name: "notices", key: "id", accounts: []string{"account_id"}, cols: []Column{
	col("id", text), col("account_id", text), col("action", text), col("rule", text), col("summary", text),
	col("facts", text), col("automated_detection", boolean), col("automated_decision", boolean), col("remedy", text),
	col("respond_by", optStamp), col("appeal_until", stamp), col("created_at", stamp), col("capability", optText),
	col("ends_at", optStamp), col("content_date", optStamp), col("content_type", optText), col("prior_status", optText),
	col("strike_id", optText), col("follows", optText), col("monetary", boolean),
}}

// Tally is one line of the transparency report: how many notices a rule's
// action made, automated or not.
type Tally struct {
	Rule      string
	Action    string
	Automated bool
	Count     int
}

// NoticeTally counts the notices issued in [from, to) by rule, action and
// automation, in that order: one GROUP BY over the covering index in that
// order (notices_tally).
func (t *Tx) NoticeTally(ctx context.Context, from, to time.Time) ([]Tally, error) {
	rows, err := t.query(ctx, `SELECT rule, action, automated_decision, COUNT(*) FROM notices
		WHERE created_at >= $1 AND created_at < $2
		GROUP BY rule, action, automated_decision ORDER BY rule, action, automated_decision`, t.stampArg(from), t.stampArg(to))
	if err != nil {
		return nil, fmt.Errorf("notice tally: %w", err)
	}
	defer rows.Close()
	var out []Tally
	for rows.Next() {
		var n Tally
		var automated any
		if err := rows.Scan(&n.Rule, &n.Action, &automated, &n.Count); err != nil {
			return nil, fmt.Errorf("notice tally: %w", err)
		}
		a, err := fromSQL(col("automated_decision", boolean), automated)
		if err != nil {
			return nil, err
		}
		n.Automated = a.(bool)
		out = append(out, n)
	}
	return out, rows.Err()
}
