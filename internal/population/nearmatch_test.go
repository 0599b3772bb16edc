package population_test

import (
	"context"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/population"
)

// TestPopulationM9 runs the noisier population in process: evaders who
// change every exact signal but keep one hard thing go to review under M9
// (recall per tactic), honest members and look-alikes of banned members
// are rarely sent to review and never blocked.
func TestPopulationM9(t *testing.T) {
	if testing.Short() {
		t.Skip("population run")
	}
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	rep, err := population.NearScenario(population.NewInProcess(context.Background(), e.Svc), population.New(7), 1500, 80)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.PrintNear(&b)
	t.Log("\n" + b.String())
	s := rep.NearSummarize()
	for _, tactic := range population.NearTactics {
		if s.Recall[tactic] < 0.9 {
			t.Errorf("M9: recall into review for %s is %.2f, want at least 0.90", tactic, s.Recall[tactic])
		}
	}
	if s.HonestBlocked != 0 {
		t.Errorf("M9: %d honest members blocked", s.HonestBlocked)
	}
	if r := float64(s.HonestReviewM9) / float64(s.Honest); r > 0.02 {
		t.Errorf("M9: %.1f%% of honest members sent to review by near matches, want at most 2%%", 100*r)
	}
}
