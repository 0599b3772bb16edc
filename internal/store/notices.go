package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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
// automation, in that order. Whole UTC days come from notice_days, which a
// trigger keeps as notices are written; only the parts of a day at either
// end of the window are counted from the notices themselves.
func (t *Tx) NoticeTally(ctx context.Context, from, to time.Time) ([]Tally, error) {
	from, to = from.UTC(), to.UTC()
	const day = 24 * time.Hour
	first, last := from.Truncate(day), to.Truncate(day) // UTC midnights
	if first.Before(from) {
		first = first.Add(day)
	}
	counts := map[Tally]int{}
	byTime := `SELECT rule, action, automated_decision, COUNT(*) FROM notices WHERE created_at >= $1 AND created_at < $2
		GROUP BY rule, action, automated_decision`
	if !first.Before(last) { // no whole day inside the window
		if err := t.tally(ctx, counts, byTime, t.stampArg(from), t.stampArg(to)); err != nil {
			return nil, err
		}
	} else {
		for _, q := range []struct {
			query    string
			from, to any
		}{
			{`SELECT rule, action, automated_decision, SUM(count) FROM notice_days WHERE day >= $1 AND day < $2
				GROUP BY rule, action, automated_decision`, first.Format(dateOnly), last.Format(dateOnly)},
			{byTime, t.stampArg(from), t.stampArg(first)},
			{byTime, t.stampArg(last), t.stampArg(to)},
		} {
			if err := t.tally(ctx, counts, q.query, q.from, q.to); err != nil {
				return nil, err
			}
		}
	}
	out := make([]Tally, 0, len(counts))
	for k, n := range counts {
		k.Count = n
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b Tally) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Action, b.Action), boolCompare(a.Automated, b.Automated))
	})
	return out, nil
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// tally adds the (rule, action, automation, count) rows of query to counts.
func (t *Tx) tally(ctx context.Context, counts map[Tally]int, query string, args ...any) error {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("notice tally: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k Tally
		var automated any
		var n int
		if err := rows.Scan(&k.Rule, &k.Action, &automated, &n); err != nil {
			return fmt.Errorf("notice tally: %w", err)
		}
		a, err := fromSQL(col("automated_decision", boolean), automated)
		if err != nil {
			return err
		}
		k.Automated = a.(bool)
		counts[k] += n
	}
	return rows.Err()
}
