package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

func signupBody(email, phone, card, device, ip string) map[string]any {
	sig := map[string]any{}
	for k, v := range map[string]string{"phone": phone, "payment_instrument": card, "device_id": device, "ip": ip} {
		if v != "" {
			sig[k] = v
		}
	}
	return map[string]any{"email": email, "name": "Sam Taylor", "country": "US", "freelancer": true, "client": false, "signals": sig}
}

func TestIdentityAndLinkage(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)

		t.Run("M4 allow, then account_exists under another gmail spelling", func(t *testing.T) {
			a := e.I("POST", "/v1/accounts", signupBody("sam.taylor@gmail.com", "", "", "", "198.51.100.1")).Want(t, 201)
			if a.Str("decision.outcome") != "allow" || a.Str("account.status") != "active" {
				t.Fatalf("%s", a.Raw)
			}
			r := e.I("POST", "/v1/accounts", signupBody("SamTaylor+work@googlemail.com", "", "", "", "")).Want(t, 409, "account_exists")
			if r.Str("decision.outcome") != "block" || r.Str("decision.links.0.account_id") != a.Str("account.id") {
				t.Fatalf("decision: %s", r.Raw)
			}
			if r.Str("decision.links.0.signals.0") != "email" {
				t.Fatalf("signals: %s", r.Raw)
			}
			if n := e.I("GET", "/v1/accounts?q=samtaylor%2Bwork", nil).Len("data"); n != 0 {
				t.Fatalf("M4: a refused sign-up created an account")
			}
		})

		t.Run("M3 weak signals alone never link: coworkers behind one office IP", func(t *testing.T) {
			for i := 0; i < 3; i++ {
				r := e.I("POST", "/v1/accounts", signupBody("coworker"+string(rune('a'+i))+"@corp.example", "", "", "", "203.0.113.9")).Want(t, 201)
				if r.Str("decision.outcome") != "allow" {
					t.Fatalf("office IP linked: %s", r.Raw)
				}
			}
		})

		t.Run("M4 medium signals only: created with review and a linkage case", func(t *testing.T) {
			e.I("POST", "/v1/accounts", signupBody("family1@example.com", "", "", "shared-tablet-1", "")).Want(t, 201)
			r := e.I("POST", "/v1/accounts", signupBody("family2@example.com", "", "", "shared-tablet-1", "")).Want(t, 201)
			if r.Str("decision.outcome") != "review" || r.Str("account.status") != "active" {
				t.Fatalf("%s", r.Raw)
			}
			cases := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+r.Str("account.id"), nil).Want(t, 200)
			if cases.Len("data") != 1 {
				t.Fatalf("no linkage case: %s", cases.Raw)
			}
		})

		t.Run("M4/V2 ban evasion: a card of a banned account bans the new one", func(t *testing.T) {
			old := e.I("POST", "/v1/accounts", signupBody("evader1@example.com", "", "card-fp-77", "", "")).Want(t, 201).Str("account.id")
			e.S("POST", "/v1/accounts/"+old+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
			r := e.I("POST", "/v1/accounts", signupBody("totally.new@example.com", "", "card-fp-77", "", "")).Want(t, 201)
			if r.Str("account.status") != "banned" || r.Str("decision.outcome") != "block" || r.Str("decision.rule") != "V2" {
				t.Fatalf("%s", r.Raw)
			}
			n := e.I("GET", "/v1/accounts/"+r.Str("account.id")+"/notices", nil).Want(t, 200)
			if n.Str("data.0.rule") != "V2" || n.Str("data.0.action") != "ban" {
				t.Fatalf("notice: %s", n.Raw)
			}
		})

		t.Run("M4 closed account: closed_account_exists with the hint", func(t *testing.T) {
			id := e.I("POST", "/v1/accounts", signupBody("leaver@example.com", "", "", "", "")).Want(t, 201).Str("account.id")
			e.I("POST", "/v1/accounts/"+id+"/closure", map[string]any{"reason": "not_using", "channel": "web"}).Want(t, 200)
			r := e.I("POST", "/v1/accounts", signupBody("leaver@example.com", "", "", "", "")).Want(t, 409, "closed_account_exists")
			if r.Len("decision.reasons") < 2 {
				t.Fatalf("no hint: %s", r.Raw)
			}
		})

		t.Run("M5 later strong link between live accounts is V1: both suspended, one case", func(t *testing.T) {
			a := e.Signup(true, nil)
			b := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+a+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-shared-9"}).Want(t, 200)
			r := e.I("POST", "/v1/accounts/"+b+"/signals", map[string]any{"kind": "payment_instrument", "value": "card-shared-9"}).Want(t, 200)
			if r.Str("decision.rule") != "V1" || r.Str("account.status") != "suspended" {
				t.Fatalf("%s", r.Raw)
			}
			if s := e.I("GET", "/v1/accounts/"+a, nil).Str("status"); s != "suspended" {
				t.Fatalf("first account %s", s)
			}
			cases := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+b, nil)
			if cases.Len("data") != 1 {
				t.Fatalf("cases: %s", cases.Raw)
			}
			links := e.S("GET", "/v1/accounts/"+b+"/links", nil).Want(t, 200)
			if links.Str("data.0.account_id") != a || links.Str("data.0.signals.0") != "payment_instrument" {
				t.Fatalf("links: %s", links.Raw)
			}
			// Staff find they are one person's: keep a, ban b.
			c := cases.Str("data.0.id")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "multiple_accounts", "keep_account_id": a, "note": "same person"}).Want(t, 422, "reason_required")
			e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "multiple_accounts", "keep_account_id": a, "note": "same person",
				"reason": "Both accounts are yours; you may keep one."}).Want(t, 200)
			if s := e.I("GET", "/v1/accounts/"+a, nil).Str("status"); s != "active" {
				t.Fatalf("kept account %s", s)
			}
			if s := e.I("GET", "/v1/accounts/"+b, nil).Str("status"); s != "banned" {
				t.Fatalf("other account %s", s)
			}
		})

		t.Run("M5 a link already found is not found again: a repeat sighting sanctions no one", func(t *testing.T) {
			a := e.Signup(true, nil)
			b := e.Signup(true, nil)
			card := map[string]any{"kind": "payment_instrument", "value": "card-seen-twice"}
			e.I("POST", "/v1/accounts/"+a+"/signals", card).Want(t, 200)
			e.I("POST", "/v1/accounts/"+b+"/signals", card).Want(t, 200)
			// While the V1 case waits for a person, the card is seen again on either account.
			for _, id := range []string{b, a} {
				r := e.I("POST", "/v1/accounts/"+id+"/signals", card).Want(t, 200)
				if r.Str("account.status") != "suspended" || r.Str("decision.outcome") == "block" {
					t.Fatalf("M5: repeat sighting during review: %s", r.Raw)
				}
			}
			cases := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+b, nil)
			if cases.Len("data") != 1 {
				t.Fatalf("M5: one V1 case expected: %s", cases.Raw)
			}
			// Staff keep the newer account; its card seen again must not ban it as evading the older one.
			e.S("POST", "/v1/cases/"+cases.Str("data.0.id")+"/resolution", map[string]any{"outcome": "multiple_accounts", "keep_account_id": b,
				"reason": "Both accounts are yours; you keep the newer one."}).Want(t, 200)
			r := e.I("POST", "/v1/accounts/"+b+"/signals", card).Want(t, 200)
			if r.Str("account.status") != "active" || r.Str("decision.outcome") != "allow" {
				t.Fatalf("M5: the kept account was sanctioned for the link staff already decided: %s", r.Raw)
			}
			if s := e.I("GET", "/v1/accounts/"+a, nil).Str("status"); s != "banned" {
				t.Fatalf("other account %s", s)
			}
		})

		t.Run("M5 later strong link to a banned account is V2 for the newer one", func(t *testing.T) {
			old := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+old+"/signals", map[string]any{"kind": "phone", "value": "+1 212 555 0142"}).Want(t, 200)
			e.S("POST", "/v1/accounts/"+old+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
			newer := e.Signup(true, nil)
			r := e.I("POST", "/v1/accounts/"+newer+"/signals", map[string]any{"kind": "phone", "value": "(212) 555-0142"}).Want(t, 200)
			if r.Str("account.status") != "banned" || r.Str("decision.rule") != "V2" {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("signals refuse bad values", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+id+"/signals", map[string]any{"kind": "ip", "value": "999.1.1.1"}).Want(t, 400, "invalid_request")
			e.I("POST", "/v1/accounts/"+id+"/signals", map[string]any{"kind": "shoe_size", "value": "9"}).Want(t, 400, "invalid_request")
			e.I("POST", "/v1/accounts/"+id+"/signals", map[string]any{"kind": "phone", "value": "12"}).Want(t, 400, "invalid_request")
		})

		t.Run("I1 unverified freelancer cannot propose or withdraw; verifying lifts it", func(t *testing.T) {
			id := e.Signup(true, map[string]any{"name": "Ana María Ruiz"})
			c := e.I("GET", "/v1/accounts/"+id+"/capabilities/submit_proposal", nil).Want(t, 200)
			if c.Get("allowed") != false || c.Str("blocked_by.0.rule") != "I1" {
				t.Fatalf("%s", c.Raw)
			}
			v := e.Verify(id, "Ana Maria Ruiz Garcia").Want(t, 200)
			if v.Str("account.verification.status") != "verified" || v.Len("account.restrictions") != 0 {
				t.Fatalf("%s", v.Raw)
			}
			if e.I("GET", "/v1/accounts/"+id+"/capabilities/submit_proposal", nil).Get("allowed") != true {
				t.Fatal("still blocked after verification")
			}
			e.I("GET", "/v1/accounts/"+id+"/capabilities/fly", nil).Want(t, 404, "not_found")
		})

		t.Run("I2 deadline: suspended after 7 days, verifying lifts it", func(t *testing.T) {
			id := e.Signup(true, nil)
			r := e.I("POST", "/v1/accounts/"+id+"/verification-request", nil).Want(t, 200)
			if r.Str("verification.status") != "requested" || r.Str("verification.deadline") == "" {
				t.Fatalf("%s", r.Raw)
			}
			e.Advance("169h")
			a := e.I("GET", "/v1/accounts/"+id, nil)
			if a.Str("status") != "suspended" {
				t.Fatalf("I2: %s", a.Raw)
			}
			if e.I("GET", "/v1/accounts/"+id+"/notices", nil).Str("data.0.rule") != "I2" {
				t.Fatal("no I2 notice")
			}
			v := e.Verify(id, "Member Number").Want(t, 200)
			if v.Str("account.status") != "active" {
				t.Fatalf("verifying did not lift I2: %s", v.Raw)
			}
		})

		t.Run("I3 under 18 is banned", func(t *testing.T) {
			id := e.Signup(true, nil)
			r := e.I("POST", "/v1/accounts/"+id+"/verification", map[string]any{
				"legal_name": "Kid Member", "date_of_birth": e.Clock.Now().AddDate(-16, 0, 0).Format("2006-01-02"), "phone": "+1 415 555 0190",
				"address":     map[string]any{"line1": "1 Elm", "city": "Town", "postal_code": "1", "country": "US"},
				"id_document": map[string]any{"type": "passport", "country": "US", "number": "KID12345"},
			}).Want(t, 200)
			if r.Str("account.status") != "banned" || r.Str("decision.rule") != "I3" {
				t.Fatalf("%s", r.Raw)
			}
		})

		t.Run("I4 name mismatch opens a review case, no ban", func(t *testing.T) {
			id := e.Signup(true, map[string]any{"name": "John Smith"})
			r := e.Verify(id, "Peter Jones").Want(t, 200)
			if r.Str("decision.outcome") != "review" || r.Str("account.status") != "active" {
				t.Fatalf("%s", r.Raw)
			}
			if e.S("GET", "/v1/cases?kind=violation_review&account_id="+id, nil).Len("data") != 1 {
				t.Fatal("no case")
			}
		})

		t.Run("I5 one ID document verifies one account", func(t *testing.T) {
			doc := map[string]any{"type": "national_id", "country": "ES", "number": "12345678-Z"}
			body := func(phone string) map[string]any {
				return map[string]any{"legal_name": "Member Number", "date_of_birth": "1985-01-01", "phone": phone,
					"address": map[string]any{"line1": "x", "city": "y", "postal_code": "z", "country": "ES"}, "id_document": doc}
			}
			a := e.Signup(true, map[string]any{"country": "ES"})
			e.I("POST", "/v1/accounts/"+a+"/verification", body("+34 600 000 001")).Want(t, 200)
			b := e.Signup(true, map[string]any{"country": "ES"})
			doc["number"] = "12345678 z"
			r := e.I("POST", "/v1/accounts/"+b+"/verification", body("+34 600 000 002")).Want(t, 200)
			if r.Str("account.verification.status") != "rejected" || r.Str("decision.outcome") == "allow" {
				t.Fatalf("%s", r.Raw)
			}
			if r.Str("account.status") != "suspended" { // M5: both live -> V1
				t.Fatalf("status %s", r.Str("account.status"))
			}
		})

		t.Run("M8 no merges", func(t *testing.T) {
			id := e.Signup(true, nil)
			e.I("POST", "/v1/accounts/"+id+"/merge", nil).Want(t, 409, "merge_not_supported")
		})
	})
}
