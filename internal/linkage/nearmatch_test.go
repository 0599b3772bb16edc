package linkage_test

import (
	"strings"
	"testing"

	"standing/internal/decision"
	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/policy"
)

func nearSettings() linkage.NearSettings {
	n := policy.DefaultNearMatch()
	return linkage.NearSettings{ReviewWeight: n.ReviewWeight, CommonAccounts: 20, Fields: linkage.ProbsOf(n)}
}

var hasher = identity.NewHasher("near-match-test-secret", nil)

func record(f identity.Facts) linkage.Record {
	r := linkage.Record{}
	for _, e := range hasher.Encode(f) {
		r.Add(e.Kind, e.Hashes...)
	}
	return r
}

func level(cmp []decision.Comparison, field string) string {
	for _, c := range cmp {
		if c.Field == field {
			return c.Level
		}
	}
	return "-"
}

// TestCompareM9: each field compares at the level its encodings allow.
func TestCompareM9(t *testing.T) {
	home := &identity.PostalAddress{Line1: "12 Baker Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}
	for _, c := range []struct {
		name  string
		a, b  identity.Facts
		field string
		want  string
	}{
		{"same name", identity.Facts{Name: "Ivan Petrov"}, identity.Facts{Name: "petrov ivan"}, linkage.FieldLegalName, "exact"},
		{"other transliteration", identity.Facts{Name: "Aleksandr Petrov"}, identity.Facts{Name: "Alexander Petroff"}, linkage.FieldLegalName, "close"},
		{"typo", identity.Facts{Name: "Fatima Hassan"}, identity.Facts{Name: "Fatina Hassan"}, linkage.FieldLegalName, "close"},
		{"other person", identity.Facts{Name: "Fatima Hassan"}, identity.Facts{Name: "Grace Okafor"}, linkage.FieldLegalName, "none"},
		{"birth date", identity.Facts{DOB: "1990-04-12"}, identity.Facts{DOB: "1990-04-12"}, linkage.FieldDOB, "exact"},
		{"birth date swapped", identity.Facts{DOB: "1990-04-12"}, identity.Facts{DOB: "1990-12-04"}, linkage.FieldDOB, "close"},
		{"address rewritten", identity.Facts{Address: home}, identity.Facts{Address: &identity.PostalAddress{Line1: "Baker St. 12", City: "London", PostalCode: "nw16xe", Country: "GB"}},
			linkage.FieldAddress, "exact"},
		{"flat added", identity.Facts{Address: home}, identity.Facts{Address: &identity.PostalAddress{Line1: "12 Baker St, Flat 2", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
			linkage.FieldAddress, "close"},
		{"no address on one side", identity.Facts{Address: home}, identity.Facts{Name: "x"}, linkage.FieldAddress, "-"},
	} {
		got := level(linkage.Compare(record(c.a), record(c.b), nil, nearSettings()), c.field)
		if got != c.want {
			t.Errorf("%s: %s is %s, want %s", c.name, c.field, got, c.want)
		}
	}
}

// TestDecideNearM9: a near match above the review weight to a suspended or
// banned account is review under M9; to an active one, or below the
// weight, nothing; an exact verdict is never changed and a near match
// never blocks.
func TestDecideNearM9(t *testing.T) {
	s := nearSettings()
	w := func(x float64) *float64 { return &x }
	near := func(id, status string, weight float64) decision.Link {
		l := decision.Link{AccountID: id, Status: status, Strength: "near", MatchWeight: w(weight),
			Comparisons: []decision.Comparison{{Field: linkage.FieldLegalName, Level: "close", Weight: weight}}}
		if status == "erased_banned" { // erased after a ban
			l.Status, l.WasBanned = "erased", true
		}
		return l
	}
	allow := decision.Decision{Outcome: "allow", Reasons: []string{}, Links: []decision.Link{}}
	block := decision.Decision{Outcome: "block", Reasons: []string{"shares phone"}, Links: []decision.Link{{AccountID: "b", Status: "banned", Strength: "strong"}}}
	for _, c := range []struct {
		name string
		v    linkage.Verdict
		d    decision.Decision
		near []decision.Link
		exc  []string
		want linkage.Verdict
		out  string
		rule string
	}{
		{"M9 banned above the weight", linkage.Allow, allow, []decision.Link{near("x", "banned", s.ReviewWeight+1)}, nil, linkage.Review, "review", "M9"},
		{"M9 suspended", linkage.Allow, allow, []decision.Link{near("x", "suspended", s.ReviewWeight)}, nil, linkage.Review, "review", "M9"},
		{"M9 erased banned person", linkage.Allow, allow, []decision.Link{near("x", "erased_banned", s.ReviewWeight+5)}, nil, linkage.Review, "review", "M9"},
		{"M9 below the weight", linkage.Allow, allow, []decision.Link{near("x", "banned", s.ReviewWeight-0.5)}, nil, linkage.Allow, "allow", ""},
		{"M9 active account", linkage.Allow, allow, []decision.Link{near("x", "active", 40)}, nil, linkage.Allow, "allow", ""},
		{"M9 closed account", linkage.Allow, allow, []decision.Link{near("x", "closed", 40)}, nil, linkage.Allow, "allow", ""},
		{"M9 excepted (M6)", linkage.Allow, allow, []decision.Link{near("x", "banned", 40)}, []string{"x"}, linkage.Allow, "allow", ""},
		{"M9 never blocks: exact evasion unchanged", linkage.Evasion, block, []decision.Link{near("x", "banned", 40)}, nil, linkage.Evasion, "block", ""},
		{"M9 never refuses: exists unchanged", linkage.Exists, block, []decision.Link{near("x", "banned", 40)}, nil, linkage.Exists, "block", ""},
	} {
		d := c.d
		d.Links = append([]decision.Link{}, c.d.Links...)
		v, got := linkage.DecideNear(c.v, d, c.near, c.exc, s)
		if v != c.want || got.Outcome != c.out || (c.rule != "" && (got.Rule == nil || *got.Rule != c.rule)) {
			t.Errorf("%s: %v %+v", c.name, v, got)
		}
		if c.out == "review" && (len(got.Links) != 1 || got.Links[0].MatchWeight == nil || len(got.Links[0].Comparisons) == 0) {
			t.Errorf("%s: the link does not explain itself: %+v", c.name, got.Links)
		}
	}
}

// TestNearM9: an evader with a transliterated name and the same birth date
// passes the review weight; a same-name stranger born another day does not;
// a value held by many accounts loses its weight.
func TestNearM9(t *testing.T) {
	s := nearSettings()
	banned := linkage.Candidate{AccountID: "b", Status: "banned", Record: record(identity.Facts{Name: "Aleksandr Petrov", DOB: "1985-03-07"})}
	evader := record(identity.Facts{Name: "Alexander Petroff", DOB: "1985-03-07"})
	stranger := record(identity.Facts{Name: "Aleksandr Petrov", DOB: "1962-11-23"})
	if l := linkage.Near(evader, []linkage.Candidate{banned}, nil, s); len(l) != 1 || *l[0].MatchWeight < s.ReviewWeight {
		t.Errorf("evader: %+v", l)
	}
	if l := linkage.Near(stranger, []linkage.Candidate{banned}, nil, s); len(l) == 1 && *l[0].MatchWeight >= s.ReviewWeight {
		t.Errorf("same-name stranger passed the review weight: %+v", l[0])
	}
	text := "Conversion-focused Shopify developer. I build fast stores, custom themes and apps; five years, 200 shops, clear weekly updates."
	a, b := record(identity.Facts{Text: text}), record(identity.Facts{Text: text})
	freq := map[string]int{}
	for _, h := range a[identity.EncTextBand] {
		freq[linkage.FreqKey(identity.EncTextBand, h)] = 5000
	}
	rare := linkage.Compare(a, b, nil, s)
	common := linkage.Compare(a, b, freq, s)
	if rare[0].Level != "exact" || rare[0].Weight <= 0 || common[0].Level != "none" || common[0].Weight >= 0 {
		t.Errorf("a template whose bands 5000 accounts hold kept its weight: rare %+v common %+v", rare, common)
	}
}

// TestEstimateM9: EM recovers m and u on vectors drawn from known ones.
func TestEstimateM9(t *testing.T) {
	var blocked, random [][]int
	for i := range 4000 {
		v := make([]int, len(linkage.Fields))
		r := make([]int, len(linkage.Fields))
		for f := range v {
			v[f], r[f] = linkage.LevelNone, linkage.LevelNone
			if i%100 == f {
				r[f] = linkage.LevelExact
			}
			if i%4 == 0 && i%3 != f%3 { // one pair in four is one person: most fields agree
				v[f] = linkage.LevelExact
			} else if i%50 == f {
				v[f] = linkage.LevelClose
			}
		}
		blocked, random = append(blocked, v), append(random, r)
	}
	probs, lambda := linkage.Estimate(blocked, nil, random, nearSettings().Fields, 30)
	if lambda < 0.15 || lambda > 0.35 {
		t.Errorf("lambda %v, want about 0.25", lambda)
	}
	for f, p := range probs {
		if p.Weight(linkage.LevelExact) < 3 || p.Weight(linkage.LevelNone) > 0 {
			t.Errorf("%s: exact %.1f none %.1f", f, p.Weight(linkage.LevelExact), p.Weight(linkage.LevelNone))
		}
	}
}

// BenchmarkNear compares a sign-up with 16 candidates holding every field.
func BenchmarkNear(b *testing.B) {
	s := nearSettings()
	subject := record(identity.Facts{Name: "Alexander Petroff", DOB: "1985-03-07", Device: &identity.DeviceTraits{UserAgent: "ua", Screen: "1x1"}})
	var cands []linkage.Candidate
	for i := range 16 {
		cands = append(cands, linkage.Candidate{AccountID: "c", Status: "banned", Record: record(identity.Facts{Name: "Aleksandr Petrov",
			DOB: "1985-03-07", Text: "some profile text of a few words " + strings.Repeat("x ", i),
			Address: &identity.PostalAddress{Line1: "1 Main St", PostalCode: "1", Country: "US"}})})
	}
	for b.Loop() {
		linkage.Near(subject, cands, nil, s)
	}
}
