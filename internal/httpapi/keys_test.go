package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/service"
	"standing/internal/store"
)

// TestKeysListAndRevoke checks API.md's Auth convention and GET /v1/keys,
// DELETE /v1/keys/{id}: keys are listed with role, name, staff member,
// created and last used but never the key; revocation is effective at
// once (401 after); use is recorded at most once a minute.
func TestKeysListAndRevoke(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		e.I("GET", "/v1/policies", nil).Want(t, 200)
		r := e.A("GET", "/v1/keys", nil).Want(t, 200)
		if r.Len("data") != 3 || r.Get("next_cursor") != nil {
			t.Fatalf("want the 3 keys in one page: %s", r.Raw)
		}
		for _, secret := range []string{e.Integration, e.Staff, e.Admin} {
			if strings.Contains(string(r.Raw), secret) {
				t.Fatal("a key was shown")
			}
		}
		var integ map[string]any
		for _, x := range r.Get("data").([]any) {
			k := x.(map[string]any)
			for _, f := range []string{"id", "role", "name", "status", "created_at"} {
				if k[f] == nil || k[f] == "" {
					t.Fatalf("key without %s: %v", f, k)
				}
			}
			if k["role"] == "integration" {
				integ = k
			}
		}
		used, _ := integ["last_used_at"].(string)
		if used == "" || integ["staff_id"] != nil || integ["status"] != "active" {
			t.Fatalf("integration key after a use: %v", integ)
		}
		e.I("GET", "/v1/policies", nil).Want(t, 200)
		if again := keyByID(t, e, integ["id"].(string)); again["last_used_at"] != used {
			t.Fatalf("a second use within a minute was written: %v then %v", used, again["last_used_at"])
		}
		e.Advance("2m")
		e.I("GET", "/v1/policies", nil).Want(t, 200)
		if later := keyByID(t, e, integ["id"].(string)); later["last_used_at"] == used {
			t.Fatalf("a use two minutes later was not recorded: %v", later)
		}
		e.S("GET", "/v1/keys", nil).Want(t, 403, "forbidden_role")

		r = e.A("GET", "/v1/keys?limit=2", nil).Want(t, 200)
		if r.Len("data") != 2 || r.Str("next_cursor") == "" {
			t.Fatalf("first page of 2: %s", r.Raw)
		}
		e.A("GET", "/v1/keys?limit=2&cursor="+r.Str("next_cursor"), nil).Want(t, 200)

		r = e.A("DELETE", "/v1/keys/"+integ["id"].(string), nil).Want(t, 200)
		if r.Str("status") != "revoked" || r.Str("revoked_at") == "" {
			t.Fatalf("revoked key: %s", r.Raw)
		}
		e.I("GET", "/v1/policies", nil).Want(t, 401, "unauthorized")
		e.A("DELETE", "/v1/keys/"+integ["id"].(string), nil).Want(t, 200)
		e.A("DELETE", "/v1/keys/key_nope", nil).Want(t, 404, "not_found")
	})
}

// TestKeyRevokedElsewhere: a key revoked by another process (the command
// line's standing keys revoke, or another replica) is refused by the very
// next request, and a key's use is recorded once a minute.
func TestKeyRevokedElsewhere(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		ctx := context.Background()
		key, k, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "integration", Name: "marketplace"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		e.Call("GET", "/v1/policies", key, nil).Want(t, 200)
		used := keyByID(t, e, k.ID)["last_used_at"]
		e.Advance("2m")
		e.Call("GET", "/v1/policies", key, nil).Want(t, 200)
		if later := keyByID(t, e, k.ID)["last_used_at"]; later == used {
			t.Fatalf("a use two minutes later was not recorded: %v", later)
		}
		if _, err := service.RevokeKey(ctx, e.DB, service.Operator, k.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		e.Call("GET", "/v1/policies", key, nil).Want(t, 401, "unauthorized")
	})
}

func keyByID(t *testing.T, e *apitest.Env, id string) map[string]any {
	t.Helper()
	for _, x := range e.A("GET", "/v1/keys", nil).Want(t, 200).Get("data").([]any) {
		if k := x.(map[string]any); k["id"] == id {
			return k
		}
	}
	t.Fatalf("no key %s", id)
	return nil
}

// TestStaffMembers checks POST, GET, DELETE /v1/staff and the Auth
// convention that a staff key belongs to a named member: the member's
// actions are audited as that member (actor kind staff, id stf_), and
// disabling the member revokes their keys at once.
func TestStaffMembers(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		ctx := context.Background()
		r := e.A("POST", "/v1/staff", map[string]any{"email": "ana@example.com", "name": "Ana Ruiz", "role": "agent"}).Want(t, 201)
		ana := r.Str("id")
		if !strings.HasPrefix(ana, "stf_") || r.Str("email") != "ana@example.com" || r.Str("name") != "Ana Ruiz" ||
			r.Str("role") != "agent" || r.Str("status") != "active" || r.Str("created_at") == "" {
			t.Fatalf("new member: %s", r.Raw)
		}
		e.A("POST", "/v1/staff", map[string]any{"email": "ANA@example.com", "name": "Ana Again", "role": "lead"}).Want(t, 409, "conflict")
		r = e.A("POST", "/v1/staff", map[string]any{"email": "not an email", "name": "X", "role": "owner"}).Want(t, 400, "invalid_request")
		if r.Len("errors") != 2 {
			t.Fatalf("want email and role refused: %s", r.Raw)
		}
		e.S("POST", "/v1/staff", map[string]any{"email": "b@example.com", "name": "B", "role": "agent"}).Want(t, 403, "forbidden_role")
		boss := e.A("POST", "/v1/staff", map[string]any{"email": "boss@example.com", "name": "Boss", "role": "admin"}).Want(t, 201).Str("id")
		if e.A("GET", "/v1/staff", nil).Want(t, 200).Len("data") != 2 {
			t.Fatal("want two members")
		}

		if _, _, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "admin", Name: "ana's", StaffID: ana}, time.Now()); err == nil {
			t.Fatal("an agent was given an admin key")
		}
		if _, _, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "integration", Name: "x", StaffID: boss}, time.Now()); err == nil {
			t.Fatal("an integration key was bound to a member")
		}
		key, k, err := service.NewKey(ctx, e.DB, service.KeySpec{Role: "staff", Name: "ana's laptop", StaffID: ana}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if got := keyByID(t, e, k.ID); got["staff_id"] != ana {
			t.Fatalf("key of a member: %v", got)
		}

		acc := e.Signup(true, nil)
		// Ana is an agent: a sanction is a lead's (issue 14 roles), a
		// verification request hers.
		e.Call("POST", "/v1/accounts/"+acc+"/sanctions", key, map[string]any{"rule": "V5", "action": "warning", "reason": "spam"}).Want(t, 403, "forbidden_role")
		e.Call("POST", "/v1/accounts/"+acc+"/verification-request", key, nil).Want(t, 200)
		found := false
		for _, x := range e.S("GET", "/v1/accounts/"+acc+"/timeline", nil).Want(t, 200).Get("data").([]any) {
			actor, _ := x.(map[string]any)["actor"].(map[string]any)
			if actor["id"] == ana {
				found = true
				if actor["kind"] != "staff" {
					t.Fatalf("actor %v", actor)
				}
			}
		}
		if !found {
			t.Fatal("the verification request was not audited as the member")
		}

		r = e.A("DELETE", "/v1/staff/"+ana, nil).Want(t, 200)
		if r.Str("status") != "disabled" || r.Str("disabled_at") == "" {
			t.Fatalf("disabled member: %s", r.Raw)
		}
		e.Call("GET", "/v1/accounts/"+acc, key, nil).Want(t, 401, "unauthorized")
		if got := keyByID(t, e, k.ID); got["status"] != "revoked" {
			t.Fatalf("member's key after disabling: %v", got)
		}
		e.A("DELETE", "/v1/staff/stf_nope", nil).Want(t, 404, "not_found")
		// The email of a disabled member may be given to a new one.
		e.A("POST", "/v1/staff", map[string]any{"email": "ana@example.com", "name": "Ana Ruiz", "role": "lead"}).Want(t, 201)
	})
}
