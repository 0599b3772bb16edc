package console_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/console"
	"standing/internal/service"
)

// TestConsoleAuditsTheStaffMember: API.md's Auth convention, "every staff
// action (API key or console) is audited as that member": a sanction made
// in the console with a key bound to a member is recorded with the actor
// {kind staff, id stf_..}.
func TestConsoleAuditsTheStaffMember(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	srv := httptest.NewServer(console.New(e.Svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	member := e.A("POST", "/v1/staff", map[string]any{"email": "agent@example.com", "name": "Agent", "role": "agent"}).Want(t, 201).Str("id")
	key, _, err := service.NewKey(context.Background(), e.DB, service.KeySpec{Role: "staff", Name: "agent console", StaffID: member}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if res, err := c.PostForm(srv.URL+"/console/login", url.Values{"key": {key}}); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("sign-in: %v", err)
	}
	id := e.Signup(true, nil)
	res, err := c.PostForm(srv.URL+"/console/accounts/"+id+"/sanction", url.Values{"rule": {"V6"}, "action": {"warning"}, "reason": {"contact details"}})
	if err != nil || res.StatusCode >= 400 {
		t.Fatalf("sanction: %v %v", err, res.Status)
	}
	for _, ev := range e.S("GET", "/v1/accounts/"+id+"/timeline", nil).Want(t, 200).Get("data").([]any) {
		if actor, _ := ev.(map[string]any)["actor"].(map[string]any); actor["id"] == member && actor["kind"] == "staff" {
			return
		}
	}
	t.Fatal("the console's sanction was not audited as the staff member")
}
