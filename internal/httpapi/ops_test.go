package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/policy"
	"standing/internal/store"
)

// postgresOnly opens a fresh PostgreSQL database, or skips.
func postgresOnly(t *testing.T) *store.DB {
	t.Helper()
	dsn := os.Getenv("STANDING_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("STANDING_TEST_POSTGRES is not set: PostgreSQL tests skipped (.ci/run sets it)")
	}
	return apitest.OpenPostgres(t, dsn)
}

// burst sends n copies of one request at once, each built by body(i) with
// the extra headers, and returns the statuses and bodies (status 0: the
// request did not complete within timeout).
func burst(e *apitest.Env, n int, timeout time.Duration, method, path, key string, body func(i int) any, headers ...string) ([]int, [][]byte) {
	statuses, bodies := make([]int, n), make([][]byte, n)
	client := &http.Client{Timeout: timeout}
	var start, wg sync.WaitGroup
	start.Add(1)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _ := json.Marshal(body(i))
			req, _ := http.NewRequestWithContext(context.Background(), method, e.URL+path, bytes.NewReader(b))
			req.Header.Set("Authorization", "Bearer "+key)
			req.Header.Set("Content-Type", "application/json")
			for j := 0; j+1 < len(headers); j += 2 {
				req.Header.Set(headers[j], headers[j+1])
			}
			start.Wait()
			res, err := client.Do(req)
			if err != nil {
				return
			}
			defer res.Body.Close()
			bodies[i], _ = io.ReadAll(res.Body)
			statuses[i] = res.StatusCode
		}()
	}
	start.Done()
	wg.Wait()
	return statuses, bodies
}

// TestColdStartBurst is README "PostgreSQL and several replicas": a replica
// that has just opened its pool answers a burst of concurrent sign-ups
// (more than its pool has connections) without hanging, because no open
// transaction waits for a second connection to prepare a statement.
func TestColdStartBurst(t *testing.T) {
	e := apitest.Start(t, postgresOnly(t), nil)
	const n = 48
	statuses, bodies := burst(e, n, 20*time.Second, "POST", "/v1/accounts", e.Integration, func(i int) any {
		return map[string]any{"email": fmt.Sprintf("burst%d-%d@example.com", apitest.Unique(), i), "name": fmt.Sprintf("Burst Member%d", i),
			"country": "US", "freelancer": true, "client": false}
	})
	for i, st := range statuses {
		if st != 201 {
			t.Fatalf("sign-up %d of %d right after start: status %d (0: no answer in 20 s) %s", i, n, st, bodies[i])
		}
	}
}

// TestIdempotencyUnderRaces is API.md Conventions, idempotency: the same
// Idempotency-Key sent many times at once gets the first answer every time
// (never a 500), and the request takes effect once.
func TestIdempotencyUnderRaces(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		n := apitest.Unique()
		email := fmt.Sprintf("race%d@example.com", n)
		body := map[string]any{"email": email, "name": "Race Member", "country": "US", "freelancer": true, "client": false}
		statuses, bodies := burst(e, 24, 30*time.Second, "POST", "/v1/accounts", e.Integration, func(int) any { return body },
			"Idempotency-Key", fmt.Sprintf("race-%d", n))
		first := ""
		for i, st := range statuses {
			if st != 201 {
				t.Fatalf("duplicate %d: status %d %s", i, st, bodies[i])
			}
			var got struct {
				Account struct{ ID string } `json:"account"`
			}
			_ = json.Unmarshal(bodies[i], &got)
			if first == "" {
				first = got.Account.ID
			}
			if got.Account.ID != first {
				t.Fatalf("duplicate %d answered another account: %s, first %s", i, got.Account.ID, first)
			}
		}
		if r := e.I("GET", "/v1/accounts?q="+email, nil).Want(t, 200); r.Len("data") != 1 {
			t.Fatalf("%d accounts for one idempotent sign-up: %s", r.Len("data"), r.Raw)
		}
	})
}

// TestIdempotencyAfterCrash is API.md Conventions, idempotency: a claim left
// without an answer (what a crash left behind before claims were written in
// the request's own transaction) does not block the key; the retry runs,
// once, and later retries get its answer.
func TestIdempotencyAfterCrash(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		e := apitest.Start(t, db, nil)
		k, err := e.Svc.Authenticate(context.Background(), e.Integration)
		if err != nil {
			t.Fatal(err)
		}
		keyID := k.ID
		if err := db.Exec(context.Background(), `INSERT INTO idempotency (key, request_hash, status, body, created_at)
			VALUES ('`+keyID+`:crashed', 'x', 0, '', `+fmt.Sprint(time.Now().UnixMicro())+`)`); err != nil {
			t.Fatal(err)
		}
		body := map[string]any{"email": fmt.Sprintf("crash%d@example.com", apitest.Unique()), "name": "Crash Member", "country": "US", "freelancer": true, "client": false}
		a := e.I("POST", "/v1/accounts", body, "Idempotency-Key", "crashed").Want(t, 201)
		b := e.I("POST", "/v1/accounts", body, "Idempotency-Key", "crashed").Want(t, 201)
		if a.Str("account.id") != b.Str("account.id") || b.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("retry after the taken-over claim: %s then %s", a.Raw, b.Raw)
		}
	})
}

// TestNoDeadlockBothDirections is README "PostgreSQL and several replicas":
// a transaction that changes several accounts locks them in one global
// order, so messages A→B and B→A sent at once never deadlock.
func TestNoDeadlockBothDirections(t *testing.T) {
	db := postgresOnly(t)
	e := apitest.Start(t, db, nil)
	a, b := e.Signup(true, nil), e.Signup(false, nil)
	const rounds = 60
	statuses, bodies := burst(e, 2*rounds, 30*time.Second, "POST", "/v1/messages", e.Integration, func(i int) any {
		from, to := a, b
		if i%2 == 1 {
			from, to = b, a
		}
		return map[string]any{"from_account_id": from, "to_account_id": to, "body": fmt.Sprintf("hello, round %d", i)}
	})
	for i, st := range statuses {
		if st != 201 {
			t.Fatalf("message %d: status %d %s", i, st, bodies[i])
		}
	}
	if n := db.Deadlocks(); n != 0 {
		t.Fatalf("%d deadlocks between A→B and B→A", n)
	}
}

// TestMetricsBehindASetting is API.md Operations: GET /metrics on the API's
// address answers only a request bearing the metrics_token setting, and is
// not there without it (serve --metrics-addr serves it apart).
func TestMetricsBehindASetting(t *testing.T) {
	closed := apitest.Start(t, apitest.OpenSQLite(t), nil)
	closed.Call("GET", "/metrics", "", nil).Want(t, 404, "not_found")
	closed.Call("GET", "/metrics", closed.Admin, nil).Want(t, 404, "not_found")
	const token = "metrics-token-0123456789"
	e := apitest.Start(t, apitest.OpenSQLite(t), func(s *policy.Settings) { s.MetricsToken = token })
	e.Call("GET", "/metrics", "", nil).Want(t, 401, "unauthorized")
	e.Call("GET", "/metrics", e.Admin, nil).Want(t, 401, "unauthorized")
	e.A("GET", "/v1/webhooks", nil).Want(t, 200) // a request to count
	if r := e.Call("GET", "/metrics", token, nil); r.Status != 200 || !bytes.Contains(r.Raw, []byte("standing_http_requests_total")) {
		t.Fatalf("with the token: %d %.200s", r.Status, r.Raw)
	}
	if r := e.A("GET", "/v1/policies", nil); strings.Contains(string(r.Raw), token) {
		t.Fatal("the metrics token is shown by /v1/policies")
	}
}

// TestBadBytesNeverReachTheDatabase is API.md Conventions, errors: text
// that is not valid UTF-8 or holds NUL characters, in the path, the query,
// a header or the body, is refused with 400 on both engines, never a 500.
func TestBadBytesNeverReachTheDatabase(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		id := e.Signup(true, nil)
		e.I("GET", "/v1/accounts/acc_%00x", nil).Want(t, 400, "invalid_request")
		e.I("GET", "/v1/cases/%ff%fe", nil).Want(t, 403, "forbidden_role") // the role is checked first
		e.S("GET", "/v1/cases/%ff%fe", nil).Want(t, 400, "invalid_request")
		e.I("GET", "/v1/accounts?q=%ff", nil).Want(t, 400, "invalid_request")
		e.I("GET", "/v1/accounts?status=active%00", nil).Want(t, 400, "invalid_request")
		e.I("GET", "/v1/accounts?cursor=abc", nil).Want(t, 400, "invalid_request") // a cursor whose bytes are not UTF-8
		e.I("GET", "/v1/accounts/"+id, nil, "Acting-Account", "acc_\xff").Want(t, 400, "invalid_request")
		e.I("POST", "/v1/organizations", `{"name": "nul\u0000"}`, "Acting-Account", id).Want(t, 400, "invalid_request")
		e.I("POST", "/v1/organizations", "{\"name\": \"bad \xff\xfe\"}", "Acting-Account", id).Want(t, 400, "invalid_request")
		e.I("POST", "/v1/organizations", map[string]any{"name": "a backslash \\u0000 is text"}, "Acting-Account", id).Want(t, 201)
		e.I("POST", "/v1/accounts", map[string]any{"email": "k@example.com"}, "Idempotency-Key", "k\xff").Want(t, 400, "invalid_request")
	})
}
