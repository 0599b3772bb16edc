package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestGroupSurvivesCancelledStatement: a caller whose context ends while its
// statement runs (a client that went away mid-request) fails alone; the
// other writes of its group still commit. SQLite rolls a whole transaction
// back when a statement in it is interrupted, so a group's statements are
// never interrupted: the caller's write fails before its next statement.
func TestGroupSurvivesCancelledStatement(t *testing.T) {
	db := migratedSQLite(t, filepath.Join(t.TempDir(), "s.db"))
	ctx := context.Background()
	insert := func(ctx context.Context, tx *Tx, hash string) error {
		return tx.AddSignals(ctx, "acc_g", time.Now(), []SignalKey{{Kind: "email", Hash: hash}})
	}
	started := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // holds the writer while the others queue into one group
		defer wg.Done()
		_ = db.Update(ctx, func(tx *Tx) error {
			close(started)
			time.Sleep(50 * time.Millisecond)
			return insert(ctx, tx, "blocker")
		})
	}()
	<-started
	errs := make([]error, 3)
	for i, hash := range []string{"a", "slow", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			errs[i] = db.Update(ctx, func(tx *Tx) error {
				if err := insert(ctx, tx, hash); err != nil || hash != "slow" {
					return err
				}
				time.AfterFunc(5*time.Millisecond, cancel)
				if _, err := tx.exec(ctx, `INSERT INTO signals (kind, hash, account_id, first_seen, last_seen)
					WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000)
					SELECT 'bulk', x, 'acc_g', 0, 0 FROM n`); err != nil {
					return err
				}
				return insert(ctx, tx, "after")
			})
		}()
		time.Sleep(5 * time.Millisecond) // queue in this order
	}
	wg.Wait()
	if errs[0] != nil || errs[2] != nil || !errors.Is(errs[1], context.Canceled) {
		t.Fatalf("want a and c committed and the cancelled write refused: %v", errs)
	}
	var found [][]SignalRow
	if err := db.Read(ctx, func(tx *Tx) (err error) {
		found, err = tx.Lookup(ctx, []Probe{{Kind: "email", Hashes: []string{"blocker", "a", "slow", "c", "after"}, Limit: 10},
			{Kind: "bulk", Hashes: []string{"1"}, Limit: 1}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range append(found[0], found[1]...) {
		got[r.Kind+":"+r.Hash] = true
	}
	if !got["email:blocker"] || !got["email:a"] || !got["email:c"] || got["email:slow"] || got["email:after"] || got["bulk:1"] {
		t.Fatalf("kept %v", got)
	}
}
