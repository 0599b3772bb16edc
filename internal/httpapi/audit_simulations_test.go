package httpapi_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestSimulationChangesNothing: API.md, POST /v1/policies/simulations: a
// what-if run replays the window under the given settings and "nothing is
// changed". The settings it is given, accepted or refused, must not leak
// into the settings in force: not the M9 probabilities (a map), not the
// webhook allow list (a slice), and a refused run must not make the next
// one fail.
func TestSimulationChangesNothing(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), apitest.AllowLocalWebhooks)
		before := e.Svc.Settings()
		address := before.NearMatch.Fields["address"]
		run := func(settings string) apitest.Resp {
			return e.S("POST", "/v1/policies/simulations", `{"settings": `+settings+`}`)
		}
		run(`{"near_match": {"fields": {"not_a_field": {"m": [0.1, 0.2, 0.7], "u": [0.9, 0.09, 0.01]}}}}`).Want(t, 400, "invalid_request")
		run(`{}`).Want(t, 201) // the refused run left nothing behind
		run(`{"near_match": {"fields": {"address": {"m": [0.5, 0.25, 0.25], "u": [0.5, 0.25, 0.25]}}}}`).Want(t, 201)
		run(`{"webhook_allow_hosts": ["169.254.169.254"]}`).Want(t, 201)

		now := e.Svc.Settings()
		if _, ok := now.NearMatch.Fields["not_a_field"]; ok || len(now.NearMatch.Fields) != len(before.NearMatch.Fields) {
			t.Fatalf("a simulation added to the M9 fields in force: %v", now.NearMatch.Fields)
		}
		if now.NearMatch.Fields["address"] != address {
			t.Fatalf("a simulation changed the M9 address probabilities in force: %v, was %v", now.NearMatch.Fields["address"], address)
		}
		if len(now.WebhookAllowHosts) != 1 || now.WebhookAllowHosts[0] != "127.0.0.1" {
			t.Fatalf("a simulation changed the webhook allow list in force: %v", now.WebhookAllowHosts)
		}
		p := e.S("GET", "/v1/policies", nil).Want(t, 200)
		if m := p.Get("settings.near_match.fields.address.m"); m.([]any)[0].(float64) != address.M[0] {
			t.Fatalf("GET /v1/policies shows changed M9 settings: %v", m)
		}
	})
}
