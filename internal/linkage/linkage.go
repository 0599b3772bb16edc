// Package linkage scores the links between accounts from the signals they
// share (M3) and decides what a sign-up or a later signal means (M4, M5).
// It is pure: the service finds the shared signals in the index and hands
// them over as matches.
package linkage

import (
	"fmt"
	"math"
	"slices"

	"standing/internal/decision"
	"standing/internal/identity"
)

// Match is one value the subject shares with another account.
type Match struct {
	AccountID string
	Status    string
	Kind      string
	Shared    int  // how many accounts hold this value, the subject included
	WasBanned bool // the account is erased and was banned before: evasion of it is still evasion
}

// Settings are the tunables of scoring.
type Settings struct {
	StrongScore    float64 // a strong-kind signal counts as strong at or above this weight
	CommonAccounts int     // values shared by more accounts lose weight
}

// Weight is the evidence of one shared value: the kind's weight, discounted
// as the value is shared by more accounts than CommonAccounts (an office IP,
// a carrier NAT, a test card), the way entity resolution treats generic values.
func Weight(kind string, shared int, s Settings) float64 {
	w := identity.WeightOf(kind)
	if shared > s.CommonAccounts {
		w *= math.Sqrt(float64(s.CommonAccounts) / float64(shared))
	}
	return w
}

// Score groups matches by account into links. Weak signals add to a link's
// score but never make a link on their own (M3).
func Score(matches []Match, s Settings) []decision.Link {
	type acc struct {
		status string
		banned bool
		miss   float64
		kinds  []string
		strong bool
		medium bool
	}
	by := map[string]*acc{}
	var order []string
	for _, m := range matches {
		a := by[m.AccountID]
		if a == nil {
			a = &acc{status: m.Status, banned: m.WasBanned, miss: 1}
			by[m.AccountID] = a
			order = append(order, m.AccountID)
		}
		if slices.Contains(a.kinds, m.Kind) {
			continue
		}
		w := Weight(m.Kind, m.Shared, s)
		a.miss *= 1 - w
		a.kinds = append(a.kinds, m.Kind)
		switch identity.StrengthOf(m.Kind) {
		case identity.Strong:
			if w >= s.StrongScore {
				a.strong = true
			} else if w >= 0.3 {
				a.medium = true
			}
		case identity.Medium:
			if w >= 0.3 {
				a.medium = true
			}
		}
	}
	var links []decision.Link
	for _, id := range order {
		a := by[id]
		if !a.strong && !a.medium {
			continue
		}
		st := "medium"
		if a.strong {
			st = "strong"
		}
		slices.Sort(a.kinds)
		links = append(links, decision.Link{AccountID: id, Status: a.status, Score: math.Round((1-a.miss)*100) / 100,
			Signals: a.kinds, Strength: st, WasBanned: a.banned})
	}
	slices.SortStableFunc(links, func(x, y decision.Link) int {
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		return 0
	})
	return links
}

// Verdict names what a sign-up or a later link leads to.
type Verdict int

// The M4/M5 verdicts.
const (
	Allow        Verdict = iota
	Review               // medium links only: create, open a linkage case
	Evasion              // strong link to suspended/banned: ban the new account (V2)
	Exists               // strong link to active: refuse (M4) or V1 (M5)
	ClosedExists         // strong link to closed: refuse with the L8/M6 hint
)

func rule(r string) *string { return &r }

// Decide applies M4 to the links of a new account (M5 reuses it for later
// signals). Links to accounts in excepted are ignored (M6); links to erased
// accounts count as links to banned ones when the erased person was banned.
func Decide(links []decision.Link, excepted []string) (Verdict, decision.Decision) {
	d := decision.Decision{Outcome: "allow", Reasons: []string{}, Links: []decision.Link{}}
	var strongLive, strongClosed, strongBanned, medium []decision.Link
	for _, l := range links {
		if slices.Contains(excepted, l.AccountID) {
			continue
		}
		d.Links = append(d.Links, l)
		if !l.Strong() {
			medium = append(medium, l)
			continue
		}
		switch {
		case l.Banned():
			strongBanned = append(strongBanned, l)
		case l.Status == "active":
			strongLive = append(strongLive, l)
		case l.Status == "closed":
			strongClosed = append(strongClosed, l)
		}
	}
	why := func(l decision.Link, what string) string {
		return fmt.Sprintf("shares %s with %s account %s", joinKinds(l.Signals), what, l.AccountID)
	}
	switch {
	case len(strongBanned) > 0:
		d.Outcome, d.Rule = "block", rule("V2")
		for _, l := range strongBanned {
			d.Reasons = append(d.Reasons, why(l, statusWord(l)))
		}
		return Evasion, d
	case len(strongLive) > 0:
		d.Outcome, d.Rule = "block", rule("M1")
		for _, l := range strongLive {
			d.Reasons = append(d.Reasons, why(l, "active"))
		}
		return Exists, d
	case len(strongClosed) > 0:
		d.Outcome, d.Rule = "block", rule("M1")
		for _, l := range strongClosed {
			d.Reasons = append(d.Reasons, why(l, "closed"))
		}
		d.Reasons = append(d.Reasons, "reactivate the closed account (L8) or ask support for a new account (M6)")
		return ClosedExists, d
	case len(medium) > 0:
		d.Outcome, d.Rule = "review", rule("M4")
		for _, l := range medium {
			d.Reasons = append(d.Reasons, why(l, statusWord(l)))
		}
		return Review, d
	}
	return Allow, d
}

func statusWord(l decision.Link) string {
	if l.WasBanned {
		return "banned"
	}
	return l.Status
}

func joinKinds(k []string) string {
	switch len(k) {
	case 0:
		return "signals"
	case 1:
		return k[0]
	}
	out := ""
	for i, x := range k {
		switch {
		case i == 0:
		case i == len(k)-1:
			out += " and "
		default:
			out += ", "
		}
		out += x
	}
	return out
}
