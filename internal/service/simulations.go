package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/ids"
	"standing/internal/linkage"
	"standing/internal/market"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/simulate"
	"standing/internal/store"
)

// settingsRecord is the settings in force as decisions record them: the
// public JSON and its hash, made and stored once when the service starts.
type settingsRecord struct {
	hash string
	data []byte
}

func newSettingsRecord(set policy.Settings) settingsRecord {
	b, _ := json.Marshal(set.Public())
	sum := sha256.Sum256(b)
	return settingsRecord{hash: hex.EncodeToString(sum[:8]), data: b}
}

// recordDecision stores the facts of an automated decision with its audit
// event, in the transaction that carries it out, so that a what-if run can
// decide it again (issue 16). changes is what its effects do.
func (t *txn) recordDecision(kind string, f simulate.Facts, changes []simulate.Change) error {
	f.At = t.now
	c := simulate.Of(changes, f.Account.ID)
	return t.storeDecision(kind, f.Account.ID, c, true, f, changes)
}

// recordStaff counts a decision a person took: kept as it was by a
// what-if run, never replayed.
func (t *txn) recordStaff(effs []effect.Effect) error {
	changes := simulate.Changes(effs)
	if len(changes) == 0 {
		return nil
	}
	return t.storeDecision(simulate.Staff, changes[0].Account, changes[0], false, simulate.Facts{At: t.now}, changes)
}

func (t *txn) storeDecision(kind, accountID string, c simulate.Change, replayable bool, f simulate.Facts, changes []simulate.Change) error {
	if changes == nil {
		changes = []simulate.Change{}
	}
	facts, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode %s facts: %w", kind, err)
	}
	outcome, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("encode %s outcome: %w", kind, err)
	}
	set := t.s.recorded
	id, ev := ids.New("dec"), ids.New("evt")
	if err := t.audit(Event{ID: ev, AccountID: accountID, Action: "decision_recorded", Rule: c.Rule, Reason: kind + ": " + c.Action,
		Ref: id, Automated: replayable}); err != nil {
		return err
	}
	return t.AddDecision(t.ctx, store.DecisionRow{ID: id, EventID: ev, Kind: kind, AccountID: accountID, At: t.now, Rule: c.Rule,
		Action: c.Action, Replayable: replayable, SettingsHash: set.hash, PolicyVersion: policy.Version, Facts: facts, Outcome: outcome})
}

// messageFacts are what a message decision reads besides its findings' text.
func messageFacts(from *account.Account, m *market.Message, firstMet time.Time, findings []screen.Finding) simulate.Facts {
	return simulate.Facts{Account: simulate.Snap(from), Message: &simulate.MessageFacts{Surface: m.Kind, Ref: m.ID,
		HasContract: m.HasContract, FirstMet: firstMet, Findings: simulate.Findings(findings)}}
}

// recordLinks records a sign-up (M4, M9) or later-link (M5) decision with
// what it read: the matches, the linked accounts as they stand, and what
// the caller puts in lf (near links, exceptions, links known before, a
// refusal's rule).
func (t *txn) recordLinks(kind string, subject *account.Account, matches []linkage.Match, lf simulate.LinkFacts, changes []simulate.Change) error {
	lf.Matches = simulate.Matches(matches)
	seen := map[string]bool{subject.ID: true}
	for _, m := range matches {
		if seen[m.AccountID] {
			continue
		}
		seen[m.AccountID] = true
		o, err := t.loadAccount(m.AccountID)
		if err != nil {
			return err
		}
		lf.Others = append(lf.Others, simulate.Snap(o))
	}
	return t.recordDecision(kind, simulate.Facts{Account: simulate.Snap(subject), Links: &lf}, changes)
}

// refusalAges are how long ago the account's refused attempts were made,
// this one included, back to simulate.RefusalHorizon: C3 counts those in
// its window, and a proposal with a longer window finds the others.
func (t *txn) refusalAges(accountID string) ([]time.Duration, error) {
	prior, err := store.Find[struct {
		At time.Time `json:"created_at"`
	}](t.ctx, t.Tx, store.Refusals, store.Q{Where: []store.Cond{store.Eq("account_id", accountID),
		store.Since("created_at", t.now.Add(-simulate.RefusalHorizon(t.s.set)))}})
	if err != nil {
		return nil, err
	}
	ages := make([]time.Duration, len(prior))
	for i, r := range prior {
		ages[i] = t.now.Sub(r.At)
	}
	return ages, nil
}

// SimulationInput is the command for a what-if run: settings over those
// in force, each value written as in the config file; From and To are nil
// for the default window.
type SimulationInput struct {
	Settings map[string]json.RawMessage
	From     *string
	To       *string
	By       Actor // who runs it, audited (API.md: every staff action)
}

// Simulation is a what-if run: the counts of its replay, the window and
// the settings it replayed under.
type Simulation struct {
	ID string `json:"id"`
	simulate.Counts
	From      time.Time       `json:"from"`
	To        time.Time       `json:"to"`
	Settings  policy.Settings `json:"settings"`
	CreatedAt time.Time       `json:"created_at"`
}

// Simulate validates a what-if request (the settings over those in force,
// checked as the config file is; the window defaulting to the last 30
// days) and runs it.
func (s *Service) Simulate(ctx context.Context, in SimulationInput) (Simulation, error) {
	var errs []problem.FieldError
	raw, err := json.Marshal(in.Settings)
	if err != nil {
		return Simulation{}, fmt.Errorf("simulation settings: %w", err)
	}
	set, serrs := policy.Parse(s.set, raw)
	for _, e := range serrs {
		field := "settings"
		if e.Setting != "" {
			field += "." + e.Setting
		}
		errs = append(errs, problem.Field(field, "invalid", e.Detail))
	}
	to := s.clock.Now()
	parse := func(name string, p *string, dst *time.Time) {
		if p == nil {
			return
		}
		v, err := time.Parse(time.RFC3339, *p)
		if err != nil {
			errs = append(errs, problem.Field(name, "invalid", "an RFC 3339 time"))
			return
		}
		*dst = v.UTC()
	}
	parse("to", in.To, &to)
	from := to.AddDate(0, 0, -30)
	parse("from", in.From, &from)
	for _, w := range []struct {
		name string
		at   time.Time
	}{{"from", from}, {"to", to}} {
		if y := w.at.Year(); y < 1 || y > 9999 {
			errs = append(errs, problem.Field(w.name, "invalid", "a time in the years 1 to 9999"))
		}
	}
	if len(errs) == 0 && !from.Before(to) {
		errs = append(errs, problem.Field("from", "invalid", "before to"))
	}
	if len(errs) > 0 {
		return Simulation{}, problem.Invalid("the simulation request has invalid fields", errs...)
	}
	names := slices.Sorted(maps.Keys(in.Settings))
	reason := "settings in force"
	if len(names) > 0 {
		reason = "settings " + strings.Join(names, ", ")
	}
	return s.runSimulation(ctx, in.By, reason+" over "+from.Format(time.RFC3339)+" to "+to.Format(time.RFC3339), set, from, to, nil)
}

// RunSimulation replays every decision recorded in [from, to] under set,
// reporting progress (done, total) when asked, and stores the result: the
// only thing it writes.
func (s *Service) RunSimulation(ctx context.Context, set policy.Settings, from, to time.Time, progress func(done, total int)) (Simulation, error) {
	return s.runSimulation(ctx, Operator, "settings of a file", set, from, to, progress)
}

// runSimulation is RunSimulation audited as run by an actor, for a reason
// naming what it changed.
func (s *Service) runSimulation(ctx context.Context, by Actor, reason string, set policy.Settings, from, to time.Time, progress func(done, total int)) (Simulation, error) {
	out := Simulation{ID: ids.New("sim"), From: from, To: to, Settings: set.Public(), CreatedAt: s.clock.Now()}
	r := simulate.New(set)
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		total := 0
		if progress != nil {
			var err error
			if total, err = tx.CountDecisions(ctx, from, to); err != nil {
				return err
			}
		}
		done := 0
		return tx.EachDecision(ctx, from, to, func(row store.DecisionRow) error {
			d := simulate.Decision{ID: row.ID, Kind: row.Kind, AccountID: row.AccountID}
			if row.Replayable {
				if err := json.Unmarshal(row.Facts, &d.Facts); err != nil {
					return fmt.Errorf("decision %s: facts: %w", row.ID, err)
				}
				if err := json.Unmarshal(row.Outcome, &d.Outcome); err != nil {
					return fmt.Errorf("decision %s: outcome: %w", row.ID, err)
				}
			}
			if err := r.Step(d); err != nil {
				return err
			}
			if done++; progress != nil && (done%1000 == 0 || done == total) {
				progress(done, total)
			}
			return nil
		})
	})
	if err != nil {
		return out, fmt.Errorf("simulate: %w", err)
	}
	out.Counts = r.Finish(to)
	data, err := json.Marshal(out)
	if err != nil {
		return out, fmt.Errorf("encode simulation: %w", err)
	}
	err = s.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.AddSimulation(ctx, store.SimulationRow{ID: out.ID, CreatedAt: out.CreatedAt, From: from, To: to, Replayed: out.Replayed,
			Changed: out.Changed, NotReplayable: out.NotReplayable, StaffDecisions: out.StaffDecisions, Data: data}); err != nil {
			return err
		}
		return adminAudit(ctx, tx, by, out.ID, "simulation_run", reason, out.CreatedAt)
	})
	return out, err
}

// Simulation returns a stored what-if run.
func (s *Service) Simulation(ctx context.Context, id string) (Simulation, error) {
	var out Simulation
	err := s.read(ctx, func(t *txn) error {
		b, err := t.Tx.Simulation(t.ctx, id)
		if err != nil {
			if err == store.ErrNotFound {
				return problem.NotFound("simulation", id)
			}
			return err
		}
		return json.Unmarshal(b, &out)
	})
	return out, err
}
