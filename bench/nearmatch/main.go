// Command nearmatch re-estimates the M9 Fellegi-Sunter probabilities on a
// synthetic near-match population and prints them as the settings file
// internal/policy embeds, keeping the review weight: u from random pairs,
// m from the labelled evader pairs, or by EM over the blocked pairs (-em):
//
//	go run ./bench/nearmatch -write internal/policy/nearmatch.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"

	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/policy"
	"standing/internal/population"
)

func main() {
	honest := flag.Int("honest", 20000, "honest members")
	evaders := flag.Int("evaders", 2000, "evaders (and as many look-alikes of their banned accounts)")
	seed := flag.Uint64("seed", 1, "population seed")
	write := flag.String("write", "", "write the settings to this file instead of stdout")
	em := flag.Bool("em", false, "estimate m by EM over the blocked pairs (labelled pairs held at 1) instead of from the labelled pairs alone")
	flag.Parse()
	cur := policy.DefaultNearMatch()
	start := map[string]linkage.Probs{}
	for f, p := range cur.Fields {
		start[f] = linkage.Probs{M: p.M, U: p.U}
	}
	est := population.EstimateNearMatch(population.New(*seed), *honest, *evaders, identity.NewHasher("estimation-secret-not-stored", nil), start, *em, policy.Defaults().LinkCommonAccounts)
	out := policy.NearMatch{ReviewWeight: cur.ReviewWeight, Fields: map[string]policy.LevelProbs{}}
	for f, p := range est.Fields {
		var lp policy.LevelProbs
		for l := range 3 {
			lp.M[l], lp.U[l] = round(p.M[l]), round(p.U[l])
		}
		out.Fields[f] = lp
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "records %d, blocked pairs %d, random pairs %d, lambda %.4f, bytes per stored encoding value %.1f\n",
		est.Records, est.BlockedPairs, est.RandomPairs, est.Lambda, est.BytesPerValue)
	for _, f := range linkage.Fields {
		p := est.Fields[f]
		fmt.Fprintf(os.Stderr, "%-14s none %+6.2f close %+6.2f exact %+6.2f\n", f, p.Weight(0), p.Weight(1), p.Weight(2))
	}
	if *write == "" {
		fmt.Println(string(b))
		return
	}
	if err := os.WriteFile(*write, append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
}

// round keeps four significant digits of a probability, or of its
// complement when it is near 1 (so 0.99999 stays below 1): enough for a
// weight to 0.01 bit.
func round(x float64) float64 {
	if x > 0.5 {
		return 1 - round(1-x)
	}
	if x == 0 {
		return 0
	}
	e := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*e) / e
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "nearmatch:", err)
	os.Exit(1)
}
