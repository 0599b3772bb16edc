package store

import (
	"context"
	"fmt"
	"time"
)

// Payments is the table of payments credited to a freelancer's pending
// balance (the money itself moves in the ledger). Rows are only inserted.
var Payments = &Table{Name: "payments", key: "id", accounts: []string{"account_id"}, cols: []Column{
	col("id", text), col("account_id", text), col("amount_cents", integer), col("memo", text), col("created_at", stamp),
}}

// PaidTo sums the payments credited to an account since a time (R2's
// earnings over the last year), in SQL.
func (t *Tx) PaidTo(ctx context.Context, accountID string, since time.Time) (int64, error) {
	var sum int64
	if err := t.queryRow(ctx, `SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE account_id = $1 AND created_at >= $2`,
		accountID, t.stampArg(since)).Scan(&sum); err != nil {
		return 0, fmt.Errorf("payments to %s: %w", accountID, err)
	}
	return sum, nil
}
