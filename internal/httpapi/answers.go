package httpapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/dsa"
	"standing/internal/market"
	"standing/internal/notice"
	"standing/internal/service"
	"standing/internal/staff"
)

// answer is what a route answers on success, for the OpenAPI document: its
// status, the Go type rendered, and the problem codes of API.md it can
// answer beyond those every route of its kind can (see failures).
type answer struct {
	status int // 0: the route never succeeds
	typ    reflect.Type
	codes  []string
}

func ans[T any](status int, codes ...string) answer {
	return answer{status: status, typ: reflect.TypeFor[T](), codes: codes}
}

// clockAnswer is the answer of POST /v1/test/clock.
type clockAnswer struct {
	Now time.Time `json:"now"`
}

const (
	c200 = http.StatusOK
	c201 = http.StatusCreated
)

// answers holds the answer of every route, by "METHOD path". The route
// table handlers return values of exactly these types; TestOpenAPIRoutes
// checks that every route has one and that real answers match them.
var answers = map[string]answer{
	"POST /v1/accounts":                                  ans[service.SignupResult](c201, "account_exists", "closed_account_exists"),
	"GET /v1/accounts/{id}":                              ans[account.View](c200),
	"GET /v1/accounts":                                   ans[service.Page[account.View]](c200),
	"POST /v1/accounts/{id}/signals":                     ans[service.DecisionResult](c200, "account_not_live"),
	"GET /v1/accounts/{id}/links":                        ans[service.Page[decision.Link]](c200),
	"GET /v1/accounts/{id}/capabilities/{capability}":    ans[service.CapabilityAnswer](c200),
	"POST /v1/accounts/{id}/verification-request":        ans[account.View](c200, "invalid_transition"),
	"POST /v1/accounts/{id}/verification":                ans[service.DecisionResult](c200, "account_not_live", "invalid_transition"),
	"PUT /v1/accounts/{id}/profile":                      ans[account.View](c200, "not_owner", "contact_info_not_allowed"),
	"PUT /v1/accounts/{id}/visibility":                   ans[service.VisibilityAnswer](c200, "not_owner"),
	"PUT /v1/accounts/{id}/availability":                 ans[account.View](c200, "not_owner"),
	"PUT /v1/accounts/{id}/plan":                         ans[account.View](c200, "not_owner"),
	"GET /v1/accounts/{id}/balance":                      ans[service.Balance](c200, "not_owner"),
	"POST /v1/accounts/{id}/withdrawals":                 ans[market.Withdrawal](c201, "capability_blocked", "insufficient_funds"),
	"GET /v1/accounts/{id}/notices":                      ans[service.Page[notice.Notice]](c200, "not_owner"),
	"GET /v1/accounts/{id}/timeline":                     ans[service.Page[json.RawMessage]](c200),
	"POST /v1/accounts/{id}/merge":                       {codes: []string{"merge_not_supported"}},
	"GET /v1/accounts/{id}/closure":                      ans[service.ClosureCheck](c200, "not_owner"),
	"POST /v1/accounts/{id}/closure":                     ans[account.View](c200, "channel_not_allowed", "closure_blocked", "support_required", "invalid_reason"),
	"POST /v1/accounts/{id}/reactivation":                ans[account.View](c200, "support_required", "not_reactivatable"),
	"POST /v1/accounts/{id}/erasure":                     ans[account.View](c200),
	"POST /v1/organizations":                             ans[market.Team](c201),
	"GET /v1/organizations/{id}":                         ans[market.Team](c200),
	"POST /v1/organizations/{id}/members":                ans[market.Team](c201, "not_owner", "not_member"),
	"DELETE /v1/organizations/{id}/members/{account_id}": ans[market.Team](c200, "not_owner", "member_cannot_leave"),
	"GET /v1/organizations/{id}/closure":                 ans[service.ClosureCheck](c200, "not_owner"),
	"POST /v1/organizations/{id}/closure":                ans[market.Team](c200, "not_owner", "closure_blocked", "channel_not_allowed"),
	"POST /v1/agencies":                                  ans[market.Team](c201),
	"GET /v1/agencies/{id}":                              ans[market.Team](c200),
	"POST /v1/agencies/{id}/members":                     ans[market.Team](c201, "not_owner", "not_member"),
	"DELETE /v1/agencies/{id}/members/{account_id}":      ans[market.Team](c200, "not_owner", "member_cannot_leave"),
	"GET /v1/agencies/{id}/closure":                      ans[service.ClosureCheck](c200, "not_owner"),
	"POST /v1/agencies/{id}/closure":                     ans[market.Team](c200, "not_owner", "closure_blocked", "channel_not_allowed"),
	"POST /v1/jobs":                                      ans[market.Job](c201, "not_member", "contact_info_not_allowed"),
	"POST /v1/jobs/{id}/close":                           ans[market.Job](c200, "not_member"),
	"POST /v1/proposals":                                 ans[market.Proposal](c201, "capability_blocked", "insufficient_connects", "contact_info_not_allowed", "not_owner"),
	"POST /v1/proposals/{id}/withdraw":                   ans[market.Proposal](c200, "not_owner"),
	"POST /v1/contracts":                                 ans[market.Contract](c201, "not_member"),
	"POST /v1/contracts/{id}/payments":                   ans[market.Contract](c200, "not_member", "insufficient_funds"),
	"POST /v1/contracts/{id}/hours":                      ans[market.Contract](c200, "not_owner"),
	"POST /v1/contracts/{id}/end":                        ans[market.Contract](c200, "not_member"),
	"GET /v1/organizations/{id}/invoices":                ans[service.Page[market.Invoice]](c200),
	"POST /v1/invoices/{id}/payment":                     ans[market.Invoice](c200, "not_owner"),
	"POST /v1/messages":                                  ans[service.MessageResult](c201, "not_owner", "capability_blocked"),
	"POST /v1/invitations":                               ans[service.MessageResult](c201, "not_owner", "capability_blocked"),
	"POST /v1/reviews":                                   ans[market.Review](c201, "not_owner"),
	"POST /v1/screen":                                    ans[screenAnswer](c200),
	"POST /v1/accounts/{id}/sanctions":                   ans[service.NoticeResult](c201, "invalid_transition"),
	"POST /v1/accounts/{id}/remedy":                      ans[account.View](c200, "invalid_transition"),
	"POST /v1/accounts/{id}/fraud-hold":                  ans[account.View](c200),
	"DELETE /v1/accounts/{id}/fraud-hold":                ans[account.View](c200),
	"POST /v1/cases":                                     ans[service.Case](c201, "appeal_window_closed", "not_owner"),
	"GET /v1/cases":                                      ans[service.Page[service.Case]](c200),
	"GET /v1/cases/{id}":                                 ans[service.Case](c200),
	"PATCH /v1/cases/{id}":                               ans[service.Case](c200),
	"POST /v1/cases/{id}/resolution":                     ans[service.Case](c200, "invalid_transition", "reason_required", "rule_required", "closure_blocked", "not_reactivatable", "conflict"),
	"GET /v1/messages":                                   ans[service.Page[service.HeldMessage]](c200),
	"POST /v1/messages/{id}/review":                      ans[service.HeldMessage](c200, "conflict"),
	"GET /v1/notices/{id}":                               ans[notice.Notice](c200, "not_owner"),
	"GET /v1/notices/{id}/dsa":                           ans[dsa.Statement](c200),
	"GET /v1/reports/transparency":                       ans[service.Transparency](c200),
	"GET /v1/policies":                                   ans[service.Policies](c200),
	"POST /v1/policies/simulations":                      ans[service.Simulation](c201),
	"GET /v1/policies/simulations/{id}":                  ans[service.Simulation](c200),
	"POST /v1/webhooks":                                  ans[service.Webhook](c201),
	"GET /v1/webhooks":                                   ans[service.Page[service.Webhook]](c200),
	"DELETE /v1/webhooks/{id}":                           ans[service.Webhook](c200),
	"GET /v1/webhooks/{id}/deliveries":                   ans[service.Page[service.DeliveryView]](c200),
	"GET /v1/keys":                                       ans[service.Page[service.KeyView]](c200),
	"DELETE /v1/keys/{id}":                               ans[service.KeyView](c200),
	"POST /v1/staff":                                     ans[staff.Member](c201),
	"GET /v1/staff":                                      ans[service.Page[staff.Member]](c200),
	"DELETE /v1/staff/{id}":                              ans[staff.Member](c200),
	"PUT /v1/staff/{id}/password":                        ans[staff.Member](c200, "conflict"),
	"GET /v1/dsa/statements":                             ans[service.Page[dsa.Statement]](c200),
	"POST /v1/test/clock":                                ans[clockAnswer](c200),
}

// requestExamples are example bodies shown in the document.
var requestExamples = map[string]any{
	"POST /v1/accounts": map[string]any{"external_id": "u-77", "email": "ana@example.com", "name": "Ana Ruiz", "country": "ES",
		"freelancer": true, "client": false, "signals": map[string]any{"ip": "203.0.113.7", "device_id": "dev-1a2b"}},
	"POST /v1/messages": map[string]any{"from_account_id": "acc_01jd5m2v9kq4c8r7t3wz", "to_account_id": "acc_01jd5m2v9kq4c8r7t3x0",
		"body": "Thanks, I can start on Monday."},
	"POST /v1/accounts/{id}/sanctions": map[string]any{"rule": "V5", "action": "suspension", "reason": "asked to be paid outside the platform"},
	"POST /v1/staff":                   map[string]any{"email": "ana@example.com", "name": "Ana Ruiz", "role": "agent"},
	"POST /v1/screen":                  map[string]any{"text": "mail me at john dot smith at gmail", "surface": "message"},
}

// responseExamples are example answers shown in the document.
var responseExamples = map[string]any{
	"POST /v1/accounts": map[string]any{
		"account": map[string]any{"id": "acc_01jd5m2v9kq4c8r7t3wz", "external_id": "u-77", "email": "ana@example.com", "name": "Ana Ruiz",
			"country": "ES", "status": "active", "restrictions": []any{map[string]any{"capability": "submit_proposal", "rule": "I1",
				"reason": "identity not verified", "until": nil}},
			"verification": map[string]any{"status": "unverified", "requested_at": nil, "deadline": nil, "verified_at": nil},
			"freelancer":   true, "client": false, "plan": "basic", "connects": 10, "visibility": "public", "availability": "available",
			"strikes": 0, "job_success": nil, "badges": []any{}, "closed_at": nil, "close_reason": nil, "fraud_hold": false, "respond_by": nil,
			"created_at": "2026-11-30T09:00:00Z", "version": 1},
		"decision": map[string]any{"outcome": "allow", "rule": nil, "reasons": []any{}, "links": []any{}},
	},
}
