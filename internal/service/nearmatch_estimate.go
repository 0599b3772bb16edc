package service

import (
	"context"
	"fmt"
	"math/rand/v2"

	"standing/internal/cases"
	"standing/internal/linkage"
	"standing/internal/store"
)

// EstimateNearMatch re-estimates the M9 probabilities on the accounts in
// the store (linkage.EstimateRecords): the encodings documents are the
// records, and the labelled pairs are the accounts of linkage cases staff
// resolved as multiple_accounts. Settings are not changed: the caller
// writes the result where the operator wants it.
func (s *Service) EstimateNearMatch(ctx context.Context, em bool, seed uint64) (linkage.Estimation, error) {
	var records []linkage.Record
	index := map[string]int{}
	var labelled [][2]int
	err := s.read(ctx, func(t *txn) error {
		for after := ""; ; {
			rows, err := store.Find[encodingsDoc](t.ctx, t.Tx, store.Encodings, store.Q{After: after, Limit: 1000})
			if err != nil {
				return fmt.Errorf("list encodings: %w", err)
			}
			for _, d := range rows {
				index[d.AccountID] = len(records)
				records = append(records, linkage.Record(d.Encodings))
				after = d.AccountID
			}
			if len(rows) < 1000 {
				break
			}
		}
		resolved, err := store.Find[Case](t.ctx, t.Tx, store.Cases, store.Q{Where: []store.Cond{
			store.Eq("kind", string(cases.LinkageReview)), store.Eq("status", string(cases.Resolved))}})
		if err != nil {
			return fmt.Errorf("list linkage cases: %w", err)
		}
		for _, c := range resolved {
			a, ok := index[c.AccountID]
			if c.Outcome == nil || *c.Outcome != "multiple_accounts" || !ok {
				continue
			}
			for _, r := range c.RelatedAccountIDs {
				if b, ok := index[r]; ok {
					labelled = append(labelled, [2]int{a, b})
				}
			}
		}
		return nil
	})
	if err != nil {
		return linkage.Estimation{}, err
	}
	if len(records) < 2 {
		return linkage.Estimation{}, fmt.Errorf("estimate near matches: %d accounts with encodings, need at least 2", len(records))
	}
	start := linkage.ProbsOf(s.set.NearMatch)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return linkage.EstimateRecords(records, labelled, start, em, blockLimit, s.set.LinkCommonAccounts, 20*len(records), r.IntN), nil
}
