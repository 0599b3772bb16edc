package population

import (
	"fmt"
	"io"
	"sort"
)

// Client signs people up and bans accounts: the API, or the service in process.
type Client interface {
	// SignUp returns the decision's outcome (allow, review, block) and the
	// new account's id ("" when none was created).
	SignUp(s Signup) (outcome, accountID string, err error)
	Ban(accountID string) error
}

// Report counts decisions by kind of person (and technique for evaders).
type Report struct {
	Counts map[string]map[string]int // group -> outcome -> count
}

func (r *Report) add(group, outcome string) {
	if r.Counts[group] == nil {
		r.Counts[group] = map[string]int{}
	}
	r.Counts[group][outcome]++
}

// Scenario signs up honest people, bans some of them for fraud, lets each
// banned person come back with one evasion technique, and signs up more
// honest people after them.
func Scenario(c Client, g *Generator, honest, evaders int) (Report, error) {
	rep := Report{Counts: map[string]map[string]int{}}
	people := g.Honest(honest)
	ids := make([]string, len(people))
	for i, p := range people {
		out, id, err := c.SignUp(p)
		if err != nil {
			return rep, fmt.Errorf("sign up %s: %w", p.Email, err)
		}
		ids[i] = id
		rep.add("honest/"+p.Kind, out)
	}
	// The banned: independent people who signed up cleanly.
	var banned []int
	for i, p := range people {
		if len(banned) == evaders {
			break
		}
		if p.Kind == "honest" && ids[i] != "" {
			if err := c.Ban(ids[i]); err != nil {
				return rep, fmt.Errorf("ban: %w", err)
			}
			banned = append(banned, i)
		}
	}
	for k, i := range banned {
		e := g.Evader(people[i], i, Techniques[k%len(Techniques)])
		out, _, err := c.SignUp(e)
		if err != nil {
			return rep, fmt.Errorf("evader: %w", err)
		}
		rep.add("evader/"+e.Technique, out)
	}
	for _, p := range g.Honest(honest / 5) {
		out, _, err := c.SignUp(p)
		if err != nil {
			return rep, err
		}
		rep.add("honest/"+p.Kind, out)
	}
	return rep, nil
}

// Summary is what BENCHMARKS.md reports.
type Summary struct {
	EvasionRecall      float64 // evaders the policy must catch that were blocked
	EvadersCaught      int
	EvadersToCatch     int
	HonestBlocked      int
	HonestReviewed     int
	Honest             int
	DeviceOnlyReviewed int
	DeviceOnly         int
}

// Summarize computes the headline figures of a report.
func (r Report) Summarize() Summary {
	var s Summary
	for group, outs := range r.Counts {
		n := outs["allow"] + outs["review"] + outs["block"]
		switch {
		case len(group) > 7 && group[:7] == "honest/":
			s.Honest += n
			s.HonestBlocked += outs["block"]
			s.HonestReviewed += outs["review"]
		case group == "evader/same_device":
			s.DeviceOnly += n
			s.DeviceOnlyReviewed += outs["review"]
		case len(group) > 7 && group[:7] == "evader/" && WantCaught(group[7:]):
			s.EvadersToCatch += n
			s.EvadersCaught += outs["block"]
		}
	}
	if s.EvadersToCatch > 0 {
		s.EvasionRecall = float64(s.EvadersCaught) / float64(s.EvadersToCatch)
	}
	return s
}

// Print writes the report as a table.
func (r Report) Print(w io.Writer) {
	groups := make([]string, 0, len(r.Counts))
	for g := range r.Counts {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	fmt.Fprintf(w, "%-24s %7s %7s %7s\n", "group", "allow", "review", "block")
	for _, g := range groups {
		c := r.Counts[g]
		fmt.Fprintf(w, "%-24s %7d %7d %7d\n", g, c["allow"], c["review"], c["block"])
	}
	s := r.Summarize()
	fmt.Fprintf(w, "evasion recall (strong reuse): %d/%d = %.1f%%\n", s.EvadersCaught, s.EvadersToCatch, 100*s.EvasionRecall)
	fmt.Fprintf(w, "honest blocked: %d/%d, honest sent to review: %d/%d (%.1f%%)\n", s.HonestBlocked, s.Honest, s.HonestReviewed, s.Honest,
		100*float64(s.HonestReviewed)/float64(max(1, s.Honest)))
}
