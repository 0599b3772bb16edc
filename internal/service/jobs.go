package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/clock"
	"standing/internal/closure"
	"standing/internal/enforce"
	"standing/internal/problem"
	"standing/internal/simulate"
	"standing/internal/store"
)

// runJob performs one due-time job inside the transaction that claimed it.
// Each handler re-reads the facts, so a job that is no longer needed (the
// member verified, the suspension was lifted) does nothing.
func (s *Service) runJob(t *txn, j store.Job) error {
	switch j.Kind {
	case "deadline":
		return t.deadline(j.Ref)
	case "verification_deadline":
		return t.verificationDeadline(j.Ref)
	case "release":
		return t.release(j.Ref)
	case "billing":
		return t.billWeek(j.Ref, j.DueAt)
	case "connects_grant":
		return t.grant(j.Ref, j.DueAt)
	case "dormancy":
		return t.dormancy(j.Ref)
	case "dormant_close":
		return t.dormantClose(j.Ref)
	case "erase":
		return t.retention(j.Ref)
	}
	return fmt.Errorf("unknown job kind %q", j.Kind)
}

// RunDue runs every job due by now and returns how many ran.
func (s *Service) RunDue(ctx context.Context) (int, error) {
	n, failures := 0, 0
	for {
		now := s.clock.Now()
		found, err := s.db.RunOne(ctx, now, func(tx *store.Tx, j store.Job) error {
			_, err := s.run(ctx, tx, now, System, func(t *txn) error { return s.runJob(t, j) })
			return err
		})
		if err != nil {
			// A failed job is put back with back-off; a failing database is
			// left for the next round.
			s.log.Error("job failed; it will be retried", "err", err)
			if failures++; !found || failures > 3 {
				return n, err
			}
			continue
		}
		if !found {
			return n, nil
		}
		n++
	}
}

// AdvanceClock moves a test clock forward and runs every job that became
// due, then delivers the webhooks they caused.
func (s *Service) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	tc, ok := s.clock.(*clock.Test)
	if !ok {
		return time.Time{}, errors.New("the server runs on the system clock")
	}
	now := tc.Advance(d)
	// Another replica or the background loop may hold a due job; wait until
	// none due by now is left, so the answer comes after every one ran.
	for wait := time.Now().Add(30 * time.Second); ; {
		if _, err := s.RunDue(ctx); err != nil {
			return now, err
		}
		next, ok, err := s.db.NextDue(ctx)
		if err != nil {
			return now, err
		}
		if !ok || next.After(now) {
			break
		}
		if time.Now().After(wait) {
			return now, fmt.Errorf("jobs due by %s are still running", now.Format(time.RFC3339))
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.poke()
	return now, nil
}

// Loop runs due jobs until ctx ends: when a commit scheduled work, and at
// least once a second; beside it, webhook deliveries run in a pool of their
// own (deliverLoop), so a slow receiver never delays a deadline, and on
// SQLite the WAL is checkpointed off the request path (checkpointLoop).
// Every hour it forgets idempotency keys past their 24 hours.
func (s *Service) Loop(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	hooksDone, checkpointsDone := make(chan struct{}), make(chan struct{})
	go func() { s.deliverLoop(ctx); close(hooksDone) }()
	go func() { s.checkpointLoop(ctx); close(checkpointsDone) }()
	defer func() { <-hooksDone; <-checkpointsDone }()
	var lastPurge time.Time
	for {
		if next, ok, err := s.db.NextDue(ctx); err == nil && ok && !next.After(s.clock.Now()) {
			if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("due-time jobs", "err", err)
			}
		}
		if time.Since(lastPurge) >= time.Hour {
			if err := s.db.Update(ctx, func(tx *store.Tx) error {
				return tx.PurgeIdempotency(ctx, s.clock.Now().Add(-s.set.IdempotencyTTL.D()))
			}); err != nil && ctx.Err() == nil {
				s.log.Warn("purge idempotency keys", "err", err)
			}
			lastPurge = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-s.wake:
		}
	}
}

// checkpointEvery is how often the WAL's new pages are copied into the
// SQLite database file. Often, so that each copy is short: the pages
// written in a second of 500 sign-ups take tens of milliseconds to copy,
// and a request that arrives meanwhile on a busy core waits behind them.
const checkpointEvery = 100 * time.Millisecond

// checkpointLoop checkpoints the SQLite WAL every checkpointEvery until ctx
// ends (store.DB.Checkpoint); there is nothing to do on PostgreSQL.
func (s *Service) checkpointLoop(ctx context.Context) {
	if s.db.Engine != store.SQLite {
		return
	}
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		if err := s.db.Checkpoint(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("checkpoint", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// deadline is E1 (enforce.Deadline).
func (t *txn) deadline(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	effs := enforce.Deadline(a, t.now)
	if err := t.recordDecision(simulate.Deadline, simulate.Facts{Account: simulate.Snap(a)}, simulate.Changes(effs)); err != nil {
		return err
	}
	_, err = t.execute(effs)
	return err
}

// verificationDeadline is I2 (enforce.VerificationDeadline).
func (t *txn) verificationDeadline(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	_, err = t.execute(enforce.VerificationDeadline(a, t.now))
	return err
}

// release moves a payment from pending to available after the security period.
func (t *txn) release(payID string) error {
	var p struct {
		AccountID string `json:"account_id"`
		Amount    int64  `json:"amount_cents"`
	}
	if err := t.Load(t.ctx, store.Payments, payID, &p); err != nil {
		return ignoreMissing(err)
	}
	return t.move(p.Amount, p.AccountID, bucketPending, p.AccountID, bucketAvailable, payID, "security period over")
}

// grant is P3's monthly Connects grant, capped at the rollover limit
// (account.GrantConnects). The monthly job goes on while the account is
// closed or banned, since it may come back; only erasure ends it.
func (t *txn) grant(id string, due time.Time) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	if a.Status == account.Erased {
		return nil
	}
	if n := a.GrantConnects(t.s.set); n > 0 {
		if err := t.audit(Event{AccountID: a.ID, Action: "connects_granted", Rule: "P3", Reason: fmt.Sprintf("+%d (%s plan)", n, a.Plan)}); err != nil {
			return err
		}
	}
	if err := t.enqueue(job("connects_grant", a.ID, due.AddDate(0, 1, 0))); err != nil {
		return err
	}
	return t.saveAccount(a)
}

// dormancy is L9's first step (closure.Dormancy).
func (t *txn) dormancy(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	_, err = t.execute(closure.Dormancy(a, t.now, t.s.set))
	return err
}

// dormantClose is L9's second step (closure.DormantClose).
func (t *txn) dormantClose(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	f := closure.Facts{Account: a}
	if a.Status == account.Active && a.DormancyNoticeAt != nil {
		if f.Obligations, err = t.obligationBlockers(a); err != nil {
			return err
		}
	}
	_, err = t.execute(closure.DormantClose(f, t.s.set))
	return err
}

// retention is L10 on time (closure.Retention).
func (t *txn) retention(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return ignoreMissing(err)
	}
	_, err = t.execute(closure.Retention(a, t.now, t.s.set))
	return err
}

func ignoreMissing(err error) error {
	if p, ok := problem.As(err); ok && p.Code == "not_found" {
		return nil
	}
	return err
}
