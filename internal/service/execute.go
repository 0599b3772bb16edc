package service

import (
	"fmt"
	"slices"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/effect"
	"standing/internal/ids"
	"standing/internal/market"
	"standing/internal/notice"
)

// applied is what the executor did that the caller may need to answer with.
type applied struct {
	notices []*notice.Notice
	cases   []*Case
}

// last is the last notice issued, or nil.
func (r applied) last() *notice.Notice {
	if len(r.notices) == 0 {
		return nil
	}
	return r.notices[len(r.notices)-1]
}

// execute is the one executor: it applies a decider's effects in order, in
// the use case's transaction, with the audit events, notices, webhook rows
// and due-time jobs each one causes, then saves every account it changed.
// Accounts come from the transaction's cache, so the caller's copies see
// the changes.
func (t *txn) execute(effs []effect.Effect) (applied, error) {
	var out applied
	touched := []*account.Account{}
	load := func(id string) (*account.Account, error) {
		a, err := t.loadAccount(id)
		if err == nil && !slices.Contains(touched, a) {
			touched = append(touched, a)
		}
		return a, err
	}
	if t.actor.Kind == "staff" {
		if err := t.recordStaff(effs); err != nil {
			return out, err
		}
	}
	strikes := map[string]string{} // account -> strike added by this run
	for _, e := range effs {
		if err := t.executeOne(e, load, strikes, &out); err != nil {
			return out, err
		}
	}
	for _, a := range touched {
		if err := t.saveAccount(a); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (t *txn) executeOne(e effect.Effect, load func(string) (*account.Account, error), strikes map[string]string, out *applied) error {
	switch e := e.(type) {
	case effect.SetStatus:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		if err := t.setStatus(a, e.To, e.Rule, e.Reason); err != nil {
			return err
		}
		switch e.To {
		case account.Suspended:
			a.RespondBy = e.RespondBy
			if e.RespondBy != nil {
				return t.enqueue(job("deadline", a.ID, *e.RespondBy))
			}
		case account.Banned:
			return t.afterBan(a)
		}
		return nil
	case effect.AddStrike:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		s := account.Strike{ID: ids.New("stk"), Rule: e.Rule, At: t.now}
		a.Strikes = append(a.Strikes, s)
		strikes[a.ID] = s.ID
		if e.BadgeLossUntil != nil { // R3
			a.BadgeLossUntil = e.BadgeLossUntil
		}
		return t.audit(Event{AccountID: a.ID, Action: "strike_recorded", Rule: e.Rule, Reason: e.Reason, Ref: s.ID, Automated: e.Automated})
	case effect.RemoveStrike:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		for i := range a.Strikes {
			if a.Strikes[i].ID == e.StrikeID && !a.Strikes[i].Removed {
				a.Strikes[i].Removed = true
				return t.audit(Event{AccountID: a.ID, Action: "strike_removed", Rule: a.Strikes[i].Rule, Reason: e.Reason, Ref: e.StrikeID})
			}
		}
		return nil
	case effect.Restrict:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		return t.restrict(a, e.Restriction)
	case effect.Lift:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		return t.lift(a, e.Rule, e.Capability, e.Reason)
	case effect.IssueNotice:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		n := e.Notice
		sid := strikes[a.ID]
		if e.LinkStrike {
			n.StrikeID = sid
		}
		issued, err := t.issue(a, n)
		if err != nil {
			return err
		}
		if e.LinkStrike {
			for i := range a.Strikes {
				if a.Strikes[i].ID == sid {
					a.Strikes[i].NoticeID = issued.ID
				}
			}
		}
		if e.CausesStatus {
			a.StatusNotice = issued.ID
		}
		out.notices = append(out.notices, issued)
		return nil
	case effect.OpenCase:
		c, err := t.openCase(Case{Kind: cases.Kind(e.Kind), AccountID: e.Account, Channel: "web", Rule: e.Rule, Body: e.Body,
			RelatedAccountIDs: e.Related}, t.actor.Kind == "system" || t.actor.Kind == "member" || t.actor.Kind == "integration")
		if err != nil {
			return err
		}
		out.cases = append(out.cases, c)
		return nil
	case effect.Close:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		return t.closeAccount(a, e.Reason, e.Channel, e.Rule, e.Said)
	case effect.Reactivate:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		return t.reactivate(a, e.Reason, e.Said)
	case effect.Except:
		for _, id := range e.Accounts {
			x, err := load(id)
			if err != nil {
				return err
			}
			for _, o := range e.Accounts {
				if o != id && !slices.Contains(x.Exceptions, o) {
					x.Exceptions = append(x.Exceptions, o)
				}
			}
			if err := t.audit(Event{AccountID: id, Action: "exception_approved", Rule: "M6", Reason: e.Reason}); err != nil {
				return err
			}
		}
		return nil
	case effect.AllowNewAccount:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		if !slices.Contains(a.Exceptions, "new_account") {
			a.Exceptions = append(a.Exceptions, "new_account")
		}
		return t.audit(Event{AccountID: a.ID, Action: "exception_approved", Rule: "M6", Reason: "new account after closure in good standing"})
	case effect.ReleaseMessage:
		return t.releaseMessage(e.Message, e.Body)
	case effect.CloseTeam:
		k := market.TeamKind(e.Kind)
		tm, err := t.loadTeam(k, e.Team)
		if err != nil {
			return err
		}
		tm.Status, tm.ClosedAt = "closed", &t.now
		if err := t.saveTeam(k, tm); err != nil {
			return err
		}
		return t.audit(Event{AccountID: e.By, Action: e.Kind + "_closed", Rule: e.Rule, Ref: tm.ID})
	case effect.LeaveTeam:
		k := market.TeamKind(e.Kind)
		tm, err := t.loadTeam(k, e.Team)
		if err != nil {
			return err
		}
		tm.Remove(e.Account)
		if err := t.saveTeam(k, tm); err != nil {
			return err
		}
		action := "removed_from_" + e.Kind
		if e.Left {
			action = "left_" + e.Kind
		}
		return t.audit(Event{AccountID: e.Account, Action: action, Ref: tm.ID, Rule: "L4"})
	case effect.Schedule:
		return t.enqueue(job(e.Job, e.Account, e.At))
	case effect.SetDormancyNotice:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		a.DormancyNoticeAt = e.At
		return nil
	case effect.Erase:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		return t.erase(a)
	case effect.SetFraudHold:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		action := "fraud_hold_lifted"
		a.FraudHold = nil
		if e.On {
			action = "fraud_hold_placed"
			a.FraudHold = &account.Hold{Reason: e.Reason, By: t.actor.ID, At: t.now}
		}
		if err := t.audit(Event{AccountID: a.ID, Action: action, Rule: "E4", Reason: e.Reason}); err != nil {
			return err
		}
		return t.emit("account.restrictions_changed", map[string]any{"account_id": a.ID, "fraud_hold": e.On})
	case effect.SetVerification:
		a, err := load(e.Account)
		if err != nil {
			return err
		}
		a.Verification.Status = e.Status
		if e.Status == "verified" {
			a.Verification.VerifiedAt = &t.now
			return t.cancel("verification_deadline", a.ID)
		}
		return nil
	case effect.WithdrawProposals:
		return t.withdrawProposals(e.Account)
	case effect.Audit:
		return t.audit(Event{AccountID: e.Account, Action: e.Action, Rule: e.Rule, Reason: e.Reason})
	}
	return fmt.Errorf("effect %T has no executor", e)
}
