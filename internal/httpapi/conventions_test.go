package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

func TestConventions(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)

		t.Run("auth: no key, unknown key, wrong role", func(t *testing.T) {
			e.Call("GET", "/v1/accounts", "", nil).Want(t, 401, "unauthorized")
			e.Call("GET", "/v1/accounts", "sk_nope", nil).Want(t, 401, "unauthorized")
			e.S("POST", "/v1/accounts", map[string]any{}).Want(t, 403, "forbidden_role")
			e.I("GET", "/v1/cases", nil).Want(t, 403, "forbidden_role")
			e.I("POST", "/v1/webhooks", map[string]any{"url": "http://x", "events": []string{"case.opened"}}).Want(t, 403, "forbidden_role")
		})

		t.Run("problem+json for unknown routes and methods", func(t *testing.T) {
			r := e.I("GET", "/v1/nothing", nil).Want(t, 404, "not_found")
			if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
			e.I("DELETE", "/v1/accounts", nil).Want(t, 405, "method_not_allowed")
			e.I("GET", "/v1/accounts/acc_missing", nil).Want(t, 404, "not_found")
			org := e.I("POST", "/v1/organizations", map[string]any{"name": "Kinds"}, "Acting-Account", e.Signup(false, nil)).Want(t, 201).Str("id")
			e.I("GET", "/v1/accounts/"+org, nil).Want(t, 404, "not_found") // an id of another kind
			e.I("GET", "/v1/agencies/"+org, nil).Want(t, 404, "not_found")
		})

		t.Run("invalid_request: malformed, unknown field, wrong type, missing", func(t *testing.T) {
			for name, body := range map[string]string{
				"malformed":  `{"email": `,
				"not object": `[1,2]`,
				"unknown":    `{"email":"a@b.co","name":"A","country":"US","freelancer":true,"client":false,"nickname":"x"}`,
				"wrong type": `{"email":"a@b.co","name":"A","country":"US","freelancer":"yes","client":false}`,
				"missing":    `{"email":"a@b.co"}`,
				"trailing":   `{"email":"a@b.co"} {}`,
				"empty":      ``,
			} {
				r := e.I("POST", "/v1/accounts", body).Want(t, 400, "invalid_request")
				if name != "malformed" && name != "empty" && name != "trailing" && r.Len("errors") == 0 {
					t.Errorf("%s: no per-field errors: %s", name, r.Raw)
				}
			}
			r := e.I("POST", "/v1/accounts", `{"email":"a@b.co"}`)
			fields := fmt.Sprint(r.Get("errors"))
			for _, f := range []string{"name", "country", "freelancer", "client"} {
				if !strings.Contains(fields, "field:"+f) {
					t.Errorf("missing %s not reported: %s", f, fields)
				}
			}
		})

		t.Run("every route refuses bad bodies with a 4xx problem, never a 500", func(t *testing.T) {
			doc := e.A("GET", "/v1/openapi.json", nil).Want(t, 200)
			for path, ops := range doc.Body["paths"].(map[string]any) {
				for method, op := range ops.(map[string]any) {
					if _, hasBody := op.(map[string]any)["requestBody"]; !hasBody {
						continue
					}
					p := strings.NewReplacer("{id}", "x_1", "{account_id}", "acc_x", "{capability}", "send_message").Replace(path)
					for _, key := range []string{e.Integration, e.Staff, e.Admin} {
						for _, body := range []string{`{`, `{"zzz":1}`, `[]`, `{"amount_cents":"ten","text":5,"kind":7}`, `null`, strings.Repeat(" ", 2<<20) + "{}"} {
							r := e.Call(strings.ToUpper(method), p, key, body)
							if r.Status >= 500 || r.Status < 400 {
								t.Errorf("%s %s with %.20q: status %d %s", method, p, body, r.Status, r.Raw)
							}
							if r.Body["code"] == nil {
								t.Errorf("%s %s: no code: %s", method, p, r.Raw)
							}
						}
					}
				}
			}
		})

		t.Run("oversized body is 413", func(t *testing.T) {
			big := `{"text":"` + strings.Repeat("a", 2<<20) + `"}`
			e.I("POST", "/v1/screen", big).Want(t, 413, "payload_too_large")
		})

		t.Run("idempotency: replay and reuse", func(t *testing.T) {
			body := map[string]any{"email": "idem@example.com", "name": "Idem Potent", "country": "US", "freelancer": true, "client": false}
			a := e.I("POST", "/v1/accounts", body, "Idempotency-Key", "k-1").Want(t, 201)
			b := e.I("POST", "/v1/accounts", body, "Idempotency-Key", "k-1").Want(t, 201)
			if string(a.Raw) != string(b.Raw) {
				t.Fatalf("replay differs:\n%s\n%s", a.Raw, b.Raw)
			}
			if b.Header.Get("Idempotent-Replayed") != "true" {
				t.Error("replay not marked")
			}
			body["name"] = "Other Name"
			e.I("POST", "/v1/accounts", body, "Idempotency-Key", "k-1").Want(t, 422, "idempotency_key_reused")
			list := e.I("GET", "/v1/accounts?q=idem@example.com", nil).Want(t, 200)
			if n := list.Len("data"); n != 1 {
				t.Fatalf("%d accounts after a replay, want 1", n)
			}
		})

		t.Run("If-Match: stale version is 412", func(t *testing.T) {
			id := e.Signup(true, nil)
			acc := e.I("GET", "/v1/accounts/"+id, nil).Want(t, 200)
			v := int(acc.Num("version"))
			e.I("PUT", "/v1/accounts/"+id+"/availability", map[string]string{"availability": "unavailable"}, "If-Match", fmt.Sprint(v)).Want(t, 200)
			e.I("PUT", "/v1/accounts/"+id+"/availability", map[string]string{"availability": "available"}, "If-Match", fmt.Sprint(v)).Want(t, 412, "version_conflict")
			e.I("PUT", "/v1/accounts/"+id+"/availability", map[string]string{"availability": "available"}, "If-Match", "abc").Want(t, 400, "invalid_request")
		})

		t.Run("M4: an external_id names one account; a second sign-up with it is 409 account_exists", func(t *testing.T) {
			ext := fmt.Sprintf("ext-once-%d", apitest.Unique())
			first := e.Signup(false, map[string]any{"external_id": ext})
			r := e.I("POST", "/v1/accounts", map[string]any{"email": ext + "@example.org", "name": "Another Person", "country": "US",
				"freelancer": true, "client": false, "external_id": ext}).Want(t, 409, "account_exists")
			if r.Str("rule") != "M4" || r.Str("decision.outcome") != "block" || !strings.Contains(r.Str("detail"), first) {
				t.Fatalf("the refusal does not say which account holds the external_id: %s", r.Raw)
			}
		})

		t.Run("an acting account that does not exist is 404, never a row pointing at nobody", func(t *testing.T) {
			ghost := "acc_ghost0000000000000"
			target := e.Signup(false, nil)
			e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": target, "channel": "web", "body": "spam"},
				"Acting-Account", ghost).Want(t, 404, "not_found")
			e.I("POST", "/v1/organizations", map[string]any{"name": "Ghost Org"}, "Acting-Account", ghost).Want(t, 404, "not_found")
		})

		t.Run("search: an id, the start of an email or a name, else the text anywhere in them", func(t *testing.T) {
			id := e.Signup(false, map[string]any{"name": "Wren Ostrowski-Falk"})
			names := func(q string) []string {
				var out []string
				for _, a := range e.I("GET", "/v1/accounts?q="+url.QueryEscape(q), nil).Want(t, 200).Get("data").([]any) {
					out = append(out, a.(map[string]any)["id"].(string))
				}
				return out
			}
			for _, q := range []string{id, "wren ostrow", "OSTROWSKI", "ski-falk"} {
				if got := names(q); len(got) != 1 || got[0] != id {
					t.Errorf("q=%q finds %v, want %s", q, got, id)
				}
			}
			if got := names("%"); len(got) != 0 {
				t.Errorf("q=%% is a wildcard: %v", got)
			}
		})

		t.Run("cursor pagination", func(t *testing.T) {
			for i := 0; i < 5; i++ {
				e.Signup(false, map[string]any{"name": "Paged Person"})
			}
			seen := map[string]bool{}
			cursor := ""
			pages := 0
			for {
				r := e.I("GET", "/v1/accounts?q=paged&limit=2&cursor="+cursor, nil).Want(t, 200)
				for _, a := range r.Get("data").([]any) {
					id := a.(map[string]any)["id"].(string)
					if seen[id] {
						t.Fatalf("%s twice", id)
					}
					seen[id] = true
				}
				pages++
				next, _ := r.Get("next_cursor").(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if len(seen) != 5 || pages != 3 {
				t.Fatalf("saw %d accounts on %d pages", len(seen), pages)
			}
			e.I("GET", "/v1/accounts?limit=0", nil).Want(t, 400, "invalid_request")
			e.I("GET", "/v1/accounts?limit=201", nil).Want(t, 400, "invalid_request")
			e.I("GET", "/v1/accounts?cursor=!!!", nil).Want(t, 400, "invalid_request")
		})

		t.Run("operations endpoints", func(t *testing.T) {
			for _, p := range []string{"/healthz", "/readyz"} {
				if r := e.Call("GET", p, "", nil); r.Status != 200 {
					t.Errorf("%s: %d", p, r.Status)
				}
			}
			r := e.I("GET", "/v1/policies", nil).Want(t, 200)
			if r.Len("rules") < 40 || r.Str("settings.verification_deadline") != "7d" || r.Num("settings.connects_cap") != 200 {
				t.Errorf("policies: %s", r.Raw)
			}
		})
	})
}

// TestOpenAPIMatchesRoutes checks the document against the routes the
// server really answers: every documented operation is routed (not 404 or
// 405) and the document is OpenAPI 3.1 with an operation id each.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	r := e.Call("GET", "/v1/openapi.json", "", nil).Want(t, 200)
	if r.Body["openapi"] != "3.1.0" {
		t.Fatalf("openapi %v", r.Body["openapi"])
	}
	paths := r.Body["paths"].(map[string]any)
	ids := map[string]bool{}
	param := regexp.MustCompile(`\{[a-z_]+\}`)
	for path, ops := range paths {
		for method, op := range ops.(map[string]any) {
			id := op.(map[string]any)["operationId"].(string)
			if ids[id] {
				t.Errorf("duplicate operationId %s", id)
			}
			ids[id] = true
			p := param.ReplaceAllString(path, "zz_1")
			res := e.Call(strings.ToUpper(method), p, e.Admin, "{}")
			if res.Body["code"] == "method_not_allowed" || (res.Status == 404 && strings.Contains(res.Str("detail"), "no route")) {
				t.Errorf("%s %s is documented but not routed: %s", method, path, res.Raw)
			}
		}
	}
	for _, must := range []string{"/v1/accounts", "/v1/accounts/{id}/closure", "/v1/cases/{id}/resolution", "/v1/notices/{id}/dsa", "/v1/test/clock"} {
		if paths[must] == nil {
			t.Errorf("%s missing from the document", must)
		}
	}
	b, _ := json.Marshal(r.Body)
	if !strings.Contains(string(b), `"required":["email","name","country","freelancer","client"]`) {
		t.Error("sign-up schema does not list its required fields")
	}
}

func TestTestClockOnlyWithFlag(t *testing.T) {
	on := apitest.Start(t, apitest.OpenSQLite(t), nil)
	before := on.A("POST", "/v1/test/clock", map[string]string{"advance": "0s"}).Want(t, 200).Str("now")
	after := on.A("POST", "/v1/test/clock", map[string]string{"advance": "168h"}).Want(t, 200).Str("now")
	if after <= before || after[:10] == before[:10] {
		t.Fatalf("clock did not move a week: %s -> %s", before, after)
	}
	on.A("POST", "/v1/test/clock", map[string]string{"advance": "soon"}).Want(t, 400, "invalid_request")
	off := apitest.StartServer(t, apitest.OpenSQLite(t), nil, false)
	off.A("POST", "/v1/test/clock", map[string]string{"advance": "1h"}).Want(t, 404, "not_found")
}

// TestConventionUncleanPathsAreNotRedirected: an id of "." or a doubled
// slash is not cleaned into another route (a list answering where one object
// was asked for): it is a 404 problem.
func TestConventionUncleanPathsAreNotRedirected(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	for _, p := range []string{"/v1/cases/.", "/v1/accounts/.", "/v1//accounts", "/v1/accounts/./x"} {
		e.S("GET", p, nil).Want(t, 404, "not_found")
	}
}
