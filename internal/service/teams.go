package service

import (
	"context"
	"slices"

	"standing/internal/account"
	"standing/internal/closure"
	"standing/internal/ids"
	"standing/internal/market"
	"standing/internal/problem"
	"standing/internal/store"
)

func (t *txn) saveTeam(k market.TeamKind, tm *market.Team) error {
	tm.Version++
	return t.Save(t.ctx, store.Teams, tm, store.SetCol{Col: "kind", Value: string(k)})
}

func (t *txn) loadTeam(k market.TeamKind, id string) (*market.Team, error) {
	return get[market.Team](t, store.Teams, string(k), id, store.Eq("kind", string(k)))
}

// actingAccount loads the acting member, which must be able to act.
func (t *txn) actingAccount(acting string) (*account.Account, error) {
	if acting == "" {
		return nil, problem.Invalid("this call acts for a member: send the Acting-Account header",
			problem.Field("Acting-Account", "required", "the member the integration acts for"))
	}
	a, err := t.loadAccount(acting)
	if err != nil {
		return nil, err
	}
	if a.Status == account.Closed || a.Status == account.Erased || a.Status == account.Banned {
		rule := "L8"
		if a.Status == account.Banned && a.StatusRule != "" {
			rule = a.StatusRule
		}
		return nil, problem.Newf("capability_blocked", "account %s is %s", a.ID, a.Status).WithRule(rule)
	}
	return a, nil
}

// actingOn loads the acting member and the team it acts on.
func (t *txn) actingOn(k market.TeamKind, acting, teamID string) (*account.Account, *market.Team, error) {
	a, err := t.actingAccount(acting)
	if err != nil {
		return nil, nil, err
	}
	tm, err := t.loadTeam(k, teamID)
	return a, tm, err
}

// NameInput is the command to create an organization or agency.
type NameInput struct {
	Name string
}

// CreateTeam creates an organization or agency owned by the acting account.
func (s *Service) CreateTeam(ctx context.Context, actor Actor, k market.TeamKind, acting string, in NameInput) (market.Team, error) {
	var out market.Team
	if n := in.Name; n == "" || len(n) > 200 {
		return out, problem.Invalid("name must be 1 to 200 characters", problem.Field("name", "invalid", "1 to 200 characters"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.actingAccount(acting)
		if err != nil {
			return err
		}
		if k == market.Agency && !a.Freelancer {
			return problem.New("capability_blocked", "an agency is owned by a freelancer account; add a freelancer profile first").WithRule("L5")
		}
		tm := &market.Team{ID: ids.New(k.Prefix()), Name: in.Name, OwnerID: a.ID, Status: "active", CreatedAt: t.now,
			Members: []market.Member{{AccountID: a.ID, Role: "owner", Since: t.now}}}
		if err := t.saveTeam(k, tm); err != nil {
			return err
		}
		if k == market.Organization && !a.Client {
			a.Client = true
			if err := t.saveAccount(a); err != nil {
				return err
			}
		}
		if err := t.audit(Event{AccountID: a.ID, Action: string(k) + "_created", Ref: tm.ID}); err != nil {
			return err
		}
		out = *tm
		return nil
	})
	return out, err
}

// MemberInput is the command to add a member to a team.
type MemberInput struct {
	AccountID string
	Role      string
}

// AddMember adds an account to a team; the acting account is its owner or an admin.
func (s *Service) AddMember(ctx context.Context, actor Actor, k market.TeamKind, acting, teamID string, in MemberInput) (market.Team, error) {
	var out market.Team
	if !slices.Contains(k.Roles(), in.Role) {
		return out, problem.Invalid("unknown role", problem.Field("role", "invalid", "a role of this kind of team"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, tm, err := t.actingOn(k, acting, teamID)
		if err != nil {
			return err
		}
		if tm.Status != "active" {
			return problem.Newf("conflict", "%s %s is closed", string(k), tm.ID)
		}
		if r := tm.Role(a.ID); r != "owner" && r != "admin" {
			return problem.Newf("not_owner", "only the owner or an admin adds members to %s %s", string(k), tm.ID).WithRule("L4")
		}
		m, err := t.loadAccount(in.AccountID)
		if err != nil {
			return err
		}
		if m.Status != account.Active {
			return problem.Newf("conflict", "account %s is %s", m.ID, m.Status)
		}
		if k == market.Agency && !m.Freelancer {
			return problem.New("conflict", "agency members are freelancers").WithRule("L5")
		}
		if tm.Role(m.ID) != "" {
			return problem.Newf("conflict", "account %s is already a member", m.ID)
		}
		tm.Members = append(tm.Members, market.Member{AccountID: m.ID, Role: in.Role, Since: t.now})
		if err := t.saveTeam(k, tm); err != nil {
			return err
		}
		if k == market.Organization {
			// C2: the organization's contracts make a member who joins later a
			// contract partner of their freelancers, as they made the members
			// there when each contract started (t.met).
			cs, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.Eq("organization_id", tm.ID)}})
			if err != nil {
				return err
			}
			for _, c := range cs {
				if err := t.meet(c.FreelancerID, m.ID, true); err != nil {
					return err
				}
			}
		}
		if err := t.audit(Event{AccountID: m.ID, Action: "joined_" + string(k), Ref: tm.ID, Reason: in.Role}); err != nil {
			return err
		}
		out = *tm
		return nil
	})
	return out, err
}

// Team returns an organization or agency.
func (s *Service) Team(ctx context.Context, k market.TeamKind, id string) (market.Team, error) {
	var out market.Team
	err := s.read(ctx, func(t *txn) error {
		tm, err := t.loadTeam(k, id)
		if err != nil {
			return err
		}
		out = *tm
		return nil
	})
	return out, err
}

// RemoveMember is leaving (acting = the member) or removing (closure.Leave, L4).
func (s *Service) RemoveMember(ctx context.Context, actor Actor, k market.TeamKind, acting, teamID, memberID string) (market.Team, error) {
	var out market.Team
	err := s.update(ctx, actor, func(t *txn) error {
		a, tm, err := t.actingOn(k, acting, teamID)
		if err != nil {
			return err
		}
		m, err := t.loadAccount(memberID)
		if err != nil {
			return err
		}
		teams := 0
		for _, kk := range []market.TeamKind{market.Organization, market.Agency} {
			n, err := t.Count(t.ctx, store.Teams, store.Eq("kind", string(kk)), store.Eq("status", "active"), store.Has("team_members", "account_id", memberID))
			if err != nil {
				return err
			}
			teams += n
		}
		effs, err := closure.Leave(closure.Leaving{Kind: k, Team: tm, Acting: a.ID, Member: m, OtherTeams: teams - 1})
		if err != nil {
			return err
		}
		if _, err := t.execute(effs); err != nil {
			return err
		}
		if tm, err = t.loadTeam(k, teamID); err != nil {
			return err
		}
		out = *tm
		return nil
	})
	return out, err
}
