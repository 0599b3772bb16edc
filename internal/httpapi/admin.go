package httpapi

import (
	"standing/internal/staff"
)

// adminRoutes are the keys and staff members (A) and the DSA statements
// export (S) of API.md.
func (s *Server) adminRoutes() []route {
	svc := s.svc
	return []route{
		{"GET", "/v1/keys", rA, "API keys: id, role, name, staff member, created, last used; never the key", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Keys(q.ctx, o))
		}},
		{"DELETE", "/v1/keys/{id}", rA, "Revoke a key, effective at once", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.RevokeKey(q.ctx, q.actor, q.path("id")))
		}},
		{"POST", "/v1/staff", rA, "Add a named staff member", bodyOf[staffInput](), nil, func(q *req) (int, any, error) {
			b := in[staffInput](q)
			return created(svc.CreateStaff(q.ctx, q.actor, *b.Email, *b.Name, *b.Role))
		}},
		{"GET", "/v1/staff", rA, "Staff members, disabled ones too", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.StaffMembers(q.ctx, o))
		}},
		{"GET", "/v1/dsa/statements", rS, "Statements of reasons of a window, for the DSA Transparency Database", nil, append([]string{"from", "to"}, list...), func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			from, to, err := q.period(svc.Now())
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.DSAStatements(q.ctx, from, to, o))
		}},
		{"DELETE", "/v1/staff/{id}", rA, "Disable a staff member, revoke their keys and end their console sessions", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.DisableStaff(q.ctx, q.actor, q.path("id")))
		}},
		{"PUT", "/v1/staff/{id}/password", rA, "Set a staff member's console password (12 to 256 characters; argon2id); ends their sessions", bodyOf[passwordInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.SetStaffPassword(q.ctx, q.actor, q.path("id"), *in[passwordInput](q).Password))
		}},
	}
}

// staffInput is the body of POST /v1/staff.
type staffInput struct {
	Email *string     `json:"email" req:"true"`
	Name  *string     `json:"name" req:"true"`
	Role  *staff.Role `json:"role" req:"true" enum:"agent,lead,admin"`
}

// passwordInput is the body of PUT /v1/staff/{id}/password (an addition to
// API.md, README "Staff sign-in").
type passwordInput struct {
	Password *string `json:"password" req:"true"`
}
