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

// memberKey adds a staff member of a role and a staff key bound to them.
func memberKey(t *testing.T, e *apitest.Env, role string) (id, key string) {
	t.Helper()
	id = e.A("POST", "/v1/staff", map[string]any{"email": role + "@example.com", "name": "A " + role, "role": role}).Want(t, 201).Str("id")
	key, _, err := service.NewKey(context.Background(), e.DB, service.KeySpec{Role: "staff", Name: role + " key", StaffID: id}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id, key
}

// TestStaffRolesOfPolicySection9: API.md's Auth convention with the roles
// of issue 14 and POLICY.md section 9. Through a staff key bound to an
// agent, a ban (the sanctions endpoint, or a violation review resolved with
// ban) is 403 forbidden_role while working the case is not; a lead's key
// bans, audited as the lead; a staff key of no member still acts as a lead.
func TestStaffRolesOfPolicySection9(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		_, agent := memberKey(t, e, "agent")
		lead, leadKey := memberKey(t, e, "lead")
		acc := e.Signup(true, nil)
		ban := map[string]any{"rule": "V4", "action": "ban", "reason": "a falsified profile"}
		r := e.Call("POST", "/v1/accounts/"+acc+"/sanctions", agent, ban).Want(t, 403, "forbidden_role")
		if d := r.Str("detail"); !strings.Contains(d, "agent") || !strings.Contains(d, "lead") {
			t.Fatalf("the refusal does not say who may: %q", d)
		}
		cs := e.Call("POST", "/v1/cases", agent, map[string]any{"kind": "violation_review", "account_id": acc, "channel": "web",
			"body": "falsified profile"}).Want(t, 201).Str("id")
		e.Call("PATCH", "/v1/cases/"+cs, agent, map[string]any{"note": "looked at the profile"}).Want(t, 200)
		e.Call("POST", "/v1/cases/"+cs+"/resolution", agent, map[string]any{"outcome": "ban", "reason": "falsified profile", "rule": "V4"}).
			Want(t, 403, "forbidden_role")
		e.Call("POST", "/v1/cases/"+cs+"/resolution", leadKey, map[string]any{"outcome": "ban", "reason": "falsified profile", "rule": "V4"}).
			Want(t, 200)
		audited := false
		for _, ev := range e.S("GET", "/v1/accounts/"+acc+"/timeline", nil).Want(t, 200).Get("data").([]any) {
			if a, _ := ev.(map[string]any)["actor"].(map[string]any); a["id"] == lead && a["kind"] == "staff" {
				audited = true
			}
		}
		if !audited {
			t.Fatal("the lead's ban is not audited as the lead")
		}
		// A staff key of no member keeps acting as a lead (README).
		other := e.Signup(true, nil)
		e.S("POST", "/v1/accounts/"+other+"/sanctions", ban).Want(t, 201)
	})
}

// TestStaffPasswordEndpoint: PUT /v1/staff/{id}/password (an addition to
// API.md, README "Staff sign-in") is for admin keys, takes 12 characters at
// least, answers the member and never shows the hash; a disabled member's
// password is not set (409), an unknown member is 404.
func TestStaffPasswordEndpoint(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	id, agent := memberKey(t, e, "agent")
	path := "/v1/staff/" + id + "/password"
	e.S("PUT", path, map[string]any{"password": "long enough password"}).Want(t, 403, "forbidden_role")
	e.Call("PUT", path, agent, map[string]any{"password": "long enough password"}).Want(t, 403, "forbidden_role")
	e.A("PUT", path, map[string]any{"password": "short"}).Want(t, 400, "invalid_request")
	e.A("PUT", path, map[string]any{}).Want(t, 400, "invalid_request")
	r := e.A("PUT", path, map[string]any{"password": "long enough password"}).Want(t, 200)
	if r.Str("id") != id || strings.Contains(string(r.Raw), "argon2") {
		t.Fatalf("answer: %s", r.Raw)
	}
	e.A("PUT", "/v1/staff/stf_nobody/password", map[string]any{"password": "long enough password"}).Want(t, 404, "not_found")
	e.A("DELETE", "/v1/staff/"+id, nil).Want(t, 200)
	e.A("PUT", path, map[string]any{"password": "long enough password"}).Want(t, 409, "conflict")
	if _, err := e.Svc.SignInStaff(context.Background(), "agent@example.com", "long enough password"); err == nil {
		t.Fatal("a disabled member signed in")
	}
}

// TestAdminActionsAudited: API.md's staff row, "every staff action (API key
// or console) is audited as that member", holds for the admins' own work:
// creating and disabling staff members and revoking keys are audit events
// of the member or key changed, with the admin as actor; the command line
// is the operator.
func TestAdminActionsAudited(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		ctx := context.Background()
		boss := e.A("POST", "/v1/staff", map[string]any{"email": "boss@example.com", "name": "Boss", "role": "admin"}).Want(t, 201).Str("id")
		bossKey, _, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "admin", Name: "boss's", StaffID: boss}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ana := e.Call("POST", "/v1/staff", bossKey, map[string]any{"email": "ana@example.com", "name": "Ana", "role": "agent"}).Want(t, 201).Str("id")
		_, anaKey, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "staff", Name: "ana's laptop", StaffID: ana}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		e.Call("DELETE", "/v1/staff/"+ana, bossKey, nil).Want(t, 200)
		e.Call("DELETE", "/v1/staff/"+ana, bossKey, nil).Want(t, 200) // changes nothing, records nothing
		events := func(subject string) []service.Event {
			var out []service.Event
			err := e.DB.Read(ctx, func(tx *store.Tx) error {
				raw, _, err := tx.AuditEvents(ctx, subject, 0, 10)
				for _, r := range raw {
					var ev service.Event
					if err := json.Unmarshal(r, &ev); err != nil {
						return err
					}
					out = append(out, ev)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		if evs := events(ana); len(evs) != 2 || evs[0].Action != "staff_created" || evs[1].Action != "staff_disabled" ||
			evs[0].Actor.ID != boss || evs[1].Actor.ID != boss || evs[1].Actor.Kind != "admin" {
			t.Fatalf("the staff member's audit: %+v", evs)
		}
		if evs := events(anaKey.ID); len(evs) != 2 || evs[0].Action != "key_created" || evs[0].Actor != service.Operator ||
			evs[1].Action != "key_revoked" || evs[1].Actor.ID != boss {
			t.Fatalf("the key's audit: %+v", evs)
		}
	})
}
