package httpapi_test

import (
	"fmt"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// Audit 5: parties, life cycle, identity, one account per person, closing
// and its alternatives, reputation, and the API conventions around them.
func TestAudit5(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)

		t.Run("I1 P4 an account with no freelancer profile cannot propose or be hired around verification", func(t *testing.T) {
			m := newMarket(t, e)
			job := m.job(t, 2)
			c := e.Signup(false, nil) // a client: no freelancer profile, never verified
			e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": c, "cover_letter": "hi"},
				"Acting-Account", c).Want(t, 403, "capability_blocked")
			e.I("POST", "/v1/contracts", map[string]any{"job_id": job, "freelancer_account_id": c, "kind": "fixed", "escrow_cents": 1000},
				"Acting-Account", m.client).Want(t, 403, "capability_blocked")
			if r := e.I("GET", "/v1/accounts/"+c+"/capabilities/submit_proposal", nil).Want(t, 200); r.Get("allowed") != false || r.Str("blocked_by.0.rule") != "P4" {
				t.Fatalf("I1 P4: capability of a client-only account: %s", r.Raw)
			}
			// P4: adding a freelancer profile makes it a freelancer, under I1 until verified.
			e.I("PUT", "/v1/accounts/"+c+"/profile", map[string]any{"title": "Designer", "overview": "Logos", "hourly_rate_cents": 5000, "skills": []string{"logo"}},
				"Acting-Account", c).Want(t, 200)
			r := e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": c, "cover_letter": "hi"}, "Acting-Account", c).Want(t, 403, "capability_blocked")
			if r.Str("rule") != "I1" {
				t.Fatalf("I1 after P4: %s", r.Raw)
			}
		})

		t.Run("L2 L11 money owed to the freelancer on an hourly contract is pending funds", func(t *testing.T) {
			m := newMarket(t, e)
			ctr := m.contract(t, m.job(t, 2), "hourly")
			today := e.Svc.Now().UTC().Format(time.DateOnly)
			e.I("POST", "/v1/contracts/"+ctr+"/hours", map[string]any{"hours": 3, "date": today}, "Acting-Account", m.freelancer).Want(t, 200)
			e.I("POST", "/v1/contracts/"+ctr+"/end", nil, "Acting-Account", m.client).Want(t, 200)
			pre := e.I("GET", "/v1/accounts/"+m.freelancer+"/closure", nil).Want(t, 200)
			if pre.Get("allowed") != false || fmt.Sprint(codes(pre)) != "[pending_funds]" || pre.Str("blockers.0.ref") != ctr {
				t.Fatalf("L2: hours logged but not yet invoiced: %s", pre.Raw)
			}
			e.Advance("192h") // the week ends and is invoiced; the client has not paid
			inv := e.I("GET", "/v1/organizations/"+m.org+"/invoices?status=unpaid", nil).Want(t, 200).Str("data.0.id")
			r := e.I("POST", "/v1/accounts/"+m.freelancer+"/closure", map[string]any{"reason": "not_using", "channel": "web"}).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[pending_funds]" || r.Str("blockers.0.ref") != inv {
				t.Fatalf("L2 L11: an unpaid invoice owed to the freelancer: %s", r.Raw)
			}
		})

		t.Run("R1 an hourly contract paid after it ended is not counted as ended with no payment", func(t *testing.T) {
			m := newMarket(t, e)
			fixed := m.contract(t, m.job(t, 2), "fixed")
			e.I("POST", "/v1/contracts/"+fixed+"/payments", map[string]any{"amount_cents": 50000}, "Acting-Account", m.client).Want(t, 200)
			e.I("POST", "/v1/contracts/"+fixed+"/end", nil, "Acting-Account", m.client).Want(t, 200)
			e.I("POST", "/v1/reviews", map[string]any{"contract_id": fixed, "author_account_id": m.client, "rating": 5, "text": "Great work"},
				"Acting-Account", m.client).Want(t, 201)
			client2 := e.Signup(false, nil)
			org2 := e.I("POST", "/v1/organizations", map[string]any{"name": "Beta"}, "Acting-Account", client2).Want(t, 201).Str("id")
			job2 := e.I("POST", "/v1/jobs", map[string]any{"organization_id": org2, "title": "Site", "description": "A site", "connects_price": 2},
				"Acting-Account", client2).Want(t, 201).Str("id")
			hourly := e.I("POST", "/v1/contracts", map[string]any{"job_id": job2, "freelancer_account_id": m.freelancer, "kind": "hourly", "hourly_rate_cents": 4000},
				"Acting-Account", client2).Want(t, 201).Str("id")
			e.I("POST", "/v1/contracts/"+hourly+"/hours", map[string]any{"hours": 5, "date": e.Svc.Now().UTC().Format(time.DateOnly)}, "Acting-Account", m.freelancer).Want(t, 200)
			e.I("POST", "/v1/contracts/"+hourly+"/end", nil, "Acting-Account", client2).Want(t, 200)
			e.Advance("192h") // the last week is invoiced after the end
			inv := e.I("GET", "/v1/organizations/"+org2+"/invoices?status=unpaid", nil).Want(t, 200).Str("data.0.id")
			e.I("POST", "/v1/invoices/"+inv+"/payment", nil, "Acting-Account", client2).Want(t, 200)
			// good (5 stars) and one paid contract with no review: (1 - 0) / 2.
			if js := e.I("GET", "/v1/accounts/"+m.freelancer, nil).Get("job_success"); js != 50.0 {
				t.Fatalf("R1: Job Success %v, want 50: the hourly contract was paid", js)
			}
		})

		t.Run("section 2 P4 I1 restrictions that come with an added freelancer profile are audited", func(t *testing.T) {
			c := e.Signup(false, nil)
			e.I("PUT", "/v1/accounts/"+c+"/profile", map[string]any{"title": "Writer", "overview": "Articles", "hourly_rate_cents": 3000, "skills": []string{"writing"}},
				"Acting-Account", c).Want(t, 200)
			tl := e.S("GET", "/v1/accounts/"+c+"/timeline", nil).Want(t, 200)
			added := map[string]bool{}
			evs, _ := tl.Get("data").([]any)
			for _, ev := range evs {
				m := ev.(map[string]any)
				if m["action"] == "restriction_added" && m["rule"] == "I1" {
					added[fmt.Sprint(m["ref"])] = true
				}
			}
			if !added["submit_proposal"] || !added["withdraw_funds"] {
				t.Fatalf("section 2: the I1 restrictions of P4 have no audit event: %s", tl.Raw)
			}
		})

		t.Run("Acting member: a member reads only the invoices of its own organization", func(t *testing.T) {
			m := newMarket(t, e)
			e.I("GET", "/v1/organizations/"+m.org+"/invoices", nil, "Acting-Account", m.freelancer).Want(t, 403, "not_member")
			e.I("GET", "/v1/organizations/"+m.org+"/invoices", nil, "Acting-Account", m.client).Want(t, 200)
			e.I("GET", "/v1/organizations/"+m.org+"/invoices", nil).Want(t, 200)
			e.S("GET", "/v1/organizations/"+m.org+"/invoices", nil).Want(t, 200)
		})

		t.Run("I2 asking again while a verification request runs does not move its deadline", func(t *testing.T) {
			f := e.Signup(true, nil)
			first := e.I("POST", "/v1/accounts/"+f+"/verification-request", nil, "Acting-Account", f).Want(t, 200).Str("verification.deadline")
			e.Advance("144h")
			again := e.I("POST", "/v1/accounts/"+f+"/verification-request", nil, "Acting-Account", f).Want(t, 200).Str("verification.deadline")
			if again != first {
				t.Fatalf("I2: the deadline moved from %s to %s", first, again)
			}
			e.Advance("48h")
			if a := e.I("GET", "/v1/accounts/"+f, nil); a.Str("status") != "suspended" {
				t.Fatalf("I2: not suspended 8 days after the request: %s", a.Raw)
			}
		})

		t.Run("M1 L8 an account closed as redundant is not reactivated beside the one its person kept", func(t *testing.T) {
			a, b := e.Signup(true, nil), e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-audit5-m1"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+b+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-audit5-m1"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "self_disclosure", "account_id": a, "channel": "web",
				"body": "I made two by mistake", "related_account_ids": []string{b}}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "keep", "keep_account_id": b}).Want(t, 200)
			if s := e.I("GET", "/v1/accounts/"+a, nil).Str("status"); s != "closed" {
				t.Fatalf("M7: %s", s)
			}
			r := e.S("POST", "/v1/accounts/"+a+"/reactivation", map[string]any{"channel": "support"}).Want(t, 409, "not_reactivatable")
			if r.Str("rule") != "M1" {
				t.Fatalf("M1: %s", r.Raw)
			}
			rc := e.I("POST", "/v1/cases", map[string]any{"kind": "reactivation", "account_id": a, "channel": "email", "body": "back"}).Want(t, 201).Str("id")
			if r := e.S("POST", "/v1/cases/"+rc+"/resolution", map[string]any{"outcome": "reactivate"}).Want(t, 409, "not_reactivatable"); r.Str("rule") != "M1" {
				t.Fatalf("M1 on a reactivation case: %s", r.Raw)
			}
			e.S("POST", "/v1/accounts/"+b+"/closure", map[string]any{"reason": "not_using", "channel": "support"}).Want(t, 200)
			e.S("POST", "/v1/accounts/"+a+"/reactivation", map[string]any{"channel": "support"}).Want(t, 200)
		})

		t.Run("L3 hours dated before the contract started are refused, not accepted and never invoiced", func(t *testing.T) {
			m := newMarket(t, e)
			ctr := m.contract(t, m.job(t, 2), "hourly")
			before := e.Svc.Now().UTC().AddDate(0, 0, -10).Format(time.DateOnly)
			e.I("POST", "/v1/contracts/"+ctr+"/hours", map[string]any{"hours": 2, "date": before}, "Acting-Account", m.freelancer).Want(t, 400, "invalid_request")
			e.I("POST", "/v1/contracts/"+ctr+"/hours", map[string]any{"hours": 2, "date": e.Svc.Now().UTC().Format(time.DateOnly)}, "Acting-Account", m.freelancer).Want(t, 200)
		})
	})
}

// TestAudit5L9DormancyAfterAHold: L9, an account idle for 24 months gets
// the dormancy notice. One that was suspended when its dormancy check came
// (an I2 hold), and was then lifted, is still looked at again later.
func TestAudit5L9DormancyAfterAHold(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	id := e.Signup(true, map[string]any{"name": "Idle Person"})
	e.I("POST", "/v1/accounts/"+id+"/verification-request", nil).Want(t, 200)
	e.Advance("17521h") // suspended under I2 after 7 days; the dormancy check finds it suspended
	if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "suspended" {
		t.Fatalf("I2: %s", s)
	}
	e.Verify(id, "Idle Person").Want(t, 200)
	e.Advance("17521h")
	e.Advance("721h")
	if a := e.I("GET", "/v1/accounts/"+id, nil); a.Str("status") != "closed" || a.Str("close_reason") != "dormant" {
		t.Fatalf("L9: an account idle for 24 months after its hold was lifted was never closed as dormant: %s", a.Raw)
	}
}
