package store

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixtureDoc is one row of the document table as the release before the
// aggregates' tables wrote it.
type fixtureDoc struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Status    string `json:"status"`
	Search    string `json:"search"`
	Version   int64  `json:"version"`
	CreatedAt int64  `json:"created_at"`
	Data      string `json:"data"`
}

// TestMoveDocs: a database written by the release with the document table
// (testdata/docs-00005.jsonl: the documents a demo population, a refused
// profile, an agency, a webhook and a decided appeal left, dumped from that
// release's SQLite file) migrates into the aggregates' tables (issue 10),
// every aggregate reading back as the document it was, on both engines.
func TestMoveDocs(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := OpenSQLite(filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		moveFixture(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		db := postgresSchema(t)
		moveFixture(t, db)
	})
}

func moveFixture(t *testing.T, db *DB) {
	ctx := context.Background()
	p, err := db.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/docs-00005.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []fixtureDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d fixtureDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	docs = append(docs, heldDocs(t, docs)...)
	if err := db.Update(ctx, func(tx *Tx) error {
		for _, d := range docs {
			if _, err := tx.exec(ctx, `INSERT INTO docs (id, kind, status, search, version, created_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				d.ID, d.Kind, d.Status, d.Search, d.Version, d.CreatedAt, d.Data); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("the migration refused the release's data: %v", err)
	}
	kinds := map[string]int{}
	err = db.Read(ctx, func(tx *Tx) error {
		for _, d := range docs {
			kinds[d.Kind]++
			tb := docTables[d.Kind]
			key := d.ID
			var want map[string]any
			if err := json.Unmarshal([]byte(d.Data), &want); err != nil {
				return err
			}
			if k, ok := want[tb.key].(string); ok {
				key = k
			}
			var got map[string]any
			if err := tx.Load(ctx, tb, key, &got); err != nil {
				t.Errorf("%s %s did not move: %v", d.Kind, d.ID, err)
				continue
			}
			for k, v := range want {
				if d.Kind == "refusal" && k == "at" {
					k = "created_at"
				}
				if !sameValue(got[k], v) {
					t.Errorf("%s %s: %s is %v after the migration, was %v", d.Kind, d.ID, k, got[k], v)
				}
			}
		}
		// V5: migration 00011 takes the review's outcome out of the JSON,
		// and the queue of held messages is the one nobody reviewed.
		waiting, err := Find[map[string]any](ctx, tx, Messages, Q{Where: []Cond{Eq("status", "held"), IsNull("review_outcome")}})
		if err != nil {
			return err
		}
		if len(waiting) != 1 || waiting[0]["id"] != "msg_waiting" {
			t.Errorf("held messages waiting for a person: %v", waiting)
		}
		var docTable int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM goose_db_version WHERE version_id = 8`).Scan(&docTable); err != nil || docTable != 1 {
			t.Errorf("the document table's drop did not run: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(kinds) < 12 || kinds["account"] < 100 {
		t.Fatalf("the fixture lacks the variety it is for: %v", kinds)
	}
}

// sameValue compares a value before and after the migration: times to the
// microsecond (the precision the tables keep), the rest as JSON has them.
func sameValue(got, want any) bool {
	if ws, ok := want.(string); ok {
		if wt, err := time.Parse(time.RFC3339Nano, ws); err == nil && strings.Contains(ws, "T") {
			gs, _ := got.(string)
			gt, err := time.Parse(time.RFC3339Nano, gs)
			return err == nil && gt.Equal(wt.Truncate(time.Microsecond))
		}
	}
	if want == nil {
		return got == nil
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	if string(wb) == string(gb) {
		return true
	}
	wm, wok := want.(map[string]any)
	gm, gok := got.(map[string]any)
	if wok && gok {
		for k, v := range wm {
			if !sameValue(gm[k], v) {
				return false
			}
		}
		return true
	}
	wl, wok := want.([]any)
	gl, gok := got.([]any)
	if wok && gok && len(wl) == len(gl) {
		for i := range wl {
			if !sameValue(gl[i], wl[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// heldDocs are two held messages between the fixture's first two accounts,
// as that release wrote them: one a person upheld, one still waiting.
func heldDocs(t *testing.T, docs []fixtureDoc) []fixtureDoc {
	var acc []string
	for _, d := range docs {
		if d.Kind == "account" && len(acc) < 2 {
			acc = append(acc, d.ID)
		}
	}
	var out []fixtureDoc
	for _, m := range []map[string]any{
		{"id": "msg_upheld", "review": map[string]any{"outcome": "uphold", "reason": "asks to be paid by bank transfer", "by": "stf_1", "at": "2026-03-02T10:00:00Z"}},
		{"id": "msg_waiting"},
	} {
		m["kind"], m["from_account_id"], m["to_account_id"], m["body"] = "message", acc[0], acc[1], "pay me by bank transfer"
		m["body_delivered"], m["status"], m["first_contact"], m["rule"] = nil, "held", true, "V5"
		m["created_at"], m["version"] = "2026-03-01T10:00:00Z", 1
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixtureDoc{ID: m["id"].(string), Kind: "message", Status: "held", Version: 1, CreatedAt: 1772359200000000, Data: string(b)})
	}
	return out
}
