package population_test

import (
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/population"
)

type apiClient struct {
	e *apitest.Env
	t *testing.T
}

func (c apiClient) SignUp(s population.Signup) (string, string, error) {
	r := c.e.I("POST", "/v1/accounts", s.Body())
	if r.Status != 201 && r.Status != 409 {
		c.t.Fatalf("sign-up %s: %d %s", s.Email, r.Status, r.Raw)
	}
	return r.Str("decision.outcome"), r.Str("account.id"), nil
}

func (c apiClient) Ban(id string) error {
	c.e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(c.t, 201)
	return nil
}

// TestPopulationM4 runs the synthetic population through the API: every
// evader who reuses a strong signal is blocked (V2), one who shares only a
// device goes to review, and no honest member is blocked.
func TestPopulationM4(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	rep, err := population.Scenario(apiClient{e, t}, population.New(42), 1500, 60)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.Print(&b)
	t.Log("\n" + b.String())
	s := rep.Summarize()
	if s.EvasionRecall != 1 {
		t.Errorf("evasion recall %.3f", s.EvasionRecall)
	}
	if s.HonestBlocked != 0 {
		t.Errorf("%d honest members blocked", s.HonestBlocked)
	}
	if s.DeviceOnlyReviewed != s.DeviceOnly {
		t.Errorf("device-only evaders: %d of %d reviewed", s.DeviceOnlyReviewed, s.DeviceOnly)
	}
	if c := rep.Counts["honest/coworker"]; c["review"]+c["block"] != 0 {
		t.Errorf("M3: coworkers behind one office IP were flagged: %v", c)
	}
}
