package service

import (
	"encoding/json"
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/problem"
	"standing/internal/store"
)

// loadAccount reads an account for change or display.
func (t *txn) loadAccount(id string) (*account.Account, error) {
	return get[account.Account](t, "account", id)
}

// saveAccount writes the next version of an account.
func (t *txn) saveAccount(a *account.Account) error {
	a.Version++
	refs := []string{}
	if a.ExternalID != "" {
		refs = append(refs, "ext:"+a.ExternalID)
	}
	return t.Put(t.ctx, store.Doc{ID: a.ID, Kind: "account", Status: string(a.Status), Search: a.Email + " " + a.Name,
		Refs: refs, Version: a.Version, CreatedAt: a.CreatedAt, Data: a})
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
func (t *txn) issue(a *account.Account, n enforce.Notice) (*enforce.Notice, error) {
	n.ID = ids.New("ntc")
	n.AccountID = a.ID
	n.CreatedAt = t.now
	n.AppealUntil = t.now.Add(t.s.set.AppealWindow.D())
	if n.Summary == "" {
		n.Summary = enforce.Summary(n.Action, n.Rule)
	}
	if n.Remedy == "" {
		n.Remedy = enforce.Remedy(n.Rule, n.Action)
	}
	if n.Evidence == nil {
		n.Evidence = []enforce.Evidence{}
	}
	if n.ContentDate == nil {
		n.ContentDate = &t.now
	}
	if n.PriorStatus == "" {
		n.PriorStatus = string(a.PriorStatus)
	}
	if err := t.Put(t.ctx, store.Doc{ID: n.ID, Kind: "notice", Status: n.Action, Refs: []string{a.ID, "rule:" + n.Rule},
		Version: 1, CreatedAt: t.now, Data: n}); err != nil {
		return nil, err
	}
	if err := t.audit(Event{AccountID: a.ID, Action: "notice_issued", Rule: n.Rule, Reason: n.Summary, Ref: n.ID,
		Automated: n.AutomatedDecision}); err != nil {
		return nil, err
	}
	return &n, t.emit("notice.issued", map[string]any{"notice_id": n.ID, "account_id": a.ID, "action": n.Action, "rule": n.Rule})
}

// Finding facts for a notice, in plain words.
func factsOf(what string, ev []enforce.Evidence) string {
	if len(ev) == 0 {
		return what
	}
	s := what + " Found:"
	for i, e := range ev {
		if i == 5 {
			s += fmt.Sprintf(" and %d more", len(ev)-5)
			break
		}
		switch e.Type {
		case "text_span":
			s += fmt.Sprintf(" %s at bytes %d-%d%s;", e.Category, e.Start, e.End, fieldSuffix(e.Field))
		case "link":
			s += fmt.Sprintf(" shared %v with account %s (score %.2f);", e.Signals, e.Ref, e.Score)
		default:
			s += " " + e.Ref + ";"
		}
	}
	return s
}

func fieldSuffix(f string) string {
	if f == "" {
		return ""
	}
	return " of " + f
}

// violation decides what a violation means for an account (enforce) and
// carries it out: the strike, the status change, the deadline, the notice,
// or the review case.
func (t *txn) violation(a *account.Account, v enforce.Violation, facts string, ev []enforce.Evidence, related []string) (*enforce.Notice, error) {
	eff := enforce.Decide(v, len(a.ActiveStrikes(t.now, t.s.set.StrikeLife.D())), t.now, t.s.set)
	return t.apply(a, eff, v, facts, ev, related)
}

// apply carries out an effect on an account.
func (t *txn) apply(a *account.Account, eff enforce.Effect, v enforce.Violation, facts string, ev []enforce.Evidence, related []string) (*enforce.Notice, error) {
	if eff.Action == enforce.ReviewCase {
		kind := "violation_review"
		if eff.Rule == "V1" {
			kind = "linkage_review"
		}
		_, err := t.openCase(Case{Kind: kind, AccountID: a.ID, Channel: "web", Body: facts, Rule: eff.Rule,
			RelatedAccountIDs: related}, true)
		return nil, err
	}
	n := enforce.Notice{Action: eff.Action, Rule: eff.Rule, Facts: factsOf(facts, ev), Evidence: ev,
		AutomatedDetection: v.Automated, AutomatedDecision: t.actor.Kind == "system", ContentType: "text"}
	if eff.Strike {
		s := account.Strike{ID: ids.New("stk"), Rule: eff.Rule, At: t.now}
		a.Strikes = append(a.Strikes, s)
		n.StrikeID = s.ID
		if eff.Rule == "V5" || eff.Rule == "V6" || eff.Rule == "V10" { // R3
			until := t.now.Add(t.s.set.BadgeLoss.D())
			a.BadgeLossUntil = &until
		}
		if err := t.audit(Event{AccountID: a.ID, Action: "strike_recorded", Rule: eff.Rule, Reason: eff.Reason, Ref: s.ID,
			Automated: v.Automated}); err != nil {
			return nil, err
		}
	}
	switch eff.Action {
	case enforce.Suspension:
		if a.Status != account.Active {
			n.Action = enforce.Warning // already suspended or worse: the strike is recorded, the status stays
			break
		}
		n.PriorStatus = string(a.Status)
		if err := t.setStatus(a, account.Suspended, eff.Rule, eff.Reason); err != nil {
			return nil, err
		}
		a.RespondBy = eff.RespondBy
		n.RespondBy = eff.RespondBy
		if eff.RespondBy != nil {
			if err := t.enqueue("deadline", a.ID, *eff.RespondBy); err != nil {
				return nil, err
			}
		}
	case enforce.Ban:
		if a.Status == account.Banned || a.Status == account.Erased || a.Status == account.Closed {
			n.Action = enforce.Warning
			break
		}
		n.PriorStatus = string(a.Status)
		if err := t.setStatus(a, account.Banned, eff.Rule, eff.Reason); err != nil {
			return nil, err
		}
		if err := t.afterBan(a); err != nil {
			return nil, err
		}
	}
	notice, err := t.issue(a, n)
	if err != nil {
		return nil, err
	}
	if eff.Strike {
		a.Strikes[len(a.Strikes)-1].NoticeID = notice.ID
	}
	return notice, nil
}

// emit writes a webhook delivery for every endpoint subscribed to typ, in
// the same transaction as the change it reports.
func (t *txn) emit(typ string, data any) error {
	if !t.hooksRead {
		eps, err := store.ListAs[Webhook](t.ctx, t.Tx, store.Query{Kind: "webhook", Status: []string{"active"}})
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
