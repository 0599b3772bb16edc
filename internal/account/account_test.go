package account_test

import (
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/policy"
)

// TestTransitions checks the status machine of POLICY.md section 2, every pair.
func TestTransitions(t *testing.T) {
	allowed := map[[2]account.Status]bool{
		{"active", "suspended"}: true, {"active", "banned"}: true, {"active", "closed"}: true,
		{"suspended", "active"}: true, {"suspended", "banned"}: true, {"suspended", "closed"}: true,
		{"banned", "active"}: true, {"banned", "erased"}: true,
		{"closed", "active"}: true, {"closed", "erased"}: true,
	}
	all := []account.Status{account.Active, account.Suspended, account.Banned, account.Closed, account.Erased}
	for _, from := range all {
		for _, to := range all {
			if got := account.CanTransition(from, to); got != allowed[[2]account.Status{from, to}] {
				t.Errorf("%s -> %s: %v", from, to, got)
			}
		}
	}
}

func TestCapabilities(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := account.New("acc_1", now, s)
	if ok, by := a.Check(account.SubmitProposal, now, s); ok || by[0].Rule != "P4" {
		t.Errorf("P4: an account with no freelancer profile bids: %v %v", ok, by)
	}
	a.Freelancer = true
	a.ApplyUnverified()
	if ok, by := a.Check(account.SubmitProposal, now, s); ok || len(by) != 1 || by[0].Rule != "I1" {
		t.Errorf("I1: %v %v", ok, by)
	}
	if ok, _ := a.Check(account.SendMessage, now, s); !ok {
		t.Error("messages blocked on an active account")
	}
	until := now.Add(time.Hour)
	a.Restrict(account.Restriction{Capability: account.PostJob, Rule: "V9", Reason: "x", Until: &until})
	if ok, _ := a.Check(account.PostJob, now, s); ok {
		t.Error("restriction ignored")
	}
	if ok, _ := a.Check(account.PostJob, now.Add(2*time.Hour), s); !ok {
		t.Error("restriction outlived its end")
	}
	// Suspended keeps only send_message.
	if err := a.Transition(account.Suspended, "V5", now); err != nil {
		t.Fatal(err)
	}
	for _, c := range account.Capabilities {
		ok, _ := a.Check(c, now, s)
		if ok != (c == account.SendMessage) {
			t.Errorf("suspended %s: %v", c, ok)
		}
	}
	// E4: banned keeps withdraw_funds only, after the payout hold.
	b := account.New("acc_2", now, s)
	if err := b.Transition(account.Banned, "V4", now); err != nil {
		t.Fatal(err)
	}
	if ok, by := b.Check(account.WithdrawFunds, now.Add(24*time.Hour), s); ok || by[0].Rule != "E4" {
		t.Errorf("E4 hold: %v %v", ok, by)
	}
	if ok, _ := b.Check(account.WithdrawFunds, now.Add(5*24*time.Hour), s); !ok {
		t.Error("E4: withdrawal still blocked after the hold")
	}
	if ok, _ := b.Check(account.SendMessage, now.Add(6*24*time.Hour), s); ok {
		t.Error("banned account may message")
	}
	b.FraudHold = &account.Hold{Reason: "chargebacks"}
	if ok, _ := b.Check(account.WithdrawFunds, now.Add(6*24*time.Hour), s); ok {
		t.Error("E4 fraud hold ignored")
	}
	if err := b.Transition(account.Suspended, "X", now); err == nil {
		t.Error("banned -> suspended allowed")
	}
}

func TestConnectsGrantP3(t *testing.T) {
	s := policy.Defaults()
	a := account.New("acc_1", time.Now(), s)
	a.Plan, a.Connects = "plus", 150
	if n := a.GrantConnects(s); n != 50 || a.Connects != 200 {
		t.Errorf("cap: +%d -> %d", n, a.Connects)
	}
	a.Plan, a.Connects = "basic", 0
	if a.GrantConnects(s); a.Connects != 10 {
		t.Errorf("basic grant %d", a.Connects)
	}
	for _, st := range []account.Status{account.Closed, account.Banned} {
		a.Status = st
		if n := a.GrantConnects(s); n != 0 || a.Connects != 10 {
			t.Errorf("P3: a %s account was granted %d Connects", st, n)
		}
	}
}

// TestBadgesR2R3: Top Rated is shown only with R2's numbers met, no strike
// that stands in the last 3 months (R2) and no R3 badge loss running; both
// take the badge away at once and give it back when their time has passed.
func TestBadgesR2R3(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	lossUntil := now.Add(10 * day)
	for _, c := range []struct {
		name     string
		topRated bool
		strikes  []account.Strike
		loss     *time.Time
		want     bool
	}{
		{"R2 numbers met, clean", true, nil, nil, true},
		{"R2 numbers not met", false, nil, nil, false},
		{"R2 a V7 strike a day ago", true, []account.Strike{{Rule: "V7", At: now.Add(-day)}}, nil, false},
		{"R2 a V9 strike 89 days ago", true, []account.Strike{{Rule: "V9", At: now.Add(-89 * day)}}, nil, false},
		{"R2 a strike 91 days ago no longer counts", true, []account.Strike{{Rule: "V7", At: now.Add(-91 * day)}}, nil, true},
		{"R2 a strike removed on appeal does not count", true, []account.Strike{{Rule: "V7", At: now.Add(-day), Removed: true}}, nil, true},
		{"R3 badge loss running", true, nil, &lossUntil, false},
	} {
		a := account.New("acc_1", now.Add(-400*day), s)
		a.TopRated, a.Strikes, a.BadgeLossUntil = c.topRated, c.strikes, c.loss
		if got := len(a.Badges(now, s)) == 1; got != c.want {
			t.Errorf("%s: top_rated %v, want %v", c.name, got, c.want)
		}
	}
}
