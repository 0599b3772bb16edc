package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// topRated makes a verified freelancer with Job Success 100 and $1,000
// earned from two clients: Top Rated by R1 and R2's numbers.
func topRated(t *testing.T, e *apitest.Env) string {
	t.Helper()
	f := e.Signup(true, map[string]any{"name": "Top Talent"})
	e.Verify(f, "Top Talent").Want(t, 200)
	for i := 0; i < 2; i++ {
		m := market{e: e, client: e.Signup(false, nil), freelancer: f}
		m.org = e.I("POST", "/v1/organizations", map[string]any{"name": "Client"}, "Acting-Account", m.client).Want(t, 201).Str("id")
		ctr := m.contract(t, m.job(t, 2), "fixed")
		e.I("POST", "/v1/contracts/"+ctr+"/payments", map[string]any{"amount_cents": 50000}, "Acting-Account", m.client).Want(t, 200)
		e.I("POST", "/v1/contracts/"+ctr+"/end", nil, "Acting-Account", m.client).Want(t, 200)
		e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 5, "text": "great"}).Want(t, 201)
	}
	if a := e.I("GET", "/v1/accounts/"+f, nil); a.Str("badges.0") != "top_rated" {
		t.Fatalf("R1/R2 setup: %s", a.Raw)
	}
	return f
}

// TestTopRatedNoStrikeInThreeMonths: R2, Top Rated needs "no strike in the
// last 3 months". A strike of a rule without R3's badge loss (V7) takes the
// badge away at once, not at the next contract or review, and it returns
// once the strike is more than 3 months old.
func TestTopRatedNoStrikeInThreeMonths(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		f := topRated(t, e)
		e.S("POST", "/v1/accounts/"+f+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201)
		if a := e.I("GET", "/v1/accounts/"+f, nil); a.Len("badges") != 0 || a.Num("strikes") != 1 {
			t.Fatalf("R2: Top Rated kept with a strike of today: %s", a.Raw)
		}
		e.Advance("92d")
		if a := e.I("GET", "/v1/accounts/"+f, nil); a.Str("badges.0") != "top_rated" {
			t.Fatalf("R2: Top Rated not back once the strike is 3 months old: %s", a.Raw)
		}
	})
}

// TestOneReviewASide: R1 counts the client's rating of each ended contract;
// each side reviews a contract once, so a second client review (by the same
// member or another member of the organization) is 409 conflict and the
// rating R1 counted stays, while the freelancer's own review goes through.
func TestOneReviewASide(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		f := topRated(t, e)
		m := market{e: e, client: e.Signup(false, nil), freelancer: f}
		m.org = e.I("POST", "/v1/organizations", map[string]any{"name": "Client"}, "Acting-Account", m.client).Want(t, 201).Str("id")
		ctr := m.contract(t, m.job(t, 2), "fixed")
		e.I("POST", "/v1/contracts/"+ctr+"/end", nil, "Acting-Account", m.client).Want(t, 200)
		e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 5, "text": "great"}).Want(t, 201)
		e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 1, "text": "changed my mind"}).
			Want(t, 409, "conflict")
		e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": f, "rating": 5, "text": "a fair client"}).Want(t, 201)
		e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": f, "rating": 5, "text": "again"}).Want(t, 409, "conflict")
		if a := e.I("GET", "/v1/accounts/"+f, nil); a.Num("job_success") != 100 {
			t.Fatalf("R1: the second review changed Job Success: %s", a.Raw)
		}
	})
}
