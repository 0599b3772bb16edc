package linkage

import (
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
)

// LaterFacts are what M5 reads when strong signals are added to an account
// after sign-up: the account, its links after the new signals, the linked
// accounts as they stand, the exceptions M6 approved, the accounts it was
// already strongly linked to before these signals, and the rule (I5) of a
// refusal the caller already made because of the link.
type LaterFacts struct {
	Account  *account.Account
	Links    []decision.Link
	Others   map[string]*account.Account // the linked accounts, by id
	Excepted []string
	Known    []string // strongly linked before these signals: that link was found and acted on already
	Reject   string
	Now      time.Time
	Settings policy.Settings
}

// Later decides M5: a strong link between two live, active accounts is a
// multiple-accounts violation (V1: both suspended, one case); a strong link
// between an active account and a suspended or banned one is ban evasion
// (V2) by whichever of the two is newer, banned at once, or a linkage case
// when the sanctioned account is the newer one; a strong link to a closed
// account is recorded, not sanctioned. Only a link found now counts: a
// repeat sighting of a link already known (a V1 case under review, or one
// staff settled by keeping this account) sanctions no one again.
func Later(f LaterFacts) (decision.Decision, []effect.Effect) {
	a := f.Account
	verdict, d := Decide(f.Links, slices.Concat(f.Excepted, f.Known))
	for _, l := range f.Links {
		if slices.Contains(f.Known, l.AccountID) && !slices.Contains(f.Excepted, l.AccountID) {
			d.Links = append(d.Links, l)
			d.Reasons = append(d.Reasons, "the link to account "+l.AccountID+" was found before and is not acted on again")
		}
	}
	var effs []effect.Effect
	switch {
	case verdict == Evasion && (a.Status == account.Active || a.Status == account.Suspended):
		effs = evasion(f, d.Links, &d)
	case verdict == Exists && (a.Status == account.Suspended || a.Status == account.Banned):
		effs = evasion(f, d.Links, &d) // the new signal ties a sanctioned account to an active one
	case verdict == Exists:
		d.Rule = rule("V1")
		effs = multiple(f, d)
	case verdict == ClosedExists:
		d.Outcome, d.Rule = "allow", nil
	}
	if f.Reject != "" && d.Outcome == "allow" {
		d.Outcome, d.Rule = "block", rule(f.Reject)
	}
	return d, effs
}

// evasion settles the first strong link between a sanctioned account and an
// active one: the newer of the two evades the older one's sanction (V2).
func evasion(f LaterFacts, links []decision.Link, d *decision.Decision) []effect.Effect {
	a := f.Account
	for _, l := range links {
		o := f.Others[l.AccountID]
		if !l.Strong() || o == nil {
			continue
		}
		evader, other := a, o
		switch {
		case l.Banned() && (a.Status == account.Active || a.Status == account.Suspended):
		case l.Status == "active" && (a.Status == account.Suspended || a.Status == account.Banned):
			evader, other = o, a
		default:
			continue
		}
		if evader.CreatedAt.After(other.CreatedAt) || other.Status == account.Erased {
			d.Outcome, d.Rule = "block", rule("V2")
			return enforce.Violate(evader, enforce.Finding{Violation: enforce.Violation{Rule: "V2", Automated: true},
				Facts:    "A strong signal ties this account to account " + other.ID + ", which is " + string(other.Status) + " and older than this one.",
				Evidence: []notice.Evidence{{Type: "link", Ref: other.ID, Signals: l.Signals, Score: l.Score}}}, f.Now, f.Settings)
		}
		d.Outcome, d.Rule = "review", rule("V1")
		return []effect.Effect{effect.OpenCase{Kind: "linkage_review", Account: a.ID, Rule: "V1", Related: []string{o.ID},
			Body: "A strong signal ties this account to account " + o.ID + "; the sanctioned account is the newer one, so a person decides."}}
	}
	return nil
}

// multiple applies V1: the subject and every active account strongly linked
// to it are suspended pending review, each notice naming the other accounts,
// and one linkage case holds them all.
func multiple(f LaterFacts, d decision.Decision) []effect.Effect {
	a := f.Account
	var related []string
	byID := map[string]decision.Link{}
	for _, l := range d.Links {
		if l.Strong() && l.Status == "active" && f.Others[l.AccountID] != nil {
			related = append(related, l.AccountID)
			byID[l.AccountID] = l
		}
	}
	by := f.Now.Add(f.Settings.RespondBy.D())
	suspend := func(x *account.Account, ev []notice.Evidence, others []string) []effect.Effect {
		if x.Status != account.Active {
			return nil
		}
		return enforce.Apply(x, enforce.Effect{Action: notice.Suspension, Rule: "V1", RespondBy: &by, Reason: "multiple accounts, pending review"},
			enforce.Finding{Violation: enforce.Violation{Rule: "V1", Automated: true}, Evidence: ev,
				Facts: "This account shares strong signals with account " + notice.List(others) + "; a person will review whether they belong to one person."},
			f.Now, f.Settings)
	}
	var ev []notice.Evidence
	for _, id := range related {
		l := byID[id]
		ev = append(ev, notice.Evidence{Type: "link", Ref: id, Signals: l.Signals, Score: l.Score})
	}
	effs := suspend(a, ev, related)
	for _, id := range related {
		l := byID[id]
		effs = append(effs, suspend(f.Others[id], []notice.Evidence{{Type: "link", Ref: a.ID, Signals: l.Signals, Score: l.Score}}, []string{a.ID})...)
	}
	return append(effs, effect.OpenCase{Kind: "linkage_review", Account: a.ID, Rule: "V1", Related: related,
		Body: "Accounts share strong signals: " + strings.Join(d.Reasons, "; ")})
}

// Signup decides M4 and M9 for a new account a, not yet stored, from its
// exact links and its near links: a strong link to an active or closed
// account refuses it (no account is created: the refusal says why); to a
// suspended or banned one bans it at once (V2); medium links alone, or a
// near match to a suspended or banned account, open a linkage case
// (decision review).
func Signup(a *account.Account, links, near []decision.Link, excepted []string, ns NearSettings, now time.Time, s policy.Settings) (decision.Decision, []effect.Effect, *problem.Error) {
	verdict, d := Decide(links, excepted)
	verdict, d = DecideNear(verdict, d, near, excepted, ns)
	switch verdict {
	case Exists, ClosedExists:
		code := "account_exists"
		if verdict == ClosedExists {
			code = "closed_account_exists"
		}
		p := problem.New(code, strings.Join(d.Reasons, "; ")).WithRule("M4")
		p.Decision = d
		return d, nil, p
	case Evasion:
		var ev []notice.Evidence
		for _, l := range d.Links {
			if l.Strong() && l.Banned() {
				ev = append(ev, notice.Evidence{Type: "link", Ref: l.AccountID, Signals: l.Signals, Score: l.Score})
			}
		}
		return d, enforce.Violate(a, enforce.Finding{Violation: enforce.Violation{Rule: "V2", Automated: true}, Evidence: ev,
			Facts: "At sign-up this account shared strong signals with a suspended or banned account."}, now, s), nil
	case Review:
		if d.Rule != nil && *d.Rule == "M9" {
			return d, []effect.Effect{NearCase(a.ID, d)}, nil
		}
		var related []string
		for _, l := range d.Links {
			related = append(related, l.AccountID)
		}
		return d, []effect.Effect{effect.OpenCase{Kind: "linkage_review", Account: a.ID, Rule: "M4", Related: related,
			Body: "Sign-up linked by medium signals: " + strings.Join(d.Reasons, "; ")}}, nil
	}
	return d, nil, nil
}

// ExternalIDTaken decides M4 for a sign-up whose external_id (the
// marketplace's own id of the member) already names an account, holder
// with its status: refused with account_exists, or closed_account_exists
// when that account is closed, naming it. Nil when holder is empty.
func ExternalIDTaken(externalID, holder string, status account.Status) *problem.Error {
	if holder == "" {
		return nil
	}
	code := "account_exists"
	if status == account.Closed {
		code = "closed_account_exists"
	}
	rule := "M4"
	p := problem.Newf(code, "external_id %s already names account %s", externalID, holder).WithRule(rule)
	p.Decision = decision.Decision{Outcome: decision.Block, Rule: &rule,
		Reasons: []string{"the external_id names account " + holder}, Links: []decision.Link{}}
	return p
}
