package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/closure"
	"standing/internal/market"
	"standing/internal/notice"
	"standing/internal/problem"
	"standing/internal/staff"
	"standing/internal/store"
)

// ClosureCheck is the preflight answer (L11).
type ClosureCheck = closure.Check

func cents(c int64) string { return fmt.Sprintf("$%d.%02d", c/100, c%100) }

// closureFacts gathers what closure decisions read about an account: its
// open cases, its obligations (L2, L3, L5) and whether it owns a team. Its
// links are read only by the closure that needs them (linkedTo).
func (t *txn) closureFacts(a *account.Account) (closure.Facts, error) {
	f := closure.Facts{Account: a}
	cases, err := store.Find[Case](t.ctx, t.Tx, store.Cases, store.Q{Where: []store.Cond{store.Unfinished, store.CaseConcerns(a.ID)}})
	if err != nil {
		return f, err
	}
	for _, c := range cases {
		f.OpenCases = append(f.OpenCases, closure.OpenCase{ID: c.ID, Kind: string(c.Kind)})
	}
	if f.Obligations, err = t.obligationBlockers(a); err != nil {
		return f, err
	}
	owns, err := t.Count(t.ctx, store.Teams, store.Eq("kind", string(market.Organization)), store.Eq("owner_id", a.ID))
	f.OwnsTeam = owns > 0
	return f, err
}

// obligationBlockers are L2 (and L3/L5 for the teams the account owns).
func (t *txn) obligationBlockers(a *account.Account) ([]problem.Blocker, error) {
	var bs []problem.Blocker
	cs, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.Eq("freelancer_account_id", a.ID), store.Eq("status", "active")}})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.FreelancerID == a.ID {
			bs = append(bs, problem.Blocker{Code: "active_contract", Detail: "end the " + c.Kind + " contract first", Ref: c.ID})
		}
	}
	ps, err := store.Find[market.Proposal](t.ctx, t.Tx, store.Proposals, store.Q{Where: []store.Cond{store.Eq("account_id", a.ID), store.Eq("status", "pending")}})
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.AccountID == a.ID {
			bs = append(bs, problem.Blocker{Code: "pending_proposal", Detail: "withdraw the proposal", Ref: p.ID})
		}
	}
	b, err := t.balance(a)
	if err != nil {
		return nil, err
	}
	if b.PendingCents > 0 {
		bs = append(bs, problem.Blocker{Code: "pending_funds", Detail: cents(b.PendingCents) + " is still in the security period", Ref: a.ID})
	}
	if b.AvailableCents > 0 {
		bs = append(bs, problem.Blocker{Code: "unwithdrawn_funds", Detail: cents(b.AvailableCents) + " is available to withdraw", Ref: a.ID})
	}
	// L2 "ensure all payments have been received": hours of an ended hourly
	// contract not yet invoiced, and invoices the client has not paid, are
	// money still owed to the freelancer; closing would walk away from it.
	ended, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.Eq("freelancer_account_id", a.ID), store.Eq("kind", "hourly"), store.Eq("status", string(market.ContractEnded))}})
	if err != nil {
		return nil, err
	}
	for _, c := range ended {
		if h := c.Unbilled(); c.BillingOpen() && h > 0 {
			bs = append(bs, problem.Blocker{Code: "pending_funds", Detail: fmt.Sprintf("%s for %g hours is not invoiced yet; it is invoiced when the week ends (Sunday 24:00 UTC)", cents(market.Amount(h, c.HourlyRateCents)), h), Ref: c.ID})
		}
	}
	owed, err := store.Find[market.Invoice](t.ctx, t.Tx, store.Invoices, store.Q{Where: []store.Cond{store.Eq("freelancer_account_id", a.ID), store.Eq("status", "unpaid")}})
	if err != nil {
		return nil, err
	}
	for _, v := range owed {
		bs = append(bs, problem.Blocker{Code: "pending_funds", Detail: cents(v.AmountCents) + " for the week of " + v.WeekStart + " is invoiced and not yet paid by the client", Ref: v.ID})
	}
	for _, k := range []market.TeamKind{market.Organization, market.Agency} {
		teams, err := store.Find[market.Team](t.ctx, t.Tx, store.Teams, store.Q{Where: []store.Cond{store.Eq("kind", string(k)), store.Eq("status", "active"), store.Eq("owner_id", a.ID)}})
		if err != nil {
			return nil, err
		}
		for i := range teams {
			tb, err := t.teamBlockers(k, &teams[i])
			if err != nil {
				return nil, err
			}
			bs = append(bs, tb...)
		}
	}
	return bs, nil
}

// teamBlockers are L3 for an organization and L5 for an agency.
func (t *txn) teamBlockers(k market.TeamKind, tm *market.Team) ([]problem.Blocker, error) {
	var bs []problem.Blocker
	code := "team_members"
	if k == market.Agency {
		code = "agency_members"
	}
	for _, m := range tm.Others() {
		bs = append(bs, problem.Blocker{Code: code, Detail: "remove the " + m.Role + " from " + tm.Name, Ref: m.AccountID})
	}
	cs, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.AnyOf(tm.ID, "organization_id", "agency_id")}})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Status == market.ContractActive {
			bs = append(bs, problem.Blocker{Code: "active_contract", Detail: "end the " + c.Kind + " contract of " + tm.Name, Ref: c.ID})
		}
		if k == market.Organization && c.BillingOpen() {
			bs = append(bs, problem.Blocker{Code: "open_billing_cycle", Detail: "the weekly billing cycle must end (Sunday 24:00 UTC) and be invoiced", Ref: c.ID})
		}
	}
	if k == market.Organization {
		jobs, err := store.Find[market.Job](t.ctx, t.Tx, store.Jobs, store.Q{Where: []store.Cond{store.Eq("organization_id", tm.ID), store.Eq("status", "open")}})
		if err != nil {
			return nil, err
		}
		for _, j := range jobs {
			bs = append(bs, problem.Blocker{Code: "open_job", Detail: "close the job \"" + j.Title + "\"", Ref: j.ID})
		}
		invs, err := store.Find[market.Invoice](t.ctx, t.Tx, store.Invoices, store.Q{Where: []store.Cond{store.Eq("organization_id", tm.ID), store.Eq("status", "unpaid")}})
		if err != nil {
			return nil, err
		}
		for _, v := range invs {
			bs = append(bs, problem.Blocker{Code: "unpaid_billing", Detail: "pay " + cents(v.AmountCents) + " for the week of " + v.WeekStart, Ref: v.ID})
		}
	} else {
		ps, err := store.Find[market.Proposal](t.ctx, t.Tx, store.Proposals, store.Q{Where: []store.Cond{store.Eq("agency_id", tm.ID), store.Eq("status", "pending")}})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			bs = append(bs, problem.Blocker{Code: "pending_proposal", Detail: "withdraw the agency's proposal", Ref: p.ID})
		}
	}
	return bs, nil
}

// ClosurePreflight lists every blocker of closing an account at once (L11).
func (s *Service) ClosurePreflight(ctx context.Context, id string) (ClosureCheck, error) {
	var out ClosureCheck
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		f, err := t.closureFacts(a)
		out = closure.Preflight(f)
		return err
	})
	return out, err
}

// ClosureInput is the command to close an account; an empty Reason is
// refused.
type ClosureInput struct {
	Reason  string
	Channel string
	Comment string
}

// CloseAccount closes an account (L1, L2, L6, L7, L11).
func (s *Service) CloseAccount(ctx context.Context, actor Actor, id string, in ClosureInput) (account.View, error) {
	if err := authorize(actor, staff.CareForAccount); err != nil {
		return account.View{}, err
	}
	if in.Reason == "" {
		return account.View{}, problem.Invalid("a closure gives a reason", problem.Field("reason", "required", "one of "+strings.Join(closure.Reasons, ", ")))
	}
	req := closure.Request{Reason: in.Reason, Channel: in.Channel, Staff: actor.Kind == "staff"}
	if err := closure.CheckChannel(req.Channel, req.Staff); err != nil {
		return account.View{}, err
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		f, err := t.closureFacts(a)
		if err != nil {
			return err
		}
		if req.Reason == "duplicate_account" { // L6: the admission's case names the linked accounts
			if f.Linked, err = t.linkedTo(a.ID, false); err != nil {
				return err
			}
		}
		effs, err := closure.Close(f, req, t.now, t.s.set)
		if err != nil {
			return err
		}
		_, err = t.execute(effs)
		return err
	})
}

// closeAccount closes a (saved by the caller): the status, the notice (with
// what staff wrote for the member, if anything), the L6 admissions, leaving
// teams, and the erasure due in 5 years (L10).
func (t *txn) closeAccount(a *account.Account, reason, channel, rule, said string) error {
	if err := t.setStatus(a, account.Closed, rule, "closed: "+reason+" via "+channel); err != nil {
		return err
	}
	a.CloseReason = &reason
	if _, err := t.issue(a, notice.Notice{Action: notice.Closure, Rule: rule, Facts: withSaid("The account was closed (reason: "+reason+", channel: "+channel+").", said),
		Remedy: closure.Hint(a, reason, t.s.set)}); err != nil {
		return err
	}
	if err := t.withdrawProposals(a.ID); err != nil {
		return err
	}
	for _, k := range []market.TeamKind{market.Organization, market.Agency} {
		teams, err := store.Find[market.Team](t.ctx, t.Tx, store.Teams, store.Q{Where: []store.Cond{store.Eq("kind", string(k)), store.Eq("status", "active"), store.Has("team_members", "account_id", a.ID)}})
		if err != nil {
			return err
		}
		for i := range teams {
			if r := teams[i].Role(a.ID); r != "" && r != "owner" {
				teams[i].Remove(a.ID)
				if err := t.saveTeam(k, &teams[i]); err != nil {
					return err
				}
			}
		}
	}
	if err := t.cancel("dormancy", a.ID); err != nil {
		return err
	}
	if err := t.cancel("dormant_close", a.ID); err != nil {
		return err
	}
	return t.enqueue(job("erase", a.ID, t.now.Add(t.s.set.ErasureAfter.D())))
}

// ReactivationInput is the command to reactivate a closed account.
type ReactivationInput struct {
	Channel string
}

// Reactivate brings a closed account back (L8).
func (s *Service) Reactivate(ctx context.Context, actor Actor, id string, in ReactivationInput) (account.View, error) {
	if err := authorize(actor, staff.CareForAccount); err != nil {
		return account.View{}, err
	}
	if !slices.Contains([]string{"web", "mobile_app", "support"}, in.Channel) {
		return account.View{}, problem.Invalid("unknown channel", problem.Field("channel", "invalid", "web, mobile_app or support"))
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		f, err := t.closureFacts(a)
		if err != nil {
			return err
		}
		if err := t.reactivationFacts(&f); err != nil {
			return err
		}
		effs, err := closure.Reactivate(f, actor.Kind == "staff" && in.Channel == "support", t.now, t.s.set)
		if err != nil {
			return err
		}
		_, err = t.execute(effs)
		return err
	})
}

// withSaid adds to a notice's facts what staff wrote for the member, if
// anything (API.md: a resolution's reason goes into the notice).
func withSaid(facts, said string) string {
	if said = strings.TrimSpace(said); said != "" {
		return facts + " " + said
	}
	return facts
}

// reactivate carries out L8's reactivation: active again, the erasure
// cancelled, the dormancy clock restarted, a notice that carries what staff
// wrote for the member, if anything.
func (t *txn) reactivate(a *account.Account, reason, said string) error {
	if err := t.setStatus(a, account.Active, "L8", reason); err != nil {
		return err
	}
	a.LastActivity = t.now
	if err := t.cancel("erase", a.ID); err != nil {
		return err
	}
	if err := t.enqueue(job("dormancy", a.ID, t.now.Add(t.s.set.DormantAfter.D()))); err != nil {
		return err
	}
	_, err := t.issue(a, notice.Notice{Action: notice.Reinstatement, Rule: "L8", Facts: withSaid("The account was reactivated.", said), Remedy: "None needed."})
	return err
}

// TeamClosureCheck is the preflight of an organization or agency (closure.TeamPreflight).
func (s *Service) TeamClosureCheck(ctx context.Context, k market.TeamKind, acting, id string) (ClosureCheck, error) {
	var out ClosureCheck
	err := s.read(ctx, func(t *txn) error {
		if _, err := t.actingAccount(acting); err != nil { // the owner asks, as for the closure itself
			return err
		}
		f, err := t.teamFacts(k, acting, id)
		if err != nil {
			return err
		}
		out, err = closure.TeamPreflight(f)
		return err
	})
	return out, err
}

// teamFacts loads a team and its blockers for a closure decision.
func (t *txn) teamFacts(k market.TeamKind, acting, id string) (closure.Team, error) {
	tm, err := t.loadTeam(k, id)
	if err != nil {
		return closure.Team{}, err
	}
	bs, err := t.teamBlockers(k, tm)
	return closure.Team{Kind: k, Team: tm, Acting: acting, Blockers: bs}, err
}

// TeamClosureInput is the command to close an organization or agency;
// Reason is nil when none is given.
type TeamClosureInput struct {
	Channel string
	Reason  *string
}

// CloseTeam closes an organization (L3) or agency (L5) by its owner (closure.CloseTeam).
func (s *Service) CloseTeam(ctx context.Context, actor Actor, k market.TeamKind, acting, id string, in TeamClosureInput) (market.Team, error) {
	var out market.Team
	if err := closure.CheckChannel(in.Channel, actor.Kind == "staff"); err != nil {
		return out, err
	}
	if in.Reason != nil {
		if err := closure.CheckReason(*in.Reason); err != nil {
			return out, err
		}
	}
	err := s.update(ctx, actor, func(t *txn) error {
		if _, err := t.actingAccount(acting); err != nil {
			return err
		}
		f, err := t.teamFacts(k, acting, id)
		if err != nil {
			return err
		}
		effs, err := closure.CloseTeam(f)
		if err != nil {
			return err
		}
		if _, err := t.execute(effs); err != nil {
			return err
		}
		tm, err := t.loadTeam(k, id)
		if tm != nil {
			out = *tm
		}
		return err
	})
	return out, err
}

// Erase removes an account's personal data on a verified request once no
// obligation remains (L10); keyed signal hashes and decisions stay.
func (s *Service) Erase(ctx context.Context, actor Actor, id string) (account.View, error) {
	if err := authorize(actor, staff.Erase); err != nil {
		return account.View{}, err
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		obl, err := t.obligationBlockers(a)
		if err != nil {
			return err
		}
		effs, err := closure.EraseRequest(closure.Facts{Account: a, Obligations: obl})
		if err != nil {
			return err
		}
		_, err = t.execute(effs)
		return err
	})
}

// erase removes personal data and moves the account to erased.
func (t *txn) erase(a *account.Account) error {
	personal, err := t.personalData(a)
	if err != nil {
		return err
	}
	if err := t.setStatus(a, account.Erased, "L10", "personal data erased"); err != nil {
		return err
	}
	a.Email, a.Name, a.ExternalID, a.DateOfBirth, a.Profile = "", "", "", "", nil
	a.Erased = true
	if err := t.cancel("erase", a.ID); err != nil {
		return err
	}
	return t.forget(a.ID, personal)
}

// linkedTo lists the accounts linked to an account (only strongly linked
// ones when strong is set).
func (t *txn) linkedTo(id string, strong bool) ([]string, error) {
	links, err := t.linksOf(id)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range links {
		if !strong || l.Strong() {
			out = append(out, l.AccountID)
		}
	}
	return out, nil
}

// reactivationFacts adds to f what L8 reads under M1, by the member's
// request or on a support case alike: the account M6 (b) let the person
// open in this one's place, and the live accounts strongly linked to it.
func (t *txn) reactivationFacts(f *closure.Facts) error {
	var err error
	if id := f.Account.ReplacedBy; id != "" {
		if f.Replacement, err = t.loadAccount(id); err != nil {
			return err
		}
	}
	f.LiveLinked, err = t.liveLinked(f.Account)
	return err
}

// liveLinked lists the live accounts (active, suspended, banned) strongly
// linked to a that no M6 exception lets it coexist with (M1).
func (t *txn) liveLinked(a *account.Account) ([]string, error) {
	links, err := t.linksOf(a.ID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range links {
		if !l.Strong() || !account.Status(l.Status).Live() || slices.Contains(a.Exceptions, l.AccountID) || slices.Contains(a.Exceptions, "*") {
			continue
		}
		o, err := t.loadAccount(l.AccountID)
		if err != nil {
			return nil, err
		}
		if slices.Contains(o.Exceptions, a.ID) || slices.Contains(o.Exceptions, "*") {
			continue
		}
		out = append(out, l.AccountID)
	}
	return out, nil
}
