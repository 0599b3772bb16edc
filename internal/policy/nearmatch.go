package policy

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// NearMatch are the M9 settings: the Fellegi-Sunter probabilities of each
// compared field's levels and the match weight that sends a near match to
// a suspended or banned account to review.
type NearMatch struct {
	ReviewWeight float64               `json:"review_weight"`
	Fields       map[string]LevelProbs `json:"fields"`
}

// LevelProbs are m and u of a field's levels in the order none, close,
// exact: how often one person, and how often two different people, compare
// at each level.
type LevelProbs struct {
	M [3]float64 `json:"m"`
	U [3]float64 `json:"u"`
}

// NearMatchFields are the fields M9 compares (API.md link comparisons).
var NearMatchFields = []string{"legal_name", "date_of_birth", "address", "profile_text", "device_traits"}

// nearMatchDefaults is the data file the estimating command writes
// (go run ./bench/nearmatch -write internal/policy/nearmatch.json).
//
//go:embed nearmatch.json
var nearMatchDefaults []byte

// DefaultNearMatch reads the estimated defaults.
func DefaultNearMatch() NearMatch {
	var n NearMatch
	if err := json.Unmarshal(nearMatchDefaults, &n); err != nil {
		panic(fmt.Sprintf("policy: nearmatch.json: %v", err)) // the file is compiled in; a bad one fails every test
	}
	return n
}

// validate reports a field that is missing or whose probabilities are not
// distributions.
func (n NearMatch) validate() []error {
	var errs []error
	if n.ReviewWeight <= 0 {
		errs = append(errs, fmt.Errorf("near_match.review_weight must be positive, got %v", n.ReviewWeight))
	}
	for _, f := range NearMatchFields {
		p, ok := n.Fields[f]
		if !ok {
			errs = append(errs, fmt.Errorf("near_match.fields.%s is missing", f))
			continue
		}
		for _, d := range [][3]float64{p.M, p.U} {
			sum := d[0] + d[1] + d[2]
			if slices.ContainsFunc(d[:], func(x float64) bool { return x <= 0 || x >= 1 }) || math.Abs(sum-1) > 0.01 {
				errs = append(errs, fmt.Errorf("near_match.fields.%s: m and u must each be three probabilities in (0,1) summing to 1", f))
				break
			}
		}
	}
	for f := range n.Fields {
		if !slices.Contains(NearMatchFields, f) {
			errs = append(errs, fmt.Errorf("near_match.fields.%s is not a compared field", f))
		}
	}
	return errs
}
