package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestAudit7UnknownFieldIsExact: API.md Conventions, Errors: a request with
// an unknown field is 400 invalid_request. JSON names are case-sensitive,
// so "Email" or "EMAIL" is not the field "email" (Go's decoder would take
// it for one), also in a nested object.
func TestAudit7UnknownFieldIsExact(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		r := e.I("POST", "/v1/accounts", `{"Email":"case@example.com","name":"Case","country":"US","freelancer":true,"client":false}`).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "Email" || r.Str("errors.0.code") != "unknown_field" {
			t.Fatalf("want an unknown_field error for Email: %s", r.Raw)
		}
		r = e.I("POST", "/v1/accounts", `{"email":"case2@example.com","name":"Case","country":"US","freelancer":true,"client":false,"signals":{"device_traits":{"Timezone":"UTC"}}}`).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "signals.device_traits.Timezone" || r.Str("errors.0.code") != "unknown_field" {
			t.Fatalf("want an unknown_field error for signals.device_traits.Timezone: %s", r.Raw)
		}
		acc := e.Signup(true, nil)
		r = e.I("POST", "/v1/accounts/"+acc+"/verification", map[string]any{
			"legal_name": "Member", "date_of_birth": "1980-01-01", "phone": "+14155550190",
			"address":     map[string]any{"line1": "1 Main St", "city": "Springfield", "postal_code": "12345", "Country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "CASE123456"},
		}).Want(t, 400, "invalid_request")
		if r.Str("errors.0.field") != "address.Country" {
			t.Fatalf("want an error for address.Country: %s", r.Raw)
		}
		// The exact names still work.
		e.I("POST", "/v1/accounts", `{"email":"case3@example.com","name":"Case","country":"US","freelancer":true,"client":false,"signals":{"device_traits":{"timezone":"UTC"}}}`).Want(t, 201)
	})
}

// TestAudit7BearerSchemeIsCaseInsensitive: API.md Conventions, Auth
// (Authorization: Bearer <key>). The scheme of an Authorization header is a
// case-insensitive token (RFC 9110 section 11.1): "bearer <key>" is the same
// credential, and a client that sends it is not refused with 401.
func TestAudit7BearerSchemeIsCaseInsensitive(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	for _, scheme := range []string{"bearer", "BEARER", "Bearer"} {
		e.Call("GET", "/v1/policies", "", nil, "Authorization", scheme+" "+e.Integration).Want(t, 200)
	}
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "Basic "+e.Integration).Want(t, 401, "unauthorized")
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "Bearer").Want(t, 401, "unauthorized")
	e.Call("GET", "/v1/policies", "", nil, "Authorization", "bearer not-a-key").Want(t, 401, "unauthorized")
}
