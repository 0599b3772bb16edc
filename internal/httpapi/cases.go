package httpapi

import "standing/internal/service"

// The request bodies of the case and sanction routes, converted into the
// service's plain commands.

// caseInput is the body of POST /v1/cases.
type caseInput struct {
	Kind              *string   `json:"kind" req:"true"`
	AccountID         *string   `json:"account_id" req:"true"`
	Channel           *string   `json:"channel" req:"true"`
	Body              *string   `json:"body" req:"true"`
	RelatedAccountIDs *[]string `json:"related_account_ids"`
	NoticeID          *string   `json:"notice_id"`
}

func (b *caseInput) command() service.CaseInput {
	return service.CaseInput{Kind: *b.Kind, AccountID: *b.AccountID, Channel: *b.Channel, Body: *b.Body,
		RelatedAccountIDs: listOf(b.RelatedAccountIDs), NoticeID: b.NoticeID}
}

// caseUpdate is the body of PATCH /v1/cases/{id}: assign, move to review,
// withdraw, or add a note.
type caseUpdate struct {
	Assignee *string `json:"assignee"`
	Status   *string `json:"status"`
	Note     *string `json:"note"`
}

func (b *caseUpdate) command() service.CaseUpdate {
	return service.CaseUpdate{Assignee: b.Assignee, Status: b.Status, Note: b.Note}
}

// resolutionInput is the body of POST /v1/cases/{id}/resolution: reason
// is written for the member, note stays with staff.
type resolutionInput struct {
	Outcome          *string   `json:"outcome" req:"true"`
	Reason           *string   `json:"reason"`
	Note             *string   `json:"note"`
	KeepAccountID    *string   `json:"keep_account_id"`
	Rule             *string   `json:"rule"`
	LinkedAccountIDs *[]string `json:"linked_account_ids"`
}

func (b *resolutionInput) command() service.ResolutionInput {
	return service.ResolutionInput{Outcome: *b.Outcome, Reason: str(b.Reason), Note: str(b.Note),
		KeepAccountID: str(b.KeepAccountID), Rule: str(b.Rule), LinkedAccountIDs: listOf(b.LinkedAccountIDs)}
}

// sanctionInput is the body of POST /v1/accounts/{id}/sanctions.
type sanctionInput struct {
	Rule               *string `json:"rule" req:"true"`
	Action             *string `json:"action" req:"true"`
	Reason             *string `json:"reason" req:"true"`
	Capability         *string `json:"capability"`
	RespondWithinHours *int    `json:"respond_within_hours"`
}

func (b *sanctionInput) command() service.SanctionInput {
	return service.SanctionInput{Rule: *b.Rule, Action: *b.Action, Reason: *b.Reason, Capability: str(b.Capability),
		RespondWithinHours: b.RespondWithinHours}
}

// listOf is the slice a body holds, nil when the field was left out.
func listOf[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}
