package service_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"standing/internal/apitest"
)

// TestLoopCheckpointsTheWAL is DESIGN's single writer on SQLite: automatic
// checkpoints are off, so the job loop's checkpointLoop is what copies
// committed pages from the WAL into the database file. An immutable reader
// of the file alone (it ignores the WAL) must come to see a new sign-up.
func TestLoopCheckpointsTheWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "standing.db")
	e := apitest.Start(t, apitest.OpenSQLiteAt(t, path), nil)
	id := e.Signup(true, nil)
	file, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	file.SetMaxIdleConns(0) // a fresh connection each time: an immutable one caches the file
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var n int
		if err := file.QueryRow(`SELECT count(*) FROM accounts WHERE id = ?`, id).Scan(&n); err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("account %s never reached the database file: the WAL was not checkpointed", id)
		}
	}
}
