package screen

import (
	"math"
	"slices"
	"testing"

	"standing/internal/screen/msggen"
)

// TestSurfaceThresholds pins the reading of issue 12: a job post or a
// profile about payment or messenger work needs more of the model than a
// message before it counts as a payment ask or a handle.
func TestSurfaceThresholds(t *testing.T) {
	for c, name := range modelClasses {
		for _, s := range []string{"job_post", "profile"} {
			if threshold(s, c) < threshold("message", c) {
				t.Errorf("%s on %s: threshold %.3f below a message's %.3f", name, s, threshold(s, c), threshold("message", c))
			}
		}
	}
	if off := classIndex(OffPlatform); threshold("job_post", off) <= threshold("message", off) {
		t.Error("a job post should need more than a message to be a payment ask")
	}
}

// TestEmbeddedModelLoads checks that the embedded model decodes and that
// New uses it.
func TestEmbeddedModelLoads(t *testing.T) {
	if EmbeddedModel() == nil || New().model == nil {
		t.Fatal("no embedded model: run go run ./cmd/screentrain")
	}
	if (&Model{}).UnmarshalBinary([]byte("nope")) == nil {
		t.Fatal("a short file decoded as a model")
	}
}

// TestInferMatchesFeatures checks that infer, which the screener uses,
// gives for every sentence the cue mask and the integer weight sums that
// the full feature list of training (sentence and grams) gives, with the
// word memo cold and warm, and for words too long to be remembered.
func TestInferMatchesFeatures(t *testing.T) {
	m := EmbeddedModel()
	texts := []string{
		"P a y P a l me at p.a.y.p.a.l, whats app +1 555 0100, 5* review pls",
		"Supercalifragilisticexpialidociousandthensome paypal transfer 1z999aa1012 ★★★★★",
		"Оплата через PayPaI или Т е л е г р а м; ведь это проще!",
	}
	g := msggen.New(3)
	for range 400 {
		msg, _ := g.Message(g.Length())
		texts = append(texts, msg)
	}
	var z featurizer
	for pass := range 2 {
		for _, text := range texts {
			sc := &scan{}
			sc.read(text)
			sc.splitSentences()
			for _, st := range sc.sents {
				mask := z.infer(m, sc, st.from, st.to)
				acc := z.logits(m)
				var want [nClasses]int32
				wantMask := m.cues(z.sentence(sc, st.from, st.to))
				for _, f := range z.grams() {
					for c := range want {
						want[c] += int32(m.w[int(f)*nClasses+c])
					}
				}
				if mask != wantMask || acc != want {
					t.Fatalf("pass %d, %q: infer gives mask %b, sums %v; the features give %b, %v", pass, text, mask, acc, wantMask, want)
				}
				for c := range nClasses {
					if reportable&(1<<c) != 0 && int64(z.own[c])+z.top < int64(acc[c]) {
						t.Fatalf("%q: class %d sums %d above its bound %d", text, c, acc[c], int64(z.own[c])+z.top)
					}
				}
			}
		}
	}
}

// TestLearnedVetoes pins the two readings that keep the learned layer off
// honest text it was never shown: a review request that leaves the rating
// to the reviewer, and a payment made by way of the platform.
func TestLearnedVetoes(t *testing.T) {
	first := func(text string) (*scan, sentence) {
		sc := &scan{}
		sc.read(text)
		sc.splitSentences()
		return sc, sc.sents[0]
	}
	for text, want := range map[string]bool{
		"Please leave whatever feedback you think is fair.":       true,
		"Laissez l'évaluation qui vous semble juste.":             true,
		"Ostavte tu ocenku, kotoruyu schitaete spravedlivoj.":     true,
		"Jo rating aapko sahi lage woh dena.":                     true,
		"Laisse juste cinq étoiles, s'il te plaît.":               false,
		"Please leave me a glowing review when we close.":         false,
		"Geben Sie mir bitte die Höchstnote, das hilft mir sehr.": false,
	} {
		sc, st := first(text)
		if got := sc.leavesRatingOpen(st); got != want {
			t.Errorf("leavesRatingOpen(%q) = %v, want %v", text, got, want)
		}
	}
	for text, want := range map[string]bool{
		"Please pay through the platform so we are both protected.":        true,
		"Bitte zahlen Sie über die Plattform, dann sind wir beide sicher.": true,
		"All payments go through the milestones on this site.":             true,
		"Payment platform se hi karna, please.":                            true,
		"I'd rather not get paid through this website.":                    false,
		"Je préfère ne pas être payé par ce site.":                         false,
		"Pay through PayPal instead of the platform.":                      false,
		"Let's settle outside the platform, not through the escrow.":       false,
	} {
		sc, st := first(text)
		if got := sc.paysOnPlatform(st); got != want {
			t.Errorf("paysOnPlatform(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestReach checks that the least sums Model.reach holds are where prob
// crosses each threshold, on every surface.
func TestReach(t *testing.T) {
	m := EmbeddedModel()
	for k, surface := range append(slices.Clone(Surfaces), "elsewhere") {
		row := surfaceIndex(surface)
		if row != min(k, len(Surfaces)) {
			t.Fatalf("%s: row %d", surface, row)
		}
		for c := range nClasses {
			r, th := m.reach[row][c], threshold(surface, c)
			if r > math.MaxInt32 || r <= math.MinInt32 {
				t.Fatalf("%s, class %d: reach %d out of the sums the model makes", surface, c, r)
			}
			s := int32(r)
			if m.prob(s, c) < th || m.prob(s-1, c) >= th || !m.reaches(row, c, s) || m.reaches(row, c, s-1) {
				t.Errorf("%s, class %d: reach %d, probabilities %v and %v around threshold %v", surface, c, s, m.prob(s-1, c), m.prob(s, c), th)
			}
		}
	}
}
