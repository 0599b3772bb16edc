package cases_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/closure"
	"standing/internal/effect"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func acct(id string, st account.Status, rule string, created time.Time) *account.Account {
	return &account.Account{ID: id, Status: st, StatusRule: rule, CreatedAt: created, Restrictions: []account.Restriction{}}
}

func facts(kind cases.Kind, rule string, subject *account.Account, related ...*account.Account) cases.Facts {
	return cases.Facts{CaseID: "case_1", Kind: kind, Rule: rule, Subject: subject, Related: related, Now: now, Settings: policy.Defaults()}
}

func code(err error) string {
	if p, ok := problem.As(err); ok {
		return p.Code
	}
	return ""
}

// statuses collects the status each account is moved to by effects.
func statuses(effs []effect.Effect) map[string]account.Status {
	out := map[string]account.Status{}
	for _, e := range effs {
		if s, ok := e.(effect.SetStatus); ok {
			out[s.Account] = s.To
		}
	}
	return out
}

func notices(effs []effect.Effect) []notice.Notice {
	var out []notice.Notice
	for _, e := range effs {
		if n, ok := e.(effect.IssueNotice); ok {
			out = append(out, n.Notice)
		}
	}
	return out
}

func closes(effs []effect.Effect) []string {
	var out []string
	for _, e := range effs {
		if c, ok := e.(effect.Close); ok {
			out = append(out, c.Account)
		}
	}
	return out
}

// TestSection9Reasons: an outcome that acts against or refuses a member
// needs a reason written for them (422 reason_required); rules must be
// rules of POLICY.md (400); uphold needs a rule (422 rule_required).
func TestSection9Reasons(t *testing.T) {
	a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
	for _, tc := range []struct {
		name string
		f    cases.Facts
		r    cases.Resolution
		code string
	}{
		{"appeal deny without reason", withNotice(facts(cases.Appeal, "V6", a)), cases.Resolution{Outcome: "deny"}, "reason_required"},
		{"violation uphold without reason", facts(cases.ViolationReview, "V4", a), cases.Resolution{Outcome: "uphold"}, "reason_required"},
		{"violation ban without reason", facts(cases.ViolationReview, "V4", a), cases.Resolution{Outcome: "ban"}, "reason_required"},
		{"report action without reason", facts(cases.Report, "", a), cases.Resolution{Outcome: "action"}, "reason_required"},
		{"closure decline without reason", facts(cases.ClosureAssistance, "", a), cases.Resolution{Outcome: "decline"}, "reason_required"},
		{"linkage multiple_accounts without reason", facts(cases.LinkageReview, "V1", a), cases.Resolution{Outcome: "multiple_accounts"}, "reason_required"},
		{"new account deny without reason", facts(cases.NewAccountRequest, "", a), cases.Resolution{Outcome: "deny"}, "reason_required"},
		{"report action under rule NOPE", facts(cases.Report, "", a), cases.Resolution{Outcome: "action", Rule: "NOPE", Reason: "r"}, "invalid_request"},
		{"uphold with no rule anywhere", facts(cases.ViolationReview, "", a), cases.Resolution{Outcome: "uphold", Reason: "r"}, "rule_required"},
		{"section 9 uphold under a procedural rule (L2)", facts(cases.ViolationReview, "", a), cases.Resolution{Outcome: "uphold", Rule: "L2", Reason: "r"}, "conflict"},
		{"section 9 uphold of a case under E1", facts(cases.ViolationReview, "E1", a), cases.Resolution{Outcome: "uphold", Reason: "r"}, "conflict"},
		{"section 9 report action under an administrative rule (I1)", facts(cases.Report, "", a), cases.Resolution{Outcome: "action", Rule: "I1", Reason: "r"}, "conflict"},
		{"outcome of another kind", facts(cases.Report, "", a), cases.Resolution{Outcome: "grant"}, "invalid_request"},
		{"keep an account outside the case", facts(cases.LinkageReview, "V1", a), cases.Resolution{Outcome: "not_linked", KeepAccountID: "acc_x"}, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			effs, err := cases.Resolve(tc.f, tc.r)
			if code(err) != tc.code || effs != nil {
				t.Fatalf("got %v %v, want %s and no effect", effs, err, tc.code)
			}
		})
	}
}

func withNotice(f cases.Facts) cases.Facts {
	f.Notice = &notice.Notice{ID: "ntc_appealed", Rule: f.Rule, Action: notice.Warning}
	return f
}

// TestSection9DismissedReportChangesNothing: a banned member who reports
// themselves and has the report dismissed stays banned with their strikes.
func TestSection9DismissedReportChangesNothing(t *testing.T) {
	a := acct("acc_a", account.Banned, "V3", now.AddDate(-1, 0, 0))
	effs, err := cases.Resolve(facts(cases.Report, "", a), cases.Resolution{Outcome: "dismiss", Note: "nothing here"})
	if err != nil || len(effs) != 0 {
		t.Fatalf("dismiss acted: %v %v", effs, err)
	}
}

// TestE3GrantUndoesOnlyTheAppealedNotice: a grant removes the notice's
// strike and the status it set; a later ban, a fraud hold and another
// rule's restriction stay, and the notice says which.
func TestE3GrantUndoesOnlyTheAppealedNotice(t *testing.T) {
	susp := &notice.Notice{ID: "ntc_v9", Rule: "V9", Action: notice.Suspension, StrikeID: "stk_1"}
	t.Run("a later V4 ban stays after the V9 suspension's appeal", func(t *testing.T) {
		a := acct("acc_a", account.Banned, "V4", now.AddDate(-1, 0, 0))
		a.StatusNotice = "ntc_v4"
		a.FraudHold = &account.Hold{Reason: "chargebacks"}
		a.Restrictions = []account.Restriction{{Capability: "post_job", Rule: "V6", Reason: "x"}}
		f := facts(cases.Appeal, "V9", a)
		f.Notice = susp
		f.StatusNotice = &notice.Notice{ID: "ntc_v4", Rule: "V4", Action: notice.Ban}
		effs, err := cases.Resolve(f, cases.Resolution{Outcome: "grant", Note: "internal"})
		if err != nil {
			t.Fatal(err)
		}
		if len(statuses(effs)) != 0 {
			t.Fatalf("E3: the later ban was undone: %v", effs)
		}
		ns := notices(effs)
		if len(ns) != 1 || ns[0].Action != notice.Reinstatement || !strings.Contains(ns[0].Facts, "banned under rule V4") ||
			!strings.Contains(ns[0].Facts, "fraud hold") || !strings.Contains(ns[0].Facts, "post job under rule V6") || strings.Contains(ns[0].Facts, "internal") {
			t.Fatalf("E3 notice: %+v", ns)
		}
		if _, ok := effs[0].(effect.RemoveStrike); !ok {
			t.Fatalf("E3: the appealed strike stays: %v", effs)
		}
	})
	t.Run("the E1 ban that followed the appealed suspension is undone", func(t *testing.T) {
		a := acct("acc_a", account.Banned, "E1", now.AddDate(-1, 0, 0))
		a.StatusNotice = "ntc_e1"
		f := facts(cases.Appeal, "V9", a)
		f.Notice = susp
		f.StatusNotice = &notice.Notice{ID: "ntc_e1", Rule: "E1", Action: notice.Ban, Follows: "ntc_v9"}
		effs, _ := cases.Resolve(f, cases.Resolution{Outcome: "grant"})
		if statuses(effs)["acc_a"] != account.Active {
			t.Fatalf("E3: %v", effs)
		}
	})
	t.Run("the suspension the notice set is undone", func(t *testing.T) {
		a := acct("acc_a", account.Suspended, "V9", now.AddDate(-1, 0, 0))
		a.StatusNotice = "ntc_v9"
		f := facts(cases.Appeal, "V9", a)
		f.Notice = susp
		effs, _ := cases.Resolve(f, cases.Resolution{Outcome: "grant"})
		if statuses(effs)["acc_a"] != account.Active {
			t.Fatalf("E3: %v", effs)
		}
	})
	t.Run("a denied appeal tells the member the reviewer's reason", func(t *testing.T) {
		a := acct("acc_a", account.Suspended, "V9", now.AddDate(-1, 0, 0))
		f := facts(cases.Appeal, "V9", a)
		f.Notice = susp
		effs, _ := cases.Resolve(f, cases.Resolution{Outcome: "deny", Reason: "The design is copied from a stock site", Note: "checked TinEye"})
		ns := notices(effs)
		if len(ns) != 1 || ns[0].Action != notice.AppealDenied || !strings.Contains(ns[0].Facts, "copied from a stock site.") || strings.Contains(ns[0].Facts, "TinEye") {
			t.Fatalf("E3 deny: %+v", ns)
		}
	})
	t.Run("E2 a denial repeats the deadline of the appealed suspension, never another decision's", func(t *testing.T) {
		by := now.Add(48 * time.Hour)
		a := acct("acc_a", account.Suspended, "V9", now.AddDate(-1, 0, 0))
		a.StatusNotice, a.RespondBy = "ntc_v9", &by
		f := facts(cases.Appeal, "V9", a)
		f.Notice = susp
		if ns := notices(must(cases.Resolve(f, cases.Resolution{Outcome: "deny", Reason: "r"}))); len(ns) != 1 || ns[0].RespondBy == nil || !ns[0].RespondBy.Equal(by) {
			t.Fatalf("E2: the denial of the suspension's appeal lost its deadline: %+v", ns)
		}
		f.Notice = &notice.Notice{ID: "ntc_old", Rule: "V7", Action: notice.Warning}
		if ns := notices(must(cases.Resolve(f, cases.Resolution{Outcome: "deny", Reason: "r"}))); len(ns) != 1 || ns[0].RespondBy != nil {
			t.Fatalf("E2: the denial of a V7 warning's appeal gives the V9 suspension's deadline: %+v", ns)
		}
	})
}

func must(effs []effect.Effect, err error) []effect.Effect {
	if err != nil {
		panic(err)
	}
	return effs
}

// TestM7SelfDisclosure: only accounts linked to the discloser are closed
// (redundant_account, no sanction); the kept one must be theirs.
func TestM7SelfDisclosure(t *testing.T) {
	discloser := acct("acc_d", account.Active, "", now.AddDate(-2, 0, 0))
	linked := acct("acc_l", account.Suspended, "V1", now.AddDate(-1, 0, 0))
	stranger := acct("acc_s", account.Active, "", now.AddDate(-1, 0, 0))
	f := facts(cases.SelfDisclosure, "", discloser, linked, stranger)
	f.Linked = []string{"acc_l"}
	t.Run("keep the discloser: the linked account closes, the stranger does not", func(t *testing.T) {
		effs, err := cases.Resolve(f, cases.Resolution{Outcome: "keep", KeepAccountID: "acc_d"})
		if err != nil || strings.Join(closes(effs), ",") != "acc_l" {
			t.Fatalf("M7: %v %v", effs, err)
		}
		for _, e := range effs {
			if _, ok := e.(effect.AddStrike); ok {
				t.Fatalf("M7: a sanction followed: %v", effs)
			}
		}
	})
	t.Run("keeping an unrelated account is refused", func(t *testing.T) {
		if _, err := cases.Resolve(f, cases.Resolution{Outcome: "keep", KeepAccountID: "acc_s"}); code(err) != "invalid_request" {
			t.Fatalf("M7: %v", err)
		}
	})
	t.Run("a link staff confirm in the resolution counts", func(t *testing.T) {
		effs, err := cases.Resolve(f, cases.Resolution{Outcome: "keep", KeepAccountID: "acc_s", LinkedAccountIDs: []string{"acc_s"}})
		if err != nil || strings.Join(closes(effs), ",") != "acc_d,acc_l" {
			t.Fatalf("M7: %v %v", closes(effs), err)
		}
	})
	t.Run("L2 L11 an account to close with obligations blocks the closure, every blocker named", func(t *testing.T) {
		g := f
		g.Obligations = map[string][]problem.Blocker{"acc_l": {{Code: "active_contract", Ref: "ctr_1"}, {Code: "unwithdrawn_funds", Ref: "acc_l"}},
			"acc_d": {{Code: "pending_proposal", Ref: "prp_1"}}}
		_, err := cases.Resolve(g, cases.Resolution{Outcome: "keep", KeepAccountID: "acc_d"})
		p, _ := problem.As(err)
		if code(err) != "closure_blocked" || len(p.Blockers) != 2 || !strings.HasPrefix(p.Blockers[0].Detail, "account acc_l") {
			t.Fatalf("M7 L11: %v", err)
		}
	})
	t.Run("the kept account suspended for the link is reinstated", func(t *testing.T) {
		effs, _ := cases.Resolve(f, cases.Resolution{Outcome: "keep", KeepAccountID: "acc_l"})
		if statuses(effs)["acc_l"] != account.Active || strings.Join(closes(effs), ",") != "acc_d" {
			t.Fatalf("M7: %v", effs)
		}
	})
}

// TestV1MultipleAccounts: staff confirm one person's accounts; the account
// kept is the one named, else the oldest, never the newest sign-up.
func TestV1MultipleAccounts(t *testing.T) {
	original := acct("acc_old", account.Suspended, "V1", now.AddDate(-3, 0, 0))
	newcomer := acct("acc_new", account.Suspended, "V1", now.AddDate(0, 0, -1))
	f := facts(cases.LinkageReview, "V1", newcomer, original)
	effs, err := cases.Resolve(f, cases.Resolution{Outcome: "multiple_accounts", Reason: "Both accounts are yours.", Note: "Spouses; shared family card"})
	if err != nil {
		t.Fatal(err)
	}
	st := statuses(effs)
	if st["acc_old"] != account.Active || st["acc_new"] != account.Banned {
		t.Fatalf("V1: %v", st)
	}
	for _, n := range notices(effs) {
		if strings.Contains(n.Facts, "Spouses") {
			t.Fatalf("section 9: the internal note reached a notice: %s", n.Facts)
		}
		if !strings.Contains(n.Facts, "Both accounts are yours.") { // API.md: the reason goes into the notice
			t.Fatalf("section 9: a notice of the resolution lacks its reason: %s", n.Facts)
		}
	}
	effs, _ = cases.Resolve(f, cases.Resolution{Outcome: "multiple_accounts", Reason: "r", KeepAccountID: "acc_new"})
	if st := statuses(effs); st["acc_new"] != account.Active || st["acc_old"] != account.Banned {
		t.Fatalf("V1 keep named: %v", st)
	}
}

// TestSection9ReportAction: an actioned report applies the rule staff name
// (the strike ladder for serious rules) with the staff reason, never the
// reporter's words.
func TestSection9ReportAction(t *testing.T) {
	a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
	f := facts(cases.Report, "", a)
	effs, err := cases.Resolve(f, cases.Resolution{Outcome: "action", Rule: "V9", Reason: "The logo copies a registered mark."})
	if err != nil {
		t.Fatal(err)
	}
	ns := notices(effs)
	if len(ns) != 1 || ns[0].Rule != "V9" || ns[0].Action != notice.Warning || ns[0].AutomatedDecision || ns[0].Facts != "The logo copies a registered mark." {
		t.Fatalf("report action: %+v", ns)
	}
}

// TestSection9Uphold: uphold applies the case's rule (I4 as V4) through the
// ladder; a banned account is not sanctioned again.
func TestSection9Uphold(t *testing.T) {
	a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
	effs, err := cases.Resolve(facts(cases.ViolationReview, "I4", a), cases.Resolution{Outcome: "uphold", Reason: "The ID shows another name."})
	if err != nil || len(notices(effs)) != 1 || notices(effs)[0].Rule != "V4" {
		t.Fatalf("uphold: %v %v", effs, err)
	}
	b := acct("acc_b", account.Banned, "V2", now.AddDate(-1, 0, 0))
	if effs, err := cases.Resolve(facts(cases.ViolationReview, "V4", b), cases.Resolution{Outcome: "uphold", Reason: "r"}); err != nil || len(effs) != 0 {
		t.Fatalf("uphold on banned: %v %v", effs, err)
	}
}

// TestL11SupportCloseRefusedWithBlockers: close on a closure-assistance
// case is refused with every blocker, a fraud hold included.
func TestL11SupportCloseRefusedWithBlockers(t *testing.T) {
	a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
	a.FraudHold = &account.Hold{Reason: "x"}
	f := facts(cases.ClosureAssistance, "", a)
	f.Closure = closure.Facts{Account: a, Obligations: []problem.Blocker{{Code: "active_contract", Ref: "ctr_1"}, {Code: "pending_funds", Ref: "acc_a"}}}
	_, err := cases.Resolve(f, cases.Resolution{Outcome: "close"})
	p, ok := problem.As(err)
	if !ok || p.Code != "closure_blocked" || len(p.Blockers) != 3 {
		t.Fatalf("L11: %v", err)
	}
	f.Closure.Obligations, a.FraudHold = nil, nil
	effs, err := cases.Resolve(f, cases.Resolution{Outcome: "close"})
	if err != nil || strings.Join(closes(effs), ",") != "acc_a" {
		t.Fatalf("support close: %v %v", effs, err)
	}
}

// TestSection9SupportCloseHonoursL7Blockers: POLICY.md section 9, "close
// on a closure-assistance case closes only when the closure preflight
// (L11) finds no blocker, and otherwise is refused with the blockers". The
// preflight's L7 blockers count too: an open case against the account
// (not the closure-assistance case itself) and a pending suspension.
func TestSection9SupportCloseHonoursL7Blockers(t *testing.T) {
	a := acct("acc_a", account.Suspended, "V6", now.AddDate(-1, 0, 0))
	f := facts(cases.ClosureAssistance, "", a)
	f.Closure = closure.Facts{Account: a, OpenCases: []closure.OpenCase{{ID: "case_1", Kind: "closure_assistance"}, {ID: "case_2", Kind: "violation_review"}}}
	_, err := cases.Resolve(f, cases.Resolution{Outcome: "close"})
	p, ok := problem.As(err)
	if !ok || p.Code != "closure_blocked" || len(p.Blockers) != 2 {
		t.Fatalf("section 9: close past the preflight's blockers: %v", err)
	}
	got := map[string]string{}
	for _, b := range p.Blockers {
		got[b.Code] = b.Ref
	}
	if got["open_case"] != "case_2" || got["pending_suspension"] != "acc_a" {
		t.Fatalf("section 9: blockers %v, want open_case case_2 and pending_suspension", p.Blockers)
	}
	a.Status, a.StatusRule = account.Active, ""
	f.Closure.OpenCases = f.Closure.OpenCases[:1] // only the closure-assistance case itself
	if effs, err := cases.Resolve(f, cases.Resolution{Outcome: "close"}); err != nil || strings.Join(closes(effs), ",") != "acc_a" {
		t.Fatalf("section 9: a blocker-free support close: %v %v", effs, err)
	}
}

// TestSection9BanOnlyWhereTheRuleAllows: POLICY.md section 9, an outcome
// acts "only as far as its rule allows". A violation-review ban under a
// strike rule (V9: serious tier, "strike"; a ban only at the third) is
// refused and changes nothing; under a reviewed rule (V4: "staff decide, up
// to banned") or a severe one it bans.
func TestSection9BanOnlyWhereTheRuleAllows(t *testing.T) {
	for _, rule := range []string{"V5", "V6", "V7", "V9", "V10", "I1", "I2", "M7"} {
		a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
		effs, err := cases.Resolve(facts(cases.ViolationReview, rule, a), cases.Resolution{Outcome: "ban", Reason: "You infringed."})
		if p, ok := problem.As(err); !ok || p.Code != "conflict" || p.Rule != rule || len(effs) != 0 {
			t.Fatalf("section 9: a ban under %s: %v %v", rule, effs, err)
		}
		a = acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
		if _, err := cases.Resolve(facts(cases.ViolationReview, "V4", a), cases.Resolution{Outcome: "ban", Reason: "r", Rule: rule}); code(err) != "conflict" {
			t.Fatalf("section 9: a ban naming %s in the body: %v", rule, err)
		}
	}
	for _, rule := range []string{"V4", "V1", "V3", "V8", ""} {
		a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
		effs, err := cases.Resolve(facts(cases.ViolationReview, rule, a), cases.Resolution{Outcome: "ban", Reason: "You defrauded a client."})
		if err != nil || statuses(effs)["acc_a"] != account.Banned {
			t.Fatalf("section 9: a ban under %q: %v %v", rule, effs, err)
		}
	}
}

// TestSection9StatusTransitions: cases move between open and in review or
// are withdrawn; a finished case moves no more.
func TestSection9StatusTransitions(t *testing.T) {
	if !cases.Open.CanMoveTo(cases.InReview) || !cases.InReview.CanMoveTo(cases.Withdrawn) || cases.Resolved.CanMoveTo(cases.Open) || cases.Open.CanMoveTo(cases.Resolved) {
		t.Fatal("case status transitions")
	}
}

// TestSection9ReasonReachesTheNoticeOfEveryOutcome: API.md's resolution row,
// "reason is written for the member and goes into the notice", also for
// the outcomes that close or reactivate an account for the member (close,
// reactivate, keep); the internal note never does.
func TestSection9ReasonReachesTheNoticeOfEveryOutcome(t *testing.T) {
	said := func(effs []effect.Effect) []string {
		var out []string
		for _, e := range effs {
			switch e := e.(type) {
			case effect.Close:
				out = append(out, e.Said)
			case effect.Reactivate:
				out = append(out, e.Said)
			}
		}
		return out
	}
	r := cases.Resolution{Reason: "Done as you asked", Note: "internal"}
	a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
	f := facts(cases.ClosureAssistance, "", a)
	f.Closure = closure.Facts{Account: a}
	r.Outcome = "close"
	if effs, err := cases.Resolve(f, r); err != nil || strings.Join(said(effs), "|") != "Done as you asked." {
		t.Fatalf("close: %v %v", said(effs), err)
	}
	c := acct("acc_c", account.Closed, "", now.AddDate(-1, 0, 0))
	f = facts(cases.Reactivation, "", c)
	f.Closure = closure.Facts{Account: c}
	r.Outcome = "reactivate"
	if effs, err := cases.Resolve(f, r); err != nil || strings.Join(said(effs), "|") != "Done as you asked." {
		t.Fatalf("reactivate: %v %v", said(effs), err)
	}
	b := acct("acc_b", account.Active, "", now.AddDate(-1, 0, 0))
	f = facts(cases.SelfDisclosure, "", a, b)
	f.Linked = []string{"acc_b"}
	r.Outcome, r.KeepAccountID = "keep", "acc_a"
	if effs, err := cases.Resolve(f, r); err != nil || strings.Join(said(effs), "|") != "Done as you asked." {
		t.Fatalf("keep: %v %v", said(effs), err)
	}
}

// TestI3AppealGrantedOnceOfAge: POLICY.md I3, "an appeal may be granted
// once the person is 18": a grant before the verified eighteenth birthday
// is refused and changes nothing; from that day on it undoes the ban (E3).
func TestI3AppealGrantedOnceOfAge(t *testing.T) {
	ban := &notice.Notice{ID: "ntc_i3", Rule: "I3", Action: notice.Ban}
	for _, c := range []struct {
		name string
		dob  string
		code string
	}{
		{"17, a day before the birthday", now.AddDate(-18, 0, 1).Format(time.DateOnly), "conflict"},
		{"18 today", now.AddDate(-18, 0, 0).Format(time.DateOnly), ""},
		{"no date of birth known", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := acct("acc_a", account.Banned, "I3", now.AddDate(-1, 0, 0))
			a.StatusNotice, a.DateOfBirth = "ntc_i3", c.dob
			f := facts(cases.Appeal, "I3", a)
			f.Notice = ban
			effs, err := cases.Resolve(f, cases.Resolution{Outcome: "grant"})
			if code(err) != c.code {
				t.Fatalf("I3: %v, want %q", err, c.code)
			}
			if c.code == "" && statuses(effs)["acc_a"] != account.Active {
				t.Fatalf("I3: the grant did not undo the ban: %v", effs)
			}
			if c.code != "" && len(effs) != 0 {
				t.Fatalf("I3: a refused grant acted: %v", effs)
			}
		})
	}
	// An appeal of another rule's notice is not held back by age.
	a := acct("acc_b", account.Suspended, "V9", now.AddDate(-1, 0, 0))
	a.StatusNotice, a.DateOfBirth = "ntc_v9", now.AddDate(-17, 0, 0).Format(time.DateOnly)
	f := facts(cases.Appeal, "V9", a)
	f.Notice = &notice.Notice{ID: "ntc_v9", Rule: "V9", Action: notice.Suspension}
	if _, err := cases.Resolve(f, cases.Resolution{Outcome: "grant"}); err != nil {
		t.Fatalf("a V9 appeal of a 17-year-old: %v", err)
	}
}

// TestM6NewAccountAfterClosureInGoodStanding: M6 (b) approves a new
// account only after a closure in good standing: the old account closed
// (not active or suspended, which would make a second live account, M1;
// not banned), no violation in the last 12 months, Job Success not below
// the floor.
func TestM6NewAccountAfterClosureInGoodStanding(t *testing.T) {
	low, ok := 60, 95
	closed := func(mod func(*account.Account)) *account.Account {
		a := acct("acc_old", account.Closed, "", now.AddDate(-3, 0, 0))
		if mod != nil {
			mod(a)
		}
		return a
	}
	for _, tc := range []struct {
		name string
		old  *account.Account
		want string // refusal code, "" when approved
	}{
		{"closed in good standing", closed(nil), ""},
		{"closed with Job Success above the floor", closed(func(a *account.Account) { a.JobSuccess = &ok }), ""},
		{"active: a new account would be a second live one", acct("acc_old", account.Active, "", now.AddDate(-3, 0, 0)), "conflict"},
		{"suspended", acct("acc_old", account.Suspended, "V1", now.AddDate(-3, 0, 0)), "conflict"},
		{"banned", acct("acc_old", account.Banned, "V4", now.AddDate(-3, 0, 0)), "conflict"},
		{"closed after a strike in the last 12 months", closed(func(a *account.Account) {
			a.Strikes = []account.Strike{{Rule: "V7", At: now.AddDate(0, -2, 0)}}
		}), "conflict"},
		{"closed with Job Success below the floor", closed(func(a *account.Account) { a.JobSuccess = &low }), "conflict"},
	} {
		effs, err := cases.Resolve(facts(cases.NewAccountRequest, "", tc.old), cases.Resolution{Outcome: "approve"})
		if code(err) != tc.want {
			t.Errorf("M6 %s: %v, want %q", tc.name, err, tc.want)
			continue
		}
		if p, ok := problem.As(err); ok && p.Rule != "M6" {
			t.Errorf("M6 %s: refused under %q", tc.name, p.Rule)
		}
		if err == nil && (len(effs) != 1 || effs[0] != effect.Effect(effect.AllowNewAccount{Account: "acc_old"})) {
			t.Errorf("M6 %s: %#v", tc.name, effs)
		}
	}
}

// TestReportedNoticesE2: an actioned report's notice says a member's report
// started the decision (the DSA's notice source); an upheld violation
// review, staff's own finding, does not.
func TestReportedNoticesE2(t *testing.T) {
	for kind, outcome := range map[cases.Kind]cases.Outcome{cases.Report: "action", cases.ViolationReview: "uphold"} {
		a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
		effs, err := cases.Resolve(facts(kind, "V9", a), cases.Resolution{Outcome: outcome, Reason: "The logos are another studio's work."})
		ns := notices(effs)
		if err != nil || len(ns) != 1 || ns[0].Reported != (kind == cases.Report) {
			t.Errorf("%s %s: %+v %v", kind, outcome, ns, err)
		}
	}
}

// TestE3AppealOnceWithinTheWindow: CanAppeal lets a member appeal a
// decision within 6 months and once; a withdrawn appeal leaves room for
// another, and the answer to an appeal is not appealed again.
func TestE3AppealOnceWithinTheWindow(t *testing.T) {
	n := &notice.Notice{ID: "ntc_1", Action: notice.Suspension, Rule: "V9", AppealUntil: now.Add(time.Hour)}
	denied := &notice.Notice{ID: "ntc_2", Action: notice.AppealDenied, Rule: "V9", AppealUntil: now.Add(time.Hour)}
	for _, c := range []struct {
		name    string
		n       *notice.Notice
		earlier []cases.Status
		at      time.Time
		want    string
	}{
		{"E3 a first appeal within the window", n, nil, now, ""},
		{"E3 again after a withdrawn appeal", n, []cases.Status{cases.Withdrawn}, now, ""},
		{"E3 a second appeal while the first is open", n, []cases.Status{cases.Open}, now, "conflict"},
		{"E3 a second appeal while the first is in review", n, []cases.Status{cases.Withdrawn, cases.InReview}, now, "conflict"},
		{"E3 a second appeal after the first was decided", n, []cases.Status{cases.Resolved}, now, "conflict"},
		{"E3 an appeal of the denial of an appeal", denied, nil, now, "conflict"},
		{"E3 an appeal of a reinstatement", &notice.Notice{ID: "ntc_3", Action: notice.Reinstatement, AppealUntil: now.Add(time.Hour)}, nil, now, "conflict"},
		{"E3 an appeal of the member's own closure", &notice.Notice{ID: "ntc_4", Action: notice.Closure, Rule: "L6", AppealUntil: now.Add(time.Hour)}, nil, now, "conflict"},
		{"E3 an appeal at the end of the window", n, nil, n.AppealUntil, "appeal_window_closed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := code(cases.CanAppeal(c.n, c.earlier, c.at)); got != c.want {
				t.Fatalf("%s: got %q, want %q", c.name, got, c.want)
			}
		})
	}
}

// TestE3GrantOfTheFraudHoldLiftsIt: granting the appeal of the notice that
// placed a fraud hold lifts that hold (E4: it lasts until a case is
// resolved); a hold placed again later is another decision and stays.
func TestE3GrantOfTheFraudHoldLiftsIt(t *testing.T) {
	placed := now.Add(-time.Hour)
	hold := &notice.Notice{ID: "ntc_hold", Action: notice.Restriction, Rule: "V4", Capability: account.WithdrawFunds, Monetary: true, CreatedAt: placed}
	for _, tc := range []struct {
		name   string
		at     time.Time
		lifted bool
	}{{"E3 E4 the appealed hold is lifted", placed, true}, {"E3 E4 a later hold stays", placed.Add(time.Minute), false}} {
		a := acct("acc_a", account.Active, "", now.AddDate(-1, 0, 0))
		a.FraudHold = &account.Hold{Reason: "chargebacks", At: tc.at}
		f := facts(cases.Appeal, "V4", a)
		f.Notice = hold
		effs, err := cases.Resolve(f, cases.Resolution{Outcome: "grant", Reason: "The chargebacks were the bank's error."})
		lifted := false
		for _, e := range effs {
			if h, ok := e.(effect.SetFraudHold); ok && !h.On {
				lifted = true
			}
		}
		ns := notices(effs)
		if err != nil || lifted != tc.lifted || len(ns) != 1 || strings.Contains(ns[0].Facts, "fraud hold on payouts stays") == tc.lifted {
			t.Errorf("%s: lifted %v, %v, %+v", tc.name, lifted, err, ns)
		}
	}
}
