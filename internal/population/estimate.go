package population

import (
	"standing/internal/identity"
	"standing/internal/linkage"
)

// StoredFacts are what onboarding leaves in the index for M9: the name, the
// birth date when the sign-up or a verification gave it, the address when
// verified, the profile text and the device traits.
func (s Signup) StoredFacts() identity.Facts {
	f := s.Facts()
	if !s.DOBAtSignup && !s.Verifies {
		f.DOB = ""
	}
	if !s.Verifies {
		f.Address = nil
	}
	return f
}

// EstimateNearMatch learns M9's m and u from a near-match population the
// way the service does from its index (linkage.EstimateRecords): every
// record encoded under h, the evaders and the accounts they evade as the
// labelled pairs, 20 random pairs a record. It also returns the mean bytes
// of one stored encoding value (kind + HMAC).
func EstimateNearMatch(g *Generator, honest, evaders int, h *identity.Hasher, start map[string]linkage.Probs, em bool, common int) (linkage.Estimation, float64) {
	people := g.NearHonest(honest)
	var all []Signup
	all = append(all, people...)
	var pairs [][2]int // evader, original: the labelled matches
	for k := range evaders {
		tactic := NearTactics[k%len(NearTactics)]
		for j := range people {
			i := (k*7919 + j*31) % len(people)
			if needs(people[i], tactic) {
				pairs = append(pairs, [2]int{len(all), i})
				all = append(all, g.NearEvader(people[i], i, tactic), g.lookalike(people[i], lookalikeKinds[k%len(lookalikeKinds)]))
				break
			}
		}
	}
	records := make([]linkage.Record, len(all))
	var bytes, values float64
	for i, s := range all {
		records[i] = linkage.Record{}
		for _, e := range h.Encode(s.StoredFacts()) {
			records[i].Add(e.Kind, e.Hashes[0])
			bytes += float64(len(e.Kind) + len(e.Hashes[0]))
			values++
		}
	}
	est := linkage.EstimateRecords(records, pairs, start, em, 25, common, 20*len(all), g.r.IntN)
	return est, bytes / max(1, values)
}
