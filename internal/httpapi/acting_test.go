package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestActingMemberOnlyOnItsOwnAccount: API.md Conventions, "Acting member":
// "who may do what is checked against that account". A call naming an
// acting member acts on that member's own account only: a member cannot
// report a signal for another account (M5: which could tie it to a banned
// account and ban it as an evader), start another's 7-day verification
// deadline (I2) or verify it with their own document (I5): 403 not_owner,
// and the other account is untouched. The same calls for the member's own
// account, or without an acting member, go through.
func TestActingMemberOnlyOnItsOwnAccount(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		banned := e.Signup(true, map[string]any{"signals": map[string]any{"payment_instrument": "card-acting-1"}})
		e.S("POST", "/v1/accounts/"+banned+"/sanctions", map[string]any{"rule": "V3", "action": "ban", "reason": "bulk messages"}).Want(t, 201)
		victim := e.Signup(true, map[string]any{"name": "Vic Tim"})
		e.I("POST", "/v1/accounts/"+victim+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-acting-1"},
			"Acting-Account", banned).Want(t, 403, "not_owner")
		e.I("POST", "/v1/accounts/"+victim+"/verification-request", nil, "Acting-Account", banned).Want(t, 403, "not_owner")
		e.I("POST", "/v1/accounts/"+victim+"/verification", map[string]any{"legal_name": "Vic Tim", "date_of_birth": "1990-01-01",
			"phone": "+1 415 555 0100", "address": map[string]any{"line1": "1 Main St", "city": "Springfield", "postal_code": "12345", "country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "X1234567"}}, "Acting-Account", banned).Want(t, 403, "not_owner")
		a := e.I("GET", "/v1/accounts/"+victim, nil).Want(t, 200)
		if a.Str("status") != "active" || a.Str("verification.status") != "unverified" {
			t.Fatalf("the acting member acted on another account: %s", a.Raw)
		}
		e.I("POST", "/v1/accounts/"+victim+"/verification-request", nil, "Acting-Account", victim).Want(t, 200)
		e.I("POST", "/v1/accounts/"+victim+"/signals", map[string]any{"kind": "device_id", "value": "dev-acting-1"}).Want(t, 200)
	})
}

// TestActingMemberReadsOnlyItsOwn: a member's money, statements of reasons
// and closure blockers are theirs (E2, E4, L11): a call naming another
// acting member is 403 not_owner, while the member, and the integration or
// staff without an acting member, read them.
func TestActingMemberReadsOnlyItsOwn(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		owner, other := e.Signup(true, nil), e.Signup(true, nil)
		ntc := e.S("POST", "/v1/accounts/"+owner+"/sanctions", map[string]any{"rule": "V6", "action": "warning", "reason": "a phone number in the profile"}).
			Want(t, 201).Str("notice.id")
		for _, path := range []string{"/v1/accounts/" + owner + "/balance", "/v1/accounts/" + owner + "/notices",
			"/v1/accounts/" + owner + "/closure", "/v1/notices/" + ntc} {
			e.I("GET", path, nil, "Acting-Account", other).Want(t, 403, "not_owner")
			e.I("GET", path, nil, "Acting-Account", owner).Want(t, 200)
			e.I("GET", path, nil).Want(t, 200)
			e.S("GET", path, nil).Want(t, 200)
		}
	})
}
