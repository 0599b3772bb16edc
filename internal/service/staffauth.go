package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"standing/internal/problem"
	"standing/internal/staff"
	"standing/internal/store"
)

// SetStaffPassword sets the console password of an active member, hashed
// with argon2id (staff.HashPassword), and ends the member's console
// sessions: a password reset after a suspected compromise takes effect at
// once. A password that is too short or too long is 400 invalid_request; a
// disabled member 409 conflict; an unknown one 404.
func SetStaffPassword(ctx context.Context, db *store.DB, id, password string, now time.Time) (staff.Member, error) {
	if why := staff.CheckPassword(password); why != "" {
		return staff.Member{}, problem.Invalid("the password is not acceptable", problem.Field("password", "invalid", why))
	}
	hash, err := staff.HashPassword(password, staff.Default)
	if err != nil {
		return staff.Member{}, fmt.Errorf("set password of %s: %w", id, err)
	}
	var m store.StaffMember
	err = db.Update(ctx, func(tx *store.Tx) error {
		var err error
		if m, err = tx.Staff(ctx, id); err != nil {
			return err
		}
		if m.DisabledAt != nil {
			return problem.Newf("conflict", "staff member %s is disabled", id)
		}
		if err := tx.SetStaffPassword(ctx, id, hash, now); err != nil {
			return err
		}
		if err := tx.EndSessionsOf(ctx, id, "", now); err != nil {
			return err
		}
		return adminAudit(ctx, tx, Operator, id, "staff_password_set", "console sessions ended", now)
	})
	if errors.Is(err, store.ErrNotFound) {
		return staff.Member{}, problem.NotFound("staff member", id)
	}
	if _, ok := problem.As(err); ok {
		return staff.Member{}, err
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("set password of %s: %w", id, err)
	}
	return memberOf(m), nil
}

// SetStaffPassword is SetStaffPassword on the service's database, for an
// admin (PUT /v1/staff/{id}/password), logged with its actor.
func (s *Service) SetStaffPassword(ctx context.Context, actor Actor, id, password string) (staff.Member, error) {
	if err := authorize(actor, staff.ManageStaff); err != nil {
		return staff.Member{}, err
	}
	m, err := SetStaffPassword(ctx, s.db, id, password, s.clock.Now())
	if err == nil {
		s.log.Info("staff password set, sessions ended", "staff", id, "by", actor.Kind+" "+actor.ID)
	}
	return m, err
}

// ErrSignIn is a sign-in refused: no active member has the email, the
// member has no password, or the password is wrong. Which one it was is
// not told.
var ErrSignIn = errors.New("unknown email or wrong password")

// SignInStaff finds the active member with the email and checks the
// password against their hash in constant time. An unknown email costs a
// hash all the same, so the time taken does not tell which emails are
// staff. A hash made with costs other than staff.Default is made anew.
func (s *Service) SignInStaff(ctx context.Context, email, password string) (staff.Member, error) {
	var m store.StaffMember
	var hash string
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		m, hash, err = tx.StaffByEmail(ctx, email)
		return err
	})
	if errors.Is(err, store.ErrNotFound) || err == nil && hash == "" || len(password) > 4*staff.MaxPassword {
		staff.WasteTime(password[:min(len(password), 4*staff.MaxPassword)])
		return staff.Member{}, ErrSignIn
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("sign in: %w", err)
	}
	ok, err := staff.VerifyPassword(hash, password)
	if err != nil {
		s.log.Error("a staff password hash cannot be read; set the password again", "staff", m.ID, "err", err)
		return staff.Member{}, ErrSignIn
	}
	if !ok {
		return staff.Member{}, ErrSignIn
	}
	if staff.NeedsRehash(hash, staff.Default) {
		if h, err := staff.HashPassword(password, staff.Default); err == nil {
			err = s.db.Update(ctx, func(tx *store.Tx) error { return tx.SetStaffPassword(ctx, m.ID, h, s.clock.Now()) })
			if err != nil {
				s.log.Warn("rehashing a staff password", "staff", m.ID, "err", err)
			}
		}
	}
	return memberOf(m), nil
}

// StaffForSSO finds the active member whose email a single sign-on
// provider verified (OpenID Connect); ErrSignIn when there is none.
func (s *Service) StaffForSSO(ctx context.Context, email string) (staff.Member, error) {
	var m store.StaffMember
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		m, _, err = tx.StaffByEmail(ctx, email)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return staff.Member{}, ErrSignIn
	}
	if err != nil {
		return staff.Member{}, fmt.Errorf("sign in: %w", err)
	}
	return memberOf(m), nil
}

// MemberActor is the actor a member's own console session acts as: kind
// admin or staff by their role (staff.Role.Kind), their id, their role.
func MemberActor(m staff.Member) Actor {
	return Actor{Kind: m.Role.Kind(), ID: m.ID, Role: m.Role}
}
