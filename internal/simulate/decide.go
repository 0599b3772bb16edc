package simulate

import (
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/linkage"
	"standing/internal/messaging"
	"standing/internal/policy"
	"standing/internal/screen"
)

// view gives the account a decider reads for a recorded snapshot: the
// replay's own version of it, with what the proposal changed carried forward.
type view func(Snapshot) *account.Account

// SignupChanges sums up a sign-up decision: a refused sign-up makes no
// account, so it is recorded as a refusal of the would-be account (M4).
func SignupChanges(id string, changes []Change, refused bool) []Change {
	if refused {
		return []Change{{Account: id, Action: Refused, Rule: "M4"}}
	}
	return changes
}

// LinkSettings are the scoring settings of the policy (M3).
func LinkSettings(s policy.Settings) linkage.Settings {
	return linkage.Settings{StrongScore: s.LinkStrongScore, CommonAccounts: s.LinkCommonAccounts}
}

// decide runs a recorded decision again through its decider, on the
// accounts as v gives them, under settings s, and sums up its effects.
func decide(kind string, f Facts, v view, s policy.Settings) ([]Change, error) {
	at := f.At
	switch {
	case kind == Message && f.Message != nil:
		m := f.Message
		fs := make([]screen.Finding, len(m.Findings))
		for i, x := range m.Findings {
			fs[i] = x.screen()
		}
		o := messaging.Decide("", fs, messaging.Facts{Invitation: m.Surface == "invitation", Review: m.Surface == "review", HasContract: m.HasContract,
			FirstMet: m.FirstMet, Now: at, Settings: s})
		if o.Rule == "" {
			return nil, nil
		}
		return Changes(enforce.Violate(v(f.Account), messaging.Violation(o, m.Surface, m.Ref), at, s)), nil
	case kind == Spam && f.Spam != nil:
		_, effs := messaging.SpamCheck(v(f.Account), f.Spam.Ref, f.Spam.Contacts, f.Spam.Daily, f.Spam.OpenCase, at, s)
		return Changes(effs), nil
	case kind == Refusal && f.Refusal != nil:
		return Changes(enforce.Refusals(v(f.Account), f.Refusal.Ages, f.Refusal.Surface, nil, at, s)), nil
	case kind == Signup && f.Links != nil:
		links := linkage.Score(matches(f.Links, v), LinkSettings(s))
		_, effs, refused := linkage.Signup(v(f.Account), links, f.Links.Near, f.Links.Excepted, linkage.NearSettingsOf(s), at, s)
		return SignupChanges(f.Account.ID, Changes(effs), refused != nil), nil
	case kind == Later && f.Links != nil:
		lf := linkage.LaterFacts{Account: v(f.Account), Others: map[string]*account.Account{}, Excepted: f.Links.Excepted,
			Known: f.Links.Known, Reject: f.Links.Reject, Now: at, Settings: s}
		for _, o := range f.Links.Others {
			lf.Others[o.ID] = v(o)
		}
		lf.Links = linkage.Score(matches(f.Links, v), LinkSettings(s))
		_, effs := linkage.Later(lf)
		return Changes(effs), nil
	case kind == Verification && f.Verify != nil:
		_, effs := enforce.Verify(v(f.Account), enforce.IdentityCheck{Age: f.Verify.Age, DocumentUsed: f.Verify.DocumentUsed,
			NameMatches: f.Verify.NameMatches}, at, s)
		return Changes(effs), nil
	case kind == Deadline:
		return Changes(enforce.Deadline(v(f.Account), at)), nil
	}
	return nil, fmt.Errorf("decision of kind %q has no facts to replay", kind)
}

// matches turns recorded matches back into the scorer's input, each
// linked account with the status the replay gives it (a ban the proposal
// did not make is no ban to evade).
func matches(lf *LinkFacts, v view) []linkage.Match {
	status := map[string]string{}
	for _, o := range lf.Others {
		status[o.ID] = string(v(o).Status)
	}
	out := make([]linkage.Match, len(lf.Matches))
	for i, m := range lf.Matches {
		st := m.Status
		if s, ok := status[m.AccountID]; ok {
			st = s
		}
		out[i] = linkage.Match{AccountID: m.AccountID, Status: st, Kind: m.Kind, Shared: m.Shared, WasBanned: m.WasBanned}
	}
	return out
}

// RefusalHorizon is how far back the refused attempts a C3 decision
// records go: the refusal window, and at least a week, so that a proposal
// with a longer window still finds them.
func RefusalHorizon(s policy.Settings) time.Duration {
	return max(s.RefusedWindow.D(), 7*24*time.Hour)
}
