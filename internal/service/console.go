package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/effect"
	"standing/internal/identity"
	"standing/internal/notice"
	"standing/internal/problem"
	"standing/internal/store"
)

// ResolutionPreview is what a resolution would do, decided by cases.Resolve
// on the case's facts as they stand but not carried out: each change in
// plain words, the notices members would read, or the refusal (with the
// blockers of a closure) the resolution would meet.
type ResolutionPreview struct {
	Case    Case            `json:"case"`
	Changes []string        `json:"changes"`
	Notices []notice.Notice `json:"notices"`
	Refusal *problem.Error  `json:"refusal,omitempty"`
}

// PreviewResolution runs the decision of Resolve without executing it, for
// the console's confirmation step. A refusal by the decider (a missing
// reason, a closure blocker) is returned in the preview, not as an error.
func (s *Service) PreviewResolution(ctx context.Context, caseID string, in ResolutionInput) (ResolutionPreview, error) {
	var out ResolutionPreview
	r := cases.Resolution{Outcome: cases.Outcome(in.Outcome), Reason: strings.TrimSpace(in.Reason), Note: in.Note,
		KeepAccountID: in.KeepAccountID, Rule: in.Rule, LinkedAccountIDs: in.LinkedAccountIDs}
	err := s.read(ctx, func(t *txn) error {
		c, err := get[Case](t, store.Cases, "case", caseID)
		if err != nil {
			return err
		}
		out.Case = *c
		if c.Status.Done() {
			return problem.Newf("conflict", "case %s is already %s", c.ID, c.Status)
		}
		f, err := t.caseFacts(c)
		if err != nil {
			return err
		}
		effs, err := cases.Resolve(f, r)
		if p, ok := problem.As(err); ok {
			out.Refusal = p
			return nil
		}
		if err != nil {
			return err
		}
		out.Changes, out.Notices = t.describe(effs, append([]*account.Account{f.Subject}, f.Related...))
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("preview of case %s: %w", caseID, err)
	}
	return out, nil
}

// describe puts effects into plain words for staff, and fills the notices
// as the executor would issue them (summary, remedy, appeal window).
func (t *txn) describe(effs []effect.Effect, known []*account.Account) ([]string, []notice.Notice) {
	name := func(id string) string {
		for _, a := range known {
			if a.ID == id {
				return a.Name + " (" + id + ")"
			}
		}
		if a, err := t.loadAccount(id); err == nil {
			return a.Name + " (" + id + ")"
		}
		return id
	}
	changes, notices := []string{}, []notice.Notice{}
	for _, e := range effs {
		switch e := e.(type) {
		case effect.SetStatus:
			line := fmt.Sprintf("%s becomes %s under rule %s", name(e.Account), e.To, e.Rule)
			if e.RespondBy != nil {
				line += ", to respond by " + e.RespondBy.UTC().Format("2006-01-02 15:04 UTC")
			}
			changes = append(changes, line)
		case effect.AddStrike:
			changes = append(changes, fmt.Sprintf("%s gets a strike under rule %s", name(e.Account), e.Rule))
		case effect.RemoveStrike:
			changes = append(changes, fmt.Sprintf("strike %s of %s is removed (%s)", e.StrikeID, name(e.Account), e.Reason))
		case effect.Restrict:
			changes = append(changes, fmt.Sprintf("%s may no longer %s (rule %s)", name(e.Account),
				strings.ReplaceAll(e.Restriction.Capability, "_", " "), e.Restriction.Rule))
		case effect.Lift:
			what := "every restriction under rule " + e.Rule
			if e.Capability != "" {
				what = "the restriction on " + strings.ReplaceAll(e.Capability, "_", " ") + " (rule " + e.Rule + ")"
			}
			changes = append(changes, fmt.Sprintf("%s of %s is lifted", what, name(e.Account)))
		case effect.IssueNotice:
			n := e.Notice
			n.AccountID, n.CreatedAt, n.AppealUntil = e.Account, t.now, t.now.Add(t.s.set.AppealWindow.D())
			if n.Summary == "" {
				n.Summary = notice.Summary(n.Action, n.Rule)
			}
			if n.Remedy == "" {
				n.Remedy = notice.Remedy(n.Rule, n.Action)
			}
			n.SayHowToAppeal()
			notices = append(notices, n)
			changes = append(changes, fmt.Sprintf("%s is sent a notice: %s", name(e.Account), n.Summary))
		case effect.OpenCase:
			changes = append(changes, fmt.Sprintf("a %s case is opened for %s", e.Kind, name(e.Account)))
		case effect.Close:
			changes = append(changes, fmt.Sprintf("%s is closed (%s)", name(e.Account), e.Reason))
		case effect.Reactivate:
			changes = append(changes, fmt.Sprintf("%s is reactivated", name(e.Account)))
		case effect.Except:
			names := make([]string, len(e.Accounts))
			for i, id := range e.Accounts {
				names[i] = name(id)
			}
			changes = append(changes, "these accounts may be linked from now on: "+strings.Join(names, ", "))
		case effect.AllowNewAccount:
			changes = append(changes, fmt.Sprintf("%s may open a new account", name(e.Account)))
		case effect.ReleaseMessage:
			changes = append(changes, "message "+e.Message+" is delivered")
		case effect.SetFraudHold:
			if e.On {
				changes = append(changes, fmt.Sprintf("payouts of %s are held (fraud hold)", name(e.Account)))
			} else {
				changes = append(changes, fmt.Sprintf("the fraud hold on %s is lifted", name(e.Account)))
			}
		case effect.SetVerification:
			changes = append(changes, fmt.Sprintf("the verification of %s is recorded as %s", name(e.Account), e.Status))
		case effect.WithdrawProposals:
			changes = append(changes, fmt.Sprintf("the pending proposals of %s are withdrawn", name(e.Account)))
		case effect.Audit:
			changes = append(changes, fmt.Sprintf("recorded for %s: %s", name(e.Account), e.Reason))
		}
	}
	return changes, notices
}

// QueueView names a console queue of unfinished cases.
type QueueView string

// The console's queues of unfinished cases (open or in review).
const (
	ViewActive     QueueView = "active"     // open and in review
	ViewMine       QueueView = "mine"       // assigned to the actor
	ViewUnassigned QueueView = "unassigned" // nobody's yet
	ViewOverdue    QueueView = "overdue"    // past their due time
)

// QueueViews lists the views in the order the console shows them.
var QueueViews = []QueueView{ViewActive, ViewMine, ViewUnassigned, ViewOverdue}

// QueueRow is a case with the name and status of its member.
type QueueRow struct {
	Case
	AccountName   string         `json:"account_name"`
	AccountStatus account.Status `json:"account_status"`
}

// Queue is one page of a case queue with the count of every view.
type Queue struct {
	Page[QueueRow]
	Counts map[QueueView]int `json:"counts"`
}

// QueueCursor is the cursor of the queue position right after case c (a
// queue is in order of due time, then id), so that the next page (or the
// next case to work) follows it.
func QueueCursor(c Case) string { return EncodeCursor(c.ID) }

// CaseQueue lists the unfinished cases of a view (of one kind, or all),
// due first, a page at a time, with the count of every view over the same
// kind. Assignee is whoever "mine" means.
func (s *Service) CaseQueue(ctx context.Context, kind string, view QueueView, assignee string, opts ListOpts) (Queue, error) {
	out := Queue{Counts: map[QueueView]int{}}
	if !slices.Contains(QueueViews, view) {
		return out, problem.Invalid("unknown queue", problem.Field("view", "invalid", "one of active, mine, unassigned, overdue"))
	}
	q := store.Q{Where: []store.Cond{store.Unfinished}, OrderBy: "due_at"}
	if kind != "" {
		if !cases.Kind(kind).Valid() {
			return out, problem.Invalid("unknown case kind", problem.Field("kind", "invalid", "one of "+strings.Join(CaseKinds(), ", ")))
		}
		q.Where = append(q.Where, store.Eq("kind", kind))
	}
	err := s.read(ctx, func(t *txn) error {
		all, mine, unassigned, overdue, err := t.QueueCounts(t.ctx, kind, assignee, t.now)
		if err != nil {
			return err
		}
		out.Counts = map[QueueView]int{ViewActive: all, ViewMine: mine, ViewUnassigned: unassigned, ViewOverdue: overdue}
		switch view {
		case ViewMine:
			q.Where = append(q.Where, store.Eq("assignee", assignee))
		case ViewUnassigned:
			q.Where = append(q.Where, store.IsNull("assignee"))
		case ViewOverdue:
			q.Where = append(q.Where, store.Before("due_at", t.now))
		}
		p, err := page(t, store.Cases, q, opts, func(c *Case) string { return c.ID }, func(c *Case) QueueRow { return QueueRow{Case: *c} })
		if err != nil {
			return err
		}
		out.Page = p
		ids := make([]string, len(p.Data))
		for i, r := range p.Data {
			ids[i] = r.AccountID
		}
		members, err := store.Find[account.Account](t.ctx, t.Tx, store.Accounts, store.Q{Where: []store.Cond{store.In("id", ids...)}})
		if err != nil {
			return err
		}
		byID := make(map[string]*account.Account, len(members))
		for i := range members {
			byID[members[i].ID] = &members[i]
		}
		for i := range out.Data {
			if a := byID[out.Data[i].AccountID]; a != nil {
				out.Data[i].AccountName, out.Data[i].AccountStatus = a.Name, a.Status
			}
		}
		return nil
	})
	return out, err
}

// StrikeView is a strike with the time it stops counting.
type StrikeView struct {
	account.Strike
	ExpiresAt time.Time `json:"expires_at"`
	Active    bool      `json:"active"`
}

// Strikes lists an account's strikes, newest first, with their expiry
// (the strike life of the settings).
func (s *Service) Strikes(ctx context.Context, id string) ([]StrikeView, error) {
	var out []StrikeView
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		life := t.s.set.StrikeLife.D()
		for i := len(a.Strikes) - 1; i >= 0; i-- {
			st := a.Strikes[i]
			exp := st.At.Add(life)
			out = append(out, StrikeView{Strike: st, ExpiresAt: exp, Active: !st.Removed && t.now.Before(exp)})
		}
		return nil
	})
	return out, err
}

// signalMatches finds the accounts whose recorded email or phone is q, as
// sign-up canonicalizes and hashes it; none when q is neither.
func (t *txn) signalMatches(q string) ([]string, error) {
	kind := identity.Email
	if !strings.Contains(q, "@") {
		kind = identity.Phone
	}
	k, _ := identity.Kind(kind)
	sigs, err := k.Canonical(q, "")
	if err != nil {
		return nil, nil // not an email or an international number: the other arms still search
	}
	return t.accountsWith(sigs)
}

// accountsWith lists once each the accounts that recorded any of the
// canonical signals, looked up under every signal secret in force.
func (t *txn) accountsWith(sigs []identity.Signal) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, sg := range sigs {
		rows, err := t.AccountsWith(t.ctx, sg.Kind, t.s.signals.Lookups(sg), 100)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !seen[r.AccountID] {
				seen[r.AccountID] = true
				ids = append(ids, r.AccountID)
			}
		}
	}
	return ids, nil
}

// AccountsByPhone finds the accounts that reported a phone number, written
// with its country code or, without one, as a number of country (C4). Only
// hashes are stored, so the number is canonicalized and hashed as sign-up
// would, under every signal secret in force.
func (s *Service) AccountsByPhone(ctx context.Context, phone, country string) ([]account.View, error) {
	k, _ := identity.Kind(identity.Phone)
	sigs, err := k.Canonical(phone, country)
	if err != nil {
		return nil, problem.Invalid("not a phone number", problem.Field("q", "invalid", "a phone number such as +1 415 555 0100"))
	}
	out := []account.View{}
	err = s.read(ctx, func(t *txn) error {
		ids, err := t.accountsWith(sigs)
		if err != nil {
			return err
		}
		for _, id := range ids {
			a, err := t.loadAccount(id)
			if err != nil {
				return err
			}
			out = append(out, a.View(t.now, t.s.set))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("accounts by phone: %w", err)
	}
	return out, nil
}
