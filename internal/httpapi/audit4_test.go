package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestAudit4 checks, through the API on both engines, what the fourth
// audit found: each subtest names the rule it holds the service to.
func TestAudit4(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		status := func(id string) string { return e.I("GET", "/v1/accounts/"+id, nil).Str("status") }

		t.Run("E3 a decision is appealed once: a second appeal, open or decided, is 409", func(t *testing.T) {
			id := e.Signup(true, nil)
			s := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio"}).Want(t, 201)
			body := map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "the work is mine", "notice_id": s.Str("notice.id")}
			first := e.I("POST", "/v1/cases", body, "Acting-Account", id).Want(t, 201).Str("id")
			if r := e.I("POST", "/v1/cases", body, "Acting-Account", id).Want(t, 409, "conflict"); r.Str("rule") != "E3" {
				t.Fatalf("E3: a second open appeal of one notice: %s", r.Raw)
			}
			denied := e.S("POST", "/v1/cases/"+first+"/resolution", map[string]any{"outcome": "deny", "reason": "The images are a stock photographer's."}).Want(t, 200)
			if denied.Str("outcome") != "deny" {
				t.Fatalf("%s", denied.Raw)
			}
			e.I("POST", "/v1/cases", body, "Acting-Account", id).Want(t, 409, "conflict")
			answer := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Str("data.0.id")
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "again", "notice_id": answer},
				"Acting-Account", id).Want(t, 409, "conflict")
			if status(id) != "suspended" {
				t.Fatalf("E3: refused appeals changed the account: %s", status(id))
			}
			// A withdrawn appeal leaves room for another within the window.
			other := e.Signup(true, nil)
			w := e.S("POST", "/v1/accounts/"+other+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201)
			ab := map[string]any{"kind": "appeal", "account_id": other, "channel": "web", "body": "x", "notice_id": w.Str("notice.id")}
			c := e.I("POST", "/v1/cases", ab, "Acting-Account", other).Want(t, 201).Str("id")
			e.S("PATCH", "/v1/cases/"+c, map[string]any{"status": "withdrawn"}).Want(t, 200)
			e.I("POST", "/v1/cases", ab, "Acting-Account", other).Want(t, 201)
		})

		t.Run("section 9 uphold and a report's action act only under a violation rule, never a procedural one", func(t *testing.T) {
			id := e.Signup(true, nil)
			vr := e.I("POST", "/v1/cases", map[string]any{"kind": "violation_review", "account_id": id, "channel": "web", "body": "x"}).Want(t, 201).Str("id")
			if r := e.S("POST", "/v1/cases/"+vr+"/resolution", map[string]any{"outcome": "uphold", "rule": "L2", "reason": "r"}).Want(t, 409, "conflict"); r.Str("rule") != "L2" {
				t.Fatalf("%s", r.Raw)
			}
			rep := e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": id, "channel": "web", "body": "x"}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+rep+"/resolution", map[string]any{"outcome": "action", "rule": "E1", "reason": "r"}).Want(t, 409, "conflict")
			acc := e.I("GET", "/v1/accounts/"+id, nil)
			if acc.Num("strikes") != 0 || e.I("GET", "/v1/accounts/"+id+"/notices", nil).Len("data") != 0 {
				t.Fatalf("section 9: a refused outcome struck the member: %s", acc.Raw)
			}
			e.S("POST", "/v1/cases/"+rep+"/resolution", map[string]any{"outcome": "action", "rule": "V9", "reason": "The logo is another studio's."}).Want(t, 200)
		})

		t.Run("E1 a remedy after respond_by is too late, even before the deadline job runs", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio",
				"respond_within_hours": 1}).Want(t, 201)
			e.Clock.Advance(time.Hour) // the deadline passes; the job has not necessarily run
			if r := e.S("POST", "/v1/accounts/"+id+"/remedy", map[string]any{"note": "removed"}).Want(t, 409, "invalid_transition"); r.Str("rule") != "E1" {
				t.Fatalf("%s", r.Raw)
			}
			e.Advance("0s")
			if status(id) != "banned" {
				t.Fatalf("E1: the suspension whose deadline passed is %s, not banned", status(id))
			}
		})

		t.Run("V5 E2 releasing the message behind a suspension says in words that the suspension is lifted", func(t *testing.T) {
			from, to := e.Signup(true, nil), e.Signup(false, nil)
			msg(e, t, from, to, "pay me via PayPal please")
			m := msg(e, t, from, to, "send it by Zelle instead")
			if status(from) != "suspended" {
				t.Fatalf("2nd V5 strike: %s", status(from))
			}
			e.S("POST", "/v1/messages/"+m.Str("message.id")+"/review", map[string]any{"outcome": "release", "reason": "Zelle is the client's payroll"}).Want(t, 200)
			facts := e.I("GET", "/v1/accounts/"+from+"/notices", nil).Str("data.0.facts")
			if status(from) != "active" || !strings.Contains(facts, "The suspension that strike caused is lifted.") ||
				!strings.HasSuffix(facts, "Zelle is the client's payroll.") {
				t.Fatalf("E2: %s: %q", status(from), facts)
			}
		})

		t.Run("E2 every warning, restriction, suspension and ban says how to appeal it, and until when", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "restriction", "capability": "submit_proposal", "reason": "copied"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "stolen identity"}).Want(t, 201)
			ns := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200)
			if ns.Len("data") != 4 {
				t.Fatalf("%s", ns.Raw)
			}
			for i := 0; i < 4; i++ {
				n := "data." + string(rune('0'+i))
				if rem := ns.Str(n + ".remedy"); !strings.Contains(rem, "appeal") || !strings.Contains(rem, ns.Str(n+".id")) || ns.Str(n+".appeal_until") == "" {
					t.Errorf("E2: the %s notice does not say how to appeal: %q", ns.Str(n+".action"), rem)
				}
			}
		})

		t.Run("E3 E4 granting the appeal of a fraud hold lifts that hold, and the member can withdraw", func(t *testing.T) {
			m := newMarket(t, e)
			ctr := m.contract(t, m.job(t, 2), "fixed")
			e.I("POST", "/v1/contracts/"+ctr+"/payments", map[string]any{"amount_cents": 10000}, "Acting-Account", m.client).Want(t, 200)
			e.Advance("121h")
			e.S("POST", "/v1/accounts/"+m.freelancer+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 100}).Want(t, 403, "capability_blocked")
			hold := e.I("GET", "/v1/accounts/"+m.freelancer+"/notices", nil).Str("data.0.id")
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": m.freelancer, "channel": "web", "body": "my bank erred",
				"notice_id": hold}, "Acting-Account", m.freelancer).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "grant", "reason": "The chargebacks were the bank's error."}).Want(t, 200)
			facts := e.I("GET", "/v1/accounts/"+m.freelancer+"/notices", nil).Str("data.0.facts")
			if e.I("GET", "/v1/accounts/"+m.freelancer, nil).Get("fraud_hold") != false || strings.Contains(facts, "fraud hold on payouts stays") {
				t.Fatalf("E3: the granted appeal of the hold left it in place: %q", facts)
			}
			e.I("POST", "/v1/accounts/"+m.freelancer+"/withdrawals", map[string]any{"amount_cents": 100}).Want(t, 201)
		})

		t.Run("E3 a reinstatement or the member's own closure is not a decision to appeal", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
			closed := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Str("data.0.id")
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "x", "notice_id": closed},
				"Acting-Account", id).Want(t, 409, "conflict")
			other := e.Signup(true, nil)
			s := e.S("POST", "/v1/accounts/"+other+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+other+"/remedy", map[string]any{"note": "removed"}).Want(t, 200)
			back := e.I("GET", "/v1/accounts/"+other+"/notices", nil).Str("data.0.id")
			if back == s.Str("notice.id") {
				t.Fatal("no reinstatement notice")
			}
			e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": other, "channel": "web", "body": "x", "notice_id": back},
				"Acting-Account", other).Want(t, 409, "conflict")
		})

		t.Run("E2 denying the appeal of a warning gives no deadline of a later suspension", func(t *testing.T) {
			id := e.Signup(true, nil)
			w := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201)
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V9", "action": "suspension", "reason": "copied portfolio"}).Want(t, 201)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "x", "notice_id": w.Str("notice.id")},
				"Acting-Account", id).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "deny", "reason": "The message offered a discount for five stars."}).Want(t, 200)
			n := e.I("GET", "/v1/accounts/"+id+"/notices", nil)
			if n.Str("data.0.action") != "appeal_denied" || n.Get("data.0.respond_by") != nil {
				t.Fatalf("E2: the V7 denial carries the V9 suspension's deadline: %s", n.Raw)
			}
		})
	})
}
