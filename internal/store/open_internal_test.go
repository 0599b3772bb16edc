package store

import (
	"context"
	"testing"
)

// migratedSQLite opens the SQLite file at path with the schema up to date,
// closed when the test ends: apitest.OpenSQLite for this package's internal
// tests, which cannot import apitest (it imports store).
func migratedSQLite(t *testing.T, path string) *DB {
	t.Helper()
	db, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}
