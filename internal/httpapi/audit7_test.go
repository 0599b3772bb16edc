package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/service"
	"standing/internal/store"
)

// TestAudit7UnknownFieldIsExact: API.md Conventions, Errors: a request with
// an unknown field is 400 invalid_request. JSON names are case-sensitive,
// so "Email" or "EMAIL" is not the field "email" (Go's decoder would take
// it for one), also in a nested object.
func TestAudit7UnknownFieldIsExact(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		r := e.I("POST", "/v1/accounts", `{"Email":"case@example.com","name":"Case","country":"US","freelancer":true,"client":false}`).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "Email" || r.Str("errors.0.code") != "unknown_field" {
			t.Fatalf("want an unknown_field error for Email: %s", r.Raw)
		}
		r = e.I("POST", "/v1/accounts", `{"email":"case2@example.com","name":"Case","country":"US","freelancer":true,"client":false,"signals":{"device_traits":{"Timezone":"UTC"}}}`).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "signals.device_traits.Timezone" || r.Str("errors.0.code") != "unknown_field" {
			t.Fatalf("want an unknown_field error for signals.device_traits.Timezone: %s", r.Raw)
		}
		acc := e.Signup(true, nil)
		r = e.I("POST", "/v1/accounts/"+acc+"/verification", map[string]any{
			"legal_name": "Member", "date_of_birth": "1980-01-01", "phone": "+14155550190",
			"address":     map[string]any{"line1": "1 Main St", "city": "Springfield", "postal_code": "12345", "Country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "CASE123456"},
		}).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "address.Country" {
			t.Fatalf("want an error for address.Country: %s", r.Raw)
		}
		// The exact names still work.
		e.I("POST", "/v1/accounts", `{"email":"case3@example.com","name":"Case","country":"US","freelancer":true,"client":false,"signals":{"device_traits":{"timezone":"UTC"}}}`).Want(t, 201)
	})
}

// TestAudit7BearerSchemeIsCaseInsensitive: API.md Conventions, Auth
// (Authorization: Bearer <key>). The scheme of an Authorization header is a
// case-insensitive token (RFC 9110 section 11.1): "bearer <key>" is the same
// credential, and a client that sends it is not refused with 401.
func TestAudit7BearerSchemeIsCaseInsensitive(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	for _, scheme := range []string{"bearer", "BEARER", "Bearer"} {
		e.Call("GET", "/v1/policies", "", nil, "Authorization", scheme+" "+e.Integration).Want(t, 200)
	}
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "Basic "+e.Integration).Want(t, 401, "unauthorized")
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "Bearer").Want(t, 401, "unauthorized")
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "bearer not-a-key").Want(t, 401, "unauthorized")
}

// TestAudit7CursorOfAnotherList: API.md Conventions, Lists. A cursor is the
// place in the list that gave it out; one from another list (a page of
// accounts given to the case queue, of keys to the staff list) is not a
// place in this list: 400 invalid_request on field cursor, not a silently
// empty or wrong page.
func TestAudit7CursorOfAnotherList(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	a := e.Signup(true, nil)
	e.Signup(true, nil)
	e.A("POST", "/v1/staff", map[string]any{"email": "c1@example.com", "name": "C1", "role": "agent"}).Want(t, 201)
	e.A("POST", "/v1/staff", map[string]any{"email": "c2@example.com", "name": "C2", "role": "agent"}).Want(t, 201)
	accCursor := e.I("GET", "/v1/accounts?limit=1", nil).Want(t, 200).Str("next_cursor")
	keyCursor := e.A("GET", "/v1/keys?limit=1", nil).Want(t, 200).Str("next_cursor")
	stfCursor := e.A("GET", "/v1/staff?limit=1", nil).Want(t, 200).Str("next_cursor")
	if accCursor == "" || keyCursor == "" || stfCursor == "" {
		t.Fatal("want a next_cursor on each first page")
	}
	// Each cursor still works on its own list.
	e.I("GET", "/v1/accounts?limit=1&cursor="+accCursor, nil).Want(t, 200)
	e.A("GET", "/v1/keys?limit=1&cursor="+keyCursor, nil).Want(t, 200)
	e.A("GET", "/v1/staff?limit=1&cursor="+stfCursor, nil).Want(t, 200)
	for _, c := range []struct{ key, path string }{
		{e.Staff, "/v1/cases?cursor=" + accCursor},
		{e.Integration, "/v1/accounts/" + a + "/notices?cursor=" + accCursor},
		{e.Admin, "/v1/staff?cursor=" + keyCursor},
		{e.Admin, "/v1/keys?cursor=" + stfCursor},
		{e.Integration, "/v1/accounts?cursor=" + keyCursor},
		{e.Staff, "/v1/messages?status=held&cursor=" + accCursor},
		{e.Admin, "/v1/webhooks?cursor=" + accCursor},
	} {
		r := e.Call("GET", c.path, c.key, nil).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "cursor" {
			t.Fatalf("%s: want an error on cursor: %s", c.path, r.Raw)
		}
	}
}

// TestAudit7SimulationSettingNamesAreExact: API.md Conventions, Errors (an
// unknown field is 400 invalid_request) for the settings of a what-if run
// (POST /v1/policies/simulations): "Minimum_Age" is no setting, and was
// replayed as minimum_age, so staff saw a run under settings they did not
// name.
func TestAudit7SimulationSettingNamesAreExact(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	r := e.S("POST", "/v1/policies/simulations", map[string]any{"settings": map[string]any{"Minimum_Age": 21}}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "settings.Minimum_Age" {
		t.Fatalf("want an error on settings.Minimum_Age: %s", r.Raw)
	}
	if r := e.S("POST", "/v1/policies/simulations", map[string]any{"settings": map[string]any{"minimum_age": 21}}).Want(t, 201); r.Num("settings.minimum_age") != 21 {
		t.Fatalf("the exact name is the setting: %s", r.Raw)
	}
}

// TestAudit7IfMatchAny: API.md Conventions, Optimistic concurrency. If-Match
// carries a version; "If-Match: *" (RFC 9110 13.1.1: any current version)
// is a client saying it does not care, not a malformed request; a stale
// version is still 412 version_conflict.
func TestAudit7IfMatchAny(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	a := e.Signup(true, nil)
	r := e.I("PUT", "/v1/accounts/"+a+"/plan", map[string]any{"plan": "plus"}, "If-Match", "*").Want(t, 200)
	if r.Str("plan") != "plus" {
		t.Fatalf("plan: %s", r.Raw)
	}
	e.I("PUT", "/v1/accounts/"+a+"/plan", map[string]any{"plan": "basic"}, "If-Match", "1").Want(t, 412, "version_conflict")
	e.I("PUT", "/v1/accounts/"+a+"/plan", map[string]any{"plan": "basic"}, "If-Match", "soon").Want(t, 400, "invalid_request")
}

// TestAudit7SignupRestrictionsAreAudited: POLICY.md section 2 (every change
// of status or restriction is one audit event with actor, rule and reason)
// and I1: a freelancer signs up carrying the I1 restrictions, and the
// timeline showed only their lifting at verification, never their placing.
func TestAudit7SignupRestrictionsAreAudited(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	a := e.Signup(true, nil)
	added := map[string]map[string]any{}
	for _, ev := range e.S("GET", "/v1/accounts/"+a+"/timeline", nil).Want(t, 200).Get("data").([]any) {
		m := ev.(map[string]any)
		if m["action"] == "restriction_added" && m["rule"] == "I1" {
			added[m["ref"].(string)] = m
		}
	}
	for _, c := range []string{"submit_proposal", "withdraw_funds"} {
		ev := added[c]
		if ev == nil || ev["reason"] == "" || ev["actor"] == nil {
			t.Fatalf("no audit event with actor and reason for the I1 restriction of %s: %v", c, added)
		}
	}
	// A client-only sign-up carries no restriction, and has no such event.
	c := e.Signup(false, nil)
	for _, ev := range e.S("GET", "/v1/accounts/"+c+"/timeline", nil).Want(t, 200).Get("data").([]any) {
		if ev.(map[string]any)["action"] == "restriction_added" {
			t.Fatalf("a client sign-up audited a restriction: %v", ev)
		}
	}
}

// TestAudit7DateOfBirthInTheFuture: POLICY.md I3 and API.md Conventions,
// Errors. A date of birth after today is no date of birth (a vendor's or a
// typist's error, 2999 for 1999): it is 400 invalid_request on
// date_of_birth, at sign-up and at verification, where it used to read as
// "under 18" and ban the member for good under I3.
func TestAudit7DateOfBirthInTheFuture(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	future := e.Svc.Now().AddDate(0, 0, 2).Format("2006-01-02")
	r := e.I("POST", "/v1/accounts", map[string]any{"email": "future@example.com", "name": "Fu Ture", "country": "US",
		"freelancer": true, "client": false, "date_of_birth": future}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "date_of_birth" {
		t.Fatalf("want an error on date_of_birth: %s", r.Raw)
	}
	a := e.Signup(true, nil)
	r = e.I("POST", "/v1/accounts/"+a+"/verification", map[string]any{
		"legal_name": "Member Number", "date_of_birth": "2999-01-01", "phone": "+14155550191",
		"address":     map[string]any{"line1": "9 Future St", "city": "Springfield", "postal_code": "12345", "country": "US"},
		"id_document": map[string]any{"type": "passport", "country": "US", "number": "FUT123456"},
	}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "date_of_birth" {
		t.Fatalf("want an error on date_of_birth: %s", r.Raw)
	}
	if st := e.I("GET", "/v1/accounts/"+a, nil).Want(t, 200).Str("status"); st != "active" {
		t.Fatalf("a date of birth in the future changed the account: %s", st)
	}
	// Born today is a real (under-age) date: I3 still bans.
	today := e.Svc.Now().Format("2006-01-02")
	r = e.I("POST", "/v1/accounts/"+a+"/verification", map[string]any{
		"legal_name": "Member Number", "date_of_birth": today, "phone": "+14155550192",
		"address":     map[string]any{"line1": "9 Future St", "city": "Springfield", "postal_code": "12345", "country": "US"},
		"id_document": map[string]any{"type": "passport", "country": "US", "number": "FUT123457"},
	}).Want(t, 200)
	if r.Str("account.status") != "banned" || r.Str("decision.rule") != "I3" {
		t.Fatalf("I3: %s", r.Raw)
	}
}

// TestAudit7BlankNames: API.md Conventions, Errors (a missing required
// field is 400). A name of only spaces is no name: sign-up refused "" but
// took "   ", and verification likewise took a blank legal_name.
func TestAudit7BlankNames(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	r := e.I("POST", "/v1/accounts", map[string]any{"email": "blank@example.com", "name": "   ", "country": "US",
		"freelancer": true, "client": false}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "name" {
		t.Fatalf("want an error on name: %s", r.Raw)
	}
	a := e.Signup(true, nil)
	r = e.I("POST", "/v1/accounts/"+a+"/verification", map[string]any{
		"legal_name": " \t ", "date_of_birth": "1980-01-01", "phone": "+14155550193",
		"address":     map[string]any{"line1": "9 Blank St", "city": "Springfield", "postal_code": "12345", "country": "US"},
		"id_document": map[string]any{"type": "passport", "country": "US", "number": "BLK123456"},
	}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "legal_name" {
		t.Fatalf("want an error on legal_name: %s", r.Raw)
	}
}

// TestAudit7StaffActionsNeedAReason: POLICY.md section 2 (every change of
// status or restriction is audited with its reason) and E2 (the notice says
// in plain language what was decided and why). A sanction or a fraud hold
// whose required reason is only white space banned a member with a notice
// whose facts were " ": now 400 invalid_request on reason, and nothing
// changes.
func TestAudit7StaffActionsNeedAReason(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	a := e.Signup(true, nil)
	r := e.S("POST", "/v1/accounts/"+a+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "  \n"}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "reason" {
		t.Fatalf("want an error on reason: %s", r.Raw)
	}
	r = e.S("POST", "/v1/accounts/"+a+"/fraud-hold", map[string]any{"reason": " "}).Want(t, 400, "invalid_request")
	if r.Str("errors.0.field") != "reason" {
		t.Fatalf("want an error on reason: %s", r.Raw)
	}
	acc := e.I("GET", "/v1/accounts/"+a, nil).Want(t, 200)
	if acc.Str("status") != "active" || acc.Get("fraud_hold") != false {
		t.Fatalf("a refused staff action changed the account: %s", acc.Raw)
	}
	e.S("POST", "/v1/accounts/"+a+"/sanctions", map[string]any{"rule": "V4", "action": "warning", "reason": "a falsified portfolio"}).Want(t, 201)
	e.S("POST", "/v1/accounts/"+a+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
}

// TestAudit7KeyOfADisabledMemberIsRefused: API.md Conventions, Auth and
// Operations (DELETE /v1/staff/{id} disables the member and revokes their
// keys). A key bound to a member who is disabled is refused with 401 even
// if it escaped revocation (a key created by the command line while the
// member was being disabled on another replica): the member's state, not
// only the key's, decides.
func TestAudit7KeyOfADisabledMemberIsRefused(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		id, key := memberKey(t, e, "lead")
		e.Call("GET", "/v1/cases", key, nil).Want(t, 200)
		// Disable the member the way a racing replica could leave it:
		// disabled, its key not (yet) revoked.
		if err := e.DB.Update(context.Background(), func(tx *store.Tx) error {
			_, err := tx.DisableStaff(context.Background(), id, time.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		e.Call("GET", "/v1/cases", key, nil).Want(t, 401, "unauthorized")
		e.S("GET", "/v1/cases", nil).Want(t, 200) // a key of no member is unaffected
	})
}

// TestAudit7SimulationRunIsAudited: API.md Operations ("every staff action,
// API key or console, is audited as that member") for
// POST /v1/policies/simulations: a what-if run is stored, and who ran it
// under which settings was recorded nowhere.
func TestAudit7SimulationRunIsAudited(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	lead, key := memberKey(t, e, "lead")
	id := e.Call("POST", "/v1/policies/simulations", key, map[string]any{"settings": map[string]any{"minimum_age": 21}}).Want(t, 201).Str("id")
	ctx := context.Background()
	var evs []service.Event
	if err := e.DB.Read(ctx, func(tx *store.Tx) error {
		raw, _, err := tx.AuditEvents(ctx, id, 0, 10)
		for _, r := range raw {
			var ev service.Event
			if err := json.Unmarshal(r, &ev); err != nil {
				return err
			}
			evs = append(evs, ev)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Action != "simulation_run" || evs[0].Actor.ID != lead || evs[0].Actor.Kind != "staff" ||
		!strings.Contains(evs[0].Reason, "minimum_age") {
		t.Fatalf("the run's audit: %+v", evs)
	}
}
