package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SetStaffPassword stores the password hash of an active member;
// ErrNotFound when there is no active member with that id.
func (t *Tx) SetStaffPassword(ctx context.Context, id, hash string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE staff_members SET password_hash = $1, password_set_at = $2 WHERE id = $3 AND disabled_at IS NULL`,
		hash, micros(now), id)
	if err != nil {
		return fmt.Errorf("set password of %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("set password of %s: %w", id, ErrNotFound)
	}
	return nil
}

// StaffByEmail finds the active member with that email, in any case, and
// their password hash ("" when they have none). A disabled member is not
// found: ErrNotFound.
func (t *Tx) StaffByEmail(ctx context.Context, email string) (StaffMember, string, error) {
	var hash sql.NullString
	var m StaffMember
	var at int64
	var off sql.NullInt64
	err := t.queryRow(ctx, `SELECT `+staffColumns+`, password_hash FROM staff_members WHERE lower(email) = $1 AND disabled_at IS NULL`,
		strings.ToLower(strings.TrimSpace(email))).Scan(&m.ID, &m.Email, &m.Name, &m.Role, &at, &off, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return m, "", ErrNotFound
	}
	if err != nil {
		return m, "", fmt.Errorf("staff member by email: %w", err)
	}
	m.CreatedAt, m.DisabledAt = fromMicros(at), optMicros(off)
	return m, hash.String, nil
}
