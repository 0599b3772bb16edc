package store

// Pairs is the table of two accounts that met: when first, and whether a
// contract joins them (V3, V5).
var Pairs = &Table{Name: "pairs", key: "id", cols: []Column{
	col("id", text), col("first_met", stamp), col("has_contract", boolean), col("version", integer),
}}
