package httpapi_test

import (
	"testing"

	"standing/internal/httpapi"
	"standing/internal/problem"
)

// FuzzDecode: any body either decodes or is a 400 invalid_request; never a
// panic or another error.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"email":"a@b.co","name":"A","country":"US","freelancer":true,"client":false}`,
		`{"signals":{"ip":1}}`, `{`, `[]`, `null`, `{"legal_name":"x","address":{"line1":null}}`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range httpapi.RequestBodies() {
			err := httpapi.Decode(body, v)
			if err == nil {
				continue
			}
			p, ok := problem.As(err)
			if !ok || p.Code != "invalid_request" || p.Status != 400 {
				t.Fatalf("%q: %v", body, err)
			}
		}
	})
}

// TestDecodeExactNames: API.md Errors, an unknown field is 400. A key that
// names a field only when case is ignored is unknown, however it is
// written (capitals, an escape, the Kelvin sign encoding/json folds to
// "k"); capitals in values, or colons and quotes in them, are not keys.
func TestDecodeExactNames(t *testing.T) {
	type body struct {
		Email *string `json:"email"`
		Kind  *string `json:"kind"`
	}
	for raw, wantErr := range map[string]bool{
		`{"email":"Ana@Example.COM","kind":"A"}`:    false,
		`{"email":"say \"Kind\": yes", "kind":"x"}`: false,
		`{"Email":"a@b.co"}`:                        true,
		`{"email":"a@b.co", "KIND" : "x"}`:          true,
		`{"\u0045mail":"a@b.co"}`:                   true,
		`{"\u212aind":"x"}`:                         true,
	} {
		err := httpapi.Decode([]byte(raw), &body{})
		if got := err != nil; got != wantErr {
			t.Errorf("%s: error %v, want error %v", raw, err, wantErr)
			continue
		}
		if p, ok := problem.As(err); err != nil && (!ok || p.Status != 400 || p.Code != "invalid_request") {
			t.Errorf("%s: %v", raw, err)
		}
	}
}
