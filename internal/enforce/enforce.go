// Package enforce decides what follows a violation (POLICY.md section 5):
// the tier of a rule, the strike ladder, the notice (statement of reasons)
// with its plain-language text, and the support case. Pure functions of
// the facts and the settings; the service applies what they return.
package enforce

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
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
		return Effect{Action: notice.Suspension, Rule: rule, Strike: true, RespondBy: &by, Reason: "second strike within " + s.StrikeLife.Words() + ": " + r.Title}
	default:
		return Effect{Action: notice.Ban, Rule: rule, Strike: true, Reason: fmt.Sprintf("strike %d within %s: %s", n, s.StrikeLife.Words(), r.Title)}
	}
}

// Finding is a violation together with what a notice must say about it.
type Finding struct {
	Violation
	Facts    string            // what happened, in plain words for the member
	Evidence []notice.Evidence // the text spans, links or objects behind it
	Related  []string          // the other accounts of a review case
	ByStaff  bool              // decided by a person, not by the system
	Reported bool              // a member's report started it
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
		AutomatedDetection: f.Automated, AutomatedDecision: !f.ByStaff, ContentType: "text", PriorStatus: string(a.Status), Reported: f.Reported}
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

// Deadline decides E1: a suspension whose respond_by has passed with no
// remedy accepted becomes a ban, whose notice follows the suspension's (so
// that granting an appeal of the suspension undoes the ban too, E3).
func Deadline(a *account.Account, now time.Time) []effect.Effect {
	if a.Status != account.Suspended || a.RespondBy == nil || now.Before(*a.RespondBy) {
		return nil
	}
	rule := a.StatusRule
	return []effect.Effect{
		effect.SetStatus{Account: a.ID, To: account.Banned, Rule: "E1", Reason: "the deadline to respond to the " + rule + " suspension passed"},
		effect.IssueNotice{Account: a.ID, CausesStatus: true, Notice: notice.Notice{Action: notice.Ban, Rule: "E1",
			AutomatedDetection: true, AutomatedDecision: true, PriorStatus: string(account.Suspended), Follows: a.StatusNotice,
			Facts: "The suspension under rule " + rule + " had a deadline to respond; it passed with no remedy accepted."}},
	}
}

// VerificationDeadline decides I2: an active account whose verification
// deadline passed unverified is put on hold (suspended, no respond-by: it is
// lifted by verifying) and its pending proposals are withdrawn.
func VerificationDeadline(a *account.Account, now time.Time) []effect.Effect {
	v := a.Verification
	if v.Status == "verified" || v.Deadline == nil || now.Before(*v.Deadline) || a.Status != account.Active {
		return nil
	}
	requested := ""
	if v.RequestedAt != nil {
		requested = " on " + v.RequestedAt.Format("2006-01-02")
	}
	return []effect.Effect{
		effect.SetStatus{Account: a.ID, To: account.Suspended, Rule: "I2", Reason: "identity not verified by the deadline"},
		effect.WithdrawProposals{Account: a.ID},
		effect.IssueNotice{Account: a.ID, CausesStatus: true, Notice: notice.Notice{Action: notice.Suspension, Rule: "I2",
			AutomatedDetection: true, AutomatedDecision: true, PriorStatus: string(account.Active),
			Facts: "Identity verification was requested" + requested + " and not completed by the deadline. Pending proposals were withdrawn; contracts continue."}},
	}
}

// Remedy decides E1's other way out: staff accept the member's remedy of a
// suspension, which returns the account to active before its deadline. Once
// respond_by has passed the suspension has become a ban (E1), even in the
// moment before the deadline job has run: a remedy then is too late.
func Remedy(a *account.Account, note string, now time.Time) ([]effect.Effect, error) {
	if a.Status != account.Suspended {
		return nil, problem.Newf("invalid_transition", "account %s is %s, not suspended", a.ID, a.Status).WithRule("E1")
	}
	if a.RespondBy != nil && !now.Before(*a.RespondBy) {
		return nil, problem.Newf("invalid_transition", "the deadline to remedy the suspension of account %s passed at %s: the suspension becomes a ban",
			a.ID, a.RespondBy.Format(time.RFC3339)).WithRule("E1")
	}
	facts := "The remedy was accepted."
	if note = strings.TrimSpace(note); note != "" {
		facts += " " + note
	}
	return []effect.Effect{
		effect.SetStatus{Account: a.ID, To: account.Active, Rule: a.StatusRule, Reason: "remedy accepted"},
		effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: a.StatusRule, Facts: facts, Remedy: "None needed."}},
	}, nil
}

// IdentityCheck is an identity vendor's result as the policy reads it.
type IdentityCheck struct {
	Age          int  // on the day of verification
	DocumentUsed bool // the ID document already verified another account (I5)
	NameMatches  bool // the legal name matches the profile name (I4)
}

// Verified says what a verification came to: "under_age" (I3, banned),
// "document_used" (I5, rejected; linkage decides the rest) or "verified".
type Verified string

// Verify decides I1, I3 and I5 for a verification result: under 18 bans;
// a used document is rejected; otherwise the account is verified, the I1
// restrictions lifted and an I2 hold ended.
func Verify(a *account.Account, c IdentityCheck, now time.Time, s policy.Settings) (Verified, []effect.Effect) {
	switch {
	case c.Age < s.MinimumAge:
		return "under_age", append([]effect.Effect{effect.SetVerification{Account: a.ID, Status: "rejected"}},
			Violate(a, Finding{Violation: Violation{Rule: "I3", Automated: true}, Facts: fmt.Sprintf("The verified date of birth shows the member is under %d.", s.MinimumAge)}, now, s)...)
	case c.DocumentUsed:
		return "document_used", []effect.Effect{effect.SetVerification{Account: a.ID, Status: "rejected"},
			effect.Audit{Account: a.ID, Action: "verification_rejected", Rule: "I5", Reason: "the ID document already verified another account"}}
	}
	effs := []effect.Effect{effect.SetVerification{Account: a.ID, Status: "verified"},
		effect.Lift{Account: a.ID, Rule: "I1", Reason: "identity verified"},
		effect.Audit{Account: a.ID, Action: "verified", Rule: "I1"}}
	if a.Status == account.Suspended && a.StatusRule == "I2" {
		effs = append(effs, effect.SetStatus{Account: a.ID, To: account.Active, Rule: "I2", Reason: "identity verified"},
			effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: "I2",
				Facts: "Identity verified: the verification hold is lifted.", Remedy: "None needed."}})
	}
	return "verified", effs
}

// NameMismatch is I4: a verified legal name that does not match the profile
// name is a fraud review (V4) for staff, never an automatic sanction; it is
// decided only when the linkage checks allowed the account (a graver
// decision already speaks for it otherwise).
func NameMismatch(a *account.Account, c IdentityCheck, d decision.Decision) (decision.Decision, []effect.Effect) {
	if c.NameMatches || d.Outcome != decision.Allow {
		return d, nil
	}
	rule := "I4"
	d.Outcome, d.Rule = decision.Review, &rule
	d.Reasons = append(d.Reasons, "the verified legal name does not match the profile name")
	return d, []effect.Effect{effect.OpenCase{Kind: "violation_review", Account: a.ID, Rule: "V4",
		Body: "I4: the verified legal name does not match the profile name."}}
}

// Refusals decides C3 for refused content (a profile, proposal or job post
// with contact details): RefusedAttempts refused attempts by one account
// within the window make a V6 strike. ages are how long ago each of the
// account's recent refused attempts was made, this one (age 0) included.
// Each attempt counts toward one strike at most: after a strike, the next
// one needs RefusedAttempts new attempts, however close the old ones are.
func Refusals(a *account.Account, ages []time.Duration, surface string, ev []notice.Evidence, now time.Time, s policy.Settings) []effect.Effect {
	n := StrikingRefusals(ages, s.RefusedAttempts, s.RefusedWindow.D())
	if n == 0 {
		return nil
	}
	return Violate(a, Finding{Violation: Violation{Rule: "V6", Automated: true}, Evidence: ev,
		Facts: fmt.Sprintf("You tried %d times within 24 hours to publish contact information in a %s, where it is not allowed.",
			n, strings.ReplaceAll(surface, "_", " "))}, now, s)
}

// StrikingRefusals replays refused attempts (ages, any order) from the
// oldest: an attempt joins those within window of it that no strike has
// counted yet, and when they reach attempts they make a strike and are
// spent. It returns how many attempts the newest one's strike counts, or 0
// when the newest attempt makes none.
func StrikingRefusals(ages []time.Duration, attempts int, window time.Duration) int {
	sorted := slices.Clone(ages)
	slices.SortFunc(sorted, func(x, y time.Duration) int { return cmp.Compare(y, x) }) // oldest first
	var pending []time.Duration
	n := 0
	for _, age := range sorted {
		pending = slices.DeleteFunc(pending, func(p time.Duration) bool { return p-age > window })
		pending = append(pending, age)
		n = 0
		if len(pending) >= attempts {
			n, pending = len(pending), nil
		}
	}
	return n
}

// FraudHold decides E4's fraud hold: placing it stops payouts with a
// notice; lifting it says so. Placing a hold already placed, or lifting
// none, changes nothing.
func FraudHold(a *account.Account, on bool, reason string) []effect.Effect {
	switch {
	case on && a.FraudHold == nil:
		return []effect.Effect{effect.SetFraudHold{Account: a.ID, On: true, Reason: reason},
			effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Restriction, Rule: "V4", Capability: account.WithdrawFunds, Monetary: true,
				Facts:  "Payouts are held while a fraud concern is reviewed: " + reason,
				Remedy: "Support will contact you; the hold ends when the review ends."}}}
	case !on && a.FraudHold != nil:
		return []effect.Effect{effect.SetFraudHold{Account: a.ID, On: false, Reason: reason},
			effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: "V4", Monetary: true,
				Facts: "The fraud hold on your payouts is lifted.", Remedy: "None needed."}}}
	}
	return nil
}

// ReviewManipulation decides V8 for a review between two accounts: when they
// are linked (link is not nil) the review is void and both accounts, where
// they can still be sanctioned, are banned, each notice naming the other
// account.
func ReviewManipulation(author, subject *account.Account, link *decision.Link, now time.Time, s policy.Settings) (bool, []effect.Effect) {
	if link == nil {
		return false, nil
	}
	var effs []effect.Effect
	for _, pair := range [][2]*account.Account{{author, subject}, {subject, author}} {
		a, other := pair[0], pair[1]
		if a.Status != account.Active && a.Status != account.Suspended {
			continue
		}
		effs = append(effs, Violate(a, Finding{Violation: Violation{Rule: "V8", Automated: true},
			Facts:    "A review was posted between this account and account " + other.ID + ", which are linked; it was voided.",
			Evidence: []notice.Evidence{{Type: "link", Ref: other.ID, Signals: link.Signals, Score: link.Score}}}, now, s)...)
	}
	return true, effs
}
