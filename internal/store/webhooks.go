package store

// Webhooks is the table of webhook endpoints; the event types an endpoint
// subscribed to are nested JSON in data.
var Webhooks = &Table{Name: "webhook_endpoints", key: "id", cols: []Column{
	col("id", text), col("url", text), col("secret", text), col("status", text), col("created_at", stamp),
	col("version", integer),
}}
