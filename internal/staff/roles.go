package staff

import "standing/internal/cases"

// Action is a kind of staff act that a role may or may not take (issue 14,
// POLICY.md section 9 "Due process in cases"). The service asks Allows
// before it carries one out, for API keys bound to a member and for
// console sessions alike.
type Action string

// The actions, from the least to the most consequential for a member.
const (
	// WorkCase opens a case, assigns it, moves its status, adds a note.
	WorkCase Action = "work_case"
	// Resolve resolves a case with an outcome that sanctions nobody:
	// not_linked, reinstate, dismiss, decline, deny, approve, close,
	// reactivate, keep.
	Resolve Action = "resolve"
	// ReviewMessage releases or upholds a held message (V5).
	ReviewMessage Action = "review_message"
	// CareForAccount takes the steps that help a member along: accept a
	// remedy, reactivate, request verification, lift a fraud hold, close on
	// the member's behalf, act in a contract or job for them.
	CareForAccount Action = "care_for_account"
	// Sanction imposes a warning, restriction, suspension or ban: the
	// sanctions endpoint and the outcomes ban, uphold, multiple_accounts and
	// a report's action.
	Sanction Action = "sanction"
	// GrantAppeal grants an appeal, undoing a decision (E3).
	GrantAppeal Action = "grant_appeal"
	// PlaceFraudHold stops a member's payouts (E4, V4).
	PlaceFraudHold Action = "place_fraud_hold"
	// Erase erases a member's personal data (L10): it cannot be undone.
	Erase Action = "erase"
	// ManageStaff adds and disables staff members and sets their passwords.
	ManageStaff Action = "manage_staff"
)

// leadOnly are the actions a lead takes and an agent does not: those that
// act against a member, undo a decision or cannot be undone.
var leadOnly = map[Action]bool{Sanction: true, GrantAppeal: true, PlaceFraudHold: true, Erase: true}

// Allows reports whether a member of role r may take action a: an agent
// works cases and takes every step that does not act against a member; a
// lead also sanctions, bans, places fraud holds, erases and grants appeals;
// an admin may do everything, and alone manages staff. An unknown role may
// do nothing.
func Allows(r Role, a Action) bool {
	switch r {
	case Admin:
		return true
	case Lead:
		return a != ManageStaff
	case Agent:
		return a != ManageStaff && !leadOnly[a]
	}
	return false
}

// ResolutionAction is the action a resolution of a case of kind k with
// outcome o takes: Sanction for the outcomes that ban, uphold a violation,
// close multiple accounts or act on a report; GrantAppeal for a granted
// appeal; Resolve for every other.
func ResolutionAction(k cases.Kind, o cases.Outcome) Action {
	switch {
	case k == cases.Appeal && o == "grant":
		return GrantAppeal
	case k == cases.ViolationReview && (o == "ban" || o == "uphold"),
		k == cases.LinkageReview && o == "multiple_accounts",
		k == cases.Report && o == "action":
		return Sanction
	}
	return Resolve
}

// Kind is the actor kind a member's session acts as in the audit log: an
// admin as admin, an agent or a lead as staff (API.md, Auth).
func (r Role) Kind() string {
	if r == Admin {
		return "admin"
	}
	return "staff"
}
