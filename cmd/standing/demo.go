package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"standing/internal/client"
	"standing/internal/population"
)

// apiClient signs the population up through a running server's API, with
// the typed client generated from the OpenAPI document.
type apiClient struct {
	ctx          context.Context
	integ, staff *client.ClientWithResponses
}

// expect turns an answer other than one of the wanted statuses into an
// error naming the call.
func expect(what string, status int, body []byte, err error, want ...int) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !slices.Contains(want, status) {
		return fmt.Errorf("%s: %d %s", what, status, body)
	}
	return nil
}

func signupInput(s population.Signup) client.SignupInput {
	return client.SignupInput{Email: s.Email, Name: s.Name, Country: s.Country, Freelancer: s.Freelancer, Client: !s.Freelancer,
		Signals: &client.SignupSignals{Ip: &s.IP, DeviceId: &s.DeviceID, Phone: &s.Phone, PaymentInstrument: &s.Card}}
}

// SignUp signs a person up; an existing person (409) is an answer too.
func (h apiClient) SignUp(s population.Signup) (string, string, error) {
	r, err := h.integ.PostAccountsWithResponse(h.ctx, nil, signupInput(s))
	if err := expect("sign-up", r.StatusCode(), r.Body, err, http.StatusCreated, http.StatusConflict); err != nil {
		return "", "", err
	}
	if r.JSON201 != nil {
		return r.JSON201.Decision.Outcome, r.JSON201.Account.Id, nil
	}
	if p := r.ApplicationproblemJSON409; p != nil && p.Decision != nil {
		return p.Decision.Outcome, "", nil
	}
	return "", "", nil
}

// Ban bans an account as staff.
func (h apiClient) Ban(id string) error {
	r, err := h.staff.PostAccountsByIdSanctionsWithResponse(h.ctx, id, nil,
		client.SanctionInput{Rule: "V4", Action: "ban", Reason: "demo: fraud found by staff"})
	return expect("ban "+id, r.StatusCode(), r.Body, err, http.StatusCreated)
}

// demo loads a synthetic marketplace population into a running server
// through its API and prints what the sign-up decisions were.
func demo(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	url := fs.String("url", "http://"+env("STANDING_ADDR", "127.0.0.1:8080"), "the server")
	key := fs.String("key", os.Getenv("STANDING_KEY"), "an integration key (or STANDING_KEY)")
	staff := fs.String("staff-key", os.Getenv("STANDING_STAFF_KEY"), "a staff key, to ban the people who then evade (or STANDING_STAFF_KEY)")
	people := fs.Int("people", 500, "honest members to sign up")
	evaders := fs.Int("evaders", 30, "members banned who then come back")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *key == "" || *staff == "" {
		return errors.New("demo needs --key (integration) and --staff-key (staff); create them with standing keys create")
	}
	hc := client.WithHTTPClient(&http.Client{Timeout: 30 * time.Second})
	integ, err := client.NewWithKey(*url, *key, hc)
	if err != nil {
		return err
	}
	staffClient, err := client.NewWithKey(*url, *staff, hc)
	if err != nil {
		return err
	}
	c := apiClient{ctx: context.Background(), integ: integ, staff: staffClient}
	g := population.New(*seed)
	rep, err := population.Scenario(c, g, *people, *evaders)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	return c.marketplace(g, min(20, max(2, *people/25)), stdout)
}

// marketplace adds the activity staff see on a real marketplace: client
// companies with jobs, verified freelancers with proposals and contracts,
// and messages, a few of which break C2, V5 or V7.
func (h apiClient) marketplace(g *population.Generator, n int, out io.Writer) error {
	var orgs, jobs, clients, freelancers []string
	for i, p := range g.Honest(2 * n) {
		p.Freelancer = i%2 == 1
		r, err := h.integ.PostAccountsWithResponse(h.ctx, nil, signupInput(p))
		if err := expect("sign-up", r.StatusCode(), r.Body, err, http.StatusCreated, http.StatusConflict); err != nil {
			return err
		}
		if r.JSON201 == nil {
			continue
		}
		id := r.JSON201.Account.Id
		acting := &client.PostOrganizationsParams{ActingAccount: client.Acting(id)}
		if !p.Freelancer {
			org, err := h.integ.PostOrganizationsWithResponse(h.ctx, acting, client.NameInput{Name: p.Name + " Studio"})
			if err := expect("organization", org.StatusCode(), org.Body, err, http.StatusCreated); err != nil {
				return err
			}
			job, err := h.integ.PostJobsWithResponse(h.ctx, &client.PostJobsParams{ActingAccount: client.Acting(id)}, client.JobInput{
				OrganizationId: org.JSON201.Id, Title: "Landing page for " + p.Name, Description: "Design and build a landing page.", ConnectsPrice: 4})
			if err := expect("job", job.StatusCode(), job.Body, err, http.StatusCreated); err != nil {
				return err
			}
			clients, orgs, jobs = append(clients, id), append(orgs, org.JSON201.Id), append(jobs, job.JSON201.Id)
			continue
		}
		v, err := h.integ.PostAccountsByIdVerificationWithResponse(h.ctx, id, nil, client.VerificationInput{
			LegalName: p.LegalName, DateOfBirth: p.DOB, Phone: p.Phone,
			Address:    client.Address{Line1: p.Address, City: "Springfield", PostalCode: "12345", Country: "US"},
			IdDocument: client.IDDocument{Type: "passport", Country: "US", Number: "P" + strings.ReplaceAll(p.Card, "-", "")}})
		if err := expect("verification", v.StatusCode(), v.Body, err, http.StatusOK); err != nil {
			return err
		}
		freelancers = append(freelancers, id)
	}
	messages := []string{"Hi! I read your brief and can start Monday.", "Happy to share samples here on the platform.",
		"My email is designer.%d@gmail.com, write me there", "Can you pay me via PayPal instead? It saves the fees.",
		"If you like the work please leave me a 5-star review"}
	contracts, held := 0, 0
	for i, f := range freelancers {
		if len(jobs) == 0 {
			break
		}
		k := i % len(jobs)
		pr, err := h.integ.PostProposalsWithResponse(h.ctx, &client.PostProposalsParams{ActingAccount: client.Acting(f)},
			client.ProposalInput{JobId: jobs[k], AccountId: f, CoverLetter: "I can do this in a week."})
		if err := expect("proposal", pr.StatusCode(), pr.Body, err, http.StatusCreated); err != nil {
			return err
		}
		body := strings.ReplaceAll(messages[i%len(messages)], "%d", fmt.Sprint(i))
		m, err := h.integ.PostMessagesWithResponse(h.ctx, nil, client.MessageInput{FromAccountId: f, ToAccountId: clients[k], Body: body})
		if err := expect("message", m.StatusCode(), m.Body, err, http.StatusCreated); err != nil {
			return err
		}
		if m.JSON201.Message.Status != "delivered" {
			held++
		}
		if i%2 == 0 {
			escrow := 50000
			c, err := h.integ.PostContractsWithResponse(h.ctx, &client.PostContractsParams{ActingAccount: client.Acting(clients[k])},
				client.ContractInput{JobId: jobs[k], FreelancerAccountId: f, Kind: "fixed", EscrowCents: &escrow})
			if err := expect("contract", c.StatusCode(), c.Body, err, http.StatusCreated); err != nil {
				return err
			}
			contracts++
		}
	}
	fmt.Fprintf(out, "marketplace: %d organizations with a job, %d verified freelancers, %d contracts, %d of %d first messages redacted or held\n",
		len(orgs), len(freelancers), contracts, held, len(freelancers))
	return nil
}
