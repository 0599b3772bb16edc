package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/ids"
	"standing/internal/market"
	"standing/internal/problem"
	"standing/internal/store"
)

// Ledger buckets. Every movement is a balanced pair of entries; "world" is
// the money outside the platform (clients' cards, freelancers' banks).
const (
	bucketPending   = "pending"
	bucketAvailable = "available"
	bucketEscrow    = "escrow"
	world           = "world"
	bucketExternal  = "external"
)

// move posts a balanced transfer of amount from one (owner, bucket) to another.
func (t *txn) move(amount int64, fromOwner, fromBucket, toOwner, toBucket, ref, memo string) error {
	return t.Post(t.ctx,
		store.Entry{Owner: fromOwner, Bucket: fromBucket, Amount: -amount, Ref: ref, Memo: memo, At: t.now},
		store.Entry{Owner: toOwner, Bucket: toBucket, Amount: amount, Ref: ref, Memo: memo, At: t.now})
}

// pay credits a freelancer's pending balance and schedules its release
// after the security period.
func (t *txn) pay(freelancer string, amount int64, fromOwner, fromBucket, memo string) error {
	ref := ids.New("pay")
	if err := t.move(amount, fromOwner, fromBucket, freelancer, bucketPending, ref, memo); err != nil {
		return err
	}
	if err := t.Save(t.ctx, store.Payments, map[string]any{"id": ref, "account_id": freelancer, "amount_cents": amount, "memo": memo,
		"created_at": t.now}); err != nil {
		return err
	}
	return t.enqueue(job("release", ref, t.now.Add(t.s.set.SecurityPeriod.D())))
}

// saveNext writes the next version of an aggregate whose version is at
// version.
func (t *txn) saveNext(tb *store.Table, version *int64, v any) error {
	*version++
	return t.Save(t.ctx, tb, v)
}

func (t *txn) saveJob(j *market.Job) error { return t.saveNext(store.Jobs, &j.Version, j) }

func (t *txn) saveProposal(p *market.Proposal) error {
	return t.saveNext(store.Proposals, &p.Version, p)
}

func (t *txn) saveContract(c *market.Contract) error {
	return t.saveNext(store.Contracts, &c.Version, c)
}

func (t *txn) saveInvoice(v *market.Invoice) error { return t.saveNext(store.Invoices, &v.Version, v) }

// memberOf checks that acting holds one of roles in the organization.
func (t *txn) memberOf(orgID, acting string, roles ...string) (*market.Team, error) {
	org, err := t.loadTeam(market.Organization, orgID)
	if err != nil {
		return nil, err
	}
	r := org.Role(acting)
	if r == "" {
		return nil, problem.Newf("not_member", "account %s is not a member of organization %s", acting, org.ID)
	}
	if len(roles) > 0 && !slices.Contains(roles, r) {
		return nil, problem.Newf("not_owner", "a %s of organization %s may not do this; it takes the %s", r, org.ID, strings.Join(roles, " or "))
	}
	return org, nil
}

// JobInput is the command to post a job.
type JobInput struct {
	OrganizationID string
	Title          string
	Description    string
	ConnectsPrice  int
}

// PostJob publishes a screened job post (C2, C3).
func (s *Service) PostJob(ctx context.Context, actor Actor, acting string, in JobInput) (market.Job, error) {
	var out market.Job
	set := s.set
	var errs []problem.FieldError
	if n := len(in.Title); n == 0 || n > 300 {
		errs = append(errs, problem.Field("title", "invalid", "1 to 300 characters"))
	}
	if len(in.Description) > 20000 {
		errs = append(errs, problem.Field("description", "invalid", "at most 20000 characters"))
	}
	if p := in.ConnectsPrice; p < set.ConnectsPriceMin || p > set.ConnectsPriceMax {
		errs = append(errs, problem.Field("connects_price", "invalid", fmt.Sprintf("%d to %d Connects (P3)", set.ConnectsPriceMin, set.ConnectsPriceMax)))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the job has invalid fields", errs...)
	}
	findings := s.screenFields("job_post", []field{{"title", in.Title}, {"description", in.Description}})
	var refusal error
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.actingAccount(acting)
		if err != nil {
			return err
		}
		org, err := t.memberOf(in.OrganizationID, a.ID)
		if err != nil {
			return err
		}
		if org.Status != "active" {
			return problem.Newf("conflict", "organization %s is closed", org.ID)
		}
		if err := t.capable(a, account.PostJob); err != nil {
			return err
		}
		if len(findings) > 0 {
			refusal, err = t.refuseContent(a, "job_post", findings)
			return err
		}
		j := &market.Job{ID: ids.New("job"), OrganizationID: org.ID, PostedBy: a.ID, Title: in.Title, Description: in.Description,
			ConnectsPrice: in.ConnectsPrice, Status: "open", CreatedAt: t.now}
		if err := t.saveJob(j); err != nil {
			return err
		}
		if err := t.touch(a); err != nil {
			return err
		}
		out = *j
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, refusal
}

// touch records activity (L9) on an account: whatever a member does on
// the platform (posting, bidding, hiring, logging hours, paying, being
// paid out) keeps the account from being taken for dormant.
func (t *txn) touch(a *account.Account) error {
	a.LastActivity = t.now
	return t.saveAccount(a)
}

// touchID is touch for an account the caller has not loaded.
func (t *txn) touchID(id string) error {
	a, err := t.loadAccount(id)
	if err != nil {
		return err
	}
	return t.touch(a)
}

// JobCloseInput is the command to close a job.
type JobCloseInput struct {
	Reason string
}

// CloseJob closes a job; cancelled before any contract, its proposals get
// their Connects back (P3).
func (s *Service) CloseJob(ctx context.Context, actor Actor, acting, id string, in JobCloseInput) (market.Job, error) {
	var out market.Job
	if !slices.Contains([]string{"filled", "cancelled", "violation"}, in.Reason) {
		return out, problem.Invalid("unknown reason", problem.Field("reason", "invalid", "filled or cancelled"))
	}
	if in.Reason == "violation" && actor.Kind != "staff" {
		return out, problem.Invalid("only staff remove a job for a violation", problem.Field("reason", "invalid", "filled or cancelled"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		j, err := get[market.Job](t, store.Jobs, "job", id)
		if err != nil {
			return err
		}
		if actor.Kind != "staff" {
			if _, err := t.memberOf(j.OrganizationID, acting); err != nil {
				return err
			}
		}
		if j.Status != "open" {
			return problem.Newf("conflict", "job %s is already closed", j.ID)
		}
		reason := in.Reason
		j.Status, j.CloseReason = "closed", &reason
		refund := in.Reason == "violation" || in.Reason == "cancelled" && !j.Hired
		props, err := store.Find[market.Proposal](t.ctx, t.Tx, store.Proposals, store.Q{Where: []store.Cond{store.Eq("job_id", j.ID), store.Eq("status", "pending")}})
		if err != nil {
			return err
		}
		for i := range props {
			p := &props[i]
			p.Status = market.ProposalClosed
			if refund && !p.Refunded && p.ConnectsSpent > 0 {
				f, err := t.loadAccount(p.AccountID)
				if err != nil {
					return err
				}
				f.Connects += p.ConnectsSpent
				p.Refunded = true
				if err := t.audit(Event{AccountID: f.ID, Action: "connects_refunded", Rule: "P3", Ref: p.ID,
					Reason: fmt.Sprintf("%d Connects back: job %s %s before hiring", p.ConnectsSpent, j.ID, in.Reason)}); err != nil {
					return err
				}
				if err := t.saveAccount(f); err != nil {
					return err
				}
			}
			if err := t.saveProposal(p); err != nil {
				return err
			}
		}
		if err := t.saveJob(j); err != nil {
			return err
		}
		out = *j
		return nil
	})
	return out, err
}

// ProposalInput is the command to submit a proposal; AgencyID is nil
// when the freelancer bids alone.
type ProposalInput struct {
	JobID       string
	AccountID   string
	AgencyID    *string
	CoverLetter string
}

// SubmitProposal spends the job's Connects on a screened proposal.
func (s *Service) SubmitProposal(ctx context.Context, actor Actor, acting string, in ProposalInput) (market.Proposal, error) {
	var out market.Proposal
	if len(in.CoverLetter) > 20000 {
		return out, problem.Invalid("cover letter too long", problem.Field("cover_letter", "invalid", "at most 20000 characters"))
	}
	findings := s.screenFields("proposal", []field{{"cover_letter", in.CoverLetter}})
	var refusal error
	err := s.update(ctx, actor, func(t *txn) error {
		if acting != "" && acting != in.AccountID {
			return problem.Newf("not_owner", "account %s cannot submit a proposal for %s", acting, in.AccountID)
		}
		a, err := t.loadAccount(in.AccountID)
		if err != nil {
			return err
		}
		j, err := get[market.Job](t, store.Jobs, "job", in.JobID)
		if err != nil {
			return err
		}
		if j.Status != "open" {
			return problem.Newf("conflict", "job %s is closed", j.ID)
		}
		if err := t.inAgency(in.AgencyID, a.ID); err != nil {
			return err
		}
		if err := t.capable(a, account.SubmitProposal); err != nil {
			return err
		}
		if a.Connects < j.ConnectsPrice {
			return problem.Newf("insufficient_connects", "the job costs %d Connects; the account has %d", j.ConnectsPrice, a.Connects).WithRule("P3")
		}
		if len(findings) > 0 {
			refusal, err = t.refuseContent(a, "proposal", findings)
			return err
		}
		a.Connects -= j.ConnectsPrice
		p := &market.Proposal{ID: ids.New("prp"), JobID: j.ID, AccountID: a.ID, AgencyID: in.AgencyID, CoverLetter: in.CoverLetter,
			Status: market.ProposalPending, ConnectsSpent: j.ConnectsPrice, CreatedAt: t.now}
		if err := t.saveProposal(p); err != nil {
			return err
		}
		// The freelancer meets the job's organization here: the client's
		// answer is no unsolicited first contact (V3), and V5's 24 months
		// run from this first meeting.
		if err := t.met(a.ID, j.OrganizationID, a.ID, false); err != nil {
			return err
		}
		if err := t.touch(a); err != nil {
			return err
		}
		out = *p
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, refusal
}

// inAgency checks that the freelancer works for the agency a proposal or
// a contract names, if it names one: the agency is active and the
// freelancer one of its members. A contract naming an agency the freelancer
// does not belong to would otherwise count against that agency's closure (L5).
func (t *txn) inAgency(agencyID *string, freelancer string) error {
	if agencyID == nil {
		return nil
	}
	ag, err := t.loadTeam(market.Agency, *agencyID)
	if err != nil {
		return err
	}
	if ag.Role(freelancer) == "" || ag.Status != "active" {
		return problem.Newf("not_member", "account %s is not a member of agency %s", freelancer, ag.ID)
	}
	return nil
}

// WithdrawProposal withdraws a pending proposal (its Connects are not refunded, P3).
func (s *Service) WithdrawProposal(ctx context.Context, actor Actor, acting, id string) (market.Proposal, error) {
	var out market.Proposal
	err := s.update(ctx, actor, func(t *txn) error {
		p, err := get[market.Proposal](t, store.Proposals, "proposal", id)
		if err != nil {
			return err
		}
		if acting != "" && acting != p.AccountID && actor.Kind != "staff" {
			return problem.Newf("not_owner", "only the freelancer withdraws proposal %s", p.ID)
		}
		if p.Status != market.ProposalPending {
			return problem.Newf("conflict", "proposal %s is %s", p.ID, p.Status)
		}
		p.Status = market.ProposalWithdrawn
		if err := t.saveProposal(p); err != nil {
			return err
		}
		out = *p
		return nil
	})
	return out, err
}

// ContractInput is the command to start a contract; HourlyRateCents
// (hourly) or EscrowCents (fixed) is nil when not given.
type ContractInput struct {
	JobID               string
	FreelancerAccountID string
	AgencyID            *string
	Kind                string
	HourlyRateCents     *int64
	EscrowCents         *int64
}

// StartContract hires a freelancer for a job; a fixed contract funds its escrow.
func (s *Service) StartContract(ctx context.Context, actor Actor, acting string, in ContractInput) (market.Contract, error) {
	var out market.Contract
	var errs []problem.FieldError
	switch in.Kind {
	case "hourly":
		if in.HourlyRateCents == nil || *in.HourlyRateCents <= 0 || *in.HourlyRateCents > 10_000_000 {
			errs = append(errs, problem.Field("hourly_rate_cents", "invalid", "an hourly contract needs a positive rate"))
		}
	case "fixed":
		if in.EscrowCents == nil || *in.EscrowCents <= 0 || *in.EscrowCents > 100_000_000_00 {
			errs = append(errs, problem.Field("escrow_cents", "invalid", "a fixed contract needs a positive escrow"))
		}
	default:
		errs = append(errs, problem.Field("kind", "invalid", "hourly or fixed"))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the contract has invalid fields", errs...)
	}
	err := s.update(ctx, actor, func(t *txn) error {
		if err := t.lockAccounts(acting, in.FreelancerAccountID); err != nil {
			return err
		}
		a, err := t.actingAccount(acting)
		if err != nil {
			return err
		}
		j, err := get[market.Job](t, store.Jobs, "job", in.JobID)
		if err != nil {
			return err
		}
		if _, err := t.memberOf(j.OrganizationID, a.ID); err != nil { // API.md: "acting account is a member of the job's organization"
			return err
		}
		if j.Status != "open" {
			return problem.Newf("conflict", "job %s is closed", j.ID)
		}
		f, err := t.loadAccount(in.FreelancerAccountID)
		if err != nil {
			return err
		}
		if err := t.capable(f, account.AcceptContract); err != nil {
			return err
		}
		if err := t.inAgency(in.AgencyID, f.ID); err != nil {
			return err
		}
		c := &market.Contract{ID: ids.New("ctr"), JobID: j.ID, OrganizationID: j.OrganizationID, FreelancerID: f.ID, AgencyID: in.AgencyID,
			Kind: in.Kind, Status: market.ContractActive, Hours: []market.HourEntry{}, CreatedAt: t.now}
		if c.Kind == "hourly" {
			c.HourlyRateCents = *in.HourlyRateCents
			if err := t.enqueue(job("billing", c.ID, market.WeekStart(t.now).AddDate(0, 0, 7))); err != nil {
				return err
			}
		} else {
			c.EscrowCents = *in.EscrowCents
			if err := t.move(c.EscrowCents, world, bucketExternal, c.ID, bucketEscrow, c.ID, "escrow funded"); err != nil {
				return err
			}
		}
		j.Hired = true
		if err := t.saveJob(j); err != nil {
			return err
		}
		props, err := store.Find[market.Proposal](t.ctx, t.Tx, store.Proposals, store.Q{Where: []store.Cond{store.Eq("job_id", j.ID), store.Eq("account_id", f.ID), store.Eq("status", "pending")}})
		if err != nil {
			return err
		}
		for i := range props {
			props[i].Status = market.ProposalAccepted
			if err := t.saveProposal(&props[i]); err != nil {
				return err
			}
		}
		if err := t.saveContract(c); err != nil {
			return err
		}
		if err := t.met(f.ID, j.OrganizationID, a.ID, true); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: f.ID, Action: "contract_started", Ref: c.ID}); err != nil {
			return err
		}
		if err := t.touch(f); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// Pair is what two accounts have done together: when they first met on the
// platform (V5, V10: 24 months) and whether they have had a contract (C2).
type Pair struct {
	ID          string    `json:"id"`
	FirstMet    time.Time `json:"first_met"`
	HasContract bool      `json:"has_contract"`
	Version     int64     `json:"version"`
}

func pairID(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return "pair_" + a + "_" + b
}

// pair returns the record of two accounts, or a new one met now. It is
// read once per transaction: a second call (a message reads it, then meet
// records the meeting) gets the same record, with what meet changed.
func (t *txn) pair(a, b string) (*Pair, error) {
	id := pairID(a, b)
	if p, ok := t.pairs[id]; ok {
		return p, nil
	}
	p, err := get[Pair](t, store.Pairs, "pair", id)
	if pe, ok := problem.As(err); ok && pe.Code == "not_found" {
		p, err = &Pair{ID: id, FirstMet: t.now}, nil
	}
	if err != nil {
		return nil, err
	}
	if t.pairs == nil {
		t.pairs = map[string]*Pair{}
	}
	t.pairs[id] = p
	return p, nil
}

// met records that a freelancer met an organization's people; a contract
// makes every member of the organization a contract partner (C2).
func (t *txn) met(freelancer, orgID, acting string, contract bool) error {
	org, err := t.loadTeam(market.Organization, orgID)
	if err != nil {
		return err
	}
	for _, m := range org.Members {
		if err := t.meet(freelancer, m.AccountID, contract); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) meet(a, b string, contract bool) error {
	if a == b {
		return nil
	}
	p, err := t.pair(a, b)
	if err != nil {
		return err
	}
	if p.Version > 0 && (p.HasContract || !contract) {
		return nil
	}
	p.HasContract = p.HasContract || contract
	p.Version++
	return t.Save(t.ctx, store.Pairs, p)
}

// AmountInput is the command to release escrow or withdraw funds.
type AmountInput struct {
	AmountCents int64
}

func validAmount(a int64) error {
	if a <= 0 || a > 100_000_000_00 {
		return problem.Invalid("amount_cents must be positive", problem.Field("amount_cents", "invalid", "a positive number of cents"))
	}
	return nil
}

// ReleasePayment releases escrow of a fixed contract to the freelancer.
func (s *Service) ReleasePayment(ctx context.Context, actor Actor, acting, id string, in AmountInput) (market.Contract, error) {
	var out market.Contract
	if err := validAmount(in.AmountCents); err != nil {
		return out, err
	}
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[market.Contract](t, store.Contracts, "contract", id)
		if err != nil {
			return err
		}
		if _, err := t.memberOf(c.OrganizationID, acting); err != nil {
			return err
		}
		if c.Kind != "fixed" {
			return problem.Newf("conflict", "contract %s is hourly: it is paid by invoice", c.ID)
		}
		bal, err := t.Balance(t.ctx, c.ID, bucketEscrow)
		if err != nil {
			return err
		}
		if in.AmountCents > bal {
			return problem.Newf("insufficient_funds", "escrow holds %d cents; %d asked", bal, in.AmountCents)
		}
		if err := t.pay(c.FreelancerID, in.AmountCents, c.ID, bucketEscrow, "milestone of "+c.ID); err != nil {
			return err
		}
		c.PaidCents += in.AmountCents
		if err := t.saveContract(c); err != nil {
			return err
		}
		if err := t.touchID(acting); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// HoursInput is the command to log hours on an hourly contract.
type HoursInput struct {
	Hours float64
	Date  string
}

// LogHours records time on an hourly contract, by its freelancer.
func (s *Service) LogHours(ctx context.Context, actor Actor, acting, id string, in HoursInput) (market.Contract, error) {
	var out market.Contract
	if in.Hours <= 0 || in.Hours > 24 {
		return out, problem.Invalid("hours must be more than 0 and at most 24", problem.Field("hours", "invalid", "0 < hours <= 24"))
	}
	d, err := time.Parse(time.DateOnly, in.Date)
	if err != nil {
		return out, problem.Invalid("date must be YYYY-MM-DD", problem.Field("date", "invalid", "YYYY-MM-DD"))
	}
	err = s.update(ctx, actor, func(t *txn) error {
		c, err := get[market.Contract](t, store.Contracts, "contract", id)
		if err != nil {
			return err
		}
		if acting != c.FreelancerID {
			return problem.Newf("not_owner", "only the contract's freelancer logs hours on %s", c.ID)
		}
		if c.Kind != "hourly" || c.Status != market.ContractActive {
			return problem.Newf("conflict", "contract %s is not an active hourly contract", c.ID)
		}
		if d.After(t.now) {
			return problem.Invalid("hours cannot be logged in the future", problem.Field("date", "invalid", "today or earlier"))
		}
		if start := c.CreatedAt.UTC().Truncate(24 * time.Hour); d.Before(start) {
			// Billing invoices from the week the contract started: hours
			// dated before it would be accepted and never paid.
			return problem.Invalid("hours cannot be logged before the contract started", problem.Field("date", "invalid", "the contract's start date ("+start.Format(time.DateOnly)+") or later"))
		}
		if c.BilledThrough != nil && d.Before(*c.BilledThrough) {
			return problem.Invalid("that week is already invoiced", problem.Field("date", "invalid", "a day of the open billing week"))
		}
		c.Hours = append(c.Hours, market.HourEntry{Date: in.Date, Hours: in.Hours})
		if err := t.saveContract(c); err != nil {
			return err
		}
		if err := t.touchID(c.FreelancerID); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// billWeek runs at the end of a billing week (Sunday 24:00 UTC): one
// invoice per hourly contract for that week's hours; then the next week.
func (t *txn) billWeek(contractID string, due time.Time) error {
	c, err := get[market.Contract](t, store.Contracts, "contract", contractID)
	if err != nil {
		return err
	}
	weekEnd := market.WeekStart(due)
	if !due.Equal(weekEnd) {
		weekEnd = weekEnd.AddDate(0, 0, 7)
	}
	weekStart := weekEnd.AddDate(0, 0, -7)
	if c.BilledThrough != nil && !c.BilledThrough.Before(weekEnd) {
		return nil
	}
	from := weekStart
	if c.BilledThrough != nil && c.BilledThrough.After(from) {
		from = *c.BilledThrough
	}
	if h := c.HoursIn(time.Time{}, weekEnd) - c.HoursIn(time.Time{}, from); h > 0 {
		inv := &market.Invoice{ID: ids.New("ivc"), ContractID: c.ID, OrganizationID: c.OrganizationID, FreelancerID: c.FreelancerID,
			WeekStart: weekStart.Format(time.DateOnly), Hours: h, AmountCents: market.Amount(h, c.HourlyRateCents), Status: "unpaid", CreatedAt: t.now}
		if err := t.saveInvoice(inv); err != nil {
			return err
		}
	}
	c.BilledThrough = &weekEnd
	if c.Status == market.ContractActive {
		if err := t.enqueue(job("billing", c.ID, weekEnd.AddDate(0, 0, 7))); err != nil {
			return err
		}
	}
	return t.saveContract(c)
}

// Invoices lists an organization's invoices. An integration call acting
// for a member reads only the invoices of an organization the member
// belongs to (API.md "Acting member": who may do what is checked against
// that account): another company's billing is not a member's to read.
func (s *Service) Invoices(ctx context.Context, acting, orgID, status string, opts ListOpts) (Page[market.Invoice], error) {
	var out Page[market.Invoice]
	if status != "" && status != "paid" && status != "unpaid" {
		return out, problem.Invalid("unknown status", problem.Field("status", "invalid", "paid or unpaid"))
	}
	err := s.read(ctx, func(t *txn) error {
		if acting != "" {
			if _, err := t.memberOf(orgID, acting); err != nil {
				return err
			}
		} else if _, err := t.loadTeam(market.Organization, orgID); err != nil {
			return err
		}
		q := store.Q{Where: []store.Cond{store.Eq("organization_id", orgID)}}
		if status != "" {
			q.Where = append(q.Where, store.Eq("status", status))
		}
		var err error
		out, err = page(t, store.Invoices, q, opts, func(v *market.Invoice) string { return v.ID }, func(v *market.Invoice) market.Invoice { return *v })
		return err
	})
	return out, err
}

// PayInvoice pays an invoice by the organization's owner or an admin; the
// money reaches the freelancer as pending.
func (s *Service) PayInvoice(ctx context.Context, actor Actor, acting, id string) (market.Invoice, error) {
	var out market.Invoice
	err := s.update(ctx, actor, func(t *txn) error {
		v, err := get[market.Invoice](t, store.Invoices, "invoice", id)
		if err != nil {
			return err
		}
		if _, err := t.memberOf(v.OrganizationID, acting, "owner", "admin"); err != nil {
			return err
		}
		if v.Status == "paid" {
			return problem.Newf("conflict", "invoice %s is already paid", v.ID)
		}
		if err := t.pay(v.FreelancerID, v.AmountCents, world, bucketExternal, "invoice "+v.ID); err != nil {
			return err
		}
		v.Status, v.PaidAt = "paid", &t.now
		if err := t.saveInvoice(v); err != nil {
			return err
		}
		if err := t.touchID(acting); err != nil {
			return err
		}
		c, err := get[market.Contract](t, store.Contracts, "contract", v.ContractID)
		if err != nil {
			return err
		}
		c.PaidCents += v.AmountCents
		if err := t.saveContract(c); err != nil {
			return err
		}
		if c.Status == market.ContractEnded {
			// R1 counts a contract that ended with no payment at all as
			// bad; an hourly contract's last week is invoiced, and paid,
			// after it ends, so its outcome changes now.
			f, err := t.loadAccount(c.FreelancerID)
			if err != nil {
				return err
			}
			if err := t.reputation(f); err != nil {
				return err
			}
			if err := t.saveAccount(f); err != nil {
				return err
			}
		}
		out = *v
		return nil
	})
	return out, err
}

// EndContract ends a contract; unreleased escrow returns to the client.
func (s *Service) EndContract(ctx context.Context, actor Actor, acting, id string) (market.Contract, error) {
	var out market.Contract
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[market.Contract](t, store.Contracts, "contract", id)
		if err != nil {
			return err
		}
		if acting != c.FreelancerID && actor.Kind != "staff" {
			if _, err := t.memberOf(c.OrganizationID, acting); err != nil {
				return err
			}
		}
		if c.Status != market.ContractActive {
			return problem.Newf("conflict", "contract %s has ended", c.ID)
		}
		if err := t.endContract(c, "ended", nil); err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// endContract ends c, returns its escrow to the client, and recomputes the
// freelancer's reputation (R1). f is the freelancer when the caller holds
// it (and will save it), else nil.
func (t *txn) endContract(c *market.Contract, why string, f *account.Account) error {
	c.Status, c.EndedAt = market.ContractEnded, &t.now
	if c.Kind == "fixed" {
		bal, err := t.Balance(t.ctx, c.ID, bucketEscrow)
		if err != nil {
			return err
		}
		if bal > 0 {
			if err := t.move(bal, c.ID, bucketEscrow, world, bucketExternal, c.ID, "escrow returned to the client"); err != nil {
				return err
			}
		}
	}
	if err := t.saveContract(c); err != nil {
		return err
	}
	if err := t.audit(Event{AccountID: c.FreelancerID, Action: "contract_" + why, Ref: c.ID}); err != nil {
		return err
	}
	if f != nil {
		return t.reputation(f)
	}
	f, err := t.loadAccount(c.FreelancerID)
	if err != nil {
		return err
	}
	if err := t.reputation(f); err != nil {
		return err
	}
	return t.saveAccount(f)
}

// reputation recomputes Job Success and Top Rated's numbers (R1, R2) on a; the caller saves it.
func (t *txn) reputation(a *account.Account) error {
	freelancer := a.ID
	cs, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.Eq("freelancer_account_id", freelancer), store.Eq("status", "ended")}})
	if err != nil {
		return err
	}
	var outs []market.Outcome
	for _, c := range cs {
		if c.FreelancerID == freelancer && c.EndedAt != nil {
			outs = append(outs, market.Outcome{ClientID: c.OrganizationID, EndedAt: *c.EndedAt, Rating: c.ClientRating, Paid: c.PaidCents > 0})
		}
	}
	a.JobSuccess = market.JobSuccess(outs, t.now)
	earned, err := t.PaidTo(t.ctx, freelancer, t.now.AddDate(-1, 0, 0))
	if err != nil {
		return err
	}
	a.TopRated = market.TopRated(a.JobSuccess, earned, t.s.set.TopRatedJobSuccess, t.s.set.TopRatedEarningsCents)
	return nil
}

// Balance is an account's money (API.md).
type Balance struct {
	PendingCents    int64      `json:"pending_cents"`
	AvailableCents  int64      `json:"available_cents"`
	EscrowCents     int64      `json:"escrow_cents"`
	PayoutHoldUntil *time.Time `json:"payout_hold_until"`
}

func (t *txn) balance(a *account.Account) (Balance, error) {
	var b Balance
	var err error
	if b.PendingCents, err = t.Balance(t.ctx, a.ID, bucketPending); err != nil {
		return b, err
	}
	if b.AvailableCents, err = t.Balance(t.ctx, a.ID, bucketAvailable); err != nil {
		return b, err
	}
	// Escrow is the freelancer's work not yet paid, or, for a client, what its
	// organizations have funded and not yet released.
	if b.EscrowCents, err = t.EscrowOf(t.ctx, a.ID); err != nil {
		return b, err
	}
	if a.Status == account.Banned && a.BannedAt != nil {
		until := a.BannedAt.Add(t.s.set.PayoutHold.D())
		if t.now.Before(until) {
			b.PayoutHoldUntil = &until
		}
	}
	return b, nil
}

// GetBalance returns an account's balance.
func (s *Service) GetBalance(ctx context.Context, id string) (Balance, error) {
	var out Balance
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		out, err = t.balance(a)
		return err
	})
	return out, err
}

// Withdraw pays available funds out (I1, E4 apply).
func (s *Service) Withdraw(ctx context.Context, actor Actor, id string, in AmountInput) (market.Withdrawal, error) {
	var out market.Withdrawal
	if err := validAmount(in.AmountCents); err != nil {
		return out, err
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if err := t.capable(a, account.WithdrawFunds); err != nil {
			return err
		}
		avail, err := t.Balance(t.ctx, a.ID, bucketAvailable)
		if err != nil {
			return err
		}
		if in.AmountCents > avail {
			return problem.Newf("insufficient_funds", "%d cents are available; %d asked", avail, in.AmountCents)
		}
		w := &market.Withdrawal{ID: ids.New("wdr"), AccountID: a.ID, AmountCents: in.AmountCents, Status: "paid", CreatedAt: t.now}
		if err := t.move(w.AmountCents, a.ID, bucketAvailable, world, bucketExternal, w.ID, "withdrawal"); err != nil {
			return err
		}
		if err := t.Save(t.ctx, store.Withdrawals, w); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: a.ID, Action: "withdrawal", Ref: w.ID, Reason: fmt.Sprintf("%d cents", w.AmountCents)}); err != nil {
			return err
		}
		if err := t.touch(a); err != nil {
			return err
		}
		out = *w
		return nil
	})
	return out, err
}

// afterBan settles obligations when an account is banned (E4): pending
// proposals are withdrawn and active contracts end, returning escrow for
// undelivered work to the client. Earned money stays the member's.
func (t *txn) afterBan(a *account.Account) error {
	if err := t.withdrawProposals(a.ID); err != nil {
		return err
	}
	cs, err := store.Find[market.Contract](t.ctx, t.Tx, store.Contracts, store.Q{Where: []store.Cond{store.Eq("freelancer_account_id", a.ID), store.Eq("status", "active")}})
	if err != nil {
		return err
	}
	for i := range cs {
		if cs[i].FreelancerID == a.ID {
			if err := t.endContract(&cs[i], "ended_by_ban", a); err != nil {
				return err
			}
		}
	}
	return t.enqueue(job("erase", a.ID, t.now.Add(t.s.set.ErasureAfter.D())))
}

func (t *txn) withdrawProposals(accountID string) error {
	props, err := store.Find[market.Proposal](t.ctx, t.Tx, store.Proposals, store.Q{Where: []store.Cond{store.Eq("account_id", accountID), store.Eq("status", "pending")}})
	if err != nil {
		return err
	}
	for i := range props {
		if props[i].AccountID != accountID {
			continue
		}
		props[i].Status = market.ProposalWithdrawn
		if err := t.saveProposal(&props[i]); err != nil {
			return err
		}
	}
	return nil
}
