package httpapi_test

import (
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestResolutionReasonGoesIntoTheNotice: API.md, POST /v1/cases/{id}/resolution:
// "reason is written for the member and goes into the notice; note is
// internal and never reaches a member" (POLICY.md section 9, due process:
// "what a member reads is what staff wrote for the member"). Outcomes that
// issue a notice without acting against the member (a support closure, a
// reactivation, an M7 keep) carry the reason too, and never the note.
func TestResolutionReasonGoesIntoTheNotice(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		notice := func(id string) apitest.Resp {
			t.Helper()
			return e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200)
		}
		check := func(t *testing.T, id, action, reason string) {
			t.Helper()
			n := notice(id)
			if n.Str("data.0.action") != action || !strings.Contains(n.Str("data.0.facts"), reason) {
				t.Fatalf("section 9: the %s notice does not carry the reason %q: %s", action, reason, n.Raw)
			}
			if strings.Contains(string(n.Raw), "internal only") {
				t.Fatalf("section 9: the internal note reached the member: %s", n.Raw)
			}
		}

		t.Run("closure_assistance close", func(t *testing.T) {
			id := e.Signup(true, nil)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it"}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "close", "reason": "Closed as you asked on chat.",
				"note": "internal only"}).Want(t, 200)
			check(t, id, "closure", "Closed as you asked on chat.")
		})

		t.Run("reactivation reactivate", func(t *testing.T) {
			id := e.Signup(false, nil)
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "reactivation", "account_id": id, "channel": "email", "body": "back"}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "reactivate", "reason": "Welcome back to the platform.",
				"note": "internal only"}).Want(t, 200)
			check(t, id, "reinstatement", "Welcome back to the platform.")
		})

		t.Run("M7 self_disclosure keep", func(t *testing.T) {
			a, b := e.Signup(true, nil), e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-reason-m7"}).Want(t, 200)
			e.I("POST", "/v1/accounts/"+b+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-reason-m7"}).Want(t, 200)
			c := e.I("POST", "/v1/cases", map[string]any{"kind": "self_disclosure", "account_id": a, "channel": "web",
				"body": "two by mistake", "related_account_ids": []string{b}}).Want(t, 201).Str("id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "keep", "keep_account_id": b,
				"reason": "Thank you for telling us; no sanction follows.", "note": "internal only"}).Want(t, 200)
			check(t, a, "closure", "Thank you for telling us; no sanction follows.")
		})
	})
}
