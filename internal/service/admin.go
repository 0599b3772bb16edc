package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"slices"
	"sort"
	"time"

	"standing/internal/dsa"
	"standing/internal/ids"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/store"
)

// Roles of API keys.
var Roles = []string{"integration", "staff", "admin"}

func hashKey(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:])
}

// CreateKey makes a key with a role and returns it in clear, once; only its
// hash is stored.
func CreateKey(ctx context.Context, db *store.DB, role, name string, now time.Time) (string, store.Key, error) {
	if !slices.Contains(Roles, role) {
		return "", store.Key{}, errors.New("role must be integration, staff or admin")
	}
	if name == "" {
		return "", store.Key{}, errors.New("a key needs a --name")
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	secret := "sk_" + role[:3] + "_" + base64.RawURLEncoding.EncodeToString(b[:])
	k := store.Key{ID: ids.New("key"), Hash: hashKey(secret), Role: role, Name: name, CreatedAt: now}
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateKey(ctx, k) })
	return secret, k, err
}

// Authenticate finds the key behind a bearer token.
func (s *Service) Authenticate(ctx context.Context, token string) (store.Key, error) {
	var k store.Key
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		k, err = tx.KeyByHash(ctx, hashKey(token))
		return err
	})
	return k, err
}

// KeyCount tells whether any key exists yet (the first start hint).
func (s *Service) KeyCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		n, err = tx.CountKeys(ctx)
		return err
	})
	return n, err
}

// Policies is the answer of GET /v1/policies.
type Policies struct {
	Version  string          `json:"version"`
	Rules    []policy.Rule   `json:"rules"`
	Settings policy.Settings `json:"settings"`
}

// PolicyView lists every rule with its tier, and the settings in force
// (secrets left out).
func (s *Service) PolicyView() Policies {
	set := s.set
	set.SignalSecret, set.SignalPreviousSecrets, set.SignalSecretFile, set.MetricsToken = "", nil, "", ""
	return Policies{Version: policy.Version, Rules: policy.Rules, Settings: set}
}

// DSA renders a notice as a DSA statement of reasons.
func (s *Service) DSA(ctx context.Context, id string) (dsa.Statement, error) {
	n, err := s.Notice(ctx, id)
	if err != nil {
		return nil, err
	}
	source := "automated"
	if !n.AutomatedDetection {
		source = "staff"
	}
	return dsa.Render(n, source), nil
}

// ActionCount is one line of the transparency report.
type ActionCount struct {
	Rule      string `json:"rule"`
	Action    string `json:"action"`
	Automated bool   `json:"automated"`
	Count     int    `json:"count"`
}

// AppealStats summarize appeals in the report.
type AppealStats struct {
	Received            int      `json:"received"`
	Granted             int      `json:"granted"`
	Denied              int      `json:"denied"`
	MedianHoursToDecide *float64 `json:"median_hours_to_decide"`
}

// Transparency is the report of GET /v1/reports/transparency.
type Transparency struct {
	From    time.Time     `json:"from"`
	To      time.Time     `json:"to"`
	Actions []ActionCount `json:"actions"`
	Appeals AppealStats   `json:"appeals"`
}

// Report counts decisions by rule, action and automation, and appeals,
// between from and to.
func (s *Service) Report(ctx context.Context, from, to time.Time) (Transparency, error) {
	out := Transparency{From: from, To: to, Actions: []ActionCount{}}
	if !from.Before(to) {
		return out, problem.Invalid("from must be before to", problem.Field("from", "invalid", "before to"))
	}
	err := s.read(ctx, func(t *txn) error {
		notices, err := store.ListAs[notice.Notice](t.ctx, t.Tx, store.Query{Kind: "notice", Since: from})
		if err != nil {
			return err
		}
		counts := map[ActionCount]int{}
		for _, n := range notices {
			if !n.CreatedAt.Before(to) {
				continue
			}
			counts[ActionCount{Rule: n.Rule, Action: n.Action, Automated: n.AutomatedDecision}]++
		}
		for k, v := range counts {
			k.Count = v
			out.Actions = append(out.Actions, k)
		}
		sort.Slice(out.Actions, func(i, j int) bool {
			a, b := out.Actions[i], out.Actions[j]
			if a.Rule != b.Rule {
				return a.Rule < b.Rule
			}
			if a.Action != b.Action {
				return a.Action < b.Action
			}
			return !a.Automated && b.Automated
		})
		appeals, err := store.ListAs[Case](t.ctx, t.Tx, store.Query{Kind: "case", Refs: []string{"casekind:appeal"}, Since: from})
		if err != nil {
			return err
		}
		var hours []float64
		for _, c := range appeals {
			if !c.CreatedAt.Before(to) {
				continue
			}
			out.Appeals.Received++
			if c.Outcome == nil || c.ResolvedAt == nil {
				continue
			}
			switch *c.Outcome {
			case "grant":
				out.Appeals.Granted++
			case "deny":
				out.Appeals.Denied++
			}
			hours = append(hours, c.ResolvedAt.Sub(c.CreatedAt).Hours())
		}
		if len(hours) > 0 {
			sort.Float64s(hours)
			m := hours[len(hours)/2]
			if len(hours)%2 == 0 {
				m = (hours[len(hours)/2-1] + hours[len(hours)/2]) / 2
			}
			out.Appeals.MedianHoursToDecide = &m
		}
		return nil
	})
	return out, err
}
