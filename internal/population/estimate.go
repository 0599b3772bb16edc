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

// Estimation is the outcome of EstimateNearMatch.
type Estimation struct {
	Fields        map[string]linkage.Probs
	Lambda        float64 // share of blocked pairs EM takes for one person
	BlockedPairs  int
	RandomPairs   int
	Records       int
	BytesPerValue float64 // mean bytes of one stored encoding value (kind + HMAC)
}

// EstimateNearMatch learns M9's m and u from a near-match population the
// way the service would from its index: every record encoded under h,
// candidate pairs found by the blocking keys (values held by at most
// blockLimit records), u from random pairs, m by EM over the candidates.
//
// With em false, m comes from the labelled pairs alone (Splink's estimate
// from pairwise labels) and blocking only feeds the lambda report; with em
// true, EM runs over the blocked pairs with the labelled ones held at 1.
func EstimateNearMatch(g *Generator, honest, evaders int, h *identity.Hasher, start map[string]linkage.Probs, em bool, common int) Estimation {
	const blockLimit = 25
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
	buckets := map[string][]int{}
	freq := map[string]int{}
	var bytes, values float64
	for i, s := range all {
		records[i] = linkage.Record{}
		for _, e := range h.Encode(s.StoredFacts()) {
			records[i].Add(e.Kind, e.Hashes[0])
			freq[linkage.FreqKey(e.Kind, e.Hashes[0])]++
			bytes += float64(len(e.Kind) + len(e.Hashes[0]))
			values++
			for _, b := range linkage.BlockingKinds {
				if b == e.Kind {
					k := linkage.FreqKey(e.Kind, e.Hashes[0])
					buckets[k] = append(buckets[k], i)
				}
			}
		}
	}
	seen := map[[2]int]bool{}
	var blocked, random [][]int
	for _, ids := range buckets {
		if len(ids) > blockLimit {
			continue
		}
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				p := [2]int{ids[x], ids[y]}
				if ids[x] != ids[y] && !seen[p] {
					seen[p] = true
					blocked = append(blocked, linkage.Levels(records[p[0]], records[p[1]], freq, common))
				}
			}
		}
	}
	for k := 0; k < 20*len(all); k++ {
		a, b := g.r.IntN(len(all)), g.r.IntN(len(all))
		if a != b {
			random = append(random, linkage.Levels(records[a], records[b], freq, common))
		}
	}
	var labelled [][]int
	for _, p := range pairs {
		labelled = append(labelled, linkage.Levels(records[p[0]], records[p[1]], freq, common))
	}
	unlabelled := blocked
	if !em {
		unlabelled = nil
	}
	probs, lambda := linkage.Estimate(unlabelled, labelled, random, start, 50)
	return Estimation{Fields: probs, Lambda: lambda, BlockedPairs: len(blocked), RandomPairs: len(random), Records: len(all),
		BytesPerValue: bytes / max(1, values)}
}
