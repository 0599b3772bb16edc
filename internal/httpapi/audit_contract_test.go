package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestRoleColumnIntegrationOnly: API.md "Role in brackets: I integration,
// S staff, A admin. * = also allowed to staff", and "a key whose role may
// not call the endpoint: 403 forbidden_role". The organization and agency
// closure rows (GET and POST), POST /v1/jobs/{id}/close, POST
// /v1/proposals/{id}/withdraw and POST /v1/contracts/{id}/end are marked I:
// a staff key is refused before anything is looked up.
func TestRoleColumnIntegrationOnly(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/v1/organizations/org_x/closure", nil},
		{"POST", "/v1/organizations/org_x/closure", map[string]any{"channel": "web"}},
		{"GET", "/v1/agencies/agy_x/closure", nil},
		{"POST", "/v1/agencies/agy_x/closure", map[string]any{"channel": "web"}},
		{"POST", "/v1/jobs/job_x/close", map[string]any{"reason": "filled"}},
		{"POST", "/v1/proposals/prp_x/withdraw", nil},
		{"POST", "/v1/contracts/ctr_x/end", nil},
	} {
		e.S(c.method, c.path, c.body).Want(t, 403, "forbidden_role")
		if r := e.I(c.method, c.path, c.body, "Acting-Account", "acc_x"); r.Status == 403 {
			t.Fatalf("%s %s: the integration is refused: %s", c.method, c.path, r.Raw)
		}
	}
}

// TestActingAccountIsTheIntegrations: API.md "Acting member": "when the
// integration acts for a member ... it names the member in the header
// Acting-Account". A staff key acts as itself, never for a member: the
// header on its call to an account's own route (I*) is not an acting member
// and does not make the call 403 not_owner. The integration naming another
// member than the account of the path still gets 403 not_owner.
func TestActingAccountIsTheIntegrations(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	a, b := e.Signup(true, nil), e.Signup(true, nil)
	closeIt := map[string]any{"reason": "other", "channel": "support"}
	e.I("POST", "/v1/accounts/"+a+"/closure", map[string]any{"reason": "other", "channel": "web"}, "Acting-Account", b).Want(t, 403, "not_owner")
	if r := e.S("POST", "/v1/accounts/"+a+"/closure", closeIt, "Acting-Account", b).Want(t, 200); r.Str("status") != "closed" {
		t.Fatalf("support closure: %s", r.Raw)
	}
	if r := e.S("POST", "/v1/accounts/"+a+"/reactivation", map[string]any{"channel": "support"}, "Acting-Account", b).Want(t, 200); r.Str("status") != "active" {
		t.Fatalf("support reactivation: %s", r.Raw)
	}
}

// TestSimulationSettingsDefault: API.md POST /v1/policies/simulations,
// "replays every recorded decision of the window under the given settings
// (the current ones where absent)": a body without settings is not a 400,
// it replays under the settings in force and so changes nothing.
func TestSimulationSettingsDefault(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		from, to := e.Signup(true, nil), e.Signup(false, nil)
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": "Let's skip the fees, pay me via PayPal"},
			"Acting-Account", from).Want(t, 201)
		r := e.S("POST", "/v1/policies/simulations", map[string]any{}).Want(t, 201)
		if r.Num("replayed") < 1 || r.Num("changed") != 0 {
			t.Fatalf("a run without settings: %s", r.Raw)
		}
		w := e.S("POST", "/v1/policies/simulations", map[string]any{"from": e.Svc.Now().Add(-time.Hour).Format(time.RFC3339)}).Want(t, 201)
		if w.Num("replayed") != r.Num("replayed") || w.Num("changed") != 0 {
			t.Fatalf("a run without settings over a window: %s", w.Raw)
		}
	})
}

// TestDeliveryLogHasCreatedAt: API.md Conventions, "every object has id,
// created_at": an entry of GET /v1/webhooks/{id}/deliveries carries the
// time its event was created (the created_at of the body it delivers).
func TestDeliveryLogHasCreatedAt(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), apitest.AllowLocalWebhooks)
		recv, _ := counter(http.StatusOK)
		defer recv.Close()
		id := e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL + "/in", "events": []string{"notice.issued"}}).Want(t, 201).Str("id")
		before := e.Svc.Now().Add(-time.Second)
		ban(t, e)
		log := e.A("GET", "/v1/webhooks/"+id+"/deliveries", nil).Want(t, 200)
		if log.Len("data") < 1 {
			t.Fatalf("no delivery: %s", log.Raw)
		}
		at, err := time.Parse(time.RFC3339, log.Str("data.0.created_at"))
		if err != nil || at.Before(before) || at.After(e.Svc.Now().Add(time.Second)) || log.Str("data.0.id") == "" {
			t.Fatalf("delivery without a created_at of its event: %s", log.Raw)
		}
	})
}
