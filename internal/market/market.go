// Package market holds the marketplace facts that standing needs to gate
// closing and to pay people (POLICY.md sections 7, 8 and 10): organizations,
// agencies, jobs, proposals, contracts, invoices, messages, reviews, and the
// pure rules over them (billing weeks, Job Success, Top Rated).
package market

import (
	"math"
	"slices"
	"time"

	"standing/internal/problem"
	"standing/internal/screen"
)

// Member is one account's role in an organization or agency.
type Member struct {
	AccountID string    `json:"account_id"`
	Role      string    `json:"role"` // owner, admin, manager, member
	Since     time.Time `json:"since"`
}

// Team is an organization (client company) or an agency.
type Team struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	OwnerID   string     `json:"owner_id"`
	Members   []Member   `json:"members"`
	Status    string     `json:"status"` // active, closed
	ClosedAt  *time.Time `json:"closed_at"`
	CreatedAt time.Time  `json:"created_at"`
	Version   int64      `json:"version"`
}

// Role returns the role of an account in the team, or "".
func (t *Team) Role(accountID string) string {
	for _, m := range t.Members {
		if m.AccountID == accountID {
			return m.Role
		}
	}
	return ""
}

// Others lists the members other than the owner.
func (t *Team) Others() []Member {
	var out []Member
	for _, m := range t.Members {
		if m.Role != "owner" {
			out = append(out, m)
		}
	}
	return out
}

// Remove drops an account from the members.
func (t *Team) Remove(accountID string) {
	t.Members = slices.DeleteFunc(t.Members, func(m Member) bool { return m.AccountID == accountID })
}

// MayRemove reports whether actor (by role) may remove a member with role
// target (L4): the owner anyone, an admin managers and members, a manager
// plain members.
func MayRemove(actor, target string) bool {
	rank := map[string]int{"owner": 4, "admin": 3, "manager": 2, "member": 1}
	return actor != "member" && rank[actor] > rank[target] && rank[actor] >= 2
}

// Job is a job post of an organization.
type Job struct {
	ID             string    `json:"id"`
	OrganizationID string    `json:"organization_id"`
	PostedBy       string    `json:"posted_by"`
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	ConnectsPrice  int       `json:"connects_price"`
	Status         string    `json:"status"` // open, closed
	CloseReason    *string   `json:"close_reason"`
	Hired          bool      `json:"hired"`
	CreatedAt      time.Time `json:"created_at"`
	Version        int64     `json:"version"`
}

// Proposal is a freelancer's bid on a job.
type Proposal struct {
	ID            string         `json:"id"`
	JobID         string         `json:"job_id"`
	AccountID     string         `json:"account_id"`
	AgencyID      *string        `json:"agency_id"`
	CoverLetter   string         `json:"cover_letter"`
	Status        ProposalStatus `json:"status"`
	ConnectsSpent int            `json:"connects_spent"`
	Refunded      bool           `json:"refunded"`
	CreatedAt     time.Time      `json:"created_at"`
	Version       int64          `json:"version"`
}

// HourEntry is time logged on an hourly contract.
type HourEntry struct {
	Date  string  `json:"date"`
	Hours float64 `json:"hours"`
}

// Contract is work between an organization and a freelancer.
type Contract struct {
	ID              string         `json:"id"`
	JobID           string         `json:"job_id"`
	OrganizationID  string         `json:"organization_id"`
	FreelancerID    string         `json:"freelancer_account_id"`
	AgencyID        *string        `json:"agency_id"`
	Kind            string         `json:"kind"` // hourly, fixed
	HourlyRateCents int64          `json:"hourly_rate_cents"`
	EscrowCents     int64          `json:"escrow_cents"` // funded at the start
	PaidCents       int64          `json:"paid_cents"`
	Status          ContractStatus `json:"status"`
	Hours           []HourEntry    `json:"hours"`
	BilledThrough   *time.Time     `json:"billed_through"` // end of the last invoiced week
	ClientRating    *int           `json:"client_rating"`
	CreatedAt       time.Time      `json:"created_at"`
	EndedAt         *time.Time     `json:"ended_at"`
	Version         int64          `json:"version"`
}

// WeekStart is the Monday 00:00 UTC that starts the billing week of t.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	off := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return d.AddDate(0, 0, -off)
}

// BillingOpen reports whether an hourly contract still has a week that has
// not ended and been invoiced (L3): always while active, and after its end
// until the week of the end has been billed.
func (c *Contract) BillingOpen() bool {
	if c.Kind != "hourly" {
		return false
	}
	if c.Status == "active" {
		return true
	}
	end := WeekStart(*c.EndedAt).AddDate(0, 0, 7)
	return c.BilledThrough == nil || c.BilledThrough.Before(end)
}

// Unbilled sums the hours logged after the last invoiced week (before the
// first invoice, from the week the contract started, as billing counts
// them): money the freelancer is still owed and no invoice yet says so (L2).
func (c *Contract) Unbilled() float64 {
	from := WeekStart(c.CreatedAt)
	if c.BilledThrough != nil {
		from = *c.BilledThrough
	}
	return c.HoursIn(from, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
}

// HoursIn sums the hours logged on dates in [from, to).
func (c *Contract) HoursIn(from, to time.Time) float64 {
	var h float64
	for _, e := range c.Hours {
		d, err := time.Parse(time.DateOnly, e.Date)
		if err == nil && !d.Before(from) && d.Before(to) {
			h += e.Hours
		}
	}
	return h
}

// Invoice bills one week of an hourly contract.
type Invoice struct {
	ID             string     `json:"id"`
	ContractID     string     `json:"contract_id"`
	OrganizationID string     `json:"organization_id"`
	FreelancerID   string     `json:"freelancer_account_id"`
	WeekStart      string     `json:"week_start"`
	Hours          float64    `json:"hours"`
	AmountCents    int64      `json:"amount_cents"`
	Status         string     `json:"status"` // unpaid, paid
	PaidAt         *time.Time `json:"paid_at"`
	CreatedAt      time.Time  `json:"created_at"`
	Version        int64      `json:"version"`
}

// Amount is hours × rate in whole cents, rounded half up.
func Amount(hours float64, rateCents int64) int64 {
	return int64(math.Round(hours * float64(rateCents)))
}

// Outcome is an ended contract as R1 sees it.
type Outcome struct {
	ClientID string
	EndedAt  time.Time
	Rating   *int
	Paid     bool
}

// JobSuccess is R1: over the last 6, 12 and 24 months, (good − bad) ÷
// ended contracts, as a whole percent, the best of the windows; nil until
// contracts with at least two different clients have ended.
func JobSuccess(outcomes []Outcome, now time.Time) *int {
	clients := map[string]bool{}
	for _, o := range outcomes {
		clients[o.ClientID] = true
	}
	if len(clients) < 2 {
		return nil
	}
	best := -1
	for _, months := range []int{6, 12, 24} {
		from := now.AddDate(0, -months, 0)
		good, bad, n := 0, 0, 0
		for _, o := range outcomes {
			if o.EndedAt.Before(from) {
				continue
			}
			n++
			switch {
			case o.Rating != nil && *o.Rating >= 4:
				good++
			case o.Rating != nil && *o.Rating <= 2, !o.Paid:
				bad++
			}
		}
		if n == 0 {
			continue
		}
		v := int(math.Round(100 * float64(good-bad) / float64(n)))
		best = max(best, max(v, 0))
	}
	if best < 0 {
		return nil
	}
	return &best
}

// TopRated is R2's numbers: Job Success at least the floor and enough
// earnings in the last 12 months. R2's third condition, no strike in the
// last 3 months, changes with the time alone and is applied where the badge
// is shown (account.Badges).
func TopRated(js *int, earnedCents int64, minJS int, minEarned int64) bool {
	return js != nil && *js >= minJS && earnedCents >= minEarned
}

// Message is a message or an invitation between two accounts.
type Message struct {
	ID            string           `json:"id"`
	Kind          string           `json:"kind"` // message, invitation
	JobID         *string          `json:"job_id,omitempty"`
	From          string           `json:"from_account_id"`
	To            string           `json:"to_account_id"`
	Body          string           `json:"body"`
	BodyDelivered *string          `json:"body_delivered"`
	Status        string           `json:"status"` // delivered, redacted, held
	FirstContact  bool             `json:"first_contact"`
	Sketch        []uint64         `json:"sketch,omitempty"`
	Findings      []screen.Finding `json:"findings,omitempty"`  // what screening found (C4), kept for review
	Rule          string           `json:"rule,omitempty"`      // the rule of its strike (V5, V6, V7)
	NoticeID      string           `json:"notice_id,omitempty"` // the notice of that strike
	HasContract   bool             `json:"has_contract,omitempty"`
	Reviewed      *MessageReview   `json:"review,omitempty"` // a person's review of a held message
	CreatedAt     time.Time        `json:"created_at"`
	Version       int64            `json:"version"`
}

// MessageReview is a person's decision on a held message (section 9).
type MessageReview struct {
	Outcome string    `json:"outcome"` // release or uphold
	Reason  string    `json:"reason,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// Review is a rating left on a contract.
type Review struct {
	ID         string    `json:"id"`
	ContractID string    `json:"contract_id"`
	AuthorID   string    `json:"author_account_id"`
	SubjectID  string    `json:"subject_account_id"`
	Rating     int       `json:"rating"`
	Text       string    `json:"text"`
	Status     string    `json:"status"` // published, voided
	CreatedAt  time.Time `json:"created_at"`
	Version    int64     `json:"version"`
}

// ReviewSubject is whom author's review of contract c rates, refusing an
// author who is not a party and a side that already reviewed it (existing
// are the contract's reviews so far): the freelancer rates the client
// organization's owner; any member of the organization rates the
// freelancer, once for the whole side, since the client's one rating is
// what Job Success counts (R1).
func ReviewSubject(c *Contract, org *Team, author string, existing []Review) (string, error) {
	subject := c.FreelancerID
	switch {
	case author == c.FreelancerID:
		subject = org.OwnerID
	case org.Role(author) == "":
		return "", problem.Newf("not_member", "account %s is not a party to contract %s", author, c.ID)
	}
	if subject == author { // V8: a freelancer hired by its own organization would rate itself
		return "", problem.Newf("conflict", "account %s is on both sides of contract %s and cannot review itself", author, c.ID).WithRule("V8")
	}
	if slices.ContainsFunc(existing, func(r Review) bool { return r.SubjectID == subject }) {
		return "", problem.Newf("conflict", "contract %s already has this side's review; a review is not changed once posted", c.ID).WithRule("R1")
	}
	return subject, nil
}

// Withdrawal is money paid out of an account's available balance.
type Withdrawal struct {
	ID          string    `json:"id"`
	AccountID   string    `json:"account_id"`
	AmountCents int64     `json:"amount_cents"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
}

// TeamKind is what a team is: a client organization (L3) or an agency (L5).
type TeamKind string

// The two kinds of team.
const (
	Organization TeamKind = "organization"
	Agency       TeamKind = "agency"
)

// Prefix is the id prefix of the kind's teams (API.md).
func (k TeamKind) Prefix() string {
	if k == Agency {
		return "agy"
	}
	return "org"
}

// Roles are the roles a member of the kind's teams may hold (section 1).
func (k TeamKind) Roles() []string {
	if k == Agency {
		return []string{"admin", "member"}
	}
	return []string{"admin", "manager", "member"}
}

// ClosureRule is the rule that governs closing the kind's teams.
func (k TeamKind) ClosureRule() string {
	if k == Agency {
		return "L5"
	}
	return "L3"
}

// ProposalStatus is where a proposal stands.
type ProposalStatus string

// Proposal statuses: pending until withdrawn, accepted (a contract) or
// closed with its job.
const (
	ProposalPending   ProposalStatus = "pending"
	ProposalWithdrawn ProposalStatus = "withdrawn"
	ProposalAccepted  ProposalStatus = "accepted"
	ProposalClosed    ProposalStatus = "closed"
)

// ContractStatus is where a contract stands.
type ContractStatus string

// Contract statuses.
const (
	ContractActive ContractStatus = "active"
	ContractEnded  ContractStatus = "ended"
)
