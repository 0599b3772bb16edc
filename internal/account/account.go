// Package account owns the account of POLICY.md section 2: its status
// machine, restrictions and capability checks, strikes, plan, Connects,
// visibility and availability. Everything here is pure: callers pass the time.
package account

import (
	"fmt"
	"slices"
	"time"

	"standing/internal/policy"
)

// Status is the life-cycle state of an account.
type Status string

// The five statuses of POLICY.md section 2.
const (
	Active    Status = "active"
	Suspended Status = "suspended"
	Banned    Status = "banned"
	Closed    Status = "closed"
	Erased    Status = "erased"
)

// transitions is the allowed-transition table of POLICY.md section 2.
var transitions = map[Status][]Status{
	Active:    {Suspended, Banned, Closed},
	Suspended: {Active, Banned, Closed},
	Banned:    {Active, Erased},
	Closed:    {Active, Erased},
}

// CanTransition reports whether from -> to is allowed.
func CanTransition(from, to Status) bool { return slices.Contains(transitions[from], to) }

// Live reports whether the status counts toward M1 (not closed or erased).
func (s Status) Live() bool { return s == Active || s == Suspended || s == Banned }

// Capabilities that restrictions can block (POLICY.md section 2).
const (
	SubmitProposal = "submit_proposal"
	AcceptContract = "accept_contract"
	PostJob        = "post_job"
	SendMessage    = "send_message"
	SendInvitation = "send_invitation"
	WithdrawFunds  = "withdraw_funds"
	AppearInSearch = "appear_in_search"
)

// Capabilities lists every capability name.
var Capabilities = []string{SubmitProposal, AcceptContract, PostJob, SendMessage, SendInvitation, WithdrawFunds, AppearInSearch}

// ValidCapability reports whether c names a capability.
func ValidCapability(c string) bool { return slices.Contains(Capabilities, c) }

// Restriction blocks one capability of an active account.
type Restriction struct {
	Capability string     `json:"capability"`
	Rule       string     `json:"rule"`
	Reason     string     `json:"reason"`
	Until      *time.Time `json:"until"`
}

// Verification is the identity-check state (I1, I2).
type Verification struct {
	Status      string     `json:"status"` // unverified, requested, verified, rejected
	RequestedAt *time.Time `json:"requested_at"`
	Deadline    *time.Time `json:"deadline"`
	VerifiedAt  *time.Time `json:"verified_at"`
}

// Strike is one serious-tier violation; it counts for StrikeLife.
type Strike struct {
	ID       string    `json:"id"`
	Rule     string    `json:"rule"`
	At       time.Time `json:"at"`
	NoticeID string    `json:"notice_id,omitempty"`
	Removed  bool      `json:"removed,omitempty"`
}

// Profile is the freelancer's public profile (screened, C2/C3).
type Profile struct {
	Title           string   `json:"title"`
	Overview        string   `json:"overview"`
	HourlyRateCents int64    `json:"hourly_rate_cents"`
	Skills          []string `json:"skills"`
}

// Hold is a staff fraud hold (E4) that stops payouts.
type Hold struct {
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// Account is the stored state of one account. View renders the API object.
type Account struct {
	ID               string        `json:"id"`
	ExternalID       string        `json:"external_id,omitempty"`
	Email            string        `json:"email"`
	Name             string        `json:"name"`
	Country          string        `json:"country"`
	DateOfBirth      string        `json:"date_of_birth,omitempty"`
	Status           Status        `json:"status"`
	StatusRule       string        `json:"status_rule,omitempty"`
	StatusNotice     string        `json:"status_notice,omitempty"` // the notice that set the current status (E3)
	PriorStatus      Status        `json:"prior_status,omitempty"`
	Restrictions     []Restriction `json:"restrictions"`
	Verification     Verification  `json:"verification"`
	Freelancer       bool          `json:"freelancer"`
	Client           bool          `json:"client"`
	Plan             string        `json:"plan"`
	Connects         int           `json:"connects"`
	Visibility       string        `json:"visibility"`
	Availability     string        `json:"availability"`
	Strikes          []Strike      `json:"strike_log,omitempty"`
	JobSuccess       *int          `json:"job_success"`
	TopRated         bool          `json:"top_rated,omitempty"` // R2's numbers met at the last recomputation (Badges adds the rest)
	BadgeLossUntil   *time.Time    `json:"badge_loss_until,omitempty"`
	ClosedAt         *time.Time    `json:"closed_at"`
	CloseReason      *string       `json:"close_reason"`
	BannedAt         *time.Time    `json:"banned_at,omitempty"`
	SuspendedAt      *time.Time    `json:"suspended_at,omitempty"`
	RespondBy        *time.Time    `json:"respond_by,omitempty"`
	FraudHold        *Hold         `json:"fraud_hold,omitempty"`
	Profile          *Profile      `json:"profile,omitempty"`
	LastActivity     time.Time     `json:"last_activity_at"`
	DormancyNoticeAt *time.Time    `json:"dormancy_notice_at,omitempty"`
	Exceptions       []string      `json:"exceptions,omitempty"`  // accounts M6 allows this one to be linked with
	ReplacedBy       string        `json:"replaced_by,omitempty"` // the new account M6 (b) let the person open after closing this one
	Erased           bool          `json:"erased,omitempty"`
	CreatedAt        time.Time     `json:"created_at"`
	Version          int64         `json:"version"`
}

// New returns a freshly signed-up account with the I1 restrictions a
// freelancer carries until verified, and the basic plan's Connects.
func New(id string, now time.Time, s policy.Settings) *Account {
	a := &Account{
		ID: id, Status: Active, Plan: "basic", Connects: s.BasicMonthlyConnects,
		Visibility: "public", Availability: "available",
		Verification: Verification{Status: "unverified"},
		Restrictions: []Restriction{}, LastActivity: now, CreatedAt: now, Version: 1,
	}
	return a
}

// ApplyUnverified adds the I1 restrictions (idempotent).
func (a *Account) ApplyUnverified() {
	for _, r := range UnverifiedRestrictions() {
		a.Restrict(r)
	}
}

// UnverifiedRestrictions are the I1 restrictions of a freelancer whose
// identity is not verified.
func UnverifiedRestrictions() []Restriction {
	return []Restriction{{Capability: SubmitProposal, Rule: "I1", Reason: "identity not verified"},
		{Capability: WithdrawFunds, Rule: "I1", Reason: "identity not verified"}}
}

// Restrict adds r unless the same capability is already restricted under the same rule.
func (a *Account) Restrict(r Restriction) {
	for i, x := range a.Restrictions {
		if x.Capability == r.Capability && x.Rule == r.Rule {
			a.Restrictions[i] = r
			return
		}
	}
	a.Restrictions = append(a.Restrictions, r)
}

// Lift removes every restriction under rule (all capabilities when capability is "").
// It reports whether anything was removed.
func (a *Account) Lift(rule, capability string) bool {
	n := len(a.Restrictions)
	a.Restrictions = slices.DeleteFunc(a.Restrictions, func(r Restriction) bool {
		return r.Rule == rule && (capability == "" || r.Capability == capability)
	})
	return len(a.Restrictions) != n
}

// ActiveRestrictions are the restrictions not yet past their end time.
func (a *Account) ActiveRestrictions(now time.Time) []Restriction {
	out := []Restriction{}
	for _, r := range a.Restrictions {
		if r.Until == nil || r.Until.After(now) {
			out = append(out, r)
		}
	}
	return out
}

// Transition moves the account to status to, or says why it cannot.
func (a *Account) Transition(to Status, rule string, now time.Time) error {
	if !CanTransition(a.Status, to) {
		return fmt.Errorf("%w: %s -> %s", ErrTransition, a.Status, to)
	}
	if to == Suspended || to == Banned {
		a.PriorStatus = a.Status
	}
	a.Status, a.StatusRule, a.StatusNotice = to, rule, ""
	switch to {
	case Suspended:
		a.SuspendedAt = &now
	case Banned:
		a.BannedAt = &now
		a.RespondBy = nil
	case Active:
		a.SuspendedAt, a.RespondBy, a.BannedAt = nil, nil, nil
		a.ClosedAt, a.CloseReason = nil, nil
		a.StatusRule = ""
	case Closed:
		a.ClosedAt = &now
		a.RespondBy = nil
	}
	return nil
}

// ErrTransition is wrapped by Transition when the table forbids the move.
var ErrTransition = fmt.Errorf("invalid transition")

// Block says which rule stops a capability and why.
type Block struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// Check answers whether the account may use capability now, with every rule
// that blocks it (POLICY.md section 2 and E4).
func (a *Account) Check(capability string, now time.Time, s policy.Settings) (bool, []Block) {
	blocks := []Block{}
	switch a.Status {
	case Suspended:
		if capability != SendMessage {
			blocks = append(blocks, Block{Rule: a.ruleOr("E1"), Reason: "account is suspended"})
		}
	case Banned:
		if capability != WithdrawFunds {
			blocks = append(blocks, Block{Rule: a.ruleOr("E4"), Reason: "account is banned"})
		} else if a.BannedAt != nil && now.Before(a.BannedAt.Add(s.PayoutHold.D())) {
			blocks = append(blocks, Block{Rule: "E4", Reason: "earned funds become withdrawable " +
				a.BannedAt.Add(s.PayoutHold.D()).Format(time.RFC3339) + ", after the payout hold that follows a ban"})
		}
	case Closed, Erased:
		blocks = append(blocks, Block{Rule: "L8", Reason: "account is " + string(a.Status)})
	}
	if !a.Freelancer && (capability == SubmitProposal || capability == AcceptContract) {
		// I1 gates a freelancer's bids on verification; an account with no
		// freelancer profile carries no I1 restriction, so bidding or being
		// hired as one would go around it. It adds the profile first (P4),
		// which brings I1 with it.
		blocks = append(blocks, Block{Rule: "P4", Reason: "the account has no freelancer profile: add one first"})
	}
	if capability == WithdrawFunds && a.FraudHold != nil {
		blocks = append(blocks, Block{Rule: "E4", Reason: "fraud hold: " + a.FraudHold.Reason})
	}
	for _, r := range a.ActiveRestrictions(now) {
		if r.Capability == capability {
			blocks = append(blocks, Block{Rule: r.Rule, Reason: r.Reason})
		}
	}
	return len(blocks) == 0, blocks
}

func (a *Account) ruleOr(def string) string {
	if a.StatusRule != "" {
		return a.StatusRule
	}
	return def
}

// ActiveStrikes are strikes not removed and younger than the strike life.
func (a *Account) ActiveStrikes(now time.Time, life time.Duration) []Strike {
	var out []Strike
	for _, s := range a.Strikes {
		if !s.Removed && now.Sub(s.At) < life {
			out = append(out, s)
		}
	}
	return out
}

// StrikeSince reports whether a strike that still stands was recorded after t.
func (a *Account) StrikeSince(t time.Time) bool {
	for _, s := range a.Strikes {
		if !s.Removed && s.At.After(t) {
			return true
		}
	}
	return false
}

// ViolationSince reports whether a strike or a violation ban happened after t
// (M6: no violation in the last 12 months).
func (a *Account) ViolationSince(t time.Time) bool {
	return a.StrikeSince(t) || a.BannedAt != nil && a.BannedAt.After(t)
}

// Badges are the badges shown now. TopRated holds R2's numbers (Job
// Success and earnings) as last recomputed; R2's "no strike in the last 3
// months" and R3's badge loss depend on the time, so they are applied here:
// a strike takes the badge away at once, and it comes back when the window
// has passed, with no recomputation needed.
func (a *Account) Badges(now time.Time, s policy.Settings) []string {
	if a.TopRated && !a.StrikeSince(now.Add(-s.TopRatedClean.D())) && (a.BadgeLossUntil == nil || !now.Before(*a.BadgeLossUntil)) {
		return []string{"top_rated"}
	}
	return []string{}
}

// View is the account object of API.md.
type View struct {
	ID           string        `json:"id"`
	ExternalID   *string       `json:"external_id"`
	Email        string        `json:"email"`
	Name         string        `json:"name"`
	Country      string        `json:"country"`
	Status       Status        `json:"status"`
	Restrictions []Restriction `json:"restrictions"`
	Verification Verification  `json:"verification"`
	Freelancer   bool          `json:"freelancer"`
	Client       bool          `json:"client"`
	Plan         string        `json:"plan"`
	Connects     int           `json:"connects"`
	Visibility   string        `json:"visibility"`
	Availability string        `json:"availability"`
	Strikes      int           `json:"strikes"`
	JobSuccess   *int          `json:"job_success"`
	Badges       []string      `json:"badges"`
	RespondBy    *time.Time    `json:"respond_by"`
	FraudHold    bool          `json:"fraud_hold"`
	Profile      *Profile      `json:"profile,omitempty"`
	ClosedAt     *time.Time    `json:"closed_at"`
	CloseReason  *string       `json:"close_reason"`
	CreatedAt    time.Time     `json:"created_at"`
	Version      int64         `json:"version"`
}

// View renders the account as of now.
func (a *Account) View(now time.Time, s policy.Settings) View {
	var ext *string
	if a.ExternalID != "" {
		e := a.ExternalID
		ext = &e
	}
	return View{
		ID: a.ID, ExternalID: ext, Email: a.Email, Name: a.Name, Country: a.Country,
		Status: a.Status, Restrictions: a.ActiveRestrictions(now), Verification: a.Verification,
		Freelancer: a.Freelancer, Client: a.Client, Plan: a.Plan, Connects: a.Connects,
		Visibility: a.Visibility, Availability: a.Availability,
		Strikes:    len(a.ActiveStrikes(now, s.StrikeLife.D())),
		JobSuccess: a.JobSuccess, Badges: a.Badges(now, s), RespondBy: a.RespondBy,
		FraudHold: a.FraudHold != nil, Profile: a.Profile,
		ClosedAt: a.ClosedAt, CloseReason: a.CloseReason, CreatedAt: a.CreatedAt, Version: a.Version,
	}
}

// Plans of P3.
var Plans = []string{"basic", "plus"}

// Visibilities of P2.
var Visibilities = []string{"public", "members", "private"}

// Availabilities of P1.
var Availabilities = []string{"available", "unavailable"}

// GrantConnects adds the monthly grant of the plan, capped (P3), to an
// account that can use Connects (active or suspended); a closed or banned
// one gets nothing that month, but is granted again once it is reactivated
// (L8) or reinstated (E3).
func (a *Account) GrantConnects(s policy.Settings) int {
	if a.Status != Active && a.Status != Suspended {
		return 0
	}
	before := a.Connects
	a.Connects = min(a.Connects+s.MonthlyConnects(a.Plan), max(s.ConnectsCap, a.Connects))
	return a.Connects - before
}
