package population

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"standing/internal/problem"
	"standing/internal/service"
)

// Onboarding outcomes of the near-match scenario: the worst thing that
// happened to a person across sign-up, profile and verification.
const (
	OutAllow    = "allow"
	OutReviewM9 = "review_m9" // a linkage case opened by a near match (M9)
	OutReview   = "review"    // a review for another reason (M4 medium signals, I4)
	OutBlock    = "block"     // refused, or banned
)

// NearClient takes a person through the marketplace's onboarding.
type NearClient interface {
	// Onboard signs the person up, publishes their profile and, when they
	// verify, sends their verification; it returns the new account's id
	// ("" when refused) and the outcome.
	Onboard(s Signup) (accountID, outcome string, err error)
	Ban(accountID string) error
}

// lookalikeKinds are the honest look-alikes made of a banned member after
// the ban, so that M9 has something to be wrong about.
var lookalikeKinds = []string{"same_name", "twin", "spouse", "flatmate", "template"}

// lookalike makes an honest person who resembles the banned one: a
// stranger with the same name in the same city, a twin or a spouse or a
// flatmate at the same home, or a member who copies the same template.
func (g *Generator) lookalike(of Signup, kind string) Signup {
	s := g.NearPerson("lookalike_" + kind)
	surname := strings.Fields(of.Name)[len(strings.Fields(of.Name))-1]
	first := g.otherFirst(of.Name)
	switch kind {
	case "same_name":
		s.Name, s.LegalName = of.LegalName, of.LegalName
		s.Home = g.home(cityOf(of.Home))
	case "twin":
		s.Name = first + " " + surname
		s.LegalName, s.DOB, s.Home, s.Verifies = s.Name, of.DOB, of.Home.rewritten(g.r.IntN(4)), true
	case "spouse":
		s.Name = first + " " + surname
		s.LegalName, s.Home, s.IP, s.Verifies = s.Name, of.Home.rewritten(g.r.IntN(4)), of.IP, true
	case "flatmate":
		s.Home, s.Verifies = of.Home.rewritten(g.r.IntN(4)), true
	case "template":
		s.Profile = fmt.Sprintf(templates[g.r.IntN(len(templates))], 2+g.r.IntN(12), skillSets[g.r.IntN(len(skillSets))])
	}
	return s
}

// needs reports whether the banned person left what a tactic keeps.
func needs(s Signup, tactic string) bool {
	switch tactic {
	case "name_dob":
		return s.DOBAtSignup || s.Verifies
	case "address":
		return s.Verifies
	case "profile_text":
		return s.Profile != "" && s.Kind != "template"
	}
	return s.Traits != nil
}

// NearScenario onboards honest members (look-alike groups among them),
// bans some, lets each banned person come back with one M9 tactic, then
// onboards an honest look-alike of each banned person and more honest
// members. Groups: honest/<kind>, lookalike/<kind>, evader/<tactic>.
func NearScenario(c NearClient, g *Generator, honest, evaders int) (Report, error) {
	rep := Report{Counts: map[string]map[string]int{}}
	people := g.NearHonest(honest)
	ids := make([]string, len(people))
	for i, p := range people {
		id, out, err := c.Onboard(p)
		if err != nil {
			return rep, fmt.Errorf("onboard %s: %w", p.Email, err)
		}
		ids[i] = id
		rep.add("honest/"+p.Kind, out)
	}
	type ban struct{ person, tactic int }
	var banned []ban
	used := map[int]bool{}
	for k := 0; k < evaders; k++ {
		tactic := NearTactics[k%len(NearTactics)]
		// Spread the bans over the population, look-alike groups included.
		for j := 0; j < len(people); j++ {
			i := (k*7919 + j*31) % len(people)
			if !used[i] && ids[i] != "" && needs(people[i], tactic) {
				used[i] = true
				if err := c.Ban(ids[i]); err != nil {
					return rep, fmt.Errorf("ban: %w", err)
				}
				banned = append(banned, ban{i, k % len(NearTactics)})
				break
			}
		}
	}
	for _, b := range banned {
		e := g.NearEvader(people[b.person], b.person, NearTactics[b.tactic])
		_, out, err := c.Onboard(e)
		if err != nil {
			return rep, fmt.Errorf("evader: %w", err)
		}
		rep.add("evader/"+e.Technique, out)
	}
	for k, b := range banned {
		kind := lookalikeKinds[k%len(lookalikeKinds)]
		_, out, err := c.Onboard(g.lookalike(people[b.person], kind))
		if err != nil {
			return rep, fmt.Errorf("look-alike: %w", err)
		}
		rep.add("lookalike/"+kind, out)
	}
	for _, p := range g.NearHonest(honest / 5) {
		_, out, err := c.Onboard(p)
		if err != nil {
			return rep, err
		}
		rep.add("honest/"+p.Kind, out)
	}
	return rep, nil
}

// NearSummary is what BENCHMARKS.md reports of the near-match scenario.
type NearSummary struct {
	Recall         map[string]float64 // per tactic: evaders sent to review (M9 or M4) or blocked by an exact rule
	Honest         int                // honest members and look-alikes
	HonestReviewM9 int                // of them, sent to review by a near match
	HonestBlocked  int
}

// NearSummarize computes recall per tactic and the honest rates.
func (r Report) NearSummarize() NearSummary {
	s := NearSummary{Recall: map[string]float64{}}
	for group, outs := range r.Counts {
		n := outs[OutAllow] + outs[OutReviewM9] + outs[OutReview] + outs[OutBlock]
		kind, rest, _ := strings.Cut(group, "/")
		switch kind {
		case "evader":
			s.Recall[rest] = float64(outs[OutReviewM9]+outs[OutReview]+outs[OutBlock]) / float64(max(1, n))
		case "honest", "lookalike":
			s.Honest += n
			s.HonestReviewM9 += outs[OutReviewM9]
			s.HonestBlocked += outs[OutBlock]
		}
	}
	return s
}

// PrintNear writes the near-match report as a table and its summary.
func (r Report) PrintNear(w io.Writer) {
	groups := make([]string, 0, len(r.Counts))
	for g := range r.Counts {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	fmt.Fprintf(w, "%-26s %7s %9s %7s %7s\n", "group", "allow", "review_m9", "review", "block")
	for _, g := range groups {
		c := r.Counts[g]
		fmt.Fprintf(w, "%-26s %7d %9d %7d %7d\n", g, c[OutAllow], c[OutReviewM9], c[OutReview], c[OutBlock])
	}
	s := r.NearSummarize()
	tactics := slices.Sorted(func(yield func(string) bool) {
		for t := range s.Recall {
			if !yield(t) {
				return
			}
		}
	})
	for _, t := range tactics {
		fmt.Fprintf(w, "recall into review, %s: %.2f\n", t, s.Recall[t])
	}
	fmt.Fprintf(w, "honest sent to review by near matches: %d/%d (%.2f%%), blocked: %d\n", s.HonestReviewM9, s.Honest,
		100*float64(s.HonestReviewM9)/float64(max(1, s.Honest)), s.HonestBlocked)
}

// InProcess is a NearClient on a service in this process.
type InProcess struct {
	Ctx context.Context
	Svc *service.Service
	n   *int
}

// NewInProcess returns a client of svc.
func NewInProcess(ctx context.Context, svc *service.Service) InProcess {
	return InProcess{Ctx: ctx, Svc: svc, n: new(int)}
}

// Onboard implements NearClient.
func (c InProcess) Onboard(s Signup) (string, string, error) {
	res, err := c.Svc.SignUp(c.Ctx, service.System, s.Input())
	var p *problem.Error
	switch {
	case errors.As(err, &p) && (p.Code == "account_exists" || p.Code == "closed_account_exists"):
		return "", OutBlock, nil
	case err != nil:
		return "", "", fmt.Errorf("sign-up: %w", err)
	}
	id := res.Account.ID
	if res.Account.Status == "banned" {
		return id, OutBlock, nil
	}
	out := OutAllow
	if res.Decision.Outcome == "review" {
		out = OutReview
	}
	if s.Profile != "" {
		title := "Freelancer"
		if _, err := c.Svc.UpdateProfile(c.Ctx, service.System, id, nil, service.ProfileInput{Title: title, Overview: s.Profile}); err != nil {
			return id, "", fmt.Errorf("profile: %w", err)
		}
	}
	if s.Verifies {
		*c.n++
		h := s.Home
		doc, typ, country := fmt.Sprintf("P%08d", *c.n), "passport", h.Country
		r, err := c.Svc.Verify(c.Ctx, service.System, id, service.VerificationInput{LegalName: s.LegalName, DateOfBirth: s.DOB, Phone: s.Phone,
			Address:    service.Address{Line1: h.Line1, City: h.City, PostalCode: h.Postal, Country: country},
			IDDocument: service.IDDocument{Type: typ, Country: country, Number: doc}})
		if err != nil {
			return id, "", fmt.Errorf("verification: %w", err)
		}
		switch r.Decision.Outcome {
		case "block":
			return id, OutBlock, nil
		case "review":
			out = OutReview
		}
	}
	cases, err := c.Svc.Cases(c.Ctx, "linkage_review", "", id, service.ListOpts{Limit: 50})
	if err != nil {
		return id, "", fmt.Errorf("cases: %w", err)
	}
	for _, cs := range cases.Data {
		if cs.Rule == "M9" {
			out = OutReviewM9
		}
	}
	return id, out, nil
}

// Ban implements NearClient and Client.
func (c InProcess) Ban(id string) error {
	_, err := c.Svc.Sanction(c.Ctx, service.Actor{Kind: "staff", ID: "stf_population"}, id,
		service.SanctionInput{Rule: "V4", Action: "ban", Reason: "fraud"})
	return err
}
