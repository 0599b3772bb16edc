package enforce_test

import (
	"testing"
	"time"

	"standing/internal/enforce"
	"standing/internal/notice"
	"standing/internal/policy"
)

// TestDecideTiers is the table of POLICY.md section 5, one row per rule id.
func TestDecideTiers(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	type row struct {
		rule    string
		high    bool
		strikes int
		action  string
		strike  bool
	}
	cases := []row{
		{"V2", false, 0, notice.Ban, false},
		{"V3", true, 0, notice.Ban, false},
		{"V3", false, 0, enforce.ReviewCase, false},
		{"V8", false, 0, notice.Ban, false},
		{"I3", false, 0, notice.Ban, false},
		{"V1", false, 0, enforce.ReviewCase, false},
		{"V4", false, 0, enforce.ReviewCase, false},
		{"I1", false, 0, notice.Restriction, false},
		{"I2", false, 0, notice.Restriction, false},
	}
	for _, r := range []string{"V5", "V6", "V7", "V9", "V10"} {
		cases = append(cases,
			row{r, false, 0, notice.Warning, true},
			row{r, false, 1, notice.Suspension, true},
			row{r, false, 2, notice.Ban, true})
	}
	for _, c := range cases {
		eff := enforce.Decide(enforce.Violation{Rule: c.rule, High: c.high}, c.strikes, now, s)
		if eff.Action != c.action || eff.Strike != c.strike || eff.Rule != c.rule {
			t.Errorf("%s high=%v strikes=%d: got %+v, want %s strike=%v", c.rule, c.high, c.strikes, eff, c.action, c.strike)
		}
		if eff.Action == notice.Suspension && (eff.RespondBy == nil || !eff.RespondBy.Equal(now.Add(14*24*time.Hour))) {
			t.Errorf("%s: respond_by %v, want 14 days", c.rule, eff.RespondBy)
		}
	}
}

func TestNoticeTexts(t *testing.T) {
	for _, r := range policy.Rules {
		if notice.Summary(notice.Ban, r.ID) == "" || notice.Remedy(r.ID, notice.Warning) == "" {
			t.Errorf("%s: empty text", r.ID)
		}
	}
}
