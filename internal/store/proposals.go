package store

// Proposals is the table of freelancers' proposals to jobs.
var Proposals = &Table{Name: "proposals", key: "id", accounts: []string{"account_id"}, cols: []Column{
	col("id", text), col("job_id", text), col("account_id", text), col("agency_id", optText), col("cover_letter", text),
	col("status", text), col("connects_spent", integer), col("refunded", boolean), col("created_at", stamp),
	col("version", integer),
}}
