package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestSimulatePrintsTables: standing simulate over a history with a V5
// suspension, under a strike life of 30 days, prints the suspension turned
// warning in the rule table and the account among the examples; a bad
// config names the setting.
func TestSimulatePrintsTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := apitest.Start(t, db, nil)
	offender, client := e.Signup(true, nil), e.Signup(false, nil)
	send := func(body string) {
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": offender, "to_account_id": client, "body": body},
			"Acting-Account", offender).Want(t, 201)
	}
	send("mail me at ana.smith@gmail.com")
	e.Advance("960h")
	send("pay me via PayPal outside the platform to avoid the fee")

	cfg := filepath.Join(t.TempDir(), "new.json")
	if err := writeFile(cfg, `{"strike_life": "30d"}`); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run([]string{"simulate", "--config", cfg, "--db", path, "--from", "2000-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z"},
		&out, &errOut); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"changed 1,", "V5  suspension       1      0      -1", offender + "  V5    suspension  warning"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	t.Log("\n" + text)
	if err := writeFile(cfg, `{"strike_life": "soon"}`); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"simulate", "--config", cfg, "--db", path}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "strike_life") {
		t.Fatalf("bad config: %v", err)
	}
}

// TestProgressBar: a long run draws a bar on stderr that ends at 100% with
// a newline; a short one draws nothing.
func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	bar := progressBar(&b)
	for done := 1000; done <= 20000; done += 1000 {
		bar(done, 20000)
	}
	if !strings.HasSuffix(b.String(), "] 100% 20000/20000 decisions\n") || !strings.Contains(b.String(), "\r[##") {
		t.Fatalf("%q", b.String())
	}
	b.Reset()
	progressBar(&b)(5, 5)
	if b.Len() != 0 {
		t.Fatalf("a short run drew %q", b.String())
	}
}
