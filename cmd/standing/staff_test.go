package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"standing/internal/staff"
	"standing/internal/store"
)

// TestStaffPassword: standing staff password stf_.. reads the password
// from standard input (never a flag), refuses one under 12 characters, and
// the stored argon2id hash matches it (issue 14, named staff).
func TestStaffPassword(t *testing.T) {
	path := t.TempDir() + "/s.db"
	ctx := context.Background()
	db, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *store.Tx) error {
		return tx.CreateStaff(ctx, store.StaffMember{ID: "stf_ana", Email: "ana@example.com", Name: "Ana", Role: "agent", CreatedAt: time.Now()})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := staffCmd([]string{"password", "stf_ana", "--db", path}, strings.NewReader("short\n"), &out, &out); err == nil {
		t.Fatal("a 5-character password was set")
	}
	if err := staffCmd([]string{"password", "stf_nobody", "--db", path}, strings.NewReader("long enough password\n"), &out, &out); err == nil {
		t.Fatal("the password of nobody was set")
	}
	if err := staffCmd([]string{"password", "--password", "x", "stf_ana", "--db", path}, strings.NewReader(""), &out, &out); err == nil {
		t.Fatal("a --password flag was taken")
	}
	if err := staffCmd([]string{"password", "stf_ana", "--db", path}, strings.NewReader("long enough password\n"), &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "password set for stf_ana") {
		t.Fatalf("output: %s", out.String())
	}
	db, err = store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var hash string
	var audit []json.RawMessage
	err = db.Read(ctx, func(tx *store.Tx) error {
		if _, hash, err = tx.StaffByEmail(ctx, "ana@example.com"); err != nil {
			return err
		}
		audit, _, err = tx.AuditEvents(ctx, "stf_ana", 0, 10)
		return err
	})
	// API.md: every staff action is audited; at the shell the operator acts.
	if len(audit) != 1 || !strings.Contains(string(audit[0]), `"action":"staff_password_set"`) ||
		!strings.Contains(string(audit[0]), `"kind":"operator"`) {
		t.Fatalf("audit of the password set: %s", audit)
	}
	if err != nil || !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("stored hash %q (%v)", hash, err)
	}
	if ok, err := staff.VerifyPassword(hash, "long enough password"); !ok || err != nil {
		t.Fatalf("the stored hash does not match the password read: %v %v", ok, err)
	}
}
