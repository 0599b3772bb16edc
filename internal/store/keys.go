package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Key is a stored API key (only its hash), with the staff member it belongs
// to, when it was last used and when it was revoked.
type Key struct {
	ID         string
	Hash       string
	Role       string
	Name       string
	StaffID    string // "" when the key belongs to no named member
	StaffRole  string // that member's role (agent, lead, admin), "" for none
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

const keyColumns = `id, hash, role, name, COALESCE(staff_id, ''),
	COALESCE((SELECT m.role FROM staff_members m WHERE m.id = api_keys.staff_id), ''), created_at, last_used_at, revoked_at`

func scanKey(r interface{ Scan(...any) error }) (Key, error) {
	var k Key
	var at int64
	var used, revoked sql.NullInt64
	if err := r.Scan(&k.ID, &k.Hash, &k.Role, &k.Name, &k.StaffID, &k.StaffRole, &at, &used, &revoked); err != nil {
		return k, err
	}
	k.CreatedAt = fromMicros(at)
	k.LastUsedAt, k.RevokedAt = optMicros(used), optMicros(revoked)
	return k, nil
}

func optMicros(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMicros(v.Int64)
	return &t
}

func nullMicros(t *time.Time) any {
	if t == nil {
		return nil
	}
	return micros(*t)
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CreateKey stores a key.
func (t *Tx) CreateKey(ctx context.Context, k Key) error {
	if _, err := t.exec(ctx, `INSERT INTO api_keys (id, hash, role, name, staff_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		k.ID, k.Hash, k.Role, k.Name, nullText(k.StaffID), micros(k.CreatedAt)); err != nil {
		return fmt.Errorf("create key: %w", err)
	}
	return nil
}

// KeyByHash finds the key with that hash that is not revoked and belongs
// to no staff member or to one not disabled (ErrNotFound if none).
func (t *Tx) KeyByHash(ctx context.Context, hash string) (Key, error) {
	k, err := scanKey(t.queryRow(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE hash = $1 AND revoked_at IS NULL
		AND (staff_id IS NULL OR NOT EXISTS (SELECT 1 FROM staff_members m WHERE m.id = api_keys.staff_id AND m.disabled_at IS NOT NULL))`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNotFound
	}
	if err != nil {
		return k, fmt.Errorf("key lookup: %w", err)
	}
	return k, nil
}

// KeyByID finds a key, revoked or not (ErrNotFound if none).
func (t *Tx) KeyByID(ctx context.Context, id string) (Key, error) {
	k, err := scanKey(t.queryRow(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNotFound
	}
	if err != nil {
		return k, fmt.Errorf("key %s: %w", id, err)
	}
	return k, nil
}

// Keys lists keys in id (creation) order after the id after, at most limit.
func (t *Tx) Keys(ctx context.Context, after string, limit int) ([]Key, error) {
	rows, err := t.query(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	var out []Key
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeKeys marks the keys revoked at now; those already revoked keep
// their time. With staffID set, every key of that member is revoked. It
// returns the ids of the keys it revoked.
func (t *Tx) RevokeKeys(ctx context.Context, id, staffID string, now time.Time) ([]string, error) {
	col, v := "id", id
	if staffID != "" {
		col, v = "staff_id", staffID
	}
	rows, err := t.query(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE `+col+` = $2 AND revoked_at IS NULL RETURNING id`, micros(now), v)
	if err != nil {
		return nil, fmt.Errorf("revoke keys: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("revoke keys: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("revoke keys: %w", err)
	}
	return ids, nil
}

// TouchKey records that the key was used at now, unless a use was already
// recorded after since: the write happens at most once per interval.
func (db *DB) TouchKey(ctx context.Context, id string, now, since time.Time) error {
	return db.Update(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)`,
			micros(now), id, micros(since))
		if err != nil {
			return fmt.Errorf("touch key %s: %w", id, err)
		}
		return nil
	})
}

// CountKeys returns how many keys exist.
func (t *Tx) CountKeys(ctx context.Context) (int, error) {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM api_keys`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count keys: %w", err)
	}
	return n, nil
}

// StaffMember is a stored staff member.
type StaffMember struct {
	ID         string
	Email      string
	Name       string
	Role       string
	CreatedAt  time.Time
	DisabledAt *time.Time
}

const staffColumns = `id, email, name, role, created_at, disabled_at`

func scanStaff(r interface{ Scan(...any) error }) (StaffMember, error) {
	var m StaffMember
	var at int64
	var off sql.NullInt64
	if err := r.Scan(&m.ID, &m.Email, &m.Name, &m.Role, &at, &off); err != nil {
		return m, err
	}
	m.CreatedAt, m.DisabledAt = fromMicros(at), optMicros(off)
	return m, nil
}

// CreateStaff stores a member; an active member with the same email (in
// any case) is ErrExists.
func (t *Tx) CreateStaff(ctx context.Context, m StaffMember) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM staff_members WHERE lower(email) = $1 AND disabled_at IS NULL`,
		strings.ToLower(m.Email)).Scan(&n); err != nil {
		return fmt.Errorf("create staff member: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("staff member %s: %w", m.Email, ErrExists)
	}
	_, err := t.exec(ctx, `INSERT INTO staff_members (id, email, name, role, created_at) VALUES ($1, $2, $3, $4, $5)`,
		m.ID, m.Email, m.Name, m.Role, micros(m.CreatedAt))
	if isUniqueViolation(err) { // the same email created at the same moment
		return fmt.Errorf("staff member %s: %w", m.Email, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("create staff member: %w", err)
	}
	return nil
}

// Staff finds a member (ErrNotFound if none).
func (t *Tx) Staff(ctx context.Context, id string) (StaffMember, error) {
	m, err := scanStaff(t.queryRow(ctx, `SELECT `+staffColumns+` FROM staff_members WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("staff member %s: %w", id, err)
	}
	return m, nil
}

// StaffMembers lists members in id (creation) order after the id after.
func (t *Tx) StaffMembers(ctx context.Context, after string, limit int) ([]StaffMember, error) {
	rows, err := t.query(ctx, `SELECT `+staffColumns+` FROM staff_members WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []StaffMember
	for rows.Next() {
		m, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("list staff: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DisableStaff marks a member disabled at now and reports whether it did
// (not when the member was already disabled, or is unknown).
func (t *Tx) DisableStaff(ctx context.Context, id string, now time.Time) (bool, error) {
	res, err := t.exec(ctx, `UPDATE staff_members SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL`, micros(now), id)
	if err != nil {
		return false, fmt.Errorf("disable staff member %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
