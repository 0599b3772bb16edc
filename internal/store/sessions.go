package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Session is a console sign-in. Only the hash of its token is stored; the
// token itself lives in the staff member's cookie and nowhere else.
type Session struct {
	TokenHash string
	KeyID     string // the key it was opened with, "" for a member's own sign-in
	StaffID   string // the staff member ("" for a key of no member)
	Role      string // the actor kind the session acts as (staff, admin)
	StaffRole string // the member's role now (agent, lead, admin), read by LiveSession
	CSRF      string // the token every form of the session carries
	CreatedAt time.Time
	SeenAt    time.Time // last request: the idle expiry counts from here
	ExpiresAt time.Time // absolute expiry
}

// CreateSession stores a new session.
func (t *Tx) CreateSession(ctx context.Context, s Session) error {
	if _, err := t.exec(ctx, `INSERT INTO console_sessions (token_hash, key_id, staff_id, role, csrf, created_at, seen_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.TokenHash, s.KeyID, s.StaffID, s.Role, s.CSRF, micros(s.CreatedAt), micros(s.SeenAt), micros(s.ExpiresAt)); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// LiveSession finds the session with that token hash if it has not ended,
// has not passed its absolute expiry at now, was seen within idle of now,
// the key it was opened with (if any) is not revoked, and its staff member
// (if any) is not disabled. Otherwise ErrNotFound. The member's role is
// read with it, so a session acts with the role the member has now.
func (t *Tx) LiveSession(ctx context.Context, hash string, now time.Time, idle time.Duration) (Session, error) {
	var s Session
	var created, seen, expires int64
	err := t.queryRow(ctx, `SELECT s.token_hash, s.key_id, s.staff_id, s.role, COALESCE(m.role, ''), s.csrf, s.created_at, s.seen_at, s.expires_at
		FROM console_sessions s
		LEFT JOIN api_keys k ON k.id = s.key_id
		LEFT JOIN staff_members m ON m.id = s.staff_id
		WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND s.seen_at > $3
		AND (s.key_id = '' OR (k.id IS NOT NULL AND k.revoked_at IS NULL))
		AND (s.staff_id = '' OR (m.id IS NOT NULL AND m.disabled_at IS NULL))`,
		hash, micros(now), micros(now.Add(-idle))).
		Scan(&s.TokenHash, &s.KeyID, &s.StaffID, &s.Role, &s.StaffRole, &s.CSRF, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("session lookup: %w", err)
	}
	s.CreatedAt, s.SeenAt, s.ExpiresAt = fromMicros(created), fromMicros(seen), fromMicros(expires)
	return s, nil
}

// TouchSession records a request on a live session, which restarts its idle
// expiry.
func (t *Tx) TouchSession(ctx context.Context, hash string, now time.Time) error {
	if _, err := t.exec(ctx, `UPDATE console_sessions SET seen_at = $1 WHERE token_hash = $2 AND ended_at IS NULL`, micros(now), hash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// EndSession ends one session (sign-out).
func (t *Tx) EndSession(ctx context.Context, hash string, now time.Time) error {
	if _, err := t.exec(ctx, `UPDATE console_sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL`, micros(now), hash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndSessionsOf ends every live session of a staff member (used when a
// member is disabled) or, when staffID is empty, of a key.
func (t *Tx) EndSessionsOf(ctx context.Context, staffID, keyID string, now time.Time) error {
	col, v := "key_id", keyID
	if staffID != "" {
		col, v = "staff_id", staffID
	}
	if _, err := t.exec(ctx, `UPDATE console_sessions SET ended_at = $1 WHERE `+col+` = $2 AND ended_at IS NULL`, micros(now), v); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}

// PurgeSessions deletes sessions that ended or expired before before.
func (t *Tx) PurgeSessions(ctx context.Context, before time.Time) error {
	if _, err := t.exec(ctx, `DELETE FROM console_sessions WHERE expires_at < $1 OR ended_at < $1`, micros(before)); err != nil {
		return fmt.Errorf("purge sessions: %w", err)
	}
	return nil
}

// KeyNames maps actor ids to people's names, for showing who did what in
// the console: a staff member's id (stf_) to their name, a key's id to the
// name it was created with. Unknown ids are left out.
func (t *Tx) KeyNames(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		var name string
		q := `SELECT name FROM api_keys WHERE id = $1`
		if strings.HasPrefix(id, "stf_") {
			q = `SELECT name FROM staff_members WHERE id = $1`
		}
		err := t.queryRow(ctx, q, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("key name: %w", err)
		}
		out[id] = name
	}
	return out, nil
}
