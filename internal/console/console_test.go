package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/console"
)

func TestConsoleCaseFlow(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	srv := httptest.NewServer(console.New(e.Svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get := func(path string) (int, string) {
		res, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	post := func(path string, form url.Values) (int, string) {
		res, err := c.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}

	// Signed out, every page leads to the sign-in form; an integration key is not a staff key.
	if _, body := get("/console/"); !strings.Contains(body, "Staff key") {
		t.Fatalf("not redirected to sign in: %s", body)
	}
	if code, _ := post("/console/login", url.Values{"key": {e.Integration}}); code != http.StatusUnauthorized {
		t.Fatalf("integration key signed in: %d", code)
	}
	if code, _ := post("/console/login", url.Values{"key": {e.Staff}}); code != http.StatusOK {
		t.Fatalf("staff sign-in: %d", code)
	}

	id := e.Signup(true, map[string]any{"name": "Queue Person"})
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "please close my account"}).Want(t, 201)
	_, body := get("/console/?kind=closure_assistance")
	if !strings.Contains(body, cs.Str("id")) {
		t.Fatalf("queue does not show the case: %s", body)
	}
	if _, body = get("/console/cases/" + cs.Str("id")); !strings.Contains(body, "please close my account") || !strings.Contains(body, "<option>close</option>") {
		t.Fatalf("case page: %s", body)
	}
	post("/console/cases/"+cs.Str("id")+"/note", url.Values{"assignee": {"ana"}, "note": {"called the member"}})
	if code, body := post("/console/cases/"+cs.Str("id")+"/resolve", url.Values{"outcome": {"close"}, "note": {"confirmed by phone"}}); code != http.StatusOK || !strings.Contains(body, "resolved") {
		t.Fatalf("resolve: %d %s", code, body)
	}
	if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "closed" {
		t.Fatalf("the resolution did not close the account: %s", s)
	}
	if _, body = get("/console/accounts/" + id); !strings.Contains(body, "Queue Person") || !strings.Contains(body, "closure") {
		t.Fatalf("account page: %s", body)
	}
	// A refused action shows the problem, not a crash.
	if code, body := post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V5"}, "action": {"suspension"}, "reason": {"x"}}); code != http.StatusConflict || !strings.Contains(body, "invalid_transition") {
		t.Fatalf("sanction on a closed account: %d %s", code, body)
	}
	if _, body = get("/console/screen?text=" + url.QueryEscape("mail me at ana dot ruiz at gmail dot com")); !strings.Contains(body, "ana.ruiz@gmail.com") || !strings.Contains(body, "<mark") {
		t.Fatalf("screening page: %s", body)
	}
	// Forms from another site are refused.
	req, _ := http.NewRequest("POST", srv.URL+"/console/accounts/"+id+"/sanction", strings.NewReader("rule=V5&action=warning&reason=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site form: %d", res.StatusCode)
	}
}
