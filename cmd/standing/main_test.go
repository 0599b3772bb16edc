package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKeysCreatePrintsKeyLast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	var out bytes.Buffer
	if err := run([]string{"keys", "create", "--role", "staff", "--name", "ops", "--db", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(out.String())
	if !strings.HasPrefix(f[len(f)-1], "sk_sta_") {
		t.Fatalf("last token %q", f[len(f)-1])
	}
	if err := run([]string{"keys", "create", "--role", "root", "--name", "x", "--db", db}, &out, &out); err == nil {
		t.Fatal("unknown role accepted")
	}
	if err := run([]string{"migrate", "--db", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
}

func TestScreenLinesOnePerInputLine(t *testing.T) {
	in := strings.NewReader("hello there\nmail me at bob dot smith at gmail dot com\n\nlast line no newline")
	var out bytes.Buffer
	if err := screenCmd([]string{"--lines", "-"}, in, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines for 4 input lines:\n%s", len(lines), out.String())
	}
	var second struct {
		Line     int `json:"line"`
		Findings []struct {
			Category   string `json:"category"`
			Normalized string `json:"normalized"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil || second.Line != 2 || second.Findings[0].Normalized != "bob.smith@gmail.com" {
		t.Fatalf("%s %v", lines[1], err)
	}
	out.Reset()
	if err := screenCmd([]string{"--surface", "profile", "call 415 555 0134"}, nil, &out); err != nil || !strings.Contains(out.String(), "contact.phone") {
		t.Fatalf("%q %v", out.String(), err)
	}
	if err := screenCmd([]string{"--surface", "tweet", "x"}, nil, &out); err == nil {
		t.Fatal("unknown surface accepted")
	}
}

func TestServeRefusesBadConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.json")
	if err := writeFile(cfg, `{"respond_by": "-1d", "connects_cap": 0}`); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run([]string{"serve", "--config", cfg, "--db", filepath.Join(t.TempDir(), "s.db")}, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "respond_by") || !strings.Contains(err.Error(), "connects_cap") {
		t.Fatalf("want both errors reported: %v", err)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }

// TestOperatorAddressServesMetricsAndProfiler: README, the metrics address
// serves /metrics and Go's profiler; the API's address never serves the
// profiler (it reaches the API, which knows no such path).
func TestOperatorAddressServesMetricsAndProfiler(t *testing.T) {
	named := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, name) })
	}
	for path, want := range map[string]string{"/debug/pprof/": "api", "/debug/pprof/profile": "api", "/console/": "console"} {
		rec := httptest.NewRecorder()
		apiMux(named("console"), named("api")).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Body.String() != want {
			t.Errorf("GET %s on the API's address reached %q, want %q", path, rec.Body.String(), want)
		}
	}
	mux := operatorMux(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "standing_up 1\n") }))
	for path, want := range map[string]string{"/metrics": "standing_up", "/debug/pprof/": "goroutine", "/debug/pprof/heap?debug=1": "heap profile"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: %d %.80q", path, rec.Code, rec.Body.String())
		}
	}
}
