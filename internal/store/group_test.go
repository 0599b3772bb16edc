package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestGroupCommit: SQLite write transactions that arrive together share a
// commit, and each keeps its own outcome: one that fails, panics or whose
// caller goes away (its context cancelled between two statements) is undone
// alone, the others commit, and AfterCommit runs for those that committed
// only (DESIGN.md: nothing acknowledged is ever lost, nothing refused is
// half-written).
func TestGroupCommit(t *testing.T) {
	db := apitest.OpenSQLite(t)
	ctx := context.Background()
	const n = 120
	commits := db.Commits()
	var committed atomic.Int64
	var wg sync.WaitGroup
	outcome := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					outcome[i] = "panicked"
				}
			}()
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.AddSignals(ctx, "acc_g", time.Now(), []store.SignalKey{{Kind: "email", Hash: fmt.Sprint(i)}}); err != nil {
					return err
				}
				time.Sleep(time.Millisecond) // long enough for others to queue behind it
				tx.AfterCommit(func() { committed.Add(1) })
				switch i % 7 {
				case 3:
					return errors.New("refused")
				case 5:
					panic("a bug")
				case 6:
					cancel() // the client went away
					return tx.AddSignals(ctx, "acc_g", time.Now(), []store.SignalKey{{Kind: "phone", Hash: fmt.Sprint(i)}})
				}
				return nil
			})
			switch {
			case err != nil:
				outcome[i] = "refused"
			default:
				outcome[i] = "committed"
			}
		}()
	}
	wg.Wait()
	want := 0
	for i, o := range outcome {
		expect := map[int]string{3: "refused", 5: "panicked", 6: "refused"}[i%7]
		if expect == "" {
			expect = "committed"
			want++
		}
		if o != expect {
			t.Errorf("transaction %d %s, want %s", i, o, expect)
		}
	}
	hashes := make([]string, n)
	for i := range hashes {
		hashes[i] = fmt.Sprint(i)
	}
	var rows []store.SignalRow
	if err := db.Read(ctx, func(tx *store.Tx) (err error) {
		rows, err = tx.AccountsWith(ctx, "email", hashes, n)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		var i int
		fmt.Sscan(r.Hash, &i)
		if outcome[i] != "committed" {
			t.Errorf("transaction %d %s but its write was kept", i, outcome[i])
		}
	}
	if len(rows) != want || committed.Load() != int64(want) {
		t.Fatalf("%d writes kept and %d after-commit calls, want %d of each", len(rows), committed.Load(), want)
	}
	if c := db.Commits() - commits; c >= int64(want) {
		t.Errorf("%d commits for %d transactions that arrived together: none shared a commit", c, want)
	}
}

// TestUndoneUpdateForgetsAfterCommit: an Update joined to a Within
// transaction that fails is undone with the functions it registered to run
// after the commit; the outer transaction still commits the rest.
func TestUndoneUpdateForgetsAfterCommit(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		var ran []string
		err := db.Within(ctx, func(ctx context.Context, _ *store.Tx) error {
			if err := db.Update(ctx, func(tx *store.Tx) error {
				tx.AfterCommit(func() { ran = append(ran, "kept") })
				return nil
			}); err != nil {
				return err
			}
			if err := db.Update(ctx, func(tx *store.Tx) error {
				tx.AfterCommit(func() { ran = append(ran, "undone") })
				return errors.New("refused")
			}); err == nil {
				t.Error("the refused update succeeded")
			}
			return nil
		})
		if err != nil || !slices.Equal(ran, []string{"kept"}) {
			t.Fatalf("after the commit ran %v (%v), want only the kept update's", ran, err)
		}
	})
}
