package store

// Contracts is the table of contracts; the hours logged on an hourly one
// are nested JSON in data.
var Contracts = &Table{Name: "contracts", key: "id", accounts: []string{"freelancer_account_id"}, cols: []Column{
	col("id", text), col("job_id", text), col("organization_id", text), col("freelancer_account_id", text),
	col("agency_id", optText), col("kind", text), col("hourly_rate_cents", integer), col("escrow_cents", integer),
	col("paid_cents", integer), col("status", text), col("billed_through", optStamp), col("client_rating", optInteger),
	col("created_at", stamp), col("ended_at", optStamp), col("version", integer),
}}
