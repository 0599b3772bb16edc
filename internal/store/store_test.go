package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// member is an account as the service saves it.
func member(id, status string, created time.Time) map[string]any {
	return map[string]any{"id": id, "email": id + "@example.com", "name": "Member " + id, "country": "US", "status": status,
		"verification": map[string]any{"status": "unverified", "deadline": nil}, "freelancer": true, "client": false,
		"plan": "basic", "connects": 10, "visibility": "public", "availability": "available", "restrictions": []any{},
		"top_rated": false, "erased": false,
		"last_activity_at": created, "created_at": created, "version": 1}
}

// kase is a case as the service saves it.
func kase(id, accountID string, created time.Time) map[string]any {
	return map[string]any{"id": id, "kind": "appeal", "account_id": accountID, "channel": "web", "status": "open", "body": "please",
		"due_at": created.Add(48 * time.Hour), "opened_by": map[string]any{"kind": "member", "id": accountID}, "automated": false,
		"created_at": created, "version": 1}
}

// roundTrip is v as JSON decodes it.
func roundTrip(t *testing.T, v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestStore is the behavioural suite every engine must pass.
func TestStore(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

		t.Run("aggregates: versions, conflicts, child lists, queries", func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error {
				for i, id := range []string{"acc_1", "acc_2", "acc_3"} {
					if err := tx.Save(ctx, store.Accounts, member(id, []string{"active", "banned", "active"}[i], now.Add(time.Duration(i)*time.Hour))); err != nil {
						return err
					}
				}
				c := kase("case_1", "acc_1", now)
				c["related_account_ids"] = []string{"acc_3", "acc_2"}
				c["notes"] = []map[string]any{{"at": now, "actor": map[string]any{"kind": "staff", "id": "stf_1"}, "action": "note", "detail": "first"}}
				c["history"] = []map[string]any{{"at": now, "actor": map[string]any{"kind": "system", "id": "system"}, "action": "opened"}}
				return tx.Save(ctx, store.Cases, c)
			})
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(ctx, func(tx *store.Tx) error { return tx.Save(ctx, store.Accounts, member("acc_1", "active", now)) })
			if !errors.Is(err, store.ErrExists) {
				t.Fatalf("duplicate insert: %v", err)
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				a := member("acc_1", "active", now)
				a["version"] = 3
				return tx.Save(ctx, store.Accounts, a)
			})
			if !errors.Is(err, store.ErrConflict) {
				t.Fatalf("skipped version: %v", err)
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				var c map[string]any
				if err := tx.Load(ctx, store.Cases, "case_1", &c); err != nil {
					return err
				}
				c["version"], c["related_account_ids"] = 2, []string{"acc_2"}
				return tx.Save(ctx, store.Cases, c)
			})
			if err != nil {
				t.Fatal(err)
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				var a map[string]any
				if err := tx.Load(ctx, store.Accounts, "acc_2", &a); err != nil {
					t.Fatal(err)
				}
				want := member("acc_2", "banned", now.Add(time.Hour))
				want["version"] = float64(1)
				if fmt.Sprint(a) != fmt.Sprint(roundTrip(t, want)) {
					t.Fatalf("an account does not read back as it was saved:\n got %v\nwant %v", a, roundTrip(t, want))
				}
				var c struct {
					Related []string `json:"related_account_ids"`
					Notes   []struct {
						Actor  struct{ Kind, ID string }
						Detail string
					}
					History []struct{ Action string }
				}
				if err := tx.Load(ctx, store.Cases, "case_1", &c); err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(c.Related) != "[acc_2]" || len(c.Notes) != 1 || c.Notes[0].Detail != "first" || c.Notes[0].Actor.ID != "stf_1" ||
					len(c.History) != 1 || c.History[0].Action != "opened" {
					t.Fatalf("a case's lists do not read back: %+v", c)
				}
				if err := tx.Load(ctx, store.Accounts, "nope", &a); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("missing: %v", err)
				}
				if err := tx.Load(ctx, store.Accounts, "acc_2", &a, store.Eq("status", "active")); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("a condition that does not hold: %v", err)
				}
				ids := func(q store.Q) string {
					got, err := store.Find[struct{ ID string }](ctx, tx, store.Accounts, q)
					if err != nil {
						t.Fatal(err)
					}
					var out []string
					for _, g := range got {
						out = append(out, g.ID)
					}
					return fmt.Sprint(out)
				}
				if got := ids(store.Q{Where: []store.Cond{store.Eq("status", "active")}}); got != "[acc_1 acc_3]" {
					t.Fatalf("by status: %s", got)
				}
				if got := ids(store.Q{After: "acc_1", Limit: 1}); got != "[acc_2]" {
					t.Fatalf("page: %s", got)
				}
				if got := ids(store.Q{OrderBy: "created_at", Desc: true, After: "acc_3"}); got != "[acc_2 acc_1]" {
					t.Fatalf("page in created order, newest first: %s", got)
				}
				if got := ids(store.Q{Where: []store.Cond{store.AccountMatch("MEMBER acc_3")}}); got != "[acc_3]" {
					t.Fatalf("name prefix in another case: %s", got)
				}
				if got := ids(store.Q{Where: []store.Cond{store.AccountMatch("%")}}); got != "[]" {
					t.Fatalf("search treats %% as a wildcard: %s", got)
				}
				if n, _ := tx.Count(ctx, store.Accounts, store.Since("created_at", now.Add(time.Hour))); n != 2 {
					t.Fatalf("since: %d", n)
				}
				if n, _ := tx.Count(ctx, store.Cases, store.CaseConcerns("acc_2")); n != 1 {
					t.Fatalf("a case concerning a related account: %d", n)
				}
				if n, _ := tx.Count(ctx, store.Cases, store.CaseConcerns("acc_3")); n != 0 {
					t.Fatalf("a related account the case no longer lists: %d", n)
				}
				if _, err := tx.Count(ctx, store.Accounts, store.Eq("no_such_column", 1)); err == nil {
					t.Fatal("a condition on a column the table lacks was run")
				}
				return nil
			})
		})

		t.Run("the transparency report's tallies, in SQL", func(t *testing.T) {
			at := now.Add(24 * time.Hour)
			err := db.Update(ctx, func(tx *store.Tx) error {
				for i, h := range []int{24, 48, 0, 30} { // hours to decide; 0: still open
					c := kase(fmt.Sprintf("case_appeal%d", i), "acc_1", at.Add(time.Duration(i)*time.Minute))
					if h > 0 {
						resolved := at.Add(time.Duration(i)*time.Minute + time.Duration(h)*time.Hour + 7*time.Microsecond)
						c["status"], c["resolved_at"], c["outcome"] = "resolved", resolved, []string{"deny", "grant", "", "deny"}[i]
					}
					if i == 3 {
						c["created_at"] = at.AddDate(1, 0, 0) // outside the window
					}
					if err := tx.Save(ctx, store.Cases, c); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			day := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
			times := []time.Duration{-time.Hour, 0, 12 * time.Hour, 25 * time.Hour, 48*time.Hour - time.Microsecond, 72 * time.Hour}
			err = db.Update(ctx, func(tx *store.Tx) error {
				for i, d := range times {
					n := map[string]any{"id": fmt.Sprintf("ntc_tally%d", i), "account_id": "acc_1", "action": []string{"ban", "warning"}[i%2],
						"rule": "V5", "summary": "s", "facts": "f", "automated_detection": true, "automated_decision": i < 4,
						"remedy": "r", "appeal_until": day.AddDate(0, 6, 0), "created_at": day.Add(d)}
					if err := tx.Save(ctx, store.Notices, n); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range [][2]time.Duration{{-2 * time.Hour, 80 * time.Hour}, {30 * time.Minute, 47 * time.Hour}, {0, 48 * time.Hour},
				{-time.Hour, -time.Hour + time.Microsecond}, {13 * time.Hour, 26 * time.Hour}, {24 * time.Hour, 49 * time.Hour}} {
				want := map[string]int{}
				for i, d := range times {
					if d >= w[0] && d < w[1] {
						want[fmt.Sprintf("V5/%s/%v", []string{"ban", "warning"}[i%2], i < 4)]++
					}
				}
				_ = db.Read(ctx, func(tx *store.Tx) error {
					got, err := tx.NoticeTally(ctx, day.Add(w[0]), day.Add(w[1]))
					if err != nil {
						t.Fatal(err)
					}
					have := map[string]int{}
					for _, g := range got {
						have[fmt.Sprintf("%s/%s/%v", g.Rule, g.Action, g.Automated)] = g.Count
					}
					if fmt.Sprint(have) != fmt.Sprint(want) {
						t.Errorf("notices in [%v, %v): %v, want %v", w[0], w[1], have, want)
					}
					return nil
				})
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				got, err := tx.AppealTally(ctx, at, at.AddDate(0, 1, 0))
				if err != nil {
					t.Fatal(err)
				}
				want := 36 + 7/3600e6 // the middle of 24 h and 48 h, each 7 µs more
				if got.Received != 3 || got.Granted != 1 || got.Denied != 1 || got.MedianHours == nil || *got.MedianHours != want {
					t.Fatalf("appeals: %+v (median %v), want 3 received, 1 granted, 1 denied, median %v", got, *got.MedianHours, want)
				}
				return nil
			})
		})

		t.Run("queues: the counts of every view and the overdue page", func(t *testing.T) {
			at := now.AddDate(0, 2, 0)
			mine := "stf_q1"
			err := db.Update(ctx, func(tx *store.Tx) error {
				for i, c := range []struct {
					kind, status, assignee string
					due                    time.Duration
				}{
					{"appeal", "open", mine, -time.Hour},        // mine, overdue
					{"appeal", "in_review", "", -2 * time.Hour}, // unassigned, overdue
					{"appeal", "open", "", time.Hour},           // unassigned
					{"report", "open", "stf_q2", time.Hour},     // someone else's
					{"appeal", "withdrawn", mine, -time.Hour},   // finished: in no view
				} {
					k := kase(fmt.Sprintf("case_q%d", i), "acc_1", at.Add(-72*time.Hour))
					k["kind"], k["status"], k["due_at"] = c.kind, c.status, at.Add(c.due)
					if c.assignee != "" {
						k["assignee"] = c.assignee
					}
					if err := tx.Save(ctx, store.Cases, k); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				// Only this subtest's cases are due around at; the earlier ones are done.
				all, m, un, over, err := tx.QueueCounts(ctx, "", mine, at)
				if err != nil {
					t.Fatal(err)
				}
				if m != 1 || over < 2 || all < 4 || un < 2 {
					t.Fatalf("all %d, mine %d, unassigned %d, overdue %d", all, m, un, over)
				}
				all, m, un, over, err = tx.QueueCounts(ctx, "report", mine, at)
				if err != nil || all != 1 || m != 0 || un != 0 || over != 0 {
					t.Fatalf("the report queue: all %d, mine %d, unassigned %d, overdue %d, %v", all, m, un, over, err)
				}
				got, err := store.Find[struct{ ID string }](ctx, tx, store.Cases, store.Q{Where: []store.Cond{store.Unfinished,
					store.Eq("kind", "appeal"), store.Before("due_at", at), store.Since("due_at", at.Add(-3*time.Hour))}, OrderBy: "due_at"})
				if err != nil || fmt.Sprint(got) != "[{case_q1} {case_q0}]" {
					t.Fatalf("overdue appeals, due first: %v %v", got, err)
				}
				got, err = store.Find[struct{ ID string }](ctx, tx, store.Cases, store.Q{Where: []store.Cond{store.Unfinished,
					store.IsNull("assignee"), store.Since("due_at", at.Add(-3*time.Hour))}, OrderBy: "due_at"})
				if err != nil || fmt.Sprint(got) != "[{case_q1} {case_q2}]" {
					t.Fatalf("unassigned, due first: %v %v", got, err)
				}
				return nil
			})
		})

		t.Run("a failed transaction leaves nothing behind", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.Save(ctx, store.Accounts, member("acc_9", "active", now)); err != nil {
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
				var a map[string]any
				if err := tx.Load(ctx, store.Accounts, "acc_9", &a); !errors.Is(err, store.ErrNotFound) {
					t.Fatal("rolled-back account exists")
				}
				if b, _ := tx.Balance(ctx, "o", "b"); b != 0 {
					t.Fatal("rolled-back ledger entry exists")
				}
				return nil
			})
		})

		t.Run("jobs run once each, in due order, survive failures with back-off", func(t *testing.T) {
			if err := db.Update(ctx, func(tx *store.Tx) error {
				job := func(id string, minutes int) store.Job {
					return store.Job{ID: id, Kind: "j", Ref: id, DueAt: now.Add(time.Duration(minutes) * time.Minute)}
				}
				// One statement; of the two j:3, the last one counts.
				return tx.Enqueue(ctx, job("j:2", 2), job("j:3", 1), job("j:1", 1), job("j:3", 30))
			}); err != nil {
				t.Fatal(err)
			}
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

		t.Run("M9 reads only the states of suspended and banned accounts, and of erased ones once banned", func(t *testing.T) {
			states := map[string][2]any{"st_active": {"active", nil}, "st_susp": {"suspended", nil}, "st_banned": {"banned", now},
				"st_erased_banned": {"erased", now}, "st_erased": {"erased", nil}, "st_closed": {"closed", now}}
			ids := []string{"st_missing"}
			err := db.Update(ctx, func(tx *store.Tx) error {
				for id, st := range states {
					m := member(id, st[0].(string), now)
					m["banned_at"] = st[1]
					if err := tx.Save(ctx, store.Accounts, m); err != nil {
						return err
					}
					ids = append(ids, id)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			_ = db.Read(ctx, func(tx *store.Tx) error {
				all, err := tx.AccountStates(ctx, ids)
				if err != nil || len(all) != len(states) {
					t.Fatalf("AccountStates: %v, %v", all, err)
				}
				got, err := tx.SanctionedStates(ctx, ids)
				want := map[string]store.AccountState{"st_susp": {Status: "suspended"}, "st_banned": {Status: "banned", Banned: true},
					"st_erased_banned": {Status: "erased", Banned: true}}
				if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("SanctionedStates = %v, %v; want %v", got, err, want)
				}
				return nil
			})
		})

		t.Run("signals, ledger, idempotency, meta", func(t *testing.T) {
			_ = db.Update(ctx, func(tx *store.Tx) error {
				email := func(h string) store.SignalKey { return store.SignalKey{Kind: "email", Hash: h} }
				if err := tx.AddSignals(ctx, "acc_1", now, []store.SignalKey{email("h1"), email("h1"), {Kind: "phone", Hash: "p1"}}); err != nil {
					t.Fatalf("a repeated pair in one call: %v", err)
				}
				if err := tx.AddSignals(ctx, "acc_1", now.Add(time.Hour), []store.SignalKey{email("h1")}); err != nil {
					t.Fatal(err)
				}
				if err := tx.AddSignals(ctx, "acc_2", now, []store.SignalKey{email("h1"), email("h3")}); err != nil {
					t.Fatal(err)
				}
				rows, _ := tx.AccountsWith(ctx, "email", []string{"h1", "h2"}, 10)
				if len(rows) != 2 {
					t.Errorf("lookup %v", rows)
				}
				for _, r := range rows {
					if r.AccountID == "acc_1" && (!r.FirstSeen.Equal(now) || !r.LastSeen.Equal(now.Add(time.Hour))) {
						t.Errorf("a pair seen again keeps its first sighting and moves its last: %+v", r)
					}
				}
				// Probes answered in one statement, each within its own limit.
				found, err := tx.Lookup(ctx, []store.Probe{
					{Kind: "email", Hashes: []string{"h1", "h3"}, Limit: 2},
					{Kind: "email", Hashes: nil, Limit: 5},
					{Kind: "phone", Hashes: []string{"p1", "h1"}, Limit: 5},
					{Kind: "email", Hashes: []string{"h1"}, Limit: 1},
				})
				if err != nil || len(found) != 4 || len(found[0]) != 2 || len(found[1]) != 0 || len(found[3]) != 1 ||
					len(found[2]) != 1 || found[2][0].AccountID != "acc_1" || found[2][0].Kind != "phone" {
					t.Errorf("lookup of several probes: %v %v", found, err)
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
