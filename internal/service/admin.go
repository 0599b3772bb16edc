package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"standing/internal/dsa"
	"standing/internal/ids"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/staff"
	"standing/internal/store"
)

// Roles of API keys.
var Roles = []string{"integration", "staff", "admin"}

func hashKey(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:])
}

// KeySpec describes a key to create: its role, who it is for, and the staff
// member it belongs to ("" for none; only staff and admin keys may have one).
type KeySpec struct {
	Role    string
	Name    string
	StaffID string
	By      Actor // who creates it, for the audit log; Operator when unset
}

// Operator is the actor of the command line's key and staff management:
// whoever runs it on the server's host.
var Operator = Actor{Kind: "operator", ID: "command line"}

// adminAudit appends the audit event of a change to API keys or staff
// members (API.md: every staff action is audited as that member). The key
// or staff member changed stands where an account's id stands in the
// events of accounts.
func adminAudit(ctx context.Context, tx *store.Tx, by Actor, subject, action, reason string, now time.Time) error {
	if by.Kind == "" {
		by = Operator
	}
	e := Event{ID: ids.New("evt"), AccountID: subject, Action: action, Reason: reason, Actor: by, PolicyVersion: policy.Version, At: now}
	return tx.Audit(ctx, store.AuditEvent{ID: e.ID, AccountID: subject, At: now, Event: e})
}

// CreateKey makes a key of a role that belongs to no staff member; see
// NewKey.
func CreateKey(ctx context.Context, db *store.DB, role, name string, now time.Time) (string, store.Key, error) {
	return NewKey(ctx, db, KeySpec{Role: role, Name: name}, now)
}

// NewKey makes a key and returns it in clear, once; only its hash is
// stored. A staff or admin key may belong to an active staff member (an
// admin key only to an admin).
func NewKey(ctx context.Context, db *store.DB, spec KeySpec, now time.Time) (string, store.Key, error) {
	if !slices.Contains(Roles, spec.Role) {
		return "", store.Key{}, errors.New("role must be integration, staff or admin")
	}
	if strings.TrimSpace(spec.Name) == "" {
		return "", store.Key{}, errors.New("a key needs a --name")
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	secret := "sk_" + spec.Role[:3] + "_" + base64.RawURLEncoding.EncodeToString(b[:])
	k := store.Key{ID: ids.New("key"), Hash: hashKey(secret), Role: spec.Role, Name: spec.Name, StaffID: spec.StaffID, CreatedAt: now}
	err := db.Update(ctx, func(tx *store.Tx) error {
		if spec.StaffID != "" {
			m, err := tx.Staff(ctx, spec.StaffID)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no staff member %s", spec.StaffID)
			}
			if err != nil {
				return err
			}
			if !memberOf(m).MayHoldKey(spec.Role) {
				return fmt.Errorf("staff member %s (%s, %s) may not hold a %s key", m.ID, m.Role, memberOf(m).Status, spec.Role)
			}
		}
		if err := tx.CreateKey(ctx, k); err != nil {
			return err
		}
		return adminAudit(ctx, tx, spec.By, k.ID, "key_created", keyReason(k), now)
	})
	if err != nil {
		return "", store.Key{}, fmt.Errorf("create key: %w", err)
	}
	return secret, k, nil
}

// KeyActor is who the audit log records for an action made with a staff or
// admin key: the named staff member it belongs to (kind staff for a staff
// key, admin for an admin key), acting with that member's role, or else the
// key itself under its role.
func KeyActor(k store.Key) Actor {
	if k.StaffID != "" {
		return Actor{Kind: k.Role, ID: k.StaffID, Role: staff.Role(k.StaffRole)}
	}
	return Actor{Kind: k.Role, ID: k.ID}
}

// keyTouchEvery is how stale a key's last use may get before a use is
// written again: at most one write a minute per key.
const keyTouchEvery = time.Minute

// Authenticate finds the unrevoked key behind a bearer token and records
// its use (at most once a minute). The key is read on every request, so a
// key revoked by any process (the API, the command line, another replica)
// is refused by the next request.
func (s *Service) Authenticate(ctx context.Context, token string) (store.Key, error) {
	var k store.Key
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		k, err = tx.KeyByHash(ctx, hashKey(token))
		return err
	})
	if err != nil {
		return k, err
	}
	now := s.clock.Now()
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= keyTouchEvery {
		if err := s.db.TouchKey(ctx, k.ID, now, now.Add(-keyTouchEvery)); err != nil {
			s.log.Warn("recording a key's use", "key", k.ID, "err", err)
		}
	}
	return k, nil
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

// KeyView is an API key as GET /v1/keys shows it: never the key itself.
type KeyView struct {
	ID         string     `json:"id"`
	Role       string     `json:"role"`
	Name       string     `json:"name"`
	StaffID    *string    `json:"staff_id"`
	Status     string     `json:"status"` // active or revoked
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func keyView(k store.Key) KeyView {
	v := KeyView{ID: k.ID, Role: k.Role, Name: k.Name, Status: "active", CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
	if k.StaffID != "" {
		v.StaffID = &k.StaffID
	}
	if k.RevokedAt != nil {
		v.Status = "revoked"
	}
	return v
}

// ListKeys lists every key, revoked ones too, oldest first.
func ListKeys(ctx context.Context, db *store.DB, opts ListOpts) (Page[KeyView], error) {
	after, err := decodeCursorOf(opts.Cursor, "key")
	if err != nil {
		return Page[KeyView]{}, err
	}
	var keys []store.Key
	err = db.Read(ctx, func(tx *store.Tx) error {
		keys, err = tx.Keys(ctx, after, opts.Limit+1)
		return err
	})
	if err != nil {
		return Page[KeyView]{}, fmt.Errorf("list keys: %w", err)
	}
	return pageOf(keys, opts.Limit, func(k store.Key) string { return k.ID }, keyView), nil
}

// keyReason names a key in its audit events: role, name and owner.
func keyReason(k store.Key) string {
	r := k.Role + " key \"" + k.Name + "\""
	if k.StaffID != "" {
		r += " of staff member " + k.StaffID
	}
	return r
}

// RevokeKey revokes a key at once, for by: the next request with it is a
// 401. Revoking a revoked key changes nothing.
func RevokeKey(ctx context.Context, db *store.DB, by Actor, id string, now time.Time) (KeyView, error) {
	var k store.Key
	err := db.Update(ctx, func(tx *store.Tx) error {
		revoked, err := tx.RevokeKeys(ctx, id, "", now)
		if err != nil {
			return err
		}
		if k, err = tx.KeyByID(ctx, id); err != nil || len(revoked) == 0 {
			return err
		}
		return adminAudit(ctx, tx, by, k.ID, "key_revoked", keyReason(k), now)
	})
	if errors.Is(err, store.ErrNotFound) {
		return KeyView{}, problem.NotFound("key", id)
	}
	if err != nil {
		return KeyView{}, fmt.Errorf("revoke key %s: %w", id, err)
	}
	return keyView(k), nil
}

// Keys is ListKeys on the service's database.
func (s *Service) Keys(ctx context.Context, opts ListOpts) (Page[KeyView], error) {
	return ListKeys(ctx, s.db, opts)
}

// RevokeKey is RevokeKey on the service's database, logged with its actor.
func (s *Service) RevokeKey(ctx context.Context, actor Actor, id string) (KeyView, error) {
	v, err := RevokeKey(ctx, s.db, actor, id, s.clock.Now())
	if err == nil {
		s.log.Info("key revoked", "key", id, "by", actor.Kind+" "+actor.ID)
	}
	return v, err
}

func memberOf(m store.StaffMember) staff.Member {
	out := staff.Member{ID: m.ID, Email: m.Email, Name: m.Name, Role: staff.Role(m.Role), Status: staff.Active,
		CreatedAt: m.CreatedAt, DisabledAt: m.DisabledAt}
	if m.DisabledAt != nil {
		out.Status = staff.Disabled
	}
	return out
}

// CreateStaff adds a named staff member; an active member with the same
// email is a 409 conflict.
func (s *Service) CreateStaff(ctx context.Context, actor Actor, email, name string, role staff.Role) (staff.Member, error) {
	if err := authorize(actor, staff.ManageStaff); err != nil {
		return staff.Member{}, err
	}
	if bad := staff.Check(email, name, role); len(bad) > 0 {
		fields := make([]problem.FieldError, len(bad))
		for i, b := range bad {
			fields[i] = problem.Field(b.Field, "invalid", b.Detail)
		}
		return staff.Member{}, problem.Invalid("the staff member is not valid", fields...)
	}
	m := store.StaffMember{ID: ids.New("stf"), Email: email, Name: strings.TrimSpace(name), Role: string(role), CreatedAt: s.clock.Now()}
	err := s.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.CreateStaff(ctx, m); err != nil {
			return err
		}
		return adminAudit(ctx, tx, actor, m.ID, "staff_created", m.Role+" "+m.Email, m.CreatedAt)
	})
	if errors.Is(err, store.ErrExists) {
		return staff.Member{}, problem.Newf("conflict", "an active staff member already has the email %s", email)
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("create staff member: %w", err)
	}
	s.log.Info("staff member created", "staff", m.ID, "role", m.Role, "by", actor.Kind+" "+actor.ID)
	return memberOf(m), nil
}

// StaffMembers lists staff members, disabled ones too, oldest first.
func (s *Service) StaffMembers(ctx context.Context, opts ListOpts) (Page[staff.Member], error) {
	after, err := decodeCursorOf(opts.Cursor, "stf")
	if err != nil {
		return Page[staff.Member]{}, err
	}
	var ms []store.StaffMember
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		ms, err = tx.StaffMembers(ctx, after, opts.Limit+1)
		return err
	})
	if err != nil {
		return Page[staff.Member]{}, fmt.Errorf("list staff: %w", err)
	}
	return pageOf(ms, opts.Limit, func(m store.StaffMember) string { return m.ID }, memberOf), nil
}

// DisableStaff disables a member, revokes every key of theirs and ends
// every console session of theirs in one transaction. Disabling a disabled
// member changes nothing.
func (s *Service) DisableStaff(ctx context.Context, actor Actor, id string) (staff.Member, error) {
	if err := authorize(actor, staff.ManageStaff); err != nil {
		return staff.Member{}, err
	}
	var m store.StaffMember
	err := s.db.Update(ctx, func(tx *store.Tx) error {
		now := s.clock.Now()
		disabled, err := tx.DisableStaff(ctx, id, now)
		if err != nil {
			return err
		}
		keys, err := tx.RevokeKeys(ctx, "", id, now)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := adminAudit(ctx, tx, actor, k, "key_revoked", "staff member "+id+" disabled", now); err != nil {
				return err
			}
		}
		if err := tx.EndSessionsOf(ctx, id, "", now); err != nil {
			return err
		}
		if m, err = tx.Staff(ctx, id); err != nil || !disabled {
			return err
		}
		return adminAudit(ctx, tx, actor, id, "staff_disabled", "its keys revoked, its console sessions ended", now)
	})
	if errors.Is(err, store.ErrNotFound) {
		return staff.Member{}, problem.NotFound("staff member", id)
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("disable staff member %s: %w", id, err)
	}
	s.log.Info("staff member disabled, keys revoked, sessions ended", "staff", id, "by", actor.Kind+" "+actor.ID)
	return memberOf(m), nil
}

// pageOf cuts rows (fetched with limit+1) into one page of the envelope.
func pageOf[T, V any](rows []T, limit int, idOf func(T) string, conv func(T) V) Page[V] {
	out := Page[V]{Data: make([]V, 0, min(len(rows), limit))}
	if len(rows) > limit {
		rows = rows[:limit]
		c := EncodeCursor(idOf(rows[len(rows)-1]))
		out.NextCursor = &c
	}
	for _, r := range rows {
		out.Data = append(out.Data, conv(r))
	}
	return out
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
	return Policies{Version: policy.Version, Rules: policy.Rules, Settings: s.set.Public()}
}

// DSA renders a notice as a DSA statement of reasons.
func (s *Service) DSA(ctx context.Context, id string) (dsa.Statement, error) {
	n, err := s.Notice(ctx, id)
	if err != nil {
		return nil, err
	}
	return statement(n), nil
}

// statement renders a notice, naming how the decision started.
func statement(n notice.Notice) dsa.Statement {
	source := "automated"
	switch {
	case n.Reported:
		source = "report"
	case !n.AutomatedDetection:
		source = "staff"
	}
	return dsa.Render(n, source)
}

// DSAPageMax is the most statements one page of the export holds: the
// Transparency Database takes at most 100 in one bulk submission.
const DSAPageMax = 100

// DSAStatements lists every statement of reasons issued in [from, to), in
// the order they were issued, in pages of at most DSAPageMax, each item
// ready for the Transparency Database's bulk POST /api/v1/statements.
func (s *Service) DSAStatements(ctx context.Context, from, to time.Time, opts ListOpts) (Page[dsa.Statement], error) {
	if !from.Before(to) {
		return Page[dsa.Statement]{}, problem.Invalid("from must be before to", problem.Field("from", "invalid", "before to"))
	}
	opts.Limit = min(max(opts.Limit, 1), DSAPageMax)
	var out Page[dsa.Statement]
	err := s.read(ctx, func(t *txn) error {
		var err error
		q := store.Q{Where: []store.Cond{store.Since("created_at", from), store.Before("created_at", to)}, OrderBy: "created_at"}
		out, err = page(t, store.Notices, q, opts, func(n *notice.Notice) string { return n.ID },
			func(n *notice.Notice) dsa.Statement { return statement(*n) })
		return err
	})
	return out, err
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
		tally, err := t.NoticeTally(t.ctx, from, to)
		if err != nil {
			return err
		}
		for _, n := range tally {
			out.Actions = append(out.Actions, ActionCount{Rule: n.Rule, Action: n.Action, Automated: n.Automated, Count: n.Count})
		}
		appeals, err := t.AppealTally(t.ctx, from, to)
		if err != nil {
			return err
		}
		out.Appeals = AppealStats{Received: appeals.Received, Granted: appeals.Granted, Denied: appeals.Denied,
			MedianHoursToDecide: appeals.MedianHours}
		return nil
	})
	return out, err
}
