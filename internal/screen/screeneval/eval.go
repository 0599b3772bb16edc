// Package screeneval judges the screening engine on the authored corpus
// (internal/screen/corpus) by leave-one-family-out: for each evasion family,
// the learned layer is trained without it and scored on it, so the figure
// says how the engine does on a trick it has not seen (DESIGN.md "Detection
// that generalizes"). The extractors are rules written by hand and are the
// same in every fold.
package screeneval

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"standing/internal/screen"
	"standing/internal/screen/corpus"
)

// Labelled converts corpus examples to training examples.
func Labelled(exs []corpus.Example) []screen.Labelled {
	out := make([]screen.Labelled, len(exs))
	for i, e := range exs {
		l := screen.Labelled{Text: e.Text, Surface: e.Surface}
		for _, s := range e.Spans {
			l.Spans = append(l.Spans, screen.LabelSpan{Category: s.Category, Start: s.Start, End: s.End})
		}
		out[i] = l
	}
	return out
}

// Predictions holds, per example index, the categories the engine found.
type Predictions [][]string

func predict(s *screen.Screener, e corpus.Example) []string {
	var cats []string
	for _, f := range s.Screen(e.Text, e.Surface) {
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	return cats
}

// LOFO predicts every example with a model trained without its family.
// With rulesOnly, no model is trained: the extractors alone.
func LOFO(exs []corpus.Example, rulesOnly bool) Predictions {
	preds := make(Predictions, len(exs))
	byFam := map[string][]int{}
	var fams []string
	for i, e := range exs {
		if byFam[e.Family] == nil {
			fams = append(fams, e.Family)
		}
		byFam[e.Family] = append(byFam[e.Family], i)
	}
	if rulesOnly {
		s := screen.NewWithModel(nil)
		for i, e := range exs {
			preds[i] = predict(s, e)
		}
		return preds
	}
	// Folds are independent: run them on every core. Each fold writes only
	// the predictions of its own family, so the result does not depend on
	// the schedule.
	var wg sync.WaitGroup
	work := make(chan string)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				var train []corpus.Example
				for _, e := range exs {
					if e.Family != f {
						train = append(train, e)
					}
				}
				s := screen.NewWithModel(screen.Train(Labelled(train)))
				for _, i := range byFam[f] {
					preds[i] = predict(s, exs[i])
				}
			}
		}()
	}
	for _, f := range fams {
		work <- f
	}
	close(work)
	wg.Wait()
	return preds
}

// Score is one F1 figure and its counts.
type Score struct {
	Name       string
	TP, FN     int
	FP         float64 // expected false positives on as many hard negatives as positives
	P, R, F1   float64
	Negatives  int
	NegFlagged int
}

func (s *Score) finish() {
	s.P = float64(s.TP) / max(float64(s.TP)+s.FP, 1e-9)
	s.R = float64(s.TP) / max(float64(s.TP+s.FN), 1)
	s.F1 = 2 * s.P * s.R / max(s.P+s.R, 1e-9)
}

// Report is the leave-one-family-out result.
type Report struct {
	// Families[category] holds one Score per family of that category.
	Families map[string][]Score
	// Languages[category] holds one Score per language.
	Languages map[string][]Score
	// NegFP is the share of hard negatives with any finding; NegByFamily
	// and NegByLanguage break it down.
	NegFP         float64
	NegByFamily   []Score
	NegByLanguage []Score
	// CrossFlags counts positive texts flagged with a category they do not
	// hold and do not allow.
	CrossFlags int
}

// Categories in report order.
var Categories = []string{screen.Email, screen.Phone, screen.URL, screen.Handle, screen.OffPlatform, screen.PositiveReview}

// Evaluate scores predictions. The F1 of a family counts its texts as
// positives and, as negatives, as many hard negatives as it has texts,
// with the false positives expected there at the category's out-of-fold
// rate on all hard negatives (of the same language, for the per-language
// figure). This keeps a family's F1 about the family, on a balanced set,
// without drawing a sample.
func Evaluate(exs []corpus.Example, preds Predictions) Report {
	rep := Report{Families: map[string][]Score{}, Languages: map[string][]Score{}}
	negCat := map[string]int{}
	negCatLang := map[string]map[string]int{}
	negLang := map[string]*Score{}
	negFam := map[string]*Score{}
	negs, negHit := 0, 0
	for i, e := range exs {
		if !e.Negative() {
			for _, c := range preds[i] {
				if !slices.Contains(e.Categories, c) && !slices.Contains(e.AlsoOK, c) {
					rep.CrossFlags++
				}
			}
			continue
		}
		negs++
		if negLang[e.Language] == nil {
			negLang[e.Language] = &Score{Name: e.Language}
			negCatLang[e.Language] = map[string]int{}
		}
		if negFam[e.Family] == nil {
			negFam[e.Family] = &Score{Name: e.Family}
		}
		negLang[e.Language].Negatives++
		negFam[e.Family].Negatives++
		if len(preds[i]) > 0 {
			negHit++
			negLang[e.Language].NegFlagged++
			negFam[e.Family].NegFlagged++
		}
		for _, c := range preds[i] {
			negCat[c]++
			negCatLang[e.Language][c]++
		}
	}
	rep.NegFP = float64(negHit) / float64(max(negs, 1))
	for _, c := range Categories {
		fam := map[string]*Score{}
		lang := map[string]*Score{}
		for i, e := range exs {
			if !slices.Contains(e.Categories, c) {
				continue
			}
			if fam[e.Family] == nil {
				fam[e.Family] = &Score{Name: e.Family}
			}
			if lang[e.Language] == nil {
				lang[e.Language] = &Score{Name: e.Language}
			}
			hit := slices.Contains(preds[i], c)
			for _, s := range []*Score{fam[e.Family], lang[e.Language]} {
				if hit {
					s.TP++
				} else {
					s.FN++
				}
			}
		}
		rate := float64(negCat[c]) / float64(max(negs, 1))
		for _, s := range fam {
			s.FP = rate * float64(s.TP+s.FN)
			s.finish()
			rep.Families[c] = append(rep.Families[c], *s)
		}
		for l, s := range lang {
			n := negLang[l]
			lr := 0.0
			if n != nil {
				lr = float64(negCatLang[l][c]) / float64(max(n.Negatives, 1))
			}
			s.FP = lr * float64(s.TP+s.FN)
			s.finish()
			rep.Languages[c] = append(rep.Languages[c], *s)
		}
		// Worst first; families that tie in order of name, so that the worst
		// family printed is the same in every run.
		sort.Slice(rep.Families[c], func(i, j int) bool {
			a, b := rep.Families[c][i], rep.Families[c][j]
			return a.F1 < b.F1 || a.F1 == b.F1 && a.Name < b.Name
		})
		sort.Slice(rep.Languages[c], func(i, j int) bool { return rep.Languages[c][i].Name < rep.Languages[c][j].Name })
	}
	for _, s := range negFam {
		rep.NegByFamily = append(rep.NegByFamily, *s)
	}
	for _, s := range negLang {
		rep.NegByLanguage = append(rep.NegByLanguage, *s)
	}
	sort.Slice(rep.NegByFamily, func(i, j int) bool { return rep.NegByFamily[i].Name < rep.NegByFamily[j].Name })
	sort.Slice(rep.NegByLanguage, func(i, j int) bool { return rep.NegByLanguage[i].Name < rep.NegByLanguage[j].Name })
	return rep
}

// Worst and Median of a category's family F1.
func (r Report) Worst(c string) Score { return r.Families[c][0] }

func (r Report) Median(c string) float64 {
	fs := r.Families[c]
	n := len(fs)
	if n%2 == 1 {
		return fs[n/2].F1
	}
	return (fs[n/2-1].F1 + fs[n/2].F1) / 2
}

// Print writes the report as text tables.
func (r Report) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%-24s %6s %6s  %s\n", "category", "worst", "median", "worst family (recall)")
	for _, c := range Categories {
		wst := r.Worst(c)
		fmt.Fprintf(w, "%-24s %6.3f %6.3f  %s (%.3f)\n", c, wst.F1, r.Median(c), wst.Name, wst.R)
	}
	negs, hit := 0, 0
	for _, s := range r.NegByLanguage {
		negs += s.Negatives
		hit += s.NegFlagged
	}
	fmt.Fprintf(w, "hard negatives flagged: %d of %d (%.2f%%); positives flagged with a foreign category: %d\n", hit, negs, 100*r.NegFP, r.CrossFlags)
	fmt.Fprintf(w, "\nper language: F1 per category, hard negatives flagged\n%-4s", "")
	for _, c := range Categories {
		fmt.Fprintf(w, " %8s", strings.TrimPrefix(strings.TrimPrefix(c, "contact."), "payment."))
	}
	fmt.Fprintf(w, " %8s\n", "neg FP")
	for li, n := range r.NegByLanguage {
		fmt.Fprintf(w, "%-4s", n.Name)
		for _, c := range Categories {
			f1 := 0.0
			for _, s := range r.Languages[c] {
				if s.Name == n.Name {
					f1 = s.F1
				}
			}
			fmt.Fprintf(w, " %8.3f", f1)
		}
		fmt.Fprintf(w, " %7.2f%%\n", 100*float64(r.NegByLanguage[li].NegFlagged)/float64(max(n.Negatives, 1)))
	}
	if !verbose {
		return
	}
	fmt.Fprintf(w, "\nper family (held out): F1, recall\n")
	for _, c := range Categories {
		for _, s := range r.Families[c] {
			fmt.Fprintf(w, "  %-24s %-26s F1 %.3f  R %.3f  (%d/%d)\n", c, s.Name, s.F1, s.R, s.TP, s.TP+s.FN)
		}
	}
	fmt.Fprintf(w, "\nhard negatives per family (held out): flagged\n")
	for _, s := range r.NegByFamily {
		fmt.Fprintf(w, "  %-26s %d/%d\n", s.Name, s.NegFlagged, s.Negatives)
	}
}

// PrintMisses writes, for every family whose name starts with prefix, how
// many of its texts the engine got right held out, then each one it got
// wrong: a violation not found in its category, or a hard negative
// flagged. It is what one reads before deciding what the engine lacks.
func PrintMisses(w io.Writer, exs []corpus.Example, preds Predictions, prefix string) {
	var fams []string
	wrong := map[string][]int{}
	total := map[string]int{}
	for i, e := range exs {
		if !strings.HasPrefix(e.Family, prefix) {
			continue
		}
		if total[e.Family] == 0 {
			fams = append(fams, e.Family)
		}
		total[e.Family]++
		missed := len(preds[i]) > 0
		if !e.Negative() {
			missed = !slices.Contains(preds[i], e.Categories[0])
		}
		if missed {
			wrong[e.Family] = append(wrong[e.Family], i)
		}
	}
	for _, f := range fams {
		fmt.Fprintf(w, "%s: %d of %d right\n", f, total[f]-len(wrong[f]), total[f])
		for _, i := range wrong[f] {
			e := exs[i]
			fmt.Fprintf(w, "  [%s %s] %q found %v\n", e.Language, e.Surface, e.Text, preds[i])
		}
	}
}
