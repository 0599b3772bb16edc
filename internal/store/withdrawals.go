package store

// Withdrawals is the table of members' withdrawals of their available
// balance. Rows are only inserted.
var Withdrawals = &Table{Name: "withdrawals", key: "id", accounts: []string{"account_id"}, cols: []Column{
	col("id", text), col("account_id", text), col("amount_cents", integer), col("status", text), col("created_at", stamp),
}}
