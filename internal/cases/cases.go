// Package cases owns support cases (POLICY.md section 9): their kinds,
// statuses and outcomes, and the decision a resolution makes. Resolve is a
// pure function of the case's facts and the staff member's resolution; it
// returns effects for the service's executor, or a coded refusal. It is
// where due process lives: a reason for the member wherever an outcome acts
// against or refuses them, rules checked, outcomes kept to the case's own
// accounts and to what their rule allows.
package cases

import (
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/closure"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/identity"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
)

// Kind is the kind of a case.
type Kind string

// The kinds of section 9.
const (
	Appeal                   Kind = "appeal"
	LinkageReview            Kind = "linkage_review"
	ViolationReview          Kind = "violation_review"
	ClosureAssistance        Kind = "closure_assistance"
	Reactivation             Kind = "reactivation"
	MultipleAccountException Kind = "multiple_account_exception"
	NewAccountRequest        Kind = "new_account_request"
	SelfDisclosure           Kind = "self_disclosure"
	Report                   Kind = "report"
)

// Kinds lists every kind, in the order of section 9.
var Kinds = []Kind{Appeal, LinkageReview, ViolationReview, ClosureAssistance, Reactivation,
	MultipleAccountException, NewAccountRequest, SelfDisclosure, Report}

// Valid reports whether k is a kind of section 9.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Status is where a case stands.
type Status string

// The statuses of section 9.
const (
	Open      Status = "open"
	InReview  Status = "in_review"
	Resolved  Status = "resolved"
	Withdrawn Status = "withdrawn"
)

// Statuses lists every status.
var Statuses = []Status{Open, InReview, Resolved, Withdrawn}

// Done reports whether the case is finished (resolved or withdrawn).
func (s Status) Done() bool { return s == Resolved || s == Withdrawn }

// CanMoveTo reports whether a case may move from s to to by an update (not
// a resolution): open and in review move between each other or to withdrawn.
func (s Status) CanMoveTo(to Status) bool {
	return !s.Done() && (to == Open || to == InReview || to == Withdrawn)
}

// Outcome is how a case is resolved.
type Outcome string

// outcomes lists the resolutions each kind of case accepts (API.md).
var outcomes = map[Kind][]Outcome{
	Appeal:                   {"grant", "deny"},
	LinkageReview:            {"not_linked", "multiple_accounts"},
	ViolationReview:          {"reinstate", "uphold", "ban"},
	ClosureAssistance:        {"close", "decline"},
	Reactivation:             {"reactivate", "decline"},
	MultipleAccountException: {"approve", "deny"},
	NewAccountRequest:        {"approve", "deny"},
	SelfDisclosure:           {"keep"},
	Report:                   {"action", "dismiss"},
}

// Outcomes lists the resolutions a kind accepts.
func Outcomes(k Kind) []Outcome { return slices.Clone(outcomes[k]) }

// NeedsReason reports whether an outcome acts against or refuses a member,
// so that staff must write the member a reason (section 9).
func NeedsReason(k Kind, o Outcome) bool {
	switch o {
	case "deny", "decline", "uphold", "ban", "multiple_accounts", "action":
		return true
	}
	return false
}

// CanAppeal decides whether a member may open an appeal of notice n now
// (E3): within its appeal window, against a decision against the member (a
// notice that says an appeal was denied answers an appeal already made; a
// reinstatement or a closure decides nothing against them), and once: earlier are
// the statuses of the appeals already filed against n, and only a withdrawn
// one leaves room for another. A second appeal of one decision would let a
// member ask reviewer after reviewer until one grants, and tell the member
// two answers to one question.
func CanAppeal(n *notice.Notice, earlier []Status, now time.Time) error {
	if !now.Before(n.AppealUntil) {
		return problem.Newf("appeal_window_closed", "notice %s could be appealed until %s", n.ID, n.AppealUntil.Format(time.RFC3339)).WithRule("E3")
	}
	switch n.Action {
	case notice.AppealDenied:
		return problem.Newf("conflict", "notice %s is the answer to an appeal: the decision it answers was appealed already", n.ID).WithRule("E3")
	case notice.Reinstatement, notice.Closure:
		// Nothing was decided against the member: a reinstatement undoes a
		// decision, and a closure is the member's own or dormancy's, undone
		// by reactivation (L8). A granted appeal would undo nothing while
		// its notice said it had.
		return problem.Newf("conflict", "notice %s (%s) decides nothing against the member: a warning, restriction, suspension or ban is appealed; a closed account is reactivated (L8)", n.ID, n.Action).WithRule("E3")
	}
	for _, s := range earlier {
		if s != Withdrawn {
			return problem.Newf("conflict", "notice %s has an appeal already (%s): a decision is appealed once", n.ID, s).WithRule("E3")
		}
	}
	return nil
}

// Resolution is what a staff member decided: the outcome, the reason the
// member reads, the internal note nobody outside staff reads, the account
// kept, the rule applied, and the accounts staff confirm are the same
// person's (M7).
type Resolution struct {
	Outcome          Outcome
	Reason           string
	Note             string
	KeepAccountID    string
	Rule             string
	LinkedAccountIDs []string
}

// Facts are what a resolution reads: the case, its accounts as they stand,
// the appealed notice and the notice behind the subject's status, the
// accounts strongly linked to the subject, and the closure facts.
type Facts struct {
	CaseID       string
	Kind         Kind
	Rule         string
	Subject      *account.Account
	Related      []*account.Account
	Notice       *notice.Notice // the appealed notice (appeal)
	StatusNotice *notice.Notice // the notice that set the subject's current status, if known
	Linked       []string       // accounts sharing a strong link with the subject
	Closure      closure.Facts  // closure_assistance, reactivation
	// Obligations are the L2 blockers (contracts, proposals, funds, owned
	// teams) of each of the case's accounts, by account id (self_disclosure).
	Obligations map[string][]problem.Blocker
	Now         time.Time
	Settings    policy.Settings
}

// accounts are the case's own accounts: the subject first.
func (f Facts) accounts() []*account.Account {
	return append([]*account.Account{f.Subject}, f.Related...)
}

func (f Facts) account(id string) *account.Account {
	for _, a := range f.accounts() {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func ids(as []*account.Account) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

// Validate checks a resolution against the case before anything is decided:
// the outcome fits the kind, the rule is a rule of POLICY.md, a reason is
// written where the outcome acts against or refuses the member, and the kept
// account is one of the case's.
func Validate(f Facts, r Resolution) error {
	if !slices.Contains(outcomes[f.Kind], r.Outcome) {
		var os []string
		for _, o := range outcomes[f.Kind] {
			os = append(os, string(o))
		}
		return problem.Invalid("this outcome does not fit the case", problem.Field("outcome", "invalid",
			"a "+string(f.Kind)+" case is resolved with "+strings.Join(os, " or ")))
	}
	if r.Rule != "" {
		if _, ok := policy.Lookup(r.Rule); !ok {
			return problem.Invalid("unknown rule", problem.Field("rule", "invalid", "a rule id of POLICY.md such as V4"))
		}
	}
	if NeedsReason(f.Kind, r.Outcome) && strings.TrimSpace(r.Reason) == "" {
		return problem.Newf("reason_required", "%s on a %s case acts against or refuses the member: write them a reason", r.Outcome, f.Kind).
			WithFields(problem.Field("reason", "required", "the reason the member reads in their notice"))
	}
	if r.KeepAccountID != "" && f.account(r.KeepAccountID) == nil {
		return problem.Invalid("keep_account_id is not one of the case's accounts",
			problem.Field("keep_account_id", "invalid", "one of "+strings.Join(ids(f.accounts()), ", ")))
	}
	for _, id := range r.LinkedAccountIDs {
		if f.account(id) == nil {
			return problem.Invalid("linked_account_ids names an account outside the case",
				problem.Field("linked_account_ids", "invalid", "accounts of the case: "+strings.Join(ids(f.accounts()), ", ")))
		}
	}
	return nil
}

// Resolve decides what a resolution does. It validates first, then returns
// the effects of the outcome, or a refusal that changes nothing.
func Resolve(f Facts, r Resolution) ([]effect.Effect, error) {
	if err := Validate(f, r); err != nil {
		return nil, err
	}
	a := f.Subject
	switch f.Kind {
	case Appeal:
		if r.Outcome == "grant" {
			if err := ofAge(f); err != nil {
				return nil, err
			}
			return grant(f, r), nil
		}
		n := f.Notice
		// The deadline a denial repeats is the appealed suspension's own
		// (E2): another decision's deadline is not this notice's to give.
		var respondBy *time.Time
		if a.Status == account.Suspended && setBy(a, n, f.StatusNotice) {
			respondBy = a.RespondBy
		}
		return []effect.Effect{effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.AppealDenied, Rule: n.Rule,
			RespondBy: respondBy, Facts: "A person reviewed your appeal against notice " + n.ID + " and denied it: " + notice.Sentence(r.Reason),
			Remedy: notice.Remedy(n.Rule, n.Action)}}}, nil
	case LinkageReview:
		if r.Outcome == "not_linked" {
			return notLinked(f, r), nil
		}
		return multipleAccounts(f, r), nil
	case ViolationReview:
		switch r.Outcome {
		case "reinstate":
			return reinstate(f, r), nil
		case "uphold":
			rule := upholdRule(r.Rule, f.Rule)
			if rule == "" {
				return nil, problem.New("rule_required", "uphold names the rule upheld: the case has none, give one in rule").
					WithFields(problem.Field("rule", "required", "a rule id of POLICY.md such as V4"))
			}
			if err := upholdable(rule); err != nil {
				return nil, err
			}
			return staffViolation(f, rule, r), nil
		}
		rule := upholdRule(r.Rule, f.Rule)
		if rule == "" {
			rule = "V4"
		}
		if err := bannable(rule); err != nil {
			return nil, err
		}
		if !account.CanTransition(a.Status, account.Banned) || a.Status == account.Banned {
			return nil, nil
		}
		return enforce.Apply(a, enforce.Effect{Action: notice.Ban, Rule: rule, Reason: "decided by staff on review"},
			enforce.Finding{Violation: enforce.Violation{Rule: rule}, Facts: notice.Sentence(r.Reason), ByStaff: true}, f.Now, f.Settings), nil
	case Report:
		if r.Outcome == "dismiss" { // section 9: a dismissed report changes nothing for the reported member
			return nil, nil
		}
		rule := upholdRule(r.Rule, f.Rule)
		if rule == "" {
			rule = "V4"
		}
		if err := upholdable(rule); err != nil {
			return nil, err
		}
		return staffViolation(f, rule, r), nil
	case ClosureAssistance:
		if r.Outcome == "close" {
			effs, err := closure.SupportClose(f.Closure)
			return said(effs, r), err
		}
	case Reactivation:
		if r.Outcome == "reactivate" {
			effs, err := closure.Reactivate(f.Closure, true, f.Now, f.Settings)
			return said(effs, r), err
		}
	case MultipleAccountException:
		if r.Outcome == "approve" {
			return []effect.Effect{effect.Except{Accounts: ids(f.accounts()), Reason: "separate account for a distinct legal entity"}}, nil
		}
	case NewAccountRequest:
		if r.Outcome == "approve" {
			return newAccount(f)
		}
	case SelfDisclosure:
		return selfDisclosure(f, r)
	}
	return nil, nil // decline, deny: nothing changes but the case
}

// bannable refuses a ban under a rule that does not allow one by a person's
// decision (section 9: an outcome acts "only as far as its rule allows").
// Severe rules ban at once and reviewed ones let staff decide "up to
// banned" (section 5); a serious rule (V5, V6, V7, V9, V10) makes strikes,
// and bans only at the third, so staff uphold it and the ladder decides;
// administrative and procedural rules never ban on their own.
func bannable(rule string) error {
	r, _ := policy.Lookup(rule)
	switch r.Tier {
	case policy.Severe, policy.Reviewed:
		return nil
	case policy.Serious:
		return problem.Newf("conflict", "%s is a strike rule: a ban follows only at the third strike; uphold the violation instead", rule).WithRule(rule)
	}
	return problem.Newf("conflict", "%s does not allow a ban", rule).WithRule(rule)
}

// upholdable refuses to uphold (or action a report under) a rule that is
// not a violation a member can commit (section 9: an outcome acts "only as
// far as its rule allows"). Severe, serious and reviewed rules are
// violations (section 5); an administrative rule (I1, I2) is lifted by
// verifying, never struck, and a procedural rule (E1, L2, M8 ...) says how
// the platform acts, so a strike or warning under it would tell the member
// they broke something they cannot break.
func upholdable(rule string) error {
	r, _ := policy.Lookup(rule)
	switch r.Tier {
	case policy.Severe, policy.Serious, policy.Reviewed:
		return nil
	}
	return problem.Newf("conflict", "%s (%s) is not a violation a member commits: uphold a violation rule such as V4", rule, r.Title).WithRule(rule)
}

// ofAge applies I3 to an appeal of its ban: "an appeal may be granted once
// the person is 18" (the minimum age), judged on the verified date of birth.
func ofAge(f Facts) error {
	if f.Notice == nil || f.Notice.Rule != "I3" || f.Subject.DateOfBirth == "" {
		return nil
	}
	age, err := identity.Age(f.Subject.DateOfBirth, f.Now)
	if err != nil || age >= f.Settings.MinimumAge {
		return nil
	}
	return problem.Newf("conflict", "the member is %d: an appeal of an I3 termination may be granted once they are %d", age, f.Settings.MinimumAge).WithRule("I3")
}

// said hands the reason staff wrote for the member to the closures and
// reactivations a resolution makes, whose notices carry it (API.md: the
// reason "goes into the notice"; the note never does).
func said(effs []effect.Effect, r Resolution) []effect.Effect {
	words := notice.Sentence(r.Reason)
	for i, e := range effs {
		switch e := e.(type) {
		case effect.Close:
			e.Said = words
			effs[i] = e
		case effect.Reactivate:
			e.Said = words
			effs[i] = e
		}
	}
	return effs
}

// grant undoes what the appealed notice did and nothing else (E3): its
// strike, its restriction, and the status it set (with a ban that followed
// from it when its deadline passed). A later decision still standing, a
// fraud hold or another rule's restriction stays, and the notice says which.
func grant(f Facts, r Resolution) []effect.Effect {
	a, n := f.Subject, f.Notice
	var effs []effect.Effect
	if n.StrikeID != "" {
		effs = append(effs, effect.RemoveStrike{Account: a.ID, StrikeID: n.StrikeID, Reason: "appeal granted"})
	}
	if n.Action == notice.Restriction && n.Capability != "" {
		effs = append(effs, effect.Lift{Account: a.ID, Rule: n.Rule, Capability: n.Capability, Reason: "appeal granted"})
	}
	var stays []string
	if n.Action == notice.Suspension || n.Action == notice.Ban {
		switch {
		case setBy(a, n, f.StatusNotice):
			effs = append(effs, effect.SetStatus{Account: a.ID, To: account.Active, Rule: "E3", Reason: "appeal of " + n.ID + " granted"})
		case a.Status == account.Suspended || a.Status == account.Banned:
			stays = append(stays, "a later decision still stands: the account is "+string(a.Status)+" under rule "+a.StatusRule+laterRef(a))
		}
	}
	switch {
	case holdBy(a, n):
		// The appealed notice is the fraud hold itself: E4's hold lasts
		// "until a case is resolved", and this appeal is that case.
		effs = append(effs, effect.SetFraudHold{Account: a.ID, On: false, Reason: "appeal of " + n.ID + " granted"})
	case a.FraudHold != nil:
		stays = append(stays, "the fraud hold on payouts stays until its review ends")
	}
	for _, x := range a.ActiveRestrictions(f.Now) {
		if x.Rule != n.Rule {
			stays = append(stays, "the restriction on "+strings.ReplaceAll(x.Capability, "_", " ")+" under rule "+x.Rule+" stays")
		}
	}
	facts := "Your appeal against notice " + n.ID + " was granted; what that decision did is undone."
	if holdBy(a, n) {
		facts += " The fraud hold on your payouts is lifted."
	}
	if r.Reason != "" {
		facts += " " + notice.Sentence(r.Reason)
	}
	if len(stays) > 0 {
		facts += " Not changed by this appeal: " + notice.List(stays) + "."
	}
	return append(effs, effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: n.Rule,
		Facts: facts, Remedy: "None needed."}})
}

// holdBy reports whether the account's fraud hold is the one notice n
// placed (E4): a hold notice is issued in the transaction that places the
// hold, so both carry the same time. A hold placed again later is another
// decision and stays.
func holdBy(a *account.Account, n *notice.Notice) bool {
	return a.FraudHold != nil && n.Monetary && n.Action == notice.Restriction && a.FraudHold.At.Equal(n.CreatedAt)
}

func laterRef(a *account.Account) string {
	if a.StatusNotice != "" {
		return " (notice " + a.StatusNotice + ")"
	}
	return ""
}

// setBy reports whether the account's current status comes from notice n:
// n set it, or the status notice follows from n (an E1 ban after n's
// suspension). Accounts recorded before status notices were kept fall back
// to the rule.
func setBy(a *account.Account, n, status *notice.Notice) bool {
	if a.Status != account.Suspended && a.Status != account.Banned {
		return false
	}
	if a.StatusNotice != "" {
		return a.StatusNotice == n.ID || (status != nil && status.ID == a.StatusNotice && status.Follows == n.ID)
	}
	return a.StatusRule == n.Rule || (a.StatusRule == "E1" && n.Action == notice.Suspension)
}

// notLinked lets the case's accounts be linked from now on (M6) and
// reinstates those suspended for being linked (V1).
func notLinked(f Facts, r Resolution) []effect.Effect {
	effs := []effect.Effect{effect.Except{Accounts: ids(f.accounts()), Reason: "staff found the accounts are not one person's"}}
	for _, x := range f.accounts() {
		if x.Status == account.Suspended && x.StatusRule == "V1" {
			effs = append(effs, reinstatement(x, "V1", "A person reviewed the link between your account and others and found they are not one person's accounts.", r)...)
		}
	}
	return effs
}

// multipleAccounts applies V1 after review: the kept account (the one staff
// name, else the oldest) is reinstated if V1 suspended it; every other live
// account of the case is banned.
func multipleAccounts(f Facts, r Resolution) []effect.Effect {
	keep := f.account(r.KeepAccountID)
	if keep == nil {
		for _, x := range f.accounts() {
			if x.Status.Live() && x.Status != account.Banned && (keep == nil || x.CreatedAt.Before(keep.CreatedAt)) {
				keep = x
			}
		}
	}
	if keep == nil {
		keep = f.Subject
	}
	var effs []effect.Effect
	for _, x := range f.accounts() {
		switch {
		case x == keep:
			if x.Status == account.Suspended && x.StatusRule == "V1" {
				effs = append(effs, reinstatement(x, "V1", "This is the account you keep; your other accounts are closed.", r)...)
			}
		case x.Status == account.Active || x.Status == account.Suspended:
			effs = append(effs, enforce.Apply(x, enforce.Effect{Action: notice.Ban, Rule: "V1", Reason: "multiple accounts confirmed by staff"},
				enforce.Finding{Violation: enforce.Violation{Rule: "V1"}, ByStaff: true,
					Facts: "A person confirmed that this account and account " + keep.ID + " belong to one person; " + keep.ID + " is the one kept. " + notice.Sentence(r.Reason)},
				f.Now, f.Settings)...)
		}
	}
	return effs
}

// reinstate returns the subject to active when its status comes from the
// case's own rule, with the strike behind that status removed.
func reinstate(f Facts, r Resolution) []effect.Effect {
	a := f.Subject
	rule := upholdRule("", f.Rule)
	if (a.Status != account.Suspended && a.Status != account.Banned) || rule == "" || (a.StatusRule != rule && a.StatusRule != f.Rule) {
		return nil
	}
	var effs []effect.Effect
	if f.StatusNotice != nil && f.StatusNotice.StrikeID != "" {
		effs = append(effs, effect.RemoveStrike{Account: a.ID, StrikeID: f.StatusNotice.StrikeID, Reason: "reinstated on review"})
	}
	return append(effs, reinstatement(a, a.StatusRule, "A person reviewed the case and reinstated the account.", r)...)
}

// reinstatement returns an account to active with a notice that gives the
// staff member's reason when there is one.
func reinstatement(a *account.Account, rule, facts string, r Resolution) []effect.Effect {
	if r.Reason != "" {
		facts += " " + notice.Sentence(r.Reason)
	}
	return []effect.Effect{
		effect.SetStatus{Account: a.ID, To: account.Active, Rule: rule, Reason: "reinstated by staff"},
		effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: rule, Facts: facts, Remedy: "None needed."}},
	}
}

// staffViolation is an upheld review or an actioned report: the rule on the
// account as a person decided it, for an account that can still be sanctioned;
// a report case's notice says a member's report started it (DSA).
func staffViolation(f Facts, rule string, r Resolution) []effect.Effect {
	a := f.Subject
	if a.Status != account.Active && a.Status != account.Suspended {
		return nil
	}
	return enforce.StaffViolation(a, enforce.Finding{Violation: enforce.Violation{Rule: rule}, Facts: notice.Sentence(r.Reason), Reported: f.Kind == Report}, f.Now, f.Settings)
}

// newAccount approves M6 (b): a new account after a closure in good
// standing. The old account must be closed: a new account beside a live
// one would be a second account of one person (M1).
func newAccount(f Facts) ([]effect.Effect, error) {
	a, s := f.Subject, f.Settings
	switch {
	case a.Status == account.Banned || a.Status == account.Erased && a.BannedAt != nil:
		return nil, problem.New("conflict", "a banned person cannot be approved a new account").WithRule("M6")
	case a.Status != account.Closed:
		return nil, problem.Newf("conflict", "the account is %s: a new account is approved only after it is closed (M1)", a.Status).WithRule("M6")
	case a.ViolationSince(f.Now.Add(-s.ExceptionLookback.D())):
		return nil, problem.Newf("conflict", "the account had a violation in the last %s; a new account cannot be approved", s.ExceptionLookback.Words()).WithRule("M6")
	case a.JobSuccess != nil && *a.JobSuccess < s.JobSuccessFloor:
		return nil, problem.Newf("conflict", "Job Success %d is below the floor of %d; a new account cannot be approved", *a.JobSuccess, s.JobSuccessFloor).WithRule("M6")
	}
	return []effect.Effect{effect.AllowNewAccount{Account: a.ID}}, nil
}

// selfDisclosure applies M7: the discloser keeps the account they choose;
// the other accounts that are theirs (strongly linked, or confirmed by staff
// in the resolution) are closed as redundant, with no sanction. An account
// of the case that is not linked is left alone.
func selfDisclosure(f Facts, r Resolution) ([]effect.Effect, error) {
	if r.KeepAccountID == "" {
		return nil, problem.Invalid("name the account to keep", problem.Field("keep_account_id", "required", "the discloser or one of their linked accounts"))
	}
	theirs := func(x *account.Account) bool {
		return x == f.Subject || slices.Contains(f.Linked, x.ID) || slices.Contains(r.LinkedAccountIDs, x.ID)
	}
	keep := f.account(r.KeepAccountID)
	if !theirs(keep) {
		return nil, problem.Invalid("the kept account is not linked to the discloser",
			problem.Field("keep_account_id", "invalid", "the discloser or an account linked to them (M7); confirm a link in linked_account_ids"))
	}
	var effs []effect.Effect
	var blockers []problem.Blocker
	for _, x := range f.accounts() {
		switch {
		case x == keep:
			if x.Status == account.Suspended && x.StatusRule == "V1" {
				effs = append(effs, reinstatement(x, "V1", "This is the account you chose to keep.", r)...)
			}
		case theirs(x) && (x.Status == account.Active || x.Status == account.Suspended):
			for _, b := range f.Obligations[x.ID] {
				b.Detail = "account " + x.ID + ": " + b.Detail
				blockers = append(blockers, b)
			}
			effs = append(effs, effect.Close{Account: x.ID, Reason: "redundant_account", Channel: "support", Rule: "M7"})
		}
	}
	if len(blockers) > 0 {
		// Closing would strand a client's contract or the member's money
		// (L2): the accounts are settled first, every blocker listed (L11).
		p := problem.Newf("closure_blocked", "the accounts to close have %d blocker(s); settle them before closing", len(blockers)).WithRule("L11")
		p.Blockers = blockers
		return nil, p
	}
	return said(effs, r), nil
}

// upholdRule is the violation a review upholds: the rule given, else the
// case's; an identity mismatch (I4) or a sign-up review (M4) is upheld as
// fraud (V4).
func upholdRule(given, caseRule string) string {
	rule := given
	if rule == "" {
		rule = caseRule
	}
	if rule == "I4" || rule == "M4" {
		return "V4"
	}
	return rule
}
