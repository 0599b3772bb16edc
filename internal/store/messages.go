package store

// Messages is the table of messages and invitations between members; the
// body's sketch, the screening findings and a person's review of a held
// message are nested JSON in data, but for the review's outcome, which
// tells the held messages still waiting for a person (V5).
var Messages = &Table{Name: "messages", key: "id", accounts: []string{"from_account_id", "to_account_id"}, cols: []Column{
	col("id", text), col("kind", text), col("job_id", optText), col("from_account_id", text), col("to_account_id", text),
	col("body", text), col("body_delivered", optText), col("status", text), col("first_contact", boolean),
	col("rule", optText), col("notice_id", optText), col("has_contract", boolean), col("created_at", stamp),
	col("version", integer), col("review_outcome", optText, "review", "outcome").Since(11),
}}
