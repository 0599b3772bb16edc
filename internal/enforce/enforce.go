// Package enforce decides what follows a violation (POLICY.md section 5):
// the tier of a rule, the strike ladder, the notice (statement of reasons)
// with its plain-language text, and the support case. Pure functions of
// the facts and the settings; the service applies what they return.
package enforce

import (
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
)

// ReviewCase is not a notice action: the decision is left to staff.
const ReviewCase = "case"

// Effect is what a violation leads to.
type Effect struct {
	Action    string     // warning, restriction, suspension, ban, case
	Rule      string     // the rule applied
	Strike    bool       // a strike is recorded (serious tier)
	RespondBy *time.Time // suspension deadline (E1)
	Reason    string     // why, in plain language
}

// Violation is a rule broken by an account, with what detected it.
type Violation struct {
	Rule      string
	High      bool // detection confidence is high (V3)
	Automated bool
}

// Decide returns the effect of a violation for an account that already has
// activeStrikes strikes in the strike window (POLICY.md section 5 tiers).
func Decide(v Violation, activeStrikes int, now time.Time, s policy.Settings) Effect {
	r, _ := policy.Lookup(v.Rule)
	switch {
	case v.Rule == "V3" && !v.High:
		return Effect{Action: ReviewCase, Rule: v.Rule, Reason: "possible bulk unsolicited messages, for staff review"}
	case r.Tier == policy.Severe:
		return Effect{Action: notice.Ban, Rule: v.Rule, Reason: r.Title}
	case r.Tier == policy.Serious:
		return Ladder(v.Rule, activeStrikes, now, s)
	case r.Tier == policy.Reviewed:
		return Effect{Action: ReviewCase, Rule: v.Rule, Reason: r.Title + ", for staff review"}
	}
	return Effect{Action: notice.Restriction, Rule: v.Rule, Reason: r.Title}
}

// Ladder is the serious tier: the strike being recorded is number
// activeStrikes+1 in the window; the 1st warns, the 2nd suspends with a
// deadline, the 3rd bans.
func Ladder(rule string, activeStrikes int, now time.Time, s policy.Settings) Effect {
	r, _ := policy.Lookup(rule)
	switch n := activeStrikes + 1; {
	case n == 1:
		return Effect{Action: notice.Warning, Rule: rule, Strike: true, Reason: "first strike: " + r.Title}
	case n == 2:
		by := now.Add(s.RespondBy.D())
		return Effect{Action: notice.Suspension, Rule: rule, Strike: true, RespondBy: &by, Reason: "second strike within 12 months: " + r.Title}
	default:
		return Effect{Action: notice.Ban, Rule: rule, Strike: true, Reason: fmt.Sprintf("strike %d within 12 months: %s", n, r.Title)}
	}
}

// Finding is a violation together with what a notice must say about it.
type Finding struct {
	Violation
	Facts    string            // what happened, in plain words for the member
	Evidence []notice.Evidence // the text spans, links or objects behind it
	Related  []string          // the other accounts of a review case
	ByStaff  bool              // decided by a person, not by the system
}

// Violate decides a violation for account a as it stands now (the tier and
// the strike ladder) and returns the effects that carry it out.
func Violate(a *account.Account, f Finding, now time.Time, s policy.Settings) []effect.Effect {
	active := len(a.ActiveStrikes(now, s.StrikeLife.D()))
	return Apply(a, Decide(f.Violation, active, now, s), f, now, s)
}

// StaffViolation is a violation a person confirmed (an upheld review, an
// actioned report): severe rules ban, every other rule goes on the strike
// ladder, since a person has already done the review a reviewed rule asks for.
func StaffViolation(a *account.Account, f Finding, now time.Time, s policy.Settings) []effect.Effect {
	f.ByStaff = true
	active := len(a.ActiveStrikes(now, s.StrikeLife.D()))
	eff := Decide(f.Violation, active, now, s)
	if r, _ := policy.Lookup(f.Rule); r.Tier != policy.Severe {
		eff = Ladder(f.Rule, active, now, s)
	}
	return Apply(a, eff, f, now, s)
}

// Apply turns a decided sanction into effects for account a: a review case;
// or the strike (with the R3 badge loss), the status change and its notice.
// A suspension of an account that is not active, or a ban of one already
// banned, closed or erased, records the strike under a warning instead: the
// status a later or graver decision set stays.
func Apply(a *account.Account, eff Effect, f Finding, now time.Time, s policy.Settings) []effect.Effect {
	if eff.Action == ReviewCase {
		kind := "violation_review"
		if eff.Rule == "V1" {
			kind = "linkage_review"
		}
		return []effect.Effect{effect.OpenCase{Kind: kind, Account: a.ID, Rule: eff.Rule, Body: f.Facts, Related: f.Related}}
	}
	var out []effect.Effect
	n := notice.Notice{Action: eff.Action, Rule: eff.Rule, Facts: notice.Facts(f.Facts, f.Evidence), Evidence: f.Evidence,
		AutomatedDetection: f.Automated, AutomatedDecision: !f.ByStaff, ContentType: "text", PriorStatus: string(a.Status)}
	if eff.Strike {
		st := effect.AddStrike{Account: a.ID, Rule: eff.Rule, Reason: eff.Reason, Automated: f.Automated}
		if BadgeLoss(eff.Rule) {
			until := now.Add(s.BadgeLoss.D())
			st.BadgeLossUntil = &until
		}
		out = append(out, st)
	}
	causes := false
	switch eff.Action {
	case notice.Suspension:
		if a.Status != account.Active {
			n.Action = notice.Warning
			break
		}
		out = append(out, effect.SetStatus{Account: a.ID, To: account.Suspended, Rule: eff.Rule, Reason: eff.Reason, RespondBy: eff.RespondBy})
		n.RespondBy, causes = eff.RespondBy, true
	case notice.Ban:
		if !account.CanTransition(a.Status, account.Banned) {
			n.Action = notice.Warning
			break
		}
		out = append(out, effect.SetStatus{Account: a.ID, To: account.Banned, Rule: eff.Rule, Reason: eff.Reason})
		causes = true
	}
	return append(out, effect.IssueNotice{Account: a.ID, Notice: n, LinkStrike: eff.Strike, CausesStatus: causes})
}

// BadgeLoss reports whether a strike under rule removes Top Rated (R3).
func BadgeLoss(rule string) bool { return rule == "V5" || rule == "V6" || rule == "V10" }

// Sanction is a decision a staff member takes directly on an account.
type Sanction struct {
	Rule       string
	Action     string // warning, restriction, suspension, ban
	Reason     string // written for the member
	Capability string // for a restriction
	Within     *time.Duration
}

// StaffSanction decides a direct staff sanction: a strike where the rule is
// serious, the status change, a restriction with its end, and the notice.
// A suspension needs an active account; a ban one that can be banned.
func StaffSanction(a *account.Account, r Sanction, now time.Time, s policy.Settings) ([]effect.Effect, error) {
	rule, _ := policy.Lookup(r.Rule)
	eff := Effect{Action: r.Action, Rule: r.Rule, Reason: r.Reason, Strike: rule.Tier == policy.Serious}
	f := Finding{Violation: Violation{Rule: r.Rule}, Facts: r.Reason, ByStaff: true}
	switch r.Action {
	case notice.Suspension:
		if a.Status != account.Active {
			return nil, problem.Newf("invalid_transition", "account %s is %s and cannot be suspended", a.ID, a.Status)
		}
		by := now.Add(s.RespondBy.D())
		if r.Within != nil {
			by = now.Add(*r.Within)
		}
		eff.RespondBy = &by
	case notice.Ban:
		if !account.CanTransition(a.Status, account.Banned) {
			return nil, problem.Newf("invalid_transition", "account %s is %s and cannot be banned", a.ID, a.Status)
		}
	case notice.Restriction:
		if a.Status != account.Active {
			return nil, problem.Newf("invalid_transition", "only an active account carries restrictions; %s is %s", a.ID, a.Status)
		}
		var until *time.Time
		if r.Within != nil {
			u := now.Add(*r.Within)
			until = &u
		}
		return []effect.Effect{
			effect.Restrict{Account: a.ID, Restriction: account.Restriction{Capability: r.Capability, Rule: r.Rule, Reason: r.Reason, Until: until}},
			effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Restriction, Rule: r.Rule, Facts: r.Reason,
				Capability: r.Capability, EndsAt: until, PriorStatus: string(a.Status)}},
		}, nil
	}
	return Apply(a, eff, f, now, s), nil
}
