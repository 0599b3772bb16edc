package enforce_test

import (
	"fmt"
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

// kinds lists the effect types of effs, in order, for table comparisons.
func kinds(effs []effect.Effect) []string {
	var out []string
	for _, e := range effs {
		switch e := e.(type) {
		case effect.SetStatus:
			out = append(out, "status:"+string(e.To))
		case effect.AddStrike:
			out = append(out, "strike:"+e.Rule)
		case effect.IssueNotice:
			out = append(out, "notice:"+e.Notice.Action)
		case effect.OpenCase:
			out = append(out, "case:"+e.Kind)
		case effect.Restrict:
			out = append(out, "restrict:"+e.Restriction.Capability)
		case effect.SetFraudHold:
			out = append(out, fmt.Sprintf("hold:%v", e.On))
		case effect.SetVerification:
			out = append(out, "verification:"+e.Status)
		case effect.Lift:
			out = append(out, "lift:"+e.Rule)
		case effect.Audit:
			out = append(out, "audit:"+e.Action)
		default:
			out = append(out, fmt.Sprintf("%T", e))
		}
	}
	return out
}

// TestApplyKeepsTheGraverStatus: a suspension of an account that is not
// active, or a ban of one already banned or closed, records the strike
// under a warning and leaves the status a graver decision set (section 5);
// a V5, V6 or V10 strike removes Top Rated for the badge-loss period (R3).
func TestApplyKeepsTheGraverStatus(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	by := now.Add(s.RespondBy.D())
	for _, tc := range []struct {
		name   string
		status account.Status
		eff    enforce.Effect
		want   string
	}{
		{"V6 second strike suspends an active account", account.Active, enforce.Effect{Action: notice.Suspension, Rule: "V6", Strike: true, RespondBy: &by}, "[strike:V6 status:suspended notice:suspension]"},
		{"V6 second strike on a banned account is a warning", account.Banned, enforce.Effect{Action: notice.Suspension, Rule: "V6", Strike: true, RespondBy: &by}, "[strike:V6 notice:warning]"},
		{"V2 ban of a banned account is a warning", account.Banned, enforce.Effect{Action: notice.Ban, Rule: "V2"}, "[notice:warning]"},
		{"V2 ban of a suspended account bans", account.Suspended, enforce.Effect{Action: notice.Ban, Rule: "V2"}, "[status:banned notice:ban]"},
		{"V4 review opens a case", account.Active, enforce.Effect{Action: enforce.ReviewCase, Rule: "V4"}, "[case:violation_review]"},
		{"V1 review opens a linkage case", account.Active, enforce.Effect{Action: enforce.ReviewCase, Rule: "V1"}, "[case:linkage_review]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &account.Account{ID: "acc_a", Status: tc.status}
			if got := fmt.Sprint(kinds(enforce.Apply(a, tc.eff, enforce.Finding{Violation: enforce.Violation{Rule: tc.eff.Rule}}, now, s))); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
	for rule, loses := range map[string]bool{"V5": true, "V6": true, "V10": true, "V7": false, "V9": false} {
		effs := enforce.Apply(&account.Account{ID: "acc_a", Status: account.Active}, enforce.Effect{Action: notice.Warning, Rule: rule, Strike: true},
			enforce.Finding{Violation: enforce.Violation{Rule: rule}}, now, s)
		if st := effs[0].(effect.AddStrike); (st.BadgeLossUntil != nil) != loses {
			t.Errorf("R3: a %s strike removes Top Rated: %v, want %v", rule, st.BadgeLossUntil != nil, loses)
		}
	}
}

// TestC3Refusals: three refused attempts within the window make a V6
// strike; the others make none; an attempt counts toward one strike only.
func TestC3Refusals(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &account.Account{ID: "acc_a", Status: account.Active}
	h := time.Hour
	for _, tc := range []struct {
		name string
		ages []time.Duration
		want string
	}{
		{"C3 1st refusal", []time.Duration{0}, "[]"},
		{"C3 2nd refusal", []time.Duration{h, 0}, "[]"},
		{"C3 3rd refusal in 24 hours strikes", []time.Duration{2 * h, h, 0}, "[strike:V6 notice:warning]"},
		{"C3 4th refusal in the same 24 hours", []time.Duration{3 * h, 2 * h, h, 0}, "[]"},
		{"C3 6th refusal in 24 hours strikes again", []time.Duration{5 * h, 4 * h, 3 * h, 2 * h, h, 0}, "[strike:V6 notice:warning]"},
		{"C3 3 refusals spread over more than 24 hours", []time.Duration{25 * h, 2 * h, 0}, "[]"},
		{"C3 a refusal after a strike does not count the spent attempts again", []time.Duration{24*h + 1, 23 * h, 22 * h, 0}, "[]"},
		{"C3 three new attempts after a strike strike", []time.Duration{24*h + 1, 23 * h, 22 * h, 2, 1, 0}, "[strike:V6 notice:warning]"},
	} {
		if got := fmt.Sprint(kinds(enforce.Refusals(a, tc.ages, "profile", nil, now, s))); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestE4FraudHold: placing a hold stops payouts with a notice; lifting says
// so; placing one twice or lifting none changes nothing.
func TestE4FraudHold(t *testing.T) {
	free := &account.Account{ID: "acc_a", Status: account.Active}
	held := &account.Account{ID: "acc_a", Status: account.Banned, FraudHold: &account.Hold{Reason: "chargebacks"}}
	for _, tc := range []struct {
		name string
		a    *account.Account
		on   bool
		want string
	}{
		{"place", free, true, "[hold:true notice:restriction]"},
		{"lift", held, false, "[hold:false notice:reinstatement]"},
		{"place again", held, true, "[]"},
		{"lift none", free, false, "[]"},
	} {
		if got := fmt.Sprint(kinds(enforce.FraudHold(tc.a, tc.on, "chargebacks"))); got != tc.want {
			t.Errorf("E4 %s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestI1I3I5Verify: under 18 is banned (I3); a document that verified
// another account is rejected (I5); otherwise verified, I1 lifted and an
// I2 hold ended.
func TestI1I3I5Verify(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		a       account.Account
		c       enforce.IdentityCheck
		verdict enforce.Verified
		want    string
	}{
		{"I3 under 18", account.Account{Status: account.Active}, enforce.IdentityCheck{Age: 17}, "under_age", "[verification:rejected status:banned notice:ban]"},
		{"I5 document used", account.Account{Status: account.Active}, enforce.IdentityCheck{Age: 30, DocumentUsed: true}, "document_used", "[verification:rejected audit:verification_rejected]"},
		{"I1 verified", account.Account{Status: account.Active}, enforce.IdentityCheck{Age: 30}, "verified", "[verification:verified lift:I1 audit:verified]"},
		{"I2 hold ends", account.Account{Status: account.Suspended, StatusRule: "I2"}, enforce.IdentityCheck{Age: 30}, "verified",
			"[verification:verified lift:I1 audit:verified status:active notice:reinstatement]"},
	} {
		tc.a.ID = "acc_a"
		verdict, effs := enforce.Verify(&tc.a, tc.c, now, s)
		if got := fmt.Sprint(kinds(effs)); verdict != tc.verdict || got != tc.want {
			t.Errorf("%s: got %s %s, want %s %s", tc.name, verdict, got, tc.verdict, tc.want)
		}
	}
}

// TestStaffSanctionAndRemedy: a staff suspension needs an active account
// and takes the respond-by given; a restriction names its capability and
// end; a remedy accepted returns a suspended account to active (E1).
func TestStaffSanctionAndRemedy(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	active := &account.Account{ID: "acc_a", Status: account.Active}
	day := 24 * time.Hour
	effs, err := enforce.StaffSanction(active, enforce.Sanction{Rule: "V9", Action: notice.Suspension, Reason: "copied", Within: &day}, now, s)
	if err != nil || fmt.Sprint(kinds(effs)) != "[strike:V9 status:suspended notice:suspension]" || effs[1].(effect.SetStatus).RespondBy.Sub(now) != day {
		t.Fatalf("suspension: %v %v", kinds(effs), err)
	}
	if _, err := enforce.StaffSanction(&account.Account{ID: "acc_b", Status: account.Banned}, enforce.Sanction{Rule: "V9", Action: notice.Suspension}, now, s); err == nil {
		t.Fatal("a banned account was suspended")
	}
	effs, _ = enforce.StaffSanction(active, enforce.Sanction{Rule: "V4", Action: notice.Restriction, Capability: account.PostJob, Within: &day}, now, s)
	if fmt.Sprint(kinds(effs)) != "[restrict:post_job notice:restriction]" || effs[0].(effect.Restrict).Restriction.Until == nil {
		t.Fatalf("restriction: %v", kinds(effs))
	}
	if _, err := enforce.Remedy(active, "", now); err == nil {
		t.Fatal("E1: a remedy was accepted for an account that is not suspended")
	}
	effs, _ = enforce.Remedy(&account.Account{ID: "acc_c", Status: account.Suspended, StatusRule: "V6"}, "removed the email", now)
	if fmt.Sprint(kinds(effs)) != "[status:active notice:reinstatement]" {
		t.Fatalf("E1 remedy: %v", kinds(effs))
	}
	// E1: at respond_by the suspension becomes a ban, whether or not the
	// deadline job has run yet; a remedy a moment before is still in time.
	by := now.Add(time.Hour)
	late := &account.Account{ID: "acc_d", Status: account.Suspended, StatusRule: "V9", RespondBy: &by}
	if _, err := enforce.Remedy(late, "removed", by); err == nil {
		t.Fatal("E1: a remedy was accepted once the deadline had passed")
	}
	if effs, err := enforce.Remedy(late, "removed", by.Add(-time.Second)); err != nil || len(effs) != 2 {
		t.Fatalf("E1: a remedy before the deadline: %v %v", kinds(effs), err)
	}
}

// TestV8ReviewManipulation: a review between linked accounts is void and
// both live accounts are banned, each notice naming the other account; an
// unlinked review stands.
func TestV8ReviewManipulation(t *testing.T) {
	s := policy.Defaults()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &account.Account{ID: "acc_a", Status: account.Active}
	b := &account.Account{ID: "acc_b", Status: account.Active}
	if voided, effs := enforce.ReviewManipulation(a, b, nil, now, s); voided || len(effs) != 0 {
		t.Fatalf("V8 without a link: %v %v", voided, effs)
	}
	voided, effs := enforce.ReviewManipulation(a, b, &decision.Link{AccountID: "acc_b", Signals: []string{"payment_instrument"}, Score: 0.95}, now, s)
	if !voided || fmt.Sprint(kinds(effs)) != "[status:banned notice:ban status:banned notice:ban]" {
		t.Fatalf("V8: %v %v", voided, kinds(effs))
	}
	for _, e := range effs {
		if n, ok := e.(effect.IssueNotice); ok && n.Notice.Evidence[0].Ref == n.Account {
			t.Fatalf("V8: the notice of %s names it as the other account", n.Account)
		}
	}
	b.Status = account.Closed
	if _, effs := enforce.ReviewManipulation(a, b, &decision.Link{AccountID: "acc_b"}, now, s); fmt.Sprint(kinds(effs)) != "[status:banned notice:ban]" {
		t.Fatalf("V8 with a closed account: %v", kinds(effs))
	}
}
