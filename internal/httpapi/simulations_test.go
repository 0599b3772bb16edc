package httpapi_test

import (
	"fmt"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestSimulations builds a history through the API on both engines (sign-ups,
// ban evasion, messages with contact details and off-platform payment asks,
// refused profiles, spam, a later link, staff sanctions, an E1 deadline) and
// replays it: under the settings in force nothing changes (the replay is
// faithful), and a shorter strike life turns the known V5 suspension into a
// warning, and the E1 ban that followed it away.
func TestSimulations(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		send := func(from, to, body string) apitest.Resp {
			return e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": body},
				"Acting-Account", from).Want(t, 201)
		}
		simulate := func(body map[string]any) apitest.Resp {
			if _, ok := body["from"]; !ok {
				body["from"] = "2000-01-01T00:00:00Z"
			}
			return e.S("POST", "/v1/policies/simulations", body).Want(t, 201)
		}

		// V6 then, 40 days later, V5: the second strike suspends; E1 bans 14 days on.
		offender, client := e.Signup(true, nil), e.Signup(false, nil)
		send(offender, client, "write to me at john.smith@gmail.com")
		e.Advance("960h")
		if r := send(offender, client, "let's do this outside, pay me via PayPal to avoid the fee"); r.Str("message.status") != "held" {
			t.Fatalf("V5: %s", r.Raw)
		}
		if st := e.I("GET", "/v1/accounts/"+offender, nil).Str("status"); st != "suspended" {
			t.Fatalf("second strike: %s", st)
		}
		// V2 at sign-up: a strong signal shared with a banned account.
		banned := e.Signup(true, map[string]any{"signals": map[string]any{"payment_instrument": "card-sim-1"}})
		e.S("POST", "/v1/accounts/"+banned+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "stolen cards"}).Want(t, 201)
		evader := e.I("POST", "/v1/accounts", map[string]any{"email": "evader-sim@example.com", "name": "Eve Vader", "country": "US",
			"freelancer": true, "client": false, "signals": map[string]any{"payment_instrument": "card-sim-1"}}).Want(t, 201)
		if evader.Str("account.status") != "banned" {
			t.Fatalf("V2: %s", evader.Raw)
		}
		// C3: three refused profiles make a V6 strike.
		writer := e.Signup(true, nil)
		for i := 0; i < 3; i++ {
			e.I("PUT", "/v1/accounts/"+writer+"/profile", map[string]any{"title": "Designer", "overview": "call me on +1 415 555 0199",
				"skills": []string{"figma"}}).Want(t, 422, "contact_info_not_allowed")
		}
		// V3: near-identical first contacts to many members.
		spammer := e.Signup(false, nil)
		for i := 0; i < 25; i++ {
			to := e.Signup(true, nil)
			send(spammer, to, fmt.Sprintf("Hello, I have a great job offer for you, reply now to get started today %d", i))
		}
		if st := e.I("GET", "/v1/accounts/"+spammer, nil).Str("status"); st != "banned" {
			t.Fatalf("V3: %s", st)
		}
		// M5: a strong signal added later links two live accounts (V1).
		one := e.Signup(true, map[string]any{"signals": map[string]any{"phone": "+1 646 555 0111"}})
		two := e.Signup(true, nil)
		e.I("POST", "/v1/accounts/"+two+"/signals", map[string]any{"kind": "phone", "value": "+1 646 555 0111"}).Want(t, 200)
		_ = one
		e.Advance("360h") // the V5 suspension's deadline passes: E1
		if st := e.I("GET", "/v1/accounts/"+offender, nil).Str("status"); st != "banned" {
			t.Fatalf("E1: %s", st)
		}

		t.Run("the settings in force change nothing: the replay is faithful", func(t *testing.T) {
			r := simulate(map[string]any{"settings": map[string]any{}})
			if r.Num("replayed") < 40 || r.Num("changed") != 0 || r.Num("staff_decisions") < 1 || r.Len("examples") != 0 {
				t.Fatalf("faithfulness: %s", r.Raw)
			}
			for _, rc := range r.Get("by_rule").([]any) {
				m := rc.(map[string]any)
				if m["before"] != m["after"] {
					t.Fatalf("faithfulness: %v", m)
				}
			}
			g := e.S("GET", "/v1/policies/simulations/"+r.Str("id"), nil).Want(t, 200)
			if g.Str("id") != r.Str("id") || g.Num("replayed") != r.Num("replayed") {
				t.Fatalf("GET: %s", g.Raw)
			}
		})

		t.Run("strike_life: a shorter strike life turns the V5 suspension into a warning and the E1 ban away", func(t *testing.T) {
			r := simulate(map[string]any{"settings": map[string]any{"strike_life": "30d"}})
			if r.Num("changed") < 2 {
				t.Fatalf("strike_life: %s", r.Raw)
			}
			fewer := map[string]float64{} // before - after, by rule and action
			for _, rc := range r.Get("by_rule").([]any) {
				m := rc.(map[string]any)
				fewer[m["rule"].(string)+"/"+m["action"].(string)] = m["before"].(float64) - m["after"].(float64)
			}
			if fewer["V5/suspension"] != 1 || fewer["V5/warning"] != -1 || fewer["E1/ban"] != 1 {
				t.Fatalf("strike_life: %v", fewer)
			}
			found := false
			for _, x := range r.Get("examples").([]any) {
				m := x.(map[string]any)
				if m["account_id"] == offender && m["rule"] == "V5" && m["before"] == "suspension" && m["after"] == "warning" {
					found = true
				}
			}
			if !found {
				t.Fatalf("no example of the offender's V5 suspension turned warning: %s", r.Raw)
			}
		})

		t.Run("spam_high_recipients: a higher threshold leaves the spammer to the V3 case already open, not a ban", func(t *testing.T) {
			r := simulate(map[string]any{"settings": map[string]any{"spam_high_recipients": 100}})
			found := false
			for _, x := range r.Get("examples").([]any) {
				m := x.(map[string]any)
				if m["account_id"] == spammer && m["rule"] == "V3" && m["before"] == "ban" && m["after"] == "none" {
					found = true
				}
			}
			if !found {
				t.Fatalf("V3: %s", r.Raw)
			}
		})

		t.Run("bad settings are a 400 invalid_request naming each setting", func(t *testing.T) {
			r := e.S("POST", "/v1/policies/simulations", map[string]any{"settings": map[string]any{"strike_life": "soon", "spam_similarity": 2,
				"no_such": 1}}).Want(t, 400, "invalid_request")
			fields := map[string]bool{}
			for _, x := range r.Get("errors").([]any) {
				fields[x.(map[string]any)["field"].(string)] = true
			}
			for _, f := range []string{"settings.strike_life", "settings.spam_similarity", "settings.no_such"} {
				if !fields[f] {
					t.Errorf("no error for %s: %s", f, r.Raw)
				}
			}
			e.I("POST", "/v1/policies/simulations", map[string]any{}).Want(t, 403, "forbidden_role")
			e.S("GET", "/v1/policies/simulations/sim_nope", nil).Want(t, 404)
		})
	})
}
