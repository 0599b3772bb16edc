package store

// Teams is the table of organizations and agencies (POLICY.md section 1),
// told apart by kind, which the caller sets; their members are rows of
// team_members, where one owner per team is a unique index.
var Teams = &Table{Name: "teams", key: "id", accounts: []string{"owner_id"}, cols: []Column{
	col("id", text), col("kind", set), col("name", text), col("owner_id", text), col("status", text),
	col("closed_at", optStamp), col("created_at", stamp), col("version", integer),
}, children: []child{
	{table: "team_members", parent: "team_id", field: "members", cols: []Column{
		col("account_id", text), col("role", text), col("since", stamp)}},
}}
