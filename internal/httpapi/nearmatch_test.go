package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

var laptop = map[string]any{"user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36",
	"screen": "2560x1440", "timezone": "Europe/Kyiv", "languages": []string{"uk-UA", "en-US"}, "fonts_hash": "9f1c0d77e2"}

func nearBody(email, name, dob string, traits map[string]any) map[string]any {
	b := map[string]any{"email": email, "name": name, "country": "UA", "freelancer": true, "client": false}
	if dob != "" {
		b["date_of_birth"] = dob
	}
	if traits != nil {
		b["signals"] = map[string]any{"device_traits": traits}
	}
	return b
}

// TestNearMatchM9 goes through the API: sign-up with device traits, an
// evader who comes back under another transliteration of the name with the
// same birth date (review, a linkage case, a link that explains itself),
// a look-alike of an active account (allow), an address written another
// way at verification, and strict validation of the new fields.
func TestNearMatchM9(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		ban := func(id string) {
			e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
		}

		t.Run("M9 sign-up near a banned account goes to review", func(t *testing.T) {
			a := e.I("POST", "/v1/accounts", nearBody("oleksandr.p@example.com", "Олександр Петренко", "1985-03-07", laptop)).Want(t, 201)
			if a.Str("decision.outcome") != "allow" {
				t.Fatalf("first sign-up: %s", a.Raw)
			}
			ban(a.Str("account.id"))
			r := e.I("POST", "/v1/accounts", nearBody("sasha.work@example.net", "Oleksandr Petrenko", "1985-03-07", nil)).Want(t, 201)
			if r.Str("decision.outcome") != "review" || r.Str("decision.rule") != "M9" || r.Str("account.status") != "active" {
				t.Fatalf("evader: %s", r.Raw)
			}
			if r.Str("decision.links.0.account_id") != a.Str("account.id") || r.Num("decision.links.0.match_weight") <= 0 ||
				r.Len("decision.links.0.comparisons") < 2 || r.Str("decision.links.0.comparisons.0.field") != "legal_name" {
				t.Fatalf("link: %s", r.Raw)
			}
			cases := e.S("GET", "/v1/cases?kind=linkage_review&account_id="+r.Str("account.id"), nil).Want(t, 200)
			if cases.Len("data") != 1 || cases.Str("data.0.rule") != "M9" {
				t.Fatalf("case: %s", cases.Raw)
			}
			links := e.S("GET", "/v1/accounts/"+r.Str("account.id")+"/links", nil).Want(t, 200)
			if links.Str("data.0.account_id") != a.Str("account.id") || links.Str("data.0.strength") != "near" ||
				links.Num("data.0.match_weight") < 8 || links.Len("data.0.comparisons") < 2 {
				t.Fatalf("links: %s", links.Raw)
			}
		})

		t.Run("M9 a look-alike of an active account is allowed", func(t *testing.T) {
			e.I("POST", "/v1/accounts", nearBody("olena.k@example.com", "Olena Kovalenko", "1991-06-15", nil)).Want(t, 201)
			r := e.I("POST", "/v1/accounts", nearBody("olena.k2@example.com", "Olena Kovalenko", "1991-06-15", nil)).Want(t, 201)
			if r.Str("decision.outcome") != "allow" {
				t.Fatalf("near match to an active account acted: %s", r.Raw)
			}
		})

		t.Run("M9 an address written another way at verification", func(t *testing.T) {
			addr := func(line, postal string) map[string]any {
				return map[string]any{"line1": line, "city": "Lviv", "postal_code": postal, "country": "UA"}
			}
			verify := func(id, name, dob, phone, doc string, a map[string]any) apitest.Resp {
				return e.I("POST", "/v1/accounts/"+id+"/verification", map[string]any{"legal_name": name, "date_of_birth": dob, "phone": phone,
					"address": a, "id_document": map[string]any{"type": "passport", "country": "UA", "number": doc}}).Want(t, 200)
			}
			old := e.I("POST", "/v1/accounts", nearBody("taras.b@example.com", "Taras Bondar", "", nil)).Want(t, 201).Str("account.id")
			verify(old, "Taras Bondar", "1979-02-11", "+380 67 123 4567", "FA123456", addr("14 Shevchenka Street, Apt 3", "79000"))
			ban(old)
			id := e.I("POST", "/v1/accounts", nearBody("ivan.m@example.org", "Ivan Melnyk", "", nil)).Want(t, 201).Str("account.id")
			r := verify(id, "Ivan Melnyk", "1988-08-30", "+380 67 765 4321", "FB654321", addr("Shevchenka St. 14, apt. 3", "79 000"))
			if r.Str("decision.outcome") != "review" || r.Str("decision.rule") != "M9" || r.Str("account.verification.status") != "verified" {
				t.Fatalf("address near match: %s", r.Raw)
			}
		})

		t.Run("M9 the new fields are validated strictly", func(t *testing.T) {
			for _, c := range []struct {
				traits map[string]any
				field  string
				code   string
			}{
				{map[string]any{"screen": "big"}, "signals.device_traits.screen", "invalid"},
				{map[string]any{"timezone": "Europe/Kyiv; DROP"}, "signals.device_traits.timezone", "invalid"},
				{map[string]any{"languages": []string{"en US"}}, "signals.device_traits.languages", "invalid"},
				{map[string]any{"languages": "en"}, "signals.device_traits.languages", "wrong_type"},
				{map[string]any{"gpu": "x"}, "gpu", "unknown_field"},
				{map[string]any{"user_agent": ""}, "signals.device_traits.user_agent", "invalid"},
			} {
				r := e.I("POST", "/v1/accounts", nearBody("v@example.com", "Val Idation", "", c.traits)).Want(t, 400, "invalid_request")
				if r.Str("errors.0.field") != c.field || r.Str("errors.0.code") != c.code {
					t.Errorf("%v: %s", c.traits, r.Raw)
				}
			}
			r := e.I("POST", "/v1/accounts", nearBody("v@example.com", "Val Idation", "1985-02-30", nil)).Want(t, 400, "invalid_request")
			if r.Str("errors.0.field") != "date_of_birth" {
				t.Errorf("date_of_birth: %s", r.Raw)
			}
		})
	})
}
