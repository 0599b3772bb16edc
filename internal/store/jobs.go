package store

// Jobs is the table of job posts of organizations (job_posts: the jobs table
// is the due-time work queue).
var Jobs = &Table{Name: "job_posts", key: "id", accounts: []string{"posted_by"}, cols: []Column{
	col("id", text), col("organization_id", text), col("posted_by", text), col("title", text), col("description", text),
	col("connects_price", integer), col("status", text), col("close_reason", optText), col("hired", boolean),
	col("created_at", stamp), col("version", integer),
}}
