package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestCheckpointBesideLongReader: when the WAL is past its limit and a
// reader as long as an export holds it, the checkpoint that truncates it
// gives up after walWait instead of holding every write for SQLite's busy
// timeout (ten seconds); once the reader is gone the next one copies every
// frame, and the next write starts the WAL again.
func TestCheckpointBesideLongReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db := migratedSQLite(t, path)
	ctx := context.Background()
	defer func(l int) { walLimit = l }(walLimit)
	walLimit = 1
	write := func(hash string) error {
		return db.Update(ctx, func(tx *Tx) error {
			return tx.AddSignals(ctx, "acc_w", time.Now(), []SignalKey{{Kind: "email", Hash: hash}})
		})
	}
	if err := write("before"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	reader, err := other.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM signals`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := write("during"); err != nil { // a frame the reader's snapshot does not hold
		t.Fatal(err)
	}

	wrote := make(chan time.Duration, 1)
	start := time.Now()
	go func() {
		time.Sleep(10 * time.Millisecond) // while the checkpoint holds the writers
		t0 := time.Now()
		if err := write("beside"); err != nil {
			t.Error(err)
		}
		wrote <- time.Since(t0)
	}()
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	// Generous bounds: what fails is waiting out the ten-second busy timeout.
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the checkpoint waited %s for a reader that outlasts it", d)
	}
	if d := <-wrote; d > 3*time.Second {
		t.Errorf("a write waited %s behind the checkpoint", d)
	}

	if err := reader.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	var busy, log, done int
	if err := db.read.sql.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil || log != done {
		t.Errorf("with the reader gone every frame is copied: %d of %d, %v", done, log, err)
	}
}
