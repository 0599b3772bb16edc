package population

import (
	"math/rand/v2"

	"standing/internal/service"
)

// Workload is a benchmark's population and the sign-ups it times against
// it, drawn the same way by every process that takes part: the one that
// loads the accounts, the one that times sign-ups in process, and a load
// generator sending them over HTTP, so that evaders come back to accounts
// the database really holds.
type Workload struct {
	People []Signup
	near   bool
	seed   uint64
	banned []int // indexes of the banned accounts (near only)
}

// NewWorkload draws n accounts: the issue 4 population, or with near the
// near-match one (M9), of which 1% are banned.
func NewWorkload(n int, near bool) *Workload {
	w := &Workload{near: near, seed: uint64(n)}
	g := New(w.seed)
	if near {
		w.People = g.NearHonest(n)
		for i := 0; i < n; i += 100 {
			w.banned = append(w.banned, i)
		}
	} else {
		w.People = g.Honest(n)
	}
	return w
}

// Account is account i as Seed loads it, banned before when it is one of
// the 1% of the near-match population.
func (w *Workload) Account(i int) service.SeedAccount {
	sa := w.People[i].Seed()
	if w.near && i%100 == 0 {
		sa.BannedRule = "V4"
	}
	return sa
}

// Signups returns count sign-ups of stream: new people and, one in ten, an
// evader of a seeded account (reusing a card in the issue 4 population,
// keeping one hard thing of a banned account in the near-match one). Each
// stream numbers its people from its own base, so streams never share an
// email, phone or network with each other or with the population and every
// run signs up people the database does not hold yet.
func (w *Workload) Signups(stream, count int) []Signup {
	base := 2*len(w.People) + stream*2_000_000
	g := &Generator{r: rand.New(rand.NewPCG(w.seed, uint64(stream)+1)), n: base, nets: base}
	out := make([]Signup, count)
	for i := range out {
		switch {
		case w.near && i%10 == 0:
			b := w.banned[(i/10*7919)%len(w.banned)]
			out[i] = g.NearEvader(w.People[b], b, NearTactics[i/10%len(NearTactics)])
		case w.near:
			out[i] = g.NearPerson("honest")
		case i%10 == 0:
			out[i] = g.Evader(w.People[(i*7919)%len(w.People)], 0, "same_card")
		default:
			out[i] = g.Honest(1)[0]
		}
	}
	return out
}
