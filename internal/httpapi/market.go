package httpapi

import "standing/internal/service"

// The request bodies of jobs, proposals, contracts and payments, converted
// into the service's plain commands.

// jobInput is the body of POST /v1/jobs.
type jobInput struct {
	OrganizationID *string `json:"organization_id" req:"true"`
	Title          *string `json:"title" req:"true"`
	Description    *string `json:"description" req:"true"`
	ConnectsPrice  *int    `json:"connects_price" req:"true"`
}

func (b *jobInput) command() service.JobInput {
	return service.JobInput{OrganizationID: *b.OrganizationID, Title: *b.Title, Description: *b.Description, ConnectsPrice: *b.ConnectsPrice}
}

// jobCloseInput is the body of POST /v1/jobs/{id}/close.
type jobCloseInput struct {
	Reason *string `json:"reason" req:"true"`
}

func (b *jobCloseInput) command() service.JobCloseInput {
	return service.JobCloseInput{Reason: *b.Reason}
}

// proposalInput is the body of POST /v1/proposals.
type proposalInput struct {
	JobID       *string `json:"job_id" req:"true"`
	AccountID   *string `json:"account_id" req:"true"`
	AgencyID    *string `json:"agency_id"`
	CoverLetter *string `json:"cover_letter" req:"true"`
}

func (b *proposalInput) command() service.ProposalInput {
	return service.ProposalInput{JobID: *b.JobID, AccountID: *b.AccountID, AgencyID: b.AgencyID, CoverLetter: *b.CoverLetter}
}

// contractInput is the body of POST /v1/contracts.
type contractInput struct {
	JobID               *string `json:"job_id" req:"true"`
	FreelancerAccountID *string `json:"freelancer_account_id" req:"true"`
	AgencyID            *string `json:"agency_id"`
	Kind                *string `json:"kind" req:"true"`
	HourlyRateCents     *int64  `json:"hourly_rate_cents"`
	EscrowCents         *int64  `json:"escrow_cents"`
}

func (b *contractInput) command() service.ContractInput {
	return service.ContractInput{JobID: *b.JobID, FreelancerAccountID: *b.FreelancerAccountID, AgencyID: b.AgencyID, Kind: *b.Kind,
		HourlyRateCents: b.HourlyRateCents, EscrowCents: b.EscrowCents}
}

// amountInput is the body of POST /v1/contracts/{id}/payments and
// /v1/accounts/{id}/withdrawals.
type amountInput struct {
	AmountCents *int64 `json:"amount_cents" req:"true"`
}

func (b *amountInput) command() service.AmountInput {
	return service.AmountInput{AmountCents: *b.AmountCents}
}

// hoursInput is the body of POST /v1/contracts/{id}/hours.
type hoursInput struct {
	Hours *float64 `json:"hours" req:"true"`
	Date  *string  `json:"date" req:"true"`
}

func (b *hoursInput) command() service.HoursInput {
	return service.HoursInput{Hours: *b.Hours, Date: *b.Date}
}
