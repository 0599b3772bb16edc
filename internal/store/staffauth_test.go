package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestMemberSessions (issue 14, "disabling a member ends all of theirs"):
// a member's own sign-in (no key) lives with the member and reads their
// role; a disabled member's sessions and password are gone; on every engine.
func TestMemberSessions(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db, ctx := open(), context.Background()
		now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.Update(ctx, func(tx *store.Tx) error {
			if err := tx.CreateStaff(ctx, store.StaffMember{ID: "stf_a", Email: "Ana@Example.com", Name: "Ana", Role: "agent", CreatedAt: now}); err != nil {
				return err
			}
			if err := tx.SetStaffPassword(ctx, "stf_a", "$argon2id$hash", now); err != nil {
				return err
			}
			return tx.CreateSession(ctx, store.Session{TokenHash: "m1", StaffID: "stf_a", Role: "staff", CSRF: "c",
				CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(time.Hour)})
		}))
		must(db.Read(ctx, func(tx *store.Tx) error {
			m, hash, err := tx.StaffByEmail(ctx, " ana@example.COM")
			if err == nil && (m.ID != "stf_a" || hash != "$argon2id$hash") {
				t.Fatalf("by email: %+v %q", m, hash)
			}
			if err != nil {
				return err
			}
			s, err := tx.LiveSession(ctx, "m1", now, time.Hour)
			if err == nil && (s.StaffID != "stf_a" || s.StaffRole != "agent" || s.KeyID != "") {
				t.Fatalf("member session read back as %+v", s)
			}
			return err
		}))
		must(db.Update(ctx, func(tx *store.Tx) error { _, err := tx.DisableStaff(ctx, "stf_a", now); return err }))
		must(db.Read(ctx, func(tx *store.Tx) error {
			if _, err := tx.LiveSession(ctx, "m1", now, time.Hour); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("a disabled member's session lives: %v", err)
			}
			if _, _, err := tx.StaffByEmail(ctx, "ana@example.com"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("a disabled member is found to sign in: %v", err)
			}
			return nil
		}))
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetStaffPassword(ctx, "stf_a", "x", now) })
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a disabled member's password was set: %v", err)
		}
	})
}
