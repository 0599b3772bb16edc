package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/policy"
	"standing/internal/service"
	"standing/internal/store"
)

func msg(e *apitest.Env, t *testing.T, from, to, body string) apitest.Resp {
	t.Helper()
	return e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": body}).Want(t, 201)
}

func TestEnforcement(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), func(s *policy.Settings) {
			s.SpamMediumRecipients, s.SpamHighRecipients = 3, 6
		})

		t.Run("C1 POST /v1/screen finds obfuscated contacts with byte spans", func(t *testing.T) {
			text := "write to john dot smith at gmail dot com"
			r := e.I("POST", "/v1/screen", map[string]any{"text": text, "surface": "message"}).Want(t, 200)
			if r.Str("findings.0.category") != "contact.email" || r.Str("findings.0.normalized") != "john.smith@gmail.com" {
				t.Fatalf("%s", r.Raw)
			}
			if s, en := int(r.Num("findings.0.start")), int(r.Num("findings.0.end")); text[s:en] != r.Str("findings.0.text") {
				t.Fatalf("span %d-%d", s, en)
			}
			e.I("POST", "/v1/screen", map[string]any{"text": "x", "surface": "tweet"}).Want(t, 400, "invalid_request")
		})

		t.Run("C3 V6 profile with contact details is refused; three refusals make a strike", func(t *testing.T) {
			id := e.Signup(true, nil)
			body := map[string]any{"title": "Designer", "overview": "Reach me at ana.r@gmail.com", "skills": []string{"Figma", "call 415 555 0134"}}
			for i := 0; i < 3; i++ {
				r := e.I("PUT", "/v1/accounts/"+id+"/profile", body).Want(t, 422, "contact_info_not_allowed")
				if r.Len("findings") != 2 || r.Str("findings.0.field") == "" {
					t.Fatalf("%s", r.Raw)
				}
			}
			a := e.I("GET", "/v1/accounts/"+id, nil)
			if a.Num("strikes") != 1 {
				t.Fatalf("C3: %s", a.Raw)
			}
		})

		t.Run("C2 C3 job posts and proposals with contact details are refused; strangers cannot post", func(t *testing.T) {
			m := newMarket(t, e)
			r := e.I("POST", "/v1/jobs", map[string]any{"organization_id": m.org, "title": "Logo", "description": "Call me on 415 555 0134",
				"connects_price": 2}, "Acting-Account", m.client).Want(t, 422, "contact_info_not_allowed")
			if r.Str("findings.0.field") != "description" || r.Str("findings.0.category") != "contact.phone" {
				t.Fatalf("%s", r.Raw)
			}
			job := m.job(t, 2)
			r = e.I("POST", "/v1/proposals", map[string]any{"job_id": job, "account_id": m.freelancer, "cover_letter": "see free-lancer dot io"},
				"Acting-Account", m.freelancer).Want(t, 422, "contact_info_not_allowed")
			if r.Str("findings.0.field") != "cover_letter" {
				t.Fatalf("%s", r.Raw)
			}
			if c := e.I("GET", "/v1/accounts/"+m.freelancer, nil).Num("connects"); c != 10 {
				t.Fatalf("a refused proposal spent Connects: %v", c)
			}
			e.I("POST", "/v1/jobs", map[string]any{"organization_id": m.org, "title": "x", "description": "y", "connects_price": 2},
				"Acting-Account", m.freelancer).Want(t, 403, "not_member")
		})

		t.Run("C2 V6 contact in a first message is masked; inside a contract it is delivered", func(t *testing.T) {
			m := newMarket(t, e)
			r := msg(e, t, m.freelancer, m.client, "Hi! My email is free.lancer@gmail.com, thanks")
			if r.Str("message.status") != "redacted" || strings.Contains(r.Str("message.body_delivered"), "gmail") || r.Str("decision.rule") != "V6" {
				t.Fatalf("%s", r.Raw)
			}
			m.contract(t, m.job(t, 2), "fixed")
			r = msg(e, t, m.freelancer, m.client, "Here is my email free.lancer@gmail.com for the files")
			if r.Str("message.status") != "delivered" || !strings.Contains(r.Str("message.body_delivered"), "gmail") {
				t.Fatalf("inside a contract: %s", r.Raw)
			}
			// V5 still applies inside a contract.
			r = msg(e, t, m.freelancer, m.client, "Let's do the next milestone outside the platform to avoid the fee.")
			if r.Str("message.status") != "held" || r.Get("message.body_delivered") != nil || r.Str("decision.rule") != "V5" {
				t.Fatalf("V5: %s", r.Raw)
			}
		})

		t.Run("strike ladder: warning, suspension with deadline, E1 ban; strikes expire", func(t *testing.T) {
			a, b := e.Signup(true, nil), e.Signup(false, nil)
			r := msg(e, t, a, b, "Pay me via PayPal instead, it saves the fees")
			if r.Str("message.status") != "held" {
				t.Fatalf("%s", r.Raw)
			}
			n := e.I("GET", "/v1/accounts/"+a+"/notices", nil)
			if n.Str("data.0.action") != "warning" || n.Str("data.0.rule") != "V5" || n.Get("data.0.automated_detection") != true {
				t.Fatalf("1st strike: %s", n.Raw)
			}
			msg(e, t, a, b, "Could you leave me a 5-star review please?")
			acc := e.I("GET", "/v1/accounts/"+a, nil)
			if acc.Str("status") != "suspended" || acc.Str("respond_by") == "" {
				t.Fatalf("2nd strike: %s", acc.Raw)
			}
			n = e.I("GET", "/v1/accounts/"+a+"/notices", nil)
			if n.Str("data.0.action") != "suspension" || n.Str("data.0.respond_by") == "" || n.Str("data.0.appeal_until") == "" {
				t.Fatalf("notice: %s", n.Raw)
			}
			e.Advance("337h") // 14 days and a bit
			if s := e.I("GET", "/v1/accounts/"+a, nil).Str("status"); s != "banned" {
				t.Fatalf("E1: %s", s)
			}
			// A strike older than 12 months no longer counts.
			c, d := e.Signup(true, nil), e.Signup(false, nil)
			msg(e, t, c, d, "Send the payment directly to my bank account")
			e.Advance("8761h")
			msg(e, t, c, d, "Send the payment directly to my bank account")
			acc = e.I("GET", "/v1/accounts/"+c, nil)
			if acc.Str("status") != "active" || acc.Num("strikes") != 1 {
				t.Fatalf("expiry: %s", acc.Raw)
			}
		})

		t.Run("remedy accepted before the deadline keeps the account", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio", "respond_within_hours": 48}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/remedy", map[string]any{"note": "removed"}).Want(t, 200)
			e.Advance("49h")
			if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "active" {
				t.Fatalf("status %s", s)
			}
		})

		t.Run("V3 spam: near-duplicate first contacts, medium then high", func(t *testing.T) {
			spammer := e.Signup(false, nil)
			var last apitest.Resp
			for i := 0; i < 6; i++ {
				to := e.Signup(true, nil)
				last = msg(e, t, spammer, to, fmt.Sprintf("Hello friend %d, I have an amazing crypto opportunity for you, reply to get rich fast", i))
				if i == 2 && last.Str("decision.outcome") != "review" {
					t.Fatalf("medium: %s", last.Raw)
				}
			}
			if s := e.I("GET", "/v1/accounts/"+spammer, nil).Str("status"); s != "banned" || last.Str("decision.rule") != "V3" {
				t.Fatalf("high: %s %s", s, last.Raw)
			}
			honest := e.Signup(false, nil)
			for i, text := range []string{"Hi, loved your logo work, are you free next week?", "Hello, can you fix a WordPress plugin bug?",
				"Good morning, I need a translator for a contract", "Hey, interested in a long term data project", "Hi there, do you edit podcasts?"} {
				r := msg(e, t, honest, e.Signup(true, nil), text)
				if r.Str("decision.outcome") != "allow" {
					t.Fatalf("honest message %d flagged: %s", i, r.Raw)
				}
			}
		})

		t.Run("V8 review between linked accounts is voided and both are banned", func(t *testing.T) {
			m := newMarket(t, e)
			e.I("POST", "/v1/accounts/"+m.client+"/signals", map[string]any{"kind": "device_id", "value": "laptop-v8"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+m.freelancer+"/signals", map[string]any{"kind": "device_id", "value": "laptop-v8"}).Want(t, 200)
			ctr := m.contract(t, m.job(t, 2), "fixed")
			r := e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 5, "text": "great"}).Want(t, 201)
			if r.Str("status") != "voided" {
				t.Fatalf("%s", r.Raw)
			}
			for _, id := range []string{m.client, m.freelancer} {
				if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "banned" {
					t.Fatalf("%s is %s", id, s)
				}
			}
			e.I("POST", "/v1/reviews", map[string]any{"contract_id": ctr, "author_account_id": m.client, "rating": 6, "text": "x"}).Want(t, 400, "invalid_request")
		})

		t.Run("E3 appeal granted restores status and removes the strike; window closes", func(t *testing.T) {
			id := e.Signup(true, nil)
			r := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fake portfolio"}).Want(t, 201)
			ntc := r.Str("notice.id")
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "It is my work", "notice_id": ntc}).Want(t, 201)
			e.I("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "grant"}).Want(t, 403, "forbidden_role")
			e.S("PATCH", "/v1/cases/"+c.Str("id"), map[string]any{"assignee": "reviewer-1", "note": "checking sources"}).Want(t, 200)
			res := e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "grant", "note": "originals shown"}).Want(t, 200)
			if res.Str("status") != "resolved" || res.Len("history") < 3 {
				t.Fatalf("%s", res.Raw)
			}
			if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "active" {
				t.Fatalf("after grant: %s", s)
			}
			if n := e.I("GET", "/v1/accounts/"+id+"/notices", nil); n.Str("data.0.action") != "reinstatement" {
				t.Fatalf("%s", n.Raw)
			}
			// Strike removed by a granted appeal.
			a, b := e.Signup(true, nil), e.Signup(false, nil)
			msg(e, t, a, b, "Zelle me the rest and we are done")
			strikeNotice := e.I("GET", "/v1/accounts/"+a+"/notices", nil).Str("data.0.id")
			ap := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": a, "channel": "web", "body": "joke", "notice_id": strikeNotice}).Want(t, 201)
			e.S("POST", "/v1/cases/"+ap.Str("id")+"/resolution", map[string]any{"outcome": "grant"}).Want(t, 200)
			if n := e.I("GET", "/v1/accounts/"+a, nil).Num("strikes"); n != 0 {
				t.Fatalf("strikes %v", n)
			}
			// Denied appeals get a notice too; a closed window refuses.
			e.Advance("4400h")
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "late", "notice_id": ntc}).Want(t, 409, "appeal_window_closed")
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "x"}).Want(t, 400, "invalid_request")
		})

		t.Run("E4 banned freelancer is paid after the hold; escrow goes back; fraud hold stops payouts", func(t *testing.T) {
			m := newMarket(t, e)
			ctr := m.contract(t, m.job(t, 2), "fixed")
			e.I("POST", "/v1/contracts/"+ctr+"/payments", map[string]any{"amount_cents": 10000}, "Acting-Account", m.client).Want(t, 200)
			e.Advance("121h")
			e.S("POST", "/v1/accounts/"+m.freelancer+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
			bal := e.I("GET", "/v1/accounts/"+m.freelancer+"/balance", nil).Want(t, 200)
			if bal.Num("available_cents") != 10000 || bal.Str("payout_hold_until") == "" || bal.Num("escrow_cents") != 0 {
				t.Fatalf("%s", bal.Raw)
			}
			// The undelivered work's escrow went back to the client and the contract ended.
			if cb := e.I("GET", "/v1/accounts/"+m.client+"/balance", nil); cb.Num("escrow_cents") != 0 {
				t.Fatalf("client escrow after the ban: %s", cb.Raw)
			}
			if pre := e.I("GET", "/v1/organizations/"+m.org+"/closure", nil, "Acting-Account", m.client); len(codes(pre)) != 1 {
				t.Fatalf("the banned freelancer's contract still blocks the client: %s", pre.Raw)
			}
			r := e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 10000}).Want(t, 403, "capability_blocked")
			if r.Str("rule") != "E4" {
				t.Fatalf("%s", r.Raw)
			}
			e.Advance("121h")
			e.S("POST", "/v1/accounts/"+m.freelancer+"/fraud-hold", map[string]any{"reason": "stolen card"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 10000}).Want(t, 403, "capability_blocked")
			e.S("DELETE", "/v1/accounts/"+m.freelancer+"/fraud-hold", nil).Want(t, 200)
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 10000}).Want(t, 201)
		})

		t.Run("E2 notices render as valid DSA statements without personal data", func(t *testing.T) {
			id := e.Signup(true, map[string]any{"name": "Private Person", "email": "private.person@example.com"})
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "restriction", "reason": "copied", "capability": "submit_proposal"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V6", "action": "warning", "reason": "contact"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V5", "action": "suspension", "reason": "paypal"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "I3", "action": "ban", "reason": "minor"}).Want(t, 201)
			ns := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200)
			puids := map[string]bool{}
			decisions := map[string]bool{}
			for _, n := range ns.Get("data").([]any) {
				nid := n.(map[string]any)["id"].(string)
				r := e.S("GET", "/v1/notices/"+nid+"/dsa", nil).Want(t, 200)
				checkStatement(t, r.Raw)
				for _, pd := range []string{id, "Private", "private.person", "@"} {
					if strings.Contains(string(r.Raw), pd) {
						t.Errorf("statement carries personal data %q: %s", pd, r.Raw)
					}
				}
				if puids[r.Str("puid")] {
					t.Error("puid not unique")
				}
				puids[r.Str("puid")] = true
				for _, k := range []string{"decision_account", "decision_provision", "decision_monetary"} {
					if v := r.Str(k); v != "" {
						decisions[v] = true
					}
				}
				if r.Str("category") == "STATEMENT_CATEGORY_PROTECTION_OF_MINORS" && r.Str("decision_account") != "DECISION_ACCOUNT_TERMINATED" {
					t.Errorf("I3 ban: %s", r.Raw)
				}
			}
			for _, want := range []string{"DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED", "DECISION_PROVISION_PARTIAL_SUSPENSION", "DECISION_MONETARY_SUSPENSION"} {
				if !decisions[want] {
					t.Errorf("no statement with %s", want)
				}
			}
			e.I("GET", "/v1/notices/"+ns.Str("data.0.id")+"/dsa", nil).Want(t, 403, "forbidden_role")
		})

		t.Run("transparency report counts decisions and appeals", func(t *testing.T) {
			r := e.S("GET", "/v1/reports/transparency?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", nil).Want(t, 200)
			if r.Len("actions") == 0 || r.Num("appeals.received") < 2 || r.Num("appeals.granted") < 2 {
				t.Fatalf("%s", r.Raw)
			}
			e.S("GET", "/v1/reports/transparency?from=yesterday", nil).Want(t, 400, "invalid_request")
		})

		t.Run("cases: queues, filters, every kind, resolutions by kind", func(t *testing.T) {
			id := e.Signup(true, nil)
			for _, k := range service.CaseKinds() {
				if k == "appeal" {
					continue
				}
				e.I("POST", "/v1/cases", map[string]any{"kind": k, "account_id": id, "channel": "email", "body": "help"}).Want(t, 201)
			}
			q := e.S("GET", "/v1/cases?account_id="+id+"&status=open", nil).Want(t, 200)
			if q.Len("data") != len(service.CaseKinds())-1 {
				t.Fatalf("%s", q.Raw)
			}
			c := e.S("GET", "/v1/cases?kind=reactivation&account_id="+id, nil).Str("data.0.id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "grant"}).Want(t, 400, "invalid_request")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "decline"}).Want(t, 422, "reason_required")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "decline", "reason": "The account is not closed."}).Want(t, 200)
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "decline", "reason": "again"}).Want(t, 409, "conflict")
			got := e.S("GET", "/v1/cases/"+c, nil).Want(t, 200)
			if got.Str("due_at") == "" || got.Str("outcome") != "decline" {
				t.Fatalf("%s", got.Raw)
			}
			e.I("POST", "/v1/cases", map[string]any{"kind": "gossip", "account_id": id, "channel": "web", "body": "x"}).Want(t, 400, "invalid_request")
		})
	})
}

// TestWebhooks delivers signed events to a real receiver and keeps them
// through an outage until the receiver answers.
func TestWebhooks(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), apitest.AllowLocalWebhooks)
		var mu sync.Mutex
		down := true
		seen := map[string]int{}
		var secret string
		recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			sig := r.Header.Get("Standing-Signature")
			var ts int64
			fmt.Sscanf(sig, "t=%d,", &ts)
			if want := service.Sign(secret, time.Unix(ts, 0), body); sig != want {
				t.Errorf("bad signature %q", sig)
			}
			if down {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			var ev struct{ ID, Type string }
			_ = json.Unmarshal(body, &ev)
			seen[ev.Type]++
		}))
		defer recv.Close()
		hook := e.A("POST", "/v1/webhooks", map[string]any{"url": recv.URL, "events": []string{"account.status_changed", "notice.issued", "case.opened"}}).Want(t, 201)
		secret = hook.Str("secret")
		if !strings.HasPrefix(secret, "whsec_") {
			t.Fatalf("%s", hook.Raw)
		}
		id := e.Signup(true, nil)
		e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
		deadline := time.Now().Add(5 * time.Second)
		var log apitest.Resp
		for time.Now().Before(deadline) {
			log = e.A("GET", "/v1/webhooks/"+hook.Str("id")+"/deliveries", nil).Want(t, 200)
			if log.Len("data") >= 2 && log.Num("data.0.attempts") >= 1 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		// During the outage the attempt is logged as failed and the delivery stays due.
		if log.Num("data.0.attempts") < 1 || log.Num("data.0.last_status") != 503 || log.Get("data.0.delivered_at") != nil {
			t.Fatalf("delivery log during the outage: %s", log.Raw)
		}
		mu.Lock()
		down = false
		mu.Unlock()
		e.Advance("2h") // retries become due
		deadline = time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			n := seen["account.status_changed"] + seen["notice.issued"]
			mu.Unlock()
			if n >= 2 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		mu.Lock()
		defer mu.Unlock()
		if seen["account.status_changed"] < 1 || seen["notice.issued"] < 1 {
			t.Fatalf("after the outage the receiver saw %v", seen)
		}
		if seen["case.opened"] != 0 {
			t.Fatalf("an event the endpoint did not subscribe to was delivered: %v", seen)
		}
	})
}
