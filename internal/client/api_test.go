package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/client"
	"standing/internal/store"
)

// TestGeneratedClient speaks to a real server through the generated client:
// a sign-up (API.md, Answers: 201 {"account", "decision"}), a problem with
// its code and errors (Errors), a list envelope (Lists) and staff.
func TestGeneratedClient(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		ctx := context.Background()
		integ, err := client.NewWithKey(e.URL, e.Integration)
		if err != nil {
			t.Fatal(err)
		}
		admin, err := client.NewWithKey(e.URL, e.Admin)
		if err != nil {
			t.Fatal(err)
		}
		ip := "203.0.113.20"
		r, err := integ.PostAccountsWithResponse(ctx, nil, client.SignupInput{Email: "gen.client@example.com", Name: "Gen Client",
			Country: "ES", Freelancer: true, Signals: &client.SignupSignals{Ip: &ip}})
		if err != nil || r.JSON201 == nil {
			t.Fatalf("sign-up: %v %d %s", err, r.StatusCode(), r.Body)
		}
		id := r.JSON201.Account.Id
		if !strings.HasPrefix(id, "acc_") || r.JSON201.Account.Status != "active" || r.JSON201.Decision.Outcome != "allow" {
			t.Fatalf("sign-up answer: %s", r.Body)
		}
		bad, err := integ.PostAccountsWithBodyWithResponse(ctx, nil, "application/json", strings.NewReader("{"))
		if err != nil || bad.StatusCode() != http.StatusBadRequest || bad.ApplicationproblemJSON400 == nil ||
			bad.ApplicationproblemJSON400.Code != "invalid_request" || (*bad.ApplicationproblemJSON400.Errors)[0].Code != "malformed_json" {
			t.Fatalf("malformed sign-up: %v %s", err, bad.Body)
		}
		list, err := integ.GetAccountsWithResponse(ctx, &client.GetAccountsParams{})
		if err != nil || list.JSON200 == nil || list.JSON200.Data == nil || len(*list.JSON200.Data) != 1 {
			t.Fatalf("list: %v %s", err, list.Body)
		}
		m, err := admin.PostStaffWithResponse(ctx, nil, client.StaffInput{Email: "lead@example.com", Name: "Lead", Role: "lead"})
		if err != nil || m.JSON201 == nil || !strings.HasPrefix(m.JSON201.Id, "stf_") {
			t.Fatalf("staff: %v %s", err, m.Body)
		}
	})
}
