package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
)

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
