package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/policy"
	"standing/internal/store"
)

// Audit 6: violations V3, V5-V10 and their strikes, screening flows C2-C4,
// reports, reviews, messages, invitations and webhooks.
func TestAudit6(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), func(s *policy.Settings) { s.SpamMediumRecipients, s.SpamHighRecipients = 3, 6 })

		t.Run("V7 a review that asks for a positive review in return makes a strike", func(t *testing.T) {
			m := newMarket(t, e)
			ctr := m.contract(t, m.job(t, 2), "fixed")
			r := e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.freelancer, "rating": 5,
				"text": "Great client. Please leave me a 5-star review too and I will give you a discount on the next job."},
				"Acting-Account", m.freelancer).Want(t, 201)
			if r.Str("status") != "published" {
				t.Fatalf("V7: the review is published with a strike: %s", r.Raw)
			}
			if a := e.I("GET", "/v1/accounts/"+m.freelancer, nil); a.Num("strikes") != 1 {
				t.Fatalf("V7: no strike for a review asking for five stars: %s", a.Raw)
			}
			n := e.I("GET", "/v1/accounts/"+m.freelancer+"/notices", nil)
			if n.Str("data.0.rule") != "V7" || n.Str("data.0.action") != "warning" || n.Str("data.0.evidence.0.ref") != r.Str("id") {
				t.Fatalf("V7 E2: %s", n.Raw)
			}
			// Asking for a review (not a positive one) is fine; so is a plain review.
			e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 5,
				"text": "Great work, fast and careful."}, "Acting-Account", m.client).Want(t, 201)
			if a := e.I("GET", "/v1/accounts/"+m.client, nil); a.Num("strikes") != 0 {
				t.Fatalf("V7: a plain review made a strike: %s", a.Raw)
			}
		})

		t.Run("V3 a client answering the proposals on its job is not sending unsolicited first contacts", func(t *testing.T) {
			m := newMarket(t, e)
			job := m.job(t, 2)
			for i := 0; i < 7; i++ {
				f := e.Signup(true, map[string]any{"name": "Bidder Number"})
				e.Verify(f, "Bidder Number").Want(t, 200)
				e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": f, "cover_letter": "I can do it"},
					"Acting-Account", f).Want(t, 201)
				r := e.I("POST", "/v1/messages", map[string]any{"from_account_id": m.client, "to_account_id": f,
					"body": "Thanks for your proposal, when are you free for a short call about the logo?"}, "Acting-Account", m.client).Want(t, 201)
				if r.Str("decision.outcome") != "allow" {
					t.Fatalf("V3: reply %d to a proposal taken for spam: %s", i+1, r.Raw)
				}
			}
			if s := e.I("GET", "/v1/accounts/"+m.client, nil).Str("status"); s != "active" {
				t.Fatalf("V3: a client answering its applicants is %s", s)
			}
		})

		t.Run("C3 V6 each refused attempt counts toward one strike only", func(t *testing.T) {
			id := e.Signup(true, nil)
			bad := map[string]any{"title": "Designer", "overview": "Reach me at ana.r@gmail.com", "skills": []string{"Figma"}}
			refuse := func() { e.I("PUT", "/v1/accounts/"+id+"/profile", bad).Want(t, 422, "contact_info_not_allowed") }
			refuse()
			e.Advance("1h")
			refuse()
			e.Advance("1h")
			refuse() // three in 24 hours: the strike
			if a := e.I("GET", "/v1/accounts/"+id, nil); a.Num("strikes") != 1 {
				t.Fatalf("C3: three refusals in 24 hours: %s", a.Raw)
			}
			e.Advance("22h") // the first attempt leaves the window; the 2nd and 3rd already made the strike
			refuse()
			a := e.I("GET", "/v1/accounts/"+id, nil)
			if a.Num("strikes") != 1 || a.Str("status") != "active" {
				t.Fatalf("C3: one new refusal counted the two behind the last strike again: %s", a.Raw)
			}
			refuse()
			refuse() // three new attempts: the next strike
			if a := e.I("GET", "/v1/accounts/"+id, nil); a.Num("strikes") != 2 {
				t.Fatalf("C3: three new refusals in 24 hours: %s", a.Raw)
			}
		})

		t.Run("C1 C4 V3 a first contact taken for spam carries a spam.bulk finding", func(t *testing.T) {
			spammer := e.Signup(false, nil)
			var last apitest.Resp
			for i := 0; i < 6; i++ {
				last = msg(e, t, spammer, e.Signup(true, nil), "Hello friend, I have an amazing opportunity for you, reply to get rich fast")
				if i == 2 {
					if last.Str("decision.outcome") != "review" || last.Str("findings.0.category") != "spam.bulk" {
						t.Fatalf("V3 medium: %s", last.Raw)
					}
				}
			}
			body := last.Str("message.body_delivered")
			if last.Str("decision.outcome") != "block" || last.Str("findings.0.category") != "spam.bulk" ||
				int(last.Num("findings.0.end")) != len(body) || last.Num("findings.0.confidence") <= 0 || last.Str("findings.0.normalized") == "" {
				t.Fatalf("V3 high: C4 evidence of a spam finding: %s", last.Raw)
			}
		})

		t.Run("V8 an owner that hired itself cannot review itself", func(t *testing.T) {
			self := e.Signup(true, map[string]any{"name": "Self Hire"})
			e.Verify(self, "Self Hire").Want(t, 200)
			org := e.I("POST", "/v1/organizations", map[string]any{"name": "Me Inc"}, "Acting-Account", self).Want(t, 201).Str("id")
			job := e.I("POST", "/v1/jobs", map[string]any{"organization_id": org, "title": "Logo", "description": "A new logo", "connects_price": 2},
				"Acting-Account", self).Want(t, 201).Str("id")
			ctr := e.I("POST", "/v1/contracts", map[string]any{"job_id": job, "freelancer_account_id": self, "kind": "fixed", "escrow_cents": 1000},
				"Acting-Account", self)
			if ctr.Status != 201 {
				return // a contract with oneself refused outright is as good
			}
			e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr.Str("id"), "author_account_id": self, "rating": 5, "text": "Superb"},
				"Acting-Account", self).Want(t, 409, "conflict")
		})

		t.Run("C2 a member who joins the organization later shares its contracts: contact details may be shared", func(t *testing.T) {
			m := newMarket(t, e)
			m.contract(t, m.job(t, 2), "fixed")
			admin := e.Signup(false, nil)
			e.I("POST", "/v1/organizations/"+m.org+"/members", map[string]any{"account_id": admin, "role": "admin"}, "Acting-Account", m.client).Want(t, 201)
			r := e.I("POST", "/v1/messages", map[string]any{"from_account_id": admin, "to_account_id": m.freelancer,
				"body": "I took over this project, my email is new.admin@gmail.com"}, "Acting-Account", admin).Want(t, 201)
			if r.Str("message.status") != "delivered" || r.Get("decision.rule") != nil {
				t.Fatalf("C2: inside the organization's contract: %s", r.Raw)
			}
			if a := e.I("GET", "/v1/accounts/"+admin, nil); a.Num("strikes") != 0 {
				t.Fatalf("C2: %s", a.Raw)
			}
		})
	})
}
