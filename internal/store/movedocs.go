package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
)

// moveDocsVersion is the Go migration between 00006 (the aggregates'
// tables) and 00008 (dropping the document table).
const moveDocsVersion = 7

// docTables maps each kind of the old document table to its aggregate's
// table.
var docTables = map[string]*Table{
	"account": Accounts, "notice": Notices, "case": Cases, "organization": Teams, "agency": Teams, "job": Jobs,
	"proposal": Proposals, "contract": Contracts, "invoice": Invoices, "message": Messages, "review": Reviews,
	"payment": Payments, "withdrawal": Withdrawals, "pair": Pairs, "refusal": Refusals, "webhook": Webhooks,
	"encodings": Encodings,
}

// docTablesThen is docTables as the migration finds them: without the
// columns later migrations add.
var docTablesThen = sync.OnceValue(func() map[string]*Table {
	m := make(map[string]*Table, len(docTables))
	for k, tb := range docTables {
		m[k] = tb.asOf(moveDocsVersion)
	}
	return m
})

// moveDocs is migration 00007: it moves every document of the `docs` table
// into its aggregate's table through the same code that saves aggregates,
// so each value lands in its typed column and the constraints check it. A
// document of an unknown kind fails the migration rather than being lost.
func (db *DB) moveDocs() *goose.Migration {
	return goose.NewGoMigration(moveDocsVersion, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		t := &Tx{tx: tx, db: db, pool: db.read, engine: db.Engine, write: true}
		after := ""
		for {
			n, last, err := t.moveDocPage(ctx, after)
			if err != nil {
				return fmt.Errorf("move documents after %q: %w", after, err)
			}
			if n == 0 {
				return nil
			}
			after = last
		}
	}}, nil)
}

// moveDocPage moves the documents after id `after` (a page of them) and
// returns how many and the last id.
func (t *Tx) moveDocPage(ctx context.Context, after string) (int, string, error) {
	type doc struct {
		id, kind, data string
		created        int64
	}
	rows, err := t.query(ctx, `SELECT id, kind, data, created_at FROM docs WHERE id > $1 ORDER BY id LIMIT 500`, after)
	if err != nil {
		return 0, "", err
	}
	var page []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.id, &d.kind, &d.data, &d.created); err != nil {
			rows.Close()
			return 0, "", err
		}
		page = append(page, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	for _, d := range page {
		tb, ok := docTablesThen()[d.kind]
		if !ok {
			return 0, "", fmt.Errorf("document %s has kind %q, which no table holds", d.id, d.kind)
		}
		m, err := decodeObject([]byte(d.data))
		if err != nil {
			return 0, "", fmt.Errorf("document %s: %w", d.id, err)
		}
		// Payments and refusals kept their time and id in the document's
		// columns only; teams their kind.
		if _, ok := m["created_at"]; !ok && tb.has("created_at") {
			m["created_at"] = time.UnixMicro(d.created).UTC().Format(time.RFC3339Nano)
		}
		if _, ok := m[tb.key]; !ok {
			m[tb.key] = d.id
		}
		if d.kind == "refusal" {
			delete(m, "at")
		}
		if tb == Teams {
			m["kind"] = d.kind
		}
		if tb.version {
			if _, ok := m["version"]; !ok {
				m["version"] = json.Number("1")
			}
		}
		if err := t.store(ctx, tb, m, insert); err != nil {
			return 0, "", fmt.Errorf("document %s: %w", d.id, err)
		}
	}
	if len(page) == 0 {
		return 0, "", nil
	}
	return len(page), page[len(page)-1].id, nil
}
