package screen_test

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"standing/internal/screen"
)

type example struct {
	ID      string   `json:"id"`
	Surface string   `json:"surface"`
	Text    string   `json:"text"`
	Expect  []string `json:"expect"`
	AlsoOK  []string `json:"also_ok"`
	Family  string   `json:"family"`
}

func loadExamples(t *testing.T, path string) []example {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("labelled set not available: %v", err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e example
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, e)
	}
	return out
}

// score computes per-category F1 over examples and the false-positive rate
// on clean texts, as ../shared/corpus/README.md defines them.
func score(t *testing.T, s *screen.Screener, exs []example, minF1, maxFP float64) {
	t.Helper()
	type counts struct{ tp, fp, fn int }
	per := map[string]*counts{}
	clean, cleanHit := 0, 0
	for _, e := range exs {
		got := map[string]bool{}
		for _, f := range s.Screen(e.Text, e.Surface) {
			got[f.Category] = true
		}
		for _, c := range []string{screen.Email, screen.Phone, screen.URL, screen.Handle, screen.OffPlatform, screen.PositiveReview} {
			if per[c] == nil {
				per[c] = &counts{}
			}
			want := slices.Contains(e.Expect, c)
			switch {
			case want && got[c]:
				per[c].tp++
			case want:
				per[c].fn++
				t.Logf("missed %s in %s: %q", c, e.ID, e.Text)
			case got[c] && !slices.Contains(e.AlsoOK, c):
				per[c].fp++
				t.Logf("false %s in %s: %q", c, e.ID, e.Text)
			}
		}
		if len(e.Expect) == 0 {
			clean++
			if len(got) > 0 {
				cleanHit++
			}
		}
	}
	for c, k := range per {
		if k.tp+k.fn == 0 {
			continue
		}
		p := float64(k.tp) / float64(max(1, k.tp+k.fp))
		r := float64(k.tp) / float64(k.tp+k.fn)
		f1 := 2 * p * r / max(p+r, 1e-9)
		t.Logf("%-24s P=%.3f R=%.3f F1=%.3f", c, p, r, f1)
		if f1 < minF1 {
			t.Errorf("%s: F1 %.3f below %.2f", c, f1, minF1)
		}
	}
	if clean > 0 {
		fp := float64(cleanHit) / float64(clean)
		t.Logf("clean texts with a finding: %d of %d (%.1f%%)", cleanHit, clean, 100*fp)
		if fp > maxFP {
			t.Errorf("false positives on clean texts %.3f above %.2f", fp, maxFP)
		}
	}
}

// TestDevSetC1 runs the shared labelled development set (C1): F1 at least
// 0.97 for every category and at most 1% of clean texts with a finding.
func TestDevSetC1(t *testing.T) {
	score(t, screen.New(), loadExamples(t, "../../../shared/corpus/screening-dev.jsonl"), 0.97, 0.01)
}
