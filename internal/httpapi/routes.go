package httpapi

import (
	"net/http"
	"reflect"
	"strings"
	"time"

	"standing/internal/market"
	"standing/internal/messaging"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/service"
)

// route is one endpoint: the table below is both the router and the
// source of the OpenAPI document, so the two cannot drift apart.
type route struct {
	method  string
	path    string
	roles   []string
	summary string
	body    reflect.Type // request body type, nil for none
	query   []string     // query parameters
	handle  func(*req) (int, any, error)
}

var (
	rI   = []string{"integration"}
	rIS  = []string{"integration", "staff"}
	rS   = []string{"staff"}
	rA   = []string{"admin"}
	list = []string{"limit", "cursor"}
)

// self refuses a member acting on an account that is not its own.
func self(q *req) error {
	if q.acting != "" && q.acting != q.path("id") {
		return problem.Newf("not_owner", "account %s cannot act on account %s", q.acting, q.path("id"))
	}
	return nil
}

// own wraps a handler of an account's own action with the self check: an
// integration call naming an acting member acts only on that member's
// account, whether the member changes a setting or the call reports what
// was observed of the member (a signal, an identity check), so that one
// member cannot tie, verify or time another member's account; and reads
// only what is that member's own (money, notices, closure blockers).
func own(h func(*req) (int, any, error)) func(*req) (int, any, error) {
	return func(q *req) (int, any, error) {
		if err := self(q); err != nil {
			return 0, nil, err
		}
		return h(q)
	}
}

func bodyOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func in[T any](q *req) *T { return q.body.(*T) }

func ok[T any](v T, err error) (int, any, error)      { return http.StatusOK, v, err }
func created[T any](v T, err error) (int, any, error) { return http.StatusCreated, v, err }

func (s *Server) table() []route {
	svc := s.svc
	rts := []route{
		// Accounts and identity
		{"POST", "/v1/accounts", rI, "Sign up (M4)", bodyOf[signupInput](), nil, func(q *req) (int, any, error) {
			return created(svc.SignUp(q.ctx, q.actor, in[signupInput](q).command()))
		}},
		{"GET", "/v1/accounts/{id}", rIS, "An account", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.Account(q.ctx, q.path("id")))
		}},
		{"GET", "/v1/accounts", rIS, "List accounts by status and email or name", nil, append([]string{"status", "q"}, list...), func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Accounts(q.ctx, q.query("status"), q.query("q"), o))
		}},
		{"POST", "/v1/accounts/{id}/signals", rI, "Record an observed signal (M5)", bodyOf[signalInput](), nil, own(func(q *req) (int, any, error) {
			return ok(svc.AddSignal(q.ctx, q.actor, q.path("id"), in[signalInput](q).command()))
		})},
		{"GET", "/v1/accounts/{id}/links", rS, "Linked accounts with score and signal kinds (M3), strongest first", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.LinksPage(q.ctx, q.path("id"), o))
		}},
		{"GET", "/v1/accounts/{id}/capabilities/{capability}", rIS, "May the account use a capability now", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.Capability(q.ctx, q.path("id"), q.path("capability")))
		}},
		{"POST", "/v1/accounts/{id}/verification-request", rIS, "Start the 7-day verification deadline (I2)", nil, nil, own(func(q *req) (int, any, error) {
			return ok(svc.RequestVerification(q.ctx, q.actor, q.path("id")))
		})},
		{"POST", "/v1/accounts/{id}/verification", rI, "Apply an identity verification result (I1, I3, I4, I5)", bodyOf[verificationInput](), nil, own(func(q *req) (int, any, error) {
			return ok(svc.Verify(q.ctx, q.actor, q.path("id"), in[verificationInput](q).command()))
		})},
		{"PUT", "/v1/accounts/{id}/profile", rI, "Set the freelancer profile, screened (C2, C3)", bodyOf[profileInput](), nil, own(func(q *req) (int, any, error) {
			m, err := q.ifMatch()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.UpdateProfile(q.ctx, q.actor, q.path("id"), m, in[profileInput](q).command()))
		})},
		{"PUT", "/v1/accounts/{id}/visibility", rI, "Set visibility (P2)", bodyOf[visibilityInput](), nil, own(func(q *req) (int, any, error) {
			m, err := q.ifMatch()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.SetVisibility(q.ctx, q.actor, q.path("id"), m, *in[visibilityInput](q).Visibility))
		})},
		{"PUT", "/v1/accounts/{id}/availability", rI, "Set availability (P1)", bodyOf[availabilityInput](), nil, own(func(q *req) (int, any, error) {
			m, err := q.ifMatch()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.SetAvailability(q.ctx, q.actor, q.path("id"), m, *in[availabilityInput](q).Availability))
		})},
		{"PUT", "/v1/accounts/{id}/plan", rI, "Set the plan (P3)", bodyOf[planInput](), nil, own(func(q *req) (int, any, error) {
			m, err := q.ifMatch()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.SetPlan(q.ctx, q.actor, q.path("id"), m, *in[planInput](q).Plan))
		})},
		{"GET", "/v1/accounts/{id}/balance", rIS, "Pending, available and escrow money (E4)", nil, nil, own(func(q *req) (int, any, error) {
			return ok(svc.GetBalance(q.ctx, q.path("id")))
		})},
		{"POST", "/v1/accounts/{id}/withdrawals", rI, "Withdraw available funds (I1, E4)", bodyOf[amountInput](), nil, own(func(q *req) (int, any, error) {
			return created(svc.Withdraw(q.ctx, q.actor, q.path("id"), in[amountInput](q).command()))
		})},
		{"GET", "/v1/accounts/{id}/notices", rIS, "Statements of reasons, newest first (E2)", nil, list, own(func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Notices(q.ctx, q.path("id"), o))
		})},
		{"GET", "/v1/accounts/{id}/timeline", rS, "Audit events of the account", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Timeline(q.ctx, q.path("id"), o))
		}},
		{"POST", "/v1/accounts/{id}/merge", rIS, "Accounts are never merged (M8)", nil, nil, func(q *req) (int, any, error) {
			return 0, nil, problem.New("merge_not_supported", "accounts are never merged; close the redundant account (M7) and keep one").WithRule("M8")
		}},
		// Closing and reactivating
		{"GET", "/v1/accounts/{id}/closure", rIS, "Closure preflight: every blocker at once (L11)", nil, nil, own(func(q *req) (int, any, error) {
			return ok(svc.ClosurePreflight(q.ctx, q.path("id")))
		})},
		{"POST", "/v1/accounts/{id}/closure", rIS, "Close the account (L1, L2, L6, L7)", bodyOf[closureInput](), nil, own(func(q *req) (int, any, error) {
			return ok(svc.CloseAccount(q.ctx, q.actor, q.path("id"), in[closureInput](q).command()))
		})},
		{"POST", "/v1/accounts/{id}/reactivation", rIS, "Reactivate a closed account (L8)", bodyOf[reactivationInput](), nil, own(func(q *req) (int, any, error) {
			return ok(svc.Reactivate(q.ctx, q.actor, q.path("id"), in[reactivationInput](q).command()))
		})},
		{"POST", "/v1/accounts/{id}/erasure", rS, "Erase personal data on a verified request (L10)", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.Erase(q.ctx, q.actor, q.path("id")))
		}},
	}
	for _, k := range []market.TeamKind{market.Organization, market.Agency} {
		base, what, rule := "/v1/organizations", string(k), k.ClosureRule()
		if k == market.Agency {
			base = "/v1/agencies"
		}
		rts = append(rts,
			route{"POST", base, rI, "Create an " + what + " owned by the acting account", bodyOf[nameInput](), nil, func(q *req) (int, any, error) {
				return created(svc.CreateTeam(q.ctx, q.actor, k, q.acting, in[nameInput](q).command()))
			}},
			route{"GET", base + "/{id}", rIS, "An " + what, nil, nil, func(q *req) (int, any, error) {
				return ok(svc.Team(q.ctx, k, q.path("id")))
			}},
			route{"POST", base + "/{id}/members", rI, "Add a member (acting: owner or admin)", bodyOf[memberInput](), nil, func(q *req) (int, any, error) {
				return created(svc.AddMember(q.ctx, q.actor, k, q.acting, q.path("id"), in[memberInput](q).command()))
			}},
			route{"DELETE", base + "/{id}/members/{account_id}", rI, "Leave or remove a member (L4)", nil, nil, func(q *req) (int, any, error) {
				return ok(svc.RemoveMember(q.ctx, q.actor, k, q.acting, q.path("id"), q.path("account_id")))
			}},
			route{"GET", base + "/{id}/closure", rI, "Closure preflight of the " + what + " (" + rule + ", L11)", nil, nil, func(q *req) (int, any, error) {
				return ok(svc.TeamClosureCheck(q.ctx, k, q.acting, q.path("id")))
			}},
			route{"POST", base + "/{id}/closure", rI, "Close the " + what + ", owner only (" + rule + ")", bodyOf[teamClosureInput](), nil, func(q *req) (int, any, error) {
				return ok(svc.CloseTeam(q.ctx, q.actor, k, q.acting, q.path("id"), in[teamClosureInput](q).command()))
			}},
		)
	}
	rts = append(rts,
		// Marketplace facts
		route{"POST", "/v1/jobs", rI, "Post a job, screened (C2)", bodyOf[jobInput](), nil, func(q *req) (int, any, error) {
			return created(svc.PostJob(q.ctx, q.actor, q.acting, in[jobInput](q).command()))
		}},
		route{"POST", "/v1/jobs/{id}/close", rI, "Close a job; cancelled before hiring refunds Connects (P3)", bodyOf[jobCloseInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.CloseJob(q.ctx, q.actor, q.acting, q.path("id"), in[jobCloseInput](q).command()))
		}},
		route{"POST", "/v1/proposals", rI, "Submit a proposal (I1, P3, C2)", bodyOf[proposalInput](), nil, func(q *req) (int, any, error) {
			return created(svc.SubmitProposal(q.ctx, q.actor, q.acting, in[proposalInput](q).command()))
		}},
		route{"POST", "/v1/proposals/{id}/withdraw", rI, "Withdraw a proposal", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.WithdrawProposal(q.ctx, q.actor, q.acting, q.path("id")))
		}},
		route{"POST", "/v1/contracts", rI, "Start a contract", bodyOf[contractInput](), nil, func(q *req) (int, any, error) {
			return created(svc.StartContract(q.ctx, q.actor, q.acting, in[contractInput](q).command()))
		}},
		route{"POST", "/v1/contracts/{id}/payments", rI, "Release escrow of a fixed contract", bodyOf[amountInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.ReleasePayment(q.ctx, q.actor, q.acting, q.path("id"), in[amountInput](q).command()))
		}},
		route{"POST", "/v1/contracts/{id}/hours", rI, "Log hours on an hourly contract", bodyOf[hoursInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.LogHours(q.ctx, q.actor, q.acting, q.path("id"), in[hoursInput](q).command()))
		}},
		route{"POST", "/v1/contracts/{id}/end", rI, "End a contract", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.EndContract(q.ctx, q.actor, q.acting, q.path("id")))
		}},
		route{"GET", "/v1/organizations/{id}/invoices", rIS, "Invoices of an organization", nil, append([]string{"status"}, list...), func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Invoices(q.ctx, q.acting, q.path("id"), q.query("status"), o))
		}},
		route{"POST", "/v1/invoices/{id}/payment", rI, "Pay an invoice (acting: owner or admin)", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.PayInvoice(q.ctx, q.actor, q.acting, q.path("id")))
		}},
		route{"POST", "/v1/messages", rI, "Send a message, screened (C2, C3, V3, V5)", bodyOf[messageInput](), nil, func(q *req) (int, any, error) {
			return created(svc.Send(q.ctx, q.actor, false, in[messageInput](q).command()))
		}},
		route{"POST", "/v1/invitations", rI, "Invite to a job, screened; counts toward spam (V3)", bodyOf[messageInput](), nil, func(q *req) (int, any, error) {
			return created(svc.Send(q.ctx, q.actor, true, in[messageInput](q).command()))
		}},
		route{"GET", "/v1/messages", rS, "Messages by status: held ones wait for a person (V5), oldest first", nil, append([]string{"status", "account_id"}, list...), func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			// status=held is the queue (API.md: "waiting for a person"): a
			// message a person upheld stays held but is not listed.
			f := service.MessageFilter{Status: q.query("status"), AccountID: q.query("account_id")}
			f.Waiting = f.Status == messaging.Held
			return ok(svc.Messages(q.ctx, f, o))
		}},
		route{"POST", "/v1/messages/{id}/review", rS, "Release or uphold a held message (V5, section 9)", bodyOf[messageReviewInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.ReviewMessage(q.ctx, q.actor, q.path("id"), in[messageReviewInput](q).command()))
		}},
		route{"POST", "/v1/reviews", rI, "Review a contract (V7, V8)", bodyOf[reviewInput](), nil, func(q *req) (int, any, error) {
			return created(svc.PostReview(q.ctx, q.actor, in[reviewInput](q).command()))
		}},
		// Screening, enforcement, cases, reports
		route{"POST", "/v1/screen", rIS, "Screen text, no side effect (C1-C4)", bodyOf[screenInput](), nil, func(q *req) (int, any, error) {
			return ok(s.screen(*in[screenInput](q)))
		}},
		route{"POST", "/v1/accounts/{id}/sanctions", rS, "A staff sanction with its notice", bodyOf[sanctionInput](), nil, func(q *req) (int, any, error) {
			return created(svc.Sanction(q.ctx, q.actor, q.path("id"), in[sanctionInput](q).command()))
		}},
		route{"POST", "/v1/accounts/{id}/remedy", rS, "Accept a remedy: lift a suspension before its deadline (E1)", bodyOf[remedyInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.Remedy(q.ctx, q.actor, q.path("id"), str(in[remedyInput](q).Note)))
		}},
		route{"POST", "/v1/accounts/{id}/fraud-hold", rS, "Place a fraud hold (E4)", bodyOf[holdInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.FraudHold(q.ctx, q.actor, q.path("id"), true, *in[holdInput](q).Reason))
		}},
		route{"DELETE", "/v1/accounts/{id}/fraud-hold", rS, "Lift a fraud hold (E4); the body's reason is optional", bodyOf[liftInput](), nil, func(q *req) (int, any, error) {
			reason := "lifted by staff"
			if r := strings.TrimSpace(str(in[liftInput](q).Reason)); r != "" {
				reason = r
			}
			return ok(svc.FraudHold(q.ctx, q.actor, q.path("id"), false, reason))
		}},
		route{"POST", "/v1/cases", rIS, "Open a case (section 9; appeals E3)", bodyOf[caseInput](), nil, func(q *req) (int, any, error) {
			return created(svc.OpenCase(q.ctx, q.actor, in[caseInput](q).command()))
		}},
		route{"GET", "/v1/cases", rS, "Case queues", nil, append([]string{"kind", "status", "account_id"}, list...), func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Cases(q.ctx, q.query("kind"), q.query("status"), q.query("account_id"), o))
		}},
		route{"GET", "/v1/cases/{id}", rS, "A case with its history", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.GetCase(q.ctx, q.path("id")))
		}},
		route{"PATCH", "/v1/cases/{id}", rS, "Assign a case, change its status, add a note", bodyOf[caseUpdate](), nil, func(q *req) (int, any, error) {
			m, err := q.ifMatch()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.UpdateCase(q.ctx, q.actor, q.path("id"), m, in[caseUpdate](q).command()))
		}},
		route{"POST", "/v1/cases/{id}/resolution", rS, "Resolve a case, performing its outcome", bodyOf[resolutionInput](), nil, func(q *req) (int, any, error) {
			return ok(svc.Resolve(q.ctx, q.actor, q.path("id"), in[resolutionInput](q).command()))
		}},
		route{"GET", "/v1/notices/{id}", rIS, "A notice", nil, nil, func(q *req) (int, any, error) {
			n, err := svc.Notice(q.ctx, q.path("id"))
			if err == nil && q.acting != "" && q.acting != n.AccountID {
				// A statement of reasons is its member's alone.
				return 0, nil, problem.Newf("not_owner", "account %s cannot read the notices of another account", q.acting)
			}
			return ok(n, err)
		}},
		route{"GET", "/v1/notices/{id}/dsa", rS, "The notice as a DSA statement of reasons", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.DSA(q.ctx, q.path("id")))
		}},
		route{"GET", "/v1/reports/transparency", rS, "Transparency report", nil, []string{"from", "to"}, func(q *req) (int, any, error) {
			from, to, err := q.period(svc.Now())
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Report(q.ctx, from, to))
		}},
		route{"GET", "/v1/policies", rIS, "Every rule with its tier and the settings in force", nil, nil, func(q *req) (int, any, error) {
			return http.StatusOK, svc.PolicyView(), nil
		}},
		route{"POST", "/v1/policies/simulations", rS, "What-if: replay the window's recorded decisions under proposed settings", bodyOf[simulationInput](), nil, func(q *req) (int, any, error) {
			c := in[simulationInput](q).command()
			c.By = q.actor
			return created(svc.Simulate(q.ctx, c))
		}},
		route{"GET", "/v1/policies/simulations/{id}", rS, "A what-if run", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.Simulation(q.ctx, q.path("id")))
		}},
		route{"POST", "/v1/webhooks", rA, "Subscribe a webhook endpoint", bodyOf[webhookInput](), nil, func(q *req) (int, any, error) {
			return created(svc.CreateWebhook(q.ctx, q.actor, in[webhookInput](q).command()))
		}},
		route{"GET", "/v1/webhooks", rA, "The subscribed endpoints (secrets are never shown again)", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.ListWebhooks(q.ctx, o))
		}},
		route{"DELETE", "/v1/webhooks/{id}", rA, "Remove an endpoint; its pending deliveries are dropped", nil, nil, func(q *req) (int, any, error) {
			return ok(svc.DeleteWebhook(q.ctx, q.actor, q.path("id")))
		}},
		route{"GET", "/v1/webhooks/{id}/deliveries", rA, "The delivery log of an endpoint, newest first", nil, list, func(q *req) (int, any, error) {
			o, err := q.list()
			if err != nil {
				return 0, nil, err
			}
			return ok(svc.Deliveries(q.ctx, q.path("id"), o))
		}},
	)
	rts = append(rts, s.adminRoutes()...)
	if s.testClock {
		rts = append(rts, route{"POST", "/v1/test/clock", rA, "Move the test clock and run due jobs", bodyOf[clockInput](), nil, func(q *req) (int, any, error) {
			d, err := policy.ParseDuration(*in[clockInput](q).Advance)
			if err != nil || d < 0 {
				return 0, nil, problem.Invalid("advance must be a duration such as 168h or 7d", problem.Field("advance", "invalid", "a non-negative duration"))
			}
			now, err := svc.AdvanceClock(q.ctx, d)
			return http.StatusOK, clockAnswer{Now: now}, err
		}})
	}
	return rts
}

type visibilityInput struct {
	Visibility *string `json:"visibility" req:"true"`
}

type availabilityInput struct {
	Availability *string `json:"availability" req:"true"`
}

type planInput struct {
	Plan *string `json:"plan" req:"true"`
}

type holdInput struct {
	Reason *string `json:"reason" req:"true"`
}

// liftInput is the body of DELETE /v1/accounts/{id}/fraud-hold: API.md
// gives the fraud-hold row {"reason"} for placing and lifting alike.
type liftInput struct {
	Reason *string `json:"reason"`
}

type remedyInput struct {
	Note *string `json:"note"`
}

type clockInput struct {
	Advance *string `json:"advance" req:"true"`
}

type screenInput struct {
	Text    *string `json:"text" req:"true"`
	Surface *string `json:"surface"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// period reads ?from= and ?to= (RFC 3339), by default the last 30 days.
func (q *req) period(now time.Time) (time.Time, time.Time, error) {
	to := now
	from := to.AddDate(0, 0, -30)
	var errs []problem.FieldError
	parse := func(name string, dst *time.Time) {
		if v := q.query(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				errs = append(errs, problem.Field(name, "invalid", "an RFC 3339 time"))
				return
			}
			*dst = t.UTC()
		}
	}
	parse("to", &to)
	if q.query("from") == "" {
		from = to.AddDate(0, 0, -30)
	}
	parse("from", &from)
	for name, t := range map[string]time.Time{"from": from, "to": to} {
		if t.Year() < 1 || t.Year() > 9999 { // RFC 3339 has four-digit years
			errs = append(errs, problem.Field(name, "invalid", "a time in the years 0001 to 9999"))
		}
	}
	if len(errs) > 0 {
		return from, to, problem.Invalid("bad report period", errs...)
	}
	return from, to, nil
}
