package service

import (
	"encoding/json"
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/notice"
	"standing/internal/problem"
	"standing/internal/store"
)

// remember puts an account made in this transaction into its cache, so that
// effects on it apply to this copy.
func (t *txn) remember(a *account.Account) {
	if t.accounts == nil {
		t.accounts = map[string]*account.Account{}
	}
	t.accounts[a.ID] = a
}

// loadAccount reads an account for change or display. Within one
// transaction every load of an id returns the same copy, so a decider's
// effects and the use case that loaded the account never diverge.
func (t *txn) loadAccount(id string) (*account.Account, error) {
	if a, ok := t.accounts[id]; ok {
		return a, nil
	}
	a, err := get[account.Account](t, store.Accounts, "account", id)
	if err != nil {
		return nil, err
	}
	t.remember(a)
	return a, nil
}

// saveAccount writes the next version of an account.
func (t *txn) saveAccount(a *account.Account) error {
	a.Version++
	return t.Save(t.ctx, store.Accounts, a)
}

// checkVersion enforces If-Match.
func checkVersion(ifMatch *int64, version int64) error {
	if ifMatch != nil && *ifMatch != version {
		return problem.Newf("version_conflict", "If-Match %d does not match the current version %d", *ifMatch, version)
	}
	return nil
}

// setStatus moves an account along the status machine, with its audit
// event, webhook and the deadline job of a suspension (E1).
func (t *txn) setStatus(a *account.Account, to account.Status, rule, reason string) error {
	from := a.Status
	if err := a.Transition(to, rule, t.now); err != nil {
		return problem.Newf("invalid_transition", "account %s cannot go from %s to %s", a.ID, from, to).WithRule(rule)
	}
	if err := t.audit(Event{AccountID: a.ID, Action: "status_changed", From: string(from), To: string(to), Rule: rule, Reason: reason}); err != nil {
		return err
	}
	if from == account.Suspended {
		if err := t.cancel("deadline", a.ID); err != nil {
			return err
		}
	}
	return t.emit("account.status_changed", map[string]any{"account_id": a.ID, "from": from, "to": to, "rule": rule, "reason": reason})
}

// restrict adds or lifts a restriction with its audit event and webhook.
func (t *txn) restrict(a *account.Account, r account.Restriction) error {
	a.Restrict(r)
	if err := t.audit(Event{AccountID: a.ID, Action: "restriction_added", Rule: r.Rule, Reason: r.Reason, Ref: r.Capability}); err != nil {
		return err
	}
	return t.emit("account.restrictions_changed", map[string]any{"account_id": a.ID, "added": r})
}

// lift removes restrictions under rule (capability "" for all of them).
func (t *txn) lift(a *account.Account, rule, capability, reason string) error {
	if !a.Lift(rule, capability) {
		return nil
	}
	if err := t.audit(Event{AccountID: a.ID, Action: "restriction_lifted", Rule: rule, Reason: reason, Ref: capability}); err != nil {
		return err
	}
	return t.emit("account.restrictions_changed", map[string]any{"account_id": a.ID, "lifted_rule": rule, "capability": capability})
}

// issue writes a notice (E2) for an account and announces it.
func (t *txn) issue(a *account.Account, n notice.Notice) (*notice.Notice, error) {
	n.ID = ids.New("ntc")
	n.AccountID = a.ID
	n.CreatedAt = t.now
	n.AppealUntil = t.now.Add(t.s.set.AppealWindow.D())
	if n.Summary == "" {
		n.Summary = notice.Summary(n.Action, n.Rule)
	}
	if n.Remedy == "" {
		n.Remedy = notice.Remedy(n.Rule, n.Action)
	}
	n.SayHowToAppeal()
	if n.Evidence == nil {
		n.Evidence = []notice.Evidence{}
	}
	if n.ContentDate == nil {
		n.ContentDate = &t.now
	}
	if n.PriorStatus == "" {
		n.PriorStatus = string(a.PriorStatus)
	}
	if err := t.Save(t.ctx, store.Notices, n); err != nil {
		return nil, err
	}
	if err := t.audit(Event{AccountID: a.ID, Action: "notice_issued", Rule: n.Rule, Reason: n.Summary, Ref: n.ID,
		Automated: n.AutomatedDecision}); err != nil {
		return nil, err
	}
	return &n, t.emit("notice.issued", map[string]any{"notice_id": n.ID, "account_id": a.ID, "action": n.Action, "rule": n.Rule})
}

// violation decides what a violation means for an account (enforce.Violate)
// and carries it out; it returns the notice issued, if any.
func (t *txn) violation(a *account.Account, v enforce.Violation, facts string, ev []notice.Evidence, related []string) (*notice.Notice, error) {
	t.remember(a)
	res, err := t.execute(enforce.Violate(a, enforce.Finding{Violation: v, Facts: facts, Evidence: ev, Related: related,
		ByStaff: t.actor.Kind == "staff"}, t.now, t.s.set))
	return res.last(), err
}

// emit writes a webhook delivery for every endpoint subscribed to typ, in
// the same transaction as the change it reports.
func (t *txn) emit(typ string, data any) error {
	if !t.hooksRead {
		eps, err := store.Find[Webhook](t.ctx, t.Tx, store.Webhooks, store.Q{Where: []store.Cond{store.Eq("status", "active")}})
		if err != nil {
			return err
		}
		t.hooks, t.hooksRead = eps, true
	}
	eps := t.hooks
	if len(eps) == 0 {
		return nil
	}
	evID := ids.New("evt")
	body, err := json.Marshal(map[string]any{"id": evID, "type": typ, "created_at": t.now.Format(time.RFC3339Nano), "data": data})
	if err != nil {
		return fmt.Errorf("encode webhook %s: %w", typ, err)
	}
	for _, ep := range eps {
		if !ep.Wants(typ) {
			continue
		}
		if err := t.AddDelivery(t.ctx, store.Delivery{ID: ids.New("whd"), EndpointID: ep.ID, EventType: typ, Body: body}, t.now); err != nil {
			return err
		}
		t.scheduled = true
	}
	return nil
}
