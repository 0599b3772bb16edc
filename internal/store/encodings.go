package store

// Encodings is the table of accounts' M9 near-match encodings (keyed HMACs
// only, by kind, nested JSON in data), read in one seek when an account is
// a near-match candidate.
var Encodings = &Table{Name: "account_encodings", key: "account_id", accounts: []string{"account_id"}, cols: []Column{
	col("account_id", text), col("version", integer),
}}
