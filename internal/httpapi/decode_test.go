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
