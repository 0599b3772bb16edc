// Package problem is the one error type of the service: a stable code, the
// HTTP status it maps to, and the optional members of API.md's problem+json
// (rule, blockers, findings, decision, per-field errors).
package problem

import (
	"errors"
	"fmt"
	"net/http"
)

// FieldError names one bad field of a request.
type FieldError struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// Blocker is one obligation that stops a closure (L11).
type Blocker struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
	Ref    string `json:"ref,omitempty"`
}

// Error is a refusal the caller can act on. Extra members are any values that
// render as JSON (findings, decision) so this package depends on no domain.
type Error struct {
	Code     string       `json:"code"`
	Status   int          `json:"status"`
	Title    string       `json:"title"`
	Detail   string       `json:"detail"`
	Rule     string       `json:"rule,omitempty"`
	Blockers []Blocker    `json:"blockers,omitempty"`
	Findings any          `json:"findings,omitempty"`
	Decision any          `json:"decision,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
}

func (e *Error) Error() string {
	if e.Rule != "" {
		return fmt.Sprintf("%s (%s): %s", e.Code, e.Rule, e.Detail)
	}
	return e.Code + ": " + e.Detail
}

// statuses maps every stable code to its HTTP status: the only such table.
var statuses = map[string]int{
	"invalid_request":          http.StatusBadRequest,
	"unauthorized":             http.StatusUnauthorized,
	"forbidden_role":           http.StatusForbidden,
	"not_owner":                http.StatusForbidden,
	"not_member":               http.StatusForbidden,
	"member_cannot_leave":      http.StatusForbidden,
	"capability_blocked":       http.StatusForbidden,
	"channel_not_allowed":      http.StatusForbidden,
	"support_required":         http.StatusConflict,
	"not_found":                http.StatusNotFound,
	"method_not_allowed":       http.StatusMethodNotAllowed,
	"invalid_transition":       http.StatusConflict,
	"account_exists":           http.StatusConflict,
	"closed_account_exists":    http.StatusConflict,
	"closure_blocked":          http.StatusConflict,
	"not_reactivatable":        http.StatusConflict,
	"insufficient_funds":       http.StatusConflict,
	"insufficient_connects":    http.StatusConflict,
	"appeal_window_closed":     http.StatusConflict,
	"merge_not_supported":      http.StatusConflict,
	"conflict":                 http.StatusConflict,
	"version_conflict":         http.StatusPreconditionFailed,
	"payload_too_large":        http.StatusRequestEntityTooLarge,
	"idempotency_key_reused":   http.StatusUnprocessableEntity,
	"contact_info_not_allowed": http.StatusUnprocessableEntity,
	"url_not_allowed":          http.StatusUnprocessableEntity,
	"invalid_reason":           http.StatusUnprocessableEntity,
	"reason_required":          http.StatusUnprocessableEntity,
	"rule_required":            http.StatusUnprocessableEntity,
	"account_not_live":         http.StatusConflict,
	"internal":                 http.StatusInternalServerError,
}

// titles are short, human-readable summaries of each code.
var titles = map[string]string{
	"invalid_request":          "The request is not valid",
	"unauthorized":             "A valid API key is required",
	"forbidden_role":           "This key's role may not call this endpoint",
	"not_owner":                "Only the owner may do this",
	"not_member":               "The acting account is not a member",
	"member_cannot_leave":      "A plain member cannot leave by itself",
	"capability_blocked":       "The account may not do this now",
	"channel_not_allowed":      "Not allowed from this channel",
	"support_required":         "Support must handle this",
	"not_found":                "Not found",
	"method_not_allowed":       "Method not allowed",
	"invalid_transition":       "The account cannot move to that status",
	"account_exists":           "This person already has an account",
	"closed_account_exists":    "This person has a closed account",
	"closure_blocked":          "Obligations must be settled before closing",
	"not_reactivatable":        "This account cannot be reactivated",
	"insufficient_funds":       "Not enough available funds",
	"insufficient_connects":    "Not enough Connects",
	"appeal_window_closed":     "The appeal window has closed",
	"merge_not_supported":      "Accounts are never merged",
	"conflict":                 "The request conflicts with the current state",
	"version_conflict":         "The object changed since it was read",
	"payload_too_large":        "The request body is too large",
	"idempotency_key_reused":   "The idempotency key was used with another request",
	"contact_info_not_allowed": "Contact information is not allowed here",
	"url_not_allowed":          "The URL is not one the server may call",
	"invalid_reason":           "Unknown reason",
	"reason_required":          "Write the member a reason",
	"rule_required":            "Name the rule",
	"account_not_live":         "The account is closed or erased",
	"internal":                 "Internal error",
}

// New makes an error with the code's status and title.
func New(code, detail string) *Error {
	st, ok := statuses[code]
	if !ok {
		panic("problem: unknown code " + code) // a programming error, caught by tests
	}
	return &Error{Code: code, Status: st, Title: titles[code], Detail: detail}
}

// Newf is New with a formatted detail.
func Newf(code, format string, args ...any) *Error { return New(code, fmt.Sprintf(format, args...)) }

// WithStatus overrides the status where API.md gives one code two statuses
// (support_required is 409 for a closure, 403 for a reactivation).
func (e *Error) WithStatus(status int) *Error { e.Status = status; return e }

// WithFields names the fields behind the refusal.
func (e *Error) WithFields(fields ...FieldError) *Error { e.Errors = fields; return e }

// WithRule sets the policy rule id.
func (e *Error) WithRule(rule string) *Error { e.Rule = rule; return e }

// Invalid is a 400 invalid_request naming the bad fields.
func Invalid(detail string, fields ...FieldError) *Error {
	e := New("invalid_request", detail)
	e.Errors = fields
	return e
}

// Field is a shorthand for one FieldError.
func Field(field, code, detail string) FieldError {
	return FieldError{Field: field, Code: code, Detail: detail}
}

// NotFound is a 404 for an object of some kind.
func NotFound(what, id string) *Error { return Newf("not_found", "%s %s does not exist", what, id) }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var p *Error
	if errors.As(err, &p) {
		return p, true
	}
	return nil, false
}

// Codes returns every known code, for tests and the OpenAPI document.
func Codes() []string {
	out := make([]string, 0, len(statuses))
	for c := range statuses {
		out = append(out, c)
	}
	return out
}
