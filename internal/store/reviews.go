package store

// Reviews is the table of reviews the parties of a contract leave.
var Reviews = &Table{Name: "reviews", key: "id", accounts: []string{"author_account_id", "subject_account_id"}, cols: []Column{
	col("id", text), col("contract_id", text), col("author_account_id", text), col("subject_account_id", text),
	col("rating", integer), col("text", text), col("status", text), col("created_at", stamp), col("version", integer),
}}
