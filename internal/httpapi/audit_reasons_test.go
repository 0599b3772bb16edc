package httpapi_test

import (
	"strings"
	"testing"
	"time"

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

// TestM5VerificationOfAClosedAccount: POLICY.md M5, "signals are recorded
// only for accounts that can still act; a signal reported for a closed or
// erased account is refused (409 account_not_live) and never acts on
// another account". A verification reports signals (phone, ID document,
// legal name and birth date, address): for a closed account it is refused
// the same way, and the live account that shares them is left alone.
func TestM5VerificationOfAClosedAccount(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		body := map[string]any{"legal_name": "Closed Member", "date_of_birth": "1980-02-03", "phone": "+1 415 555 0188",
			"address":     map[string]any{"line1": "9 Elm St", "city": "Springfield", "postal_code": "12345", "country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "M5CLOSED1"}}
		live := e.Signup(true, map[string]any{"name": "Closed Member"})
		e.I("POST", "/v1/accounts/"+live+"/verification", body).Want(t, 200)
		closed := e.Signup(true, nil)
		e.I("POST", "/v1/accounts/"+closed+"/closure", map[string]any{"reason": "too_busy", "channel": "web"}).Want(t, 200)
		r := e.I("POST", "/v1/accounts/"+closed+"/verification", body).Want(t, 409, "account_not_live")
		if r.Str("rule") != "M5" {
			t.Fatalf("M5: %s", r.Raw)
		}
		if a := e.I("GET", "/v1/accounts/"+live, nil); a.Str("status") != "active" || a.Num("strikes") != 0 {
			t.Fatalf("M5: a verification of a closed account acted on a live one: %s", a.Raw)
		}
	})
}

// TestI3AppealGrantedOnceOfAge: POLICY.md I3, "a person under 18 on the day
// of verification is terminated ... An appeal may be granted once the
// person is 18". Granting the appeal before the eighteenth birthday is
// refused (409, rule I3) and leaves the ban; once they are 18 it is granted.
func TestI3AppealGrantedOnceOfAge(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		id := e.Signup(true, map[string]any{"name": "Young Member"})
		dob := time.Now().UTC().AddDate(-18, 0, 3).Format(time.DateOnly) // 18 in three days
		r := e.I("POST", "/v1/accounts/"+id+"/verification", map[string]any{
			"legal_name": "Young Member", "date_of_birth": dob, "phone": "+1 415 555 0191",
			"address":     map[string]any{"line1": "3 Oak St", "city": "Springfield", "postal_code": "12345", "country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "I3YOUNG1"}}).Want(t, 200)
		if r.Str("account.status") != "banned" || r.Str("decision.rule") != "I3" {
			t.Fatalf("I3: %s", r.Raw)
		}
		ntc := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Want(t, 200).Str("data.0.id")
		c := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "I am nearly 18",
			"notice_id": ntc}, "Acting-Account", id).Want(t, 201).Str("id")
		p := e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "grant", "reason": "Welcome back."}).Want(t, 409, "conflict")
		if p.Str("rule") != "I3" || e.I("GET", "/v1/accounts/"+id, nil).Str("status") != "banned" {
			t.Fatalf("I3: a grant before 18: %s", p.Raw)
		}
		e.Advance("96h")
		e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "grant", "reason": "Welcome back."}).Want(t, 200)
		if st := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); st != "active" {
			t.Fatalf("I3: the grant once 18 left the account %s", st)
		}
	})
}

// TestE4FraudHoldLiftedWithAReason: API.md's fraud-hold row gives the body
// {"reason"} to POST and DELETE alike: the reason a hold is lifted for is
// the one recorded, and a DELETE with no body still lifts it.
func TestE4FraudHoldLiftedWithAReason(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		id := e.Signup(true, nil)
		path := "/v1/accounts/" + id + "/fraud-hold"
		e.S("POST", path, map[string]any{"reason": "chargebacks"}).Want(t, 200)
		if r := e.S("DELETE", path, map[string]any{"reason": "the card owner confirmed the payments"}).Want(t, 200); r.Get("fraud_hold") != false {
			t.Fatalf("E4: %s", r.Raw)
		}
		found := false
		for _, ev := range e.S("GET", "/v1/accounts/"+id+"/timeline", nil).Want(t, 200).Get("data").([]any) {
			m := ev.(map[string]any)
			if m["action"] == "fraud_hold_lifted" && m["reason"] == "the card owner confirmed the payments" {
				found = true
			}
		}
		if !found {
			t.Fatal("E4: the lift's reason was not recorded")
		}
		e.S("POST", path, map[string]any{"reason": "again"}).Want(t, 200)
		e.S("DELETE", path, nil).Want(t, 200)
		e.S("DELETE", path, map[string]any{"reason": 5}).Want(t, 400, "invalid_request")
	})
}
