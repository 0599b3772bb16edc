package httpapi_test

import (
	"net/http"
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
		path := "/v1/webhooks/" + id + "/deliveries"
		all := e.A("GET", path, nil).Want(t, 200)
		if all.Len("data") != 4 || all.Get("next_cursor") != nil {
			t.Fatalf("the whole log in one page: %s", all.Raw)
		}
		first := e.A("GET", path+"?limit=3", nil).Want(t, 200)
		if first.Len("data") != 3 || first.Str("next_cursor") == "" {
			t.Fatalf("a first page of 3: %s", first.Raw)
		}
		rest := e.A("GET", path+"?limit=3&cursor="+first.Str("next_cursor"), nil).Want(t, 200)
		if rest.Len("data") != 1 || rest.Get("next_cursor") != nil || rest.Str("data.0.id") != all.Str("data.3.id") {
			t.Fatalf("the last page: %s (whole log %s)", rest.Raw, all.Raw)
		}
		for _, q := range []string{"?limit=0", "?limit=201", "?limit=x", "?cursor=!!"} {
			e.A("GET", path+q, nil).Want(t, 400, "invalid_request")
		}
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
		path := "/v1/accounts/" + a + "/links"
		all := e.S("GET", path, nil).Want(t, 200)
		if all.Len("data") != 3 || all.Get("next_cursor") != nil {
			t.Fatalf("three links in one page: %s", all.Raw)
		}
		first := e.S("GET", path+"?limit=2", nil).Want(t, 200)
		if first.Len("data") != 2 || first.Str("next_cursor") == "" || first.Str("data.0.account_id") != all.Str("data.0.account_id") {
			t.Fatalf("a first page of 2: %s", first.Raw)
		}
		rest := e.S("GET", path+"?limit=2&cursor="+first.Str("next_cursor"), nil).Want(t, 200)
		if rest.Len("data") != 1 || rest.Get("next_cursor") != nil || rest.Str("data.0.account_id") != all.Str("data.2.account_id") {
			t.Fatalf("the last page: %s (all %s)", rest.Raw, all.Raw)
		}
		for _, q := range []string{"?limit=0", "?limit=201", "?cursor=!!", "?cursor=eA"} {
			e.S("GET", path+q, nil).Want(t, 400, "invalid_request")
		}
	})
}
