package service

import (
	"strings"

	"standing/internal/problem"
	"standing/internal/staff"
)

// roleOf is the staff role an actor acts with, and false for an actor that
// is no staff (the integration, a member, the system), whom roles do not
// concern. A named member acts with their own role. A key of no member
// keeps what it could do before members had roles: an admin key acts as an
// admin, a staff key as a lead (README, "Staff roles").
func roleOf(a Actor) (staff.Role, bool) {
	switch {
	case a.Kind != "staff" && a.Kind != "admin":
		return "", false
	case a.Role != "":
		return a.Role, true
	case a.Kind == "admin":
		return staff.Admin, true
	}
	return staff.Lead, true
}

// authorize is the one place the service asks whether an actor's role may
// take an action (staff.Allows); a refusal is 403 forbidden_role saying who
// may.
func authorize(a Actor, act staff.Action) error {
	r, isStaff := roleOf(a)
	if !isStaff || staff.Allows(r, act) {
		return nil
	}
	return problem.Newf("forbidden_role", "a staff member of role %s may not %s: %s (POLICY.md section 9)", r, actionWords[act], whoMay(act))
}

// actionWords name the actions in a refusal.
var actionWords = map[staff.Action]string{
	staff.WorkCase:       "work cases",
	staff.Resolve:        "resolve cases",
	staff.ReviewMessage:  "review held messages",
	staff.CareForAccount: "take this step on an account",
	staff.Sanction:       "impose a sanction or a ban (sanctions, ban, uphold, multiple_accounts, a report's action)",
	staff.GrantAppeal:    "grant an appeal",
	staff.PlaceFraudHold: "place a fraud hold",
	staff.Erase:          "erase an account's personal data",
	staff.ManageStaff:    "manage staff members",
}

// whoMay says which roles may take an action.
func whoMay(act staff.Action) string {
	var who []string
	for _, r := range staff.Roles {
		if staff.Allows(r, act) {
			who = append(who, string(r))
		}
	}
	return "it takes a " + strings.Join(who, " or ")
}

// Allowed reports whether the actor may take the action, for pages that
// offer only what their reader may do (the service still decides).
func Allowed(a Actor, act staff.Action) bool { return authorize(a, act) == nil }
