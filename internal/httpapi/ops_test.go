package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"standing/internal/apitest"
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
