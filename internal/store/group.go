package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Group commit on SQLite: write transactions that arrive while one is
// running wait, and then run one after another inside a single transaction
// that commits once. SQLite runs one writer at a time anyway; what a commit
// costs is the pages it writes to the WAL (a sign-up dirties about sixty,
// one write call each for a frame's header and its page), and those that
// every transaction touches (the last page of each table and index it
// appends to) are written once per group instead of once per transaction.
// Each transaction of a group runs inside a savepoint, so one that fails is
// undone alone; none returns before the group committed, so nothing is
// acknowledged before it is durable. Alone, a transaction runs as before,
// without a savepoint. A transaction's function runs on its caller's
// goroutine, when the group hands it the turn.

// maxGroup bounds how many transactions share a commit.
const maxGroup = 64

// errClosed answers a write sent after the database was closed.
var errClosed = errors.New("the database is closed")

// groupWrite is one write transaction waiting for, and then taking, its
// turn in a group.
type groupWrite struct {
	turn chan turn    // the group's transaction, when this write's turn comes
	ran  chan outcome // how the write's own function ended
	done chan error   // the group's commit: nil once it committed
}

// turn hands a write the group's transaction (or why there is none).
type turn struct {
	tx    *sql.Tx
	alone bool // the only write of its group: no savepoint
	err   error
}

// outcome is how a write's function ended, as its group needs to know.
type outcome struct {
	ok     bool  // it succeeded and its savepoint was released
	broken error // the transaction can no longer be used (its savepoint could not be undone)
}

// startGroups starts the goroutine that forms SQLite's groups of write
// transactions and commits them.
func (db *DB) startGroups() {
	db.writes = make(chan *groupWrite)
	db.closing = make(chan struct{})
	db.stopped = make(chan struct{})
	go func() {
		defer close(db.stopped)
		for {
			var first *groupWrite
			select {
			case first = <-db.writes:
			case <-db.closing:
				return
			}
			group := []*groupWrite{first}
		gather:
			for len(group) < maxGroup {
				select {
				case w := <-db.writes:
					group = append(group, w)
				default:
					break gather
				}
			}
			db.runGroup(group)
		}
	}()
}

// retry marks a write that failed because of its group, not of itself: its
// work was rolled back whole, so Update runs it again.
func retry(err error) error { return &engineError{ErrBusy, err.Error(), err} }

// runGroup hands each write of the group the transaction in turn and then
// commits it once.
func (db *DB) runGroup(group []*groupWrite) {
	db.writer.Lock()
	defer db.writer.Unlock()
	db.trips.Add(2) // BEGIN, and COMMIT or ROLLBACK
	// The transaction is the group's, not one caller's: a caller that goes
	// away must not roll back the others' work.
	stx, err := db.write.sql.BeginTx(context.Background(), nil)
	if err != nil {
		for _, w := range group {
			w.turn <- turn{err: retry(fmt.Errorf("begin: %w", err))}
		}
		return
	}
	var ran []*groupWrite // those whose function succeeded
	for i, w := range group {
		w.turn <- turn{tx: stx, alone: len(group) == 1}
		o := <-w.ran
		if o.broken != nil {
			_ = stx.Rollback()
			for _, v := range group[i+1:] {
				v.turn <- turn{err: retry(o.broken)}
			}
			for _, v := range ran {
				v.done <- retry(o.broken)
			}
			return
		}
		if o.ok {
			ran = append(ran, w)
		}
	}
	if len(ran) == 0 {
		_ = stx.Rollback()
		return
	}
	err = stx.Commit()
	if err != nil {
		err = retry(fmt.Errorf("commit: %w", translate(err)))
	} else {
		db.commits.Add(1)
	}
	for _, w := range ran {
		w.done <- err
	}
}

// grouped runs fn in the next group, on the caller's goroutine, and returns
// once the group committed (or fn failed), with the functions fn registered
// with Tx.AfterCommit.
func (db *DB) grouped(ctx context.Context, fn func(*Tx) error) ([]func(), error) {
	w := &groupWrite{turn: make(chan turn, 1), ran: make(chan outcome, 1), done: make(chan error, 1)}
	select {
	case db.writes <- w:
	case <-db.closing:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	tn := <-w.turn // the group hands every write it took its turn
	if tn.err != nil {
		return nil, tn.err
	}
	t := &Tx{tx: tn.tx, db: db, pool: db.write, engine: db.Engine, write: true, grouped: true}
	if err := db.member(ctx, t, tn.alone, fn, w.ran); err != nil {
		return nil, err
	}
	if err := <-w.done; err != nil {
		return nil, err
	}
	return t.after, nil
}

// member runs fn as one write of a group: inside a savepoint unless it is
// alone, undone if fn fails, panics or exits its goroutine, and tells the
// group how it ended whichever way it ends.
func (db *DB) member(ctx context.Context, t *Tx, alone bool, fn func(*Tx) error, ran chan<- outcome) (err error) {
	var o outcome
	defer func() {
		if !alone && !o.ok && o.broken == nil {
			db.trips.Add(2)
			if _, rerr := t.tx.ExecContext(context.WithoutCancel(ctx), `ROLLBACK TO SAVEPOINT grouped`); rerr != nil {
				o.broken = fmt.Errorf("rollback to savepoint: %w", rerr)
			} else if _, rerr := t.tx.ExecContext(context.WithoutCancel(ctx), `RELEASE SAVEPOINT grouped`); rerr != nil {
				o.broken = fmt.Errorf("release savepoint: %w", rerr)
			}
		}
		ran <- o
	}()
	if !alone {
		db.trips.Add(1)
		if _, err := t.tx.ExecContext(context.WithoutCancel(ctx), `SAVEPOINT grouped`); err != nil {
			o.broken = fmt.Errorf("savepoint: %w", err)
			return retry(o.broken)
		}
	}
	if err := fn(t); err != nil {
		return err
	}
	if !alone {
		db.trips.Add(1)
		if _, err := t.tx.ExecContext(context.WithoutCancel(ctx), `RELEASE SAVEPOINT grouped`); err != nil {
			o.broken = fmt.Errorf("release savepoint: %w", err)
			return retry(o.broken)
		}
	}
	o.ok = true
	return nil
}
