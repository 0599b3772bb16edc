package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

func TestExceptionsReputationAndRestarts(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		e := apitest.Start(t, db, nil)

		t.Run("E1 the deadline holds across a restart", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V6", "action": "suspension", "reason": "contact", "respond_within_hours": 24}).Want(t, 201)
			restarted := apitest.Start(t, db, nil) // a new process over the same database
			restarted.Advance("25h")
			if s := restarted.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "banned" {
				t.Fatalf("after restart: %s", s)
			}
			// E3: an appeal of the deadline ban, granted, returns the account to active.
			ban := restarted.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200)
			if ban.Str("data.0.rule") != "E1" || ban.Str("data.0.action") != "ban" {
				t.Fatalf("%s", ban.Raw)
			}
			c := restarted.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "I was in hospital",
				"notice_id": ban.Str("data.0.id")}).Want(t, 201)
			restarted.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "grant"}).Want(t, 200)
			if s := restarted.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "active" {
				t.Fatalf("after the appeal: %s", s)
			}
		})

		t.Run("M6 a new account after a closure in good standing, once approved", func(t *testing.T) {
			old := e.I("POST", "/v1/accounts", signupBody("fresh.start@example.com", "", "card-m6", "", "")).Want(t, 201).Str("account.id")
			e.I("POST", "/v1/accounts/"+old+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
			e.I("POST", "/v1/accounts", signupBody("fresh.start2@example.com", "", "card-m6", "", "")).Want(t, 409, "closed_account_exists")
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "new_account_request", "account_id": old, "channel": "web", "body": "new business"}).Want(t, 201)
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "approve"}).Want(t, 200)
			r := e.I("POST", "/v1/accounts", signupBody("fresh.start2@example.com", "", "card-m6", "", "")).Want(t, 201)
			if r.Str("decision.outcome") != "allow" {
				t.Fatalf("%s", r.Raw)
			}
			// The approval is for one new account only.
			e.I("POST", "/v1/accounts", signupBody("fresh.start3@example.com", "", "card-m6", "", "")).Want(t, 409, "account_exists")
		})

		t.Run("M6 refused after a violation in the last 12 months", func(t *testing.T) {
			old := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+old+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for 5 stars"}).Want(t, 201)
			e.I("POST", "/v1/accounts/"+old+"/closure", map[string]any{"reason": "other", "channel": "web"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "new_account_request", "account_id": old, "channel": "web", "body": "again"}).Want(t, 201)
			r := e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "approve"}).Want(t, 409, "conflict")
			if r.Str("rule") != "M6" {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("M6 distinct legal entity: linked accounts may coexist", func(t *testing.T) {
			a := e.Signup(false, nil)
			b := e.Signup(false, nil)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "multiple_account_exception", "account_id": a, "channel": "email",
				"body": "second company", "related_account_ids": []string{b}}).Want(t, 201)
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "approve"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "corp-card-1"}).Want(t, 200)
			r := e.I("POST", "/v1/accounts/"+b+"/signals", map[string]any{"kind": "payment_instrument", "value": "corp-card-1"}).Want(t, 200)
			if r.Str("account.status") != "active" || r.Str("decision.outcome") != "allow" {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("M7 self-disclosure keeps one linked account, closes the rest without sanction, leaves unlinked ones alone", func(t *testing.T) {
			a, b, unrelated := e.Signup(true, nil), e.Signup(true, nil), e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-m7"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+b+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-m7"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "self_disclosure", "account_id": a, "channel": "web",
				"body": "I made two by mistake", "related_account_ids": []string{b, unrelated}}).Want(t, 201)
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "keep"}).Want(t, 400, "invalid_request")
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "keep", "keep_account_id": unrelated}).Want(t, 400, "invalid_request")
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "keep", "keep_account_id": b}).Want(t, 200)
			ra, rb, ru := e.I("GET", "/v1/accounts/"+a, nil), e.I("GET", "/v1/accounts/"+b, nil), e.I("GET", "/v1/accounts/"+unrelated, nil)
			if ra.Str("status") != "closed" || ra.Str("close_reason") != "redundant_account" || ra.Num("strikes") != 0 || rb.Str("status") != "active" {
				t.Fatalf("%s\n%s", ra.Raw, rb.Raw)
			}
			if ru.Str("status") != "active" {
				t.Fatalf("M7: an unlinked account of the case was touched: %s", ru.Raw)
			}
		})

		t.Run("R1 R2 R3 Job Success, Top Rated and badge loss", func(t *testing.T) {
			f := topRated(t, e)
			if a := e.I("GET", "/v1/accounts/"+f, nil); a.Num("job_success") != 100 {
				t.Fatalf("R1: %s", a.Raw)
			}
			other := e.Signup(false, nil)
			msg(e, t, f, other, "Reach me on skype: top.talent99")
			if a := e.I("GET", "/v1/accounts/"+f, nil); a.Len("badges") != 0 {
				t.Fatalf("R3: badge kept after a V6 strike: %s", a.Raw)
			}
		})

		t.Run("C2 V5 payment talk is a violation only within 24 months of meeting", func(t *testing.T) {
			a, b := e.Signup(true, nil), e.Signup(false, nil)
			msg(e, t, a, b, "Hello, nice to meet you")
			e.Advance("17600h") // more than 24 months later
			r := msg(e, t, a, b, "Can you pay me via PayPal instead?")
			if r.Str("message.status") == "held" {
				t.Fatalf("V5 applied after 24 months: %s", r.Raw)
			}
		})

		t.Run("V3 invitations count toward spam", func(t *testing.T) {
			m := newMarket(t, e)
			job := m.job(t, 2)
			var last apitest.Resp
			for i := 0; i < 25; i++ {
				last = e.I("POST", "/v1/invitations", map[string]any{"job_id": job, "from_account_id": m.client, "to_account_id": e.Signup(true, nil),
					"body": "You are invited to apply to my job, the best opportunity this year, apply now"}).Want(t, 201)
			}
			if last.Str("decision.rule") != "V3" || e.I("GET", "/v1/accounts/"+m.client, nil).Str("status") != "banned" {
				t.Fatalf("%s", last.Raw)
			}
		})

	})
}
