// Package effect is the closed vocabulary of changes a pure decider may ask
// for (DESIGN.md "The shape", points 1 and 2): deciders in enforce, cases,
// closure, messaging and linkage return these, and the service's one
// executor applies them in a single transaction with their audit events,
// notices, webhook rows and due-time jobs. Nothing here reads or writes.
package effect

import (
	"time"

	"standing/internal/account"
	"standing/internal/notice"
)

// Effect is one change to carry out. The set of types below is closed.
type Effect interface{ effect() }

// SetStatus moves an account along the status machine (POLICY.md section 2).
// A suspension with RespondBy schedules its E1 deadline.
type SetStatus struct {
	Account   string
	To        account.Status
	Rule      string
	Reason    string
	RespondBy *time.Time
}

// AddStrike records a serious-tier strike; the next notice issued for the
// account with LinkStrike set names it. BadgeLossUntil applies R3.
type AddStrike struct {
	Account        string
	Rule           string
	Reason         string
	Automated      bool
	BadgeLossUntil *time.Time
}

// RemoveStrike takes a strike out of the count (a granted appeal, a
// released message).
type RemoveStrike struct {
	Account  string
	StrikeID string
	Reason   string
}

// Restrict adds a capability restriction to an active account.
type Restrict struct {
	Account     string
	Restriction account.Restriction
}

// Lift removes restrictions under a rule (every capability when Capability is "").
type Lift struct {
	Account    string
	Rule       string
	Capability string
	Reason     string
}

// IssueNotice writes a statement of reasons (E2). LinkStrike ties it to the
// strike added just before for the same account; CausesStatus records it as
// the notice behind the account's current status, so an appeal of it can
// tell what it did (E3).
type IssueNotice struct {
	Account      string
	Notice       notice.Notice
	LinkStrike   bool
	CausesStatus bool
}

// OpenCase files a support case for staff (section 9).
type OpenCase struct {
	Kind    string
	Account string
	Rule    string
	Body    string
	Related []string
}

// Close closes an account (L2, L6, M7, support closures) with its notice.
type Close struct {
	Account string
	Reason  string
	Channel string
	Rule    string
	Said    string // what staff wrote for the member, added to the notice (section 9)
}

// Reactivate returns a closed account to active (L8).
type Reactivate struct {
	Account string
	Reason  string
	Said    string // what staff wrote for the member, added to the notice (section 9)
}

// Except lets these accounts be linked to one another from now on (M6).
type Except struct {
	Accounts []string
	Reason   string
}

// AllowNewAccount approves a new account after a closure in good standing (M6 b).
type AllowNewAccount struct {
	Account string
}

// ReleaseMessage delivers a held message with the body the member may read.
type ReleaseMessage struct {
	Message string
	Body    string
}

// CloseTeam closes an organization or an agency (L3, L5).
type CloseTeam struct {
	Kind string // organization or agency
	Team string
	By   string // the owner who closes it
	Rule string
}

// LeaveTeam takes an account out of a team: it left, or was removed (L4).
type LeaveTeam struct {
	Kind    string
	Team    string
	Account string
	Left    bool
}

// Schedule sets a due-time job for an account (one per job and account).
type Schedule struct {
	Job     string // dormancy, dormant_close, erase ...
	Account string
	At      time.Time
}

// SetDormancyNotice records when L9's dormancy notice was given (nil: the
// account was used since, the notice no longer stands).
type SetDormancyNotice struct {
	Account string
	At      *time.Time
}

// Erase removes an account's personal data (L10); keyed signal hashes and
// the decision record stay.
type Erase struct {
	Account string
}

// SetFraudHold places or lifts a staff fraud hold on payouts (E4).
type SetFraudHold struct {
	Account string
	On      bool
	Reason  string
}

// SetVerification records the outcome of an identity verification (I1, I5).
type SetVerification struct {
	Account string
	Status  string // verified or rejected
}

// WithdrawProposals withdraws the account's pending proposals (I2 hold, a ban).
type WithdrawProposals struct {
	Account string
}

// Audit records a decision that changes no state of its own.
type Audit struct {
	Account string
	Action  string
	Rule    string
	Reason  string
}

func (SetStatus) effect()         {}
func (AddStrike) effect()         {}
func (RemoveStrike) effect()      {}
func (Restrict) effect()          {}
func (Lift) effect()              {}
func (IssueNotice) effect()       {}
func (OpenCase) effect()          {}
func (Close) effect()             {}
func (Reactivate) effect()        {}
func (Except) effect()            {}
func (AllowNewAccount) effect()   {}
func (ReleaseMessage) effect()    {}
func (WithdrawProposals) effect() {}
func (SetVerification) effect()   {}
func (SetFraudHold) effect()      {}
func (CloseTeam) effect()         {}
func (LeaveTeam) effect()         {}
func (Schedule) effect()          {}
func (SetDormancyNotice) effect() {}
func (Erase) effect()             {}
func (Audit) effect()             {}
