package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestConsoleSessions: a session lives until its idle or absolute expiry,
// its sign-out, or the end of its key's sessions; on every engine.
func TestConsoleSessions(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db, ctx := open(), context.Background()
		now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		idle := 30 * time.Minute
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.Update(ctx, func(tx *store.Tx) error {
			if err := tx.CreateKey(ctx, store.Key{ID: "key_s", Hash: "keyhash_s", Role: "staff", Name: "s", CreatedAt: now}); err != nil {
				return err
			}
			for _, h := range []string{"h1", "h2", "h3"} {
				if err := tx.CreateSession(ctx, store.Session{TokenHash: h, KeyID: "key_s", Role: "staff", CSRF: "c-" + h,
					CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(2 * time.Hour)}); err != nil {
					return err
				}
			}
			return tx.CreateSession(ctx, store.Session{TokenHash: "orphan", KeyID: "key_gone", Role: "staff", CSRF: "c",
				CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(2 * time.Hour)})
		}))
		live := func(hash string, at time.Time) error {
			return db.Read(ctx, func(tx *store.Tx) error {
				s, err := tx.LiveSession(ctx, hash, at, idle)
				if err == nil && (s.CSRF != "c-"+hash || s.Role != "staff" || s.KeyID != "key_s") {
					t.Fatalf("session read back as %+v", s)
				}
				return err
			})
		}
		must(live("h1", now.Add(time.Minute)))
		if err := live("orphan", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a session of a missing key: %v", err)
		}
		if err := live("h1", now.Add(idle+time.Second)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("idle session: %v", err)
		}
		for at := now.Add(20 * time.Minute); at.Before(now.Add(2 * time.Hour)); at = at.Add(20 * time.Minute) {
			must(db.Update(ctx, func(tx *store.Tx) error { return tx.TouchSession(ctx, "h2", at) }))
			must(live("h2", at))
		}
		if err := live("h2", now.Add(2*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("past its absolute expiry: %v", err)
		}
		must(db.Update(ctx, func(tx *store.Tx) error { return tx.EndSession(ctx, "h3", now) }))
		if err := live("h3", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("ended session: %v", err)
		}
		must(db.Update(ctx, func(tx *store.Tx) error { return tx.EndSessionsOf(ctx, "", "key_s", now) }))
		if err := live("h1", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("sessions of an ended key: %v", err)
		}
		must(db.Update(ctx, func(tx *store.Tx) error { return tx.PurgeSessions(ctx, now.Add(3*time.Hour)) }))
		must(db.Read(ctx, func(tx *store.Tx) error {
			names, err := tx.KeyNames(ctx, []string{"key_s", "key_gone", "key_s"})
			if err == nil && (len(names) != 1 || names["key_s"] != "s") {
				t.Fatalf("key names %v", names)
			}
			return err
		}))
	})
}
