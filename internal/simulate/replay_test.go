package simulate

import (
	"strings"
	"testing"
	"time"

	"standing/internal/policy"
)

const day = 24 * time.Hour

// replay runs a history under settings and returns the counts.
func replay(t *testing.T, ds []Decision, s policy.Settings, to time.Time) Counts {
	t.Helper()
	r := New(s)
	for _, d := range ds {
		if err := r.Step(d); err != nil {
			t.Fatal(err)
		}
	}
	return r.Finish(to)
}

// net is before minus after for a rule and action.
func net(c Counts, rule, action string) int {
	for _, rc := range c.ByRule {
		if rc.Rule == rule && rc.Action == action {
			return rc.Before - rc.After
		}
	}
	return 0
}

func hasExample(c Counts, rule, before, after string) bool {
	for _, e := range c.Examples {
		if e.Rule == rule && e.Before == before && e.After == after {
			return true
		}
	}
	return false
}

// TestReplay: each case records a history under the defaults, checks that
// replaying it under the defaults changes nothing (faithfulness), then
// replays it under the proposal and checks what changes.
func TestReplay(t *testing.T) {
	for _, tc := range []struct {
		name    string
		history func(w *world)
		tune    func(s *policy.Settings)
		check   func(t *testing.T, c Counts)
	}{
		{"serious tier: strike_life 30d turns a second strike's suspension into a warning, and E1's ban away", func(w *world) {
			w.message("acc_a", email)
			w.advance(40 * day)
			w.message("acc_a", contact)
			w.advance(15 * day) // E1
		}, func(s *policy.Settings) { s.StrikeLife = policy.Duration(30 * day) }, func(t *testing.T, c Counts) {
			if net(c, "V5", "suspension") != 1 || net(c, "V5", "warning") != -1 || net(c, "E1", "ban") != 1 || c.Changed != 2 {
				t.Fatalf("%+v", c)
			}
			if !hasExample(c, "V5", "suspension", "warning") || !hasExample(c, "E1", "ban", "none") {
				t.Fatalf("examples: %+v", c.Examples)
			}
		}},
		{"serious tier: an earlier-expired strike changes the tier of the next one, and E1 follows the proposal's suspension", func(w *world) {
			w.message("acc_b", email)
			w.advance(200 * day)
			w.message("acc_b", email) // 2nd: suspended
			w.advance(5 * day)
			w.remedy("acc_b")
			w.advance(45 * day)
			w.message("acc_b", contact) // 3rd within 365 days: banned
			w.advance(30 * day)
		}, func(s *policy.Settings) { s.StrikeLife = policy.Duration(100 * day) }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V6", "suspension", "warning") || !hasExample(c, "V5", "ban", "suspension") || !hasExample(c, "E1", "none", "ban") {
				t.Fatalf("%+v", c.Examples)
			}
			if c.StaffDecisions != 1 {
				t.Fatalf("the remedy is a staff decision: %+v", c)
			}
		}},
		{"E1: a shorter respond_by bans at its earlier deadline", func(w *world) {
			w.message("acc_c", email)
			w.advance(40 * day)
			w.message("acc_c", contact)
			w.advance(20 * day)
		}, func(s *policy.Settings) { s.RespondBy = policy.Duration(7 * day) }, func(t *testing.T, c Counts) {
			if net(c, "E1", "ban") != 0 || c.Changed != 2 {
				t.Fatalf("%+v", c)
			}
			want := epoch.Add(47 * day)
			for _, e := range c.Examples {
				if e.Rule == "E1" && e.After == "ban" && !e.At.Equal(want) {
					t.Fatalf("E1 at %s, want %s", e.At, want)
				}
			}
		}},
		{"V3: spam_high_recipients 30 turns a ban into a review case", func(w *world) {
			w.spam("acc_d", 25, 1, false)
		}, func(s *policy.Settings) { s.SpamHighRecipients = 30 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V3", "ban", "case") {
				t.Fatalf("%+v", c)
			}
		}},
		{"V3: spam_similarity 0.9 no longer counts first contacts 0.8 alike", func(w *world) {
			w.spam("acc_e", 25, 0.8, false)
		}, func(s *policy.Settings) { s.SpamSimilarity = 0.9 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V3", "ban", "none") {
				t.Fatalf("%+v", c)
			}
		}},
		{"V3: spam_daily_recipients 5 makes eight unlike first contacts in a day a review case", func(w *world) {
			w.spam("acc_j", 8, 0, false)
		}, func(s *policy.Settings) { s.SpamDailyRecipients = 5 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V3", "none", "case") {
				t.Fatalf("%+v", c)
			}
		}},
		{"V3: a medium level with a review case already open does nothing", func(w *world) {
			w.spam("acc_f", 12, 1, true)
		}, func(s *policy.Settings) { s.SpamMediumRecipients = 5 }, func(t *testing.T, c Counts) {
			if c.Changed != 0 || c.Replayed != 1 {
				t.Fatalf("%+v", c)
			}
		}},
		{"C3: refused_attempts 2 makes the second refusal in the window a V6 strike", func(w *world) {
			w.decide(Refusal, Facts{Account: Snap(w.acc("acc_g")), Refusal: &RefusalFacts{Surface: "profile", Ages: []time.Duration{0, time.Hour}}})
		}, func(s *policy.Settings) { s.RefusedAttempts = 2 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V6", "none", "warning") {
				t.Fatalf("%+v", c)
			}
		}},
		{"C3: refused_window 1h leaves out a refusal made two hours before", func(w *world) {
			w.decide(Refusal, Facts{Account: Snap(w.acc("acc_h")), Refusal: &RefusalFacts{Surface: "profile", Ages: []time.Duration{0, time.Minute, 2 * time.Hour}}})
		}, func(s *policy.Settings) { s.RefusedWindow = policy.Duration(time.Hour) }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V6", "warning", "none") {
				t.Fatalf("%+v", c)
			}
		}},
		{"M3/M4: link_strong_score 0.99 makes a payment-instrument link medium, so ban evasion (V2) becomes a linkage case", func(w *world) {
			w.acc("acc_old").Status = "banned"
			w.signup("acc_new", "acc_old", "payment_instrument", 2)
		}, func(s *policy.Settings) { s.LinkStrongScore = 0.99 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V2", "ban", "case") {
				t.Fatalf("%+v", c)
			}
		}},
		{"M4: a suspension the proposal does not make is no suspension to evade: V2 becomes a refusal", func(w *world) {
			w.message("acc_x", email)
			w.advance(40 * day)
			w.message("acc_x", contact) // suspended
			w.advance(day)
			w.signup("acc_y", "acc_x", "phone", 2)
		}, func(s *policy.Settings) { s.StrikeLife = policy.Duration(30 * day) }, func(t *testing.T, c Counts) {
			if !hasExample(c, "V2", "ban", "refused") {
				t.Fatalf("%+v", c.Examples)
			}
		}},
		{"M4: a sign-up the proposal refuses never existed, so its later strikes are not counted", func(w *world) {
			w.acc("acc_live")
			w.signup("acc_dup", "acc_live", "phone", 40) // a common number: medium, allowed with a linkage case
			w.message("acc_dup", email)
		}, func(s *policy.Settings) { s.LinkStrongScore = 0.6 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "M4", "case", "refused") || !hasExample(c, "V6", "warning", "none") {
				t.Fatalf("%+v", c.Examples)
			}
		}},
		{"I3: minimum_age 21 bans a 19-year-old at verification", func(w *world) {
			w.decide(Verification, Facts{Account: Snap(w.acc("acc_i")), Verify: &VerifyFacts{Age: 19, NameMatches: true}})
		}, func(s *policy.Settings) { s.MinimumAge = 21 }, func(t *testing.T, c Counts) {
			if !hasExample(c, "I3", "none", "ban") {
				t.Fatalf("%+v", c)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, ds := collect(policy.Defaults())
			tc.history(w)
			if c := replay(t, *ds, policy.Defaults(), w.now); c.Changed != 0 || len(c.Examples) != 0 {
				t.Fatalf("faithfulness: the settings in force changed %d: %+v", c.Changed, c.Examples)
			}
			s := policy.Defaults()
			tc.tune(&s)
			tc.check(t, replay(t, *ds, s, w.now))
		})
	}
}

// TestReplayCountsWhatItCannotReplay: staff decisions are kept and counted
// apart, decisions from before facts were recorded are not replayable, and
// a history out of time order is refused.
func TestReplayCountsWhatItCannotReplay(t *testing.T) {
	r := New(policy.Defaults())
	for _, d := range []Decision{{ID: "a", Kind: Staff}, {ID: "b", Kind: Legacy}, {ID: "c", Kind: Legacy}} {
		if err := r.Step(d); err != nil {
			t.Fatal(err)
		}
	}
	if c := r.Finish(epoch); c.StaffDecisions != 1 || c.NotReplayable != 2 || c.Replayed != 0 {
		t.Fatalf("%+v", c)
	}
	w, ds := collect(policy.Defaults())
	w.message("acc_z", email)
	w.advance(day)
	w.message("acc_z", email)
	r = New(policy.Defaults())
	_ = r.Step((*ds)[1])
	if err := r.Step((*ds)[0]); err == nil || !strings.Contains(err.Error(), "time order") {
		t.Fatalf("out of order: %v", err)
	}
}
