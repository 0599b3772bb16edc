package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DecisionRow is the recorded facts of one decision (issue 16): typed
// columns for what is filtered and counted, JSON for the facts its decider
// read and the changes it made.
type DecisionRow struct {
	ID            string
	EventID       string
	Kind          string
	AccountID     string
	At            time.Time
	Rule          string
	Action        string
	Replayable    bool
	SettingsHash  string
	PolicyVersion string
	Facts         []byte
	Outcome       []byte
}

// AddDecision records the facts of a decision in the transaction that carries it out.
func (t *Tx) AddDecision(ctx context.Context, d DecisionRow) error {
	if _, err := t.exec(ctx, `INSERT INTO decision_facts (id, event_id, kind, account_id, at, rule, action, replayable,
		settings_hash, policy_version, facts, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		d.ID, d.EventID, d.Kind, d.AccountID, micros(d.At), d.Rule, d.Action, d.Replayable, d.SettingsHash, d.PolicyVersion,
		string(d.Facts), string(d.Outcome)); err != nil {
		return fmt.Errorf("record decision %s: %w", d.Kind, err)
	}
	return nil
}

// SaveSettings keeps the settings a decision was taken under, once per hash.
func (t *Tx) SaveSettings(ctx context.Context, hash string, data []byte, at time.Time) error {
	if _, err := t.exec(ctx, `INSERT INTO policy_settings (hash, first_used, data) VALUES ($1, $2, $3)
		ON CONFLICT (hash) DO NOTHING`, hash, micros(at), string(data)); err != nil {
		return fmt.Errorf("save settings %s: %w", hash, err)
	}
	return nil
}

// EachDecision calls fn with every decision recorded in [from, to], in
// the order they were taken, without holding them all in memory.
func (t *Tx) EachDecision(ctx context.Context, from, to time.Time, fn func(DecisionRow) error) error {
	rows, err := t.query(ctx, `SELECT id, event_id, kind, account_id, at, rule, action, replayable, settings_hash,
		policy_version, facts, outcome FROM decision_facts WHERE at >= $1 AND at <= $2 ORDER BY at, seq`, micros(from), micros(to))
	if err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d DecisionRow
		var at int64
		var facts, outcome string
		if err := rows.Scan(&d.ID, &d.EventID, &d.Kind, &d.AccountID, &at, &d.Rule, &d.Action, &d.Replayable,
			&d.SettingsHash, &d.PolicyVersion, &facts, &outcome); err != nil {
			return fmt.Errorf("decisions: %w", err)
		}
		d.At, d.Facts, d.Outcome = fromMicros(at), []byte(facts), []byte(outcome)
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CountDecisions counts the decisions recorded in [from, to].
func (t *Tx) CountDecisions(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM decision_facts WHERE at >= $1 AND at <= $2`, micros(from), micros(to)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count decisions: %w", err)
	}
	return n, nil
}

// SimulationRow is one what-if run: its counts and its whole answer.
type SimulationRow struct {
	ID             string
	CreatedAt      time.Time
	From, To       time.Time
	Replayed       int
	Changed        int
	NotReplayable  int
	StaffDecisions int
	Data           []byte
}

// AddSimulation stores a what-if run.
func (t *Tx) AddSimulation(ctx context.Context, s SimulationRow) error {
	if _, err := t.exec(ctx, `INSERT INTO simulations (id, created_at, from_at, to_at, replayed, changed, not_replayable,
		staff_decisions, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, s.ID, micros(s.CreatedAt), micros(s.From), micros(s.To),
		s.Replayed, s.Changed, s.NotReplayable, s.StaffDecisions, string(s.Data)); err != nil {
		return fmt.Errorf("store simulation: %w", err)
	}
	return nil
}

// Simulation returns the answer of a what-if run, or ErrNotFound.
func (t *Tx) Simulation(ctx context.Context, id string) ([]byte, error) {
	var data string
	err := t.queryRow(ctx, `SELECT data FROM simulations WHERE id = $1`, id).Scan(&data)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("simulation %s: %w", id, err)
	}
	return []byte(data), nil
}
