package httpapi

import "standing/internal/service"

// The request bodies of account closure and reactivation and of teams,
// converted into the service's plain commands.

// closureInput is the body of POST /v1/accounts/{id}/closure.
type closureInput struct {
	Reason  *string `json:"reason"`
	Channel *string `json:"channel" req:"true"`
	Comment *string `json:"comment"`
}

func (b *closureInput) command() service.ClosureInput {
	return service.ClosureInput{Reason: str(b.Reason), Channel: *b.Channel, Comment: str(b.Comment)}
}

// reactivationInput is the body of POST /v1/accounts/{id}/reactivation.
type reactivationInput struct {
	Channel *string `json:"channel" req:"true"`
}

func (b *reactivationInput) command() service.ReactivationInput {
	return service.ReactivationInput{Channel: *b.Channel}
}

// teamClosureInput is the body of POST /v1/organizations/{id}/closure and
// /v1/agencies/{id}/closure.
type teamClosureInput struct {
	Channel *string `json:"channel" req:"true"`
	Reason  *string `json:"reason"`
}

func (b *teamClosureInput) command() service.TeamClosureInput {
	return service.TeamClosureInput{Channel: *b.Channel, Reason: b.Reason}
}

// nameInput is the body of POST /v1/organizations and /v1/agencies.
type nameInput struct {
	Name *string `json:"name" req:"true"`
}

func (b *nameInput) command() service.NameInput { return service.NameInput{Name: *b.Name} }

// memberInput is the body of POST /v1/organizations/{id}/members and
// /v1/agencies/{id}/members.
type memberInput struct {
	AccountID *string `json:"account_id" req:"true"`
	Role      *string `json:"role" req:"true"`
}

func (b *memberInput) command() service.MemberInput {
	return service.MemberInput{AccountID: *b.AccountID, Role: *b.Role}
}
