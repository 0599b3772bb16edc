package store

// Refusals is the table of content refused at intake (C3); the categories
// found are nested JSON in data.
var Refusals = &Table{Name: "refusals", key: "id", accounts: []string{"account_id"}, cols: []Column{
	col("id", text), col("account_id", text), col("surface", text), col("created_at", stamp),
}}
