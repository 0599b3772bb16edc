package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDecisionFactsBackfill: migrating a database that already has an
// audit log counts each automated sign-up, refusal and notice of it as a
// decision that cannot be replayed, and nothing else (issue 16), on both
// engines.
func TestDecisionFactsBackfill(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := OpenSQLite(filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		backfill(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		backfill(t, postgresSchema(t))
	})
}

// postgresSchema opens the test PostgreSQL database in a schema of its own,
// dropped when the test ends, so that a migration test starts from nothing.
// It skips the test without STANDING_TEST_POSTGRES.
func postgresSchema(t *testing.T) *DB {
	dsn := os.Getenv("STANDING_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("STANDING_TEST_POSTGRES is not set: PostgreSQL tests skipped (.ci/run sets it)")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := OpenPostgres(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := OpenPostgres(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func backfill(t *testing.T, db *DB) {
	ctx := context.Background()
	p, err := db.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	events := []map[string]any{
		{"action": "signed_up", "rule": "M4", "automated": true, "policy_version": "2026-11-01"},
		{"action": "notice_issued", "rule": "V5", "automated": true},
		{"action": "notice_issued", "rule": "V9", "automated": false}, // a person's
		{"action": "profile_updated", "automated": false},
		{"action": "content_refused", "rule": "C3", "automated": true},
	}
	err = db.Update(ctx, func(tx *Tx) error {
		for i, e := range events {
			if err := tx.Audit(ctx, AuditEvent{ID: "evt_" + string(rune('a'+i)), AccountID: "acc_1", At: at, Event: e}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var rules []string
	err = db.Read(ctx, func(tx *Tx) error {
		return tx.EachDecision(ctx, at, at, func(d DecisionRow) error {
			if d.Kind != "legacy" || d.Replayable || d.AccountID != "acc_1" {
				t.Errorf("%+v", d)
			}
			rules = append(rules, d.Rule)
			return nil
		})
	})
	if err != nil || len(rules) != 3 || rules[0] != "M4" || rules[1] != "V5" || rules[2] != "C3" {
		t.Fatalf("legacy decisions %v, %v", rules, err)
	}
}
