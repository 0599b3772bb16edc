// Package service carries out every use case of standing: it loads the facts,
// asks the pure decision packages (account, screen, linkage, enforce, closure)
// what follows, and applies their effects through store in one transaction
// together with the audit events, notices, webhook deliveries and due-time
// jobs they cause. HTTP, the CLI and the job loop all call it.
package service

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"standing/internal/account"
	"standing/internal/clock"
	"standing/internal/identity"
	"standing/internal/ids"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/staff"
	"standing/internal/store"
)

// Actor is who asks for a change: recorded on every audit event. Role is
// the staff role a named member acts with (agent, lead, admin); it decides
// what they may do (roles.go) and is not recorded: the id names the member.
type Actor struct {
	Kind string     `json:"kind"` // member, staff, integration, admin, system, operator
	ID   string     `json:"id"`
	Role staff.Role `json:"-"`
}

// System is the actor of automated decisions and due-time jobs.
var System = Actor{Kind: "system", ID: "system"}

// Service is the application. It is safe for concurrent use.
type Service struct {
	db       *store.DB
	clock    clock.Clock
	set      policy.Settings
	signals  *identity.Hasher
	screener *screen.Screener
	log      *slog.Logger
	wake     chan struct{}  // wakes the due-time job loop
	hookWake chan struct{}  // wakes the webhook delivery pool
	recorded settingsRecord // the settings in force, as decisions record them
}

// New builds the service over an open, migrated database. The signal
// secret comes from the settings (see ResolveSignalSecret for where a
// command finds it); it is never kept in the database.
func New(ctx context.Context, db *store.DB, clk clock.Clock, set policy.Settings, log *slog.Logger) (*Service, error) {
	secret := set.SignalSecret
	if secret == "" {
		return nil, errors.New("no signal secret: see ResolveSignalSecret")
	}
	rec := newSettingsRecord(set)
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SaveSettings(ctx, rec.hash, rec.data, clk.Now()) }); err != nil {
		return nil, fmt.Errorf("record the settings in force: %w", err)
	}
	return &Service{
		db: db, clock: clk, set: set, log: log, recorded: rec,
		signals:  identity.NewHasher(secret, set.SignalPreviousSecrets),
		screener: screen.New(),
		wake:     make(chan struct{}, 1),
		hookWake: make(chan struct{}, 1),
	}, nil
}

// Settings returns the policy settings in force.
func (s *Service) Settings() policy.Settings { return s.set }

// Now is the service's current time.
func (s *Service) Now() time.Time { return s.clock.Now() }

// DB exposes the database for operational commands (keys, migrate).
func (s *Service) DB() *store.DB { return s.db }

// poke wakes the job loop and the webhook pool: a commit scheduled work.
func (s *Service) poke() {
	for _, c := range []chan struct{}{s.wake, s.hookWake} {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// txn is one use case's transaction: the store transaction plus the time and
// actor every effect is recorded with.
type txn struct {
	*store.Tx
	ctx       context.Context
	s         *Service
	now       time.Time
	actor     Actor
	scheduled bool      // a job due now or a webhook delivery was written
	hooks     []Webhook // subscribed endpoints, read once per transaction by emit
	hooksRead bool
	accounts  map[string]*account.Account // loaded in this transaction, by id
	pairs     map[string]*Pair            // pair records read in this transaction, by id
	events    []store.AuditEvent          // audited, not yet written (flushAudit)
}

// run runs fn on a txn over tx and then writes the audit events fn
// recorded, in one statement.
func (s *Service) run(ctx context.Context, tx *store.Tx, now time.Time, actor Actor, fn func(*txn) error) (*txn, error) {
	t := &txn{Tx: tx, ctx: ctx, s: s, now: now, actor: actor}
	if err := fn(t); err != nil {
		return t, err
	}
	return t, t.flushAudit()
}

// update runs fn in one write transaction; store errors become problems.
func (s *Service) update(ctx context.Context, actor Actor, fn func(*txn) error) error {
	scheduled := false
	err := s.db.Update(ctx, func(tx *store.Tx) error {
		t, err := s.run(ctx, tx, s.clock.Now(), actor, fn)
		scheduled = t.scheduled
		return err
	})
	if err == nil && scheduled {
		s.db.AfterCommit(ctx, s.poke)
	}
	return translate(err)
}

// read runs fn without a write transaction.
func (s *Service) read(ctx context.Context, fn func(*txn) error) error {
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		_, err := s.run(ctx, tx, s.clock.Now(), System, fn)
		return err
	})
	return translate(err)
}

func translate(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := problem.As(err); ok {
		return err
	}
	if errors.Is(err, store.ErrConflict) {
		return problem.New("version_conflict", "the object was changed by another request; read it again and retry")
	}
	return err
}

// get loads an aggregate, or a 404 naming it by its noun.
func get[T any](t *txn, tb *store.Table, noun, id string, where ...store.Cond) (*T, error) {
	var v T
	if err := t.Load(t.ctx, tb, id, &v, where...); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, problem.NotFound(noun, id)
		}
		return nil, err
	}
	return &v, nil
}

// Event is one append-only audit record (POLICY.md section 2).
type Event struct {
	ID            string          `json:"id"`
	AccountID     string          `json:"account_id"`
	Action        string          `json:"action"`
	From          string          `json:"from,omitempty"`
	To            string          `json:"to,omitempty"`
	Rule          string          `json:"rule,omitempty"`
	Reason        string          `json:"reason,omitempty"`
	Evidence      []string        `json:"evidence,omitempty"`
	Ref           string          `json:"ref,omitempty"`
	Automated     bool            `json:"automated"`
	Actor         Actor           `json:"actor"`
	PolicyVersion string          `json:"policy_version"`
	At            time.Time       `json:"at"`
	Data          json.RawMessage `json:"data,omitempty"`
}

// audit records an event for the account, filling id, actor, policy version
// and time; it is written with the others when the transaction's work ends.
func (t *txn) audit(e Event) error {
	if e.ID == "" {
		e.ID = ids.New("evt")
	}
	e.Actor = t.actor
	e.Automated = t.actor.Kind == "system" || e.Automated
	e.PolicyVersion = policy.Version
	e.At = t.now
	t.events = append(t.events, store.AuditEvent{ID: e.ID, AccountID: e.AccountID, At: t.now, Event: e})
	return nil
}

// flushAudit writes the events audited so far, in one statement: at the
// end of the transaction's work, and before anything that reads or
// rewrites the audit log within it.
func (t *txn) flushAudit() error {
	err := t.Audit(t.ctx, t.events...)
	t.events = t.events[:0]
	return err
}

// lockAccounts locks the rows of several accounts in one global order (by
// id) before a use case that changes more than one of them reads them, so
// that A→B and B→A at once cannot deadlock.
func (t *txn) lockAccounts(ids ...string) error { return t.LockAccounts(t.ctx, ids...) }

// job is the due-time job kind:ref (one per pair) due at due.
func job(kind, ref string, due time.Time) store.Job {
	return store.Job{ID: kind + ":" + ref, Kind: kind, Ref: ref, DueAt: due}
}

// enqueue schedules due-time jobs, in one statement.
func (t *txn) enqueue(jobs ...store.Job) error {
	for _, j := range jobs {
		// Wake the loop for work due now; later work waits for its tick.
		t.scheduled = t.scheduled || !j.DueAt.After(t.now.Add(time.Second))
	}
	return t.Enqueue(t.ctx, jobs...)
}

// cancel removes the kind:ref job.
func (t *txn) cancel(kind, ref string) error { return t.Cancel(t.ctx, kind+":"+ref) }

// Page is the list envelope of API.md.
type Page[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

// EncodeCursor makes an opaque cursor of the last id of a page.
func EncodeCursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

// DecodeCursor reads a cursor made by EncodeCursor.
func DecodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) == 0 || len(b) > 100 || !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return "", problem.Invalid("cursor is not one this API gave out", problem.Field("cursor", "invalid", "unknown cursor"))
	}
	return string(b), nil
}

// cursorKinds are the id prefixes of what each paged table lists. A
// cursor names the last object of a page, so one whose object is of
// another kind (an account's cursor given to the case queue) was given out
// by another list: it is refused, not read as a place in this one.
var cursorKinds = map[string][]string{
	store.Accounts.Name: {"acc"}, store.Notices.Name: {"ntc"}, store.Cases.Name: {"case"},
	store.Invoices.Name: {"ivc"}, store.Messages.Name: {"msg", "inv"}, store.Webhooks.Name: {"whk"},
}

// decodeCursorOf reads a cursor of a list of objects whose ids have one of
// the prefixes (API.md Conventions, Lists).
func decodeCursorOf(c string, prefixes ...string) (string, error) {
	id, err := DecodeCursor(c)
	if err != nil || id == "" || len(prefixes) == 0 {
		return id, err
	}
	for _, p := range prefixes {
		if strings.HasPrefix(id, p+"_") {
			return id, nil
		}
	}
	return "", problem.Invalid("cursor is not one this list gave out", problem.Field("cursor", "invalid", "a cursor of another list"))
}

// ListOpts are the paging parameters of a list request.
type ListOpts struct {
	Limit  int
	Cursor string
}

// page runs q on a table for one page of opts and converts each aggregate
// with conv.
func page[T any, V any](t *txn, tb *store.Table, q store.Q, opts ListOpts, idOf func(*T) string, conv func(*T) V) (Page[V], error) {
	after, err := decodeCursorOf(opts.Cursor, cursorKinds[tb.Name]...)
	if err != nil {
		return Page[V]{}, err
	}
	q.After, q.Limit = after, opts.Limit+1
	items, err := store.Find[T](t.ctx, t.Tx, tb, q)
	if err != nil {
		return Page[V]{}, err
	}
	out := Page[V]{Data: make([]V, 0, len(items))}
	if len(items) > opts.Limit {
		items = items[:opts.Limit]
		c := EncodeCursor(idOf(&items[len(items)-1]))
		out.NextCursor = &c
	}
	for i := range items {
		out.Data = append(out.Data, conv(&items[i]))
	}
	return out, nil
}

// Screener returns the text screening engine.
func (s *Service) Screener() *screen.Screener { return s.screener }
