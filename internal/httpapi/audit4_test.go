package httpapi_test

import (
	"testing"

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
	})
}
