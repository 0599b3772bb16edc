package store

import (
	"context"
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
// without a savepoint.

// maxGroup bounds how many transactions share a commit.
const maxGroup = 64

// errClosed answers a write sent after the database was closed.
var errClosed = errors.New("the database is closed")

// groupWrite is one write transaction waiting for its group.
type groupWrite struct {
	fn   func(*Tx) error
	done chan groupResult
}

// groupResult is what a write transaction of a group came to.
type groupResult struct {
	after []func()
	err   error
	panic any // fn panicked with it: re-raised in the caller's goroutine
}

// startGroups starts the goroutine that runs SQLite's write transactions.
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

// grouped runs fn in the next group and returns once the group committed
// (or fn failed), with the functions fn registered with Tx.AfterCommit.
func (db *DB) grouped(ctx context.Context, fn func(*Tx) error) ([]func(), error) {
	w := &groupWrite{fn: fn, done: make(chan groupResult, 1)}
	select {
	case db.writes <- w:
	case <-db.closing:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r := <-w.done // fn may be running: wait for it even if ctx ends
	if r.panic != nil {
		panic(r.panic)
	}
	return r.after, r.err
}

// runGroup runs the group's transactions in one SQLite transaction, each in
// a savepoint when there are several, and commits once.
func (db *DB) runGroup(group []*groupWrite) {
	db.writer.Lock()
	defer db.writer.Unlock()
	results := make([]groupResult, len(group))
	finish := func() {
		for i, w := range group {
			w.done <- results[i]
		}
	}
	defer finish()
	failAll := func(err error) {
		for i := range results {
			if results[i].err == nil && results[i].panic == nil {
				results[i] = groupResult{err: err}
			}
		}
	}
	db.trips.Add(2) // BEGIN, and COMMIT or ROLLBACK
	// The transaction is the group's, not one caller's: a caller that goes
	// away must not roll back the others' work.
	stx, err := db.write.sql.BeginTx(context.Background(), nil)
	if err != nil {
		failAll(fmt.Errorf("begin: %w", err))
		return
	}
	alone := len(group) == 1
	ok := false
	for i, w := range group {
		t := &Tx{tx: stx, db: db, pool: db.write, engine: db.Engine, write: true}
		if alone {
			results[i] = run(t, w.fn)
			ok = results[i].err == nil && results[i].panic == nil
			break
		}
		db.trips.Add(2) // SAVEPOINT, and RELEASE or ROLLBACK TO
		if _, err := stx.Exec(`SAVEPOINT grouped`); err != nil {
			failAll(fmt.Errorf("savepoint: %w", err))
			_ = stx.Rollback()
			return
		}
		results[i] = run(t, w.fn)
		if results[i].err != nil || results[i].panic != nil {
			if _, err := stx.Exec(`ROLLBACK TO SAVEPOINT grouped`); err != nil {
				failAll(fmt.Errorf("rollback to savepoint: %w", err))
				_ = stx.Rollback()
				return
			}
		} else {
			ok = true
		}
		if _, err := stx.Exec(`RELEASE SAVEPOINT grouped`); err != nil {
			failAll(fmt.Errorf("release savepoint: %w", err))
			_ = stx.Rollback()
			return
		}
	}
	if !ok {
		_ = stx.Rollback()
		return
	}
	if err := stx.Commit(); err != nil {
		failAll(fmt.Errorf("commit: %w", translate(err)))
	}
}

// run calls fn on t, turning a panic into a result.
func run(t *Tx, fn func(*Tx) error) (r groupResult) {
	defer func() {
		if p := recover(); p != nil {
			r = groupResult{panic: p}
		}
	}()
	if err := fn(t); err != nil {
		return groupResult{err: err}
	}
	return groupResult{after: t.after}
}
