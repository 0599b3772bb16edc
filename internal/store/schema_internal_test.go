package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestForeignKeysIndexed: every foreign key's column leads an index. SQLite
// reads the whole child table when a parent row is written while the
// transaction holds a deferred violation, which every sign-up does (its
// encodings, and a case that opens for it, are written before the
// account); an unindexed child would make each such write read a table
// that grows with the marketplace. The PostgreSQL migrations add the same
// indexes.
func TestForeignKeysIndexed(t *testing.T) {
	db := migratedSQLite(t, filepath.Join(t.TempDir(), "s.db"))
	ctx := context.Background()
	rows, err := db.read.sql.QueryContext(ctx, `
		SELECT m.name, f."from", f."table" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f.seq = 0 AND NOT EXISTS (
			SELECT 1 FROM pragma_index_list(m.name) l, pragma_index_info(l.name) i
			WHERE i.seqno = 0 AND i.name = f."from")
		AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.pk = 1 AND c.name = f."from")`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, column, parent string
		if err := rows.Scan(&table, &column, &parent); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s.%s refers to %s with no index", table, column, parent)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var keys int
	if err := db.read.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table'`).Scan(&keys); err != nil || keys < 20 {
		t.Fatalf("the schema's foreign keys were not read: %d, %v", keys, err)
	}
}
