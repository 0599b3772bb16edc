package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestM6NewAccountOnlyAfterClosure: M6 (b) is "a new account after a
// closure in good standing". Approving it for an account that is still
// active would let the person sign up a second live account (M1): the
// approval is refused (409, rule M6) and the second sign-up stays refused
// with account_exists.
func TestM6NewAccountOnlyAfterClosure(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		old := e.I("POST", "/v1/accounts", signupBody("still.here@example.com", "", "card-m6-live", "", "")).Want(t, 201).Str("account.id")
		c := e.I("POST", "/v1/cases", map[string]any{"kind": "new_account_request", "account_id": old, "channel": "web", "body": "one more"}).Want(t, 201)
		if r := e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "approve"}).Want(t, 409, "conflict"); r.Str("rule") != "M6" {
			t.Fatalf("%s", r.Raw)
		}
		e.I("POST", "/v1/accounts", signupBody("still.here2@example.com", "", "card-m6-live", "", "")).Want(t, 409, "account_exists")
	})
}

// TestM1NoReactivationBesideItsReplacement: M1, a person holds one account
// that is not closed. After M6 (b) let a member open a new account in
// place of a closed one, reactivating the closed one (L8, by the member or
// by support) would make two live accounts: 409 not_reactivatable, rule
// M1, until the new account is closed.
func TestM1NoReactivationBesideItsReplacement(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		old := e.I("POST", "/v1/accounts", signupBody("second.life@example.com", "", "card-m1-react", "", "")).Want(t, 201).Str("account.id")
		e.I("POST", "/v1/accounts/"+old+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
		c := e.I("POST", "/v1/cases", map[string]any{"kind": "new_account_request", "account_id": old, "channel": "web", "body": "fresh start"}).Want(t, 201)
		e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "approve"}).Want(t, 200)
		fresh := e.I("POST", "/v1/accounts", signupBody("second.life2@example.com", "", "card-m1-react", "", "")).Want(t, 201).Str("account.id")
		if r := e.I("POST", "/v1/accounts/"+old+"/reactivation", map[string]any{"channel": "web"}).Want(t, 409, "not_reactivatable"); r.Str("rule") != "M1" {
			t.Fatalf("%s", r.Raw)
		}
		e.S("POST", "/v1/accounts/"+old+"/reactivation", map[string]any{"channel": "support"}).Want(t, 409, "not_reactivatable")
		e.I("POST", "/v1/accounts/"+fresh+"/closure", map[string]any{"reason": "not_using", "channel": "web"}).Want(t, 200)
		if r := e.I("POST", "/v1/accounts/"+old+"/reactivation", map[string]any{"channel": "web"}).Want(t, 200); r.Str("status") != "active" {
			t.Fatalf("%s", r.Raw)
		}
	})
}
