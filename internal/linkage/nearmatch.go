package linkage

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/identity"
	"standing/internal/policy"
)

// The fields M9 compares, as API.md names them on a link's comparisons.
const (
	FieldLegalName = "legal_name"
	FieldDOB       = "date_of_birth"
	FieldAddress   = "address"
	FieldText      = "profile_text"
	FieldDevice    = "device_traits"
)

// Fields lists the compared fields in the order comparisons are shown.
var Fields = []string{FieldLegalName, FieldDOB, FieldAddress, FieldText, FieldDevice}

// The levels of a comparison (M9), also the index into Probs.M and Probs.U.
const (
	LevelNone = iota
	LevelClose
	LevelExact
)

// LevelNames are the levels as a link shows them.
var LevelNames = [3]string{"none", "close", "exact"}

// comparison says which encodings make a field's levels: the exact level
// when an exact encoding is shared, the close level when at least
// closeMin close encodings are (one unless the field is text, where it
// is a number of LSH bands). A field is compared only when both records
// hold one of its exact encodings.
type comparison struct {
	field    string
	exact    []string
	close    []string
	closeMin int
}

// TextCloseBands is how many of identity.TextBands LSH bands two texts must
// share to be close: with three rows a band, two texts whose shingles have
// a Jaccard similarity J share a band with probability J^3, so three of
// sixteen is J of about 0.57.
const TextCloseBands = 3

var comparisons = []comparison{
	{FieldLegalName, []string{identity.EncName}, []string{identity.EncNamePhon, identity.EncNameInit}, 1},
	{FieldDOB, []string{identity.EncDOB}, []string{identity.EncDOBClose}, 1},
	{FieldAddress, []string{identity.EncAddr}, []string{identity.EncAddrHouse, identity.EncAddrStreet}, 1},
	{FieldText, []string{identity.EncText}, []string{identity.EncTextBand}, TextCloseBands},
	{FieldDevice, []string{identity.EncDevice}, []string{identity.EncDeviceBuild}, 1},
}

// BlockingKinds are the encodings a sign-up seeks in the index to find
// candidates: specific enough that a value is held by few accounts
// (phonetic name + birth year, one name token + birth date, postal code +
// house number, LSH bands, a device build), so a near-match lookup reads a
// few rows, never the population.
var BlockingKinds = []string{identity.EncNameYOB, identity.EncTokenDOB, identity.EncAddrHouse, identity.EncTextBand,
	identity.EncDeviceBuild}

// Record is one account's encodings: kind to HMACs. A subject's record
// holds its hashes under every secret, a stored one the current hash.
type Record map[string][]string

// Add puts hashes of a kind into the record.
func (r Record) Add(kind string, hashes ...string) {
	for _, h := range hashes {
		if !slices.Contains(r[kind], h) {
			r[kind] = append(r[kind], h)
		}
	}
}

// FreqKey names one encoding value in a frequency table.
func FreqKey(kind, hash string) string { return kind + ":" + hash }

// Probs are the m and u probabilities of a field's levels (none, close,
// exact): how often true matches and non-matches compare at each level.
type Probs struct {
	M [3]float64 `json:"m"`
	U [3]float64 `json:"u"`
}

// Weight is the level's Fellegi-Sunter weight, log2(m/u).
func (p Probs) Weight(level int) float64 {
	return math.Log2(max(p.M[level], 1e-9) / max(p.U[level], 1e-9))
}

// LevelWeight is Weight made monotone: a closer level is never weaker
// evidence than a looser one. Estimated from evaders who always alter what
// they keep, an exact level can be rarer among matches than a close one;
// an exact agreement still says at least what a close one says.
func (p Probs) LevelWeight(level int) float64 {
	w := p.Weight(LevelNone)
	for l := LevelClose; l <= level; l++ {
		w = max(w, p.Weight(l))
	}
	return w
}

// NearSettings are the tunables of M9: probabilities per field, the match
// weight from which a near match to a suspended or banned account goes to
// review, and the account count above which a shared value is common.
type NearSettings struct {
	Fields         map[string]Probs
	ReviewWeight   float64
	CommonAccounts int
}

// Candidate is an account found by blocking, with its stored encodings.
type Candidate struct {
	AccountID string
	Status    string
	WasBanned bool // erased after a ban: still sanctioned for M9
	Record    Record
}

// shared counts the values of kinds that both records hold, and how many
// accounts hold the rarest of them (0 when freq does not know). With
// common > 0, values held by more than common accounts are not counted.
func shared(a, b Record, kinds []string, freq map[string]int, common int) (n, rarest int) {
	for _, k := range kinds {
		for _, h := range a[k] {
			if common > 0 && freq[FreqKey(k, h)] > common {
				continue
			}
			if slices.Contains(b[k], h) {
				n++
				if f := freq[FreqKey(k, h)]; f > 0 && (rarest == 0 || f < rarest) {
					rarest = f
				}
			}
		}
	}
	return n, rarest
}

// Compare computes the comparison vector of two records: every field both
// hold, at its level, with its weight. A value held by more than
// CommonAccounts accounts (a popular profile template, a stock laptop's
// fonts) loses log2(held/common) of its weight, never below zero, the way
// Splink adjusts weights for term frequency.
func Compare(subject, other Record, freq map[string]int, s NearSettings) []decision.Comparison {
	var out []decision.Comparison
	for _, c := range comparisons {
		if !holdsAny(subject, c.exact) || !holdsAny(other, c.exact) {
			continue
		}
		level := LevelNone
		var rarest int
		if c.closeMin > 1 {
			level = bandLevel(subject, other, c, freq, s.CommonAccounts)
		} else if n, f := shared(subject, other, c.exact, freq, 0); n > 0 {
			level, rarest = LevelExact, f
		} else if n, f := shared(subject, other, c.close, freq, 0); n >= c.closeMin {
			level, rarest = LevelClose, f
		}
		p, ok := s.Fields[c.field]
		if !ok {
			continue
		}
		w := p.LevelWeight(level)
		if level != LevelNone && rarest > s.CommonAccounts && s.CommonAccounts > 0 {
			w = max(0, w-math.Log2(float64(rarest)/float64(s.CommonAccounts)))
		}
		out = append(out, decision.Comparison{Field: c.field, Level: LevelNames[level], Weight: math.Round(w*100) / 100})
	}
	return out
}

// bandLevel is the level of a field compared by several values (the LSH
// bands of a text). The evidence is in the rare bands: two copies of a
// popular template, even word for word, share mostly bands that many
// accounts hold. So the texts are close when at least closeMin of the
// shared bands are rare and the rare ones are at least half of the shared
// ones, and exact when, on top of that, the whole texts are equal.
func bandLevel(subject, other Record, c comparison, freq map[string]int, common int) int {
	all, _ := shared(subject, other, c.close, freq, 0)
	rare, _ := shared(subject, other, c.close, freq, common)
	if rare < c.closeMin || 2*rare < all {
		return LevelNone
	}
	if n, _ := shared(subject, other, c.exact, freq, 0); n > 0 {
		return LevelExact
	}
	return LevelClose
}

func holdsAny(r Record, kinds []string) bool {
	for _, k := range kinds {
		if len(r[k]) > 0 {
			return true
		}
	}
	return false
}

// Levels is the comparison vector of two records as level indexes, -1 for
// a field not compared: the input of Estimate. Values held by more than
// common records (when common > 0) do not count as agreement: Compare
// discounts them by their frequency instead, so the probabilities are
// those of agreeing on a rare value.
func Levels(subject, other Record, freq map[string]int, common int) []int {
	out := make([]int, len(comparisons))
	for i, c := range comparisons {
		out[i] = -1
		if !holdsAny(subject, c.exact) || !holdsAny(other, c.exact) {
			continue
		}
		out[i] = LevelNone
		if c.closeMin > 1 {
			out[i] = bandLevel(subject, other, c, freq, common)
		} else if n, _ := shared(subject, other, c.exact, freq, common); n > 0 {
			out[i] = LevelExact
		} else if n, _ := shared(subject, other, c.close, freq, common); n >= c.closeMin {
			out[i] = LevelClose
		}
	}
	return out
}

// Near compares the subject with each candidate and returns a near link
// per candidate with any field at the close or exact level, highest match
// weight first. The match weight is the sum of the comparison weights
// (log2 of the Bayes factor of "same person" over "different people").
func Near(subject Record, cands []Candidate, freq map[string]int, s NearSettings) []decision.Link {
	var out []decision.Link
	for _, c := range cands {
		cmp := Compare(subject, c.Record, freq, s)
		var w float64
		agree := false
		for _, x := range cmp {
			w += x.Weight
			agree = agree || x.Level != "none"
		}
		if !agree {
			continue
		}
		w = math.Round(w*100) / 100
		out = append(out, decision.Link{AccountID: c.AccountID, Status: c.Status, WasBanned: c.WasBanned, Score: oddsScore(w), Signals: []string{},
			Strength: "near", Comparisons: cmp, MatchWeight: &w})
	}
	slices.SortStableFunc(out, func(a, b decision.Link) int {
		switch {
		case *a.MatchWeight > *b.MatchWeight:
			return -1
		case *a.MatchWeight < *b.MatchWeight:
			return 1
		}
		return 0
	})
	return out
}

// oddsScore turns a match weight into a score in [0, 1]: the probability of
// one person at even prior odds.
func oddsScore(w float64) float64 {
	return math.Round(100/(1+math.Exp2(-w))) / 100
}

// DecideNear adds M9 to a decision made on exact signals (Decide). Near
// links to suspended or banned accounts at or above the review weight turn
// an allow into review under M9; a near match never blocks, bans or refuses
// (the exact verdicts Evasion, Exists and ClosedExists pass unchanged). A
// near link to an account the decision already links gets its comparisons
// added to that link.
func DecideNear(v Verdict, d decision.Decision, near []decision.Link, excepted []string, s NearSettings) (Verdict, decision.Decision) {
	if v != Allow && v != Review {
		return v, d
	}
	for _, n := range near {
		if slices.Contains(excepted, n.AccountID) || !n.Banned() || *n.MatchWeight < s.ReviewWeight {
			continue
		}
		if i := slices.IndexFunc(d.Links, func(l decision.Link) bool { return l.AccountID == n.AccountID }); i >= 0 {
			d.Links[i].Comparisons, d.Links[i].MatchWeight = n.Comparisons, n.MatchWeight
		} else {
			d.Links = append(d.Links, n)
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("near match to %s account %s: %s (match weight %.1f)",
			statusWord(n), n.AccountID, agreeing(n.Comparisons), *n.MatchWeight))
		if v == Allow {
			v, d.Outcome, d.Rule = Review, "review", rule("M9")
		}
	}
	return v, d
}

// agreeing names the fields that compare close or exact.
func agreeing(cmp []decision.Comparison) string {
	var parts []string
	for _, c := range cmp {
		if c.Level != "none" {
			parts = append(parts, strings.ReplaceAll(c.Field, "_", " ")+" "+c.Level)
		}
	}
	return strings.Join(parts, ", ")
}

// NearCase is the linkage case M9 opens for a near match to a suspended or
// banned account: the body lists each comparison with its weight, so the
// reviewer sees why before opening the accounts.
func NearCase(accountID string, d decision.Decision) effect.OpenCase {
	var related, lines []string
	for _, l := range d.Links {
		related = append(related, l.AccountID)
		if l.MatchWeight == nil {
			continue
		}
		var cmp []string
		for _, c := range l.Comparisons {
			cmp = append(cmp, fmt.Sprintf("%s %s %+.1f", c.Field, c.Level, c.Weight))
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %s; match weight %.1f", l.AccountID, l.Status, strings.Join(cmp, ", "), *l.MatchWeight))
	}
	return effect.OpenCase{Kind: "linkage_review", Account: accountID, Rule: "M9", Related: related,
		Body: "Near match to a suspended or banned account (M9): " + strings.Join(lines, " | ")}
}

// NearSettingsOf reads M9's probabilities and review weight from the policy
// settings (the ones in force, or a what-if proposal).
func NearSettingsOf(s policy.Settings) NearSettings {
	return NearSettings{ReviewWeight: s.NearMatch.ReviewWeight, CommonAccounts: s.LinkCommonAccounts, Fields: ProbsOf(s.NearMatch)}
}
