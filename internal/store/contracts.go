package store

import (
	"context"
	"fmt"
)

// Contracts is the table of contracts; the hours logged on an hourly one
// are nested JSON in data.
var Contracts = &Table{Name: "contracts", key: "id", accounts: []string{"freelancer_account_id"}, cols: []Column{
	col("id", text), col("job_id", text), col("organization_id", text), col("freelancer_account_id", text),
	col("agency_id", optText), col("kind", text), col("hourly_rate_cents", integer), col("escrow_cents", integer),
	col("paid_cents", integer), col("status", text), col("billed_through", optStamp), col("client_rating", optInteger),
	col("created_at", stamp), col("ended_at", optStamp), col("version", integer),
}}

// EscrowOf sums, in one query, the escrow held for an account's active
// fixed-price contracts: as their freelancer, or through the organizations
// it owns.
func (t *Tx) EscrowOf(ctx context.Context, accountID string) (int64, error) {
	var sum int64
	if err := t.queryRow(ctx, `SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE bucket = 'escrow' AND owner IN (
		SELECT id FROM contracts WHERE status = 'active' AND kind = 'fixed' AND (freelancer_account_id = $1
			OR organization_id IN (SELECT id FROM teams WHERE kind = 'organization' AND owner_id = $1)))`, accountID).Scan(&sum); err != nil {
		return 0, fmt.Errorf("escrow of %s: %w", accountID, err)
	}
	return sum, nil
}
