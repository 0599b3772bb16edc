package enforce_test

import (
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/effect"
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

// TestI4NameMismatch: a legal name that does not match opens a V4 review
// only when linkage allowed the account; it never sanctions.
func TestI4NameMismatch(t *testing.T) {
	a := &account.Account{ID: "acc_a", Status: account.Active}
	allow := decision.Allowed()
	d, effs := enforce.NameMismatch(a, enforce.IdentityCheck{NameMatches: false}, allow)
	if d.Outcome != decision.Review || *d.Rule != "I4" || len(effs) != 1 {
		t.Fatalf("I4: %+v %v", d, effs)
	}
	if c, ok := effs[0].(effect.OpenCase); !ok || c.Rule != "V4" {
		t.Fatalf("I4: %v", effs)
	}
	block := decision.Allowed()
	block.Outcome = decision.Block
	if _, effs := enforce.NameMismatch(a, enforce.IdentityCheck{}, block); len(effs) != 0 {
		t.Fatalf("I4 after a graver decision: %v", effs)
	}
	if _, effs := enforce.NameMismatch(a, enforce.IdentityCheck{NameMatches: true}, allow); len(effs) != 0 {
		t.Fatalf("I4 with matching names: %v", effs)
	}
}

// TestE1DeadlineFollowsTheSuspension: the E1 ban's notice names the
// suspension notice it follows, so an appeal of the suspension undoes both.
func TestE1DeadlineFollowsTheSuspension(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	past := now.Add(-time.Hour)
	a := &account.Account{ID: "acc_a", Status: account.Suspended, StatusRule: "V6", StatusNotice: "ntc_s", RespondBy: &past}
	effs := enforce.Deadline(a, now)
	if len(effs) != 2 {
		t.Fatalf("E1: %v", effs)
	}
	n := effs[1].(effect.IssueNotice)
	if n.Notice.Rule != "E1" || n.Notice.Follows != "ntc_s" || !n.CausesStatus {
		t.Fatalf("E1 notice: %+v", n)
	}
	future := now.Add(time.Hour)
	a.RespondBy = &future
	if effs := enforce.Deadline(a, now); len(effs) != 0 {
		t.Fatalf("E1 before the deadline: %v", effs)
	}
}
