package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/staff"
	"standing/internal/store"
)

// CaseKinds of POLICY.md section 9, as strings for forms and errors.
func CaseKinds() []string {
	out := make([]string, len(cases.Kinds))
	for i, k := range cases.Kinds {
		out[i] = string(k)
	}
	return out
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
	ID                string         `json:"id"`
	Kind              cases.Kind     `json:"kind"`
	AccountID         string         `json:"account_id"`
	Channel           string         `json:"channel"`
	Status            cases.Status   `json:"status"`
	Body              string         `json:"body"`
	Rule              string         `json:"rule,omitempty"`
	RelatedAccountIDs []string       `json:"related_account_ids"`
	NoticeID          *string        `json:"notice_id"`
	Assignee          *string        `json:"assignee"`
	DueAt             time.Time      `json:"due_at"`
	Outcome           *cases.Outcome `json:"outcome"`
	Reason            *string        `json:"reason"` // what staff wrote for the member (section 9)
	Notes             []CaseEvent    `json:"notes"`
	History           []CaseEvent    `json:"history"`
	OpenedBy          Actor          `json:"opened_by"`
	ReporterAccountID string         `json:"reporter_account_id,omitempty"` // the member who reported (report cases)
	Automated         bool           `json:"automated"`
	CreatedAt         time.Time      `json:"created_at"`
	ResolvedAt        *time.Time     `json:"resolved_at"`
	Version           int64          `json:"version"`
}

func (t *txn) saveCase(c *Case) error {
	c.Version++
	return t.Save(t.ctx, store.Cases, c)
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
	c.Status = cases.Open
	c.CreatedAt = t.now
	c.DueAt = BusinessDaysAfter(t.now, t.s.set.CaseDueBusinessDays)
	c.OpenedBy = t.actor
	c.Automated = automated
	if c.RelatedAccountIDs == nil {
		c.RelatedAccountIDs = []string{}
	}
	c.Notes = []CaseEvent{}
	c.History = []CaseEvent{{At: t.now, Actor: t.actor, Action: "opened", Detail: string(c.Kind)}}
	if err := t.saveCase(&c); err != nil {
		return nil, err
	}
	if err := t.audit(Event{AccountID: c.AccountID, Action: "case_opened", Rule: c.Rule, Reason: string(c.Kind), Ref: c.ID, Automated: automated}); err != nil {
		return nil, err
	}
	return &c, t.emit("case.opened", map[string]any{"case_id": c.ID, "kind": c.Kind, "account_id": c.AccountID})
}

// CaseInput is the command to open a case. NoticeID is nil when the case
// names no notice (an appeal must name one).
type CaseInput struct {
	Kind              string
	AccountID         string
	Channel           string
	Body              string
	RelatedAccountIDs []string
	NoticeID          *string
}

// OpenCase files a case from a member (through the integration) or staff.
// A member acting through the integration opens cases about itself, and
// reports about others, as the reporter (API.md "Acting member").
func (s *Service) OpenCase(ctx context.Context, actor Actor, in CaseInput) (Case, error) {
	if err := authorize(actor, staff.WorkCase); err != nil {
		return Case{}, err
	}
	var out Case
	var errs []problem.FieldError
	kind := cases.Kind(in.Kind)
	if !kind.Valid() {
		errs = append(errs, problem.Field("kind", "invalid", "one of "+strings.Join(CaseKinds(), ", ")))
	}
	if !slices.Contains(Channels, in.Channel) {
		errs = append(errs, problem.Field("channel", "invalid", "one of web, email, chat, phone"))
	}
	if len(in.Body) > 20000 {
		errs = append(errs, problem.Field("body", "invalid", "at most 20000 characters"))
	}
	if kind == cases.Appeal && in.NoticeID == nil {
		errs = append(errs, problem.Field("notice_id", "required", "an appeal names the notice it appeals"))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the case has invalid fields", errs...)
	}
	if actor.Kind == "member" {
		switch {
		case kind == cases.Report && in.AccountID == actor.ID:
			return out, problem.Invalid("a member cannot report itself", problem.Field("account_id", "invalid", "the reported member, not the reporter"))
		case kind != cases.Report && in.AccountID != actor.ID:
			return out, problem.Newf("not_owner", "account %s cannot open a %s case for account %s", actor.ID, kind, in.AccountID)
		}
	}
	related := in.RelatedAccountIDs
	err := s.update(ctx, actor, func(t *txn) error {
		if _, err := t.loadAccount(in.AccountID); err != nil {
			return err
		}
		for _, r := range related {
			if _, err := t.loadAccount(r); err != nil {
				return err
			}
		}
		c := Case{Kind: kind, AccountID: in.AccountID, Channel: in.Channel, Body: in.Body, RelatedAccountIDs: related}
		if kind == cases.Report && actor.Kind == "member" {
			if _, err := t.loadAccount(actor.ID); err != nil { // the reporter is an account (404 if not)
				return err
			}
			c.ReporterAccountID = actor.ID
		}
		if in.NoticeID != nil {
			n, err := get[notice.Notice](t, store.Notices, "notice", *in.NoticeID)
			if err != nil {
				return err
			}
			if n.AccountID != c.AccountID {
				return problem.Invalid("the notice belongs to another account", problem.Field("notice_id", "invalid", "not a notice of this account"))
			}
			if kind == cases.Appeal {
				// One appeal at a time per account: the lock keeps two
				// concurrent appeals of one notice from both passing E3.
				if err := t.lockAccounts(c.AccountID); err != nil {
					return err
				}
				earlier, err := store.Find[Case](t.ctx, t.Tx, store.Cases, store.Q{Where: []store.Cond{
					store.Eq("kind", string(cases.Appeal)), store.Eq("notice_id", n.ID)}})
				if err != nil {
					return err
				}
				statuses := make([]cases.Status, len(earlier))
				for i, e := range earlier {
					statuses[i] = e.Status
				}
				if err := cases.CanAppeal(n, statuses, t.now); err != nil {
					return err
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
	var q store.Q
	if kind != "" {
		if !cases.Kind(kind).Valid() {
			return out, problem.Invalid("unknown case kind", problem.Field("kind", "invalid", "one of "+strings.Join(CaseKinds(), ", ")))
		}
		q.Where = append(q.Where, store.Eq("kind", kind))
	}
	if status != "" {
		if !slices.Contains(cases.Statuses, cases.Status(status)) {
			return out, problem.Invalid("unknown case status", problem.Field("status", "invalid", "one of open, in_review, resolved, withdrawn"))
		}
		q.Where = append(q.Where, store.Eq("status", status))
	}
	if accountID != "" {
		q.Where = append(q.Where, store.CaseConcerns(accountID))
	}
	err := s.read(ctx, func(t *txn) error {
		var err error
		out, err = page(t, store.Cases, q, opts, func(c *Case) string { return c.ID }, func(c *Case) Case { return *c })
		return err
	})
	return out, err
}

// GetCase returns one case with its history.
func (s *Service) GetCase(ctx context.Context, id string) (Case, error) {
	var out Case
	err := s.read(ctx, func(t *txn) error {
		c, err := get[Case](t, store.Cases, "case", id)
		if err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// CaseUpdate is the command to assign a case, move it to review,
// withdraw, or add a note.
type CaseUpdate struct {
	Assignee *string
	Status   *string
	Note     *string
}

// UpdateCase assigns a case, changes its status or adds a note.
func (s *Service) UpdateCase(ctx context.Context, actor Actor, id string, ifMatch *int64, in CaseUpdate) (Case, error) {
	if err := authorize(actor, staff.WorkCase); err != nil {
		return Case{}, err
	}
	var out Case
	if in.Status != nil && !cases.Open.CanMoveTo(cases.Status(*in.Status)) {
		return out, problem.Invalid("unknown status", problem.Field("status", "invalid", "one of open, in_review, withdrawn (resolve through /resolution)"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[Case](t, store.Cases, "case", id)
		if err != nil {
			return err
		}
		if err := checkVersion(ifMatch, c.Version); err != nil {
			return err
		}
		if c.Status.Done() {
			return problem.Newf("conflict", "case %s is %s", c.ID, c.Status)
		}
		if in.Assignee != nil {
			c.Assignee = in.Assignee
			c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "assigned", Detail: *in.Assignee})
			if c.Status == cases.Open {
				c.Status = cases.InReview
			}
		}
		if to := cases.Status(str(in.Status)); in.Status != nil && to != c.Status {
			c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "status", Detail: string(c.Status) + " -> " + string(to)})
			c.Status = to
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

// ResolutionInput is the command to resolve a case: reason
// is written for the member, note stays with staff.
type ResolutionInput struct {
	Outcome          string
	Reason           string
	Note             string
	KeepAccountID    string
	Rule             string
	LinkedAccountIDs []string
}

// Resolve decides a case's outcome (cases.Resolve) and carries it out in one
// transaction with every audit event it causes (POLICY.md section 9).
func (s *Service) Resolve(ctx context.Context, actor Actor, id string, in ResolutionInput) (Case, error) {
	var out Case
	if len(in.Reason) > 5000 || len(in.Note) > 20000 {
		return out, problem.Invalid("reason or note too long", problem.Field("reason", "invalid", "reason at most 5000, note at most 20000 characters"))
	}
	r := cases.Resolution{Outcome: cases.Outcome(in.Outcome), Reason: strings.TrimSpace(in.Reason), Note: in.Note,
		KeepAccountID: in.KeepAccountID, Rule: in.Rule, LinkedAccountIDs: in.LinkedAccountIDs}
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[Case](t, store.Cases, "case", id)
		if err != nil {
			return err
		}
		if err := authorize(actor, staff.ResolutionAction(c.Kind, r.Outcome)); err != nil {
			return err
		}
		if c.Status.Done() {
			return problem.Newf("conflict", "case %s is already %s", c.ID, c.Status)
		}
		f, err := t.caseFacts(c)
		if err != nil {
			return err
		}
		effs, err := cases.Resolve(f, r)
		if err != nil {
			return err
		}
		if _, err := t.execute(effs); err != nil {
			return err
		}
		c.Status, c.Outcome, c.ResolvedAt = cases.Resolved, &r.Outcome, &t.now
		if r.Reason != "" {
			c.Reason = &r.Reason
		}
		c.History = append(c.History, CaseEvent{At: t.now, Actor: actor, Action: "resolved", Detail: string(r.Outcome)})
		if r.Note != "" {
			c.Notes = append(c.Notes, CaseEvent{At: t.now, Actor: actor, Action: "note", Detail: r.Note})
		}
		if err := t.saveCase(c); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: c.AccountID, Action: "case_resolved", Rule: c.Rule, Reason: string(c.Kind) + ": " + string(r.Outcome), Ref: c.ID}); err != nil {
			return err
		}
		if err := t.emit("case.resolved", map[string]any{"case_id": c.ID, "kind": c.Kind, "outcome": r.Outcome, "account_id": c.AccountID}); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// caseFacts loads what a resolution decides on: the case's accounts, the
// appealed notice, the notice behind the subject's status, and, where the
// kind needs them, the subject's strong links (M7) and the closure facts.
func (t *txn) caseFacts(c *Case) (cases.Facts, error) {
	f := cases.Facts{CaseID: c.ID, Kind: c.Kind, Rule: c.Rule, Now: t.now, Settings: t.s.set}
	var err error
	if f.Subject, err = t.loadAccount(c.AccountID); err != nil {
		return f, err
	}
	for _, id := range c.RelatedAccountIDs {
		if id == c.AccountID {
			continue
		}
		x, err := t.loadAccount(id)
		if err != nil {
			return f, err
		}
		f.Related = append(f.Related, x)
	}
	if c.NoticeID != nil {
		if f.Notice, err = get[notice.Notice](t, store.Notices, "notice", *c.NoticeID); err != nil {
			return f, err
		}
	}
	if id := f.Subject.StatusNotice; id != "" {
		if f.StatusNotice, err = get[notice.Notice](t, store.Notices, "notice", id); err != nil {
			return f, err
		}
	}
	if c.Kind == cases.SelfDisclosure { // M7 closes only accounts linked to the discloser, once settled
		if f.Linked, err = t.linkedTo(f.Subject.ID, true); err != nil {
			return f, err
		}
		f.Obligations = map[string][]problem.Blocker{}
		for _, x := range append([]*account.Account{f.Subject}, f.Related...) {
			if f.Obligations[x.ID], err = t.obligationBlockers(x); err != nil {
				return f, err
			}
		}
	}
	if c.Kind == cases.ClosureAssistance || c.Kind == cases.Reactivation {
		if f.Closure, err = t.closureFacts(f.Subject); err != nil {
			return f, err
		}
	}
	if c.Kind == cases.Reactivation {
		err = t.reactivationFacts(&f.Closure)
	}
	return f, err
}

// SanctionInput is the command for a staff sanction; RespondWithinHours
// is nil when the default response window applies.
type SanctionInput struct {
	Rule               string
	Action             string
	Reason             string
	Capability         string
	RespondWithinHours *int
}

// NoticeResult pairs a notice with the account after it.
type NoticeResult struct {
	Notice  notice.Notice `json:"notice"`
	Account account.View  `json:"account"`
}

// Sanction is a staff decision on an account.
func (s *Service) Sanction(ctx context.Context, actor Actor, id string, in SanctionInput) (NoticeResult, error) {
	if err := authorize(actor, staff.Sanction); err != nil {
		return NoticeResult{}, err
	}
	var out NoticeResult
	var errs []problem.FieldError
	if _, ok := policy.Lookup(in.Rule); !ok {
		errs = append(errs, problem.Field("rule", "invalid", "a rule id of POLICY.md such as V5"))
	}
	if !slices.Contains([]string{notice.Warning, notice.Restriction, notice.Suspension, notice.Ban}, in.Action) {
		errs = append(errs, problem.Field("action", "invalid", "one of warning, restriction, suspension, ban"))
	}
	if in.Action == notice.Restriction && !account.ValidCapability(in.Capability) {
		errs = append(errs, problem.Field("capability", "invalid", "a restriction names a capability: "+strings.Join(account.Capabilities, ", ")))
	}
	if strings.TrimSpace(in.Reason) == "" { // section 2, E2: the member reads why
		errs = append(errs, problem.Field("reason", "invalid", "the reason the member reads, not empty"))
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
		req := enforce.Sanction{Rule: in.Rule, Action: in.Action, Reason: in.Reason, Capability: in.Capability}
		if in.RespondWithinHours != nil {
			d := time.Duration(*in.RespondWithinHours) * time.Hour
			req.Within = &d
		}
		effs, err := enforce.StaffSanction(a, req, t.now, t.s.set)
		if err != nil {
			return err
		}
		res, err := t.execute(effs)
		if err != nil {
			return err
		}
		out.Notice = *res.last()
		out.Account = a.View(t.now, t.s.set)
		return nil
	})
	return out, err
}

// FraudHold places (on) or lifts a staff fraud hold (enforce.FraudHold).
func (s *Service) FraudHold(ctx context.Context, actor Actor, id string, on bool, reason string) (account.View, error) {
	act := staff.CareForAccount // lifting a hold
	if on {
		act = staff.PlaceFraudHold
	}
	if err := authorize(actor, act); err != nil {
		return account.View{}, err
	}
	if strings.TrimSpace(reason) == "" { // section 2: audited with its reason
		return account.View{}, problem.Invalid("a fraud hold needs a reason", problem.Field("reason", "invalid", "not empty"))
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		_, err := t.execute(enforce.FraudHold(a, on, reason))
		return err
	})
}

// Remedy accepts a member's remedy of a suspension (enforce.Remedy).
func (s *Service) Remedy(ctx context.Context, actor Actor, id, note string) (account.View, error) {
	if err := authorize(actor, staff.CareForAccount); err != nil {
		return account.View{}, err
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		effs, err := enforce.Remedy(a, note, t.now)
		if err != nil {
			return err
		}
		_, err = t.execute(effs)
		return err
	})
}

// Outcomes lists the resolutions a kind of case accepts.
func Outcomes(kind cases.Kind) []string {
	var out []string
	for _, o := range cases.Outcomes(kind) {
		out = append(out, string(o))
	}
	return out
}
