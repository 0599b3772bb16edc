package policy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"standing/internal/policy"
)

func TestDefaultsAreThePolicy(t *testing.T) {
	s := policy.Defaults()
	day := 24 * time.Hour
	for name, c := range map[string][2]time.Duration{
		"I2 verification deadline": {s.VerificationDeadline.D(), 7 * day},
		"respond by":               {s.RespondBy.D(), 14 * day},
		"strike life":              {s.StrikeLife.D(), 365 * day},
		"E4 payout hold":           {s.PayoutHold.D(), 5 * day},
		"V5 non-circumvention":     {s.NonCircumvention.D(), 730 * day},
		"L9 dormancy":              {s.DormantAfter.D(), 730 * day},
		"P2 search":                {s.VisibilitySearchDelay.D(), 7 * day},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: %v, want %v", name, c[0], c[1])
		}
	}
	if s.ConnectsCap != 200 || s.BasicMonthlyConnects != 10 || s.PlusMonthlyConnects != 100 || s.MinimumAge != 18 || s.JobSuccessFloor != 70 {
		t.Errorf("numbers: %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadOverridesAndValidates(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	_ = os.WriteFile(good, []byte(`{"respond_by": "10d", "connects_cap": 300}`), 0o600)
	s, err := policy.Load(good)
	if err != nil || s.RespondBy.D() != 240*time.Hour || s.ConnectsCap != 300 || s.PayoutHold.D() != 120*time.Hour {
		t.Fatalf("%v %+v", err, s)
	}
	for body, want := range map[string]string{
		`{"respond_by": "soon"}`:                  "duration",
		`{"no_such_setting": 1}`:                  "unknown field",
		`{"spam_similarity": 2}`:                  "spam_similarity",
		`{"signal_secret": "short"}`:              "signal_secret",
		`{"connects_price_min": 20}`:              "connects_price_max",
		`{"minimum_age": 0, "strike_life": "0d"}`: "strike_life",
	} {
		p := filepath.Join(dir, "bad.json")
		_ = os.WriteFile(p, []byte(body), 0o600)
		if _, err := policy.Load(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", body, err)
		}
	}
}

// TestDurationWords: notices name the configured periods as a member reads
// them, so a tuned setting never leaves a notice quoting the default.
func TestDurationWords(t *testing.T) {
	day := 24 * time.Hour
	for d, want := range map[time.Duration]string{
		5 * 365 * day: "5 years", 730 * day: "24 months", 365 * day: "12 months", 90 * day: "3 months",
		30 * day: "1 month", 183 * day: "183 days", 7 * day: "7 days", day: "1 day", 36 * time.Hour: "36 hours", time.Hour: "1 hour",
	} {
		if got := policy.Duration(d).Words(); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

func TestDurationJSON(t *testing.T) {
	b, _ := json.Marshal(policy.Duration(36 * time.Hour))
	if string(b) != `"36h0m0s"` {
		t.Errorf("%s", b)
	}
	b, _ = json.Marshal(policy.Duration(48 * time.Hour))
	if string(b) != `"2d"` {
		t.Errorf("%s", b)
	}
}

func TestEveryRuleHasATier(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range policy.Rules {
		if seen[r.ID] || r.Tier == "" || r.Title == "" {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
	for _, id := range []string{"I1", "I5", "M1", "M8", "V1", "V10", "E1", "E4", "C1", "C4", "L1", "L11", "P1", "P4", "R1", "R3"} {
		if !seen[id] {
			t.Errorf("%s missing", id)
		}
	}
}

// TestConfigRefusesWhatItCannotRepresent: a duration past what the service
// can hold, or a negative one, is refused with the setting named, instead
// of wrapping around ("213504d" once became 25 minutes).
func TestConfigRefusesWhatItCannotRepresent(t *testing.T) {
	dir := t.TempDir()
	for body, want := range map[string]string{
		`{"respond_by": "213504d"}`:                "respond_by: duration \"213504d\": more than the 106751 days",
		`{"strike_life": "99999999999999999999d"}`: "strike_life: duration",
		`{"erasure_after": "-5d"}`:                 "erasure_after: duration \"-5d\": must not be negative",
		`{"payout_hold": "-36h"}`:                  "payout_hold: duration \"-36h\": must not be negative",
		`{"appeal_window": "9999999999h"}`:         "appeal_window: duration",
		`{"connects_cap": 1e30}`:                   "connects_cap:",
		`{"plus_price_cents": -1}`:                 "plus_price_cents must not be negative",
		`{"minimum_age": -3}`:                      "minimum_age must be at least 1",
	} {
		p := filepath.Join(dir, "bad.json")
		_ = os.WriteFile(p, []byte(body), 0o600)
		if _, err := policy.Load(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error containing %q", body, err, want)
		}
	}
	if d, err := policy.ParseDuration("106751d"); err != nil || d <= 0 {
		t.Errorf("the largest whole number of days: %v %v", d, err)
	}
}
