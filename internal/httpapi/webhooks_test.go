package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/policy"
	"standing/internal/store"
)

// eventually polls cond until it holds or five seconds passed.
func eventually(cond func() bool) bool {
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// ban makes one account.status_changed and one notice.issued event.
func ban(t *testing.T, e *apitest.Env) {
	t.Helper()
	id := e.Signup(true, nil)
	e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
}

// counter is a receiver answering status to every delivery and counting them.
func counter(status int) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(status)
	}))
	return srv, &n
}

// TestWebhookURLs is API.md's webhooks row: a URL must be https, or http to
// a host the server was told to allow, and must not resolve to a loopback,
// private, link-local or otherwise non-public address: 422 url_not_allowed.
func TestWebhookURLs(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), func(s *policy.Settings) { s.WebhookAllowHosts = []string{"hooks.internal"} })
	ev := []string{"case.opened"}
	for _, u := range []string{
		"http://93.184.216.34/hook",       // plain http to a host not allowed
		"https://127.0.0.1/hook",          // loopback
		"https://localhost:8443/hook",     // a name for loopback
		"https://10.1.2.3/hook",           // private
		"https://192.168.0.10/hook",       // private
		"https://169.254.169.254/latest",  // link-local (cloud metadata)
		"https://100.64.0.1/hook",         // shared address space
		"https://0.0.0.0/hook",            // unspecified
		"https://[::1]/hook",              // IPv6 loopback
		"https://[fd00::1]/hook",          // IPv6 unique local
		"https://[::ffff:127.0.0.1]/hook", // IPv4-mapped loopback
		"https://nowhere.invalid/hook",    // does not resolve
	} {
		e.A("POST", "/v1/webhooks", map[string]any{"url": u, "events": ev}).Want(t, 422, "url_not_allowed")
	}
	e.A("POST", "/v1/webhooks", map[string]any{"url": "https://93.184.216.34/hook", "events": ev}).Want(t, 201)
	e.A("POST", "/v1/webhooks", map[string]any{"url": "http://hooks.internal:9000/in", "events": ev}).Want(t, 201)
	// Not https, nor http to an allowed host: the same 422, even to an
	// allowed host (the allow list opens http, not other schemes).
	e.A("POST", "/v1/webhooks", map[string]any{"url": "ftp://93.184.216.34/", "events": ev}).Want(t, 422, "url_not_allowed")
	e.A("POST", "/v1/webhooks", map[string]any{"url": "ftp://hooks.internal/in", "events": ev}).Want(t, 422, "url_not_allowed")
	// Not a URL at all: a malformed field.
	e.A("POST", "/v1/webhooks", map[string]any{"url": "not a url", "events": ev}).Want(t, 400, "invalid_request")
}

// TestWebhookEndpoints is API.md's webhooks row: GET /v1/webhooks lists the
// endpoints without their secrets; DELETE removes one and drops its pending
// deliveries, and nothing more is sent to it.
func TestWebhookEndpoints(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), apitest.AllowLocalWebhooks)
		recv, hits := counter(http.StatusServiceUnavailable)
		defer recv.Close()
		keep := e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL + "/keep", "events": []string{"case.opened"}}).Want(t, 201)
		gone := e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL + "/gone", "events": []string{"notice.issued"}}).Want(t, 201)
		l := e.A("GET", "/v1/webhooks", nil).Want(t, 200)
		if l.Len("data") != 2 || strings.Contains(string(l.Raw), "whsec_") || l.Str("data.0.url") == "" {
			t.Fatalf("list: %s", l.Raw)
		}
		e.I("GET", "/v1/webhooks", nil).Want(t, 403, "forbidden_role")
		ban(t, e)
		id := gone.Str("id")
		if !eventually(func() bool { return hits.Load() >= 1 }) {
			t.Fatal("no attempt reached the receiver")
		}
		d := e.A("DELETE", "/v1/webhooks/"+id, nil).Want(t, 200)
		if d.Str("status") != "deleted" || d.Str("secret") != "" {
			t.Fatalf("delete: %s", d.Raw)
		}
		e.A("DELETE", "/v1/webhooks/"+id, nil).Want(t, 404, "not_found")
		e.A("DELETE", "/v1/webhooks/whk_nope", nil).Want(t, 404, "not_found")
		if l := e.A("GET", "/v1/webhooks", nil).Want(t, 200); l.Len("data") != 1 || l.Str("data.0.id") != keep.Str("id") {
			t.Fatalf("list after delete: %s", l.Raw)
		}
		if log := e.A("GET", "/v1/webhooks/"+id+"/deliveries", nil).Want(t, 200); log.Len("data") != 0 {
			t.Fatalf("pending deliveries of a deleted endpoint kept: %s", log.Raw)
		}
		before := hits.Load()
		ban(t, e)
		e.Advance("2h")
		time.Sleep(300 * time.Millisecond)
		if hits.Load() != before {
			t.Fatalf("%d attempts reached a deleted endpoint", hits.Load()-before)
		}
	})
}

// TestWebhookDelivery is API.md's webhooks row at delivery time: addresses
// are checked again when connecting (a name that now points inside is
// refused), redirects are not followed, the delivery log keeps generic
// errors, and the signature's t is the real time of sending.
func TestWebhookDelivery(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		e := apitest.Start(t, db, apitest.AllowLocalWebhooks)
		ev := []string{"notice.issued"}
		logOf := func(id string) apitest.Resp {
			var r apitest.Resp
			eventually(func() bool {
				r = e.A("GET", "/v1/webhooks/"+id+"/deliveries", nil).Want(t, 200)
				return r.Num("data.0.attempts") >= 1
			})
			return r
		}

		// An endpoint whose name now resolves to loopback: refused at connect.
		inside, insideHits := counter(http.StatusOK)
		defer inside.Close()
		h := e.A("POST", "/v1/webhooks", map[string]any{"url": inside.URL, "events": ev}).Want(t, 201).Str("id")
		port := inside.URL[strings.LastIndex(inside.URL, ":")+1:]
		if err := db.Exec(context.Background(), `UPDATE webhook_endpoints SET url = 'https://localhost:`+port+`' WHERE id = '`+h+`'`); err != nil {
			t.Fatal(err)
		}
		// A receiver that redirects to another one.
		target, targetHits := counter(http.StatusOK)
		defer target.Close()
		redirect := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusFound))
		defer redirect.Close()
		r := e.A("POST", "/v1/webhooks", map[string]any{"url": redirect.URL, "events": ev}).Want(t, 201).Str("id")
		// A receiver that is down.
		down := httptest.NewServer(http.NotFoundHandler())
		downURL := down.URL
		down.Close()
		dn := e.A("POST", "/v1/webhooks", map[string]any{"url": downURL, "events": ev}).Want(t, 201).Str("id")
		// A receiver that checks t against its own clock.
		var mu sync.Mutex
		var sentAt []int64
		clock := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var ts int64
			fmt.Sscanf(r.Header.Get("Standing-Signature"), "t=%d,", &ts)
			mu.Lock()
			sentAt = append(sentAt, ts)
			mu.Unlock()
		}))
		defer clock.Close()
		e.A("POST", "/v1/webhooks", map[string]any{"url": clock.URL, "events": ev}).Want(t, 201)

		e.Advance("720h") // the service clock is a month ahead of the real one
		ban(t, e)

		if got := logOf(h); got.Str("data.0.last_error") != "address not allowed" || got.Get("data.0.delivered_at") != nil || insideHits.Load() != 0 {
			t.Fatalf("a non-public address at connect time: %s (receiver hit %d times)", got.Raw, insideHits.Load())
		}
		if got := logOf(r); got.Num("data.0.last_status") != 302 || got.Get("data.0.delivered_at") != nil || targetHits.Load() != 0 {
			t.Fatalf("a redirect: %s (target hit %d times)", got.Raw, targetHits.Load())
		}
		if got := logOf(dn); got.Str("data.0.last_error") != "connection failed" {
			t.Fatalf("a receiver that is down: %s", got.Raw)
		}
		if !eventually(func() bool { mu.Lock(); defer mu.Unlock(); return len(sentAt) > 0 }) {
			t.Fatal("nothing delivered")
		}
		mu.Lock()
		defer mu.Unlock()
		if skew := time.Since(time.Unix(sentAt[0], 0)); skew < -time.Minute || skew > time.Minute {
			t.Fatalf("signature t=%d is %v away from the real time (the test clock leaked into it)", sentAt[0], skew)
		}
	})
}

// TestWebhookCircuitBreaker: an endpoint that keeps failing stops being
// tried for a while, however many deliveries fall due for it.
func TestWebhookCircuitBreaker(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), apitest.AllowLocalWebhooks)
	recv, hits := counter(http.StatusInternalServerError)
	defer recv.Close()
	e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL, "events": []string{"account.status_changed", "notice.issued"}}).Want(t, 201)
	for range 5 {
		ban(t, e) // ten deliveries
	}
	if !eventually(func() bool { return hits.Load() >= 5 }) {
		t.Fatalf("only %d attempts", hits.Load())
	}
	for range 3 {
		e.Advance("2h") // every retry falls due
		time.Sleep(200 * time.Millisecond)
	}
	if n := hits.Load(); n > 5+3 { // at most the attempts already in flight when it opened
		t.Fatalf("%d attempts at an endpoint whose circuit should be open after 5 failures", n)
	}
}

// TestWebhookURLPasswordMasked: an endpoint whose URL carries a user and
// password still receives them (HTTP basic authentication), but lists and
// the answer to its deletion mask the password, as they leave out the
// signing secret: those answers end up in logs and on screens.
func TestWebhookURLPasswordMasked(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), apitest.AllowLocalWebhooks)
	got := make(chan string, 8)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, _ := r.BasicAuth()
		got <- user + ":" + pass
	}))
	defer recv.Close()
	u := strings.Replace(recv.URL, "http://", "http://hooks:s3cret-pw@", 1) + "/in"
	id := e.A("POST", "/v1/webhooks", map[string]any{"url": u, "events": []string{"account.status_changed"}}).Want(t, 201).Str("id")
	list := e.A("GET", "/v1/webhooks", nil).Want(t, 200)
	if strings.Contains(string(list.Raw), "s3cret-pw") || !strings.Contains(list.Str("data.0.url"), "hooks:xxxxx@") {
		t.Fatalf("the list shows the URL's password: %s", list.Raw)
	}
	a := e.Signup(true, nil)
	e.S("POST", "/v1/accounts/"+a+"/sanctions", map[string]any{"rule": "V5", "action": "suspension", "reason": "off-platform payment"}).Want(t, 201)
	select {
	case auth := <-got:
		if auth != "hooks:s3cret-pw" {
			t.Fatalf("the receiver got basic auth %q", auth)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no delivery")
	}
	if del := e.A("DELETE", "/v1/webhooks/"+id, nil).Want(t, 200); strings.Contains(string(del.Raw), "s3cret-pw") {
		t.Fatalf("the deletion shows the URL's password: %s", del.Raw)
	}
}
