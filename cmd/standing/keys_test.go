package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestKeysListAndRevoke: standing keys list shows every key without the
// key itself; standing keys revoke marks it revoked.
func TestKeysListAndRevoke(t *testing.T) {
	db := "--db=" + t.TempDir() + "/s.db"
	var out bytes.Buffer
	if err := run([]string{"keys", "create", "--role", "integration", "--name", "marketplace", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(out.String())
	secret, id := f[len(f)-1], f[3]
	if !strings.HasPrefix(id, "key_") {
		t.Fatalf("id %q in %q", id, out.String())
	}
	if err := run([]string{"keys", "create", "--role", "staff", "--name", "ana", "--staff", "stf_nobody", db}, &out, &out); err == nil {
		t.Fatal("a key was bound to a member that does not exist")
	}
	out.Reset()
	if err := run([]string{"keys", "list", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), id) || !strings.Contains(out.String(), "marketplace") || strings.Contains(out.String(), secret) ||
		!strings.Contains(out.String(), "never") {
		t.Fatalf("list:\n%s", out.String())
	}
	out.Reset()
	if err := run([]string{"keys", "revoke", id, db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run([]string{"keys", "list", db}, &out, &out); err != nil || !strings.Contains(out.String(), "revoked") {
		t.Fatalf("list after revoke (%v):\n%s", err, out.String())
	}
	if err := run([]string{"keys", "revoke", "key_nope", db}, &out, &out); err == nil {
		t.Fatal("revoked a key that does not exist")
	}
	if err := run([]string{"keys", "rotate", db}, &out, &out); err == nil {
		t.Fatal("unknown keys command accepted")
	}
}
