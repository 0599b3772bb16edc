package httpapi_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// market sets up an organization owned by a client and a verified freelancer.
type market struct {
	e          *apitest.Env
	client     string
	org        string
	freelancer string
}

func newMarket(t *testing.T, e *apitest.Env) market {
	m := market{e: e, client: e.Signup(false, nil), freelancer: e.Signup(true, map[string]any{"name": "Free Lancer"})}
	e.Verify(m.freelancer, "Free Lancer").Want(t, 200)
	m.org = e.I("POST", "/v1/organizations", map[string]any{"name": "Acme"}, "Acting-Account", m.client).Want(t, 201).Str("id")
	return m
}

func (m market) job(t *testing.T, price int) string {
	return m.e.I("POST", "/v1/jobs", map[string]any{"organization_id": m.org, "title": "Logo", "description": "A new logo", "connects_price": price},
		"Acting-Account", m.client).Want(t, 201).Str("id")
}

func (m market) contract(t *testing.T, job, kind string) string {
	body := map[string]any{"job_id": job, "freelancer_account_id": m.freelancer, "kind": kind}
	if kind == "fixed" {
		body["escrow_cents"] = 50000
	} else {
		body["hourly_rate_cents"] = 4000
	}
	return m.e.I("POST", "/v1/contracts", body, "Acting-Account", m.client).Want(t, 201).Str("id")
}

func codes(r apitest.Resp) []string {
	var out []string
	bs, _ := r.Get("blockers").([]any)
	for _, b := range bs {
		out = append(out, b.(map[string]any)["code"].(string))
	}
	slices.Sort(out)
	return out
}

func TestClosingAndAlternatives(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)

		t.Run("L2 L11 freelancer from obligations to closed, every blocker at once", func(t *testing.T) {
			m := newMarket(t, e)
			job := m.job(t, 4)
			prp := e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": m.freelancer, "cover_letter": "I can do it"},
				"Acting-Account", m.freelancer).Want(t, 201).Str("id")
			job2 := m.job(t, 2)
			ctr := m.contract(t, job2, "fixed")
			e.I("POST", "/v1/contracts/"+ctr+"/payments", map[string]any{"amount_cents": 20000}, "Acting-Account", m.client).Want(t, 200)
			for _, who := range []string{m.freelancer, m.client} { // 50000 funded, 20000 released
				if b := e.I("GET", "/v1/accounts/"+who+"/balance", nil); b.Num("escrow_cents") != 30000 {
					t.Fatalf("escrow of %s: %s", who, b.Raw)
				}
			}
			pre := e.I("GET", "/v1/accounts/"+m.freelancer+"/closure", nil).Want(t, 200)
			if pre.Get("allowed") != false || fmt.Sprint(codes(pre)) != "[active_contract pending_funds pending_proposal]" {
				t.Fatalf("preflight: %s", pre.Raw)
			}
			r := e.I("POST", "/v1/accounts/"+m.freelancer+"/closure", map[string]any{"reason": "career_change", "channel": "web"}).Want(t, 409, "closure_blocked")
			if len(codes(r)) != 3 {
				t.Fatalf("L11: %s", r.Raw)
			}
			e.I("POST", "/v1/proposals/"+prp+"/withdraw", nil, "Acting-Account", m.freelancer).Want(t, 200)
			e.I("POST", "/v1/contracts/"+ctr+"/end", nil, "Acting-Account", m.client).Want(t, 200)
			bal := e.I("GET", "/v1/accounts/"+m.freelancer+"/balance", nil).Want(t, 200)
			if bal.Num("pending_cents") != 20000 || bal.Num("escrow_cents") != 0 {
				t.Fatalf("balance: %s", bal.Raw)
			}
			e.Advance("121h") // the 5-day security period
			bal = e.I("GET", "/v1/accounts/"+m.freelancer+"/balance", nil)
			if bal.Num("available_cents") != 20000 || bal.Num("pending_cents") != 0 {
				t.Fatalf("after security period: %s", bal.Raw)
			}
			r = e.I("POST", "/v1/accounts/"+m.freelancer+"/closure", map[string]any{"reason": "career_change", "channel": "web"}).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[unwithdrawn_funds]" {
				t.Fatalf("%s", r.Raw)
			}
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 30000}).Want(t, 409, "insufficient_funds")
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 20000}).Want(t, 201)
			c := e.I("POST", "/v1/accounts/"+m.freelancer+"/closure", map[string]any{"reason": "career_change", "channel": "web"}).Want(t, 200)
			if c.Str("status") != "closed" || c.Str("close_reason") != "career_change" {
				t.Fatalf("%s", c.Raw)
			}
			// L8: a freelancer-only account closed for a plain reason reactivates itself.
			e.I("POST", "/v1/accounts/"+m.freelancer+"/reactivation", map[string]any{"channel": "web"}).Want(t, 200)
			// Every movement of money was a balanced pair of ledger entries.
			_ = e.DB.Read(context.Background(), func(tx *store.Tx) error {
				if sum, err := tx.LedgerSum(context.Background()); err != nil || sum != 0 {
					t.Errorf("ledger does not balance: %d %v", sum, err)
				}
				return nil
			})
		})

		t.Run("L1 never from the mobile app; L6 reasons", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "not_using", "channel": "mobile_app"}).Want(t, 403, "channel_not_allowed")
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "bored", "channel": "web"}).Want(t, 422, "invalid_reason")
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"channel": "web"}).Want(t, 400, "invalid_request")
			other := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "not_using", "channel": "web"}, "Acting-Account", other).Want(t, 403, "not_owner")
		})

		t.Run("L6 admissions: V10 strike, and L8 then needs support", func(t *testing.T) {
			id := e.Signup(true, nil)
			c := e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "working_directly_with_client", "channel": "web"}).Want(t, 200)
			if c.Str("status") != "closed" || c.Num("strikes") != 1 {
				t.Fatalf("%s", c.Raw)
			}
			e.I("POST", "/v1/accounts/"+id+"/reactivation", map[string]any{"channel": "web"}).Want(t, 403, "support_required")
			e.S("POST", "/v1/accounts/"+id+"/reactivation", map[string]any{"channel": "support"}).Want(t, 200)
		})

		t.Run("L6 duplicate_account opens a V1 case for the linked accounts", func(t *testing.T) {
			a := e.I("POST", "/v1/accounts", signupBody("dup-a@example.com", "", "", "dev-dup", "")).Want(t, 201).Str("account.id")
			b := e.I("POST", "/v1/accounts", signupBody("dup-b@example.com", "", "", "dev-dup", "")).Want(t, 201).Str("account.id")
			review := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+b, nil).Str("data.0.id")
			e.S("POST", "/v1/cases/"+review+"/resolution", map[string]any{"outcome": "not_linked"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+b+"/closure", map[string]any{"reason": "duplicate_account", "channel": "web"}).Want(t, 200)
			cs := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+a, nil)
			found := false
			for _, c := range cs.Get("data").([]any) {
				if c.(map[string]any)["rule"] == "V1" {
					found = true
				}
			}
			if !found {
				t.Fatalf("no V1 case: %s", cs.Raw)
			}
		})

		t.Run("L7 open case, suspension or fraud hold need support", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
			pre := e.I("GET", "/v1/accounts/"+id+"/closure", nil)
			if pre.Get("requires_support") != true || fmt.Sprint(codes(pre)) != "[fraud_hold]" {
				t.Fatalf("%s", pre.Raw)
			}
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "not_using", "channel": "web"}).Want(t, 409, "support_required")
			e.S("DELETE", "/v1/accounts/"+id+"/fraud-hold", nil).Want(t, 200)
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "not_using", "channel": "web"}).Want(t, 200)
		})

		t.Run("L8 never banned or erased; L10 erasure keeps ban evasion caught", func(t *testing.T) {
			id := e.I("POST", "/v1/accounts", signupBody("erased.evader@example.com", "", "card-erase-1", "", "")).Want(t, 201).Str("account.id")
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
			e.I("POST", "/v1/accounts/"+id+"/reactivation", map[string]any{"channel": "web"}).Want(t, 409, "not_reactivatable")
			er := e.S("POST", "/v1/accounts/"+id+"/erasure", nil).Want(t, 200)
			if er.Str("status") != "erased" || er.Str("email") != "" || er.Str("name") != "" {
				t.Fatalf("erasure left data: %s", er.Raw)
			}
			r := e.I("POST", "/v1/accounts", signupBody("someone.else@example.com", "", "card-erase-1", "", "")).Want(t, 201)
			if r.Str("account.status") != "banned" || r.Str("decision.rule") != "V2" {
				t.Fatalf("L10: erased banned person not caught: %s", r.Raw)
			}
		})

		t.Run("L3 L4 company owner closes after team, jobs, contracts and billing", func(t *testing.T) {
			m := newMarket(t, e)
			admin := e.Signup(false, nil)
			member := e.Signup(false, nil)
			e.I("POST", "/v1/organizations/"+m.org+"/members", map[string]any{"account_id": admin, "role": "admin"}, "Acting-Account", m.client).Want(t, 201)
			e.I("POST", "/v1/organizations/"+m.org+"/members", map[string]any{"account_id": member, "role": "member"}, "Acting-Account", m.client).Want(t, 201)
			job := m.job(t, 2)
			ctr := m.contract(t, job, "hourly")
			e.I("POST", "/v1/contracts/"+ctr+"/hours", map[string]any{"hours": 3.5, "date": e.Clock.Now().Format("2006-01-02")}, "Acting-Account", m.freelancer).Want(t, 200)
			e.I("POST", "/v1/organizations/"+m.org+"/closure", map[string]any{"channel": "web"}, "Acting-Account", admin).Want(t, 403, "not_owner")
			r := e.I("POST", "/v1/organizations/"+m.org+"/closure", map[string]any{"channel": "web"}, "Acting-Account", m.client).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[active_contract open_billing_cycle open_job team_members team_members]" {
				t.Fatalf("%s", r.Raw)
			}
			// L4: a plain member cannot leave; an admin can; the admin removes the member.
			e.I("DELETE", "/v1/organizations/"+m.org+"/members/"+member, nil, "Acting-Account", member).Want(t, 403, "member_cannot_leave")
			e.I("DELETE", "/v1/organizations/"+m.org+"/members/"+member, nil, "Acting-Account", admin).Want(t, 200)
			e.I("DELETE", "/v1/organizations/"+m.org+"/members/"+admin, nil, "Acting-Account", admin).Want(t, 200)
			e.I("POST", "/v1/contracts/"+ctr+"/end", nil, "Acting-Account", m.client).Want(t, 200)
			e.I("POST", "/v1/jobs/"+job+"/close", map[string]any{"reason": "filled"}, "Acting-Account", m.client).Want(t, 200)
			r = e.I("POST", "/v1/organizations/"+m.org+"/closure", map[string]any{"channel": "web"}, "Acting-Account", m.client).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[open_billing_cycle]" {
				t.Fatalf("%s", r.Raw)
			}
			e.Advance("168h") // the week ends on Sunday 24:00 UTC and is invoiced
			inv := e.I("GET", "/v1/organizations/"+m.org+"/invoices?status=unpaid", nil).Want(t, 200)
			if inv.Len("data") != 1 || inv.Num("data.0.amount_cents") != 14000 {
				t.Fatalf("invoice: %s", inv.Raw)
			}
			r = e.I("POST", "/v1/organizations/"+m.org+"/closure", map[string]any{"channel": "web"}, "Acting-Account", m.client).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[unpaid_billing]" {
				t.Fatalf("%s", r.Raw)
			}
			e.I("POST", "/v1/invoices/"+inv.Str("data.0.id")+"/payment", nil, "Acting-Account", m.client).Want(t, 200)
			c := e.I("POST", "/v1/organizations/"+m.org+"/closure", map[string]any{"channel": "web"}, "Acting-Account", m.client).Want(t, 200)
			if c.Str("status") != "closed" {
				t.Fatalf("%s", c.Raw)
			}
			// L4: the admin held only team roles and was closed on leaving its last team.
			if s := e.I("GET", "/v1/accounts/"+admin, nil).Str("status"); s != "closed" {
				t.Fatalf("team-only admin is %s", s)
			}
		})

		t.Run("L5 agency owner closes the agency and keeps the account", func(t *testing.T) {
			owner := e.Signup(true, nil)
			other := e.Signup(true, nil)
			agy := e.I("POST", "/v1/agencies", map[string]any{"name": "Studio"}, "Acting-Account", owner).Want(t, 201).Str("id")
			e.I("POST", "/v1/agencies/"+agy+"/members", map[string]any{"account_id": other, "role": "member"}, "Acting-Account", owner).Want(t, 201)
			e.I("POST", "/v1/agencies/"+agy+"/closure", map[string]any{"channel": "web"}, "Acting-Account", other).Want(t, 403, "not_owner")
			r := e.I("POST", "/v1/agencies/"+agy+"/closure", map[string]any{"channel": "web"}, "Acting-Account", owner).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[agency_members]" {
				t.Fatalf("%s", r.Raw)
			}
			e.I("DELETE", "/v1/agencies/"+agy+"/members/"+other, nil, "Acting-Account", owner).Want(t, 200)
			e.I("POST", "/v1/agencies/"+agy+"/closure", map[string]any{"channel": "mobile_app"}, "Acting-Account", owner).Want(t, 403, "channel_not_allowed")
			e.I("POST", "/v1/agencies/"+agy+"/closure", map[string]any{"channel": "web"}, "Acting-Account", owner).Want(t, 200)
			if s := e.I("GET", "/v1/accounts/"+owner, nil).Str("status"); s != "active" {
				t.Fatalf("owner is %s", s)
			}
		})

		t.Run("P1 P2 availability and visibility with both effective times", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.I("PUT", "/v1/accounts/"+id+"/availability", map[string]any{"availability": "unavailable"}).Want(t, 200)
			v := e.I("PUT", "/v1/accounts/"+id+"/visibility", map[string]any{"visibility": "private"}).Want(t, 200)
			if v.Str("visibility") != "private" || v.Str("effective_on_platform_by") == "" || v.Str("effective_in_search_by") <= v.Str("effective_on_platform_by") {
				t.Fatalf("%s", v.Raw)
			}
			e.I("PUT", "/v1/accounts/"+id+"/visibility", map[string]any{"visibility": "hidden"}).Want(t, 400, "invalid_request")
		})

		t.Run("M7 L2 L11 a redundant account is closed only once settled, every blocker listed", func(t *testing.T) {
			m := newMarket(t, e)
			prp := e.I("POST", "/v1/proposals", map[string]any{"job_id": m.job(t, 2), "account_id": m.freelancer, "cover_letter": "Hi"},
				"Acting-Account", m.freelancer).Want(t, 201).Str("id")
			kept := e.Signup(true, nil)
			for _, a := range []string{m.freelancer, kept} {
				e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-m7-" + prp}).Want(t, 200)
			}
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "self_disclosure", "account_id": kept, "channel": "web",
				"body": "the other one is mine too", "related_account_ids": []string{m.freelancer}}).Want(t, 201).Str("id")
			keep := map[string]any{"outcome": "keep", "keep_account_id": kept}
			r := e.S("POST", "/v1/cases/"+c+"/resolution", keep).Want(t, 409, "closure_blocked")
			if fmt.Sprint(codes(r)) != "[pending_proposal]" || !strings.Contains(string(r.Raw), m.freelancer) || r.Str("rule") != "L11" {
				t.Fatalf("M7: %s", r.Raw)
			}
			if a := e.I("GET", "/v1/accounts/"+m.freelancer, nil); a.Str("status") == "closed" {
				t.Fatalf("M7: closed with a pending proposal: %s", a.Raw)
			}
			e.I("POST", "/v1/proposals/"+prp+"/withdraw", nil, "Acting-Account", m.freelancer).Want(t, 200)
			e.S("POST", "/v1/cases/"+c+"/resolution", keep).Want(t, 200)
			if a := e.I("GET", "/v1/accounts/"+m.freelancer, nil); a.Str("status") != "closed" || a.Str("close_reason") != "redundant_account" {
				t.Fatalf("M7: %s", a.Raw)
			}
		})

		t.Run("P3 plans, monthly grant, cap, proposals and refunds", func(t *testing.T) {
			m := newMarket(t, e)
			acc := e.I("PUT", "/v1/accounts/"+m.freelancer+"/plan", map[string]any{"plan": "plus"}).Want(t, 200)
			if acc.Num("connects") != 100 {
				t.Fatalf("upgrade: %s", acc.Raw)
			}
			job := m.job(t, 16)
			e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": m.freelancer, "cover_letter": "Hi"}, "Acting-Account", m.freelancer).Want(t, 201)
			if c := e.I("GET", "/v1/accounts/"+m.freelancer, nil).Num("connects"); c != 84 {
				t.Fatalf("connects %v", c)
			}
			e.I("POST", "/v1/jobs/"+job+"/close", map[string]any{"reason": "cancelled"}, "Acting-Account", m.client).Want(t, 200)
			if c := e.I("GET", "/v1/accounts/"+m.freelancer, nil).Num("connects"); c != 100 {
				t.Fatalf("P3 refund: connects %v", c)
			}
			e.Advance("745h") // one month: +100
			e.Advance("745h") // +100, capped at 200
			if c := e.I("GET", "/v1/accounts/"+m.freelancer, nil).Num("connects"); c != 200 {
				t.Fatalf("P3 cap: connects %v", c)
			}
			poor := e.Signup(true, nil)
			e.Verify(poor, "Member Number").Want(t, 200)
			big := m.job(t, 16)
			e.I("POST", "/v1/proposals", map[string]any{"job_id": big, "account_id": poor, "cover_letter": "Hi"}, "Acting-Account", poor).Want(t, 409, "insufficient_connects")
			unverified := e.Signup(true, nil)
			r := e.I("POST", "/v1/proposals", map[string]any{"job_id": big, "account_id": unverified, "cover_letter": "Hi"}, "Acting-Account", unverified).Want(t, 403, "capability_blocked")
			if r.Str("rule") != "I1" {
				t.Fatalf("%s", r.Raw)
			}
			e.I("POST", "/v1/jobs", map[string]any{"organization_id": m.org, "title": "x", "description": "y", "connects_price": 17}, "Acting-Account", m.client).Want(t, 400, "invalid_request")
		})

		t.Run("P4 a client adds a freelancer profile to the same account", func(t *testing.T) {
			id := e.Signup(false, nil)
			r := e.I("PUT", "/v1/accounts/"+id+"/profile", map[string]any{"title": "Designer", "overview": "Logos and brands", "hourly_rate_cents": 5000, "skills": []string{"Figma"}}).Want(t, 200)
			if r.Get("freelancer") != true || r.Get("client") != true {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("L9 dormancy: notice after 24 months, closed 30 days later, reactivatable", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.Advance("17521h")
			n := e.I("GET", "/v1/accounts/"+id+"/notices", nil)
			if n.Str("data.0.rule") != "L9" {
				t.Fatalf("no dormancy notice: %s", n.Raw)
			}
			e.Advance("721h")
			a := e.I("GET", "/v1/accounts/"+id, nil)
			if a.Str("status") != "closed" || a.Str("close_reason") != "dormant" {
				t.Fatalf("%s", a.Raw)
			}
			e.I("POST", "/v1/accounts/"+id+"/reactivation", map[string]any{"channel": "web"}).Want(t, 200)
		})
	})
}

// TestL9WorkIsActivity: L9, an account "with no activity for 24 months"
// gets the dormancy notice. Logging hours and withdrawing earnings are
// activity: a freelancer who did either a month ago is not told the
// account has had no activity for 24 months.
func TestL9WorkIsActivity(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		paid, hourly := newMarket(t, e), newMarket(t, e)
		ctr := paid.contract(t, paid.job(t, 2), "fixed")
		e.I("POST", "/v1/contracts/"+ctr+"/payments", map[string]any{"amount_cents": 5000}, "Acting-Account", paid.client).Want(t, 200)
		hctr := hourly.contract(t, hourly.job(t, 2), "hourly")
		e.Advance("700d")
		e.I("POST", "/v1/accounts/"+paid.freelancer+"/withdrawals", map[string]any{"amount_cents": 5000}, "Acting-Account", paid.freelancer).Want(t, 201)
		e.I("POST", "/v1/contracts/"+hctr+"/hours", map[string]any{"hours": 2, "date": e.Clock.Now().Format("2006-01-02")}, "Acting-Account", hourly.freelancer).Want(t, 200)
		e.Advance("40d") // 740 days after the contracts started, 40 after the work
		for _, id := range []string{paid.freelancer, hourly.freelancer} {
			if n := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200); n.Str("data.0.rule") == "L9" {
				t.Fatalf("L9: a dormancy notice 40 days after the member's last work: %s", n.Raw)
			}
		}
	})
}
