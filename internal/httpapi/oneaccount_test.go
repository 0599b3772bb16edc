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
