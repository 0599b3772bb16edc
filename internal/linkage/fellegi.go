package linkage

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"

	"standing/internal/policy"
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

// Estimation is what EstimateRecords learned and from how much.
type Estimation struct {
	Fields       map[string]Probs
	Lambda       float64 // share of unlabelled blocked pairs EM takes for one person
	Records      int
	BlockedPairs int
	RandomPairs  int
	Labelled     int
}

// EstimateRecords runs the whole estimation on records as the index holds
// them: candidate pairs by the blocking keys (values held by at most
// blockLimit records), u from randomPairs random pairs, m from the labelled
// pairs (indexes into records of accounts known to be one person) and, with
// em, by EM over the blocked pairs too. Values held by more than common
// records do not count as agreement (Levels). pick draws random indexes.
func EstimateRecords(records []Record, labelled [][2]int, start map[string]Probs, em bool, blockLimit, common, randomPairs int, pick func(n int) int) Estimation {
	freq := map[string]int{}
	buckets := map[string][]int{}
	for i, r := range records {
		for kind, hs := range r {
			blocking := slices.Contains(BlockingKinds, kind)
			for _, h := range hs {
				k := FreqKey(kind, h)
				freq[k]++
				if blocking {
					buckets[k] = append(buckets[k], i)
				}
			}
		}
	}
	est := Estimation{Records: len(records), Labelled: len(labelled)}
	var blocked, random, labels [][]int
	if em {
		seen := map[[2]int]bool{}
		for _, key := range slices.Sorted(maps.Keys(buckets)) { // in order, so a rerun gives the same digits
			ids := buckets[key]
			if len(ids) > blockLimit {
				continue
			}
			for x := range ids {
				for y := x + 1; y < len(ids); y++ {
					p := [2]int{min(ids[x], ids[y]), max(ids[x], ids[y])}
					if p[0] != p[1] && !seen[p] {
						seen[p] = true
						blocked = append(blocked, Levels(records[p[0]], records[p[1]], freq, common))
					}
				}
			}
		}
	}
	for range randomPairs {
		if a, b := pick(len(records)), pick(len(records)); a != b {
			random = append(random, Levels(records[a], records[b], freq, common))
		}
	}
	for _, p := range labelled {
		labels = append(labels, Levels(records[p[0]], records[p[1]], freq, common))
	}
	est.BlockedPairs, est.RandomPairs = len(blocked), len(random)
	est.Fields, est.Lambda = Estimate(blocked, labels, random, start, 50)
	return est
}

// Settings are the estimated probabilities as the policy settings hold them
// (internal/policy/nearmatch.json), with the given review weight, each
// probability rounded to four significant digits (of its complement when
// near 1, so 0.99999 stays below 1): enough for a weight to 0.01 bit.
func (e Estimation) Settings(reviewWeight float64) policy.NearMatch {
	out := policy.NearMatch{ReviewWeight: reviewWeight, Fields: map[string]policy.LevelProbs{}}
	for f, p := range e.Fields {
		var lp policy.LevelProbs
		for l := range 3 {
			lp.M[l], lp.U[l] = roundProb(p.M[l]), roundProb(p.U[l])
		}
		out.Fields[f] = lp
	}
	return out
}

func roundProb(x float64) float64 {
	if x > 0.5 {
		return 1 - roundProb(1-x)
	}
	if x == 0 {
		return 0
	}
	e := math.Pow(10, 3-math.Floor(math.Log10(x)))
	return math.Round(x*e) / e
}

// ProbsOf are the probabilities of the policy settings in linkage's terms.
func ProbsOf(n policy.NearMatch) map[string]Probs {
	out := map[string]Probs{}
	for f, p := range n.Fields {
		out[f] = Probs{M: p.M, U: p.U}
	}
	return out
}

// Print writes what the estimation read and the weight of every level.
func (e Estimation) Print(w io.Writer) {
	fmt.Fprintf(w, "records %d, labelled pairs %d, blocked pairs %d, random pairs %d, lambda %.4f\n",
		e.Records, e.Labelled, e.BlockedPairs, e.RandomPairs, e.Lambda)
	for _, f := range Fields {
		p := e.Fields[f]
		fmt.Fprintf(w, "%-14s none %+6.2f close %+6.2f exact %+6.2f\n", f, p.Weight(LevelNone), p.Weight(LevelClose), p.Weight(LevelExact))
	}
}
