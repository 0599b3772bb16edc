package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestErasureErases is POLICY.md L10: after erasure the account's personal
// data (email, name, profile, the messages it wrote, and its name quoted in
// messages it received) is in no document, audit event or webhook body, and,
// on SQLite, in neither the database file nor its WAL (secure_delete and a
// checkpoint after erasure); keyed signal hashes still catch ban evasion.
func TestErasureErases(t *testing.T) {
	run := func(t *testing.T, db *store.DB, files func() [][]byte) {
		e := apitest.Start(t, db, apitest.AllowLocalWebhooks)
		recv, _ := counter(503) // keeps deliveries, with their bodies, in the outbox
		defer recv.Close()
		e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL, "events": []string{"*"}}).Want(t, 201)
		n := apitest.Unique()
		email := fmt.Sprintf("zebulon.quartermaine%d@example.com", n)
		name := fmt.Sprintf("Zebulon Quartermaine%d", n)
		overview := fmt.Sprintf("Cartographer of forgotten lighthouses number %d", n)
		body := fmt.Sprintf("My grandmother's lighthouse recipe, edition %d", n)
		id := e.I("POST", "/v1/accounts", map[string]any{"email": email, "name": name, "country": "US", "freelancer": true, "client": false,
			"external_id": fmt.Sprintf("ext-zq-%d", n), "signals": map[string]any{"payment_instrument": fmt.Sprintf("card-zq-%d", n)}},
			"Idempotency-Key", "erase-"+email).Want(t, 201).Str("account.id")
		e.I("PUT", "/v1/accounts/"+id+"/profile", map[string]any{"title": "Lighthouse cartographer", "overview": overview, "skills": []string{"Cartography"}}).Want(t, 200)
		other := e.Signup(false, nil)
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": id, "to_account_id": other, "body": body}).Want(t, 201)
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": other, "to_account_id": id, "body": "Thank you, " + name + "!"}).Want(t, 201)
		e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
		e.S("POST", "/v1/accounts/"+id+"/erasure", nil).Want(t, 200)

		secrets := []string{email, name, overview, body, strings.ToLower(name)}
		var dump bytes.Buffer
		for _, q := range []string{`SELECT data FROM audit_events`, `SELECT body FROM outbox`, `SELECT body FROM idempotency`} {
			for _, v := range dumpRows(t, db, q) {
				dump.WriteString(v)
			}
		}
		if err := db.Read(context.Background(), func(tx *store.Tx) error {
			for _, tb := range store.Tables {
				rows, err := tx.Dump(context.Background(), tb)
				if err != nil {
					return err
				}
				for _, r := range rows {
					dump.WriteString(r)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(dump.Bytes(), []byte(s)) {
				t.Errorf("L10: %q is still stored after erasure", s)
			}
		}
		for i, f := range files() {
			for _, s := range secrets {
				if bytes.Contains(f, []byte(s)) {
					t.Errorf("L10: %q is still in database file %d after erasure", s, i)
				}
			}
		}
		// The keyed hash of the card stays: the erased, banned person is still caught.
		e.I("POST", "/v1/accounts", map[string]any{"email": fmt.Sprintf("back%d@example.com", n), "name": "Someone Else", "country": "US",
			"freelancer": true, "client": false, "signals": map[string]any{"payment_instrument": fmt.Sprintf("card-zq-%d", n)}}).Want(t, 201)
		if r := e.S("GET", "/v1/accounts?status=banned", nil); !strings.Contains(string(r.Raw), "Someone Else") {
			t.Errorf("L10: ban evasion after erasure not caught: %s", r.Raw)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "standing.db")
		db := apitest.OpenSQLiteAt(t, path)
		run(t, db, func() [][]byte {
			var out [][]byte
			for _, p := range []string{path, path + "-wal"} {
				b, err := os.ReadFile(p)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				out = append(out, b)
			}
			return out
		})
	})
	t.Run("postgres", func(t *testing.T) {
		run(t, postgresOnly(t), func() [][]byte { return nil })
	})
}

// dumpRows returns the single text column of every row of q.
func dumpRows(t *testing.T, db *store.DB, q string) []string {
	t.Helper()
	var out []string
	if err := db.Read(context.Background(), func(tx *store.Tx) error {
		var err error
		out, err = tx.Texts(context.Background(), q)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
