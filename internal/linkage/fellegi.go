package linkage

import (
	"math"
	"slices"
)

// Estimate learns the m and u probabilities of every field the way Splink
// does: u by counting levels over random pairs of accounts (nearly all of
// them different people), then m by expectation-maximisation over the
// pairs blocking finds, with u held fixed. Pairs known to be one person
// (labelled: accounts staff found to be one member, or a population's
// evaders and the accounts they evade) keep a match probability of 1
// throughout, as Splink's pairwise labels do. Each vector is a Levels
// result (-1 where a field was not compared). It returns the probabilities
// and the share of unlabelled blocked pairs that EM takes for one person.
func Estimate(blocked, labelled, random [][]int, start map[string]Probs, iterations int) (map[string]Probs, float64) {
	const pseudo = 0.5 // a Laplace pseudo-count keeps a level never seen from weighing infinitely
	out := map[string]Probs{}
	for i, f := range Fields {
		p := start[f]
		var n [3]float64
		total := 0.0
		for _, v := range random {
			if v[i] >= 0 {
				n[v[i]]++
				total++
			}
		}
		if total > 0 {
			for l := range 3 {
				p.U[l] = (n[l] + pseudo) / (total + 3*pseudo)
			}
		}
		out[f] = p
	}
	lambda := 0.01
	nb := len(blocked)
	blocked = append(slices.Clip(blocked), labelled...)
	post := make([]float64, len(blocked))
	for j := nb; j < len(post); j++ {
		post[j] = 1
	}
	for range iterations {
		// E step: the probability that each blocked pair is one person.
		for j, v := range blocked[:nb] {
			lm, lu := math.Log(lambda), math.Log(1-lambda)
			for i, f := range Fields {
				if v[i] >= 0 {
					lm += math.Log(max(out[f].M[v[i]], 1e-9))
					lu += math.Log(max(out[f].U[v[i]], 1e-9))
				}
			}
			post[j] = 1 / (1 + math.Exp(lu-lm))
		}
		// M step: m from the pairs weighted by that probability.
		sum := 0.0
		for _, p := range post[:nb] {
			sum += p
		}
		lambda = min(max(sum/float64(max(1, nb)), 1e-6), 1-1e-6)
		for i, f := range Fields {
			var n [3]float64
			total := 0.0
			for j, v := range blocked {
				if v[i] >= 0 {
					n[v[i]] += post[j]
					total += post[j]
				}
			}
			if total == 0 {
				continue
			}
			p := out[f]
			for l := range 3 {
				p.M[l] = (n[l] + pseudo*0.01) / (total + 3*pseudo*0.01)
			}
			out[f] = p
		}
	}
	return out, lambda
}
