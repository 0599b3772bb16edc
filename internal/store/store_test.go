package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

type thing struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// TestStore is the behavioural suite every engine must pass.
func TestStore(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

		t.Run("documents: versions, conflicts, refs, listing", func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error {
				for i, id := range []string{"t_1", "t_2", "t_3"} {
					d := store.Doc{ID: id, Kind: "thing", Status: []string{"a", "b", "a"}[i], Search: "Label " + id,
						Refs: []string{"owner_1"}, Version: 1, CreatedAt: now.Add(time.Duration(i) * time.Hour), Data: thing{id, "x"}}
					if err := tx.Put(ctx, d); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				return tx.Put(ctx, store.Doc{ID: "t_1", Kind: "thing", Version: 1, CreatedAt: now, Data: thing{}})
			})
			if !errors.Is(err, store.ErrExists) {
				t.Fatalf("duplicate insert: %v", err)
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				return tx.Put(ctx, store.Doc{ID: "t_1", Kind: "thing", Version: 3, CreatedAt: now, Data: thing{}})
			})
			if !errors.Is(err, store.ErrConflict) {
				t.Fatalf("skipped version: %v", err)
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				var th thing
				if err := tx.Get(ctx, "thing", "t_2", &th); err != nil || th.ID != "t_2" {
					t.Fatalf("get: %v %+v", err, th)
				}
				if err := tx.Get(ctx, "thing", "nope", &th); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("missing: %v", err)
				}
				if err := tx.Get(ctx, "other", "t_2", &th); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("another kind's document: %v", err)
				}
				got, _ := store.ListAs[thing](ctx, tx, store.Query{Kind: "thing", Status: []string{"a"}, Refs: []string{"owner_1"}})
				if len(got) != 2 || got[0].ID != "t_1" || got[1].ID != "t_3" {
					t.Fatalf("list: %+v", got)
				}
				got, _ = store.ListAs[thing](ctx, tx, store.Query{Kind: "thing", After: "t_1", Limit: 1})
				if len(got) != 1 || got[0].ID != "t_2" {
					t.Fatalf("page: %+v", got)
				}
				got, _ = store.ListAs[thing](ctx, tx, store.Query{Kind: "thing", Search: "label t_3"})
				if len(got) != 1 {
					t.Fatalf("search: %+v", got)
				}
				got, _ = store.ListAs[thing](ctx, tx, store.Query{Kind: "thing", Search: "%"})
				if len(got) != 0 {
					t.Fatalf("search treats %% as a wildcard: %+v", got)
				}
				n, _ := tx.Count(ctx, store.Query{Kind: "thing", Since: now.Add(time.Hour)})
				if n != 2 {
					t.Fatalf("since: %d", n)
				}
				return nil
			})
		})

		t.Run("a failed transaction leaves nothing behind", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.Put(ctx, store.Doc{ID: "t_9", Kind: "thing", Version: 1, CreatedAt: now, Data: thing{}}); err != nil {
					return err
				}
				if err := tx.Post(ctx, store.Entry{Owner: "o", Bucket: "b", Amount: 5, At: now}); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatal(err)
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				var th thing
				if err := tx.Get(ctx, "thing", "t_9", &th); !errors.Is(err, store.ErrNotFound) {
					t.Fatal("rolled-back document exists")
				}
				if b, _ := tx.Balance(ctx, "o", "b"); b != 0 {
					t.Fatal("rolled-back ledger entry exists")
				}
				return nil
			})
		})

		t.Run("jobs run once each, in due order, survive failures with back-off", func(t *testing.T) {
			_ = db.Update(ctx, func(tx *store.Tx) error {
				for i, id := range []string{"j:2", "j:1", "j:3"} {
					_ = tx.Enqueue(ctx, store.Job{ID: id, Kind: "j", Ref: id, DueAt: now.Add(time.Duration([]int{2, 1, 30}[i]) * time.Minute)})
				}
				return nil
			})
			var mu sync.Mutex
			var ran []string
			fail := true
			var wg sync.WaitGroup
			for w := 0; w < 4; w++ { // concurrent runners, as replicas would be
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						found, err := db.RunOne(ctx, now.Add(5*time.Minute), func(tx *store.Tx, j store.Job) error {
							mu.Lock()
							defer mu.Unlock()
							if j.ID == "j:2" && fail {
								fail = false
								return errors.New("transient")
							}
							ran = append(ran, j.ID)
							return nil
						})
						if !found && err == nil {
							return
						}
					}
				}()
			}
			wg.Wait()
			if len(ran) != 1 || ran[0] != "j:1" {
				t.Fatalf("ran %v (j:2 failed once and waits for back-off, j:3 is not due)", ran)
			}
			found, err := db.RunOne(ctx, now.Add(time.Hour), func(tx *store.Tx, j store.Job) error { ran = append(ran, j.ID); return nil })
			if !found || err != nil || ran[1] != "j:2" {
				t.Fatalf("retry: %v %v %v", found, err, ran)
			}
		})

		t.Run("signals, ledger, idempotency, meta", func(t *testing.T) {
			_ = db.Update(ctx, func(tx *store.Tx) error {
				if isNew, _ := tx.AddSignal(ctx, "email", "h1", "acc_1", now); !isNew {
					t.Error("first signal not new")
				}
				if isNew, _ := tx.AddSignal(ctx, "email", "h1", "acc_1", now.Add(time.Hour)); isNew {
					t.Error("repeat signal new")
				}
				_, _ = tx.AddSignal(ctx, "email", "h1", "acc_2", now)
				rows, _ := tx.AccountsWith(ctx, "email", []string{"h1", "h2"}, 10)
				if len(rows) != 2 {
					t.Errorf("lookup %v", rows)
				}
				_ = tx.Post(ctx, store.Entry{Owner: "a", Bucket: "pending", Amount: 700, At: now}, store.Entry{Owner: "w", Bucket: "x", Amount: -700, At: now})
				if s, _ := tx.LedgerSum(ctx); s != 0 {
					t.Errorf("ledger unbalanced: %d", s)
				}
				if v, _ := tx.SetMetaOnce(ctx, "k", "first"); v != "first" {
					t.Error(v)
				}
				if v, _ := tx.SetMetaOnce(ctx, "k", "second"); v != "first" {
					t.Error(v)
				}
				return nil
			})
			claim := func(at time.Time, finish int) (store.Idem, bool) {
				var prev store.Idem
				var claimed bool
				err := db.Within(ctx, func(ctx context.Context, tx *store.Tx) error {
					var err error
					if prev, claimed, err = tx.ClaimIdempotency(ctx, "key", "hash", at, time.Hour); err != nil || !claimed {
						return err
					}
					if finish == 0 {
						return errors.New("the request failed")
					}
					return tx.FinishIdempotency(ctx, "key", finish, []byte(`{"ok":1}`))
				})
				if err != nil && finish != 0 {
					t.Fatal(err)
				}
				return prev, claimed
			}
			if _, claimed := claim(now, 0); !claimed {
				t.Fatal("fresh key not claimed")
			}
			if _, claimed := claim(now, 201); !claimed {
				t.Fatal("a claim rolled back with its request still holds the key")
			}
			if prev, claimed := claim(now, 201); claimed || prev.Status != 201 || prev.Body != `{"ok":1}` {
				t.Fatalf("answered key claimed again: %v %+v", claimed, prev)
			}
			if _, claimed := claim(now.Add(2*time.Hour), 201); !claimed {
				t.Fatal("expired key not reusable")
			}
		})
	})
}
