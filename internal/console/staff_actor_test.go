package console_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"standing/internal/service"
)

// TestConsoleAuditsTheStaffMember: API.md's Auth convention, "every staff
// action (API key or console) is audited as that member": a sanction made
// in a console session opened with a key bound to a member (a lead, whose
// role may sanction) is recorded with the actor {kind staff, id stf_..};
// revoking the key ends the session.
func TestConsoleAuditsTheStaffMember(t *testing.T) {
	e, srv := start(t)
	member := e.A("POST", "/v1/staff", map[string]any{"email": "lead@example.com", "name": "Lead", "role": "lead"}).Want(t, 201).Str("id")
	key, view, err := service.NewKey(context.Background(), e.DB, service.KeySpec{Role: "staff", Name: "agent console", StaffID: member}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, srv)
	b.signIn(key)
	id := e.Signup(true, nil)
	b.get("/console/accounts/" + id)
	if r := b.post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V6"}, "action": {"warning"}, "reason": {"contact details"}}); r.Code >= 400 {
		t.Fatalf("sanction: %d %s", r.Code, r.Body)
	}
	audited := false
	for _, ev := range e.S("GET", "/v1/accounts/"+id+"/timeline", nil).Want(t, 200).Get("data").([]any) {
		if actor, _ := ev.(map[string]any)["actor"].(map[string]any); actor["id"] == member && actor["kind"] == "staff" {
			audited = true
		}
	}
	if !audited {
		t.Fatal("the console's sanction was not audited as the staff member")
	}
	e.A("DELETE", "/v1/keys/"+view.ID, nil).Want(t, 200)
	if r := b.get("/console/"); r.Code != http.StatusSeeOther {
		t.Fatalf("a revoked key's console session still works: %d", r.Code)
	}
}
