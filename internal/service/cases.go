package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/store"
)

// CaseKinds of POLICY.md section 9.
var CaseKinds = []string{"appeal", "linkage_review", "violation_review", "closure_assistance", "reactivation",
	"multiple_account_exception", "new_account_request", "self_disclosure", "report"}

// outcomes lists the resolutions each kind of case accepts (API.md).
var outcomes = map[string][]string{
	"appeal":                     {"grant", "deny"},
	"linkage_review":             {"not_linked", "multiple_accounts"},
	"violation_review":           {"reinstate", "uphold", "ban"},
	"closure_assistance":         {"close", "decline"},
	"reactivation":               {"reactivate", "decline"},
	"multiple_account_exception": {"approve", "deny"},
	"new_account_request":        {"approve", "deny"},
	"self_disclosure":            {"keep"},
	"report":                     {"action", "dismiss"},
}

// Channels through which members reach support.
var Channels = []string{"web", "email", "chat", "phone"}

// CaseEvent is one line of a case's history.
type CaseEvent struct {
	At     time.Time `json:"at"`
	Actor  Actor     `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// Case is a support case (POLICY.md section 9).
type Case struct {
	ID                string      `json:"id"`
	Kind              string      `json:"kind"`
	AccountID         string      `json:"account_id"`
	Channel           string      `json:"channel"`
	Status            string      `json:"status"`
	Body              string      `json:"body"`
	Rule              string      `json:"rule,omitempty"`
	RelatedAccountIDs []string    `json:"related_account_ids"`
	NoticeID          *string     `json:"notice_id"`
	Assignee          *string     `json:"assignee"`
	DueAt             time.Time   `json:"due_at"`
	Outcome           *string     `json:"outcome"`
	Notes             []CaseEvent `json:"notes"`
	History           []CaseEvent `json:"history"`
	OpenedBy          Actor       `json:"opened_by"`
	Automated         bool        `json:"automated"`
	CreatedAt         time.Time   `json:"created_at"`
	ResolvedAt        *time.Time  `json:"resolved_at"`
	Version           int64       `json:"version"`
}

func (t *txn) saveCase(c *Case) error {
	c.Version++
	refs := []string{c.AccountID, "casekind:" + c.Kind}
	for _, r := range c.RelatedAccountIDs {
		refs = append(refs, r)
	}
	return t.Put(t.ctx, store.Doc{ID: c.ID, Kind: "case", Status: c.Status, Refs: refs, Version: c.Version, CreatedAt: c.CreatedAt, Data: c})
}

// BusinessDaysAfter adds n business days (Monday to Friday) to t.
func BusinessDaysAfter(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// openCase files a case with its due time and announces it.
func (t *txn) openCase(c Case, automated bool) (*Case, error) {
	c.ID = ids.New("case")
	c.Status = "open"
	c.CreatedAt = t.now
	c.DueAt = BusinessDaysAfter(t.now, t.s.set.CaseDueBusinessDays)
	c.OpenedBy = t.actor
	c.Automated = automated
	if c.RelatedAccountIDs == nil {
		c.RelatedAccountIDs = []string{}
	}
	c.Notes = []CaseEvent{}
	c.History = []CaseEvent{{At: t.now, Actor: t.actor, Action: "opened", Detail: c.Kind}}
	if err := t.saveCase(&c); err != nil {
		return nil, err
	}
	if err := t.audit(Event{AccountID: c.AccountID, Action: "case_opened", Rule: c.Rule, Reason: c.Kind, Ref: c.ID, Automated: automated}); err != nil {
		return nil, err
	}
	return &c, t.emit("case.opened", map[string]any{"case_id": c.ID, "kind": c.Kind, "account_id": c.AccountID})
}

// CaseInput is the body of POST /v1/cases.
type CaseInput struct {
	Kind              *string   `json:"kind" req:"true"`
	AccountID         *string   `json:"account_id" req:"true"`
	Channel           *string   `json:"channel" req:"true"`
	Body              *string   `json:"body" req:"true"`
	RelatedAccountIDs *[]string `json:"related_account_ids"`
	NoticeID          *string   `json:"notice_id"`
}

// OpenCase files a case from a member (through the integration) or staff.
func (s *Service) OpenCase(ctx context.Context, actor Actor, in CaseInput) (Case, error) {
	var out Case
	var errs []problem.FieldError
	if !slices.Contains(CaseKinds, *in.Kind) {
		errs = append(errs, problem.Field("kind", "invalid", "one of "+strings.Join(CaseKinds, ", ")))
	}
	if !slices.Contains(Channels, *in.Channel) {
		errs = append(errs, problem.Field("channel", "invalid", "one of web, email, chat, phone"))
	}
	if len(*in.Body) > 20000 {
		errs = append(errs, problem.Field("body", "invalid", "at most 20000 characters"))
	}
	if *in.Kind == "appeal" && in.NoticeID == nil {
		errs = append(errs, problem.Field("notice_id", "required", "an appeal names the notice it appeals"))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the case has invalid fields", errs...)
	}
	var related []string
	if in.RelatedAccountIDs != nil {
		related = *in.RelatedAccountIDs
	}
	err := s.update(ctx, actor, func(t *txn) error {
		if _, err := t.loadAccount(*in.AccountID); err != nil {
			return err
		}
		for _, r := range related {
			if _, err := t.loadAccount(r); err != nil {
				return err
			}
		}
		c := Case{Kind: *in.Kind, AccountID: *in.AccountID, Channel: *in.Channel, Body: *in.Body, RelatedAccountIDs: related}
		if in.NoticeID != nil {
			n, err := get[enforce.Notice](t, "notice", *in.NoticeID)
			if err != nil {
				return err
			}
			if n.AccountID != c.AccountID {
				return problem.Invalid("the notice belongs to another account", problem.Field("notice_id", "invalid", "not a notice of this account"))
			}
			if c.Kind == "appeal" {
				if !t.now.Before(n.AppealUntil) {
					return problem.Newf("appeal_window_closed", "notice %s could be appealed until %s", n.ID, n.AppealUntil.Format(time.RFC3339)).WithRule("E3")
				}
				c.Rule = n.Rule
			}
			c.NoticeID = &n.ID
		}
		oc, err := t.openCase(c, false)
		if err != nil {
			return err
		}
		out = *oc
		return nil
	})
	return out, err
}

// Cases lists the queues.
func (s *Service) Cases(ctx context.Context, kind, status, accountID string, opts ListOpts) (Page[Case], error) {
	var out Page[Case]
	q := store.Query{Kind: "case"}
	if kind != "" {
		if !slices.Contains(CaseKinds, kind) {
			return out, problem.Invalid("unknown case kind", problem.Field("kind", "invalid", "one of "+strings.Join(CaseKinds, ", ")))
		}
		q.Refs = append(q.Refs, "casekind:"+kind)
	}
	if status != "" {
		if !slices.Contains([]string{"open", "in_review", "resolved", "withdrawn"}, status) {
			return out, problem.Invalid("unknown case status", problem.Field("status", "invalid", "one of open, in_review, resolved, withdrawn"))
		}
		q.Status = []string{status}
	}
	if accountID != "" {
		q.Refs = append(q.Refs, accountID)
	}
	err := s.read(ctx, func(t *txn) error {
		var err error
		out, err = page(t, q, opts, func(c *Case) string { return c.ID }, func(c *Case) Case { return *c })
		return err
	})
	return out, err
}

// GetCase returns one case with its history.
func (s *Service) GetCase(ctx context.Context, id string) (Case, error) {
	var out Case
	err := s.read(ctx, func(t *txn) error {
		c, err := get[Case](t, "case", id)
		if err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// CaseUpdate is the body of PATCH /v1/cases/{id}: assign, move to review,
// withdraw, or add a note.
type CaseUpdate struct {
	Assignee *string `json:"assignee"`
	Status   *string `json:"status"`
	Note     *string `json:"note"`
}

// UpdateCase assigns a case, changes its status or adds a note.
func (s *Service) UpdateCase(ctx context.Context, actor Actor, id string, ifMatch *int64, in CaseUpdate) (Case, error) {
	var out Case
	if in.Status != nil && !slices.Contains([]string{"open", "in_review", "withdrawn"}, *in.Status) {
		return out, problem.Invalid("unknown status", problem.Field("status", "invalid", "one of open, in_review, withdrawn (resolve through /resolution)"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[Case](t, "case", id)
		if err != nil {
			return err
		}
		if err := checkVersion(ifMatch, c.Version); err != nil {
			return err
		}
		if c.Status == "resolved" || c.Status == "withdrawn" {
			return problem.Newf("conflict", "case %s is %s", c.ID, c.Status)
		}
		if in.Assignee != nil {
			c.Assignee = in.Assignee
			c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "assigned", Detail: *in.Assignee})
			if c.Status == "open" {
				c.Status = "in_review"
			}
		}
		if in.Status != nil && *in.Status != c.Status {
			c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "status", Detail: c.Status + " -> " + *in.Status})
			c.Status = *in.Status
		}
		if in.Note != nil {
			c.Notes = append(c.Notes, CaseEvent{At: t.now, Actor: actor, Action: "note", Detail: *in.Note})
			c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "note"})
		}
		if err := t.saveCase(c); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// ResolutionInput is the body of POST /v1/cases/{id}/resolution.
type ResolutionInput struct {
	Outcome       *string `json:"outcome" req:"true"`
	Note          *string `json:"note"`
	KeepAccountID *string `json:"keep_account_id"`
	Rule          *string `json:"rule"`
}

// Resolve performs a case's outcome and closes it, in one transaction with
// every audit event the outcome causes (POLICY.md section 9).
func (s *Service) Resolve(ctx context.Context, actor Actor, id string, in ResolutionInput) (Case, error) {
	var out Case
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[Case](t, "case", id)
		if err != nil {
			return err
		}
		if c.Status == "resolved" || c.Status == "withdrawn" {
			return problem.Newf("conflict", "case %s is already %s", c.ID, c.Status)
		}
		if !slices.Contains(outcomes[c.Kind], *in.Outcome) {
			return problem.Invalid("this outcome does not fit the case", problem.Field("outcome", "invalid",
				"a "+c.Kind+" case is resolved with "+strings.Join(outcomes[c.Kind], " or ")))
		}
		note := str(in.Note)
		if err := t.perform(c, *in.Outcome, note, in); err != nil {
			return err
		}
		c.Status, c.Outcome, c.ResolvedAt = "resolved", in.Outcome, &t.now
		c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "resolved", Detail: *in.Outcome + ": " + note})
		if note != "" {
			c.Notes = append(c.Notes, CaseEvent{At: t.now, Actor: actor, Action: "note", Detail: note})
		}
		if err := t.saveCase(c); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: c.AccountID, Action: "case_resolved", Rule: c.Rule, Reason: c.Kind + ": " + *in.Outcome, Ref: c.ID}); err != nil {
			return err
		}
		if err := t.emit("case.resolved", map[string]any{"case_id": c.ID, "kind": c.Kind, "outcome": *in.Outcome, "account_id": c.AccountID}); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// perform carries out the outcome of a case.
func (t *txn) perform(c *Case, outcome, note string, in ResolutionInput) error {
	a, err := t.loadAccount(c.AccountID)
	if err != nil {
		return err
	}
	save := func(xs ...*account.Account) error {
		for _, x := range xs {
			if err := t.saveAccount(x); err != nil {
				return err
			}
		}
		return nil
	}
	why := note
	if why == "" {
		why = "decided by staff on case " + c.ID
	}
	switch c.Kind + "/" + outcome {
	case "appeal/grant":
		n, err := get[enforce.Notice](t, "notice", *c.NoticeID)
		if err != nil {
			return err
		}
		for i := range a.Strikes {
			if a.Strikes[i].ID == n.StrikeID || a.Strikes[i].NoticeID == n.ID {
				a.Strikes[i].Removed = true
			}
		}
		// The status before the sanction returns: active, since suspended
		// and banned accounts return only to active (a ban after a missed
		// deadline is undone back past the suspension too).
		if (a.Status == account.Suspended || a.Status == account.Banned) && (n.Action == enforce.Suspension || n.Action == enforce.Ban) {
			if err := t.setStatus(a, account.Active, "E3", "appeal granted: "+why); err != nil {
				return err
			}
		}
		if n.Action == enforce.Restriction && n.Capability != "" {
			if err := t.lift(a, n.Rule, n.Capability, "appeal granted"); err != nil {
				return err
			}
		}
		if _, err := t.issue(a, enforce.Notice{Action: enforce.Reinstatement, Rule: n.Rule, Facts: "Your appeal against notice " + n.ID + " was granted. " + note,
			Remedy: "None needed."}); err != nil {
			return err
		}
		return save(a)
	case "appeal/deny":
		n, err := get[enforce.Notice](t, "notice", *c.NoticeID)
		if err != nil {
			return err
		}
		if _, err := t.issue(a, enforce.Notice{Action: enforce.AppealDenied, Rule: n.Rule, RespondBy: a.RespondBy,
			Facts: "Your appeal against notice " + n.ID + " was reviewed by a person and denied. " + note}); err != nil {
			return err
		}
		return save(a)
	case "linkage_review/not_linked":
		return t.exceptEachOther(append([]string{a.ID}, c.RelatedAccountIDs...), func(x *account.Account) error {
			if x.Status == account.Suspended && x.StatusRule == "V1" {
				return t.reinstate(x, "V1", "Staff found the accounts are not one person's. "+note)
			}
			return nil
		})
	case "linkage_review/multiple_accounts", "self_disclosure/keep":
		keep := str(in.KeepAccountID)
		all := append([]string{a.ID}, c.RelatedAccountIDs...)
		if c.Kind == "self_disclosure" && keep == "" {
			return problem.Invalid("name the account to keep", problem.Field("keep_account_id", "required", "one of the case's accounts"))
		}
		if keep == "" {
			keep = a.ID
		}
		if !slices.Contains(all, keep) {
			return problem.Invalid("keep_account_id is not one of the case's accounts", problem.Field("keep_account_id", "invalid", "one of "+strings.Join(all, ", ")))
		}
		for _, id := range all {
			x, err := t.loadAccount(id)
			if err != nil {
				return err
			}
			switch {
			case id == keep:
				if x.Status == account.Suspended && (x.StatusRule == "V1" || c.Kind == "self_disclosure") {
					if err := t.reinstate(x, "V1", "This is the account you keep. "+note); err != nil {
						return err
					}
				}
			case c.Kind == "self_disclosure": // M7: closed, no sanction
				if x.Status == account.Active || x.Status == account.Suspended {
					if err := t.closeAccount(x, "redundant_account", "support", "M7"); err != nil {
						return err
					}
				}
			default:
				if x.Status == account.Active || x.Status == account.Suspended {
					if _, err := t.apply(x, enforce.Effect{Action: enforce.Ban, Rule: "V1", Reason: "multiple accounts"},
						enforce.Violation{Rule: "V1"}, "Staff confirmed these accounts are one person's; the kept account is "+keep+". "+note, nil, nil); err != nil {
						return err
					}
				}
			}
			if err := save(x); err != nil {
				return err
			}
		}
		return nil
	case "violation_review/reinstate", "report/dismiss":
		if a.Status == account.Suspended || a.Status == account.Banned {
			for i := range a.Strikes {
				if !a.Strikes[i].Removed && a.Strikes[i].Rule == a.StatusRule {
					a.Strikes[i].Removed = true
				}
			}
			if err := t.reinstate(a, c.Rule, "Staff reviewed the case and reinstated the account. "+note); err != nil {
				return err
			}
		}
		return save(a)
	case "violation_review/uphold":
		if c.Rule != "" && a.Status == account.Active {
			if _, err := t.violation(a, enforce.Violation{Rule: upholdRule(c.Rule)}, "Staff upheld the finding: "+c.Body+" "+note, nil, nil); err != nil {
				return err
			}
		}
		return save(a)
	case "violation_review/ban", "report/action":
		rule := c.Rule
		if r := str(in.Rule); r != "" {
			rule = r
		}
		if rule == "" || rule == "M4" || rule == "I4" {
			rule = "V4"
		}
		if a.Status == account.Active || a.Status == account.Suspended {
			eff := enforce.Effect{Action: enforce.Ban, Rule: rule, Reason: "decided by staff"}
			if c.Kind == "report" {
				eff = enforce.Decide(enforce.Violation{Rule: rule}, len(a.ActiveStrikes(t.now, t.s.set.StrikeLife.D())), t.now, t.s.set)
				if eff.Action == enforce.ReviewCase {
					eff = enforce.Effect{Action: enforce.Ban, Rule: rule, Reason: "decided by staff"}
				}
			}
			if _, err := t.apply(a, eff, enforce.Violation{Rule: rule}, "Staff decided on case "+c.ID+". "+c.Body+" "+note, nil, nil); err != nil {
				return err
			}
		}
		return save(a)
	case "closure_assistance/close":
		if a.Status == account.Active || a.Status == account.Suspended {
			if err := t.closeAccount(a, "other", "support", "L7"); err != nil {
				return err
			}
		}
		return save(a)
	case "reactivation/reactivate":
		if err := t.reactivate(a, true); err != nil {
			return err
		}
		return save(a)
	case "multiple_account_exception/approve":
		if err := t.exceptEachOther(append([]string{a.ID}, c.RelatedAccountIDs...), nil); err != nil {
			return err
		}
		return t.audit(Event{AccountID: a.ID, Action: "exception_approved", Rule: "M6", Reason: "separate legal entity"})
	case "new_account_request/approve":
		if a.ViolationSince(t.now.Add(-t.s.set.ExceptionLookback.D())) {
			return problem.New("conflict", "the account had a violation in the last 12 months; a new account cannot be approved").WithRule("M6")
		}
		if a.JobSuccess != nil && *a.JobSuccess < t.s.set.JobSuccessFloor {
			return problem.Newf("conflict", "Job Success %d is below the floor of %d; a new account cannot be approved", *a.JobSuccess, t.s.set.JobSuccessFloor).WithRule("M6")
		}
		if a.Status == account.Banned {
			return problem.New("conflict", "a banned person cannot be approved a new account").WithRule("M6")
		}
		a.Exceptions = append(a.Exceptions, "new_account")
		if err := t.audit(Event{AccountID: a.ID, Action: "exception_approved", Rule: "M6", Reason: "new account after closure in good standing"}); err != nil {
			return err
		}
		return save(a)
	}
	// decline, deny: nothing changes but the case.
	return nil
}

// exceptEachOther lets these accounts be linked from now on (M6): each
// lists the others as exceptions. then, if given, runs on each before it is saved.
func (t *txn) exceptEachOther(all []string, then func(*account.Account) error) error {
	for _, id := range all {
		x, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		for _, o := range all {
			if o != id && !slices.Contains(x.Exceptions, o) {
				x.Exceptions = append(x.Exceptions, o)
			}
		}
		if then != nil {
			if err := then(x); err != nil {
				return err
			}
		}
		if err := t.saveAccount(x); err != nil {
			return err
		}
	}
	return nil
}

// upholdRule maps the rule of a review case to the violation it upholds.
func upholdRule(rule string) string {
	if rule == "I4" || rule == "M4" {
		return "V4"
	}
	return rule
}

// SanctionInput is the body of POST .../sanctions.
type SanctionInput struct {
	Rule               *string `json:"rule" req:"true"`
	Action             *string `json:"action" req:"true"`
	Reason             *string `json:"reason" req:"true"`
	Capability         *string `json:"capability"`
	RespondWithinHours *int    `json:"respond_within_hours"`
}

// NoticeResult pairs a notice with the account after it.
type NoticeResult struct {
	Notice  enforce.Notice `json:"notice"`
	Account account.View   `json:"account"`
}

// Sanction is a staff decision on an account.
func (s *Service) Sanction(ctx context.Context, actor Actor, id string, in SanctionInput) (NoticeResult, error) {
	var out NoticeResult
	var errs []problem.FieldError
	if _, ok := policy.Lookup(*in.Rule); !ok {
		errs = append(errs, problem.Field("rule", "invalid", "a rule id of POLICY.md such as V5"))
	}
	if !slices.Contains([]string{enforce.Warning, enforce.Restriction, enforce.Suspension, enforce.Ban}, *in.Action) {
		errs = append(errs, problem.Field("action", "invalid", "one of warning, restriction, suspension, ban"))
	}
	if *in.Action == enforce.Restriction && (in.Capability == nil || !account.ValidCapability(*in.Capability)) {
		errs = append(errs, problem.Field("capability", "invalid", "a restriction names a capability: "+strings.Join(account.Capabilities, ", ")))
	}
	if in.RespondWithinHours != nil && (*in.RespondWithinHours < 1 || *in.RespondWithinHours > 24*365) {
		errs = append(errs, problem.Field("respond_within_hours", "invalid", "1 to 8760"))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the sanction has invalid fields", errs...)
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		rule, action := *in.Rule, *in.Action
		eff := enforce.Effect{Action: action, Rule: rule, Reason: *in.Reason}
		r, _ := policy.Lookup(rule)
		serious := r.Tier == policy.Serious
		switch action {
		case enforce.Suspension:
			if a.Status != account.Active {
				return problem.Newf("invalid_transition", "account %s is %s and cannot be suspended", a.ID, a.Status)
			}
			hours := int(t.s.set.RespondBy.D() / time.Hour)
			if in.RespondWithinHours != nil {
				hours = *in.RespondWithinHours
			}
			by := t.now.Add(time.Duration(hours) * time.Hour)
			eff.RespondBy = &by
			eff.Strike = serious
		case enforce.Ban:
			if !account.CanTransition(a.Status, account.Banned) {
				return problem.Newf("invalid_transition", "account %s is %s and cannot be banned", a.ID, a.Status)
			}
			eff.Strike = serious
		case enforce.Warning:
			eff.Strike = serious
		case enforce.Restriction:
			if a.Status != account.Active {
				return problem.Newf("invalid_transition", "only an active account carries restrictions; %s is %s", a.ID, a.Status)
			}
			var until *time.Time
			if in.RespondWithinHours != nil {
				u := t.now.Add(time.Duration(*in.RespondWithinHours) * time.Hour)
				until = &u
			}
			if err := t.restrict(a, account.Restriction{Capability: *in.Capability, Rule: rule, Reason: *in.Reason, Until: until}); err != nil {
				return err
			}
			n, err := t.issue(a, enforce.Notice{Action: enforce.Restriction, Rule: rule, Facts: *in.Reason, Capability: *in.Capability,
				EndsAt: until, AutomatedDetection: false, AutomatedDecision: false})
			if err != nil {
				return err
			}
			out.Notice = *n
			return t.finishNotice(a, &out)
		}
		n, err := t.apply(a, eff, enforce.Violation{Rule: rule}, *in.Reason, nil, nil)
		if err != nil {
			return err
		}
		out.Notice = *n
		return t.finishNotice(a, &out)
	})
	return out, err
}

func (t *txn) finishNotice(a *account.Account, out *NoticeResult) error {
	if err := t.saveAccount(a); err != nil {
		return err
	}
	out.Account = a.View(t.now, t.s.set)
	return nil
}

// FraudHold places (on) or lifts a staff fraud hold (E4).
func (s *Service) FraudHold(ctx context.Context, actor Actor, id string, on bool, reason string) (account.View, error) {
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		switch {
		case on && a.FraudHold == nil:
			a.FraudHold = &account.Hold{Reason: reason, By: actor.ID, At: t.now}
			if err := t.audit(Event{AccountID: a.ID, Action: "fraud_hold_placed", Rule: "E4", Reason: reason}); err != nil {
				return err
			}
			if _, err := t.issue(a, enforce.Notice{Action: enforce.Restriction, Rule: "V4", Capability: account.WithdrawFunds, Monetary: true,
				Facts:  "Payouts are held while a fraud concern is reviewed: " + reason,
				Remedy: "Support will contact you; the hold ends when the review ends."}); err != nil {
				return err
			}
		case !on && a.FraudHold != nil:
			a.FraudHold = nil
			if err := t.audit(Event{AccountID: a.ID, Action: "fraud_hold_lifted", Rule: "E4", Reason: reason}); err != nil {
				return err
			}
		default:
			return nil
		}
		return t.emit("account.restrictions_changed", map[string]any{"account_id": a.ID, "fraud_hold": on})
	})
}

// Remedy accepts a member's remedy of a suspension (E1): the deadline is
// cancelled and the account returns to active.
func (s *Service) Remedy(ctx context.Context, actor Actor, id, note string) (account.View, error) {
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		if a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "account %s is %s, not suspended", a.ID, a.Status).WithRule("E1")
		}
		return t.reinstate(a, a.StatusRule, "The remedy was accepted. "+note)
	})
}

// Outcomes lists the resolutions a kind of case accepts.
func Outcomes(kind string) []string { return slices.Clone(outcomes[kind]) }
