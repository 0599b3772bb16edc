// Package closure decides closing and reactivating accounts (POLICY.md
// section 7): the preflight that lists every blocker at once (L11), who may
// close through which channel (L1, L7), the obligations that refuse a
// closure (L2, L3, L5), the admissions among the reasons (L6), and
// reactivation (L8). Pure: the service gathers the blockers and applies the
// effects returned here.
package closure

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/market"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
)

// Reasons of L6 a member may give for closing.
var Reasons = []string{"not_using", "too_busy", "bad_experience", "career_change", "duplicate_account", "working_directly_with_client", "other"}

// admissions are the L6 reasons that admit a violation; with M7's
// redundant_account they also make L8 need support.
var admissions = []string{"duplicate_account", "working_directly_with_client"}

// OpenCase is a case on the account, as the preflight sees it.
type OpenCase struct {
	ID   string
	Kind string
}

// Facts are what a closure decision reads about one account.
type Facts struct {
	Account     *account.Account
	OpenCases   []OpenCase        // open or in-review cases naming the account
	Obligations []problem.Blocker // L2, and L3/L5 of the teams it owns
	Linked      []string          // accounts strongly linked to it (an L6 duplicate_account admission)
	OwnsTeam    bool              // owns an organization (L8 then needs support)
	Replacement *account.Account  // the account M6 (b) approved in this one's place, if any
	LiveLinked  []string          // live accounts strongly linked to it that no M6 exception covers (L8 reads them, M1)
}

// Check is the preflight answer (L11).
type Check struct {
	Allowed         bool              `json:"allowed"`
	RequiresSupport bool              `json:"requires_support"`
	Blockers        []problem.Blocker `json:"blockers"`
}

// SupportBlockers are the L7 conditions: a case against the account, a
// pending suspension, a fraud hold. Asking support for help (closure,
// reactivation, a new account) is not a case against it.
func SupportBlockers(f Facts) []problem.Blocker {
	bs := []problem.Blocker{}
	for _, c := range f.OpenCases {
		if c.Kind == "closure_assistance" || c.Kind == "reactivation" || c.Kind == "new_account_request" {
			continue
		}
		bs = append(bs, problem.Blocker{Code: "open_case", Detail: "open " + strings.ReplaceAll(c.Kind, "_", " ") + " case", Ref: c.ID})
	}
	a := f.Account
	if a.Status == account.Suspended {
		bs = append(bs, problem.Blocker{Code: "pending_suspension", Detail: "the account is suspended under " + a.StatusRule, Ref: a.ID})
	}
	if a.FraudHold != nil {
		bs = append(bs, problem.Blocker{Code: "fraud_hold", Detail: "payouts are on a fraud hold", Ref: a.ID})
	}
	return bs
}

// Preflight lists every blocker of closing the account at once (L11).
func Preflight(f Facts) Check {
	sup := SupportBlockers(f)
	all := append(sup, f.Obligations...)
	ok := len(all) == 0 && (f.Account.Status == account.Active || f.Account.Status == account.Suspended)
	return Check{Allowed: ok, RequiresSupport: len(sup) > 0, Blockers: all}
}

// Request is a closure asked for by a member (through the integration) or by staff.
type Request struct {
	Reason  string
	Channel string // web, mobile_app, support
	Staff   bool
}

// CheckChannel applies L1 (never from the mobile app) and keeps the support
// channel to support.
func CheckChannel(channel string, staff bool) error {
	switch channel {
	case "mobile_app":
		return problem.New("channel_not_allowed", "accounts are never closed from the mobile app; use the web or ask support").WithRule("L1")
	case "web":
		return nil
	case "support":
		if !staff {
			return problem.New("support_required", "only support closes through the support channel").WithRule("L7")
		}
		return nil
	}
	return problem.Invalid("unknown channel", problem.Field("channel", "invalid", "web, mobile_app or support"))
}

// CheckReason applies L6's fixed list.
func CheckReason(reason string) error {
	if !slices.Contains(Reasons, reason) {
		return problem.Newf("invalid_reason", "reason %q is not one of %s", reason, strings.Join(Reasons, ", ")).WithRule("L6")
	}
	return nil
}

// Close decides a closure (L1, L2, L6, L7, L11): refused with every blocker,
// or the closure with the admissions its reason makes.
func Close(f Facts, r Request, now time.Time, s policy.Settings) ([]effect.Effect, error) {
	if err := CheckChannel(r.Channel, r.Staff); err != nil {
		return nil, err
	}
	if err := CheckReason(r.Reason); err != nil {
		return nil, err
	}
	a := f.Account
	if a.Status != account.Active && a.Status != account.Suspended {
		return nil, problem.Newf("invalid_transition", "a %s account cannot be closed", a.Status).WithRule("L2")
	}
	chk := Preflight(f)
	if chk.RequiresSupport && !(r.Staff && r.Channel == "support") {
		p := problem.New("support_required", "this account cannot close itself now; contact support").WithRule("L7")
		p.Blockers = chk.Blockers
		return nil, p
	}
	if len(f.Obligations) > 0 {
		p := problem.Newf("closure_blocked", "settle %d obligation(s) before closing", len(f.Obligations)).WithRule("L2")
		p.Blockers = f.Obligations
		return nil, p
	}
	effs := []effect.Effect{effect.Close{Account: a.ID, Reason: r.Reason, Channel: r.Channel, Rule: "L6"}}
	switch r.Reason {
	case "duplicate_account": // L6: an admission, a V1 case for the linked accounts
		effs = append(effs, effect.OpenCase{Kind: "linkage_review", Account: a.ID, Rule: "V1",
			Body: "L6: the member closed this account as a duplicate.", Related: nonNil(f.Linked)})
	case "working_directly_with_client": // L6: an admission, a V10 strike
		effs = append(effs, enforce.Apply(a, enforce.Effect{Action: notice.Warning, Rule: "V10", Strike: true, Reason: "circumvention admitted at closure"},
			enforce.Finding{Violation: enforce.Violation{Rule: "V10"},
				Facts: "You closed the account to work directly with a client met on the platform."}, now, s)...)
	}
	return effs, nil
}

// SupportClose is a closure carried out by support on a closure-assistance
// case. POLICY.md section 9: "close on a closure-assistance case closes only
// when the closure preflight (L11) finds no blocker, and otherwise is
// refused with the blockers": every blocker of the preflight counts, L7's
// (an open case against the account, a pending suspension, a fraud hold)
// as well as the obligations. The closure-assistance case itself is not a
// case against the account (SupportBlockers).
func SupportClose(f Facts) ([]effect.Effect, error) {
	a := f.Account
	if a.Status != account.Active && a.Status != account.Suspended {
		return nil, problem.Newf("invalid_transition", "a %s account cannot be closed", a.Status).WithRule("L2")
	}
	bs := Preflight(f).Blockers
	if len(bs) > 0 {
		p := problem.Newf("closure_blocked", "the account has %d blocker(s); settle them before closing", len(bs)).WithRule("L11")
		p.Blockers = bs
		return nil, p
	}
	return []effect.Effect{effect.Close{Account: a.ID, Reason: "other", Channel: "support", Rule: "L7"}}, nil
}

// Reactivate decides L8: a closed account within the window, unless the
// new account M6 (b) approved in its place, or another account strongly
// linked to it that no exception covers, is live (M1: one account that is
// not closed); by the member only when it holds just a freelancer profile,
// owns no organization and was not closed for a violation reason;
// otherwise by support.
func Reactivate(f Facts, bySupport bool, now time.Time, s policy.Settings) ([]effect.Effect, error) {
	a := f.Account
	if a.Status != account.Closed {
		return nil, problem.Newf("not_reactivatable", "a %s account cannot be reactivated", a.Status).WithRule("L8")
	}
	if a.ClosedAt != nil && now.Sub(*a.ClosedAt) > s.ReactivationWindow.D() {
		return nil, problem.Newf("not_reactivatable", "the account was closed more than %s ago", s.ReactivationWindow.Words()).WithRule("L8")
	}
	if r := f.Replacement; r != nil && r.Status.Live() {
		return nil, problem.Newf("not_reactivatable", "account %s was opened in this one's place (M6) and is %s; a person holds one account that is not closed", r.ID, r.Status).WithRule("M1")
	}
	if len(f.LiveLinked) > 0 {
		// M1 beyond M6 (b): an account closed as redundant (M7) or in a
		// multiple-accounts outcome (V1) is strongly linked to the one its
		// person kept; reactivating it would make two live accounts.
		return nil, problem.Newf("not_reactivatable", "account %s, strongly linked to this one, is live; a person holds one account that is not closed",
			strings.Join(f.LiveLinked, ", ")).WithRule("M1")
	}
	if !bySupport && !SelfReactivatable(a, f.OwnsTeam) {
		return nil, problem.New("support_required", "this account can be reactivated by support only: open a reactivation case").
			WithRule("L8").WithStatus(http.StatusForbidden)
	}
	reason := "reactivated by the member"
	if bySupport {
		reason = "reactivated by support"
	}
	return []effect.Effect{effect.Reactivate{Account: a.ID, Reason: reason}}, nil
}

// SelfReactivatable reports whether the member may reactivate by itself (L8).
func SelfReactivatable(a *account.Account, ownsTeam bool) bool {
	reason := ""
	if a.CloseReason != nil {
		reason = *a.CloseReason
	}
	return a.Freelancer && !a.Client && !ownsTeam && !slices.Contains(admissions, reason) && reason != "redundant_account"
}

// Hint tells a closed member how to come back (the closure notice's remedy).
func Hint(a *account.Account, reason string, s policy.Settings) string {
	if a.Freelancer && !a.Client && !slices.Contains(admissions, reason) && reason != "redundant_account" {
		return "You can reactivate this account yourself within " + s.ReactivationWindow.Words() + "."
	}
	return "Support can reactivate this account within " + s.ReactivationWindow.Words() + "."
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Team are the facts of closing an organization (L3) or an agency (L5).
type Team struct {
	Kind     market.TeamKind
	Team     *market.Team
	Acting   string            // the acting member
	Blockers []problem.Blocker // members, contracts, billing, jobs, proposals
}

// ownerActs refuses anyone but the team's owner (L3, L5): API.md's team
// closure rows, GET and POST alike, need the acting account to be the owner.
func ownerActs(f Team) error {
	if f.Team.OwnerID != f.Acting {
		return problem.Newf("not_owner", "only the owner closes %s %s", f.Kind, f.Team.ID).WithRule(f.Kind.ClosureRule())
	}
	return nil
}

// TeamPreflight lists every blocker of closing a team (L11); only its
// owner may ask.
func TeamPreflight(f Team) (Check, error) {
	if err := ownerActs(f); err != nil {
		return Check{}, err
	}
	bs := f.Blockers
	if bs == nil {
		bs = []problem.Blocker{}
	}
	return Check{Allowed: len(bs) == 0 && f.Team.Status == "active", Blockers: bs}, nil
}

// CloseTeam decides L3/L5: the owner closes an active team with no blocker;
// the owner's own account stays open.
func CloseTeam(f Team) ([]effect.Effect, error) {
	if err := ownerActs(f); err != nil {
		return nil, err
	}
	if f.Team.Status != "active" {
		return nil, problem.Newf("conflict", "%s %s is already closed", f.Kind, f.Team.ID)
	}
	if len(f.Blockers) > 0 {
		p := problem.Newf("closure_blocked", "settle %d obligation(s) before closing %s", len(f.Blockers), f.Team.Name).WithRule(f.Kind.ClosureRule())
		p.Blockers = f.Blockers
		return nil, p
	}
	return []effect.Effect{effect.CloseTeam{Kind: string(f.Kind), Team: f.Team.ID, By: f.Acting, Rule: f.Kind.ClosureRule()}}, nil
}

// Leaving are the facts of a member leaving or being removed from a team (L4).
type Leaving struct {
	Kind       market.TeamKind
	Team       *market.Team
	Acting     string           // who acts: the member leaving, or an admin/manager/owner removing
	Member     *account.Account // who goes
	OtherTeams int              // active teams the member still belongs to besides this one
}

// Leave decides L4: admins and managers leave by themselves; a plain member
// is removed by an admin, manager or owner; the owner never leaves (the team
// is closed instead). An account that held only team roles is closed when
// it leaves its last team.
func Leave(f Leaving) ([]effect.Effect, error) {
	target := f.Team.Role(f.Member.ID)
	if target == "" {
		return nil, problem.Newf("not_found", "account %s is not a member of %s %s", f.Member.ID, f.Kind, f.Team.ID)
	}
	mine := f.Team.Role(f.Acting)
	switch {
	case target == "owner":
		return nil, problem.Newf("conflict", "the owner cannot leave %s %s; close it instead", f.Kind, f.Team.ID).WithRule("L4")
	case f.Acting == f.Member.ID && target == "member":
		return nil, problem.New("member_cannot_leave", "a plain member is removed by an admin or manager; ask one of them").WithRule("L4")
	case f.Acting != f.Member.ID && !market.MayRemove(mine, target):
		if mine == "" {
			mine = "non-member"
		}
		return nil, problem.Newf("not_owner", "a %s cannot remove a %s", mine, target).WithRule("L4")
	}
	effs := []effect.Effect{effect.LeaveTeam{Kind: string(f.Kind), Team: f.Team.ID, Account: f.Member.ID, Left: f.Acting == f.Member.ID}}
	if !f.Member.Freelancer && f.Member.Status == account.Active && f.OtherTeams == 0 {
		effs = append(effs, effect.Close{Account: f.Member.ID, Reason: "other", Channel: "web", Rule: "L4"})
	}
	return effs, nil
}

// Dormancy decides L9's first step: an active account with no activity for
// the dormancy period gets a notice and a closing date; one used since is
// looked at again when it would next fall idle, and so is a suspended or
// banned one, a period later.
func Dormancy(a *account.Account, now time.Time, s policy.Settings) []effect.Effect {
	if a.Status == account.Suspended || a.Status == account.Banned {
		// Not taken for dormant while a decision stands, but it may be
		// lifted (I2 verified, E3 granted): look again a period later, or
		// the account would never be looked at again.
		return []effect.Effect{effect.Schedule{Job: "dormancy", Account: a.ID, At: now.Add(s.DormantAfter.D())}}
	}
	if a.Status != account.Active {
		return nil
	}
	if idle := a.LastActivity.Add(s.DormantAfter.D()); now.Before(idle) {
		return []effect.Effect{effect.Schedule{Job: "dormancy", Account: a.ID, At: idle}}
	}
	closeAt := now.Add(s.DormantGrace.D())
	return []effect.Effect{
		effect.SetDormancyNotice{Account: a.ID, At: &now},
		effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Warning, Rule: "L9", AutomatedDetection: true, AutomatedDecision: true,
			RespondBy: &closeAt, Facts: "The account has had no activity for " + s.DormantAfter.Words() + ".",
			Remedy: "Sign in or use the account before " + closeAt.Format("2006-01-02") + " to keep it open; otherwise it is closed and can be reactivated later."}},
		effect.Schedule{Job: "dormant_close", Account: a.ID, At: closeAt},
	}
}

// DormantClose decides L9's second step: still idle after the notice and
// free of obligations, the account is closed as dormant (and stays
// reactivatable, L8); used since, the dormancy clock starts again.
func DormantClose(f Facts, s policy.Settings) []effect.Effect {
	a := f.Account
	if a.Status != account.Active || a.DormancyNoticeAt == nil {
		return nil
	}
	if a.LastActivity.After(*a.DormancyNoticeAt) {
		return []effect.Effect{effect.SetDormancyNotice{Account: a.ID},
			effect.Schedule{Job: "dormancy", Account: a.ID, At: a.LastActivity.Add(s.DormantAfter.D())}}
	}
	if len(f.Obligations) > 0 {
		return nil // obligations mean it is not dormant in any way that matters
	}
	return []effect.Effect{effect.Close{Account: a.ID, Reason: "dormant", Channel: "system", Rule: "L9"}}
}

// Retention decides L10 on time: personal data of an account closed or
// banned for the retention period is erased.
func Retention(a *account.Account, now time.Time, s policy.Settings) []effect.Effect {
	var since *time.Time
	switch a.Status {
	case account.Closed:
		since = a.ClosedAt
	case account.Banned:
		since = a.BannedAt
	}
	if since == nil || now.Before(since.Add(s.ErasureAfter.D())) {
		return nil
	}
	return []effect.Effect{effect.Erase{Account: a.ID}}
}

// EraseRequest decides L10 on a verified request: only a closed or banned
// account, and only once no obligation remains.
func EraseRequest(f Facts) ([]effect.Effect, error) {
	a := f.Account
	if a.Status != account.Closed && a.Status != account.Banned {
		return nil, problem.Newf("invalid_transition", "only a closed or banned account can be erased; this one is %s", a.Status).WithRule("L10")
	}
	if len(f.Obligations) > 0 {
		p := problem.New("closure_blocked", "obligations remain; erase once they are settled").WithRule("L10")
		p.Blockers = f.Obligations
		return nil, p
	}
	return []effect.Effect{effect.Erase{Account: a.ID}}, nil
}
