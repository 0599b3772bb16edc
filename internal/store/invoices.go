package store

// Invoices is the table of weekly invoices of hourly contracts; a contract
// has one per billing week (a unique constraint).
var Invoices = &Table{Name: "invoices", key: "id", accounts: []string{"freelancer_account_id"}, cols: []Column{
	col("id", text), col("contract_id", text), col("organization_id", text), col("freelancer_account_id", text),
	col("week_start", date), col("hours", real), col("amount_cents", integer), col("status", text),
	col("paid_at", optStamp), col("created_at", stamp), col("version", integer),
}}
