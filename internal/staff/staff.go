// Package staff is about the named people of trust and safety: a member has
// an email, a name and a role (agent, lead or admin), and can be disabled.
// API keys of the staff and admin roles may belong to a member, so that every
// action through them is recorded as that person's.
package staff

import (
	"net/mail"
	"strings"
	"time"
)

// Role is what a staff member may do in the console.
type Role string

// The roles of staff members (API.md, staff).
const (
	Agent Role = "agent"
	Lead  Role = "lead"
	Admin Role = "admin"
)

// Roles lists every role, for validation and the OpenAPI enum.
var Roles = []Role{Agent, Lead, Admin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r == Agent || r == Lead || r == Admin }

// Member is one named staff member.
type Member struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Name       string     `json:"name"`
	Role       Role       `json:"role"`
	Status     string     `json:"status"` // active or disabled
	CreatedAt  time.Time  `json:"created_at"`
	DisabledAt *time.Time `json:"disabled_at"`
}

// Member statuses.
const (
	Active   = "active"
	Disabled = "disabled"
)

// Invalid names a field of a new member that is not acceptable.
type Invalid struct{ Field, Detail string }

// Check returns the fields of a new member that are not acceptable: an
// email that is not one address, an empty or overlong name, an unknown role.
func Check(email, name string, role Role) []Invalid {
	var out []Invalid
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		out = append(out, Invalid{"email", "one email address, such as ana@example.com"})
	}
	if n := strings.TrimSpace(name); n == "" || len(n) > 200 {
		out = append(out, Invalid{"name", "a name of 1 to 200 characters"})
	}
	if !role.Valid() {
		out = append(out, Invalid{"role", "one of agent, lead, admin"})
	}
	return out
}

// MayHoldKey reports whether a key of the API role keyRole may belong to a
// member: staff keys to any member, admin keys only to admins, integration
// keys to nobody (they are the marketplace's back end, not a person).
func (m Member) MayHoldKey(keyRole string) bool {
	if m.Status != Active {
		return false
	}
	switch keyRole {
	case "staff":
		return true
	case "admin":
		return m.Role == Admin
	}
	return false
}
