package httpapi

import "standing/internal/service"

// The request bodies of the message and review routes, converted into the
// service's plain commands.

// messageInput is the body of POST /v1/messages and /v1/invitations.
type messageInput struct {
	JobID         *string `json:"job_id"`
	FromAccountID *string `json:"from_account_id" req:"true"`
	ToAccountID   *string `json:"to_account_id" req:"true"`
	Body          *string `json:"body" req:"true"`
}

func (b *messageInput) command() service.MessageInput {
	return service.MessageInput{JobID: b.JobID, FromAccountID: *b.FromAccountID, ToAccountID: *b.ToAccountID, Body: *b.Body}
}

// messageReviewInput is the body of POST /v1/messages/{id}/review.
type messageReviewInput struct {
	Outcome *string `json:"outcome" req:"true"`
	Reason  *string `json:"reason"`
}

func (b *messageReviewInput) command() service.MessageReviewInput {
	return service.MessageReviewInput{Outcome: *b.Outcome, Reason: str(b.Reason)}
}

// reviewInput is the body of POST /v1/reviews.
type reviewInput struct {
	ContractID      *string `json:"contract_id" req:"true"`
	AuthorAccountID *string `json:"author_account_id" req:"true"`
	Rating          *int    `json:"rating" req:"true"`
	Text            *string `json:"text" req:"true"`
}

func (b *reviewInput) command() service.ReviewInput {
	return service.ReviewInput{ContractID: *b.ContractID, AuthorAccountID: *b.AuthorAccountID, Rating: *b.Rating, Text: *b.Text}
}
