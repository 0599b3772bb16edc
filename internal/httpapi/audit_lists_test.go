package httpapi_test

import (
	"net/http"
	"strconv"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestWebhookDeliveriesAreAList: API.md Conventions, Lists: every list
// endpoint takes ?limit= (1 to 200, default 50) and ?cursor= and answers
// the envelope; GET /v1/webhooks/{id}/deliveries is one of them.
func TestWebhookDeliveriesAreAList(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), apitest.AllowLocalWebhooks)
		recv, _ := counter(http.StatusOK)
		defer recv.Close()
		id := e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL, "events": []string{"account.status_changed", "notice.issued"}}).
			Want(t, 201).Str("id")
		ban(t, e)
		ban(t, e) // four deliveries
		checkPages(t, func(p string) apitest.Resp { return e.A("GET", p, nil) }, "/v1/webhooks/"+id+"/deliveries", "id", 4, 3)
	})
}

// TestLinksAreAList: GET /v1/accounts/{id}/links answers the list envelope
// and, like every list endpoint (API.md Conventions, Lists), takes ?limit=
// (1 to 200) and ?cursor=: the links come strongest first, a page at a time.
func TestLinksAreAList(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		a := e.Signup(true, nil)
		for i := 0; i < 3; i++ {
			// Shared IP prefixes and device ids: medium and weak links, no sanction.
			b := e.Signup(true, nil)
			for _, acc := range []string{a, b} {
				e.I("POST", "/v1/accounts/"+acc+"/signals", map[string]any{"kind": "device_id", "value": "dev-links-" + string(rune('a'+i))}).Want(t, 200)
			}
		}
		checkPages(t, func(p string) apitest.Resp { return e.S("GET", p, nil) }, "/v1/accounts/"+a+"/links", "account_id", 3, 2)
		e.S("GET", "/v1/accounts/"+a+"/links?cursor=eA", nil).Want(t, 400, "invalid_request") // a cursor this list never gave
	})
}

// checkPages reads the list at path whole, then a page of size at a time
// through its cursor, and fails unless the pages hold the same items (by
// key) in the same order, every page but the last full and only the last
// without a next cursor; a limit out of 1 to 200, or not a number, and a
// cursor that is not one are 400 invalid_request (API.md Conventions, Lists).
func checkPages(t *testing.T, get func(path string) apitest.Resp, path, key string, want, size int) {
	t.Helper()
	all := get(path).Want(t, 200)
	if all.Len("data") != want || all.Get("next_cursor") != nil {
		t.Fatalf("want %d items in one page: %s", want, all.Raw)
	}
	var got []string
	for cursor := ""; ; {
		p := get(path+"?limit="+strconv.Itoa(size)+"&cursor="+cursor).Want(t, 200)
		for i := range p.Len("data") {
			got = append(got, p.Str("data."+strconv.Itoa(i)+"."+key))
		}
		if p.Get("next_cursor") == nil {
			break
		}
		if cursor = p.Str("next_cursor"); p.Len("data") != size || cursor == "" || len(got) > want {
			t.Fatalf("a page before the last: %s", p.Raw)
		}
	}
	for i := range want {
		if i >= len(got) || got[i] != all.Str("data."+strconv.Itoa(i)+"."+key) {
			t.Fatalf("pages of %d gave %v, the whole list %s", size, got, all.Raw)
		}
	}
	if len(got) != want {
		t.Fatalf("pages of %d gave %d items, want %d", size, len(got), want)
	}
	for _, q := range []string{"?limit=0", "?limit=201", "?limit=x", "?cursor=!!"} {
		get(path+q).Want(t, 400, "invalid_request")
	}
}
