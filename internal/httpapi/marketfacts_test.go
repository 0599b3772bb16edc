package httpapi_test

import (
	"fmt"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestContractAgencyMustBeTheFreelancers: L5, an agency is closed by its
// owner once its contracts have ended. A contract may name an agency only
// when the freelancer is one of its members (as a proposal must): a client
// cannot start a contract "for" a stranger's agency and so hold that
// agency's closure up with a contract it never had.
func TestContractAgencyMustBeTheFreelancers(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		m := newMarket(t, e)
		owner := e.Signup(true, nil)
		agy := e.I("POST", "/v1/agencies", map[string]any{"name": "Studio"}, "Acting-Account", owner).Want(t, 201).Str("id")
		e.I("POST", "/v1/contracts", map[string]any{"job_id": m.job(t, 2), "freelancer_account_id": m.freelancer, "agency_id": agy,
			"kind": "fixed", "escrow_cents": 1000}, "Acting-Account", m.client).Want(t, 403, "not_member")
		if r := e.I("GET", "/v1/agencies/"+agy+"/closure", nil, "Acting-Account", owner).Want(t, 200); r.Get("allowed") != true {
			t.Fatalf("L5: the agency's closure is blocked by a contract of someone else's: %s", r.Raw)
		}
		e.I("POST", "/v1/agencies/"+agy+"/members", map[string]any{"account_id": m.freelancer, "role": "member"}, "Acting-Account", owner).Want(t, 201)
		ctr := e.I("POST", "/v1/contracts", map[string]any{"job_id": m.job(t, 2), "freelancer_account_id": m.freelancer, "agency_id": agy,
			"kind": "fixed", "escrow_cents": 1000}, "Acting-Account", m.client).Want(t, 201).Str("id")
		e.I("DELETE", "/v1/agencies/"+agy+"/members/"+m.freelancer, nil, "Acting-Account", owner).Want(t, 200)
		r := e.I("GET", "/v1/agencies/"+agy+"/closure", nil, "Acting-Account", owner).Want(t, 200)
		if fmt.Sprint(codes(r)) != "[active_contract]" || r.Str("blockers.0.ref") != ctr {
			t.Fatalf("L5: the agency's own contract does not block: %s", r.Raw)
		}
	})
}

// TestContractByAnyMemberOfTheOrganization: API.md POST /v1/contracts,
// "acting account is a member of the job's organization": a plain member
// hires as the owner does; an account outside the organization is 403
// not_member.
func TestContractByAnyMemberOfTheOrganization(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		m := newMarket(t, e)
		member, outsider := e.Signup(false, nil), e.Signup(false, nil)
		e.I("POST", "/v1/organizations/"+m.org+"/members", map[string]any{"account_id": member, "role": "member"}, "Acting-Account", m.client).Want(t, 201)
		body := map[string]any{"job_id": m.job(t, 2), "freelancer_account_id": m.freelancer, "kind": "fixed", "escrow_cents": 1000}
		e.I("POST", "/v1/contracts", body, "Acting-Account", outsider).Want(t, 403, "not_member")
		if r := e.I("POST", "/v1/contracts", body, "Acting-Account", member).Want(t, 201); r.Str("organization_id") != m.org {
			t.Fatalf("%s", r.Raw)
		}
	})
}

// TestConnectsAfterReactivation: P3, the basic plan grants 10 Connects a
// month. An account that was closed when a monthly grant fell due gets
// none that month, and is granted again once reactivated (L8): the grants
// do not stop for good at a closure.
func TestConnectsAfterReactivation(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		id := e.Signup(true, nil)
		e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
		e.Advance("32d") // the first grant falls due while the account is closed
		if c := e.I("POST", "/v1/accounts/"+id+"/reactivation", map[string]any{"channel": "web"}).Want(t, 200).Num("connects"); c != 10 {
			t.Fatalf("P3: a closed account was granted Connects: %v", c)
		}
		e.Advance("32d")
		if c := e.I("GET", "/v1/accounts/"+id, nil).Num("connects"); c != 20 {
			t.Fatalf("P3: no monthly grant after reactivation: %v Connects", c)
		}
	})
}

// TestTeamPreflightNeedsTheOwner: API.md GET /v1/organizations/{id}/closure
// and /v1/agencies/{id}/closure, "acting account must be the owner (403
// not_owner)", as for the POST: a call that names no acting member is not
// the owner's and does not read the team's obligations.
func TestTeamPreflightNeedsTheOwner(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		m := newMarket(t, e)
		agy := e.I("POST", "/v1/agencies", map[string]any{"name": "Studio"}, "Acting-Account", m.freelancer).Want(t, 201).Str("id")
		for _, path := range []string{"/v1/organizations/" + m.org + "/closure", "/v1/agencies/" + agy + "/closure"} {
			e.I("GET", path, nil).Want(t, 400, "invalid_request")
			e.I("POST", path, map[string]any{"channel": "web"}).Want(t, 400, "invalid_request")
			e.I("GET", path, nil, "Acting-Account", e.Signup(false, nil)).Want(t, 403, "not_owner")
		}
		e.I("GET", "/v1/organizations/"+m.org+"/closure", nil, "Acting-Account", m.client).Want(t, 200)
		e.I("GET", "/v1/agencies/"+agy+"/closure", nil, "Acting-Account", m.freelancer).Want(t, 200)
	})
}
