package population_test

import (
	"testing"

	"standing/internal/apitest"
	"standing/internal/population"
	"standing/internal/store"
)

// TestPopulationReplayIsFaithful signs up the synthetic population (honest
// members, coworkers behind one office IP, evaders of every technique and
// the staff bans they evade) on both engines, then replays every recorded
// decision under the settings in force: nothing may change (issue 16).
func TestPopulationReplayIsFaithful(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		if _, err := population.Scenario(apiClient{e, t}, population.New(7), 300, 30); err != nil {
			t.Fatal(err)
		}
		r := e.S("POST", "/v1/policies/simulations", map[string]any{"settings": map[string]any{}}).Want(t, 201)
		if r.Num("replayed") < 300 || r.Num("changed") != 0 || r.Num("staff_decisions") < 1 {
			t.Fatalf("faithfulness over the population: %s", r.Raw)
		}
	})
}
