package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/service"
)

// member adds a named staff member of a role with a console password.
func member(t *testing.T, e *apitest.Env, role, password string) string {
	t.Helper()
	id := e.A("POST", "/v1/staff", map[string]any{"email": role + "@example.com", "name": "Named " + role, "role": role}).Want(t, 201).Str("id")
	e.A("PUT", "/v1/staff/"+id+"/password", map[string]any{"password": password}).Want(t, 200)
	return id
}

// signInAs signs in with an email and password and reads the queue.
func (b *browser) signInAs(email, password string) {
	b.t.Helper()
	if r := b.post("/console/login", url.Values{"email": {email}, "password": {password}}); r.Code != http.StatusSeeOther || r.Location != "/console/" {
		b.t.Fatalf("sign-in of %s: %d %s", email, r.Code, r.Body)
	}
	if r := b.get("/console/"); r.Code != http.StatusOK {
		b.t.Fatalf("queue after sign-in: %d", r.Code)
	}
}

// auditedAs tells whether the account's timeline holds an event by the
// actor {kind, id}.
func auditedAs(t *testing.T, e *apitest.Env, account, kind, id string) bool {
	t.Helper()
	for _, ev := range e.S("GET", "/v1/accounts/"+account+"/timeline", nil).Want(t, 200).Get("data").([]any) {
		if a, _ := ev.(map[string]any)["actor"].(map[string]any); a["id"] == id && a["kind"] == kind {
			return true
		}
	}
	return false
}

// TestPasswordSessionActsAsTheMember (issue 14, "Named staff and real
// sessions"; API.md Auth, "every staff action (API key or console) is
// audited as that member"): a lead signs in with email and password, bans
// an account, and the audit names the lead {kind staff, id stf_..}; a wrong
// password is refused; disabling the member (DELETE /v1/staff/{id}) ends the
// session at once, and the disabled member cannot sign in again.
func TestPasswordSessionActsAsTheMember(t *testing.T) {
	e, srv := start(t)
	lead := member(t, e, "lead", "a lead's long password")
	b := newBrowser(t, srv)
	if page := b.get("/console/login").Body; !strings.Contains(page, `name="password"`) || !strings.Contains(page, `name="key"`) ||
		strings.Contains(page, "no value") {
		t.Fatalf("the sign-in page offers no email and password, or no key: %s", page)
	}
	if r := b.post("/console/login", url.Values{"email": {"lead@example.com"}, "password": {"not the password"}}); r.Code != http.StatusUnauthorized ||
		!strings.Contains(r.Body, "do not match") || b.cookie() != "" {
		t.Fatalf("a wrong password: %d %s", r.Code, r.Body)
	}
	b.signInAs("LEAD@example.com", "a lead's long password")
	if page := b.get("/console/").Body; !strings.Contains(page, "Named lead (lead)") {
		t.Fatalf("the console does not name the member signed in: %s", page)
	}
	id := e.Signup(true, nil)
	b.get("/console/accounts/" + id)
	if r := b.post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V4"}, "action": {"ban"}, "reason": {"a falsified profile"}}); r.Code >= 400 {
		t.Fatalf("the lead's ban: %d %s", r.Code, r.Body)
	}
	if !auditedAs(t, e, id, "staff", lead) {
		t.Fatal("the ban is not audited as the lead")
	}
	if st := e.S("GET", "/v1/accounts/"+id, nil).Want(t, 200).Str("status"); st != "banned" {
		t.Fatalf("status after the lead's ban: %s", st)
	}
	e.A("DELETE", "/v1/staff/"+lead, nil).Want(t, 200)
	if r := b.get("/console/"); r.Code != http.StatusSeeOther || r.Location != "/console/login" {
		t.Fatalf("a disabled member's session still works: %d", r.Code)
	}
	if r := newBrowser(t, srv).post("/console/login", url.Values{"email": {"lead@example.com"}, "password": {"a lead's long password"}}); r.Code != http.StatusUnauthorized {
		t.Fatalf("a disabled member signed in: %d", r.Code)
	}
}

// TestAnAgentIsRefusedABan (issue 14 roles over POLICY.md section 9): an
// agent's console session, opened with a password or with a key bound to
// the agent, is refused a ban with a 403 page that says who may, and the
// account is unchanged; the account page offers the agent no sanction and
// no fraud hold; the agent still works cases (an outcome, a note).
func TestAnAgentIsRefusedABan(t *testing.T) {
	e, srv := start(t)
	agent := member(t, e, "agent", "an agent's long password")
	key, _, err := service.NewKey(context.Background(), e.DB, service.KeySpec{Role: "staff", Name: "agent's key", StaffID: agent}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	id := e.Signup(true, nil)
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it"}).Want(t, 201).Str("id")
	byPassword, byKey := newBrowser(t, srv), newBrowser(t, srv)
	byPassword.signInAs("agent@example.com", "an agent's long password")
	byKey.signIn(key)
	for _, b := range []*browser{byPassword, byKey} {
		if page := b.get("/console/accounts/" + id).Body; strings.Contains(page, `action="/console/accounts/`+id+`/sanction"`) ||
			strings.Contains(page, `value="place"`) || !strings.Contains(page, "Sanctions and bans are for leads and admins") {
			t.Fatal("the account page offers an agent a sanction or a fraud hold")
		}
		r := b.post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V4"}, "action": {"ban"}, "reason": {"a falsified profile"}})
		if r.Code != http.StatusForbidden || !strings.Contains(r.Body, "role agent may not") || !strings.Contains(r.Body, "lead or admin") {
			t.Fatalf("an agent's ban: %d %s", r.Code, r.Body)
		}
		if page := b.get("/console/cases/" + cs).Body; !strings.Contains(page, "<option>close</option>") {
			t.Fatalf("the case page does not offer an agent the outcome close: %s", page)
		}
		vr := e.S("POST", "/v1/cases", map[string]any{"kind": "violation_review", "account_id": id, "channel": "web", "body": "fake reviews"}).Want(t, 201).Str("id")
		if page := b.get("/console/cases/" + vr).Body; !strings.Contains(page, "<option>reinstate</option>") || strings.Contains(page, "<option>ban</option>") ||
			strings.Contains(page, "<option>uphold</option>") {
			t.Fatal("a violation review offers an agent a ban or an uphold, or no reinstatement")
		}
		b.get("/console/cases/" + cs)
		b.follow("/console/cases/"+cs+"/note", url.Values{"note": {"checked the blockers"}})
	}
	if st := e.S("GET", "/v1/accounts/"+id, nil).Want(t, 200).Str("status"); st != "active" {
		t.Fatalf("status after the agent's refused ban: %s", st)
	}
	notes := e.S("GET", "/v1/cases/"+cs, nil).Want(t, 200)
	if notes.Len("notes") != 2 || notes.Str("notes.0.actor.id") != agent || notes.Str("notes.1.actor.id") != agent {
		t.Fatalf("the agent's notes: %s", notes.Raw)
	}
}
