// Package apitest starts a whole standing server for tests, on SQLite and,
// when STANDING_TEST_POSTGRES holds a DSN, on PostgreSQL too, with a test
// clock and a key of each role. Tests speak HTTP to it like a client would.
package apitest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"standing/internal/clock"
	"standing/internal/httpapi"
	"standing/internal/policy"
	"standing/internal/service"
	"standing/internal/store"
)

// Env is one running server.
type Env struct {
	T           testing.TB
	URL         string
	Svc         *service.Service
	DB          *store.DB
	Clock       *clock.Test
	Integration string
	Staff       string
	Admin       string
	contract    contract
}

// Engines runs fn once per available engine as subtests "sqlite" and
// "postgres". PostgreSQL is skipped, saying so, when no DSN is set.
func Engines(t *testing.T, fn func(t *testing.T, open func() *store.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, func() *store.DB { return OpenSQLite(t) })
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("STANDING_TEST_POSTGRES")
		if dsn == "" {
			t.Skip("STANDING_TEST_POSTGRES is not set: PostgreSQL tests skipped (.ci/run sets it)")
		}
		fn(t, func() *store.DB { return OpenPostgres(t, dsn) })
	})
}

// OpenSQLite opens a migrated SQLite database in a temporary directory.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	return OpenSQLiteAt(t, filepath.Join(t.TempDir(), "standing.db"))
}

// OpenSQLiteAt opens (creating) and migrates the SQLite database at path,
// for a test that also reads the files.
func OpenSQLiteAt(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// OpenPostgres opens a migrated PostgreSQL database in a fresh schema.
func OpenPostgres(t testing.TB, dsn string) *store.DB {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := store.OpenPostgres(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	qs := u.Query()
	qs.Set("search_path", schema)
	u.RawQuery = qs.Encode()
	db, err := store.OpenPostgres(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestSignalSecret keys the signal index of test servers (the same for
// every server over one database, as replicas share theirs).
const TestSignalSecret = "apitest-signal-secret-0123456789"

// AllowLocalWebhooks is a settings change for Start: webhooks may go to
// receivers on 127.0.0.1 (httptest servers) over plain http, as the
// webhook_allow_hosts setting lets internal receivers.
func AllowLocalWebhooks(s *policy.Settings) { s.WebhookAllowHosts = []string{"127.0.0.1"} }

// Start runs a server with a test clock over db, with the default settings
// changed by tune.
func Start(t testing.TB, db *store.DB, tune func(*policy.Settings)) *Env {
	t.Helper()
	return StartServer(t, db, tune, true)
}

// StartServer is Start with the test clock route on or off.
func StartServer(t testing.TB, db *store.DB, tune func(*policy.Settings), testClock bool) *Env {
	t.Helper()
	set := policy.Defaults()
	set.SignalSecret = TestSignalSecret
	if tune != nil {
		tune(&set)
	}
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	var logw io.Writer = io.Discard
	if os.Getenv("STANDING_TEST_LOG") != "" {
		logw = os.Stderr // the server's log, to see why a request failed
	}
	log := slog.New(slog.NewTextHandler(logw, nil))
	clk := clock.NewTest(clock.System{})
	ctx := context.Background()
	svc, err := service.New(ctx, db, clk, set, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(svc, log, testClock))
	loopCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { svc.Loop(loopCtx); close(done) }()
	t.Cleanup(func() { srv.Close(); stop(); <-done })
	e := &Env{T: t, URL: srv.URL, Svc: svc, DB: db, Clock: clk}
	for _, role := range service.Roles {
		k, _, err := service.CreateKey(ctx, db, role, role+" test", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		switch role {
		case "integration":
			e.Integration = k
		case "staff":
			e.Staff = k
		case "admin":
			e.Admin = k
		}
	}
	return e
}

// Resp is an answer: its status, headers and decoded JSON body.
type Resp struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   map[string]any
}

// Call sends a request with a key; body may be nil, a string (sent as is)
// or a value to encode. Extra headers come in name, value pairs.
func (e *Env) Call(method, path, key string, body any, headers ...string) Resp {
	e.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.URL+path, rd)
	if err != nil {
		e.T.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if err := e.CheckContract(method, path, res.StatusCode, raw); err != nil {
		e.T.Errorf("contract: %v", err)
	}
	r := Resp{Status: res.StatusCode, Header: res.Header, Raw: raw}
	_ = json.Unmarshal(raw, &r.Body)
	return r
}

// CheckContract tells whether an answer to method path (status and JSON
// body) is one the server's OpenAPI document declares.
func (e *Env) CheckContract(method, path string, status int, raw []byte) error {
	return e.contract.check(e, method, path, status, raw)
}

// Document is the server's OpenAPI document, as served.
func (e *Env) Document() (map[string]any, error) {
	if err := e.contract.load(e); err != nil {
		return nil, err
	}
	return e.contract.doc, nil
}

// Resolve follows a local $ref of the document ("#/components/...").
func (e *Env) Resolve(v any) map[string]any { return e.contract.resolve(v) }

// I calls as the integration, S as staff, A as admin.
func (e *Env) I(method, path string, body any, headers ...string) Resp {
	e.T.Helper()
	return e.Call(method, path, e.Integration, body, headers...)
}

// S calls as staff.
func (e *Env) S(method, path string, body any, headers ...string) Resp {
	e.T.Helper()
	return e.Call(method, path, e.Staff, body, headers...)
}

// A calls as admin.
func (e *Env) A(method, path string, body any, headers ...string) Resp {
	e.T.Helper()
	return e.Call(method, path, e.Admin, body, headers...)
}

// Want fails the test unless the answer has the status (and, for a
// problem, the code).
func (r Resp) Want(t testing.TB, status int, code ...string) Resp {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Raw)
	}
	if len(code) > 0 && r.Body["code"] != code[0] {
		t.Fatalf("code %v, want %s: %s", r.Body["code"], code[0], r.Raw)
	}
	return r
}

// Get walks a path of keys and indexes ("account.status", "data.0.id").
func (r Resp) Get(path string) any {
	var cur any = r.Body
	for _, p := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			i := 0
			for _, ch := range p {
				i = i*10 + int(ch-'0')
			}
			if i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// Str is Get as a string.
func (r Resp) Str(path string) string { s, _ := r.Get(path).(string); return s }

// Num is Get as a number.
func (r Resp) Num(path string) float64 { f, _ := r.Get(path).(float64); return f }

// Len is the length of the array at path.
func (r Resp) Len(path string) int { a, _ := r.Get(path).([]any); return len(a) }

// Advance moves the server's test clock and runs due jobs.
func (e *Env) Advance(d string) {
	e.T.Helper()
	e.A("POST", "/v1/test/clock", map[string]string{"advance": d}).Want(e.T, 200)
}

var seq = make(chan int, 1)

func init() { seq <- 0 }

// Unique returns a number not used before in this process.
func Unique() int {
	n := <-seq
	seq <- n + 1
	return n
}

// Signup creates an account with fresh signals and returns its id.
func (e *Env) Signup(freelancer bool, extra map[string]any) string {
	e.T.Helper()
	n := Unique()
	body := map[string]any{"email": "member" + itoa(n) + "@example.com", "name": "Member Number" + itoa(n), "country": "US",
		"freelancer": freelancer, "client": !freelancer}
	for k, v := range extra {
		body[k] = v
	}
	r := e.I("POST", "/v1/accounts", body).Want(e.T, 201)
	return r.Str("account.id")
}

// Verify verifies an adult with a fresh document and returns the answer.
// Its phone numbers stay out of 555-0000 to 555-1999, where tests pick
// numbers by hand: a shared number would link unrelated test accounts.
func (e *Env) Verify(id, name string) Resp {
	e.T.Helper()
	n := Unique()
	return e.I("POST", "/v1/accounts/"+id+"/verification", map[string]any{
		"legal_name": name, "date_of_birth": time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.DateOnly), "phone": "+1 415 555 " + pad4(2000+n%8000),
		"address":     map[string]any{"line1": itoa(n) + " Main St", "city": "Springfield", "postal_code": "12345", "country": "US"},
		"id_document": map[string]any{"type": "passport", "country": "US", "number": "X" + pad4(n) + "99"},
	})
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func pad4(n int) string {
	s := itoa(n % 10000)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
