package service

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/market"
	"standing/internal/problem"
	"standing/internal/store"
)

// Reasons of L6 a member may give for closing.
var Reasons = []string{"not_using", "too_busy", "bad_experience", "career_change", "duplicate_account", "working_directly_with_client", "other"}

// violationReasons are the L6 reasons that admit a violation (L8 then needs support).
var violationReasons = []string{"duplicate_account", "working_directly_with_client"}

// ClosureCheck is the preflight answer (L11).
type ClosureCheck struct {
	Allowed         bool              `json:"allowed"`
	RequiresSupport bool              `json:"requires_support"`
	Blockers        []problem.Blocker `json:"blockers"`
}

func cents(c int64) string { return fmt.Sprintf("$%d.%02d", c/100, c%100) }

// supportBlockers are the L7 conditions: only support may close.
func (t *txn) supportBlockers(a *account.Account) ([]problem.Blocker, error) {
	var bs []problem.Blocker
	cases, err := store.ListAs[Case](t.ctx, t.Tx, store.Query{Kind: "case", Status: []string{"open", "in_review"}, Refs: []string{a.ID}})
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		if c.Kind == "closure_assistance" || c.Kind == "reactivation" || c.Kind == "new_account_request" {
			continue // asking support to help is not a case against the account
		}
		bs = append(bs, problem.Blocker{Code: "open_case", Detail: "open " + strings.ReplaceAll(c.Kind, "_", " ") + " case", Ref: c.ID})
	}
	if a.Status == account.Suspended {
		bs = append(bs, problem.Blocker{Code: "pending_suspension", Detail: "the account is suspended under " + a.StatusRule, Ref: a.ID})
	}
	if a.FraudHold != nil {
		bs = append(bs, problem.Blocker{Code: "fraud_hold", Detail: "payouts are on a fraud hold", Ref: a.ID})
	}
	return bs, nil
}

// obligationBlockers are L2 (and L3/L5 for the teams the account owns).
func (t *txn) obligationBlockers(a *account.Account) ([]problem.Blocker, error) {
	var bs []problem.Blocker
	cs, err := store.ListAs[market.Contract](t.ctx, t.Tx, store.Query{Kind: "contract", Refs: []string{a.ID}, Status: []string{"active"}})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.FreelancerID == a.ID {
			bs = append(bs, problem.Blocker{Code: "active_contract", Detail: "end the " + c.Kind + " contract first", Ref: c.ID})
		}
	}
	ps, err := store.ListAs[market.Proposal](t.ctx, t.Tx, store.Query{Kind: "proposal", Refs: []string{a.ID}, Status: []string{"pending"}})
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
	for _, k := range []teamKind{orgKind, agencyKind} {
		teams, err := store.ListAs[market.Team](t.ctx, t.Tx, store.Query{Kind: k.kind, Status: []string{"active"}, Refs: []string{"owner:" + a.ID}})
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
func (t *txn) teamBlockers(k teamKind, tm *market.Team) ([]problem.Blocker, error) {
	var bs []problem.Blocker
	code := "team_members"
	if k.kind == agencyKind.kind {
		code = "agency_members"
	}
	for _, m := range tm.Others() {
		bs = append(bs, problem.Blocker{Code: code, Detail: "remove the " + m.Role + " from " + tm.Name, Ref: m.AccountID})
	}
	cs, err := store.ListAs[market.Contract](t.ctx, t.Tx, store.Query{Kind: "contract", Refs: []string{tm.ID}})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Status == "active" {
			bs = append(bs, problem.Blocker{Code: "active_contract", Detail: "end the " + c.Kind + " contract of " + tm.Name, Ref: c.ID})
		}
		if k.kind == orgKind.kind && c.BillingOpen() {
			bs = append(bs, problem.Blocker{Code: "open_billing_cycle", Detail: "the weekly billing cycle must end (Sunday 24:00 UTC) and be invoiced", Ref: c.ID})
		}
	}
	if k.kind == orgKind.kind {
		jobs, err := store.ListAs[market.Job](t.ctx, t.Tx, store.Query{Kind: "job", Refs: []string{tm.ID}, Status: []string{"open"}})
		if err != nil {
			return nil, err
		}
		for _, j := range jobs {
			bs = append(bs, problem.Blocker{Code: "open_job", Detail: "close the job \"" + j.Title + "\"", Ref: j.ID})
		}
		invs, err := store.ListAs[market.Invoice](t.ctx, t.Tx, store.Query{Kind: "invoice", Refs: []string{tm.ID}, Status: []string{"unpaid"}})
		if err != nil {
			return nil, err
		}
		for _, v := range invs {
			bs = append(bs, problem.Blocker{Code: "unpaid_billing", Detail: "pay " + cents(v.AmountCents) + " for the week of " + v.WeekStart, Ref: v.ID})
		}
	} else {
		ps, err := store.ListAs[market.Proposal](t.ctx, t.Tx, store.Query{Kind: "proposal", Refs: []string{tm.ID}, Status: []string{"pending"}})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			bs = append(bs, problem.Blocker{Code: "pending_proposal", Detail: "withdraw the agency's proposal", Ref: p.ID})
		}
	}
	return bs, nil
}

func (t *txn) closureCheck(a *account.Account) (ClosureCheck, error) {
	sup, err := t.supportBlockers(a)
	if err != nil {
		return ClosureCheck{}, err
	}
	obl, err := t.obligationBlockers(a)
	if err != nil {
		return ClosureCheck{}, err
	}
	all := append(sup, obl...)
	if all == nil {
		all = []problem.Blocker{}
	}
	ok := len(all) == 0 && (a.Status == account.Active || a.Status == account.Suspended)
	return ClosureCheck{Allowed: ok, RequiresSupport: len(sup) > 0, Blockers: all}, nil
}

// ClosurePreflight lists every blocker of closing an account at once (L11).
func (s *Service) ClosurePreflight(ctx context.Context, id string) (ClosureCheck, error) {
	var out ClosureCheck
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		out, err = t.closureCheck(a)
		return err
	})
	return out, err
}

// ClosureInput is the body of POST .../closure.
type ClosureInput struct {
	Reason  *string `json:"reason"`
	Channel *string `json:"channel" req:"true"`
	Comment *string `json:"comment"`
}

func checkChannel(channel string, staff bool) error {
	switch channel {
	case "mobile_app":
		return problem.New("channel_not_allowed", "accounts are never closed from the mobile app; use the web or ask support").WithRule("L1")
	case "web":
		return nil
	case "support":
		if !staff {
			return problem.New("support_required", "only support closes through the support channel").WithRule("L7")
		}
		return nil
	}
	return problem.Invalid("unknown channel", problem.Field("channel", "invalid", "web, mobile_app or support"))
}

// CloseAccount closes an account (L1, L2, L6, L7, L11).
func (s *Service) CloseAccount(ctx context.Context, actor Actor, id string, in ClosureInput) (account.View, error) {
	var out account.View
	if in.Reason == nil {
		return out, problem.Invalid("a closure gives a reason", problem.Field("reason", "required", "one of "+strings.Join(Reasons, ", ")))
	}
	staff := actor.Kind == "staff"
	if err := checkChannel(*in.Channel, staff); err != nil {
		return out, err
	}
	if !slices.Contains(Reasons, *in.Reason) {
		return out, problem.Newf("invalid_reason", "reason %q is not one of %s", *in.Reason, strings.Join(Reasons, ", ")).WithRule("L6")
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		if a.Status != account.Active && a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "a %s account cannot be closed", a.Status).WithRule("L2")
		}
		chk, err := t.closureCheck(a)
		if err != nil {
			return err
		}
		viaSupport := staff && *in.Channel == "support"
		if chk.RequiresSupport && !viaSupport {
			p := problem.New("support_required", "this account cannot close itself now; contact support").WithRule("L7")
			p.Blockers = chk.Blockers
			return p
		}
		var obligations []problem.Blocker
		for _, b := range chk.Blockers {
			if !slices.Contains([]string{"open_case", "pending_suspension", "fraud_hold"}, b.Code) {
				obligations = append(obligations, b)
			}
		}
		if len(obligations) > 0 {
			p := problem.Newf("closure_blocked", "settle %d obligation(s) before closing", len(obligations)).WithRule("L2")
			p.Blockers = obligations
			return p
		}
		return t.closeAccount(a, *in.Reason, *in.Channel, "L6")
	})
}

// closeAccount closes a (saved by the caller): the status, the notice, the
// L6 admissions, leaving teams, and the erasure due in 5 years (L10).
func (t *txn) closeAccount(a *account.Account, reason, channel, rule string) error {
	if err := t.setStatus(a, account.Closed, rule, "closed: "+reason+" via "+channel); err != nil {
		return err
	}
	a.CloseReason = &reason
	if _, err := t.issue(a, enforce.Notice{Action: enforce.Closure, Rule: rule, Facts: "The account was closed (reason: " + reason + ", channel: " + channel + ").",
		Remedy: reactivationHint(a, reason)}); err != nil {
		return err
	}
	switch reason {
	case "duplicate_account": // L6: an admission, V1 case for the linked accounts
		links, err := t.linksOf(a.ID)
		if err != nil {
			return err
		}
		related := []string{}
		for _, l := range links {
			related = append(related, l.AccountID)
		}
		if _, err := t.openCase(Case{Kind: "linkage_review", AccountID: a.ID, Channel: "web", Rule: "V1",
			Body: "L6: the member closed this account as a duplicate.", RelatedAccountIDs: related}, true); err != nil {
			return err
		}
	case "working_directly_with_client": // L6: an admission, a V10 strike
		if _, err := t.apply(a, enforce.Effect{Action: enforce.Warning, Rule: "V10", Strike: true, Reason: "circumvention admitted at closure"},
			enforce.Violation{Rule: "V10"}, "L6: the member closed the account to work directly with a client met on the platform.", nil, nil); err != nil {
			return err
		}
	}
	if err := t.withdrawProposals(a.ID); err != nil {
		return err
	}
	for _, k := range []teamKind{orgKind, agencyKind} {
		teams, err := store.ListAs[market.Team](t.ctx, t.Tx, store.Query{Kind: k.kind, Status: []string{"active"}, Refs: []string{a.ID}})
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
	return t.enqueue("erase", a.ID, t.now.Add(t.s.set.ErasureAfter.D()))
}

func reactivationHint(a *account.Account, reason string) string {
	if a.Freelancer && !a.Client && !slices.Contains(violationReasons, reason) {
		return "You can reactivate this account yourself within 5 years."
	}
	return "Support can reactivate this account within 5 years."
}

// ReactivationInput is the body of POST .../reactivation.
type ReactivationInput struct {
	Channel *string `json:"channel" req:"true"`
}

// Reactivate brings a closed account back (L8).
func (s *Service) Reactivate(ctx context.Context, actor Actor, id string, in ReactivationInput) (account.View, error) {
	if !slices.Contains([]string{"web", "mobile_app", "support"}, *in.Channel) {
		return account.View{}, problem.Invalid("unknown channel", problem.Field("channel", "invalid", "web, mobile_app or support"))
	}
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		return t.reactivate(a, actor.Kind == "staff" && *in.Channel == "support")
	})
}

// reactivate applies L8; bySupport lifts the self-service conditions.
func (t *txn) reactivate(a *account.Account, bySupport bool) error {
	if a.Status != account.Closed {
		return problem.Newf("not_reactivatable", "a %s account cannot be reactivated", a.Status).WithRule("L8")
	}
	if a.ClosedAt != nil && t.now.Sub(*a.ClosedAt) > t.s.set.ReactivationWindow.D() {
		return problem.New("not_reactivatable", "the account was closed more than 5 years ago").WithRule("L8")
	}
	if !bySupport {
		owns, err := t.Count(t.ctx, store.Query{Kind: "organization", Refs: []string{"owner:" + a.ID}})
		if err != nil {
			return err
		}
		reason := ""
		if a.CloseReason != nil {
			reason = *a.CloseReason
		}
		if !a.Freelancer || a.Client || owns > 0 || slices.Contains(violationReasons, reason) || reason == "redundant_account" {
			return problem.New("support_required", "this account can be reactivated by support only: open a reactivation case").
				WithRule("L8").WithStatus(http.StatusForbidden)
		}
	}
	if err := t.setStatus(a, account.Active, "L8", "reactivated"); err != nil {
		return err
	}
	a.LastActivity = t.now
	if err := t.cancel("erase", a.ID); err != nil {
		return err
	}
	if err := t.enqueue("dormancy", a.ID, t.now.Add(t.s.set.DormantAfter.D())); err != nil {
		return err
	}
	_, err := t.issue(a, enforce.Notice{Action: enforce.Reinstatement, Rule: "L8", Facts: "The account was reactivated.", Remedy: "None needed."})
	return err
}

// TeamClosureCheck is the preflight of an organization or agency.
func (s *Service) TeamClosureCheck(ctx context.Context, agency bool, acting, id string) (ClosureCheck, error) {
	k := orgKind
	if agency {
		k = agencyKind
	}
	var out ClosureCheck
	err := s.read(ctx, func(t *txn) error {
		tm, err := t.loadTeam(k, id)
		if err != nil {
			return err
		}
		if acting != "" && tm.OwnerID != acting {
			return problem.Newf("not_owner", "only the owner closes %s %s", k.what, tm.ID).WithRule(teamRule(agency))
		}
		bs, err := t.teamBlockers(k, tm)
		if err != nil {
			return err
		}
		if bs == nil {
			bs = []problem.Blocker{}
		}
		out = ClosureCheck{Allowed: len(bs) == 0 && tm.Status == "active", Blockers: bs}
		return nil
	})
	return out, err
}

func teamRule(agency bool) string {
	if agency {
		return "L5"
	}
	return "L3"
}

// TeamClosureInput is the body of POST /v1/organizations/{id}/closure.
type TeamClosureInput struct {
	Channel *string `json:"channel" req:"true"`
	Reason  *string `json:"reason"`
}

// CloseTeam closes an organization (L3) or agency (L5) by its owner.
func (s *Service) CloseTeam(ctx context.Context, actor Actor, agency bool, acting, id string, in TeamClosureInput) (market.Team, error) {
	k := orgKind
	if agency {
		k = agencyKind
	}
	var out market.Team
	if err := checkChannel(*in.Channel, actor.Kind == "staff"); err != nil {
		return out, err
	}
	if in.Reason != nil && !slices.Contains(Reasons, *in.Reason) {
		return out, problem.Newf("invalid_reason", "reason %q is not one of %s", *in.Reason, strings.Join(Reasons, ", ")).WithRule("L6")
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, tm, err := t.actingOn(k, acting, id)
		if err != nil {
			return err
		}
		if tm.OwnerID != a.ID {
			return problem.Newf("not_owner", "only the owner closes %s %s", k.what, tm.ID).WithRule(teamRule(agency))
		}
		if tm.Status != "active" {
			return problem.Newf("conflict", "%s %s is already closed", k.what, tm.ID)
		}
		bs, err := t.teamBlockers(k, tm)
		if err != nil {
			return err
		}
		if len(bs) > 0 {
			p := problem.Newf("closure_blocked", "settle %d obligation(s) before closing %s", len(bs), tm.Name).WithRule(teamRule(agency))
			p.Blockers = bs
			return p
		}
		tm.Status, tm.ClosedAt = "closed", &t.now
		if err := t.saveTeam(k, tm); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: a.ID, Action: k.kind + "_closed", Rule: teamRule(agency), Ref: tm.ID}); err != nil {
			return err
		}
		out = *tm
		return nil
	})
	return out, err
}

// Erase removes an account's personal data on a verified request once no
// obligation remains (L10); keyed signal hashes and decisions stay.
func (s *Service) Erase(ctx context.Context, actor Actor, id string) (account.View, error) {
	return s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		if a.Status != account.Closed && a.Status != account.Banned {
			return problem.Newf("invalid_transition", "only a closed or banned account can be erased; this one is %s", a.Status).WithRule("L10")
		}
		obl, err := t.obligationBlockers(a)
		if err != nil {
			return err
		}
		if len(obl) > 0 {
			p := problem.New("closure_blocked", "obligations remain; erase once they are settled").WithRule("L10")
			p.Blockers = obl
			return p
		}
		return t.erase(a)
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
