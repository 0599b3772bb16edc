package httpapi_test

import (
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestDueProcess runs, through the API on both engines, every attack and
// support mistake of the due-process issue, each under the rule it breaks.
func TestDueProcess(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		notices := func(id string) apitest.Resp { return e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200) }
		status := func(id string) string { return e.I("GET", "/v1/accounts/"+id, nil).Str("status") }

		t.Run("section 9: a banned member cannot report itself, and a dismissed report changes nothing", func(t *testing.T) {
			b := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+b+"/sanctions", map[string]any{"rule": "V3", "action": "ban", "reason": "bulk messages"}).Want(t, 201)
			e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": b, "channel": "web", "body": "me"}, "Acting-Account", b).Want(t, 400, "invalid_request")
			reporter := e.Signup(false, nil)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": b, "channel": "web", "body": "this person is a total scammer"},
				"Acting-Account", reporter).Want(t, 201)
			if c.Str("reporter_account_id") != reporter {
				t.Fatalf("the reporter is not recorded: %s", c.Raw)
			}
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "dismiss"}).Want(t, 200)
			if status(b) != "banned" {
				t.Fatalf("a dismissed report reinstated the member: %s", status(b))
			}
		})

		t.Run("Acting member: a body field naming another member is 403 not_owner", func(t *testing.T) {
			a, b := e.Signup(true, nil), e.Signup(true, nil)
			victim := e.Signup(false, nil)
			for i := 0; i < 3; i++ {
				e.I("POST", "/v1/messages", map[string]any{"from_account_id": b, "to_account_id": victim, "body": "pay me via PayPal please"},
					"Acting-Account", a).Want(t, 403, "not_owner")
			}
			e.I("POST", "/v1/invitations", map[string]any{"job_id": "job_x", "from_account_id": b, "to_account_id": victim, "body": "hi"},
				"Acting-Account", a).Want(t, 403, "not_owner")
			e.I("POST", "/v1/reviews", map[string]any{"contract_id": "ctr_x", "author_account_id": b, "rating": 1, "text": "bad"},
				"Acting-Account", a).Want(t, 403, "not_owner")
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": b, "channel": "web", "body": "x", "notice_id": "ntc_x"},
				"Acting-Account", a).Want(t, 403, "not_owner")
			if status(b) != "active" || e.I("GET", "/v1/accounts/"+b, nil).Num("strikes") != 0 {
				t.Fatal("the forged messages acted on B")
			}
		})

		t.Run("E3 granting the appeal of an old V9 suspension leaves a later V4 ban in place", func(t *testing.T) {
			id := e.Signup(true, nil)
			s := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "stolen identity"}).Want(t, 201)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "the portfolio is mine",
				"notice_id": s.Str("notice.id")}, "Acting-Account", id).Want(t, 201)
			e.S("POST", "/v1/cases/"+c.Str("id")+"/resolution", map[string]any{"outcome": "grant", "reason": "You showed the originals."}).Want(t, 200)
			if status(id) != "banned" {
				t.Fatalf("E3: the later ban was undone: %s", status(id))
			}
			n := notices(id)
			if n.Str("data.0.action") != "reinstatement" || !strings.Contains(n.Str("data.0.facts"), "banned under rule V4") {
				t.Fatalf("E3: the notice does not say what stays: %s", n.Str("data.0.facts"))
			}
		})

		t.Run("M5 a signal for a closed account is refused and never suspends a live account", func(t *testing.T) {
			closed := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+closed+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
			live := e.Signup(true, map[string]any{"signals": map[string]any{"phone": "+1 415 555 0142"}})
			r := e.I("POST", "/v1/accounts/"+closed+"/signals", map[string]any{"kind": "phone", "value": "+1 415 555 0142"}).Want(t, 409, "account_not_live")
			if r.Str("rule") != "M5" || status(live) != "active" {
				t.Fatalf("M5: %s, live account %s", r.Raw, status(live))
			}
		})

		t.Run("section 9: rules are validated, uphold needs one, reasons are required", func(t *testing.T) {
			id := e.Signup(true, nil)
			rep := e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": id, "channel": "web", "body": "x"}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+rep+"/resolution", map[string]any{"outcome": "action", "rule": "NOPE", "reason": "r"}).Want(t, 400, "invalid_request")
			e.S("POST", "/v1/cases/"+rep+"/resolution", map[string]any{"outcome": "action", "rule": "V9"}).Want(t, 422, "reason_required")
			vr := e.I("POST", "/v1/cases", map[string]any{"kind": "violation_review", "account_id": id, "channel": "web", "body": "x"}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+vr+"/resolution", map[string]any{"outcome": "uphold", "reason": "r"}).Want(t, 422, "rule_required")
			if s := e.S("GET", "/v1/cases/"+vr, nil).Str("status"); s != "open" || status(id) != "active" {
				t.Fatalf("a refused resolution changed something: case %s, account %s", s, status(id))
			}
			e.S("POST", "/v1/cases/"+vr+"/resolution", map[string]any{"outcome": "uphold", "rule": "V9", "reason": "The images are a stock photographer's."}).Want(t, 200)
			if n := notices(id); n.Str("data.0.rule") != "V9" || n.Str("data.0.action") != "warning" {
				t.Fatalf("uphold: %s", n.Raw)
			}
		})

		t.Run("V1 multiple_accounts with no keep_account_id keeps the original, not the new sign-up", func(t *testing.T) {
			orig := e.Signup(true, nil)
			dup := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+orig+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-dp-1"}).Want(t, 200)
			d := e.I("POST", "/v1/accounts/"+dup+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-dp-1"}).Want(t, 200)
			if d.Str("decision.rule") != "V1" {
				t.Fatalf("%s", d.Raw)
			}
			// The V1 notice names the other account by its id (E2), never the account itself.
			for _, pair := range [][2]string{{orig, dup}, {dup, orig}} {
				id, other := pair[0], pair[1]
				facts := notices(id).Str("data.0.facts")
				if strings.Contains(facts, "account "+id) || !strings.Contains(facts, "account "+other) {
					t.Fatalf("V1 notice of %s does not name the other account %s: %s", id, other, facts)
				}
			}
			c := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+dup, nil).Str("data.0.id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "multiple_accounts", "reason": "Both accounts are yours.",
				"note": "Spouses; shared family card confirmed by phone"}).Want(t, 200)
			if status(orig) != "active" || status(dup) != "banned" {
				t.Fatalf("kept %s, banned %s", status(orig), status(dup))
			}
			for _, id := range []string{orig, dup} {
				if strings.Contains(string(notices(id).Raw), "Spouses") {
					t.Fatalf("section 9: the internal note reached %s's notices", id)
				}
			}
		})

		t.Run("L11 a closure-assistance close is refused with the blockers", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it"}).Want(t, 201).Str("id")
			r := e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "close"}).Want(t, 409, "closure_blocked")
			if r.Str("blockers.0.code") != "fraud_hold" || status(id) != "active" {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("E3 a denied appeal tells the member the reviewer's reason, never the note or the report", func(t *testing.T) {
			id := e.Signup(true, nil)
			s := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "I only asked for honesty",
				"notice_id": s.Str("notice.id")}, "Acting-Account", id).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "deny", "note": "checked chat logs"}).Want(t, 422, "reason_required")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "deny", "reason": "The message offered a discount for five stars",
				"note": "checked chat logs"}).Want(t, 200)
			n := notices(id)
			if n.Str("data.0.action") != "appeal_denied" || !strings.Contains(n.Str("data.0.facts"), "offered a discount for five stars") ||
				strings.Contains(string(n.Raw), "chat logs") {
				t.Fatalf("%s", n.Str("data.0.facts"))
			}
		})

		t.Run("V5 held messages wait for a person: release delivers and removes the strike", func(t *testing.T) {
			from, to := e.Signup(true, nil), e.Signup(false, nil)
			m := e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": "Let's skip the fees, pay me via PayPal"},
				"Acting-Account", from).Want(t, 201)
			if m.Str("message.status") != "held" || e.I("GET", "/v1/accounts/"+from, nil).Num("strikes") != 1 {
				t.Fatalf("%s", m.Raw)
			}
			held := e.S("GET", "/v1/messages?status=held&account_id="+from, nil).Want(t, 200)
			if held.Str("data.0.id") != m.Str("message.id") || held.Len("data.0.findings") == 0 {
				t.Fatalf("%s", held.Raw)
			}
			e.I("GET", "/v1/messages?status=held", nil).Want(t, 403, "forbidden_role")
			e.S("POST", "/v1/messages/"+m.Str("message.id")+"/review", map[string]any{"outcome": "uphold"}).Want(t, 200)
			// Upheld, it stays held but waits for no one: out of the queue, still in the member's messages.
			if q := e.S("GET", "/v1/messages?status=held&account_id="+from, nil).Want(t, 200); q.Len("data") != 0 {
				t.Fatalf("upheld message still in the queue: %s", q.Raw)
			}
			if all := e.S("GET", "/v1/messages?account_id="+from, nil).Want(t, 200); all.Str("data.0.status") != "held" || all.Str("data.0.review.outcome") != "uphold" {
				t.Fatalf("%s", all.Raw)
			}
			r := e.S("POST", "/v1/messages/"+m.Str("message.id")+"/review", map[string]any{"outcome": "release", "reason": "A PayPal integration job."}).Want(t, 200)
			if r.Str("status") != "delivered" || r.Str("body_delivered") == "" || e.I("GET", "/v1/accounts/"+from, nil).Num("strikes") != 0 {
				t.Fatalf("%s", r.Raw)
			}
			if n := notices(from); n.Str("data.0.action") != "reinstatement" || n.Str("data.0.rule") != "V5" {
				t.Fatalf("%s", n.Raw)
			}
			e.S("POST", "/v1/messages/"+m.Str("message.id")+"/review", map[string]any{"outcome": "release"}).Want(t, 409, "conflict")
		})
	})
}
