package closure_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/closure"
	"standing/internal/effect"
	"standing/internal/market"
	"standing/internal/policy"
	"standing/internal/problem"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func code(err error) string {
	if p, ok := problem.As(err); ok {
		return p.Code
	}
	return ""
}

// TestClose is the table of L1, L2, L6, L7 and L11 for a member's closure.
func TestClose(t *testing.T) {
	s := policy.Defaults()
	active := func() *account.Account {
		return &account.Account{ID: "acc_a", Status: account.Active, Freelancer: true}
	}
	owes := []problem.Blocker{{Code: "active_contract", Ref: "ctr_1"}, {Code: "unwithdrawn_funds", Ref: "acc_a"}}
	for _, tc := range []struct {
		name string
		f    closure.Facts
		r    closure.Request
		code string
	}{
		{"L1 never from the mobile app", closure.Facts{Account: active()}, closure.Request{Reason: "too_busy", Channel: "mobile_app"}, "channel_not_allowed"},
		{"L6 unknown reason", closure.Facts{Account: active()}, closure.Request{Reason: "bored", Channel: "web"}, "invalid_reason"},
		{"L7 an open case needs support", closure.Facts{Account: active(), OpenCases: []closure.OpenCase{{ID: "case_1", Kind: "violation_review"}}},
			closure.Request{Reason: "too_busy", Channel: "web"}, "support_required"},
		{"L7 asking support for help is not a case against the account", closure.Facts{Account: active(), OpenCases: []closure.OpenCase{{ID: "case_1", Kind: "closure_assistance"}}},
			closure.Request{Reason: "too_busy", Channel: "web"}, ""},
		{"L2 obligations block, every one listed (L11)", closure.Facts{Account: active(), Obligations: owes}, closure.Request{Reason: "too_busy", Channel: "web"}, "closure_blocked"},
		{"the support channel is for staff", closure.Facts{Account: active()}, closure.Request{Reason: "too_busy", Channel: "support"}, "support_required"},
		{"support closes past a pending suspension", closure.Facts{Account: &account.Account{ID: "acc_a", Status: account.Suspended, StatusRule: "V6"}},
			closure.Request{Reason: "other", Channel: "support", Staff: true}, ""},
		{"a banned account is not closed", closure.Facts{Account: &account.Account{ID: "acc_a", Status: account.Banned}}, closure.Request{Reason: "other", Channel: "web"}, "invalid_transition"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			effs, err := closure.Close(tc.f, tc.r, now, s)
			if code(err) != tc.code {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
			if tc.code == "closure_blocked" && len(err.(*problem.Error).Blockers) != len(owes) {
				t.Fatalf("L11: %v", err)
			}
			if tc.code == "" && len(effs) == 0 {
				t.Fatal("nothing closed")
			}
		})
	}
}

// TestL6Admissions: duplicate_account opens a V1 case for the linked
// accounts; working_directly_with_client records a V10 strike.
func TestL6Admissions(t *testing.T) {
	s := policy.Defaults()
	a := &account.Account{ID: "acc_a", Status: account.Active}
	effs, _ := closure.Close(closure.Facts{Account: a, Linked: []string{"acc_b"}}, closure.Request{Reason: "duplicate_account", Channel: "web"}, now, s)
	if c, ok := effs[len(effs)-1].(effect.OpenCase); !ok || c.Rule != "V1" || c.Related[0] != "acc_b" {
		t.Fatalf("L6 duplicate: %v", effs)
	}
	effs, _ = closure.Close(closure.Facts{Account: a}, closure.Request{Reason: "working_directly_with_client", Channel: "web"}, now, s)
	strike := false
	for _, e := range effs {
		if st, ok := e.(effect.AddStrike); ok && st.Rule == "V10" {
			strike = true
		}
	}
	if !strike {
		t.Fatalf("L6 circumvention: %v", effs)
	}
}

// TestL8Reactivate: the member reactivates a freelancer-only account closed
// for an ordinary reason within 5 years; otherwise support does.
func TestL8Reactivate(t *testing.T) {
	s := policy.Defaults()
	closedAt := now.AddDate(-1, 0, 0)
	reason := func(r string) *string { return &r }
	for _, tc := range []struct {
		name    string
		a       account.Account
		owns    bool
		support bool
		code    string
	}{
		{"freelancer closed for not using it", account.Account{Freelancer: true, CloseReason: reason("not_using")}, false, false, ""},
		{"a client needs support", account.Account{Client: true, CloseReason: reason("not_using")}, false, false, "support_required"},
		{"an organization owner needs support", account.Account{Freelancer: true, CloseReason: reason("not_using")}, true, false, "support_required"},
		{"an admission needs support", account.Account{Freelancer: true, CloseReason: reason("duplicate_account")}, false, false, "support_required"},
		{"support may", account.Account{Client: true, CloseReason: reason("duplicate_account")}, false, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.a.ID, tc.a.Status, tc.a.ClosedAt = "acc_a", account.Closed, &closedAt
			_, err := closure.Reactivate(closure.Facts{Account: &tc.a, OwnsTeam: tc.owns}, tc.support, now, s)
			if code(err) != tc.code {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
		})
	}
	old := now.AddDate(-6, 0, 0)
	banned := account.Account{ID: "acc_b", Status: account.Banned}
	if _, err := closure.Reactivate(closure.Facts{Account: &banned}, true, now, s); code(err) != "not_reactivatable" {
		t.Fatalf("L8 banned: %v", err)
	}
	// M1: not while the account M6 (b) approved in its place is live.
	replaced := account.Account{ID: "acc_r", Status: account.Closed, ClosedAt: &closedAt, Freelancer: true, ReplacedBy: "acc_new"}
	for _, st := range []account.Status{account.Active, account.Suspended, account.Banned, account.Closed, account.Erased} {
		repl := &account.Account{ID: "acc_new", Status: st}
		for _, support := range []bool{false, true} {
			_, err := closure.Reactivate(closure.Facts{Account: &replaced, Replacement: repl}, support, now, s)
			if refused := code(err) == "not_reactivatable"; refused != st.Live() {
				t.Errorf("M1 replacement %s, support %v: %v", st, support, err)
			}
		}
	}
	late := account.Account{ID: "acc_c", Status: account.Closed, ClosedAt: &old, Freelancer: true}
	if _, err := closure.Reactivate(closure.Facts{Account: &late}, true, now, s); code(err) != "not_reactivatable" ||
		!strings.Contains(err.Error(), "more than 5 years ago") {
		t.Fatalf("L8 window: %v", err)
	}
	// The member reads the window in force, not the default's.
	short := s
	short.ReactivationWindow = policy.Duration(730 * 24 * time.Hour)
	if _, err := closure.Reactivate(closure.Facts{Account: &late}, true, now, short); !strings.Contains(err.Error(), "more than 24 months ago") {
		t.Fatalf("L8 window of 24 months: %v", err)
	}
}

// TestL4Leave: admins and managers leave by themselves, a plain member is
// removed, the owner never leaves, and a team-only account closes with its
// last team.
func TestL4Leave(t *testing.T) {
	tm := &market.Team{ID: "org_1", OwnerID: "acc_o", Members: []market.Member{
		{AccountID: "acc_o", Role: "owner"}, {AccountID: "acc_ad", Role: "admin"}, {AccountID: "acc_m", Role: "member"}}}
	member := &account.Account{ID: "acc_m", Status: account.Active, Client: true}
	admin := &account.Account{ID: "acc_ad", Status: account.Active, Freelancer: true}
	for _, tc := range []struct {
		name   string
		acting string
		who    *account.Account
		others int
		code   string
		closes bool
	}{
		{"a plain member cannot leave by itself", "acc_m", member, 0, "member_cannot_leave", false},
		{"an admin removes a member; a team-only account closes", "acc_ad", member, 0, "", true},
		{"a member still in another team stays open", "acc_ad", member, 1, "", false},
		{"an admin leaves; a freelancer stays open", "acc_ad", admin, 0, "", false},
		{"a member cannot remove an admin", "acc_m", admin, 0, "not_owner", false},
		{"the owner never leaves", "acc_o", &account.Account{ID: "acc_o", Status: account.Active}, 0, "conflict", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			effs, err := closure.Leave(closure.Leaving{Kind: market.Organization, Team: tm, Acting: tc.acting, Member: tc.who, OtherTeams: tc.others})
			if code(err) != tc.code {
				t.Fatalf("got %v, want %q", err, tc.code)
			}
			closed := false
			for _, e := range effs {
				if _, ok := e.(effect.Close); ok {
					closed = true
				}
			}
			if closed != tc.closes {
				t.Fatalf("closed %v: %v", closed, effs)
			}
		})
	}
}

// TestL9Dormancy: an active account idle for the dormancy period gets a
// notice and a closing date; one used since is looked at again later;
// after the grace, idle and free of obligations, it is closed as dormant.
func TestL9Dormancy(t *testing.T) {
	s := policy.Defaults()
	idle := &account.Account{ID: "acc_a", Status: account.Active, LastActivity: now.Add(-s.DormantAfter.D() - time.Hour)}
	effs := closure.Dormancy(idle, now, s)
	if len(effs) != 3 {
		t.Fatalf("L9 notice: %v", effs)
	}
	if n := effs[1].(effect.IssueNotice).Notice; n.Rule != "L9" || n.RespondBy == nil || !n.RespondBy.Equal(now.Add(s.DormantGrace.D())) ||
		n.Facts != "The account has had no activity for 24 months." {
		t.Fatalf("L9 notice: %+v", n)
	}
	used := &account.Account{ID: "acc_b", Status: account.Active, LastActivity: now.Add(-time.Hour)}
	if effs := closure.Dormancy(used, now, s); len(effs) != 1 || effs[0].(effect.Schedule).Job != "dormancy" {
		t.Fatalf("L9 used account: %v", effs)
	}
	noticed := now.Add(-s.DormantGrace.D())
	idle.DormancyNoticeAt = &noticed
	if effs := closure.DormantClose(closure.Facts{Account: idle}, s); len(effs) != 1 || effs[0].(effect.Close).Reason != "dormant" {
		t.Fatalf("L9 close: %v", effs)
	}
	if effs := closure.DormantClose(closure.Facts{Account: idle, Obligations: []problem.Blocker{{Code: "pending_funds"}}}, s); len(effs) != 0 {
		t.Fatalf("L9 closed an account with obligations: %v", effs)
	}
	used.DormancyNoticeAt = &noticed
	if effs := closure.DormantClose(closure.Facts{Account: used}, s); len(effs) != 2 {
		t.Fatalf("L9 used after the notice: %v", effs)
	}
}

// TestL10Erasure: personal data goes 5 years after closing or banning, or
// on a request once no obligation remains; never for a live account.
func TestL10Erasure(t *testing.T) {
	s := policy.Defaults()
	long, recent := now.Add(-s.ErasureAfter.D()-time.Hour), now.Add(-time.Hour)
	for _, tc := range []struct {
		name string
		a    account.Account
		want int
	}{
		{"closed 5 years ago", account.Account{Status: account.Closed, ClosedAt: &long}, 1},
		{"banned 5 years ago", account.Account{Status: account.Banned, BannedAt: &long}, 1},
		{"closed recently", account.Account{Status: account.Closed, ClosedAt: &recent}, 0},
		{"active", account.Account{Status: account.Active}, 0},
	} {
		if effs := closure.Retention(&tc.a, now, s); len(effs) != tc.want {
			t.Errorf("L10 %s: %v", tc.name, effs)
		}
	}
	if _, err := closure.EraseRequest(closure.Facts{Account: &account.Account{Status: account.Active}}); code(err) != "invalid_transition" {
		t.Fatalf("L10 request on an active account: %v", err)
	}
	if _, err := closure.EraseRequest(closure.Facts{Account: &account.Account{Status: account.Closed}, Obligations: []problem.Blocker{{Code: "unwithdrawn_funds"}}}); code(err) != "closure_blocked" {
		t.Fatalf("L10 request with obligations: %v", err)
	}
}

// TestL7SupportBlockers: a case against the account, a pending suspension
// and a fraud hold need support; asking support for help does not.
func TestL7SupportBlockers(t *testing.T) {
	a := &account.Account{ID: "acc_a", Status: account.Suspended, StatusRule: "V6", FraudHold: &account.Hold{Reason: "x"}}
	bs := closure.SupportBlockers(closure.Facts{Account: a, OpenCases: []closure.OpenCase{{ID: "case_1", Kind: "report"}, {ID: "case_2", Kind: "reactivation"}}})
	var codes []string
	for _, b := range bs {
		codes = append(codes, b.Code)
	}
	if fmt.Sprint(codes) != "[open_case pending_suspension fraud_hold]" {
		t.Fatalf("L7: %v", codes)
	}
}

// TestL3L5OwnerOnly: only a team's owner asks for its closure preflight
// or closes it (L3, L5); an admin, a stranger or no acting account at all
// is refused with not_owner, and an owner's closure is refused with every
// blocker while any remains.
func TestL3L5OwnerOnly(t *testing.T) {
	tm := &market.Team{ID: "org_1", Name: "Acme", OwnerID: "acc_owner", Status: "active",
		Members: []market.Member{{AccountID: "acc_owner", Role: "owner"}, {AccountID: "acc_admin", Role: "admin"}}}
	blockers := []problem.Blocker{{Code: "team_members", Ref: "acc_admin"}}
	for _, k := range []market.TeamKind{market.Organization, market.Agency} {
		for _, tc := range []struct {
			acting   string
			blockers []problem.Blocker
			want     string // code of the refusal, "" when allowed
		}{
			{"acc_owner", nil, ""},
			{"acc_owner", blockers, "closure_blocked"},
			{"acc_admin", nil, "not_owner"},
			{"acc_stranger", nil, "not_owner"},
			{"", nil, "not_owner"},
		} {
			f := closure.Team{Kind: k, Team: tm, Acting: tc.acting, Blockers: tc.blockers}
			chk, err := closure.TeamPreflight(f)
			if (code(err) == "not_owner") != (tc.want == "not_owner") {
				t.Errorf("%s preflight by %q: %v, want %q", k.ClosureRule(), tc.acting, err, tc.want)
			}
			if err == nil && chk.Allowed != (tc.blockers == nil) {
				t.Errorf("%s preflight by %q: allowed %v with blockers %v", k.ClosureRule(), tc.acting, chk.Allowed, tc.blockers)
			}
			if _, err := closure.CloseTeam(f); code(err) != tc.want {
				t.Errorf("%s closure by %q: %v, want %q", k.ClosureRule(), tc.acting, err, tc.want)
			}
		}
	}
}
